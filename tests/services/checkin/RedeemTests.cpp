#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "DemoData.h"
#include "TestSupport.h"
#include "boxoffice/checkin/Lists.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"

using namespace boxoffice;
using checkin::Reason;
using checkin::Status;
using test::DemoIds;

namespace {

struct Fixture {
    test::TempDir dir;
    std::filesystem::path file = dir / "box.sqlite";
    model::Store store{file};
    DemoIds ids = test::createDemoData(store);

    checkin::RedeemResult scan(const std::string& code, model::Id list = DemoIds::kMainList,
                               checkin::RedeemRequest req = {}) {
        req.code = code;
        req.listId = list;
        auto r = checkin::redeem(store, ids.eventId, req);
        REQUIRE(r.ok());
        return r.value();
    }
    std::size_t checkinsOf(model::Id position) { return model::CheckinRepository(store).forPosition(position).size(); }
};

// Runs `gate(g, store)` on `gates` threads at once, each with its own connection to `file`.
template <class Gate>
void runGates(const std::filesystem::path& file, int gates, Gate gate) {
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int g = 0; g < gates; ++g) {
        threads.emplace_back([&, g] {
            model::Store own(file);
            while (!go) {
                std::this_thread::yield();
            }
            gate(g, own);
        });
    }
    go = true;
    for (auto& t : threads) {
        t.join();
    }
}

// Scans the bulk tickets first .. first + count - 1 on the main list, one after another,
// counting admissions and anything else.
void scanBulk(model::Store& own, model::Id eventId, int first, int count, std::atomic<int>& ok,
              std::atomic<int>& other) {
    for (int i = first; i < first + count; ++i) {
        checkin::RedeemRequest req;
        req.code = "bulk" + std::to_string(i);
        req.listId = DemoIds::kMainList;
        auto r = checkin::redeem(own, eventId, req);
        (r && r->status == Status::Ok ? ok : other)++;
    }
}

}  // namespace

TEST_CASE("redeem admits a paid ticket once, then reports already_redeemed", "[checkin]") {
    Fixture f;
    auto first = f.scan("paidsecret0001");
    CHECK(first.status == Status::Ok);
    CHECK(first.created);
    REQUIRE(first.ticket);
    CHECK(first.ticket->position.id == DemoIds::kPaidPosition);
    auto second = f.scan("paidsecret0001");
    CHECK(second.status == Status::Error);
    CHECK(second.reason == Reason::AlreadyRedeemed);
    CHECK(second.checkins.size() == 1);
    CHECK(f.checkinsOf(DemoIds::kPaidPosition) == 1);
}

TEST_CASE("redeem reasons follow the decision order", "[checkin]") {
    Fixture f;
    CHECK(f.scan("nosuchsecret").reason == Reason::Invalid);
    CHECK_FALSE(f.scan("nosuchsecret").ticket);
    CHECK(f.scan("pendingsecret001").reason == Reason::Unpaid);
    CHECK(f.scan("canceledsecret01").reason == Reason::Unpaid);  // client without canceled_supported
    checkin::RedeemRequest canceledOk;
    canceledOk.canceledSupported = true;
    CHECK(f.scan("canceledsecret01", DemoIds::kMainList, canceledOk).reason == Reason::Canceled);
    // The shirt list admits shirts only.
    CHECK(f.scan("paidsecret0001", DemoIds::kShirtList).reason == Reason::Product);
    // A ticket of another event is unknown here.
    CHECK(f.scan("othersecret00001").reason == Reason::Invalid);
    CHECK(f.checkinsOf(102) == 0);
    CHECK(f.checkinsOf(103) == 0);
    checkin::RedeemRequest onUnknownList;
    onUnknownList.code = "paidsecret0001";
    onUnknownList.listId = 99;
    auto unknownList = checkin::redeem(f.store, f.ids.eventId, onUnknownList);
    REQUIRE_FALSE(unknownList.ok());
    CHECK(unknownList.error().code == model::ErrorCode::NotFound);
}

TEST_CASE("ignore_unpaid admits pending tickets only on lists that include pending orders", "[checkin]") {
    Fixture f;
    checkin::RedeemRequest req;
    req.ignoreUnpaid = true;
    CHECK(f.scan("pendingsecret001", DemoIds::kMainList, req).reason == Reason::Unpaid);
    CHECK(f.scan("pendshirtsecret1", DemoIds::kShirtList).reason == Reason::Unpaid);
    CHECK(f.scan("pendshirtsecret1", DemoIds::kShirtList, req).status == Status::Ok);
}

TEST_CASE("force records the check-in whatever the state", "[checkin]") {
    Fixture f;
    checkin::RedeemRequest req;
    req.force = true;
    auto r = f.scan("canceledsecret01", DemoIds::kMainList, req);
    CHECK(r.status == Status::Ok);
    CHECK(r.forced);
    f.scan("paidsecret0001");
    auto again = f.scan("paidsecret0001", DemoIds::kMainList, req);
    CHECK(again.status == Status::Ok);
    CHECK(f.checkinsOf(DemoIds::kPaidPosition) == 2);
    CHECK(f.scan("nosuchsecret", DemoIds::kMainList, req).reason == Reason::Invalid);
}

TEST_CASE("the same nonce twice is one check-in", "[checkin]") {
    Fixture f;
    checkin::RedeemRequest req;
    req.nonce = "n-1";
    auto a = f.scan("paidsecret0001", DemoIds::kMainList, req);
    auto b = f.scan("paidsecret0001", DemoIds::kMainList, req);
    CHECK(a.status == Status::Ok);
    CHECK(b.status == Status::Ok);
    CHECK_FALSE(b.created);
    REQUIRE(b.checkin);
    CHECK(b.checkin->id == a.checkin->id);
    CHECK(f.checkinsOf(DemoIds::kPaidPosition) == 1);
    req.nonce = "n-2";  // a new scan of the same ticket is a re-entry
    CHECK(f.scan("paidsecret0001", DemoIds::kMainList, req).reason == Reason::AlreadyRedeemed);
}

// The server lets a remembered caller scan without reading the access version; the redeem's
// own transaction checks it (server::Router::checksAccessItself).
TEST_CASE("a redeem at an access version no longer current writes nothing", "[checkin]") {
    Fixture f;
    std::optional<checkin::DedicatedWriter> writer;
    SECTION("run by the caller") {}
    SECTION("run by a dedicated writer") { writer.emplace(f.file, 1000); }
    const auto before = model::EventRepository(f.store).accessVersion();
    checkin::RedeemRequest req;
    req.code = "paidsecret0001";
    req.listId = DemoIds::kMainList;
    req.accessVersion = before;
    // Another connection changes who may do what (here: a plugin switched on for the event).
    model::Store other(f.file);
    model::EventRepository(other).setPluginEnabled(f.ids.eventId, "certificates", false);
    REQUIRE(model::EventRepository(f.store).accessVersion() > before);
    auto stale = checkin::redeem(f.store, f.ids.eventId, req);
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().code == model::ErrorCode::Conflict);
    CHECK(f.checkinsOf(DemoIds::kPaidPosition) == 0);
    // Authorized again at the version that holds now, it is decided.
    req.accessVersion = model::EventRepository(f.store).accessVersion();
    auto current = checkin::redeem(f.store, f.ids.eventId, req);
    REQUIRE(current.ok());
    CHECK(current.value().status == Status::Ok);
    CHECK(f.checkinsOf(DemoIds::kPaidPosition) == 1);
}

TEST_CASE("check-in questions: incomplete, then answers are stored and the ticket admitted", "[checkin]") {
    Fixture f;
    auto r = f.scan("workshopsecret01");
    CHECK(r.status == Status::Incomplete);
    REQUIRE(r.questions.size() == 1);
    CHECK(r.questions[0].id == DemoIds::kShirtQuestion);
    CHECK(f.checkinsOf(105) == 0);

    checkin::RedeemRequest bad;
    bad.answers[DemoIds::kShirtQuestion] = "12345";  // not an option: dropped
    CHECK(f.scan("workshopsecret01", DemoIds::kMainList, bad).status == Status::Incomplete);

    checkin::RedeemRequest answered;
    answered.answers[DemoIds::kShirtQuestion] = std::to_string(DemoIds::kOptionL);
    auto ok = f.scan("workshopsecret01", DemoIds::kMainList, answered);
    CHECK(ok.status == Status::Ok);
    auto pos = model::OrderRepository(f.store).position(f.ids.eventId, 105);
    REQUIRE(pos);
    REQUIRE(pos->answers.size() == 1);
    CHECK(pos->answers[0].options == std::vector<model::Id>{DemoIds::kOptionL});
    CHECK(pos->answers[0].answer == "L");
    CHECK(ok.ticket->requireAttention());  // the workshop product asks for attention
}

TEST_CASE("answers kept from a refused redeem mark the order modified", "[checkin]") {
    Fixture f;
    model::OrderRepository orders(f.store);
    const auto orderId = orders.position(f.ids.eventId, 105)->orderId;
    f.store.db().exec("UPDATE orders SET last_modified = 1 WHERE id = " + std::to_string(orderId));
    checkin::RedeemRequest answered;
    answered.answers[DemoIds::kShirtQuestion] = std::to_string(DemoIds::kOptionM);
    // The shirt list does not admit the workshop: refused, but the answer is kept...
    auto r = f.scan("workshopsecret01", DemoIds::kShirtList, answered);
    CHECK(r.reason == Reason::Product);
    REQUIRE(orders.position(f.ids.eventId, 105)->answers.size() == 1);
    // ...and the order counts as changed, so modified_since (sync, scanners) fetches it again.
    CHECK(model::toStorage(orders.byId(orderId)->lastModified) > 1);
    CHECK(f.checkinsOf(105) == 0);
}

TEST_CASE("clients without question support are admitted without answers", "[checkin]") {
    Fixture f;
    checkin::RedeemRequest req;
    req.questionsSupported = false;
    CHECK(f.scan("workshopsecret01", DemoIds::kMainList, req).status == Status::Ok);
}

TEST_CASE("entry and exit follow allow_multiple_entries and allow_entry_after_exit", "[checkin]") {
    Fixture f;
    checkin::RedeemRequest exit;
    exit.type = model::CheckinType::Exit;
    CHECK(f.scan("paidsecret0001").status == Status::Ok);
    CHECK(f.scan("paidsecret0001", DemoIds::kMainList, exit).status == Status::Ok);
    CHECK(f.scan("paidsecret0001").status == Status::Ok);  // entry after exit allowed by default
    CHECK(f.scan("paidsecret0001").reason == Reason::AlreadyRedeemed);

    model::CheckinRepository repo(f.store);
    auto list = *repo.listInfo(f.ids.eventId, DemoIds::kMainList);
    list.allowEntryAfterExit = false;
    repo.upsertList(list);
    CHECK(f.scan("paidsecret0001", DemoIds::kMainList, exit).status == Status::Ok);
    CHECK(f.scan("paidsecret0001").reason == Reason::AlreadyRedeemed);
    list.allowMultipleEntries = true;
    repo.upsertList(list);
    CHECK(f.scan("paidsecret0001").status == Status::Ok);
    CHECK(f.scan("paidsecret0001").status == Status::Ok);
}

TEST_CASE("lists are independent", "[checkin]") {
    Fixture f;
    CHECK(f.scan("shirtsecret00001", DemoIds::kMainList).status == Status::Ok);
    CHECK(f.scan("shirtsecret00001", DemoIds::kShirtList).status == Status::Ok);
    CHECK(f.scan("shirtsecret00001", DemoIds::kShirtList).reason == Reason::AlreadyRedeemed);
}

TEST_CASE("16 threads redeeming one ticket at once admit it exactly once", "[checkin][concurrency]") {
    Fixture f;
    // Without and with a dedicated connection for the group commits (as the server runs).
    const bool dedicated = GENERATE(false, true);
    std::optional<checkin::DedicatedWriter> writer;
    if (dedicated) {
        writer.emplace(f.file, 1000);
    }
    constexpr int kThreads = 16;
    for (int round = 0; round < 5; ++round) {
        const std::string secret = round == 0 ? "paidsecret0001" : "bulk" + std::to_string(round);
        if (round == 1) {
            test::addBulkOrders(f.store, f.ids.eventId, 10);
        }
        std::atomic<int> ok{0};
        std::atomic<int> used{0};
        std::atomic<int> other{0};
        std::atomic<bool> go{false};
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&] {
                model::Store own(f.file);  // one connection per gate, as in the server
                while (!go) {
                    std::this_thread::yield();
                }
                checkin::RedeemRequest req;
                req.code = secret;
                req.listId = DemoIds::kMainList;
                auto r = checkin::redeem(own, f.ids.eventId, req);
                if (r && r->status == Status::Ok) {
                    ++ok;
                } else if (r && r->reason == Reason::AlreadyRedeemed) {
                    ++used;
                } else {
                    ++other;
                }
            });
        }
        go = true;
        for (auto& t : threads) {
            t.join();
        }
        CHECK(ok == 1);
        CHECK(used == kThreads - 1);
        CHECK(other == 0);
    }
}

TEST_CASE("list statistics count positions and entries in the list's scope", "[checkin]") {
    Fixture f;
    f.scan("paidsecret0001");
    f.scan("shirtsecret00001");
    checkin::RedeemRequest exit;
    exit.type = model::CheckinType::Exit;
    f.scan("shirtsecret00001", DemoIds::kMainList, exit);
    auto s = checkin::listStatus(f.store, f.ids.eventId, DemoIds::kMainList);
    REQUIRE(s);
    // Paid: PAID1, SHIRT, WORKS, ADDON (2 positions) = 5; pending and canceled are out.
    CHECK(s->list.positionCount == 5);
    CHECK(s->list.checkinCount == 2);
    CHECK(s->insideCount == 1);
    REQUIRE(s->items.size() == 3);
    CHECK(s->items[0].item.id == DemoIds::kDayTicket);
    CHECK(s->items[0].positionCount == 2);
    CHECK(s->items[0].checkinCount == 1);
    CHECK(s->items[1].variations.size() == 2);
    CHECK(s->items[1].variations[0].positionCount == 2);
    CHECK(s->items[1].variations[0].checkinCount == 1);
    CHECK(s->items[1].variations[1].positionCount == 0);

    auto shirts = checkin::listStatus(f.store, f.ids.eventId, DemoIds::kShirtList);
    REQUIRE(shirts);
    CHECK(shirts->items.size() == 1);
    CHECK(shirts->list.positionCount == 3);  // two paid shirts and the pending one (list includes pending)
}

TEST_CASE("the scanner list: chosen, else first, else a new list for all products", "[checkin]") {
    Fixture f;
    CHECK(checkin::scannerList(f.store, f.ids.eventId).id == DemoIds::kMainList);
    model::EventRepository events(f.store);
    auto e = *events.eventById(f.ids.eventId);
    e.scannerListId = DemoIds::kShirtList;
    events.upsertEvent(e);
    CHECK(checkin::scannerList(f.store, f.ids.eventId).id == DemoIds::kShirtList);
    auto created = checkin::scannerList(f.store, f.ids.otherEventId);
    CHECK(created.allProducts);
    CHECK(created.eventId == f.ids.otherEventId);
    CHECK(checkin::scannerList(f.store, f.ids.otherEventId).id == created.id);
}

TEST_CASE("orders from an auto check-in sales channel are checked in automatically", "[checkin]") {
    Fixture f;
    model::CheckinRepository repo(f.store);
    auto list = *repo.listInfo(f.ids.eventId, DemoIds::kMainList);
    list.autoCheckinSalesChannels = {"box_office"};
    repo.upsertList(list);
    auto order = *model::OrderRepository(f.store).byCode(f.ids.eventId, "PAID1");
    CHECK(checkin::autoCheckin(f.store, order).empty());  // sold on "web"
    order.code = "DESK1";
    order.id = 0;
    order.salesChannel = "box_office";
    order.positions[0].id = 0;
    order.positions[0].secret = "desksecret000001";
    model::OrderRepository(f.store).upsert(order);
    auto created = checkin::autoCheckin(f.store, order);
    REQUIRE(created.size() == 1);
    CHECK(created[0].autoCheckedIn);
    CHECK(created[0].listId == DemoIds::kMainList);
    CHECK(f.scan("desksecret000001").reason == Reason::AlreadyRedeemed);
}

TEST_CASE("a dedicated writer's connection closes with its last holder", "[checkin]") {
    test::TempDir dir;
    const auto file = dir / "box.sqlite";
    auto scanOnce = [&](const std::string& code) {
        model::Store store(file);
        const auto ids = test::createDemoData(store);
        checkin::DedicatedWriter writer(file, 1000);
        checkin::RedeemRequest req;
        req.code = code;
        req.listId = DemoIds::kMainList;
        auto r = checkin::redeem(store, ids.eventId, req);
        REQUIRE(r.ok());
        CHECK(r->status == Status::Ok);
        return store.db().execAndGet("SELECT count(*) FROM checkin").getInt();
    };
    CHECK(scanOnce("paidsecret0001") == 1);
    // A new database at the same path: a connection kept open to the old file would write there.
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + "-wal");
    std::filesystem::remove(file.string() + "-shm");
    CHECK(scanOnce("paidsecret0001") == 1);
}

TEST_CASE("more gates than one group commit holds: every redeem is answered once", "[checkin][concurrency]") {
    Fixture f;
    checkin::DedicatedWriter writer(f.file, 1000);
    constexpr int kGates = 80;  // more than a batch takes (64), so batches hand over to waiting gates
    constexpr int kScans = 4;
    test::addBulkOrders(f.store, f.ids.eventId, kGates * kScans);
    std::atomic<int> ok{0};
    std::atomic<int> other{0};
    runGates(f.file, kGates,
             [&](int g, model::Store& own) { scanBulk(own, f.ids.eventId, g * kScans, kScans, ok, other); });
    CHECK(ok == kGates * kScans);
    CHECK(other == 0);
    CHECK(f.store.db().execAndGet("SELECT count(*) FROM checkin").getInt() == kGates * kScans);
}

TEST_CASE("redeems go on while dedicated writers come and go", "[checkin][concurrency]") {
    // The committer thread starts with the first DedicatedWriter and ends with the last; redeems
    // waiting for it then run their own transactions. None may be lost or answered twice.
    Fixture f;
    constexpr int kGates = 12;
    constexpr int kScans = 40;
    test::addBulkOrders(f.store, f.ids.eventId, kGates * kScans);
    std::atomic<int> ok{0};
    std::atomic<int> other{0};
    std::atomic<int> gatesDone{0};
    std::thread churn([&] {
        while (gatesDone < kGates) {
            checkin::DedicatedWriter first(f.file, 1000);
            std::optional<checkin::DedicatedWriter> second(std::in_place, f.file, 1000);
            std::this_thread::sleep_for(std::chrono::microseconds(300));
            second.reset();
            std::this_thread::sleep_for(std::chrono::microseconds(300));
        }
    });
    runGates(f.file, kGates, [&](int g, model::Store& own) {
        scanBulk(own, f.ids.eventId, g * kScans, kScans, ok, other);
        ++gatesDone;
    });
    churn.join();
    CHECK(ok == kGates * kScans);
    CHECK(other == 0);
    CHECK(f.store.db().execAndGet("SELECT count(*) FROM checkin").getInt() == kGates * kScans);
}

TEST_CASE("redeems of two lists in one group commit each get their own list's answer", "[checkin][concurrency]") {
    Fixture f;
    checkin::DedicatedWriter writer(f.file, 1000);
    // Gates on two lists at once, so that transactions hold redeems of both: each list is read
    // once per transaction, and each redeem still gets its own list's answer (day tickets are
    // admitted on the main list and refused on the shirts-only list).
    constexpr int kGates = 8;
    constexpr int kScans = 6;
    test::addBulkOrders(f.store, f.ids.eventId, kGates * kScans);
    std::atomic<int> admitted{0};
    std::atomic<int> refused{0};
    std::atomic<int> other{0};
    runGates(f.file, kGates, [&](int g, model::Store& own) {
        for (int s = 0; s < kScans; ++s) {
            checkin::RedeemRequest req;
            req.code = "bulk" + std::to_string(g * kScans + s);
            req.listId = g % 2 == 0 ? DemoIds::kMainList : DemoIds::kShirtList;
            auto r = checkin::redeem(own, f.ids.eventId, req);
            if (r && g % 2 == 0 && r->status == Status::Ok) {
                ++admitted;
            } else if (r && g % 2 == 1 && r->reason == Reason::Product) {
                ++refused;
            } else {
                ++other;
            }
        }
    });
    CHECK(admitted == kGates / 2 * kScans);
    CHECK(refused == kGates / 2 * kScans);
    CHECK(other == 0);
}

// The server's checkpointer has the committer start the WAL over between two of its batches
// (DedicatedWriter::restartWal) instead of holding every writer with a RESTART of its own.
TEST_CASE("DedicatedWriter::restartWal starts the WAL over between two batches", "[checkin][wal]") {
    Fixture f;
    checkin::DedicatedWriter writer(f.file, 0);
    f.store.db().exec("PRAGMA wal_autocheckpoint = 0");
    auto walFrames = [&] {
        // PASSIVE copies what it can and tells how many frames the WAL holds.
        int frames = -1;
        int copied = -1;
        REQUIRE(sqlite3_wal_checkpoint_v2(f.store.db().getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames,
                                          &copied) == SQLITE_OK);
        return frames;
    };
    test::addBulkOrders(f.store, f.ids.eventId, 2000);
    CHECK(f.scan("bulk1").status == Status::Ok);
    const int before = walFrames();
    REQUIRE(before > 100);

    CHECK(writer.restartWal());
    // The next commit writes from the WAL's first frame on: only its own frames are in it.
    CHECK(f.scan("bulk2").status == Status::Ok);
    CHECK(walFrames() < 20);
    CHECK(f.store.db().execAndGet("SELECT count(*) FROM checkin").getInt() == 2);
}

TEST_CASE("DedicatedWriter::restartWal gives up at once while another connection writes", "[checkin][wal]") {
    Fixture f;
    checkin::DedicatedWriter writer(f.file, 0);
    CHECK(f.scan("paidsecret0001").status == Status::Ok);
    model::Store other(f.file);
    other.db().exec("BEGIN IMMEDIATE");
    const auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(writer.restartWal());
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
    other.db().exec("ROLLBACK");
    // The committer goes on: a redeem after it is answered and kept.
    test::addBulkOrders(f.store, f.ids.eventId, 2);
    CHECK(f.scan("bulk1").status == Status::Ok);
    CHECK(f.store.db().execAndGet("SELECT count(*) FROM checkin").getInt() == 2);
}

TEST_CASE("redeemLater: at once without a dedicated writer, else from its thread after the commit",
          "[checkin][concurrency]") {
    Fixture f;
    constexpr int kScans = 120;
    test::addBulkOrders(f.store, f.ids.eventId, kScans + 1);
    auto request = [](int i) {
        checkin::RedeemRequest req;
        req.code = "bulk" + std::to_string(i);
        req.listId = DemoIds::kMainList;
        return req;
    };

    bool called = false;
    checkin::redeemLater(f.store, f.ids.eventId, request(kScans), [&](checkin::RedeemOutcome o) {
        auto r = o.get();
        CHECK((r && r->status == Status::Ok));
        called = true;
    });
    CHECK(called);  // no writer: before redeemLater returned

    std::mutex m;
    std::condition_variable allDone;
    int done = 0;
    int admitted = 0;
    int committedBefore = 0;  // outcomes whose check-in another connection could already read
    model::Store reader(f.file);
    const auto caller = std::this_thread::get_id();
    std::optional<checkin::DedicatedWriter> writer(std::in_place, f.file, 1000);
    for (int i = 0; i < kScans; ++i) {
        checkin::redeemLater(f.store, f.ids.eventId, request(i), [&, i](checkin::RedeemOutcome o) {
            auto r = o.get();
            // On the writer's thread, one outcome after another: `reader` is used by it alone.
            const bool onWriter = std::this_thread::get_id() != caller;
            const bool committed =
                reader.db().execAndGet("SELECT count(*) FROM checkin c JOIN order_position p ON p.id = c.position_id "
                                       "WHERE p.secret = 'bulk" + std::to_string(i) + "'").getInt() == 1;
            std::lock_guard lock(m);
            admitted += (r && r->status == Status::Ok && onWriter) ? 1 : 0;
            committedBefore += committed ? 1 : 0;
            if (++done == kScans) {
                allDone.notify_one();
            }
        });
    }
    // The last holder goes with outcomes still to come: its thread hands them all on first.
    writer.reset();
    std::unique_lock lock(m);
    CHECK(done == kScans);
    allDone.wait_for(lock, std::chrono::seconds(10), [&] { return done == kScans; });  // not to hang if not
    CHECK(admitted == kScans);
    CHECK(committedBefore == kScans);
    CHECK(f.store.db().execAndGet("SELECT count(*) FROM checkin").getInt() == kScans + 1);
}
