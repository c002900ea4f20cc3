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
#include <sstream>

#include "WriterLock.h"
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

// Validates a given answer for its question (§C.3 step 4); nullopt: invalid, dropped.
std::optional<model::Answer> validAnswer(const model::Question& q, const std::string& given) {
    model::Answer a;
    a.questionId = q.id;
    if (q.type == "C" || q.type == "M") {
        std::stringstream ss(given);
        std::string part;
        std::string text;
        while (std::getline(ss, part, ',')) {
            auto id = parseId(part);
            auto opt = id ? std::find_if(q.options.begin(), q.options.end(), [&](const auto& o) { return o.id == *id; })
                          : q.options.end();
            if (opt == q.options.end()) {
                return std::nullopt;
            }
            a.options.push_back(*id);
            text += (text.empty() ? "" : ", ") + opt->answer.text();
        }
        if (a.options.empty() || (q.type == "C" && a.options.size() > 1)) {
            return std::nullopt;
        }
        a.answer = text;
        return a;
    }
    if (given.empty()) {
        return std::nullopt;
    }
    if (q.type == "B") {
        if (given != "true" && given != "True" && given != "false" && given != "False") {
            return std::nullopt;
        }
        a.answer = (given == "true" || given == "True") ? "True" : "False";
        return a;
    }
    if (q.type == "N") {
        char* end = nullptr;
        std::strtod(given.c_str(), &end);
        if (end != given.c_str() + given.size()) {
            return std::nullopt;
        }
    }
    a.answer = given;
    return a;
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
    if (!row) {
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

    // 1. canceled position or order not paid/pending.
    const bool canceled = pos.canceled || (row->orderStatus != model::OrderStatus::Paid &&
                                           row->orderStatus != model::OrderStatus::Pending);
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
            if (auto given = req.answers.find(q.id); given != req.answers.end()) {
                if (auto valid = validAnswer(q, given->second)) {
                    orders.saveAnswer(pos.id, *valid);
                    auto& answers = r.ticket->position.answers;
                    std::erase_if(answers, [&](const auto& a) { return a.questionId == q.id; });
                    answers.push_back(*valid);
                    answered = true;
                    answersSaved = true;
                } else if (given->second.empty() && !q.required) {
                    answered = true;  // an optional question the operator skipped
                }
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
    checkins.insert(c);
    model::OrderRepository(store).touch(pos.orderId, model::now());
    onList.push_back(c);
    r.checkins = std::move(onList);
    r.status = Status::Ok;
    r.checkin = c;
    r.created = true;
    return r;
}

}  // namespace

// Group commit. Redeems arriving while a transaction is running wait in their file's queue;
// whoever finds no transaction running takes up to kMaxBatch waiting redeems and runs them
// one after another in a single BEGIN IMMEDIATE transaction, each in its own savepoint, on the
// dedicated connection if there is one (DedicatedWriter), else on its own. One commit (one WAL append, one round of file locks) then serves many scanners,
// and every answer is given only after the commit that holds it: an acknowledged check-in is on
// disk, and the decisions are as serial as one redeem per transaction.
namespace {

struct Waiting {
    Id eventId = 0;
    const RedeemRequest* request = nullptr;
    std::optional<model::Result<RedeemResult>> result;
    std::exception_ptr error;
    bool done = false;
    std::condition_variable wake;  // done, or this redeem is the first waiting one and none runs
};

struct Queue {
    std::mutex mutex;
    std::condition_variable settled;  // no batch runs any more
    std::deque<Waiting*> waiting;
    bool running = false;
    // DedicatedWriter: how many hold one, their setting, and the connection. Only the caller that
    // runs a batch (running == true) touches `writer`; the last holder closes it while none runs.
    int holders = 0;
    int walAutocheckpoint = 1000;
    std::unique_ptr<model::Store> writer;
};

constexpr std::size_t kMaxBatch = 64;

thread_local WaitObserver* t_waitObserver = nullptr;

Queue& queueFor(const std::filesystem::path& file) {
    static std::mutex guard;
    static std::map<std::string, std::unique_ptr<Queue>> queues;
    std::lock_guard lock(guard);
    auto& q = queues[file.string()];
    if (!q) {
        q = std::make_unique<Queue>();
    }
    return *q;
}

// The connection a batch runs on: the dedicated one while a DedicatedWriter lives (opened on
// first use), else the caller's. Called by the batch's runner only.
model::Store& batchConnection(Queue& queue, model::Store& callers, bool dedicated) {
    if (!dedicated) {
        return callers;
    }
    if (!queue.writer) {
        try {
            auto writer = std::make_unique<model::Store>(callers.path());
            writer->db().exec("PRAGMA wal_autocheckpoint = " + std::to_string(queue.walAutocheckpoint));
            queue.writer = std::move(writer);
        } catch (const std::exception&) {
            return callers;  // could not open a second connection: this batch runs on the caller's
        }
    }
    return *queue.writer;
}

// False when the transaction itself failed (BEGIN or COMMIT).
bool runBatch(model::Store& store, const std::vector<Waiting*>& batch) {
    std::vector<std::optional<model::Result<RedeemResult>>> results(batch.size());
    std::vector<std::exception_ptr> errors(batch.size());
    bool committed = true;
    try {
        std::lock_guard writer(detail::writerMutex(store));
        model::Store::Transaction tx(store, model::Store::TxMode::Immediate);
        // Prepared once per connection (Store::cached), not parsed again for every redeem.
        auto run = [&](const char* sql) { store.cached(sql).exec(); };
        BatchReads reads(store);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            run("SAVEPOINT redeem");
            try {
                results[i] = decide(store, reads, batch[i]->eventId, *batch[i]->request);
            } catch (...) {
                errors[i] = std::current_exception();
                run("ROLLBACK TO redeem");
            }
            run("RELEASE redeem");
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
    std::vector<Id> changedEvents;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (results[i] && *results[i] && (*results[i])->created &&
            std::find(changedEvents.begin(), changedEvents.end(), batch[i]->eventId) == changedEvents.end()) {
            changedEvents.push_back(batch[i]->eventId);
        }
        batch[i]->result = std::move(results[i]);
        batch[i]->error = errors[i];
    }
    for (Id eventId : changedEvents) {
        model::ChangeFeed::instance().publish({model::Change::Kind::Checkins, eventId});
    }
    return committed;
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
    WaitObserver* observer = t_waitObserver;
    if (observer) {
        observer->waiting();
    }
    std::unique_lock lock(queue.mutex);
    queue.waiting.push_back(&me);
    while (!me.done) {
        if (queue.running) {
            me.wake.wait(lock);
            continue;
        }
        queue.running = true;
        std::vector<Waiting*> batch;
        while (!queue.waiting.empty() && batch.size() < kMaxBatch) {
            batch.push_back(queue.waiting.front());
            queue.waiting.pop_front();
        }
        const bool dedicated = queue.holders > 0;
        lock.unlock();
        auto& connection = batchConnection(queue, store, dedicated);
        if (!runBatch(connection, batch) && &connection == queue.writer.get()) {
            queue.writer.reset();  // start the next batch on a fresh connection
        }
        lock.lock();
        queue.running = false;
        // Wake only whom it concerns: this batch's callers, and the first of those still waiting to
        // run the next batch. Waking every waiter after every batch sent most of them straight
        // back to sleep, a futex round trip each.
        for (auto* w : batch) {
            w->done = true;
            if (w != &me) {
                w->wake.notify_one();
            }
        }
        if (!queue.waiting.empty()) {
            queue.waiting.front()->wake.notify_one();
        }
        queue.settled.notify_all();  // a DedicatedWriter closing its connection
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
    std::lock_guard lock(queue.mutex);
    ++queue.holders;
    queue.walAutocheckpoint = walAutocheckpoint;
}

DedicatedWriter::~DedicatedWriter() {
    auto& queue = queueFor(m_file);
    std::unique_lock lock(queue.mutex);
    if (--queue.holders == 0) {
        queue.settled.wait(lock, [&] { return !queue.running; });
        queue.writer.reset();
    }
}

}  // namespace boxoffice::checkin
