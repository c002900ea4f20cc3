#include <catch2/catch.hpp>

#include "boxoffice/model/Wire.h"

using namespace boxoffice::model;
using nlohmann::json;

namespace {

// Every key the expected document has, the actual one has with an equal value (recursively;
// arrays element by element). Extra keys in `actual` are allowed: pretix adds fields over time.
void requireSuperset(const json& expected, const json& actual, const std::string& path = "$") {
    INFO(path);
    if (expected.is_object()) {
        REQUIRE(actual.is_object());
        for (const auto& [k, v] : expected.items()) {
            INFO("key " << k);
            REQUIRE(actual.contains(k));
            requireSuperset(v, actual[k], path + "." + k);
        }
    } else if (expected.is_array()) {
        REQUIRE(actual.is_array());
        REQUIRE(actual.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            requireSuperset(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
        }
    } else {
        CHECK(actual == expected);
    }
}

// The order example of seed 001 (orders), as the document gives it.
const json kSeedOrder = json::parse(R"({
  "code": "ABC12", "status": "p", "secret": "k24fiuwvu8kxz3y1", "email": "tester@example.org",
  "locale": "en", "datetime": "2017-12-01T10:00:00Z", "expires": "2017-12-10T10:00:00Z",
  "payment_date": "2017-12-05", "payment_provider": "banktransfer", "payment_fee": "0.00",
  "payment_fee_tax_rate": "0.00", "payment_fee_tax_value": "0.00", "total": "23.00", "comment": "",
  "invoice_address": {"last_modified": "2017-12-01T10:00:00Z", "company": "Sample company",
    "name": "John Doe", "street": "Test street 12", "zipcode": "12345", "city": "Testington",
    "country": "Testikistan", "vat_id": "EU123456789"},
  "positions": [{"id": 23442, "order": "ABC12", "positionid": 1, "item": 1345, "variation": null,
    "price": "23.00", "attendee_name": "Peter", "attendee_email": null, "voucher": null,
    "tax_rate": "0.00", "tax_value": "0.00", "secret": "z3fsn8jyufm5kpk768q69gkbyr5f4h6w",
    "addon_to": null, "checkins": [{"datetime": "2017-12-25T12:45:23Z"}],
    "downloads": [{"output": "pdf",
      "url": "https://pretix.eu/api/v1/organizers/bigevents/events/sampleconf/orderpositions/23442/download/pdf/"}]}],
  "downloads": [{"output": "pdf",
    "url": "https://pretix.eu/api/v1/organizers/bigevents/events/sampleconf/orders/ABC12/download/pdf/"}]
})");

// The check-in list example of seed 004.
const json kSeedList = json::parse(R"({
  "id": 1, "name": "Default list", "checkin_count": 123, "position_count": 456,
  "all_products": true, "limit_products": [], "include_pending": false, "subevent": null,
  "auto_checkin_sales_channels": ["pretixpos"]
})");

const wire::Links kLinks{"https://pretix.eu/api/v1/organizers/bigevents/events/sampleconf/", true};

}  // namespace

TEST_CASE("The seed's order example reads and writes back unchanged", "[wire]") {
    auto order = wire::orderFromJson(kSeedOrder);
    REQUIRE(order);
    CHECK(order->total.minor() == 2300);
    CHECK(order->status == OrderStatus::Paid);
    REQUIRE(order->positions.size() == 1);
    CHECK(order->positions[0].secret == "z3fsn8jyufm5kpk768q69gkbyr5f4h6w");

    Checkin c;
    c.datetime = *parseTimestamp("2017-12-25T12:45:23Z");
    c.listId = 1;
    const json written = wire::toJson(order.value(), {{c}}, kLinks);
    requireSuperset(kSeedOrder, written);
}

TEST_CASE("The seed's check-in list example reads and writes back unchanged", "[wire]") {
    CheckinList base;
    base.id = 1;
    auto list = wire::checkinListFromJson(kSeedList, base);
    REQUIRE(list);
    list.value().positionCount = 456;
    list.value().checkinCount = 123;
    requireSuperset(kSeedList, wire::toJson(list.value()));
    const json written = wire::toJson(list.value());
    CHECK(written["allow_multiple_entries"] == false);
    CHECK(written["allow_entry_after_exit"] == true);
}

TEST_CASE("PATCH keeps what the body does not name and ignores read-only counts", "[wire]") {
    CheckinList base;
    base.id = 2;
    base.name = "VIP entry";
    base.allProducts = false;
    base.limitProducts = {1, 2};
    auto patched = wire::checkinListFromJson(json{{"name", "Backstage"}, {"checkin_count", 999}}, base, true);
    REQUIRE(patched);
    CHECK(patched->name == "Backstage");
    CHECK(patched->limitProducts == std::vector<Id>{1, 2});
    CHECK_FALSE(patched->allProducts);
    CHECK(patched->checkinCount == 0);
}

TEST_CASE("Invalid input gives pretix-shaped field errors", "[wire]") {
    auto bad = wire::checkinListFromJson(json{{"name", 5}, {"limit_products", "x"}, {"include_pending", "maybe"}});
    REQUIRE_FALSE(bad);
    const json body = wire::errorBody(bad.error().fields);
    CHECK(body["name"][0] == "Not a valid string.");
    CHECK(body.contains("limit_products"));
    CHECK(body["include_pending"][0] == "Must be a valid boolean.");

    auto missing = wire::checkinListFromJson(json::object());
    REQUIRE_FALSE(missing);
    CHECK(wire::errorBody(missing.error().fields)["name"][0] == "This field is required.");

    auto notObject = wire::orderFromJson(json::array());
    REQUIRE_FALSE(notObject);
    CHECK(notObject.error().fields.count("non_field_errors") == 1);

    json order = kSeedOrder;
    order["positions"][0]["item"] = "twelve";
    order["total"] = "23.001";
    order["datetime"] = "yesterday";
    auto badOrder = wire::orderFromJson(order);
    REQUIRE_FALSE(badOrder);
    const auto& f = badOrder.error().fields;
    CHECK(f.count("positions.0.item") == 1);
    CHECK(f.count("total") == 1);
    CHECK(f.count("datetime") == 1);
}

TEST_CASE("Money from JSON numbers never goes through float arithmetic", "[wire]") {
    CHECK(wire::decimalFromJson(json(23.1))->minor() == 2310);
    CHECK(wire::decimalFromJson(json(0.1))->minor() == 10);
    CHECK(wire::decimalFromJson(json(19))->minor() == 1900);
    CHECK(wire::decimalFromJson(json("7.70"))->minor() == 770);
    CHECK_FALSE(wire::decimalFromJson(json(true)));
}

TEST_CASE("Items, questions and layouts keep pretix's field names", "[wire]") {
    auto item = wire::itemFromJson(json::parse(R"({"id": 1, "name": {"en": "T-Shirt"}, "default_price": "10.00",
        "tax_rate": "19.00", "admission": false, "variations": [{"id": 3, "value": {"en": "Red"}, "default_price": null}]})"));
    REQUIRE(item);
    CHECK(item->variations.at(0).defaultPrice.minor() == 1000);  // falls back to the product's price
    const json j = wire::toJson(item.value());
    CHECK(j["default_price"] == "10.00");
    CHECK(j["has_variations"] == true);
    CHECK(j["variations"][0]["value"]["en"] == "Red");

    auto q = wire::questionFromJson(json::parse(R"({"id": 1, "question": {"en": "T-Shirt size"}, "type": "C",
        "required": false, "items": [1, 2], "position": 1, "identifier": "WY3TP9SL", "ask_during_checkin": true,
        "options": [{"id": 1, "identifier": "LVETRWVU", "position": 0, "answer": {"en": "S"}}]})"));
    REQUIRE(q);
    const json qj = wire::toJson(q.value());
    CHECK(qj["options"][0]["answer"]["en"] == "S");
    CHECK(qj["items"] == json::array({1, 2}));
    CHECK_FALSE(wire::questionFromJson(json{{"id", 1}, {"question", "x"}, {"type", "ZZ"}}));

    auto layout = wire::ticketLayoutFromJson(json{{"name", "L"}, {"layout", "[{\"type\": \"textarea\"}]"}});
    REQUIRE(layout);
    CHECK(layout->layout.is_array());
    CHECK_FALSE(wire::ticketLayoutFromJson(json{{"name", "L"}, {"layout", "{not json"}}));
    CHECK(wire::toJson(layout.value())["default"] == false);
}

TEST_CASE("Name parts, meta data and seat parts read and write back", "[wire]") {
    const json position = json::parse(R"({
      "id": 7, "positionid": 1, "item": 3, "variation": null, "price": "10.00", "secret": "s3cr3t",
      "attendee_name": "Ada Lovelace",
      "attendee_name_parts": {"_scheme": "given_family", "given_name": "Ada", "family_name": "Lovelace"},
      "seat": {"id": 12, "name": "Ground floor, Row 3, Seat 4", "zone_name": "Ground floor", "row_name": "3",
               "row_label": null, "seat_number": "4", "seat_label": null, "seat_guid": "b9c4"}
    })");
    auto p = wire::positionFromJson(position);
    REQUIRE(p);
    CHECK(p->attendeeName == "Ada Lovelace");
    CHECK(p->attendeeNameParts.at("given_name") == "Ada");
    CHECK(p->attendeeNameParts.at("_scheme") == "given_family");
    CHECK(p->seat == "b9c4");
    REQUIRE(p->seatParts);
    CHECK(p->seatParts->id == 12);
    CHECK(p->seatParts->zoneName == "Ground floor");
    CHECK(p->seatParts->seatNumber == "4");
    const json written = wire::toJson(p.value(), {}, {});
    CHECK(written["attendee_name_parts"] == position["attendee_name_parts"]);
    CHECK(written["seat"] == position["seat"]);

    SECTION("a name without parts writes its full name; a GUID alone stays a GUID") {
        OrderPosition plain;
        plain.itemId = 3;
        plain.secret = "s3cr3t";
        plain.attendeeName = "Peter";
        plain.seat = "guid-1";
        const json out = wire::toJson(plain, {}, {});
        CHECK(out["attendee_name_parts"] == json{{"full_name", "Peter"}});
        CHECK(out["seat"] == json{{"seat_guid", "guid-1"}});
        auto back = wire::positionFromJson(out);
        REQUIRE(back);
        CHECK(back->seat == "guid-1");
        CHECK_FALSE(back->seatParts);
    }
    SECTION("parts alone give the full name in the scheme's order") {
        json j = position;
        j.erase("attendee_name");
        j["attendee_name_parts"] = {
            {"_scheme", "family_comma_given"}, {"given_name", "Ada"}, {"family_name", "Lovelace"}};
        auto q = wire::positionFromJson(j);
        REQUIRE(q);
        CHECK(q->attendeeName == "Lovelace, Ada");
    }
    SECTION("invoice name parts") {
        const json parts = {{"_scheme", "given_family"}, {"given_name", "Ada"}, {"family_name", "Lovelace"}};
        const json address = {{"name", "Ada Lovelace"}, {"name_parts", parts}};
        auto a = wire::invoiceAddressFromJson(address);
        REQUIRE(a);
        CHECK(a->nameParts.at("family_name") == "Lovelace");
        CHECK(wire::toJson(a.value())["name_parts"] == address["name_parts"]);
    }
}

TEST_CASE("meta_data of events, dates, products and variations reads and writes back", "[wire]") {
    const json event = json::parse(R"({"name": {"en": "Conf"}, "slug": "conf", "meta_data": {"room": "B12"}})");
    auto e = wire::eventFromJson(event);
    REQUIRE(e);
    CHECK(e->metaData.at("room") == "B12");
    CHECK(wire::toJson(e.value())["meta_data"] == event["meta_data"]);

    const json subevent = json::parse(
        R"({"id": 4, "name": {"en": "Day 1"}, "date_from": "2026-07-04T18:00:00Z", "meta_data": {"room": "A1"}})");
    auto s = wire::subEventFromJson(subevent);
    REQUIRE(s);
    CHECK(wire::toJson(s.value())["meta_data"] == subevent["meta_data"]);

    const json item = json::parse(R"({"id": 3, "name": {"en": "Ticket"}, "default_price": "10.00",
      "meta_data": {"colour": "red", "level": 2},
      "variations": [{"id": 5, "value": {"en": "VIP"}, "meta_data": {"colour": "gold"}}]})");
    auto it = wire::itemFromJson(item);
    REQUIRE(it);
    CHECK(it->metaData.at("colour") == "red");
    CHECK(it->metaData.at("level") == "2");
    REQUIRE(it->variations.size() == 1);
    CHECK(it->variations[0].metaData.at("colour") == "gold");
    const json out = wire::toJson(it.value());
    CHECK(out["meta_data"]["colour"] == "red");
    CHECK(out["variations"][0]["meta_data"] == item["variations"][0]["meta_data"]);

    CHECK(wire::toJson(Event{})["meta_data"] == json::object());
    CHECK_FALSE(wire::eventFromJson(json{{"name", "x"}, {"slug", "x"}, {"meta_data", json::array()}}));
}

TEST_CASE("Orders and positions written as text are the documents toJson gives", "[wire]") {
    auto order = wire::orderFromJson(kSeedOrder);
    REQUIRE(order);
    auto& o = order.value();
    o.phone = "+49 30 1234";
    o.invoiceAddress->nameParts = {{"_scheme", "given_family"}, {"given_name", "Jöhn"}, {"family_name", "Dœ"}};
    o.fees.push_back({"shipping", "Post \"express\"\n", Money::fromMinor(250)});
    auto& p = o.positions[0];
    p.attendeeName = std::string("Zoë \x01 tab\t and an invalid byte \xff");
    p.answers.push_back({3, "Vegetarian", {11, 12}});
    p.seatParts = SeatParts{12, "Ground floor, Row 3, Seat 4", "Ground floor", "3", "", "4", ""};
    p.seat = "b9c4";
    OrderPosition addon = p;
    addon.id = 23443;
    addon.attendeeName.reset();
    addon.attendeeNameParts.clear();
    addon.addonTo = p.id;
    addon.seatParts.reset();
    addon.seat.reset();
    o.positions.push_back(addon);
    Checkin entry;
    entry.id = 5;
    entry.listId = 1;
    entry.datetime = *parseTimestamp("2017-12-25T12:45:23Z");
    Checkin exit = entry;
    exit.id = 6;
    exit.type = CheckinType::Exit;
    exit.autoCheckedIn = true;
    const std::vector<std::vector<Checkin>> checkins{{entry, exit}, {}};

    JsonText text;
    wire::write(text, o, checkins, kLinks);
    const json parsed = json::parse(text.take());
    // As the document is sent (the server dumps with invalid UTF-8 replaced).
    const json expected = json::parse(
        wire::toJson(o, checkins, kLinks).dump(-1, ' ', false, json::error_handler_t::replace));
    CHECK(parsed == expected);
    // Invalid UTF-8 becomes U+FFFD in both, as every other answer of the server writes it.
    CHECK(parsed["positions"][0]["attendee_name"].get<std::string>().ends_with("\xef\xbf\xbd"));

    SECTION("a position's members with a shown name, in either sink") {
        const wire::ShownName shown{"Parent Name", {}};
        for (bool withList : {true, false}) {
            JsonText t;
            t.beginObject();
            wire::writeMembers(t, addon, checkins[0], kLinks, withList, &shown, true);
            t.endObject();
            JsonDom d;
            d.beginObject();
            wire::writeMembers(d, addon, checkins[0], kLinks, withList, &shown, true);
            d.endObject();
            const json fromText = json::parse(t.take());
            CHECK(fromText == d.take());
            CHECK(fromText["attendee_name"] == "Parent Name");
            CHECK(fromText["attendee_name_parts"] == json{{"full_name", "Parent Name"}});
            CHECK(fromText["checkins"][0].contains("list") == withList);
        }
    }
}
