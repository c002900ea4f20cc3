// The group commit behind checkin::redeem and the DedicatedWriter (Redeem.h); the decisions
// themselves are Redeem.cpp's (Decide.h).
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "Decide.h"
#include "RedeemJournal.h"
#include "WriterLock.h"
#include "boxoffice/checkin/Redeem.h"

namespace boxoffice::checkin {

using model::Id;
using detail::BatchReads;
using detail::DatabaseLedger;
using detail::JournalLedger;
using detail::Ledger;

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
    // A redeem nobody waits for (redeemLater): it owns its request, has no connection (`store`
    // is null), and is deleted once `then` has been called with its outcome, outside the
    // queue's mutex.
    std::unique_ptr<RedeemRequest> ownRequest;
    std::function<void(RedeemOutcome)> then;
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
            results[i] = detail::decide(store, ledger, reads, batch[i]->eventId, *batch[i]->request);
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
// The parked callers and those nobody waits for are put in `release`, for the caller to release
// once it let the mutex go.
void settleBatch(Queue& queue, const std::vector<Waiting*>& batch, const Waiting* self,
                 std::vector<Waiting*>& release) {
    queue.running = false;
    for (auto* w : batch) {
        w->done = true;
        if (w->then) {
            release.push_back(w);
        } else if (w->parked) {
            w->parked = false;
            w->settledDone = true;
            release.push_back(w);
        } else if (w != self) {
            w->wake.notify_one();
        }
    }
    if (queue.holders == 0) {
        // A committer that is ending waits for this batch: it runs what nobody waits for, or ends.
        queue.work.notify_one();
    }
    if (!queue.waiting.empty()) {
        if (queue.holders > 0) {
            queue.work.notify_one();
        } else {
            queue.waiting.front()->wake.notify_one();
        }
    }
}

// Hands a redeem nobody waits for its outcome, and deletes it.
void deliver(Waiting* w) {
    std::unique_ptr<Waiting> owned(w);
    RedeemOutcome outcome(std::move(w->result), w->error);
    auto then = std::move(w->then);
    owned.reset();
    try {
        then(std::move(outcome));
    } catch (...) {
        // nobody to tell on this thread; the redeem itself stands
    }
}

// Wakes parked callers and delivers the outcomes nobody waits for (settleBatch), outside the
// queue's mutex; a caller may be gone the moment it is released, so nothing of it is touched
// after.
void releaseParked(std::vector<Waiting*>& release) {
    for (auto* w : release) {
        if (w->then) {
            deliver(w);
        } else {
            w->settled.release();
        }
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
        // With no DedicatedWriter left, it still runs what waits (redeemLater's callers have
        // nobody else to run theirs), then ends.
        queue.work.wait(lock, [&] {
            return (queue.holders == 0 && queue.waiting.empty()) ||
                   (!queue.running && (queue.holders == 0 || !queue.waiting.empty() ||
                                       queue.restartsAsked != queue.restartsDone));
        });
        if (queue.holders == 0 && queue.waiting.empty()) {
            break;
        }
        if (queue.holders > 0 && queue.restartsAsked != queue.restartsDone) {
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
        // Without a connection of its own, the batch runs on a parked caller's (it waits while
        // its connection is used); one nobody waits for has none to lend.
        model::Store* store = connection.get();
        for (std::size_t i = 0; !store && i < batch.size(); ++i) {
            store = batch[i]->store;
        }
        if (!store) {
            for (auto* w : batch) {
                w->result = model::Error{model::ErrorCode::Busy, "The database cannot be opened; try again.", {}};
            }
        } else if (!runBatch(*store, journalOf(queue), queue.lockTaken, batch) && store == connection.get()) {
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

}  // namespace

model::Result<RedeemResult> RedeemOutcome::get() {
    try {
        if (m_error) {
            std::rethrow_exception(m_error);
        }
        return std::move(*m_result);
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) {
            return model::Error{model::ErrorCode::Busy, "The database is busy; try again.", {}};
        }
        throw;
    }
}

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
    return RedeemOutcome(std::move(me.result), me.error).get();
}

void redeemLater(model::Store& store, Id eventId, RedeemRequest request, std::function<void(RedeemOutcome)> done) {
    auto& queue = queueFor(store.path());
    {
        auto w = std::make_unique<Waiting>();
        std::unique_lock lock(queue.mutex);
        if (queue.holders > 0) {
            w->eventId = eventId;
            w->ownRequest = std::make_unique<RedeemRequest>(std::move(request));
            w->request = w->ownRequest.get();
            w->then = std::move(done);
            queue.waiting.push_back(w.get());
            w.release();
            queue.work.notify_one();  // costs no system call while the committer is busy
            return;
        }
    }
    std::optional<model::Result<RedeemResult>> result;
    std::exception_ptr error;
    try {
        result = redeem(store, eventId, request);
    } catch (...) {
        error = std::current_exception();
    }
    done(RedeemOutcome(std::move(result), error));
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
