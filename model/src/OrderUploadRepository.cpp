#include "boxoffice/model/OrderUploadRepository.h"

#include <nlohmann/json.hpp>

#include "Sql.h"

namespace boxoffice::model {

using sql::bindValue;

namespace {

constexpr const char* kColumns =
    "u.order_id, u.event_id, o.code, u.state, u.attempts, u.next_attempt, u.last_status, u.last_error, u.remote_code, "
    "u.settled_at";

UploadState stateFrom(const std::string& s) {
    if (s == "sent") {
        return UploadState::Sent;
    }
    if (s == "uploaded") {
        return UploadState::Uploaded;
    }
    if (s == "conflict") {
        return UploadState::Conflict;
    }
    return UploadState::Queued;
}

OrderUpload readUpload(CachedStatement& q) {
    OrderUpload u;
    u.orderId = q.getColumn(0).getInt64();
    u.eventId = q.getColumn(1).getInt64();
    u.orderCode = q.getColumn(2).getString();
    u.state = stateFrom(q.getColumn(3).getString());
    u.attempts = q.getColumn(4).getInt();
    const auto next = q.getColumn(5).getInt64();
    if (next != 0) {
        u.nextAttempt = fromStorage(next);
    }
    if (!q.getColumn(6).isNull()) {
        u.lastStatus = q.getColumn(6).getInt();
    }
    u.lastError = q.getColumn(7).getString();
    u.remoteCode = sql::optText(q.getColumn(8));
    u.settledAt = sql::optTime(q.getColumn(9));
    return u;
}

std::vector<OrderUpload> readAll(CachedStatement& q) {
    std::vector<OrderUpload> out;
    while (q.executeStep()) {
        out.push_back(readUpload(q));
    }
    return out;
}

}  // namespace

std::string_view toString(UploadState s) {
    switch (s) {
        case UploadState::Queued: return "queued";
        case UploadState::Sent: return "sent";
        case UploadState::Uploaded: return "uploaded";
        case UploadState::Conflict: return "conflict";
    }
    return "queued";
}

void OrderUploadRepository::queue(Id orderId, Id eventId) {
    auto s = m_store.cached("INSERT OR IGNORE INTO order_upload (order_id, event_id, state) VALUES (?, ?, 'queued')");
    s.bind(1, orderId);
    s.bind(2, eventId);
    s.exec();
    m_store.noteChange({Change::Kind::Sync, eventId});
}

std::optional<OrderUpload> OrderUploadRepository::byOrder(Id orderId) {
    auto q = m_store.cached(std::string("SELECT ") + kColumns +
                            " FROM order_upload u JOIN orders o ON o.id = u.order_id WHERE u.order_id = ?");
    q.bind(1, orderId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readUpload(q);
}

std::vector<OrderUpload> OrderUploadRepository::due(Id eventId, Timestamp dueBy, std::int64_t limit) {
    auto q = m_store.cached(std::string("SELECT ") + kColumns +
                            " FROM order_upload u JOIN orders o ON o.id = u.order_id WHERE u.event_id = ? "
                            "AND u.state IN ('queued', 'sent') AND u.next_attempt <= ? ORDER BY o.datetime, o.id LIMIT ?");
    q.bind(1, eventId);
    q.bind(2, toStorage(dueBy));
    q.bind(3, limit);
    return readAll(q);
}

std::int64_t OrderUploadRepository::pendingCount(Id eventId) {
    auto q = m_store.cached("SELECT count(*) FROM order_upload WHERE event_id = ? AND state IN ('queued', 'sent')");
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::int64_t OrderUploadRepository::conflictCount(Id eventId) {
    auto q = m_store.cached(
        "SELECT count(*) FROM order_upload WHERE event_id = ? AND state = 'conflict' AND dismissed_at IS NULL");
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::vector<OrderUpload> OrderUploadRepository::conflicts(Id eventId) {
    auto q = m_store.cached(std::string("SELECT ") + kColumns +
                            " FROM order_upload u JOIN orders o ON o.id = u.order_id WHERE u.event_id = ? "
                            "AND u.state = 'conflict' AND u.dismissed_at IS NULL ORDER BY o.datetime, o.id");
    q.bind(1, eventId);
    return readAll(q);
}

void OrderUploadRepository::markSent(Id orderId) {
    auto s = m_store.cached("UPDATE order_upload SET state = 'sent', attempts = attempts + 1 WHERE order_id = ?");
    s.bind(1, orderId);
    s.exec();
    m_store.noteChange({Change::Kind::Sync, 0});
}

void OrderUploadRepository::noteFailure(Id orderId, std::optional<int> httpStatus, const std::string& error,
                                        Timestamp nextAttempt) {
    auto s = m_store.cached("UPDATE order_upload SET last_status = ?, last_error = ?, next_attempt = ? WHERE order_id = ?");
    httpStatus ? s.bind(1, *httpStatus) : s.bind(1);
    s.bind(2, error);
    s.bind(3, toStorage(nextAttempt));
    s.bind(4, orderId);
    s.exec();
    m_store.noteChange({Change::Kind::Sync, 0});
}

void OrderUploadRepository::settleUploaded(Id orderId, const std::string& remoteCode) {
    auto s = m_store.cached(
        "UPDATE order_upload SET state = 'uploaded', remote_code = ?, settled_at = ?, last_status = NULL, "
        "last_error = '', next_attempt = 0 WHERE order_id = ?");
    s.bind(1, remoteCode);
    s.bind(2, toStorage(now()));
    s.bind(3, orderId);
    s.exec();
    m_store.noteChange({Change::Kind::Sync, 0});
}

void OrderUploadRepository::settleConflict(Id orderId, std::optional<int> httpStatus, const std::string& error) {
    auto s = m_store.cached(
        "UPDATE order_upload SET state = 'conflict', last_status = ?, last_error = ?, settled_at = ?, "
        "dismissed_at = NULL, next_attempt = 0 WHERE order_id = ?");
    httpStatus ? s.bind(1, *httpStatus) : s.bind(1);
    s.bind(2, error);
    s.bind(3, toStorage(now()));
    s.bind(4, orderId);
    s.exec();
    m_store.noteChange({Change::Kind::Sync, 0});
}

void OrderUploadRepository::forget(Id orderId) {
    auto s = m_store.cached("DELETE FROM order_upload WHERE order_id = ?");
    s.bind(1, orderId);
    s.exec();
    m_store.noteChange({Change::Kind::Sync, 0});
}

bool OrderUploadRepository::retryConflict(Id orderId) {
    auto s = m_store.cached(
        "UPDATE order_upload SET state = 'queued', attempts = 0, next_attempt = 0, last_status = NULL, "
        "last_error = '', settled_at = NULL WHERE order_id = ? AND state = 'conflict' AND dismissed_at IS NULL");
    s.bind(1, orderId);
    const bool changed = s.exec() > 0;
    if (changed) {
        m_store.noteChange({Change::Kind::Sync, 0});
    }
    return changed;
}

bool OrderUploadRepository::dismissConflict(Id orderId, Timestamp when) {
    auto s = m_store.cached(
        "UPDATE order_upload SET dismissed_at = ? WHERE order_id = ? AND state = 'conflict' AND dismissed_at IS NULL");
    s.bind(1, toStorage(when));
    s.bind(2, orderId);
    const bool changed = s.exec() > 0;
    if (changed) {
        m_store.noteChange({Change::Kind::Sync, 0});
    }
    return changed;
}

std::unordered_set<std::string> OrderUploadRepository::unsettledCodes(Id eventId) {
    auto q = m_store.cached(
        "SELECT o.code FROM order_upload u JOIN orders o ON o.id = u.order_id WHERE u.event_id = ? "
        "AND u.state <> 'uploaded'");
    q.bind(1, eventId);
    std::unordered_set<std::string> out;
    while (q.executeStep()) {
        out.insert(q.getColumn(0).getString());
    }
    return out;
}

std::vector<Id> OrderUploadRepository::unsettledPositionsAmong(const std::vector<Id>& positionIds) {
    std::vector<Id> out;
    if (positionIds.empty()) {
        return out;
    }
    auto q = m_store.cached(
        "SELECT p.id FROM order_position p JOIN order_upload u ON u.order_id = p.order_id "
        "WHERE p.id IN (SELECT value FROM json_each(?)) AND u.state <> 'uploaded'");
    q.bind(1, nlohmann::json(positionIds).dump());
    while (q.executeStep()) {
        out.push_back(q.getColumn(0).getInt64());
    }
    return out;
}

void OrderUploadRepository::renumberPosition(Id from, Id to) {
    if (from == to) {
        return;
    }
    // The references move after the row: the foreign keys are checked at the commit.
    m_store.db().exec("PRAGMA defer_foreign_keys = ON");
    for (const char* sql : {"UPDATE order_position SET id = ?2 WHERE id = ?1",
                            "UPDATE order_position SET addon_to = ?2 WHERE addon_to = ?1",
                            "UPDATE answer SET position_id = ?2 WHERE position_id = ?1",
                            "UPDATE checkin SET position_id = ?2 WHERE position_id = ?1",
                            "UPDATE print_log SET position_id = ?2 WHERE position_id = ?1",
                            "UPDATE failed_checkin SET position_id = ?2 WHERE position_id = ?1",
                            "UPDATE double_entry SET position_id = ?2 WHERE position_id = ?1"}) {
        auto s = m_store.cached(sql);
        s.bind(1, from);
        s.bind(2, to);
        s.exec();
    }
    m_store.noteChange({Change::Kind::Orders, 0});
}

}  // namespace boxoffice::model
