#include "boxoffice/checkin/Redeem.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "RedeemJournal.h"
#include "WriterLock.h"
#include "boxoffice/checkin/Answers.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::checkin {

using model::Id;

namespace detail {

std::mutex& writerMutex(const model::Store& store) {
    static std::mutex guard;
    static std::map<std::string, std::unique_ptr<std::mutex>> mutexes;
    std::lock_guard lock(guard);
    auto& m = mutexes[store.path().string()];
    if (!m) {
        m = std::make_unique<std::mutex>();
    }
    return *m;
}

}  // namespace detail

std::string_view toString(Status s) {
    switch (s) {
        case Status::Ok: return "ok";
        case Status::Incomplete: return "incomplete";
        case Status::Error: return "error";
    }
    return "error";
}

std::string_view toString(Reason r) {
    switch (r) {
        case Reason::None: return "";
        case Reason::Invalid: return "invalid";
        case Reason::Unpaid: return "unpaid";
        case Reason::Canceled: return "canceled";
        case Reason::AlreadyRedeemed: return "already_redeemed";
        case Reason::Product: return "product";
        case Reason::Unapproved: return "unapproved";
    }
    return "";
}

namespace {

std::optional<Id> parseId(std::string_view s) {
    Id v = 0;
    if (s.empty()) {
        return std::nullopt;
    }
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) {
        return std::nullopt;
    }
    return v;
}

bool entryAllowed(const model::CheckinList& list, const std::vector<model::Checkin>& onList) {
    if (list.allowMultipleEntries || onList.empty()) {
        return true;
    }
    const bool allExits = std::all_of(onList.begin(), onList.end(),
                                      [](const auto& c) { return c.type == model::CheckinType::Exit; });
    if (allExits) {
        return true;
    }
    return list.allowEntryAfterExit && onList.back().type == model::CheckinType::Exit;
}

// What the redeems of one transaction read alike: the lists and the events' questions, which no
// redeem changes, read once per transaction instead of once per redeem.
class BatchReads {
public:
    explicit BatchReads(model::Store& store) : m_store(store) {}

    // A read that throws keeps nothing: the next redeem reads again.
    const std::optional<model::CheckinList>& list(Id eventId, Id listId) {
        auto it = m_lists.find({eventId, listId});
        if (it == m_lists.end()) {
            it = m_lists.emplace(std::pair{eventId, listId}, model::CheckinRepository(m_store).listInfo(eventId, listId))
                     .first;
        }
        return it->second;
    }
    // Read once per transaction: inside it, no other connection can move it on.
    std::int64_t accessVersion() {
        if (!m_accessVersion) {
            m_accessVersion = model::EventRepository(m_store).accessVersion();
        }
        return *m_accessVersion;
    }
    const std::vector<model::Question>& questions(Id eventId) {
        auto it = m_questions.find(eventId);
        if (it == m_questions.end()) {
            it = m_questions.emplace(eventId, model::EventRepository(m_store).questions(eventId)).first;
        }
        return it->second;
    }

private:
    model::Store& m_store;
    std::map<std::pair<Id, Id>, std::optional<model::CheckinList>> m_lists;
    std::map<Id, std::vector<model::Question>> m_questions;
    std::optional<std::int64_t> m_accessVersion;
};

// Where a decision reads the check-ins and answers it builds on, and where it writes its own:
// the database inside its write transaction, or (RedeemJournal.h) the database's snapshot and
// the journal together while another connection holds the write lock.
class Ledger {
public:
    virtual ~Ledger() = default;
    virtual std::vector<model::Checkin> checkins(Id positionId, Id listId) = 0;
    virtual std::optional<model::Checkin> byNonce(Id listId, const std::string& nonce) = 0;
    // Adds the answers given but not in the database yet to a ticket read from it.
    virtual void addPendingAnswers(model::OrderPosition& position) = 0;
    virtual void saveAnswer(const model::OrderPosition& position, const model::Answer& answer) = 0;
    // The order's last_modified moves on, so modified_since (sync, scanners) sees the answers.
    virtual void touch(Id orderId) = 0;
    virtual void insert(model::Checkin& checkin, const std::string& code) = 0;
};

class DatabaseLedger final : public Ledger {
public:
    explicit DatabaseLedger(model::Store& store) : m_checkins(store), m_orders(store) {}
    std::vector<model::Checkin> checkins(Id positionId, Id listId) override {
        return m_checkins.forPosition(positionId, listId);
    }
    std::optional<model::Checkin> byNonce(Id listId, const std::string& nonce) override {
        return m_checkins.byNonce(listId, nonce);
    }
    void addPendingAnswers(model::OrderPosition&) override {}
    void saveAnswer(const model::OrderPosition& position, const model::Answer& answer) override {
        m_orders.saveAnswer(position.id, answer);
    }
    void touch(Id orderId) override { m_orders.touch(orderId, model::now()); }
    // Also moves the order's last_modified on (schema migration 10).
    void insert(model::Checkin& checkin, const std::string&) override { m_checkins.insert(checkin); }

private:
    model::CheckinRepository m_checkins;
    model::OrderRepository m_orders;
};

class JournalLedger final : public Ledger {
public:
    JournalLedger(model::Store& store, detail::RedeemJournal& journal)
        : m_store(store), m_checkins(store), m_journal(journal) {}
    std::vector<model::Checkin> checkins(Id positionId, Id listId) override {
        auto found = m_checkins.forPosition(positionId, listId);
        for (auto& c : m_journal.checkins(positionId, listId)) {
            // Merged already, but not yet forgotten by the journal: counted once.
            const bool merged = std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.nonce == c.nonce; });
            if (!merged) {
                found.push_back(std::move(c));
            }
        }
        return found;
    }
    std::optional<model::Checkin> byNonce(Id listId, const std::string& nonce) override {
        auto found = m_checkins.byNonce(listId, nonce);
        return found ? found : m_journal.byNonce(listId, nonce);
    }
    void addPendingAnswers(model::OrderPosition& position) override {
        for (auto& a : m_journal.answers(position.id)) {
            std::erase_if(position.answers, [&](const auto& stored) { return stored.questionId == a.questionId; });
            position.answers.push_back(std::move(a));
        }
    }
    void saveAnswer(const model::OrderPosition& position, const model::Answer& answer) override {
        m_journal.addAnswer(position.id, position.orderId, answer);
    }
    void touch(Id) override {}  // the merge does it with each answer
    void insert(model::Checkin& checkin, const std::string& code) override {
        m_journal.addCheckin(checkin, code, m_store.nextLocalId("checkin"));
    }

private:
    model::Store& m_store;
    model::CheckinRepository m_checkins;
    detail::RedeemJournal& m_journal;
};

// Decides one redeem inside the caller's write transaction (or journal); what it writes is kept
// on every return (answers given are kept even when the check-in fails).
model::Result<RedeemResult> decide(model::Store& store, Ledger& ledger, BatchReads& reads, Id eventId,
                                   const RedeemRequest& req) {
    if (req.accessVersion && *req.accessVersion != reads.accessVersion()) {
        return model::Error::conflict("The access to this event changed; authorize again.");
    }
    const auto& list = reads.list(eventId, req.listId);
    if (!list) {
        return model::Error::notFound("Check-in list not found.");
    }
    RedeemResult r;
    r.list = *list;
    model::PositionQuery positions(store);
    auto row = positions.bySecret(eventId, req.code);
    if (!row && req.allowIdLookup) {
        if (auto id = parseId(req.code)) {
            row = positions.byId(eventId, *id);
        }
    }
    if (!row && req.plusMayBeSpace && req.code.find('+') != std::string::npos) {
        std::string spaced = req.code;
        std::replace(spaced.begin(), spaced.end(), '+', ' ');
        row = positions.bySecret(eventId, spaced);
    }
    if (!row || row->position.canceled) {
        r.reason = Reason::Invalid;
        return r;
    }
    ledger.addPendingAnswers(row->position);
    r.ticket = row;
    const auto& pos = row->position;
    const bool entry = req.type == model::CheckinType::Entry;
    std::optional<Reason> failure;
    auto check = [&](bool failed, Reason reason) {
        if (failed && !failure) {
            if (req.force) {
                r.forced = true;
            } else {
                failure = reason;
            }
        }
    };

    // 1. order neither paid nor pending.
    const bool canceled =
        row->orderStatus != model::OrderStatus::Paid && row->orderStatus != model::OrderStatus::Pending;
    check(canceled, req.canceledSupported ? Reason::Canceled : Reason::Unpaid);

    // 4. check-in questions: store valid given answers, collect the unanswered ones.
    std::vector<model::Question> outstanding;
    bool answersSaved = false;
    if (entry && !failure) {
        for (const auto& q : reads.questions(eventId)) {
            if (!q.askDuringCheckin || std::find(q.items.begin(), q.items.end(), pos.itemId) == q.items.end()) {
                continue;
            }
            const bool stored = std::any_of(pos.answers.begin(), pos.answers.end(),
                                            [&](const auto& a) { return a.questionId == q.id; });
            bool answered = stored;
            // §C.3 step 4: an invalid answer is dropped (the question stays outstanding).
            if (auto given = req.answers.find(q.id); given != req.answers.end()) {
                auto checked = checkAnswer(q, given->second);
                if (checked.ok() && !checked.skipped) {
                    ledger.saveAnswer(pos, checked.answer);
                    auto& answers = r.ticket->position.answers;
                    std::erase_if(answers, [&](const auto& a) { return a.questionId == q.id; });
                    answers.push_back(std::move(checked.answer));
                    answersSaved = true;
                }
                answered = answered || checked.ok();  // skipped: an optional question left unanswered
            }
            if (!answered) {
                outstanding.push_back(q);
            }
        }
        if (answersSaved) {
            ledger.touch(pos.orderId);
        }
    }
    // 5. product and sub-event.
    const bool productOk =
        (list->allProducts ||
         std::find(list->limitProducts.begin(), list->limitProducts.end(), pos.itemId) != list->limitProducts.end()) &&
        (!list->subeventId || pos.subeventId == list->subeventId);
    check(!productOk, Reason::Product);
    // 6. awaiting approval; 7. pending.
    const bool pending = row->orderStatus == model::OrderStatus::Pending;
    check(pending && row->orderRequireApproval, Reason::Unapproved);
    check(pending && !(req.ignoreUnpaid && list->includePending), Reason::Unpaid);
    // 9. outstanding questions.
    if (!failure && !outstanding.empty() && !req.force && req.questionsSupported) {
        r.status = Status::Incomplete;
        r.questions = std::move(outstanding);
    }
    if (failure || r.status == Status::Incomplete) {
        if (failure) {
            r.reason = *failure;
        }
        r.checkins = ledger.checkins(pos.id, list->id);
        return r;
    }
    // 10. nonce: a repeat of a recorded scan succeeds without a second row.
    if (req.nonce && !req.nonce->empty()) {
        if (auto earlier = ledger.byNonce(list->id, *req.nonce)) {
            r.status = Status::Ok;
            r.checkin = earlier;
            r.checkins = ledger.checkins(pos.id, list->id);
            return r;
        }
    }
    // 11. re-entry.
    auto onList = ledger.checkins(pos.id, list->id);
    if (entry && !entryAllowed(*list, onList)) {
        if (!req.force) {
            r.reason = Reason::AlreadyRedeemed;
            r.checkins = std::move(onList);
            return r;
        }
        r.forced = true;
    }
    model::Checkin c;
    c.listId = list->id;
    c.positionId = pos.id;
    c.datetime = req.datetime.value_or(model::now());
    c.type = req.type;
    if (req.nonce && !req.nonce->empty()) {
        c.nonce = req.nonce;
    }
    c.device = req.device;
    c.syncState = model::SyncState::Local;
    ledger.insert(c, req.code);
    onList.push_back(c);
    r.checkins = std::move(onList);
    r.status = Status::Ok;
    r.checkin = c;
    r.created = true;
    return r;
}

}  // namespace

// Group commit. Redeems arriving while a transaction is running wait in their file's queue. The
// next transaction takes up to kMaxBatch waiting redeems and runs them one after another in a
// single BEGIN IMMEDIATE transaction, each in its own savepoint. One commit (one WAL append, one
// round of file locks) then serves many scanners, and every answer is given only after the
// commit that holds it: an acknowledged check-in is on disk, and the decisions are as serial as
// one redeem per transaction.
//
// Who runs the transactions: while a DedicatedWriter lives, a thread of its own, on a connection
// of its own (the committer). It is woken by the first redeem that arrives and takes the next
// batch as soon as one ends, so the serial part of every redeem runs back to back, and never
// waits for a server worker to be scheduled. Without one, whoever finds no transaction running
// runs one for the waiting callers, on its own connection.
//
// When the write lock stays taken by another connection past kJournalAfter (an import's long
// transaction), the batch is decided into the journal beside the database instead of waiting
// (RedeemJournal.h), and every later transaction merges the journal first.
namespace {

// Where a caller sleeps until it is released, on a mutex and condition variable of its own. Not
// std::binary_semaphore: libstdc++'s acquire first spins with sched_yield, four system calls
// that each hand the core to another thread, 2.4 a redeem at 10,000 redeems/s
// (bench/server/README.md).
class Parking {
public:
    void wait() {
        std::unique_lock lock(m_mutex);
        m_woken.wait(lock, [this] { return m_released; });
        m_released = false;
    }
    // Notifies under the mutex: the waiter returns only once it is let go, and may then end the
    // Parking's life at once, with nothing of it touched after.
    void release() {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_woken.notify_one();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_woken;
    bool m_released = false;
};

struct Waiting {
    Id eventId = 0;
    const RedeemRequest* request = nullptr;
    model::Store* store = nullptr;  // the caller's connection
    std::optional<model::Result<RedeemResult>> result;
    std::exception_ptr error;
    bool done = false;             // under the queue's mutex
    std::condition_variable wake;  // done, or this redeem is the first waiting one and none runs
    // While a committer runs, the caller waits on `settled` instead (`parked`, under the queue's
    // mutex), and learns from `settledDone` whether its batch is settled without taking the mutex
    // again: woken by a condition variable it had to, while the committer still held it to settle
    // the rest of the batch, and went back to sleep on it, a futex round trip per redeem.
    // `settledDone` is written only before `settled` is released, and read only after its wait
    // returned.
    bool parked = false;
    bool settledDone = false;
    Parking settled;
};

struct Queue {
    std::filesystem::path file;
    std::mutex mutex;
    std::condition_variable work;  // the committer: redeems are waiting, or no DedicatedWriter is left
    std::deque<Waiting*> waiting;
    bool running = false;
    int holders = 0;  // DedicatedWriters alive; the committer runs while there is one
    int walAutocheckpoint = 1000;
    // DedicatedWriter's constructor and destructor, so that a committer that is ending is joined
    // before the next one starts.
    std::mutex lifecycle;
    std::thread committer;
    // Opened by the first batch; used by one batch at a time (`running`); kept open while the
    // committer runs. Stays closed for a database in memory, and when it cannot be opened
    // (redeems then wait for the lock as long as the busy timeout).
    std::unique_ptr<detail::RedeemJournal> journal;
    bool journalTried = false;
    // The last batch found the write lock taken: the next one asks for it without waiting, so a
    // long writer costs the redeems behind it kJournalAfter once, not once per batch.
    bool lockTaken = false;
    // DedicatedWriter::restartWal: asked for (`restartsAsked`) and done by the committer before
    // its next batch (`restartsDone`, with the last one's outcome).
    std::uint64_t restartsAsked = 0;
    std::uint64_t restartsDone = 0;
    bool restarted = false;
    std::condition_variable restartDone;
};

constexpr std::size_t kMaxBatch = 64;

Queue& queueFor(const std::filesystem::path& file) {
    static std::mutex guard;
    // Never destroyed: a process that exits with a DedicatedWriter alive (a server not stopped)
    // would otherwise destroy a running committer's std::thread, which ends the process with
    // std::terminate instead of a normal exit.
    static auto& queues = *new std::map<std::string, std::unique_ptr<Queue>>;
    std::lock_guard lock(guard);
    auto& q = queues[file.string()];
    if (!q) {
        q = std::make_unique<Queue>();
        q->file = file;
    }
    return *q;
}

// Begins the database's write transaction in `tx`, unless another connection keeps the write
// lock past `patience` (false then).
bool beginWrite(model::Store& store, std::optional<model::Store::Transaction>& tx, std::chrono::milliseconds patience) {
    sqlite3* handle = store.db().getHandle();
    sqlite3_busy_timeout(handle, static_cast<int>(patience.count()));
    try {
        tx.emplace(store, model::Store::TxMode::Immediate);
    } catch (const SQLite::Exception& e) {
        sqlite3_busy_timeout(handle, model::Store::kBusyTimeoutMs);
        if (e.getErrorCode() != SQLITE_BUSY && e.getErrorCode() != SQLITE_LOCKED) {
            throw;
        }
        return false;
    }
    sqlite3_busy_timeout(handle, model::Store::kBusyTimeoutMs);
    return true;
}

// The redeems of a batch, each in a savepoint of `Savepoint` (the database's or the journal's): a
// redeem that throws takes back its own writes and nothing of the others'.
template <class Savepoint, class Target>
void decideAll(model::Store& store, Ledger& ledger, Target& target, const std::vector<Waiting*>& batch,
               std::vector<std::optional<model::Result<RedeemResult>>>& results,
               std::vector<std::exception_ptr>& errors) {
    BatchReads reads(store);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        Savepoint savepoint(target);
        try {
            results[i] = decide(store, ledger, reads, batch[i]->eventId, *batch[i]->request);
            savepoint.release();
        } catch (...) {
            errors[i] = std::current_exception();
        }
    }
}

// Runs a batch in the database's write transaction; with a journal, first merges what the journal
// holds, and when another connection keeps the write lock, decides the batch into the journal
// instead (RedeemJournal.h); `lockTaken` carries that to the next batch. An empty batch only
// merges. False when the transaction itself failed (BEGIN or COMMIT).
bool runBatch(model::Store& store, detail::RedeemJournal* journal, bool& lockTaken,
              const std::vector<Waiting*>& batch) {
    std::vector<std::optional<model::Result<RedeemResult>>> results(batch.size());
    std::vector<std::exception_ptr> errors(batch.size());
    bool committed = true;
    try {
        std::lock_guard writer(detail::writerMutex(store));
        std::optional<model::Store::Transaction> tx;
        if (!journal) {
            tx.emplace(store);
        }
        if (!tx) {
            lockTaken = !beginWrite(store, tx, lockTaken ? std::chrono::milliseconds(0) : detail::kJournalAfter);
        }
        if (tx) {
            std::optional<detail::RedeemJournal::Hold> hold;
            bool merged = false;
            if (journal) {
                hold.emplace(*journal);
                merged = journal->pending() && journal->mergeInto(store) > 0;
            }
            DatabaseLedger ledger(store);
            decideAll<model::Store::Savepoint>(store, ledger, store, batch, results, errors);
            tx->commit();
            if (hold) {
                try {
                    if (merged) {
                        journal->forgetMerged();
                    }
                    hold->commit();
                } catch (const SQLite::Exception&) {
                    // The batch is committed; the merged rows stay in the journal, and the next
                    // merge finds them in the database by their nonce.
                }
            }
        } else {
            detail::RedeemJournal::Hold hold(*journal);
            // Read after the journal's lock is held: a batch that merged the journal committed
            // the database before it let the journal go, so this snapshot has what it merged.
            model::Store::Transaction snapshot(store, model::Store::TxMode::Deferred);
            JournalLedger ledger(store, *journal);
            decideAll<detail::RedeemJournal::Savepoint>(store, ledger, *journal, batch, results, errors);
            hold.commit();
        }
    } catch (...) {
        // BEGIN or COMMIT failed: nothing of this batch was written, so no redeem may report one.
        for (std::size_t i = 0; i < batch.size(); ++i) {
            results[i].reset();
            errors[i] = std::current_exception();
        }
        committed = false;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i]->result = std::move(results[i]);
        batch[i]->error = errors[i];
    }
    return committed;
}

// The queue's journal, opened on first use; only by the batch that is running.
detail::RedeemJournal* journalOf(Queue& queue) {
    if (!queue.journalTried) {
        queue.journalTried = true;
        const auto name = queue.file.filename().string();
        if (!name.empty() && name != ":memory:") {
            try {
                queue.journal = std::make_unique<detail::RedeemJournal>(queue.file);
            } catch (const std::exception& e) {
                std::cerr << "boxoffice: check-ins will wait for long writers to the database: "
                          << detail::RedeemJournal::pathFor(queue.file).string() << ": " << e.what() << '\n';
            }
        }
    }
    return queue.journal.get();
}

// Closes the queue's journal; by the batch that is running, or under the mutex with none running.
void closeJournal(Queue& queue) {
    queue.journal.reset();
    queue.journalTried = false;
}

// Under the queue's mutex: takes the next batch and marks a transaction running.
std::vector<Waiting*> takeBatch(Queue& queue) {
    queue.running = true;
    std::vector<Waiting*> batch;
    while (!queue.waiting.empty() && batch.size() < kMaxBatch) {
        batch.push_back(queue.waiting.front());
        queue.waiting.pop_front();
    }
    return batch;
}

// Under the queue's mutex, after a batch: wakes only whom it concerns, this batch's callers and,
// with no committer, the first of those still waiting, to run the next batch. Waking every
// waiter after every batch sent most of them straight back to sleep, a futex round trip each.
// The parked callers are put in `release`, for the caller to release once it let the mutex go.
void settleBatch(Queue& queue, const std::vector<Waiting*>& batch, const Waiting* self,
                 std::vector<Waiting*>& release) {
    queue.running = false;
    for (auto* w : batch) {
        w->done = true;
        if (w->parked) {
            w->parked = false;
            w->settledDone = true;
            release.push_back(w);
        } else if (w != self) {
            w->wake.notify_one();
        }
    }
    if (!queue.waiting.empty()) {
        if (queue.holders > 0) {
            queue.work.notify_one();
        } else {
            queue.waiting.front()->wake.notify_one();
        }
    }
}

// Wakes parked callers (settleBatch), outside the queue's mutex; a caller may be gone the moment
// it is released, so nothing of it is touched after.
void releaseParked(std::vector<Waiting*>& release) {
    for (auto* w : release) {
        w->settled.release();
    }
    release.clear();
}

// A RESTART checkpoint on the committer's connection, between two batches (restartWal).
bool restartWal(model::Store& store) {
    constexpr auto kPatience = std::chrono::milliseconds(5);
    std::lock_guard writer(detail::writerMutex(store));
    sqlite3* handle = store.db().getHandle();
    auto until = std::chrono::steady_clock::now() + kPatience;
    auto busy = +[](void* arg, int) -> int {
        if (std::chrono::steady_clock::now() >= *static_cast<const std::chrono::steady_clock::time_point*>(arg)) {
            return 0;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        return 1;
    };
    sqlite3_busy_handler(handle, busy, &until);
    const int rc = sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
    sqlite3_busy_timeout(handle, model::Store::kBusyTimeoutMs);
    return rc == SQLITE_OK;
}

void commitLoop(Queue& queue) {
    std::unique_ptr<model::Store> connection;
    std::vector<Waiting*> release;  // settleBatch: the parked callers to wake
    std::unique_lock lock(queue.mutex);
    // Check-ins journaled before the last stop (RedeemJournal.h) go into the database now, not
    // with the first redeem.
    std::error_code missing;
    if (!queue.running && std::filesystem::exists(detail::RedeemJournal::pathFor(queue.file), missing)) {
        queue.running = true;
        const int walAutocheckpoint = queue.walAutocheckpoint;
        lock.unlock();
        try {
            connection = std::make_unique<model::Store>(queue.file);
            connection->db().exec("PRAGMA wal_autocheckpoint = " + std::to_string(walAutocheckpoint));
            runBatch(*connection, journalOf(queue), queue.lockTaken, {});
        } catch (const std::exception&) {
            connection.reset();  // the first batch tries again
        }
        lock.lock();
        settleBatch(queue, {}, nullptr, release);  // an empty batch: nobody to release
    }
    auto connect = [&](int walAutocheckpoint) {
        if (!connection) {
            try {
                connection = std::make_unique<model::Store>(queue.file);
                connection->db().exec("PRAGMA wal_autocheckpoint = " + std::to_string(walAutocheckpoint));
            } catch (const std::exception&) {
                connection.reset();  // run this batch on its first caller's connection; try again next time
            }
        }
    };
    for (;;) {
        queue.work.wait(lock, [&] {
            return queue.holders == 0 ||
                   (!queue.running && (!queue.waiting.empty() || queue.restartsAsked != queue.restartsDone));
        });
        if (queue.holders == 0) {
            break;
        }
        if (queue.restartsAsked != queue.restartsDone) {
            const auto asked = queue.restartsAsked;
            // While another connection keeps the write lock (the last batch was journaled), the
            // restart could only wait for it: not tried.
            const bool tryIt = !queue.lockTaken;
            queue.running = true;
            const int walAutocheckpoint = queue.walAutocheckpoint;
            lock.unlock();
            bool ok = false;
            if (tryIt) {
                connect(walAutocheckpoint);
                try {
                    ok = connection && restartWal(*connection);
                } catch (const std::exception&) {
                    connection.reset();
                }
            }
            lock.lock();
            queue.running = false;
            queue.restartsDone = asked;
            queue.restarted = ok;
            queue.restartDone.notify_all();
            continue;
        }
        auto batch = takeBatch(queue);
        const int walAutocheckpoint = queue.walAutocheckpoint;
        lock.unlock();
        connect(walAutocheckpoint);
        model::Store& store = connection ? *connection : *batch.front()->store;
        if (!runBatch(store, journalOf(queue), queue.lockTaken, batch) && &store == connection.get()) {
            connection.reset();  // start the next batch on a fresh connection
        }
        lock.lock();
        settleBatch(queue, batch, nullptr, release);
        if (!release.empty()) {
            lock.unlock();
            releaseParked(release);
            lock.lock();
        }
    }
    queue.restartsDone = queue.restartsAsked;  // nobody restarts the WAL now
    queue.restarted = false;
    queue.restartDone.notify_all();
    if (!queue.running) {
        closeJournal(queue);
    }
    // Redeems that arrive from now on run their own transactions; the first one waiting starts.
    // Those parked for a committer look again.
    for (auto* w : queue.waiting) {
        if (w->parked) {
            w->parked = false;
            release.push_back(w);
        }
    }
    if (!queue.waiting.empty() && !queue.running) {
        queue.waiting.front()->wake.notify_one();
    }
    lock.unlock();
    releaseParked(release);
}

model::Result<RedeemResult> settle(Waiting& w) {
    try {
        if (w.error) {
            std::rethrow_exception(w.error);
        }
        return std::move(*w.result);
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) {
            return model::Error{model::ErrorCode::Busy, "The database is busy; try again.", {}};
        }
        throw;
    }
}

}  // namespace

model::Result<RedeemResult> redeem(model::Store& store, Id eventId, const RedeemRequest& request) {
    auto& queue = queueFor(store.path());
    Waiting me;
    me.eventId = eventId;
    me.request = &request;
    me.store = &store;
    std::vector<Waiting*> release;
    std::unique_lock lock(queue.mutex);
    queue.waiting.push_back(&me);
    while (!me.done) {
        if (queue.holders > 0) {
            queue.work.notify_one();  // costs no system call while the committer is busy
            me.parked = true;
            lock.unlock();
            me.settled.wait();
            if (me.settledDone) {
                break;
            }
            lock.lock();  // the committer ended: look again
            continue;
        }
        if (queue.running) {
            me.wake.wait(lock);
            continue;
        }
        auto batch = takeBatch(queue);
        lock.unlock();
        runBatch(store, journalOf(queue), queue.lockTaken, batch);
        closeJournal(queue);  // no committer keeps it: no open file per database ever used
        lock.lock();
        settleBatch(queue, batch, &me, release);
    }
    if (lock.owns_lock()) {
        lock.unlock();
    }
    releaseParked(release);
    return settle(me);
}

DedicatedWriter::DedicatedWriter(const std::filesystem::path& file, int walAutocheckpoint) : m_file(file) {
    auto& queue = queueFor(m_file);
    std::lock_guard lifecycle(queue.lifecycle);
    {
        std::lock_guard lock(queue.mutex);
        ++queue.holders;
        queue.walAutocheckpoint = walAutocheckpoint;
    }
    if (!queue.committer.joinable()) {
        queue.committer = std::thread([&queue] { commitLoop(queue); });
    }
}

bool DedicatedWriter::restartWal() {
    auto& queue = queueFor(m_file);
    std::unique_lock lock(queue.mutex);
    const auto mine = ++queue.restartsAsked;
    queue.work.notify_one();
    queue.restartDone.wait(lock, [&] { return queue.restartsDone >= mine; });
    return queue.restarted;
}

DedicatedWriter::~DedicatedWriter() {
    auto& queue = queueFor(m_file);
    std::lock_guard lifecycle(queue.lifecycle);
    {
        std::lock_guard lock(queue.mutex);
        if (--queue.holders > 0) {
            return;
        }
        queue.work.notify_one();
    }
    queue.committer.join();  // after the batch it runs, if any; it closes its connection
}

}  // namespace boxoffice::checkin
