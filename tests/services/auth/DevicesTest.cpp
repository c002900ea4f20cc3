// The device use cases on a real SQLite file: pairing, the single-use expiring setup token,
// initialization, update, revocation, lookup by token and the last contact.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "TestSupport.h"
#include "boxoffice/auth/Devices.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/DeviceRepository.h"
#include "boxoffice/model/EventRepository.h"

using namespace boxoffice;

namespace {

struct Fixture {
    test::TempDir dir;
    model::Store store{dir / "s.sqlite"};
    model::Id listA = 0;
    model::Id listB = 0;
    model::Id otherList = 0;

    Fixture() {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        const auto org = events.upsertOrganizer("org", "Org");
        model::Event e;
        e.organizerId = org;
        e.slug = "ev";
        e.name = model::I18nString::plain("Event");
        events.upsertEvent(e);
        model::Event other = e;
        other.id = 0;
        other.slug = "other";
        events.upsertEvent(other);
        events.upsertOrganizer("org2", "Org 2");
        model::CheckinRepository lists(store);
        for (auto [id, event, out] : {std::tuple{model::Id{7}, e.id, &listA}, std::tuple{model::Id{8}, e.id, &listB},
                                      std::tuple{model::Id{9}, other.id, &otherList}}) {
            model::CheckinList l;
            l.id = id;
            l.eventId = event;
            l.name = "List " + std::to_string(id);
            lists.upsertList(l);
            *out = l.id;
        }
        tx.commit();
    }

    auth::PairRequest pairing() const {
        auth::PairRequest r;
        r.organizer = "org";
        r.event = "ev";
        r.gateName = "Gate A";
        r.listIds = {listA};
        r.url = "http://192.168.1.20:8000/";
        return r;
    }
};

auth::DeviceSoftware pixel(const std::string& version = "3.3.4") {
    return {"Google", "Pixel 7", "Android", "14", "pretixSCAN Android", version};
}

}  // namespace

TEST_CASE("Pairing makes a waiting device and a setup payload pretixSCAN accepts", "[auth][devices]") {
    Fixture f;
    auto paired = auth::createSetupToken(f.store, f.pairing());
    REQUIRE(paired);
    const auto payload = nlohmann::json::parse(paired->payload);
    CHECK(payload["handshake_version"] == 1);
    CHECK(payload["url"] == "http://192.168.1.20:8000");  // no trailing slash
    CHECK(payload["token"] == paired->setupToken);
    CHECK_FALSE(payload.contains("version"));  // a "version" key marks a legacy pretixdroid code
    CHECK(paired->setupToken.size() >= 16);

    const auto stored = model::DeviceRepository(f.store).byId(paired->device.id);
    REQUIRE(stored);
    CHECK(stored->name == "Gate A scanner");
    CHECK(stored->gateName == "Gate A");
    CHECK(stored->eventSlug == std::optional<std::string>("ev"));
    REQUIRE(stored->listIds);
    CHECK(*stored->listIds == std::vector<model::Id>{f.listA});
    CHECK(stored->mayUseList(f.listA));
    CHECK_FALSE(stored->mayUseList(f.listB));
    CHECK_FALSE(stored->initialized());
    CHECK_FALSE(stored->apiTokenHash);
    CHECK(stored->setupTokenHash == auth::hashToken(paired->setupToken));
    REQUIRE(stored->setupExpires);
    CHECK(*stored->setupExpires - stored->created == auth::kSetupTokenLifetime);

    // Only the hash is stored.
    f.store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    CHECK(test::readFile(f.dir / "s.sqlite").find(paired->setupToken) == std::string::npos);

    auto second = auth::createSetupToken(f.store, f.pairing());
    REQUIRE(second);
    CHECK(second->setupToken != paired->setupToken);
    CHECK(second->device.uniqueSerial != paired->device.uniqueSerial);
    CHECK(auth::listDevices(f.store).size() == 2);
}

TEST_CASE("Pairing refuses what does not exist, with field errors", "[auth][devices]") {
    Fixture f;
    auto r = f.pairing();
    r.organizer = "nobody";
    auto refused = auth::createSetupToken(f.store, r);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().fields.count("organizer") == 1);

    r = f.pairing();
    r.event = "missing";
    refused = auth::createSetupToken(f.store, r);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().fields.count("event") == 1);

    r = f.pairing();
    r.listIds = {f.otherList};  // a list of another event
    refused = auth::createSetupToken(f.store, r);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().fields.at("lists").front() == "Invalid pk \"9\" - object does not exist.");

    for (const char* url : {"", "192.168.1.20:8000", "ftp://host", "http://host:8000/box", "http://"}) {
        r = f.pairing();
        r.url = url;
        refused = auth::createSetupToken(f.store, r);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().fields.count("url") == 1);
    }
    CHECK(auth::listDevices(f.store).empty());
}

TEST_CASE("A setup token initializes its device once, the API token finds it", "[auth][devices]") {
    Fixture f;
    auto paired = auth::createSetupToken(f.store, f.pairing());
    REQUIRE(paired);
    auto init = auth::initializeDevice(f.store, paired->setupToken, pixel());
    REQUIRE(init);
    CHECK(init->device.id == paired->device.id);
    CHECK(init->device.initialized());
    CHECK(init->device.softwareBrand == "pretixSCAN Android");
    CHECK(init->apiToken.size() == 64);

    auto found = auth::findDevice(f.store, init->apiToken);
    REQUIRE(found);
    CHECK(found->id == paired->device.id);
    CHECK(found->hardwareModel == "Pixel 7");
    CHECK_FALSE(auth::findDevice(f.store, init->apiToken + "x"));
    CHECK_FALSE(auth::findDevice(f.store, paired->setupToken));  // the setup token is no API token
    CHECK_FALSE(auth::findDevice(f.store, ""));

    auto again = auth::initializeDevice(f.store, paired->setupToken, pixel());
    REQUIRE_FALSE(again);
    CHECK(again.error().fields.at("token").front() == "This initialization token has already been used.");
    // The first API token still works: a replayed setup token issues nothing.
    CHECK(auth::findDevice(f.store, init->apiToken));

    auto unknown = auth::initializeDevice(f.store, "not-a-token", pixel());
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().fields.at("token").front() == "This initialization token is not known.");
}

TEST_CASE("A setup token expires, and a revoked device's token initializes nothing", "[auth][devices]") {
    Fixture f;
    auto r = f.pairing();
    r.lifetime = std::chrono::seconds(60);
    auto paired = auth::createSetupToken(f.store, r);
    REQUIRE(paired);
    const auto late = paired->device.created + std::chrono::seconds(61);
    auto expired = auth::initializeDevice(f.store, paired->setupToken, pixel(), late);
    REQUIRE_FALSE(expired);
    CHECK(expired.error().fields.at("token").front() == "This initialization token has expired.");
    CHECK(auth::initializeDevice(f.store, paired->setupToken, pixel(), paired->device.created + std::chrono::seconds(59)));

    auto second = auth::createSetupToken(f.store, f.pairing());
    REQUIRE(second);
    REQUIRE(auth::revokeDevice(f.store, second->device.id));
    auto revoked = auth::initializeDevice(f.store, second->setupToken, pixel());
    REQUIRE_FALSE(revoked);
    CHECK(revoked.error().fields.at("token").front() == "This initialization token has been revoked.");
}

TEST_CASE("Update keeps the new software, revoke is at once and idempotent", "[auth][devices]") {
    Fixture f;
    auto paired = auth::createSetupToken(f.store, f.pairing());
    REQUIRE(paired);
    auto init = auth::initializeDevice(f.store, paired->setupToken, pixel());
    REQUIRE(init);
    auto updated = auth::updateDevice(f.store, init->device.id, pixel("3.4.0"));
    REQUIRE(updated);
    CHECK(updated->softwareVersion == "3.4.0");
    CHECK(auth::findDevice(f.store, init->apiToken)->softwareVersion == "3.4.0");

    auto revoked = auth::revokeDevice(f.store, init->device.id);
    REQUIRE(revoked);
    REQUIRE(revoked->revokedAt);
    auto found = auth::findDevice(f.store, init->apiToken);
    REQUIRE(found);  // still found, so the server can answer "revoked" rather than "invalid"
    CHECK(found->revoked());
    auto twice = auth::revokeDevice(f.store, init->device.id);
    REQUIRE(twice);
    CHECK(twice->revokedAt == revoked->revokedAt);

    auto afterRevoke = auth::updateDevice(f.store, init->device.id, pixel("3.5.0"));
    REQUIRE_FALSE(afterRevoke);
    CHECK(afterRevoke.error().code == model::ErrorCode::Conflict);
    CHECK_FALSE(auth::revokeDevice(f.store, 424242));
    CHECK(auth::revokeDevice(f.store, 424242).error().code == model::ErrorCode::NotFound);
}

TEST_CASE("The last contact is recorded without waiting for a busy database", "[auth][devices]") {
    Fixture f;
    auto paired = auth::createSetupToken(f.store, f.pairing());
    REQUIRE(paired);
    const auto when = *model::parseTimestamp("2026-07-01T18:00:00Z");
    REQUIRE(auth::recordDeviceSeen(f.store, paired->device.id, when));
    CHECK(model::DeviceRepository(f.store).byId(paired->device.id)->lastSeen == when);

    model::Store writer(f.dir / "s.sqlite");
    writer.db().exec("BEGIN IMMEDIATE");
    const auto started = std::chrono::steady_clock::now();
    auto busy = auth::recordDeviceSeen(f.store, paired->device.id, when + std::chrono::seconds(60));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
    REQUIRE_FALSE(busy);
    CHECK(busy.error().code == model::ErrorCode::Busy);
    writer.db().exec("ROLLBACK");
    CHECK(model::DeviceRepository(f.store).byId(paired->device.id)->lastSeen == when);
}
