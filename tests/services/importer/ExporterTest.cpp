#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>

#include "TestSupport.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Exporter.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/Wire.h"

using namespace boxoffice;
using namespace boxoffice::model;
using boxoffice::test::TempDir;
using nlohmann::json;

namespace {

// Everything an export carries of an event, as the store holds it, in one comparable document.
json storeContent(Store& store, const std::string& organizer, const std::string& slug) {
    EventRepository events(store);
    const auto event = events.eventBySlug(organizer, slug);
    REQUIRE(event);
    json out;
    out["event"] = wire::toJson(*event);
    out["organizer"] = events.organizerBySlug(organizer)->name;
    for (const auto& c : events.categories(event->id)) {
        out["categories"].push_back(wire::toJson(c));
    }
    for (const auto& it : events.items(event->id)) {
        auto j = wire::toJson(it);
        j["tax_name"] = it.taxName;
        out["items"].push_back(j);
    }
    for (const auto& q : events.questions(event->id)) {
        out["questions"].push_back(wire::toJson(q));
    }
    for (const auto& s : events.subEvents(event->id)) {
        out["subevents"].push_back(wire::toJson(s));
    }
    auto q = store.cached("SELECT id, name, size, subevent_id, items, variations FROM quota WHERE event_id = ? ORDER BY id");
    q.bind(1, event->id);
    while (q.executeStep()) {
        out["quotas"].push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                 q.getColumn(2).isNull() ? json(nullptr) : json(q.getColumn(2).getInt64()),
                                 q.getColumn(3).isNull() ? json(nullptr) : json(q.getColumn(3).getInt64()),
                                 q.getColumn(4).getString(), q.getColumn(5).getString()});
    }
    OrderQuery all;
    all.ordering = "code";
    for (const auto& o : OrderRepository(store).list(event->id, all)) {
        out["orders"].push_back(wire::toJson(o, {}, {}));
    }
    return out;
}

// The small export with what it lacks: dates, seats, name parts, invoice addresses, payment,
// meta data, pseudonymization IDs, vouchers, a named quota of a date.
std::string richExport() {
    auto doc = json::parse(test::readFile(test::dataDir() / "pretix-export-small-v2.json"));
    auto& ev = doc["event"];
    ev["meta_data"] = {{"room", "Reading room"}};
    ev["items"][0]["meta_data"] = {{"colour", "red"}};
    ev["items"][0]["variations"][1]["meta_data"] = {{"colour", "gold"}};
    ev["subevents"] = {{{"id", 61},
                        {"name", {{"de", "Samstag"}, {"en", "Saturday"}}},
                        {"date_from", "2024-10-12T08:00:00Z"},
                        {"date_to", "2024-10-12T18:00:00Z"},
                        {"location", "Hall 1"},
                        {"meta_data", {{"floor", "1"}}}}};
    ev["quotas"].push_back({{"id", 54}, {"name", "Saturday"}, {"size", 20}, {"subevent", 61}, {"items", {21}}, {"variations", {31}}});
    auto& first = ev["orders"][0];
    first["payment_provider"] = "stripe";
    first["payment_date"] = "2024-09-02";
    first["invoice_address"] = {{"company", "Stadtbibliothek"}, {"is_business", true}, {"name", "Zoë Ørsted"},
                                {"name_parts", {{"_scheme", "full"}, {"full_name", "Zoë Ørsted"}}},
                                {"street", "Josef-Haubrich-Hof 1"}, {"zipcode", "50676"}, {"city", "Köln"},
                                {"country", "DE"}, {"state", ""}, {"vat_id", "DE123"}};
    auto& pos = first["positions"][0];
    pos["subevent"] = 61;
    pos["attendee_name_parts"] = {{"_scheme", "given_family"}, {"given_name", "Zoë"}, {"family_name", "Ørsted"}};
    pos["seat"] = {{"id", 12}, {"name", "Row 3, Seat 4"}, {"zone_name", "Ground floor"}, {"row_name", "3"},
                   {"row_label", nullptr}, {"seat_number", "4"}, {"seat_label", nullptr}, {"seat_guid", "guid-4"}};
    pos["pseudonymization_id"] = "PSEUDO1";
    pos["voucher"] = 77;
    pos["city"] = "Köln";
    ev["orders"][1]["positions"][0]["seat"] = "guid-only";
    return doc.dump();
}

}  // namespace

TEST_CASE("an exported event imports into a fresh store as the same event, and exports again byte for byte",
          "[importer][export]") {
    TempDir dir;
    Store first(dir / "first.sqlite");
    SECTION("the small export, updated by a newer one (a canceled position among them)") {
        REQUIRE(importer::importPretixJson(first, test::dataDir() / "pretix-export-small.json").ok());
        auto doc = json::parse(test::readFile(test::dataDir() / "pretix-export-small-v2.json"));
        doc["event"]["orders"][0]["positions"].erase(1);
        REQUIRE(importer::importPretixJsonText(first, doc.dump()).ok());
    }
    SECTION("an export with dates, seats, name parts, invoice addresses and meta data") {
        REQUIRE(importer::importPretixJsonText(first, richExport()).ok());
    }
    const auto out = dir / "lesefest24_pretixdata.json";
    auto exported = importer::exportPretixJson(first, "stabi", "lesefest24", out);
    REQUIRE(exported.ok());
    CHECK(exported->orders == static_cast<int>(OrderRepository(first).count(exported->eventId, {})));
    CHECK(exported->bytes == std::filesystem::file_size(out));
    CHECK_FALSE(std::filesystem::exists(dir / "lesefest24_pretixdata.json.partial"));

    Store second(dir / "second.sqlite");
    auto imported = importer::importPretixJson(second, out);
    REQUIRE(imported.ok());
    CHECK(imported->orders == exported->orders);
    CHECK(imported->positions == exported->positions);
    const json a = storeContent(first, "stabi", "lesefest24");
    const json b = storeContent(second, "stabi", "lesefest24");
    CHECK(a.size() >= 7);
    CHECK(a == b);

    const auto again = dir / "again.json";
    REQUIRE(importer::exportPretixJson(second, "stabi", "lesefest24", again).ok());
    CHECK(test::readFile(again) == test::readFile(out));
}

TEST_CASE("a generated event of a thousand orders survives the round trip", "[importer][export]") {
    TempDir dir;
    importer::GeneratorOptions options;
    options.orders = 1000;
    Store first(dir / "first.sqlite");
    REQUIRE(importer::importPretixJsonText(first, importer::generateExport(options).dump()).ok());
    const auto out = dir / "out.json";
    auto exported = importer::exportPretixJson(first, options.organizerSlug, options.eventSlug, out);
    REQUIRE(exported.ok());
    CHECK(exported->orders == 1000);
    Store second(dir / "second.sqlite");
    REQUIRE(importer::importPretixJson(second, out).ok());
    CHECK(storeContent(first, options.organizerSlug, options.eventSlug) ==
          storeContent(second, options.organizerSlug, options.eventSlug));
    // Importing its own export again changes nothing.
    REQUIRE(importer::importPretixJson(first, out).ok());
    CHECK(storeContent(first, options.organizerSlug, options.eventSlug) ==
          storeContent(second, options.organizerSlug, options.eventSlug));
}

TEST_CASE("a failed or cancelled export leaves no file behind", "[importer][export]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    REQUIRE(importer::importPretixJson(store, test::dataDir() / "pretix-export-small.json").ok());

    auto unknown = importer::exportPretixJson(store, "stabi", "nofest", dir / "x.json");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK_FALSE(std::filesystem::exists(dir / "x.json"));

    auto nowhere = importer::exportPretixJson(store, "stabi", "lesefest24", dir / "missing-folder" / "x.json");
    REQUIRE_FALSE(nowhere.ok());
    CHECK(nowhere.error().code == ErrorCode::Io);

    const auto out = dir / "kept.json";
    test::writeFile(out, "what was there before");
    std::stop_source stop;
    stop.request_stop();
    auto cancelled = importer::exportPretixJson(store, "stabi", "lesefest24", out, stop.get_token());
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.error().code == ErrorCode::Conflict);
    CHECK(test::readFile(out) == "what was there before");
    auto partial = out;
    partial += ".partial";
    CHECK_FALSE(std::filesystem::exists(partial));
}
