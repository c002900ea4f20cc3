// Pushing check-ins made here: the offline queue, exactly-once delivery, double entries, conflicts.
#include <catch2/catch.hpp>

#include <algorithm>

#include "SyncFixture.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/OrderRepository.h"

using namespace boxoffice;
using test::DemoIds;
using test::Fault;
using test::SyncFixture;

TEST_CASE("A check-in made while the remote is down arrives exactly once after it returns") {
    SyncFixture f;
    REQUIRE(f.engine()->pull().ok());
    std::vector<model::Change> changes;
    std::mutex changesMutex;
    const auto token = model::ChangeFeed::instance().subscribe([&](const model::Change& c) {
        std::lock_guard lock(changesMutex);
        changes.push_back(c);
    });

    const auto localId = SyncFixture::admit(f.local, f.localEventId(), "paidsecret0001", "desk");
    CHECK(model::isLocalId(localId));
    f.proxy->setDown(true);
    auto engine = f.engine(3);
    auto offline = engine->push();
    REQUIRE_FALSE(offline.ok());
    auto status = engine->status();
    CHECK_FALSE(status.online);
    CHECK(status.queueLength == 1);
    CHECK_FALSE(status.lastError.empty());
    CHECK(f.checkinsOf(f.source, DemoIds::kPaidPosition, DemoIds::kMainList) == 0);

    // Back online, but the first answer is lost after the remote recorded the check-in: the
    // retry carries the same nonce, so the remote still holds it once.
    f.proxy->setDown(false);
    f.proxy->addRule({"/redeem/", "POST", Fault::DropAfterForward});
    auto online = engine->push();
    REQUIRE(online.ok());
    CHECK(online->uploaded == 1);
    CHECK(online->remaining == 0);
    CHECK(f.proxy->countSeen("/redeem/", Fault::DropAfterForward) == 1);
    CHECK(f.checkinsOf(f.source, DemoIds::kPaidPosition, DemoIds::kMainList) == 1);
    status = engine->status();
    CHECK(status.online);
    CHECK(status.queueLength == 0);
    CHECK(status.lastPush);
    CHECK(status.lastError.empty());

    // The local row now carries the remote's ID, and pulling does not add a second one.
    const auto remoteRows = model::CheckinRepository(f.source).forPosition(DemoIds::kPaidPosition, DemoIds::kMainList);
    REQUIRE(remoteRows.size() == 1);
    auto localRows = model::CheckinRepository(f.local).forPosition(DemoIds::kPaidPosition, DemoIds::kMainList);
    REQUIRE(localRows.size() == 1);
    CHECK(localRows[0].id == remoteRows[0].id);
    CHECK(localRows[0].syncState == model::SyncState::Uploaded);
    CHECK(localRows[0].device == "desk");
    REQUIRE(f.engine()->pull().ok());
    CHECK(f.checkinsOf(f.local, DemoIds::kPaidPosition, DemoIds::kMainList) == 1);
    auto again = f.engine()->push();
    REQUIRE(again.ok());
    CHECK(again->uploaded == 0);
    CHECK(f.checkinsOf(f.source, DemoIds::kPaidPosition, DemoIds::kMainList) == 1);

    model::ChangeFeed::instance().unsubscribe(token);
    std::lock_guard lock(changesMutex);
    CHECK(std::count_if(changes.begin(), changes.end(),
                        [](const model::Change& c) { return c.kind == model::Change::Kind::Sync; }) >= 3);
}

TEST_CASE("An upload waits out 429 Retry-After and retries 500") {
    SyncFixture f;
    REQUIRE(f.engine()->pull().ok());
    SyncFixture::admit(f.local, f.localEventId(), "paidsecret0001", "desk");
    SyncFixture::admit(f.local, f.localEventId(), "shirtsecret00001", "desk");
    f.proxy->addRule({"/redeem/", "POST", Fault::TooMany429, 1, 0, {}, 1});
    f.proxy->addRule({"/redeem/", "POST", Fault::Error500, 2});
    const auto start = std::chrono::steady_clock::now();
    auto pushed = f.engine()->push();
    REQUIRE(pushed.ok());
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(1000));
    CHECK(pushed->uploaded == 2);
    CHECK(f.checkinsOf(f.source, DemoIds::kPaidPosition, DemoIds::kMainList) == 1);
    CHECK(f.proxy->countSeen("/redeem/", Fault::TooMany429) == 1);
    CHECK(f.proxy->countSeen("/redeem/", Fault::Error500) == 2);
}

TEST_CASE("A ticket admitted here offline and at the remote is recorded as a double entry") {
    SyncFixture f;
    REQUIRE(f.engine()->pull().ok());
    const auto remoteTime = model::now() - std::chrono::minutes(10);
    const auto localTime = model::now() - std::chrono::minutes(5);
    SyncFixture::admit(f.source, f.ids.eventId, "paidsecret0001", "gate-remote", remoteTime);
    SyncFixture::admit(f.local, f.localEventId(), "paidsecret0001", "desk", localTime);

    auto pushed = f.engine()->push();
    REQUIRE(pushed.ok());
    CHECK(pushed->uploaded == 1);
    CHECK(pushed->doubleEntries == 1);
    auto entries = model::SyncRepository(f.local).doubleEntries(f.localEventId());
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].secret == "paidsecret0001");
    CHECK(entries[0].localDevice == "desk");
    CHECK(entries[0].positionId == DemoIds::kPaidPosition);
    CHECK(model::toStorage(entries[0].localDatetime) / 1'000'000 == model::toStorage(localTime) / 1'000'000);
    CHECK(model::toStorage(entries[0].remoteDatetime) / 1'000'000 == model::toStorage(remoteTime) / 1'000'000);
    CHECK(entries[0].remoteCheckinId);
    CHECK(f.engine()->status().doubleEntries == 1);
    // The remote kept both admissions (force: true); nothing is recorded twice on a retry.
    CHECK(f.checkinsOf(f.source, DemoIds::kPaidPosition, DemoIds::kMainList) == 2);
    REQUIRE(f.engine()->pull().ok());
    CHECK(f.checkinsOf(f.local, DemoIds::kPaidPosition, DemoIds::kMainList) == 2);
    CHECK(model::SyncRepository(f.local).doubleEntries(f.localEventId()).size() == 1);
}

TEST_CASE("A check-in the remote refuses leaves the queue as a conflict for a human") {
    SyncFixture f;
    REQUIRE(f.engine()->pull().ok());
    const auto eventId = f.localEventId();
    model::Order o;
    o.eventId = eventId;
    o.code = "LOCAL1";
    o.status = model::OrderStatus::Paid;
    o.datetime = model::now();
    model::OrderPosition p;
    p.itemId = DemoIds::kDayTicket;
    p.secret = "onlyheresecret01";
    o.positions.push_back(p);
    {
        model::Store::Transaction tx(f.local);
        model::OrderRepository(f.local).upsert(o);
        tx.commit();
    }
    const auto id = SyncFixture::admit(f.local, eventId, "onlyheresecret01", "desk");
    SyncFixture::admit(f.local, eventId, "paidsecret0001", "desk");
    auto pushed = f.engine()->push();
    REQUIRE(pushed.ok());
    CHECK(pushed->conflicts == 1);
    CHECK(pushed->uploaded == 1);
    CHECK(pushed->remaining == 0);
    auto status = f.engine()->status();
    CHECK(status.conflicts == 1);
    CHECK(status.queueLength == 0);
    auto rows = model::CheckinRepository(f.local).byState(model::SyncState::Conflict);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].device == "desk");
    CHECK_FALSE(model::SyncRepository(f.local).queueError(rows[0].id).empty());
    // This remote hands out IDs from the local range too (it is another box office): when the
    // uploaded check-in took over an ID ours used, ours moved to a fresh local ID.
    CHECK(model::isLocalId(rows[0].id));
    CHECK(model::CheckinRepository(f.local).forPosition(rows[0].positionId).size() == 1);
    (void)id;
}

TEST_CASE("Uploads run on several connections at once, the check-ins of one ticket in order") {
    SyncFixture f(60);
    REQUIRE(f.engine()->pull().ok());
    const auto eventId = f.localEventId();
    const auto start = model::now() - std::chrono::minutes(30);
    for (int i = 0; i < 40; ++i) {
        SyncFixture::admit(f.local, eventId, "bulk" + std::to_string(i), "desk", start + std::chrono::seconds(i));
    }
    // bulk0 also leaves and comes back: three check-ins that must reach the remote in this order.
    auto bulk0 = model::OrderRepository(f.local).positionBySecret(eventId, "bulk0");
    REQUIRE(bulk0);
    for (auto [type, minute] : {std::pair{model::CheckinType::Exit, 10}, std::pair{model::CheckinType::Entry, 20}}) {
        model::Checkin c;
        c.listId = DemoIds::kMainList;
        c.positionId = bulk0->id;
        c.datetime = start + std::chrono::minutes(minute);
        c.type = type;
        c.device = "desk";
        c.syncState = model::SyncState::Local;
        c.created = model::now();
        model::Store::Transaction tx(f.local);
        model::CheckinRepository(f.local).insert(c);
        tx.commit();
    }
    REQUIRE(model::SyncRepository(f.local).queueLength(eventId) == 42);
    const auto before = model::CheckinRepository(f.source).countForEvent(f.ids.eventId);

    // One after another, 42 uploads delayed by 100 ms each would take at least 4.2 s.
    f.proxy->addRule({"/redeem/", "POST", Fault::Delay, -1, 0, std::chrono::milliseconds(100)});
    const auto t0 = std::chrono::steady_clock::now();
    auto pushed = f.engine()->push();
    const auto elapsed = std::chrono::steady_clock::now() - t0;
    REQUIRE(pushed.ok());
    CHECK(pushed->uploaded == 42);
    CHECK(pushed->remaining == 0);
    CHECK(pushed->doubleEntries == 0);  // the second entry arrived after the exit
    CHECK(elapsed < std::chrono::milliseconds(3000));
    CHECK(model::CheckinRepository(f.source).countForEvent(f.ids.eventId) == before + 42);

    auto remotePos = model::OrderRepository(f.source).positionBySecret(f.ids.eventId, "bulk0");
    REQUIRE(remotePos);
    auto rows = model::CheckinRepository(f.source).forPosition(remotePos->id, DemoIds::kMainList);
    std::sort(rows.begin(), rows.end(), [](const model::Checkin& a, const model::Checkin& b) { return a.id < b.id; });
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].type == model::CheckinType::Entry);
    CHECK(rows[1].type == model::CheckinType::Exit);
    CHECK(rows[2].type == model::CheckinType::Entry);
    CHECK(rows[0].datetime < rows[1].datetime);
    CHECK(rows[1].datetime < rows[2].datetime);
}
