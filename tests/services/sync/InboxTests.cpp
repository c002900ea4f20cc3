// What sync leaves for a person (sync/Inbox.h): conflicts retried and dismissed, the upload queue
// with its retry state, and the double-entry inbox with reviews and its CSV export.
#include "SyncFixture.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/sync/Inbox.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <mutex>

using namespace boxoffice;
using test::DemoIds;
using test::Fault;
using test::SyncFixture;

namespace {

// A paid order of one day ticket with `secret`, stored in `store` for `eventId`.
void addOrder(model::Store& store, model::Id eventId, const std::string& code, const std::string& secret,
              const std::string& attendee) {
    model::Order o;
    o.eventId = eventId;
    o.code = code;
    o.status = model::OrderStatus::Paid;
    o.datetime = model::now();
    model::OrderPosition p;
    p.positionid = 1;
    p.itemId = DemoIds::kDayTicket;
    p.secret = secret;
    p.attendeeName = attendee;
    o.positions.push_back(p);
    model::Store::Transaction tx(store);
    model::OrderRepository(store).upsert(o);
    tx.commit();
}

} // namespace

TEST_CASE(
    "A check-in the remote refuses is a conflict with its reason, retried into the queue, and dismissed") {
    SyncFixture f;
    REQUIRE(f.engine()->pull().ok());
    const auto eventId = f.localEventId();
    // Two tickets only this box office knows: the remote refuses both (unknown ticket).
    addOrder(f.local, eventId, "LOCAL1", "onlyheresecret01", "Ada Local");
    addOrder(f.local, eventId, "LOCAL2", "onlyheresecret02", "Bo Local");
    const auto early = model::now() - std::chrono::minutes(2);
    SyncFixture::admit(f.local, eventId, "onlyheresecret01", "desk", early);
    SyncFixture::admit(f.local, eventId, "onlyheresecret02", "gate 2", early + std::chrono::minutes(1));

    auto pushed = f.engine()->push();
    REQUIRE(pushed.ok());
    CHECK(pushed->conflicts == 2);
    auto found = sync::conflicts(f.local, eventId);
    REQUIRE(found.size() == 2);
    const auto& a = found[0]; // oldest first
    CHECK(a.checkin.orderCode == "LOCAL1");
    CHECK(a.checkin.positionNumber == 1);
    CHECK(a.checkin.attendeeName == "Ada Local");
    CHECK(a.checkin.listId == DemoIds::kMainList);
    CHECK(a.checkin.listName == "Main entrance");
    CHECK(a.checkin.type == "entry");
    CHECK(a.checkin.device == "desk");
    CHECK(model::toStorage(a.checkin.datetime) == model::toStorage(early));
    REQUIRE(a.httpStatus);
    CHECK(*a.httpStatus >= 400);
    CHECK(*a.httpStatus < 500);
    CHECK_FALSE(a.reason.empty());
    CHECK(a.reason == model::SyncRepository(f.local).queueError(a.checkin.checkinId));
    CHECK(found[1].checkin.orderCode == "LOCAL2");
    CHECK(found[1].checkin.device == "gate 2");
    const model::Id first = a.checkin.checkinId;
    const model::Id second = found[1].checkin.checkinId;
    CHECK(sync::uploadQueue(f.local, eventId).empty());

    // Retry: back in the queue, due now, with no attempts; the status counts follow.
    std::vector<model::Change> changes;
    std::mutex changesMutex;
    const auto subscription = model::ChangeFeed::instance().subscribe([&](const model::Change& c) {
        std::lock_guard lock(changesMutex);
        changes.push_back(c);
    });
    REQUIRE(sync::retryConflict(f.local, first).ok());
    {
        std::lock_guard lock(changesMutex);
        CHECK(std::find(changes.begin(), changes.end(), model::Change{model::Change::Kind::Sync, eventId}) !=
              changes.end());
    }
    auto queue = sync::uploadQueue(f.local, eventId);
    REQUIRE(queue.size() == 1);
    CHECK(queue[0].checkin.checkinId == first);
    CHECK(queue[0].checkin.orderCode == "LOCAL1");
    CHECK(queue[0].attempts == 0);
    CHECK_FALSE(queue[0].nextAttempt);
    CHECK(queue[0].lastError.empty());
    auto status = f.engine()->status();
    CHECK(status.queueLength == 1);
    CHECK(status.conflicts == 1);
    auto again = sync::retryConflict(f.local, first);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == model::ErrorCode::NotFound);

    // The remote still does not know the ticket: the next push makes it a conflict again.
    pushed = f.engine()->push();
    REQUIRE(pushed.ok());
    CHECK(pushed->conflicts == 1);
    CHECK(sync::conflicts(f.local, eventId).size() == 2);

    // Dismissed: gone from the conflicts, the queue and the counts; the check-in row stays, a pull
    // keeps it, and it is never uploaded.
    REQUIRE(sync::dismissConflict(f.local, second).ok());
    found = sync::conflicts(f.local, eventId);
    REQUIRE(found.size() == 1);
    CHECK(found[0].checkin.checkinId == first);
    CHECK(sync::uploadQueue(f.local, eventId).empty());
    status = f.engine()->status();
    CHECK(status.conflicts == 1);
    CHECK(status.queueLength == 0);
    for (auto* use : {&sync::dismissConflict, &sync::retryConflict}) {
        auto refused = use(f.local, second);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == model::ErrorCode::NotFound);
    }
    REQUIRE(f.engine()->pull().ok());
    auto kept = model::CheckinRepository(f.local).forPosition(
        model::OrderRepository(f.local).positionBySecret(eventId, "onlyheresecret02")->id);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].id == second);
    CHECK(kept[0].syncState == model::SyncState::Conflict);
    CHECK(kept[0].device == "gate 2");

    // Once the remote sells the first ticket, its retried check-in settles; the dismissed one
    // is not sent.
    addOrder(f.source, f.ids.eventId, "LOCAL1", "onlyheresecret01", "Ada Local");
    REQUIRE(sync::retryConflict(f.local, first).ok());
    f.proxy->clearSeen();
    pushed = f.engine()->push();
    REQUIRE(pushed.ok());
    CHECK(pushed->uploaded == 1);
    CHECK(pushed->conflicts == 0);
    CHECK(f.proxy->countSeen("onlyheresecret01") == 1);
    CHECK(f.proxy->countSeen("onlyheresecret02") == 0);
    auto remotePosition =
        model::OrderRepository(f.source).positionBySecret(f.ids.eventId, "onlyheresecret01");
    REQUIRE(remotePosition);
    CHECK(f.checkinsOf(f.source, remotePosition->id, DemoIds::kMainList) == 1);
    CHECK(sync::conflicts(f.local, eventId).empty());
    status = f.engine()->status();
    CHECK(status.conflicts == 0);
    CHECK(status.queueLength == 0);
    CHECK(model::CheckinRepository(f.local).byState(model::SyncState::Conflict).size() == 1);

    auto unknown = sync::dismissConflict(f.local, 987'654'321);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == model::ErrorCode::NotFound);
    model::ChangeFeed::instance().unsubscribe(subscription);
}

TEST_CASE("The upload queue shows each check-in's attempts and last failure, oldest first") {
    SyncFixture f;
    REQUIRE(f.engine()->pull().ok());
    const auto eventId = f.localEventId();
    const auto start = model::now() - std::chrono::minutes(10);
    SyncFixture::admit(f.local, eventId, "shirtsecret00001", "gate 1", start + std::chrono::minutes(1));
    SyncFixture::admit(f.local, eventId, "paidsecret0001", "desk", start);
    auto queue = sync::uploadQueue(f.local, eventId);
    REQUIRE(queue.size() == 2);
    CHECK(queue[0].checkin.attendeeName == "Mara Lind");
    CHECK(queue[0].checkin.orderCode == "PAID1");
    CHECK(queue[0].checkin.positionId == DemoIds::kPaidPosition);
    CHECK(queue[1].checkin.device == "gate 1");
    CHECK(sync::uploadQueue(f.local, eventId, 1).size() == 1);

    f.proxy->addRule({"/redeem/", "POST", Fault::Error500, -1});
    REQUIRE_FALSE(f.engine(1)->push().ok());
    queue = sync::uploadQueue(f.local, eventId);
    REQUIRE_FALSE(queue.empty());
    CHECK(queue[0].attempts == 1);
    CHECK(queue[0].lastStatus == 500);
    CHECK(queue[0].lastError == "HTTP 500");
    CHECK(sync::conflicts(f.local, eventId).empty());
}

TEST_CASE("The double-entry inbox lists a ticket admitted twice, a review with a note persists and exports") {
    SyncFixture f;
    REQUIRE(f.engine()->pull().ok());
    const auto eventId = f.localEventId();
    const auto remoteTime = model::now() - std::chrono::minutes(10);
    const auto localTime = model::now() - std::chrono::minutes(5);
    SyncFixture::admit(f.source, f.ids.eventId, "paidsecret0001", "gate-remote", remoteTime);
    SyncFixture::admit(f.local, eventId, "paidsecret0001", "desk", localTime);
    auto pushed = f.engine()->push();
    REQUIRE(pushed.ok());
    REQUIRE(pushed->doubleEntries == 1);

    auto entries = sync::doubleEntries(f.local, eventId);
    REQUIRE(entries.size() == 1);
    const auto& e = entries[0];
    CHECK(e.here.orderCode == "PAID1");
    CHECK(e.here.attendeeName == "Mara Lind");
    CHECK(e.here.listName == "Main entrance");
    CHECK(e.here.device == "desk");
    CHECK(e.here.type == "entry");
    CHECK(e.here.checkinId != 0); // the uploaded row, re-keyed to the remote's ID, keeps its nonce
    CHECK(model::toStorage(e.here.datetime) / 1'000'000 == model::toStorage(localTime) / 1'000'000);
    CHECK(model::toStorage(e.remoteDatetime) / 1'000'000 == model::toStorage(remoteTime) / 1'000'000);
    CHECK_FALSE(e.remoteDevice.empty()); // as the remote names it ("remote" when it names none)
    CHECK_FALSE(e.reviewed);
    CHECK(e.note.empty());
    CHECK_FALSE(e.reviewedAt);
    CHECK(sync::unreviewedDoubleEntries(f.local, eventId) == 1);

    // A note is at most 2,000 characters (not bytes).
    auto tooLong = sync::reviewDoubleEntry(f.local, e.id, true, std::string(2001, 'x'));
    REQUIRE_FALSE(tooLong.ok());
    CHECK(tooLong.error().code == model::ErrorCode::BadInput);
    CHECK(tooLong.error().fields.contains("note"));
    std::string accents;
    for (int i = 0; i < 2000; ++i) {
        accents += "é";
    }
    REQUIRE(sync::reviewDoubleEntry(f.local, e.id, false, accents).ok());
    CHECK(sync::unreviewedDoubleEntries(f.local, eventId) == 1);
    auto unknown = sync::reviewDoubleEntry(f.local, 987'654'321, true, "");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == model::ErrorCode::NotFound);

    const std::string note = "=Wristband lost, \"let in\" again";
    REQUIRE(sync::reviewDoubleEntry(f.local, e.id, true, note).ok());
    CHECK(sync::unreviewedDoubleEntries(f.local, eventId) == 0);
    {
        model::Store reopened(f.dir / "local.sqlite");
        auto stored = sync::doubleEntries(reopened, eventId);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].reviewed);
        CHECK(stored[0].note == note);
        REQUIRE(stored[0].reviewedAt);
        CHECK(*stored[0].reviewedAt <= model::now());
        CHECK(sync::unreviewedDoubleEntries(reopened, eventId) == 0);
        CHECK(f.engine()->status().doubleEntries == 1);
    }

    const auto file = f.dir / "double-entries.csv";
    auto written = sync::exportDoubleEntriesCsv(f.local, eventId, file);
    REQUIRE(written.ok());
    CHECK(written.value() == 1);
    const std::string expected = "Order,Position,Attendee,List,Here (UTC),Here device,Remote (UTC),Remote "
                                 "device,Detected (UTC),Reviewed,"
                                 "Note\r\nPAID1,1,Mara Lind,Main entrance," +
                                 model::formatTimestamp(e.here.datetime) + ",desk," +
                                 model::formatTimestamp(e.remoteDatetime) + "," + e.remoteDevice + "," +
                                 model::formatTimestamp(e.detected) +
                                 ",yes,\"'=Wristband lost, \"\"let in\"\" again\"\r\n";
    CHECK(test::readFile(file) == expected);
    for (const auto& entry : std::filesystem::directory_iterator(f.dir.path())) {
        CHECK_FALSE(entry.path().extension() == ".tmp");
    }
    auto nowhere = sync::exportDoubleEntriesCsv(f.local, eventId, f.dir / "no-such-folder" / "x.csv");
    REQUIRE_FALSE(nowhere.ok());
    CHECK(nowhere.error().code == model::ErrorCode::Io);

    // Taking the review back clears its time and counts it again.
    REQUIRE(sync::reviewDoubleEntry(f.local, e.id, false, note).ok());
    entries = sync::doubleEntries(f.local, eventId);
    REQUIRE(entries.size() == 1);
    CHECK_FALSE(entries[0].reviewed);
    CHECK_FALSE(entries[0].reviewedAt);
    CHECK(entries[0].note == note);
    CHECK(sync::unreviewedDoubleEntries(f.local, eventId) == 1);
}
