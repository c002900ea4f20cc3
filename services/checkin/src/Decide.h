// What one redeem decides, apart from how redeems share transactions (GroupCommit.cpp): the
// reads a batch shares, where a decision reads and writes its check-ins (the database, or the
// journal beside it while another connection holds the write lock), and the decision itself.
// Internal to services/checkin.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "RedeemJournal.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::checkin::detail {

using model::Id;

// What the redeems of one transaction read alike: the lists, the events' questions and the access
// version, which no redeem changes, read once per transaction instead of once per redeem.
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
    JournalLedger(model::Store& store, RedeemJournal& journal)
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
    RedeemJournal& m_journal;
};

// Decides one redeem inside the caller's write transaction (or journal); what it writes is kept
// on every return (answers given are kept even when the check-in fails).
model::Result<RedeemResult> decide(model::Store& store, Ledger& ledger, BatchReads& reads, Id eventId,
                                   const RedeemRequest& req);

}  // namespace boxoffice::checkin::detail
