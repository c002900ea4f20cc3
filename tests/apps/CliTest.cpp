#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "Allocator.h"
#include "TestSupport.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/Store.h"

using namespace boxoffice;
using test::run;

namespace {

std::string cli() { return (test::binaryDir() / "apps" / "boxoffice-cli").string(); }

std::string lastLine(const std::string& text) {
    std::istringstream in(text);
    std::string line, last;
    while (std::getline(in, line)) {
        if (!line.empty()) {
            last = line;
        }
    }
    return last;
}

// A store with one organizer and event, made through the model.
void seedEvent(const std::filesystem::path& db) {
    model::Store store(db);
    model::EventRepository events(store);
    model::Store::Transaction tx(store);
    model::Event e;
    e.organizerId = events.upsertOrganizer("org", "Organizer");
    e.slug = "ev";
    e.name = model::I18nString::plain("Event");
    events.upsertEvent(e);
    tx.commit();
}

}  // namespace

TEST_CASE("token create prints the token last and stores only its hash", "[cli]") {
    test::TempDir dir;
    const auto db = (dir / "s.sqlite").string();
    seedEvent(db);
    auto created = run({cli(), "--db", db, "token", "create", "--name", "Gate 1", "--organizer", "org", "--event", "ev"});
    REQUIRE(created.exitCode == 0);
    const std::string token = lastLine(created.out);
    CHECK(token.size() == 52);
    CHECK(token.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567") == std::string::npos);

    auto listed = run({cli(), "--db", db, "token", "list"});
    REQUIRE(listed.exitCode == 0);
    // Without --permissions a token may scan, and no more.
    CHECK_THAT(listed.out, Catch::Contains("Gate 1") && Catch::Contains("org/ev") && Catch::Contains("active") &&
                               Catch::EndsWith("can_checkin_orders\n"));
    CHECK(listed.out.find(token) == std::string::npos);
    auto shop = run({cli(), "--db", db, "token", "create", "--name", "Shop", "--organizer", "org", "--permissions",
                     "view_orders, can_change_orders"});
    REQUIRE(shop.exitCode == 0);
    CHECK_THAT(shop.out, Catch::Contains("may can_view_orders,can_change_orders"));
    auto unknown = run({cli(), "--db", db, "token", "create", "--name", "Admin", "--organizer", "org", "--permissions",
                        "checkin,admin"});
    CHECK(unknown.exitCode == 1);
    CHECK_THAT(unknown.err, Catch::Contains("Unknown permission"));
    listed = run({cli(), "--db", db, "token", "list"});

    {
        SQLite::Database raw(db, SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    CHECK(test::readFile(db).find(token) == std::string::npos);

    // The ID is the first column of the list.
    const auto idLine = listed.out.substr(listed.out.find('\n') + 1);
    const std::string id = idLine.substr(0, idLine.find(' '));
    auto revoked = run({cli(), "--db", db, "token", "revoke", id});
    CHECK(revoked.exitCode == 0);
    CHECK_THAT(run({cli(), "--db", db, "token", "list"}).out, Catch::Contains("revoked"));
}

TEST_CASE("the programs' malloc is mimalloc's when built with it, and --version says which", "[cli]") {
    const auto version = run({cli(), "--version"});
    CHECK(version.exitCode == 0);
    CHECK_THAT(version.out, Catch::StartsWith("boxoffice-cli "));
#if defined(BOXOFFICE_MIMALLOC)
    // Linked, mimalloc serves the whole process: this test program's malloc and the CLI's.
    CHECK(allocator::replaced());
    CHECK_THAT(allocator::name(), Catch::StartsWith("mimalloc 2."));
    CHECK_THAT(version.out, Catch::Contains("(malloc: mimalloc 2."));
#else
    CHECK_FALSE(allocator::replaced());
    CHECK_THAT(version.out, Catch::Contains("(malloc: the system's malloc)"));
#endif
}

TEST_CASE("bad input exits 1 with a message, usage errors exit 2", "[cli]") {
    test::TempDir dir;
    const auto db = (dir / "s.sqlite").string();
    seedEvent(db);
    auto unknownOrg = run({cli(), "--db", db, "token", "create", "--name", "x", "--organizer", "nobody"});
    CHECK(unknownOrg.exitCode == 1);
    CHECK_THAT(unknownOrg.err, Catch::Contains("no organizer \"nobody\""));
    CHECK(lastLine(unknownOrg.out).empty());

    auto unknownEvent = run({cli(), "--db", db, "token", "create", "--name", "x", "--organizer", "org", "--event", "zz"});
    CHECK(unknownEvent.exitCode == 1);

    auto revokeUnknown = run({cli(), "--db", db, "token", "revoke", "42"});
    CHECK(revokeUnknown.exitCode == 1);
    CHECK_THAT(revokeUnknown.err, Catch::Contains("no token with ID 42"));

    CHECK(run({cli(), "--db", db, "token", "create", "--organizer", "org"}).exitCode == 2);  // --name missing
    CHECK(run({cli(), "--db", db, "no-such-command"}).exitCode == 2);
    CHECK(run({cli(), "--db", db}).exitCode == 2);
    CHECK(run({cli(), "--db", db, "token", "revoke", "not-a-number"}).exitCode == 2);
}

TEST_CASE("a database from a newer version is refused and left as it was", "[cli]") {
    test::TempDir dir;
    const auto db = (dir / "newer.sqlite").string();
    seedEvent(db);
    {
        SQLite::Database raw(db, SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        raw.exec("PRAGMA journal_mode = DELETE");
        raw.exec("PRAGMA user_version = 99");
    }
    const auto before = test::readFile(db);
    auto r = run({cli(), "--db", db, "token", "list"});
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("newer version"));
    CHECK(test::readFile(db) == before);
}

TEST_CASE("BOXOFFICE_DB chooses the database when --db is not given", "[cli]") {
    test::TempDir dir;
    const auto db = (dir / "env.sqlite").string();
    seedEvent(db);
    auto r = run({cli(), "token", "create", "--name", "env", "--organizer", "org"}, {"BOXOFFICE_DB=" + db});
    CHECK(r.exitCode == 0);
    CHECK_THAT(run({cli(), "--db", db, "token", "list"}).out, Catch::Contains("env"));
}

TEST_CASE("backup copies the database while another process writes to it", "[cli]") {
    test::TempDir dir;
    const auto db = dir / "live.sqlite";
    seedEvent(db);
    // A writer in this process keeps committing orders while the CLI copies the file.
    model::Store writer(db);
    model::Store::Transaction tx0(writer);
    model::Item it;
    it.eventId = model::EventRepository(writer).eventBySlug("org", "ev")->id;
    it.name = model::I18nString::plain("Ticket");
    model::EventRepository(writer).upsertItem(it);
    tx0.commit();

    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread t([&] {
        for (int n = 0; !stop; ++n) {
            model::Store::Transaction tx(writer);
            model::Order o;
            o.eventId = it.eventId;
            o.code = "B" + std::to_string(n);
            o.status = model::OrderStatus::Paid;
            o.datetime = model::now();
            model::OrderPosition p;
            p.itemId = it.id;
            p.secret = "s" + std::to_string(n);
            o.positions.push_back(p);
            model::OrderRepository(writer).upsert(o);
            tx.commit();
            ++written;
        }
    });
    const auto copy = dir / "copy.sqlite";
    auto r = run({cli(), "--db", db.string(), "backup", copy.string()});
    stop = true;
    t.join();
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("Backed up"));
    CHECK(written > 0);

    model::Store restored(copy);
    CHECK(restored.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
    const auto count = model::OrderRepository(restored).count(it.eventId, {});
    CHECK(count <= written);
    CHECK_FALSE(std::filesystem::exists(copy.string() + ".partial"));

    // Backing a database up onto itself is refused.
    auto self = run({cli(), "--db", db.string(), "backup", db.string()});
    CHECK(self.exitCode == 1);
}

TEST_CASE("export writes the event as an export that import-pretix reads back", "[cli]") {
    test::TempDir dir;
    const auto db = (dir / "a.sqlite").string();
    REQUIRE(run({cli(), "--db", db, "import-pretix", (test::dataDir() / "pretix-export-small-v2.json").string()}).exitCode == 0);
    const auto out = (dir / "lesefest24_pretixdata.json").string();
    auto exported = run({cli(), "--db", db, "export", "--organizer", "stabi", "--event", "lesefest24", "--output", out});
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);
    CHECK_THAT(exported.out, Catch::Contains("Exported stabi/lesefest24 to") && Catch::Contains("10 orders with 14 positions"));

    const auto other = (dir / "b.sqlite").string();
    auto imported = run({cli(), "--db", other, "import-pretix", out});
    CHECK(imported.exitCode == 0);
    CHECK_THAT(imported.out, Catch::Contains("10 orders with 14 positions"));
    const auto again = (dir / "again.json").string();
    REQUIRE(run({cli(), "--db", other, "export", "--organizer", "stabi", "--event", "lesefest24", "--output", again}).exitCode == 0);
    CHECK(test::readFile(again) == test::readFile(out));

    auto unknown = run({cli(), "--db", db, "export", "--organizer", "stabi", "--event", "nofest", "--output", out + "2"});
    CHECK(unknown.exitCode == 1);
    CHECK_THAT(unknown.err, Catch::Contains("nofest"));
    CHECK_FALSE(std::filesystem::exists(out + "2"));
    CHECK(run({cli(), "--db", db, "export", "--organizer", "stabi", "--output", out}).exitCode == 2);  // --event missing
}
