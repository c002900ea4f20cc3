#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/model/Store.h"

using namespace boxoffice;
using namespace boxoffice::model;
using boxoffice::test::TempDir;
using nlohmann::json;

namespace {

std::string generated(int orders) {
    importer::GeneratorOptions options;
    options.orders = orders;
    return importer::generateExport(options).dump();
}

}  // namespace

TEST_CASE("the streamed generator writes the generated document's text", "[importer][stream]") {
    importer::GeneratorOptions options;
    options.orders = 120;
    std::ostringstream out;
    importer::writeGeneratedExport(out, options);
    CHECK(out.str() == importer::generateExport(options).dump());
}

TEST_CASE("a file and the same text import alike, with a fraction of the bytes as progress", "[importer][stream]") {
    TempDir dir;
    const std::string text = generated(3000);
    const auto file = dir / "export.json";
    test::writeFile(file, text);
    Store fromFile(dir / "a.sqlite");
    Store fromText(dir / "b.sqlite");
    std::vector<std::pair<std::string, double>> seen;
    importer::ImportControl control;
    control.fraction = [&seen](std::string_view step, double f) { seen.emplace_back(step, f); };
    auto a = importer::importPretixJson(fromFile, file, control);
    auto b = importer::importPretixJsonText(fromText, text);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->orders == b->orders);
    CHECK(a->positions == b->positions);
    CHECK(OrderRepository(fromFile).positionCount(a->eventId) == a->positions);
    CHECK(OrderRepository(fromText).positionCount(b->eventId) == b->positions);

    REQUIRE_FALSE(seen.empty());
    CHECK(seen.front().first == "reading");
    CHECK(seen.back().first == "writing");
    for (std::size_t i = 1; i < seen.size(); ++i) {
        INFO(i);
        CHECK(seen[i].second > 0.0);
        CHECK(seen[i].second <= 1.0);
        if (seen[i].first == seen[i - 1].first) {
            CHECK(seen[i].second >= seen[i - 1].second);
        }
    }
}

TEST_CASE("an import stopped while it writes leaves the store as it was", "[importer][stream]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    const std::string text = generated(3000);
    const auto dbBefore = test::readFile(dir / "store.sqlite");
    std::stop_source stop;
    importer::ImportControl control;
    control.stop = stop.get_token();
    bool stoppedWhileWriting = false;
    control.fraction = [&](std::string_view step, double f) {
        if (step == "writing" && f > 0.5 && !stop.stop_requested()) {
            stoppedWhileWriting = true;
            stop.request_stop();
        }
    };
    auto r = importer::importPretixJsonText(store, text, control);
    REQUIRE_FALSE(r.ok());
    CHECK(stoppedWhileWriting);
    CHECK(r.error().code == ErrorCode::Conflict);
    CHECK(r.error().message == "The import was cancelled.");
    CHECK(EventRepository(store).events().empty());
    CHECK(store.db().execAndGet("SELECT count(*) FROM orders").getInt64() == 0);
    CHECK(store.db().execAndGet("SELECT count(*) FROM position_search").getInt64() == 0);
    CHECK(test::readFile(dir / "store.sqlite") == dbBefore);
}

TEST_CASE("a problem found while writing rolls back what was written before it", "[importer][stream]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    auto doc = json::parse(generated(2000));
    auto& orders = doc["event"]["orders"];
    orders[1990]["positions"][0]["item"] = 999;
    orders[1995]["positions"][0]["answers"] = {{{"question", 404}, {"answer", "x"}}};
    const auto dbBefore = test::readFile(dir / "store.sqlite");
    auto r = importer::importPretixJsonText(store, doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "The file cannot be imported (2 problems): orders[1990].positions[0].item: unknown "
                               "product 999; orders[1995].positions[0].answers[0].question: unknown question 404.");
    CHECK(EventRepository(store).events().empty());
    CHECK(store.db().execAndGet("SELECT count(*) FROM order_position").getInt64() == 0);
    CHECK(test::readFile(dir / "store.sqlite") == dbBefore);
}

TEST_CASE("duplicates are named with where they were seen first, in the file's order", "[importer][stream]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    auto doc = json::parse(generated(50));
    auto& orders = doc["event"]["orders"];
    const std::string code = orders[3]["code"];
    orders[40]["code"] = code;
    orders[41]["positions"] = json::array({orders[41]["positions"][0]});  // no add-ons referring to it
    orders[41]["positions"][0]["id"] = orders[2]["positions"][0]["id"];
    orders[42]["positions"][0]["secret"] = orders[5]["positions"][0]["secret"];
    auto r = importer::importPretixJsonText(store, doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message ==
          "The file cannot be imported (3 problems): orders[40].code: duplicate order code " + code +
              " (also at orders[3]); orders[41].positions[0].id: duplicate position ID " +
              std::to_string(orders[2]["positions"][0]["id"].get<Id>()) +
              " (also at orders[2].positions[0]); orders[42].positions[0].secret: the same ticket secret is used at "
              "orders[5].positions[0].");
}

TEST_CASE("problems against the store keep their order: other events' IDs, references, secrets", "[importer][stream]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    REQUIRE(importer::importPretixJson(store, test::dataDir() / "pretix-export-small.json").ok());
    auto doc = json::parse(test::readFile(test::dataDir() / "pretix-export-small.json"));
    auto& orders = doc["event"]["orders"];
    // Position 103 (order 1) takes the secret of position 101; order 2 names a product nobody has.
    orders[1]["positions"][0]["secret"] = orders[0]["positions"][0]["secret"];
    orders[0]["positions"][0]["secret"] = "a-new-secret-for-position-101";
    orders[2]["positions"][0]["item"] = 99;
    auto r = importer::importPretixJsonText(store, doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "The file cannot be imported (2 problems): orders[2].positions[0].item: unknown "
                               "product 99; orders[1].positions[0].secret: this ticket secret already belongs to "
                               "position 101.");

    TempDir otherDir;
    Store other(otherDir / "store.sqlite");
    REQUIRE(importer::importPretixJson(other, test::dataDir() / "pretix-export-small.json").ok());
    auto moved = json::parse(test::readFile(test::dataDir() / "pretix-export-small.json"));
    moved["event"]["slug"] = "otherfest";
    for (auto& c : moved["event"]["categories"]) {
        c["id"] = c["id"].get<Id>() + 1000;
    }
    for (auto& it : moved["event"]["items"]) {
        it["category"] = it["category"].get<Id>() + 1000;
    }
    auto foreign = importer::importPretixJsonText(other, moved.dump());
    REQUIRE_FALSE(foreign.ok());
    CHECK_THAT(foreign.error().message,
               Catch::StartsWith("The file cannot be imported (") &&
                   Catch::Contains("items[0].id: product ID 21 already belongs to another event") &&
                   Catch::Contains("; and "));
    CHECK(foreign.error().message.find("orders[0].positions[0].id: position ID 101 already belongs to another event") ==
              std::string::npos);  // beyond the first five, counted
}

TEST_CASE("a file that changes between the two passes is refused and nothing is written", "[importer][stream]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    const auto file = dir / "export.json";
    test::writeFile(file, generated(200));
    importer::ImportControl control;
    control.progress = [&file](std::string_view step) {
        if (step == "checking") {
            test::writeFile(file, generated(201));
        }
    };
    auto r = importer::importPretixJson(store, file, control);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Io);
    CHECK_THAT(r.error().message, Catch::Contains("changed"));
    CHECK(EventRepository(store).events().empty());
}

TEST_CASE("a document with two events or two order lists is refused, naming them", "[importer][stream]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    const std::string text = generated(2);
    const std::string event = text.substr(std::string("{\"event\":").size(), text.size() - 1 - std::string("{\"event\":").size());
    auto twice = importer::importPretixJsonText(store, "{\"event\":" + event + ",\"event\":" + event + "}");
    REQUIRE_FALSE(twice.ok());
    CHECK_THAT(twice.error().message, Catch::Contains("1 problem") && Catch::Contains("event: given more than once"));

    auto lists = importer::importPretixJsonText(store, "{\"event\":{\"orders\":[],\"orders\":[]," + event.substr(1) + "}");
    REQUIRE_FALSE(lists.ok());
    CHECK_THAT(lists.error().message, Catch::Contains("event.orders: given more than once"));
    CHECK(EventRepository(store).events().empty());
}

TEST_CASE("a new event's import notes its positions for the search itself, and later writes are tracked again",
          "[importer][stream]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    auto r = importer::importPretixJsonText(store, generated(300));
    REQUIRE(r.ok());
    auto count = [&store](const std::string& sql) { return store.db().execAndGet(sql).getInt64(); };
    CHECK(count("SELECT count(*) FROM untracked_inserts") == 0);
    CHECK(count("SELECT count(*) FROM position_search_dirty") == 0);  // redone at the commit
    CHECK(count("SELECT count(*) FROM position_search") == r->positions);
    CHECK(count("SELECT version FROM search_version WHERE event_id = " + std::to_string(r->eventId)) > 0);
    CHECK(count("SELECT count(*) FROM orders WHERE revision = 0") == 0);
    const auto name = store.db().execAndGet("SELECT attendee_name FROM order_position WHERE attendee_name <> '' "
                                            "ORDER BY id LIMIT 1").getString();
    PositionFilter byName;
    byName.search = name;
    PositionQuery query(store);
    CHECK(query.count(r->eventId, byName) >= 1);

    // An order written afterwards goes through the triggers as before.
    const auto code = store.db().execAndGet("SELECT code FROM orders ORDER BY id LIMIT 1").getString();
    const auto revision = [&] { return count("SELECT revision FROM orders WHERE code = '" + code + "'"); };
    const auto revisionBefore = revision();
    const auto versionBefore = count("SELECT version FROM search_version WHERE event_id = " + std::to_string(r->eventId));
    PositionFilter later;
    later.search = "quintus";
    CHECK(PositionQuery(store).count(r->eventId, later) == 0);
    Store::Transaction tx(store);
    auto order = *OrderRepository(store).byCode(r->eventId, code);
    order.positions.front().attendeeName = "Quintus Later";
    OrderRepository(store).upsert(order);
    CHECK(count("SELECT count(*) FROM position_search_dirty") > 0);
    tx.commit();
    CHECK(revision() > revisionBefore);
    CHECK(count("SELECT version FROM search_version WHERE event_id = " + std::to_string(r->eventId)) > versionBefore);
    CHECK(PositionQuery(store).count(r->eventId, later) >= 1);  // its add-ons too, by their parent's name
}

TEST_CASE("a refused import of a new event leaves no untracked inserts behind", "[importer][stream]") {
    TempDir dir;
    Store store(dir / "store.sqlite");
    auto doc = json::parse(generated(200));
    doc["event"]["orders"][150]["positions"][0]["item"] = 999;
    REQUIRE_FALSE(importer::importPretixJsonText(store, doc.dump()).ok());
    CHECK(store.db().execAndGet("SELECT count(*) FROM untracked_inserts").getInt64() == 0);
    CHECK(store.db().execAndGet("SELECT count(*) FROM order_position").getInt64() == 0);
    // The next import, of the same event made right, is tracked and searchable as any.
    doc["event"]["orders"][150]["positions"][0]["item"] = doc["event"]["orders"][149]["positions"][0]["item"];
    auto r = importer::importPretixJsonText(store, doc.dump());
    REQUIRE(r.ok());
    CHECK(store.db().execAndGet("SELECT count(*) FROM position_search").getInt64() == r->positions);
}
