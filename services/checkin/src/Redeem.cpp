#include "boxoffice/checkin/Redeem.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>

#include "Decide.h"
#include "WriterLock.h"
#include "boxoffice/checkin/Answers.h"

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

}  // namespace

namespace detail {

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

}  // namespace detail

}  // namespace boxoffice::checkin
