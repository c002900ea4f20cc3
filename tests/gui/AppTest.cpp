// The `boxoffice` executable as a user starts it, on the Xvfb display: the command line, first
// start with the demo event, the self-check report, and a database it must refuse untouched.
#include "TestSupport.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

using namespace boxoffice;

namespace {

const std::string kApp = BOXOFFICE_GUI_EXE;

bool hasLine(const std::string& out, const std::string& line) {
    return out.find(line + "\n") != std::string::npos;
}

} // namespace

TEST_CASE("boxoffice --db on a new file opens the window on the demo event") {
    test::TempDir tmp;
    const auto db = tmp / "new.sqlite";
    const auto result = test::run({kApp, "--db", db.string(), "--smoke-test"});
    INFO(result.out << result.err);
    REQUIRE(result.exitCode == 0);

    model::Store store(db);
    const auto events = model::EventRepository(store).events();
    REQUIRE(events.size() == 1);
    const auto orders = model::OrderRepository(store).count(events.front().id, {});
    CHECK(hasLine(result.out, "window.shown: yes"));
    CHECK(hasLine(result.out, "tabs: 8"));
    CHECK(hasLine(result.out, "events: 1"));
    CHECK(hasLine(result.out, "title: Box Office \u2014 " + events.front().name.text("en")));
    CHECK(hasLine(result.out, "orders.rows: " + std::to_string(orders)));
    CHECK(hasLine(result.out, "orders.empty: hidden"));
    CHECK(hasLine(result.out, "switched: " + std::to_string(events.front().id)));
}

TEST_CASE("boxoffice takes the database from BOXOFFICE_DB when --db is not given") {
    test::TempDir tmp;
    const auto db = tmp / "from-env.sqlite";
    const auto result = test::run({kApp, "--smoke-test"}, {"BOXOFFICE_DB=" + db.string()});
    INFO(result.out << result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(std::filesystem::exists(db));
    CHECK(hasLine(result.out, "status.path: Database: " + db.string()));
}

TEST_CASE("boxoffice refuses a database from a newer version and leaves it untouched") {
    test::TempDir tmp;
    const auto db = tmp / "newer.sqlite";
    {
        SQLite::Database file(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        file.exec("PRAGMA user_version = 99");
    }
    const std::string before = test::readFile(db);
    const auto modified = std::filesystem::last_write_time(db);

    const auto result = test::run({kApp, "--db", db.string(), "--smoke-test"});
    INFO(result.out << result.err);
    CHECK(result.exitCode != 0);
    CHECK(result.err.find("newer version") != std::string::npos);
    CHECK(result.out.find("window.shown") == std::string::npos);
    CHECK(test::readFile(db) == before);
    CHECK(std::filesystem::last_write_time(db) == modified);
    CHECK_FALSE(std::filesystem::exists(tmp / "newer.sqlite-wal"));
}
