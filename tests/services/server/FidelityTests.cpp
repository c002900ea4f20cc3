// pretix's own behaviour where running pretix's API tests against the server found it differing:
// check-in list filters and validation, list position order and names, secrets in URL paths,
// choice answers by identifier, downloads of unpaid orders, canceled positions.
#include <catch2/catch.hpp>

#include "ServerFixture.h"
#include "boxoffice/model/EventRepository.h"

using namespace boxoffice;
using nlohmann::json;
using test::DemoIds;
using test::ServerFixture;

namespace {

std::string redeemPath(ServerFixture& f, const std::string& code, int list = 1) {
    return f.api("checkinlists/" + std::to_string(list) + "/positions/" + code + "/redeem/");
}

// Changes a position as another program would, raising its order's revision so that nothing
// the server kept of the order stays in use.
void updatePosition(ServerFixture& f, model::Id id, const std::string& assignments) {
    f.store.db().exec("UPDATE order_position SET " + assignments + " WHERE id = " + std::to_string(id));
    f.store.db().exec("UPDATE orders SET revision = revision + 1 WHERE id = (SELECT order_id FROM order_position "
                      "WHERE id = " + std::to_string(id) + ")");
}

model::Id addDate(ServerFixture& f, model::Id id, model::Id eventId) {
    model::SubEvent s;
    s.id = id;
    s.eventId = eventId;
    s.name = model::I18nString::plain("Day " + std::to_string(id));
    s.dateFrom = *model::parseTimestamp("2026-07-01T16:00:00Z");
    model::EventRepository(f.store).upsertSubEvent(s);
    return s.id;
}

std::vector<model::Id> ids(const json& page) {
    std::vector<model::Id> out;
    for (const auto& r : page["results"]) {
        out.push_back(r["id"].get<model::Id>());
    }
    return out;
}

}  // namespace

TEST_CASE("checkinlists/?subevent= lists a date's lists, subevent_match adds the lists of all dates",
          "[server][lists][fidelity]") {
    ServerFixture f;
    addDate(f, 501, f.ids.eventId);
    addDate(f, 502, f.ids.eventId);
    auto created = f.postJson(f.api("checkinlists/"), R"({"name": "Day 501", "all_products": true, "subevent": 501})");
    REQUIRE(created->status == 201);
    const auto dayList = ServerFixture::json(created)["id"].get<model::Id>();
    auto names = [&](const std::string& query) {
        std::vector<std::string> out;
        const auto page = ServerFixture::json(f.get(f.api("checkinlists/" + query)));
        for (const auto& l : page["results"]) {
            out.push_back(l["name"]);
        }
        return out;
    };
    CHECK(names("").size() == 3);
    CHECK(names("?subevent=501") == std::vector<std::string>{"Day 501"});
    CHECK(names("?subevent=502").empty());
    CHECK(names("?subevent_match=501").size() == 3);
    CHECK(names("?subevent_match=502") == std::vector<std::string>{"Main entrance", "Shirt desk"});
    auto bad = f.get(f.api("checkinlists/?subevent=soon"));
    CHECK(bad->status == 400);
    CHECK(ServerFixture::json(bad).contains("subevent"));
    CHECK(dayList > 0);
}

TEST_CASE("a check-in list naming a product or date of another event is refused as a whole",
          "[server][lists][fidelity]") {
    ServerFixture f;
    addDate(f, 601, f.ids.otherEventId);
    auto foreignItem = f.postJson(f.api("checkinlists/"), R"({"name": "VIP", "all_products": true, "limit_products": [21]})");
    CHECK(foreignItem->status == 400);
    CHECK(foreignItem->body == R"({"non_field_errors":["One or more items do not belong to this event."]})");
    auto foreignDate = f.postJson(f.api("checkinlists/"), R"({"name": "VIP", "all_products": true, "subevent": 601})");
    CHECK(foreignDate->status == 400);
    CHECK(foreignDate->body == R"({"non_field_errors":["The subevent does not belong to this event."]})");
    // What exists nowhere is the field's error, as before.
    auto unknownDate = f.postJson(f.api("checkinlists/"), R"({"name": "VIP", "all_products": true, "subevent": 999})");
    CHECK(unknownDate->status == 400);
    CHECK(ServerFixture::json(unknownDate).contains("subevent"));
    auto patched = f.client->Patch(f.api("checkinlists/1/").c_str(), f.auth(), R"({"limit_products": [21]})",
                                   "application/json");
    CHECK(patched->status == 400);
    CHECK(ServerFixture::json(patched).contains("non_field_errors"));
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/")))["count"] == 2);
}

TEST_CASE("list positions: unnamed last by default, attendee_name sorts add-ons by their parent's name",
          "[server][positions][fidelity]") {
    ServerFixture f;
    // Main list: 101 Mara Lind, 104 Sven Shirt, 105 Wanda Workshop, 106 and its add-on 107 unnamed.
    CHECK(ids(ServerFixture::json(f.get(f.api("checkinlists/1/positions/")))) ==
          std::vector<model::Id>{101, 104, 105, 106, 107});
    updatePosition(f, DemoIds::kParentPosition, "attendee_name = 'Nora Parent'");
    CHECK(ids(ServerFixture::json(f.get(f.api("checkinlists/1/positions/")))) ==
          std::vector<model::Id>{101, 106, 104, 105, 107});
    CHECK(ids(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?ordering=attendee_name")))) ==
          std::vector<model::Id>{101, 106, 107, 104, 105});
    CHECK(ids(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?ordering=-attendee_name,positionid")))) ==
          std::vector<model::Id>{105, 104, 106, 107, 101});
    // Unnamed positions come first ascending, last descending.
    updatePosition(f, DemoIds::kParentPosition, "attendee_name = NULL");
    CHECK(ids(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?ordering=attendee_name")))) ==
          std::vector<model::Id>{106, 107, 101, 104, 105});
    CHECK(ids(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?ordering=-attendee_name")))) ==
          std::vector<model::Id>{105, 104, 101, 106, 107});
}

TEST_CASE("attendee_name_parts fall back to the parent's, then to the invoice address's", "[server][positions][fidelity]") {
    ServerFixture f;
    // ADDON: neither position is named; the invoice address has a name without parts.
    auto parent = ServerFixture::json(f.get(f.api("checkinlists/1/positions/106/")));
    CHECK(parent["attendee_name"] == "Ivo Invoice");
    CHECK(parent["attendee_name_parts"] == json{{"_legacy", "Ivo Invoice"}});
    auto redeemed = ServerFixture::json(f.postJson(redeemPath(f, "addonsecret00001"), "{}"));
    CHECK(redeemed["position"]["attendee_name"] == "Ivo Invoice");
    CHECK(redeemed["position"]["attendee_name_parts"] == json{{"_legacy", "Ivo Invoice"}});
    // orderpositions/ shows the position's own (empty) parts.
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/106/")))["attendee_name_parts"] == json::object());

    f.store.db().exec("UPDATE invoice_address SET name_parts = '{\"_scheme\": \"given_family\", \"given_name\": "
                      "\"Ivo\", \"family_name\": \"Invoice\"}'");
    updatePosition(f, DemoIds::kParentPosition, "positionid = positionid");  // the order changed
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/positions/106/")))["attendee_name_parts"] ==
          json{{"_scheme", "given_family"}, {"given_name", "Ivo"}, {"family_name", "Invoice"}});

    updatePosition(f, DemoIds::kParentPosition,
                   "attendee_name = 'Nora Parent', attendee_name_parts = '{\"_scheme\": \"given_family\", "
                   "\"given_name\": \"Nora\", \"family_name\": \"Parent\"}'");
    auto addon = ServerFixture::json(f.get(f.api("checkinlists/1/positions/107/")));
    CHECK(addon["attendee_name"] == "Nora Parent");
    CHECK(addon["attendee_name_parts"] == json{{"_scheme", "given_family"}, {"given_name", "Nora"}, {"family_name", "Parent"}});
}

TEST_CASE("a secret with a space is found when the URL path carries '+'", "[server][redeem][fidelity]") {
    ServerFixture f;
    updatePosition(f, 104, "secret = 'shirt secret'");
    CHECK(f.get(f.api("checkinlists/1/positions/shirt+secret/"))->status == 200);
    auto ok = f.postJson(redeemPath(f, "shirt+secret"), "{}");
    REQUIRE(ok->status == 201);
    CHECK(ServerFixture::json(ok)["position"]["id"] == 104);
    CHECK(f.postJson(redeemPath(f, "shirt%20secret"), "{}")->status == 400);  // already redeemed
    // A secret that has a '+' of its own is found as it is.
    updatePosition(f, 101, "secret = 'abc+-/=='");
    CHECK(f.postJson(redeemPath(f, "abc%2B-%2F%3D%3D"), "{}")->status == 201);
    // The check-in RPC takes the secret from its body: no second try there.
    auto rpc = f.postJson("/api/v1/organizers/demo/checkinrpc/redeem/", R"({"secret": "shirt+secret", "lists": [1]})");
    CHECK(rpc->status == 404);
    CHECK(ServerFixture::json(rpc)["reason"] == "invalid");
}

TEST_CASE("redeem takes a choice answer by the option's identifier", "[server][redeem][fidelity]") {
    ServerFixture f;
    auto r = f.postJson(redeemPath(f, "workshopsecret01"), R"({"answers": {"4": "L"}})");
    REQUIRE(r->status == 201);
    const auto answers = ServerFixture::json(r)["position"]["answers"];
    REQUIRE(answers.size() == 1);
    CHECK(answers[0]["answer"] == "L");
    CHECK(answers[0]["options"] == json::array({DemoIds::kOptionL}));
}

TEST_CASE("a ticket of an order not paid has no downloads", "[server][orders][fidelity]") {
    ServerFixture f;
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/101/")))["downloads"].size() == 1);
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/102/")))["downloads"].empty());  // pending
    CHECK(ServerFixture::json(f.get(f.api("orders/PAID1/")))["downloads"].size() == 1);
    auto pending = ServerFixture::json(f.get(f.api("orders/PEND1/")));
    CHECK(pending["downloads"].empty());
    CHECK(pending["positions"][0]["downloads"].empty());
    CHECK(ServerFixture::json(f.get(f.api("orders/CANC1/")))["downloads"].empty());
    auto onList = ServerFixture::json(f.get(f.api("checkinlists/2/positions/?ignore_status=true&ordering=id")));
    for (const auto& p : onList["results"]) {
        INFO(p["id"]);
        CHECK(p["downloads"].size() == (p["order__status"] == "p" ? 1U : 0U));
    }
}

TEST_CASE("redeeming a canceled position answers as an unknown ticket, a canceled order's as canceled",
          "[server][redeem][fidelity]") {
    ServerFixture f;
    updatePosition(f, 104, "canceled = 1");  // SHIRT stays paid
    for (const char* body : {"{}", R"({"canceled_supported": true})", R"({"force": true})"}) {
        INFO(body);
        auto r = f.postJson(redeemPath(f, "shirtsecret00001"), body);
        CHECK(r->status == 404);
        CHECK(ServerFixture::json(r)["reason"] == "invalid");
    }
    CHECK(f.get(f.api("checkinlists/1/positions/shirtsecret00001/"))->status == 404);
    auto rpc = f.postJson("/api/v1/organizers/demo/checkinrpc/redeem/", R"({"secret": "shirtsecret00001", "lists": [1]})");
    CHECK(rpc->status == 404);
    CHECK(ServerFixture::json(rpc)["reason"] == "invalid");
    // A position of a canceled order: "unpaid" unless the client knows "canceled".
    auto unpaid = f.postJson(redeemPath(f, "canceledsecret01"), "{}");
    CHECK(unpaid->status == 400);
    CHECK(ServerFixture::json(unpaid)["reason"] == "unpaid");
    CHECK(ServerFixture::json(f.postJson(redeemPath(f, "canceledsecret01"), R"({"canceled_supported": true})"))["reason"] ==
          "canceled");
}

TEST_CASE("a redeem answers the order's, the variation's and the product's check-in texts", "[server][redeem][fidelity]") {
    ServerFixture f;
    auto& db = f.store.db();
    db.exec("UPDATE orders SET checkin_text = 'Hand over the VIP badge' WHERE code = 'SHIRT'");
    db.exec("UPDATE variation SET checkin_text = 'Size M' WHERE id = " + std::to_string(DemoIds::kShirtM));
    db.exec("UPDATE item SET checkin_text = 'Shirt at the merch desk' WHERE id = " + std::to_string(DemoIds::kShirt));
    db.exec("UPDATE item SET checkin_text = '' WHERE id = " + std::to_string(DemoIds::kDayTicket));  // blank: none
    const json texts = json::array({"Hand over the VIP badge", "Size M", "Shirt at the merch desk"});
    auto rpc = f.postJson("/api/v1/organizers/demo/checkinrpc/redeem/", R"({"secret": "shirtsecret00001", "lists": [1]})");
    REQUIRE(rpc->status == 201);
    CHECK(ServerFixture::json(rpc)["checkin_texts"] == texts);
    // Refused (already admitted), the texts of the ticket are still shown.
    auto again = f.postJson(redeemPath(f, "shirtsecret00001"), "{}");
    REQUIRE(again->status == 400);
    CHECK(ServerFixture::json(again)["checkin_texts"] == texts);
    CHECK(ServerFixture::json(f.postJson(redeemPath(f, "paidsecret0001"), "{}"))["checkin_texts"] == json::array());
    // The resources a scanner syncs carry them too.
    CHECK(ServerFixture::json(f.get(f.api("orders/SHIRT/")))["checkin_text"] == "Hand over the VIP badge");
    CHECK(ServerFixture::json(f.get(f.api("orders/PAID1/")))["checkin_text"].is_null());
    const auto shirt = ServerFixture::json(f.get(f.api("items/" + std::to_string(DemoIds::kShirt) + "/")));
    CHECK(shirt["checkin_text"] == "Shirt at the merch desk");
    for (const auto& v : shirt["variations"]) {
        CHECK(v["checkin_text"] == (v["id"] == DemoIds::kShirtM ? json("Size M") : json(nullptr)));
    }
}
