#include "boxoffice/checkin/Redeem.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <thread>

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
};

// Decides one redeem inside the caller's write transaction; what it writes is kept on every
// return (answers given are kept even when the check-in fails).
model::Result<RedeemResult> decide(model::Store& store, BatchReads& reads, Id eventId, const RedeemRequest& req) {
    model::CheckinRepository checkins(store);
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
        model::OrderRepository orders(store);
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
                    orders.saveAnswer(pos.id, checked.answer);
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
            orders.touch(pos.orderId, model::now());  // so modified_since (sync, scanners) sees the answers
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
        r.checkins = checkins.forPosition(pos.id, list->id);
        return r;
    }
    // 10. nonce: a repeat of a recorded scan succeeds without a second row.
    if (req.nonce && !req.nonce->empty()) {
        if (auto earlier = checkins.byNonce(list->id, *req.nonce)) {
            r.status = Status::Ok;
            r.checkin = earlier;
            r.checkins = checkins.forPosition(pos.id, list->id);
            return r;
        }
    }
    // 11. re-entry.
    auto onList = checkins.forPosition(pos.id, list->id);
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
    checkins.insert(c);  // moves the order's last_modified on as well (schema migration 10)
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
namespace {

struct Waiting {
    Id eventId = 0;
    const RedeemRequest* request = nullptr;
    model::Store* store = nullptr;  // the caller's connection
    std::optional<model::Result<RedeemResult>> result;
    std::exception_ptr error;
    bool done = false;
    std::condition_variable wake;  // done, or this redeem is the first waiting one and none runs
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
};

constexpr std::size_t kMaxBatch = 64;

thread_local WaitObserver* t_waitObserver = nullptr;

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

// False when the transaction itself failed (BEGIN or COMMIT).
bool runBatch(model::Store& store, const std::vector<Waiting*>& batch) {
    std::vector<std::optional<model::Result<RedeemResult>>> results(batch.size());
    std::vector<std::exception_ptr> errors(batch.size());
    bool committed = true;
    try {
        std::lock_guard writer(detail::writerMutex(store));
        model::Store::Transaction tx(store, model::Store::TxMode::Immediate);
        BatchReads reads(store);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            // A redeem that throws takes back its own writes and nothing of the others'.
            model::Store::Savepoint savepoint(store);
            try {
                results[i] = decide(store, reads, batch[i]->eventId, *batch[i]->request);
                savepoint.release();
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
        tx.commit();
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
void settleBatch(Queue& queue, const std::vector<Waiting*>& batch, const Waiting* self) {
    queue.running = false;
    for (auto* w : batch) {
        w->done = true;
        if (w != self) {
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

void commitLoop(Queue& queue) {
    std::unique_ptr<model::Store> connection;
    std::unique_lock lock(queue.mutex);
    for (;;) {
        queue.work.wait(lock, [&] { return queue.holders == 0 || (!queue.waiting.empty() && !queue.running); });
        if (queue.holders == 0) {
            break;
        }
        auto batch = takeBatch(queue);
        const int walAutocheckpoint = queue.walAutocheckpoint;
        lock.unlock();
        if (!connection) {
            try {
                connection = std::make_unique<model::Store>(queue.file);
                connection->db().exec("PRAGMA wal_autocheckpoint = " + std::to_string(walAutocheckpoint));
            } catch (const std::exception&) {
                connection.reset();  // run this batch on its first caller's connection; try again next time
            }
        }
        model::Store& store = connection ? *connection : *batch.front()->store;
        if (!runBatch(store, batch) && &store == connection.get()) {
            connection.reset();  // start the next batch on a fresh connection
        }
        lock.lock();
        settleBatch(queue, batch, nullptr);
    }
    // Redeems that arrive from now on run their own transactions; the first one waiting starts.
    if (!queue.waiting.empty() && !queue.running) {
        queue.waiting.front()->wake.notify_one();
    }
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
    WaitObserver* observer = t_waitObserver;
    if (observer) {
        observer->waiting();
    }
    std::unique_lock lock(queue.mutex);
    queue.waiting.push_back(&me);
    while (!me.done) {
        if (queue.holders > 0) {
            queue.work.notify_one();  // costs no system call while the committer is busy
            me.wake.wait(lock, [&] { return me.done || queue.holders == 0; });
            continue;
        }
        if (queue.running) {
            me.wake.wait(lock);
            continue;
        }
        auto batch = takeBatch(queue);
        lock.unlock();
        runBatch(store, batch);
        lock.lock();
        settleBatch(queue, batch, &me);
    }
    lock.unlock();
    if (observer) {
        observer->resumed();
    }
    return settle(me);
}

void observeWaits(WaitObserver* observer) { t_waitObserver = observer; }

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
