#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/Store.h"

using namespace boxoffice;
using namespace boxoffice::model;
using boxoffice::test::TempDir;

namespace {

struct Fixture {
    TempDir dir;
    std::filesystem::path file = dir / "store.sqlite";
    Store store{file};
};

// The bytes of the database and its write-ahead log: what "unchanged" means.
struct Snapshot {
    std::string db;
    std::string wal;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const std::filesystem::path& file) {
    auto wal = file;
    wal += "-wal";
    return {test::readFile(file), std::filesystem::exists(wal) ? test::readFile(wal) : std::string("<none>")};
}

std::filesystem::path small() { return test::dataDir() / "pretix-export-small.json"; }
std::filesystem::path smallV2() { return test::dataDir() / "pretix-export-small-v2.json"; }

nlohmann::json smallJson() { return nlohmann::json::parse(test::readFile(small())); }

std::int64_t countRows(Store& store, const std::string& sql, Id eventId) {
    auto q = store.cached(sql);
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

Money money(const char* text) { return *Decimal2::parse(text); }

}  // namespace

TEST_CASE("importing the small export stores every object with its values", "[importer]") {
    Fixture f;
    auto r = importer::importPretixJson(f.store, small());
    REQUIRE(r.ok());
    const auto& s = r.value();
    CHECK(s.organizerSlug == "stabi");
    CHECK(s.eventSlug == "lesefest24");
    CHECK(s.eventName == "Lesefest 2024");
    CHECK(s.categories == 2);
    CHECK(s.items == 3);
    CHECK(s.variations == 3);
    CHECK(s.questions == 3);
    CHECK(s.quotas == 3);
    CHECK(s.subevents == 0);
    CHECK(s.orders == 9);
    CHECK(s.positions == 12);

    EventRepository events(f.store);
    auto event = events.eventBySlug("stabi", "lesefest24");
    REQUIRE(event);
    CHECK(event->id == s.eventId);
    CHECK(event->name.text("en") == "Lesefest 2024");
    CHECK(events.organizerBySlug("stabi")->name == "Stadtbibliothek Köln");

    auto pass = events.item(s.eventId, 21);
    REQUIRE(pass);
    CHECK(pass->name.text("en") == "Festival pass");
    CHECK(pass->categoryId == Id{11});
    CHECK(pass->defaultPrice == money("35.00"));
    CHECK(pass->taxRate == money("7.00"));
    REQUIRE(pass->variations.size() == 3);
    CHECK(pass->variations[1].id == 32);
    CHECK(pass->variations[1].value.text("en") == "Reduced");
    CHECK(pass->variations[1].defaultPrice == money("20.00"));
    CHECK_FALSE(events.item(s.eventId, 23)->admission);

    auto questions = events.questions(s.eventId);
    REQUIRE(questions.size() == 3);
    CHECK(questions[2].id == 43);
    CHECK(questions[2].question.text("de") == "Wie haben Sie von uns erfahren?");
    CHECK(questions[2].askDuringCheckin);
    CHECK(questions[2].type == "C");

    OrderRepository orders(f.store);
    auto abc = orders.byCode(s.eventId, "ABC12");
    REQUIRE(abc);
    CHECK(abc->status == OrderStatus::Paid);
    CHECK(abc->total == money("43.00"));
    CHECK(abc->datetime == *parseTimestamp("2024-09-01T10:15:00.123Z"));
    CHECK(abc->phone.empty());
    REQUIRE(abc->positions.size() == 2);
    const auto& p101 = abc->positions[0];
    CHECK(p101.id == 101);
    CHECK(p101.variationId == Id{31});
    CHECK(p101.price == money("35.00"));
    CHECK(p101.taxValue == money("2.29"));
    CHECK(p101.attendeeName == std::optional<std::string>("Zoë Ørsted"));
    CHECK(p101.secret == "k7mq2xw9pd4rth8vn3bc6yza5jefgs2u");
    REQUIRE(p101.answers.size() == 3);
    CHECK(p101.answers[0].questionId == 41);
    CHECK(p101.answers[0].answer == "Wheelchair access, please");
    CHECK(abc->positions[1].addonTo == Id{101});

    auto multi = orders.byCode(s.eventId, "MULTI");
    REQUIRE(multi);
    CHECK(multi->checkinAttention);
    REQUIRE(multi->fees.size() == 1);
    CHECK(multi->fees[0].value == money("1.50"));
    CHECK(multi->total == money("79.50"));
    CHECK(multi->positions[1].attendeeName == std::optional<std::string>("Trần Văn Hùng"));

    // "+02:00" is converted to UTC.
    CHECK(orders.byCode(s.eventId, "DE4LX")->datetime == *parseTimestamp("2024-09-07T17:20:00Z"));
    CHECK(orders.byCode(s.eventId, "RFND9")->status == OrderStatus::Refunded);
    CHECK(orders.byCode(s.eventId, "EXP22")->status == OrderStatus::Expired);
    CHECK(orders.byCode(s.eventId, "CNCL1")->status == OrderStatus::Canceled);
    CHECK(orders.count(s.eventId, {}) == 9);
    CHECK(orders.positionCount(s.eventId) == 12);

    CHECK(countRows(f.store, "SELECT count(*) FROM quota WHERE event_id = ?", s.eventId) == 3);
    CHECK(countRows(f.store, "SELECT count(*) FROM quota WHERE event_id = ? AND size IS NULL", s.eventId) == 1);

    auto lists = CheckinRepository(f.store).lists(s.eventId);
    REQUIRE(lists.size() == 1);
    CHECK(lists[0].name == "Default");
    CHECK(lists[0].allProducts);
}

TEST_CASE("money given as JSON numbers is read exactly", "[importer]") {
    Fixture f;
    auto doc = smallJson();
    doc["event"]["orders"][1]["total"] = 12.5;
    doc["event"]["orders"][1]["positions"][0]["price"] = 12.5;
    doc["event"]["items"][1]["price"] = 0.1;
    auto r = importer::importPretixJsonText(f.store, doc.dump());
    REQUIRE(r.ok());
    auto order = OrderRepository(f.store).byCode(r->eventId, "XYZ89");
    CHECK(order->total == money("12.50"));
    CHECK(order->positions[0].price == money("12.50"));
    CHECK(EventRepository(f.store).item(r->eventId, 22)->defaultPrice.minor() == 10);
}

TEST_CASE("a truncated export is refused and leaves the database byte for byte unchanged", "[importer]") {
    Fixture f;
    SECTION("empty store") {}
    SECTION("store holding the event") { REQUIRE(importer::importPretixJson(f.store, small()).ok()); }
    const auto before = snapshot(f.file);
    auto r = importer::importPretixJson(f.store, test::dataDir() / "pretix-export-truncated.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::BadInput);
    CHECK_THAT(r.error().message, Catch::Contains("not valid JSON") && Catch::Contains("byte") &&
                                      Catch::Contains("truncated") && Catch::Contains("pretix-export-truncated.json"));
    CHECK(snapshot(f.file) == before);
}

TEST_CASE("a file of another format is refused with a clear message", "[importer]") {
    Fixture f;
    REQUIRE(importer::importPretixJson(f.store, small()).ok());
    const auto before = snapshot(f.file);
    auto r = importer::importPretixJson(f.store, test::dataDir() / "not-a-pretix-export.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Unsupported);
    CHECK_THAT(r.error().message, Catch::Contains("not a pretix order data export") &&
                                      Catch::Contains("no \"event\" object") && Catch::Contains("API list"));
    CHECK(importer::importPretixJsonText(f.store, "[1, 2, 3]").error().message.find("JSON array") != std::string::npos);
    CHECK(importer::importPretixJsonText(f.store, "").error().message.find("empty") != std::string::npos);
    CHECK(importer::importPretixJson(f.store, f.dir / "missing.json").error().code == ErrorCode::Io);
    CHECK(snapshot(f.file) == before);
}

TEST_CASE("unknown references and missing required fields are named by path, nothing is written", "[importer]") {
    Fixture f;
    const auto before = snapshot(f.file);
    auto doc = smallJson();
    doc["event"]["orders"][0]["positions"][0]["item"] = 99;
    doc["event"]["orders"][5]["positions"][1]["variation"] = 77;
    doc["event"]["orders"][2]["positions"][0]["answers"] = {{{"question", 404}, {"answer", "x"}}};
    auto r = importer::importPretixJsonText(f.store, doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("3 problems") &&
                                      Catch::Contains("orders[0].positions[0].item: unknown product 99") &&
                                      Catch::Contains("orders[5].positions[1].variation: unknown variation 77") &&
                                      Catch::Contains("orders[2].positions[0].answers[0].question: unknown question 404"));
    CHECK(snapshot(f.file) == before);

    auto missing = smallJson();
    missing["event"]["orders"][3].erase("datetime");
    missing["event"]["orders"][4]["positions"][0].erase("secret");
    missing["event"]["orders"][6]["positions"][0]["addon_to"] = 999;
    missing["event"]["organizer"].erase("slug");
    auto m = importer::importPretixJsonText(f.store, missing.dump());
    REQUIRE_FALSE(m.ok());
    CHECK_THAT(m.error().message, Catch::Contains("orders[3].datetime") && Catch::Contains("orders[4].positions[0].secret") &&
                                      Catch::Contains("orders[6].positions[0].addon_to: unknown position 999") &&
                                      Catch::Contains("event.organizer.slug"));
    CHECK(snapshot(f.file) == before);
}

TEST_CASE("IDs of another event in the database are not taken over", "[importer]") {
    Fixture f;
    REQUIRE(importer::importPretixJson(f.store, small()).ok());
    const auto before = snapshot(f.file);
    auto doc = smallJson();
    doc["event"]["slug"] = "otherfest";
    auto r = importer::importPretixJsonText(f.store, doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("items[0].id: product ID 21 already belongs to another event"));
    CHECK(snapshot(f.file) == before);
    CHECK_FALSE(EventRepository(f.store).eventBySlug("stabi", "otherfest"));
}

TEST_CASE("re-importing the same export changes nothing and duplicates nothing", "[importer]") {
    Fixture f;
    auto first = importer::importPretixJson(f.store, small());
    REQUIRE(first.ok());
    const Id eventId = first->eventId;
    OrderRepository orders(f.store);
    const Id abcId = orders.byCode(eventId, "ABC12")->id;
    auto second = importer::importPretixJson(f.store, small());
    REQUIRE(second.ok());
    CHECK(second->eventId == eventId);
    CHECK(EventRepository(f.store).events().size() == 1);
    CHECK(orders.count(eventId, {}) == 9);
    CHECK(orders.positionCount(eventId) == 12);
    CHECK(orders.byCode(eventId, "ABC12")->id == abcId);
    CHECK(EventRepository(f.store).items(eventId).size() == 3);
    CHECK(countRows(f.store, "SELECT count(*) FROM quota WHERE event_id = ?", eventId) == 3);
    CHECK(countRows(f.store, "SELECT count(*) FROM answer a JOIN order_position p ON p.id = a.position_id "
                             "WHERE p.event_id = ?", eventId) == 6);
    CHECK(CheckinRepository(f.store).lists(eventId).size() == 1);
}

TEST_CASE("orders of a list's auto check-in sales channel are checked in on import, once", "[importer]") {
    Fixture f;
    auto first = importer::importPretixJson(f.store, small());
    REQUIRE(first.ok());
    CHECK(first->autoCheckins == 0);  // no list checks in automatically yet
    const Id eventId = first->eventId;
    CheckinRepository lists(f.store);
    auto list = lists.lists(eventId).front();
    list.autoCheckinSalesChannels = {"web"};
    lists.upsertList(list);

    auto second = importer::importPretixJson(f.store, small());
    REQUIRE(second.ok());
    const auto made = countRows(f.store,
                                "SELECT count(*) FROM checkin c JOIN order_position p ON p.id = c.position_id "
                                "WHERE p.event_id = ? AND c.auto_checked_in = 1 AND c.type = 'entry'",
                                eventId);
    CHECK(made > 0);
    CHECK(second->autoCheckins == made);
    CHECK(countRows(f.store,
                    "SELECT count(*) FROM checkin c JOIN order_position p ON p.id = c.position_id "
                    "JOIN orders o ON o.id = p.order_id WHERE p.event_id = ? AND (o.status IN ('c', 'e') OR p.canceled)",
                    eventId) == 0);

    auto third = importer::importPretixJson(f.store, small());
    REQUIRE(third.ok());
    CHECK(third->autoCheckins == 0);
    CHECK(countRows(f.store, "SELECT count(*) FROM checkin c JOIN order_position p ON p.id = c.position_id "
                             "WHERE p.event_id = ?", eventId) == made);
}

TEST_CASE("a newer export updates in place and keeps local check-ins and settings", "[importer]") {
    Fixture f;
    auto first = importer::importPretixJson(f.store, small());
    REQUIRE(first.ok());
    const Id eventId = first->eventId;
    EventRepository events(f.store);
    CheckinRepository checkins(f.store);
    {
        Store::Transaction tx(f.store);
        // Local settings the export does not carry.
        auto e = *events.eventById(eventId);
        e.timezone = "Europe/Berlin";
        e.dateFrom = *parseTimestamp("2024-10-12T08:00:00Z");
        events.upsertEvent(e);
        auto cats = events.categories(eventId);
        cats[1].isAddon = true;
        events.upsertCategory(cats[1]);
        Checkin c;
        c.listId = checkins.lists(eventId).at(0).id;
        c.positionId = 101;
        c.datetime = now();
        c.device = "desk";
        checkins.insert(c);
        tx.commit();
    }
    auto r = importer::importPretixJson(f.store, smallV2());
    REQUIRE(r.ok());
    CHECK(r->orders == 10);
    OrderRepository orders(f.store);
    CHECK(orders.count(eventId, {}) == 10);
    CHECK(orders.positionCount(eventId) == 14);
    CHECK(orders.byCode(eventId, "Q7RT3")->status == OrderStatus::Paid);
    CHECK(orders.position(eventId, 103)->attendeeName == std::optional<std::string>("José Núñez García"));
    auto added = orders.byCode(eventId, "NEW01");
    REQUIRE(added);
    CHECK(added->positions.at(1).addonTo == Id{113});
    CHECK(checkins.forPosition(101).size() == 1);
    CHECK(checkins.lists(eventId).size() == 1);
    auto e = *events.eventById(eventId);
    CHECK(e.timezone == "Europe/Berlin");
    CHECK(e.dateFrom == parseTimestamp("2024-10-12T08:00:00Z"));
    CHECK(events.categories(eventId)[1].isAddon);
}

TEST_CASE("a position gone from a newer export is canceled, its check-ins stay", "[importer]") {
    Fixture f;
    auto first = importer::importPretixJson(f.store, small());
    REQUIRE(first.ok());
    const Id eventId = first->eventId;
    CheckinRepository checkins(f.store);
    Checkin c;
    c.listId = checkins.lists(eventId).at(0).id;
    c.positionId = 102;
    c.datetime = now();
    checkins.insert(c);
    auto doc = smallJson();
    doc["event"]["orders"][0]["positions"].erase(1);
    doc["event"]["orders"][0]["total"] = "35.00";
    REQUIRE(importer::importPretixJsonText(f.store, doc.dump()).ok());
    OrderRepository orders(f.store);
    auto gone = orders.position(eventId, 102);
    REQUIRE(gone);
    CHECK(gone->canceled);
    CHECK_FALSE(orders.position(eventId, 101)->canceled);
    CHECK(checkins.forPosition(102).size() == 1);
}

TEST_CASE("the importer publishes one change for the event's orders after commit", "[importer]") {
    Fixture f;
    std::vector<Change> seen;
    auto token = ChangeFeed::instance().subscribe([&seen](const Change& c) { seen.push_back(c); });
    auto r = importer::importPretixJson(f.store, small());
    auto bad = importer::importPretixJson(f.store, test::dataDir() / "pretix-export-truncated.json");
    ChangeFeed::instance().unsubscribe(token);
    REQUIRE(r.ok());
    REQUIRE_FALSE(bad.ok());
    const auto orders = std::count_if(seen.begin(), seen.end(), [&r](const Change& c) {
        return c.kind == Change::Kind::Orders && c.eventId == r->eventId;
    });
    CHECK(orders == 1);
}

TEST_CASE("meta data, attendee name parts and seats of an export are stored", "[importer]") {
    Fixture f;
    auto doc = smallJson();
    auto& ev = doc["event"];
    ev["meta_data"] = {{"room", "Reading room"}};
    ev["items"][0]["meta_data"] = {{"colour", "red"}};
    ev["items"][0]["variations"][0]["meta_data"] = {{"colour", "gold"}};
    auto& pos = ev["orders"][0]["positions"][0];
    REQUIRE(pos["id"] == 101);
    pos["attendee_name_parts"] = {{"_scheme", "given_family"}, {"given_name", "Zoë"}, {"family_name", "Ørsted"}};
    pos["seat"] = {{"id", 12},          {"name", "Ground floor, Row 3, Seat 4"}, {"zone_name", "Ground floor"},
                   {"row_name", "3"},   {"row_label", nullptr},             {"seat_number", "4"},
                   {"seat_label", nullptr}, {"seat_guid", "guid-4"}};
    auto r = importer::importPretixJsonText(f.store, doc.dump());
    REQUIRE(r.ok());
    EventRepository events(f.store);
    CHECK(events.eventById(r->eventId)->metaData.at("room") == "Reading room");
    auto item = events.item(r->eventId, ev["items"][0]["id"].get<Id>());
    REQUIRE(item);
    CHECK(item->metaData.at("colour") == "red");
    CHECK(item->variations.at(0).metaData.at("colour") == "gold");
    auto p = OrderRepository(f.store).position(r->eventId, 101);
    REQUIRE(p);
    CHECK(p->attendeeNameParts.at("given_name") == "Zoë");
    CHECK(p->attendeeNameParts.at("_scheme") == "given_family");
    CHECK(p->seat == "guid-4");
    REQUIRE(p->seatParts);
    CHECK(p->seatParts->zoneName == "Ground floor");

    SECTION("a bad meta_data refuses the whole file") {
        TempDir other;
        Store fresh(other / "store.sqlite");
        doc["event"]["items"][1]["meta_data"] = nlohmann::json::array();
        auto bad = importer::importPretixJsonText(fresh, doc.dump());
        REQUIRE_FALSE(bad.ok());
        CHECK_THAT(bad.error().message, Catch::Contains("items[1].meta_data"));
        CHECK(OrderRepository(fresh).count(1, {}) == 0);
        CHECK(EventRepository(fresh).events().empty());
    }
}

TEST_CASE("organizer and event slugs that are not pretix slugs are refused, naming the field", "[importer]") {
    Fixture f;
    const auto before = snapshot(f.file);
    importer::GeneratorOptions options;
    options.orders = 3;
    options.eventSlug = "../../etc";
    auto r = importer::importPretixJsonText(f.store, importer::generateExport(options).dump());
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("1 problem") &&
                                      Catch::Contains("event.slug: \"../../etc\" is not a valid slug"));
    CHECK(snapshot(f.file) == before);

    for (const std::string& bad :
         std::vector<std::string>{".hidden", "-dash", "a/b", "a\\b", "with space", "caf\u00e9", std::string(51, 'x')}) {
        INFO(bad);
        importer::GeneratorOptions o;
        o.orders = 1;
        o.organizerSlug = bad;
        auto refused = importer::importPretixJsonText(f.store, importer::generateExport(o).dump());
        REQUIRE_FALSE(refused.ok());
        CHECK_THAT(refused.error().message,
                   Catch::Contains("event.organizer.slug: ") && Catch::Contains("not a valid slug"));
    }
    CHECK(snapshot(f.file) == before);

    for (const std::string& good : std::vector<std::string>{"a", "fest-2027", "Fest.2027_b", std::string(50, 'x')}) {
        INFO(good);
        Fixture empty;
        importer::GeneratorOptions o;
        o.orders = 1;
        o.eventSlug = good;
        CHECK(importer::importPretixJsonText(empty.store, importer::generateExport(o).dump()).ok());
    }
}

TEST_CASE("an import reports its steps and a stopped one changes nothing", "[importer]") {
    Fixture f;
    importer::GeneratorOptions options;
    options.orders = 200;
    const std::string text = importer::generateExport(options).dump();

    // Stopped before it starts: refused at once, the store untouched to the byte.
    const Snapshot before = snapshot(f.file);
    std::stop_source stopped;
    stopped.request_stop();
    importer::ImportControl control;
    control.stop = stopped.get_token();
    const auto cancelled = importer::importPretixJsonText(f.store, text, control);
    REQUIRE_FALSE(cancelled);
    CHECK(cancelled.error().code == ErrorCode::Conflict);
    CHECK(cancelled.error().message == "The import was cancelled.");
    CHECK(snapshot(f.file) == before);

    // Stopped between the steps (here: once it starts checking): rolled back, nothing written.
    std::stop_source later;
    std::vector<std::string> steps;
    control.stop = later.get_token();
    control.progress = [&](std::string_view step) {
        steps.emplace_back(step);
        if (step == "checking") {
            later.request_stop();
        }
    };
    REQUIRE_FALSE(importer::importPretixJsonText(f.store, text, control));
    CHECK(steps == std::vector<std::string>{"reading", "checking"});
    CHECK(EventRepository(f.store).events().empty());

    // Not stopped: every step, and the orders are there.
    steps.clear();
    control.stop = {};
    control.progress = [&](std::string_view step) { steps.emplace_back(step); };
    const auto imported = importer::importPretixJsonText(f.store, text, control);
    REQUIRE(imported);
    CHECK(steps == std::vector<std::string>{"reading", "checking", "writing", "saving"});
    CHECK(imported->orders == 200);
}
