// boxoffice-cli device pair|list|revoke with the real executable and a real database file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/Store.h"

using namespace boxoffice;

namespace {

std::string cli() { return (test::binaryDir() / "apps" / "boxoffice-cli").string(); }

std::vector<std::string> lines(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

void seed(const std::filesystem::path& db) {
    model::Store store(db);
    model::Store::Transaction tx(store);
    model::EventRepository events(store);
    model::Event e;
    e.organizerId = events.upsertOrganizer("org", "Organizer");
    e.slug = "ev";
    e.name = model::I18nString::plain("Event");
    events.upsertEvent(e);
    model::CheckinList l;
    l.id = 5;
    l.eventId = e.id;
    l.name = "Door";
    model::CheckinRepository(store).upsertList(l);
    tx.commit();
}

}  // namespace

TEST_CASE("device pair prints a QR code and the setup payload as its last line", "[cli][devices]") {
    test::TempDir dir;
    const auto db = (dir / "box.sqlite").string();
    seed(db);
    auto r = test::run({cli(), "--db", db, "device", "pair", "--organizer", "org", "--event", "ev", "--gate", "Gate A",
                        "--list", "5", "--url", "http://192.168.1.20:8000/"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto out = lines(r.out);
    REQUIRE(out.size() > 10);
    const auto payload = nlohmann::json::parse(out.back());
    CHECK(payload["handshake_version"] == 1);
    CHECK(payload["url"] == "http://192.168.1.20:8000");
    CHECK(payload["token"].get<std::string>().size() >= 16);
    // The QR code: square, in half blocks, two rows a line.
    const std::size_t qrLines = static_cast<std::size_t>(
        std::count_if(out.begin(), out.end(), [](const std::string& l) { return l.find("\u2588") != std::string::npos; }));
    CHECK(qrLines >= 12);

    auto listed = test::run({cli(), "--db", db, "device", "list"});
    REQUIRE(listed.exitCode == 0);
    CHECK(listed.out.find("Gate A scanner") != std::string::npos);
    CHECK(listed.out.find("waiting") != std::string::npos);
    CHECK(listed.out.find(payload["token"].get<std::string>()) == std::string::npos);
    const auto id = lines(listed.out).at(1).substr(0, lines(listed.out).at(1).find(' '));

    auto revoked = test::run({cli(), "--db", db, "device", "revoke", id});
    CHECK(revoked.exitCode == 0);
    CHECK(test::run({cli(), "--db", db, "device", "list"}).out.find("revoked") != std::string::npos);
    CHECK(test::run({cli(), "--db", db, "device", "revoke", "12345"}).exitCode == 1);
}

TEST_CASE("device pair explains what is missing or wrong", "[cli][devices]") {
    test::TempDir dir;
    const auto db = (dir / "box.sqlite").string();
    seed(db);
    auto noUrl = test::run({cli(), "--db", db, "device", "pair", "--organizer", "org", "--event", "ev"});
    CHECK(noUrl.exitCode == 1);
    CHECK(noUrl.err.find("--url") != std::string::npos);
    auto badList = test::run({cli(), "--db", db, "device", "pair", "--organizer", "org", "--event", "ev", "--list", "99",
                              "--url", "http://10.0.0.2:8000"});
    CHECK(badList.exitCode == 1);
    CHECK(badList.err.find("99") != std::string::npos);
    auto noEvent = test::run({cli(), "--db", db, "device", "pair", "--organizer", "org", "--event", "nope", "--url",
                              "http://10.0.0.2:8000"});
    CHECK(noEvent.exitCode == 1);
    CHECK(test::run({cli(), "--db", db, "device", "list"}).out.find("No devices.") != std::string::npos);
}
