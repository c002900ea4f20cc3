#include "boxoffice/model/SyncInboxRepository.h"

#include "ChangeNotes.h"
#include "Sql.h"

namespace boxoffice::model {

namespace {

// The facts of a check-in row `c` (its position `p`, order `o`, invoice address `ia`, list `l`),
// read by readFacts from column `first` on.
constexpr const char* kFactColumns = "c.id, c.position_id, coalesce(o.code, ''), coalesce(p.positionid, 0), "
                                     "coalesce(nullif(p.attendee_name, ''), ia.name, ''), c.list_id, "
                                     "coalesce(l.name, ''), c.type, c.datetime, "
                                     "c.device";
constexpr int kFactColumnCount = 10;

constexpr const char* kFactJoins =
    "LEFT JOIN order_position p ON p.id = c.position_id LEFT JOIN orders o ON o.id = p.order_id "
    "LEFT JOIN invoice_address ia ON ia.order_id = p.order_id ";

InboxCheckin readFacts(CachedStatement& q, int first) {
    InboxCheckin f;
    f.checkinId = q.getColumn(first).getInt64();
    f.positionId = q.getColumn(first + 1).getInt64();
    f.orderCode = q.getColumn(first + 2).getString();
    f.positionNumber = q.getColumn(first + 3).getInt();
    f.attendeeName = q.getColumn(first + 4).getString();
    f.listId = q.getColumn(first + 5).getInt64();
    f.listName = q.getColumn(first + 6).getString();
    f.type = checkinTypeFromString(q.getColumn(first + 7).getString()).value_or(CheckinType::Entry);
    f.datetime = sql::time(q.getColumn(first + 8));
    f.device = q.getColumn(first + 9).getString();
    return f;
}

std::optional<int> optInt(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}

// A double entry's own admission: the check-in row with its nonce (re-keyed to the remote's ID
// on upload, the nonce kept) when it is still here, else what the double entry recorded.
constexpr const char* kDoubleEntrySelect =
    "SELECT d.id, d.event_id, coalesce(c.id, 0), d.position_id, coalesce(o.code, ''), coalesce(p.positionid, "
    "0), "
    "coalesce(nullif(p.attendee_name, ''), ia.name, ''), d.list_id, coalesce(l.name, ''), coalesce(c.type, "
    "'entry'), "
    "d.local_datetime, d.local_device, d.remote_datetime, d.remote_device, d.detected, d.reviewed, d.note, "
    "d.reviewed_at FROM double_entry d LEFT JOIN checkin c ON c.list_id = d.list_id AND c.nonce = d.nonce "
    "LEFT JOIN order_position p ON p.id = d.position_id LEFT JOIN orders o ON o.id = p.order_id "
    "LEFT JOIN invoice_address ia ON ia.order_id = p.order_id LEFT JOIN checkin_list l ON l.id = d.list_id ";

InboxDoubleEntry readDoubleEntry(CachedStatement& q) {
    InboxDoubleEntry e;
    e.id = q.getColumn(0).getInt64();
    e.eventId = q.getColumn(1).getInt64();
    e.here.checkinId = q.getColumn(2).getInt64();
    e.here.positionId = q.getColumn(3).getInt64();
    e.here.orderCode = q.getColumn(4).getString();
    e.here.positionNumber = q.getColumn(5).getInt();
    e.here.attendeeName = q.getColumn(6).getString();
    e.here.listId = q.getColumn(7).getInt64();
    e.here.listName = q.getColumn(8).getString();
    e.here.type = checkinTypeFromString(q.getColumn(9).getString()).value_or(CheckinType::Entry);
    e.here.datetime = sql::time(q.getColumn(10));
    e.here.device = q.getColumn(11).getString();
    e.remoteDatetime = sql::time(q.getColumn(12));
    e.remoteDevice = q.getColumn(13).getString();
    e.detected = sql::time(q.getColumn(14));
    e.reviewed = sql::flag(q.getColumn(15));
    e.note = q.getColumn(16).getString();
    e.reviewedAt = sql::optTime(q.getColumn(17));
    return e;
}

} // namespace

std::vector<InboxQueueRow> SyncInboxRepository::queue(Id eventId, std::int64_t limit) {
    auto q =
        m_store.cached(std::string("SELECT ") + kFactColumns +
                       ", coalesce(sq.attempts, 0), nullif(sq.next_attempt, 0), sq.last_status, "
                       "coalesce(sq.last_error, '') FROM checkin c JOIN checkin_list l ON l.id = c.list_id " +
                       kFactJoins +
                       "LEFT JOIN sync_queue sq ON sq.checkin_id = c.id "
                       "WHERE c.sync_state = 'local' AND l.event_id = ? AND sq.dismissed_at IS NULL "
                       "ORDER BY c.datetime, c.id LIMIT ?");
    q.bind(1, eventId);
    q.bind(2, limit);
    std::vector<InboxQueueRow> out;
    while (q.executeStep()) {
        InboxQueueRow r;
        r.checkin = readFacts(q, 0);
        r.attempts = q.getColumn(kFactColumnCount).getInt();
        r.nextAttempt = sql::optTime(q.getColumn(kFactColumnCount + 1));
        r.lastStatus = optInt(q.getColumn(kFactColumnCount + 2));
        r.lastError = q.getColumn(kFactColumnCount + 3).getString();
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<InboxConflict> SyncInboxRepository::conflicts(Id eventId) {
    auto q = m_store.cached(std::string("SELECT ") + kFactColumns +
                            ", sq.last_status, coalesce(sq.last_error, '') FROM checkin c "
                            "JOIN checkin_list l ON l.id = c.list_id " +
                            kFactJoins +
                            "LEFT JOIN sync_queue sq ON sq.checkin_id = c.id "
                            "WHERE c.sync_state = 'conflict' AND l.event_id = ? AND sq.dismissed_at IS NULL "
                            "ORDER BY c.datetime, c.id");
    q.bind(1, eventId);
    std::vector<InboxConflict> out;
    while (q.executeStep()) {
        InboxConflict r;
        r.checkin = readFacts(q, 0);
        r.httpStatus = optInt(q.getColumn(kFactColumnCount));
        r.reason = q.getColumn(kFactColumnCount + 1).getString();
        out.push_back(std::move(r));
    }
    return out;
}

bool SyncInboxRepository::retryConflict(Id checkinId) {
    const Id eventId = notes::eventOfCheckin(m_store, checkinId);
    auto u = m_store.cached(
        "UPDATE checkin SET sync_state = 'local' WHERE id = ? AND sync_state = 'conflict' AND NOT EXISTS "
        "(SELECT 1 FROM sync_queue WHERE checkin_id = ? AND dismissed_at IS NOT NULL)");
    u.bind(1, checkinId);
    u.bind(2, checkinId);
    if (u.exec() == 0) {
        return false;
    }
    m_store.noteChange({Change::Kind::Sync, eventId});
    m_store.noteChange({Change::Kind::Checkins, eventId});
    auto d = m_store.cached("DELETE FROM sync_queue WHERE checkin_id = ?");
    d.bind(1, checkinId);
    d.exec();
    return true;
}

bool SyncInboxRepository::dismissConflict(Id checkinId, Timestamp when) {
    const Id eventId = notes::eventOfCheckin(m_store, checkinId);
    // Every conflict settled by a push has its sync_queue row; one without (written by other
    // means) gets one here.
    auto s = m_store.cached("INSERT INTO sync_queue (checkin_id, attempts, next_attempt, dismissed_at) "
                            "SELECT id, 0, 0, ? FROM checkin WHERE id = ? AND sync_state = 'conflict' "
                            "ON CONFLICT(checkin_id) DO UPDATE SET dismissed_at = excluded.dismissed_at "
                            "WHERE dismissed_at IS NULL");
    s.bind(1, toStorage(when));
    s.bind(2, checkinId);
    if (s.exec() == 0) {
        return false;
    }
    m_store.noteChange({Change::Kind::Sync, eventId});
    return true;
}

std::vector<InboxDoubleEntry> SyncInboxRepository::doubleEntries(Id eventId) {
    auto q = m_store.cached(std::string(kDoubleEntrySelect) +
                            "WHERE d.event_id = ? ORDER BY d.local_datetime DESC, d.id DESC");
    q.bind(1, eventId);
    std::vector<InboxDoubleEntry> out;
    while (q.executeStep()) {
        out.push_back(readDoubleEntry(q));
    }
    return out;
}

std::optional<InboxDoubleEntry> SyncInboxRepository::doubleEntry(Id doubleEntryId) {
    auto q = m_store.cached(std::string(kDoubleEntrySelect) + "WHERE d.id = ?");
    q.bind(1, doubleEntryId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readDoubleEntry(q);
}

std::int64_t SyncInboxRepository::unreviewedCount(Id eventId) {
    auto q = m_store.cached("SELECT count(*) FROM double_entry WHERE event_id = ? AND reviewed = 0");
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

bool SyncInboxRepository::setReview(Id doubleEntryId, bool reviewed, const std::string& note,
                                    Timestamp when) {
    auto u = m_store.cached("UPDATE double_entry SET reviewed = ?1, note = ?2, "
                            "reviewed_at = CASE WHEN ?1 THEN coalesce(reviewed_at, ?3) ELSE NULL END WHERE "
                            "id = ?4 RETURNING event_id");
    sql::bindValue(u, 1, reviewed);
    u.bind(2, note);
    u.bind(3, toStorage(when));
    u.bind(4, doubleEntryId);
    if (!u.executeStep()) {
        return false;
    }
    const Id eventId = u.getColumn(0).getInt64();
    u.reset();
    m_store.noteChange({Change::Kind::Sync, eventId});
    return true;
}

} // namespace boxoffice::model
