// Redeems while another connection holds the database's write lock for long, as an import of a
// large event does: they are answered while the lock is still held (decided into the journal
// beside the database), admit each ticket once, keep the answers given, and reach the database
// with the next transaction that gets the lock, or when the next dedicated writer starts.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "DemoData.h"
#include "TestSupport.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/OrderRepository.h"

using namespace boxoffice;
using checkin::Reason;
using checkin::Status;
using test::DemoIds;

namespace {

// Holds the write lock of `file` on a connection of its own, as a long import does, until
// release() (at most 60 s, so a redeem that waits for the lock cannot hang the test). `whileHeld`
// runs inside the transaction before it commits.
class LongWriter {
public:
    explicit LongWriter(const std::filesystem::path& file, std::string whileHeld = {})
        : m_thread([this, file, whileHeld] {
              model::Store store(file);
              store.db().exec("BEGIN IMMEDIATE");
              if (!whileHeld.empty()) {
                  store.db().exec(whileHeld);
              }
              std::unique_lock lock(m_mutex);
              m_held = true;
              m_changed.notify_all();
              m_changed.wait_for(lock, std::chrono::seconds(60), [this] { return m_release; });
              m_releasedInTime = m_release;
              store.db().exec("COMMIT");
          }) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_held; });
    }
    ~LongWriter() { release(); }
    LongWriter(const LongWriter&) = delete;
    LongWriter& operator=(const LongWriter&) = delete;

    // Commits and lets the lock go. True when it was still held until now: nothing waited for it.
    bool release() {
        if (!m_thread.joinable()) {
            return m_releasedInTime;
        }
        {
            std::lock_guard lock(m_mutex);
            m_release = true;
        }
        m_changed.notify_all();
        m_thread.join();
        return m_releasedInTime;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_held = false;
    bool m_release = false;
    bool m_releasedInTime = false;
    std::thread m_thread;
};

checkin::RedeemResult scan(model::Store& store, model::Id eventId, const std::string& code,
                           checkin::RedeemRequest req = {}) {
    req.code = code;
    req.listId = DemoIds::kMainList;
    auto r = checkin::redeem(store, eventId, req);
    REQUIRE(r.ok());
    return r.value();
}

int count(model::Store& store, const std::string& sql) { return store.db().execAndGet(sql).getInt(); }

int journaled(const std::filesystem::path& file) {
    SQLite::Database journal(file.string() + ".redeems", SQLite::OPEN_READONLY, 5000);
    return journal.execAndGet("SELECT (SELECT count(*) FROM pending_checkin) + (SELECT count(*) FROM pending_answer)")
        .getInt();
}

}  // namespace

TEST_CASE("redeems go on while another connection holds the write lock, each ticket admitted once",
          "[checkin][journal]") {
    test::TempDir dir;
    const auto file = dir / "box.sqlite";
    model::Store store(file);
    const auto ids = test::createDemoData(store);
    test::addBulkOrders(store, ids.eventId, 20);
    checkin::DedicatedWriter writer(file, 1000);
    CHECK(scan(store, ids.eventId, "bulk0").status == Status::Ok);  // before: straight into the database

    LongWriter importing(file);
    for (int i = 1; i < 20; ++i) {
        const auto r = scan(store, ids.eventId, "bulk" + std::to_string(i));
        CHECK(r.status == Status::Ok);
        CHECK(r.created);
        REQUIRE(r.checkin);
        CHECK(r.checkin->id > 0);
    }
    // Exactly once: a second scan is refused, with the journaled entry among the check-ins; the
    // ticket admitted before the lock too.
    const auto again = scan(store, ids.eventId, "bulk5");
    CHECK(again.reason == Reason::AlreadyRedeemed);
    CHECK(again.checkins.size() == 1);
    CHECK(scan(store, ids.eventId, "bulk0").reason == Reason::AlreadyRedeemed);
    // A repeat of a scan by its nonce succeeds without a second entry.
    checkin::RedeemRequest withNonce;
    withNonce.nonce = "door-7";
    const auto first = scan(store, ids.eventId, "paidsecret0001", withNonce);
    const auto repeat = scan(store, ids.eventId, "paidsecret0001", withNonce);
    CHECK(first.created);
    CHECK_FALSE(repeat.created);
    CHECK(repeat.status == Status::Ok);
    REQUIRE(repeat.checkin);
    CHECK(repeat.checkin->id == first.checkin->id);
    // A check-in question answered at the door while the lock is held.
    CHECK(scan(store, ids.eventId, "workshopsecret01").status == Status::Incomplete);
    checkin::RedeemRequest answered;
    answered.answers[DemoIds::kShirtQuestion] = std::to_string(DemoIds::kOptionL);
    const auto admitted = scan(store, ids.eventId, "workshopsecret01", answered);
    CHECK(admitted.status == Status::Ok);
    REQUIRE(admitted.ticket);
    REQUIRE(admitted.ticket->position.answers.size() == 1);
    CHECK(admitted.ticket->position.answers[0].answer == "L");
    // Asked again while the answer is only in the journal: it counts, the ticket is admitted already.
    CHECK(scan(store, ids.eventId, "workshopsecret01").reason == Reason::AlreadyRedeemed);

    // None of it waited for the lock, and none of it is in the database yet.
    CHECK(count(store, "SELECT count(*) FROM checkin") == 1);
    CHECK(journaled(file) == 19 + 1 + 1 + 1);
    CHECK(importing.release());

    // The next redeem's transaction moves the journal into the database first.
    CHECK(scan(store, ids.eventId, "shirtsecret00001").status == Status::Ok);
    CHECK(count(store, "SELECT count(*) FROM checkin") == 1 + 19 + 1 + 1 + 1);
    CHECK(count(store, "SELECT count(*) FROM checkin WHERE nonce IS NULL") == 2);  // bulk0, the shirt
    CHECK(count(store, "SELECT count(*) FROM checkin WHERE nonce = 'door-7'") == 1);
    CHECK(journaled(file) == 0);
    const auto workshop = model::OrderRepository(store).position(ids.eventId, 105);
    REQUIRE(workshop);
    REQUIRE(workshop->answers.size() == 1);
    CHECK(workshop->answers[0].options == std::vector<model::Id>{DemoIds::kOptionL});
    // The IDs the scanners were told are the stored ones.
    model::CheckinRepository checkins(store);
    REQUIRE(checkins.byNonce(DemoIds::kMainList, "door-7"));
    CHECK(checkins.byNonce(DemoIds::kMainList, "door-7")->id == first.checkin->id);
    CHECK(scan(store, ids.eventId, "bulk7").reason == Reason::AlreadyRedeemed);
}

TEST_CASE("a journaled check-in whose ticket was removed meanwhile is kept as a refused scan", "[checkin][journal]") {
    test::TempDir dir;
    const auto file = dir / "box.sqlite";
    model::Store store(file);
    const auto ids = test::createDemoData(store);
    test::addBulkOrders(store, ids.eventId, 3);
    checkin::DedicatedWriter writer(file, 1000);
    {
        // The long writer removes bulk1's ticket, which the door admits before it commits.
        LongWriter importing(file, "DELETE FROM order_position WHERE secret = 'bulk1'");
        CHECK(scan(store, ids.eventId, "bulk1").status == Status::Ok);
        CHECK(scan(store, ids.eventId, "bulk2").status == Status::Ok);
        CHECK(importing.release());
    }
    CHECK(scan(store, ids.eventId, "paidsecret0001").status == Status::Ok);
    CHECK(count(store, "SELECT count(*) FROM checkin") == 2);
    model::CheckinRepository checkins(store);
    const auto refused = checkins.failedScans(DemoIds::kMainList, 10);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].rawBarcode == "bulk1");
    CHECK(refused[0].errorReason == "invalid");
    CHECK(journaled(file) == 0);
}

TEST_CASE("check-ins journaled before a stop reach the database when the next dedicated writer starts",
          "[checkin][journal]") {
    test::TempDir dir;
    const auto file = dir / "box.sqlite";
    model::Store store(file);
    const auto ids = test::createDemoData(store);
    {
        LongWriter importing(file);
        // Without a dedicated writer: the caller runs the batch itself, into the journal.
        CHECK(scan(store, ids.eventId, "paidsecret0001").status == Status::Ok);
        CHECK(importing.release());
    }
    CHECK(journaled(file) == 1);
    CHECK(count(store, "SELECT count(*) FROM checkin") == 0);
    checkin::DedicatedWriter writer(file, 1000);
    for (int i = 0; i < 500 && (count(store, "SELECT count(*) FROM checkin") == 0 || journaled(file) > 0); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(count(store, "SELECT count(*) FROM checkin") == 1);
    CHECK(journaled(file) == 0);
}

TEST_CASE("gates on several connections admit each ticket once while a long writer holds the lock",
          "[checkin][journal][concurrency]") {
    test::TempDir dir;
    const auto file = dir / "box.sqlite";
    model::Store store(file);
    const auto ids = test::createDemoData(store);
    constexpr int kTickets = 40;
    constexpr int kGates = 8;
    test::addBulkOrders(store, ids.eventId, kTickets);
    checkin::DedicatedWriter writer(file, 1000);
    std::atomic<int> admitted{0};
    std::atomic<int> refused{0};
    {
        LongWriter importing(file);
        // Every gate scans every ticket: exactly one admission per ticket, whichever gate.
        std::vector<std::thread> gates;
        for (int g = 0; g < kGates; ++g) {
            gates.emplace_back([&, g] {
                model::Store own(file);
                for (int i = 0; i < kTickets; ++i) {
                    checkin::RedeemRequest req;
                    req.code = "bulk" + std::to_string((i + g * 5) % kTickets);
                    req.listId = DemoIds::kMainList;
                    auto r = checkin::redeem(own, ids.eventId, req);
                    if (r && r->status == Status::Ok) {
                        ++admitted;
                    } else if (r && r->reason == Reason::AlreadyRedeemed) {
                        ++refused;
                    }
                }
            });
        }
        for (auto& g : gates) {
            g.join();
        }
        CHECK(importing.release());
    }
    CHECK(admitted == kTickets);
    CHECK(refused == kTickets * (kGates - 1));
    CHECK(scan(store, ids.eventId, "paidsecret0001").status == Status::Ok);
    CHECK(count(store, "SELECT count(*) FROM checkin") == kTickets + 1);
    CHECK(count(store, "SELECT count(DISTINCT position_id) FROM checkin") == kTickets + 1);
}
