#include "boxoffice/model/SyncRepository.h"

#include "ChangeNotes.h"

#include <algorithm>
#include <unordered_map>

#include "Rows.h"
#include "Sql.h"

namespace boxoffice::model {

using sql::bindValue;

namespace {

constexpr const char* kRemoteColumns =
    "id, url, organizer, event_slug, event_id, token_location, ca_file, verify_tls, orders_cursor, last_pull, "
    "last_push, last_attempt, last_error, online, updated";

SyncRemote readRemote(CachedStatement& q) {
    SyncRemote r;
    r.id = q.getColumn(0).getInt64();
    r.url = q.getColumn(1).getString();
    r.organizer = q.getColumn(2).getString();
    r.eventSlug = q.getColumn(3).getString();
    r.eventId = sql::optId(q.getColumn(4));
    r.tokenLocation = q.getColumn(5).getString();
    r.caFile = q.getColumn(6).getString();
    r.verifyTls = sql::flag(q.getColumn(7));
    r.ordersCursor = sql::optText(q.getColumn(8));
    r.lastPull = sql::optTime(q.getColumn(9));
    r.lastPush = sql::optTime(q.getColumn(10));
    r.lastAttempt = sql::optTime(q.getColumn(11));
    r.lastError = q.getColumn(12).getString();
    r.online = sql::flag(q.getColumn(13));
    r.updated = sql::time(q.getColumn(14));
    return r;
}

std::int64_t seconds(Timestamp t) { return toStorage(t) / 1'000'000; }

}  // namespace

void SyncRepository::saveRemote(SyncRemote& r) {
    m_store.noteChange({Change::Kind::Sync, r.eventId.value_or(0)});
    r.updated = now();
    auto s = m_store.cached(
        "INSERT INTO sync_remote (url, organizer, event_slug, event_id, token_location, ca_file, verify_tls, "
        "orders_cursor, last_pull, last_push, last_attempt, last_error, online, updated) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(url, organizer, event_slug) DO UPDATE SET "
        "event_id=excluded.event_id, token_location=excluded.token_location, ca_file=excluded.ca_file, "
        "verify_tls=excluded.verify_tls, orders_cursor=excluded.orders_cursor, last_pull=excluded.last_pull, "
        "last_push=excluded.last_push, last_attempt=excluded.last_attempt, last_error=excluded.last_error, "
        "online=excluded.online, updated=excluded.updated RETURNING id");
    s.bind(1, r.url);
    s.bind(2, r.organizer);
    s.bind(3, r.eventSlug);
    bindValue(s, 4, r.eventId);
    s.bind(5, r.tokenLocation);
    s.bind(6, r.caFile);
    bindValue(s, 7, r.verifyTls);
    bindValue(s, 8, r.ordersCursor);
    bindValue(s, 9, r.lastPull);
    bindValue(s, 10, r.lastPush);
    bindValue(s, 11, r.lastAttempt);
    s.bind(12, r.lastError);
    bindValue(s, 13, r.online);
    s.bind(14, toStorage(r.updated));
    if (s.executeStep()) {
        r.id = s.getColumn(0).getInt64();
    }
}

std::optional<SyncRemote> SyncRepository::remote(Id id) {
    auto q = m_store.cached(std::string("SELECT ") + kRemoteColumns + " FROM sync_remote WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readRemote(q);
}

std::optional<SyncRemote> SyncRepository::latestRemote() {
    auto q = m_store.cached(std::string("SELECT ") + kRemoteColumns + " FROM sync_remote ORDER BY updated DESC, id DESC LIMIT 1");
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readRemote(q);
}

std::optional<SyncRemote> SyncRepository::remoteForEvent(Id eventId) {
    auto q = m_store.cached(std::string("SELECT ") + kRemoteColumns +
                            " FROM sync_remote WHERE event_id = ? ORDER BY updated DESC, id DESC LIMIT 1");
    q.bind(1, eventId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readRemote(q);
}

std::vector<SyncRemote> SyncRepository::remotes() {
    auto q = m_store.cached(std::string("SELECT ") + kRemoteColumns + " FROM sync_remote ORDER BY id");
    std::vector<SyncRemote> out;
    while (q.executeStep()) {
        out.push_back(readRemote(q));
    }
    return out;
}

namespace {

std::string resumeKey(Id remoteId) { return "sync.orders_resume." + std::to_string(remoteId); }

}  // namespace

std::optional<OrdersResume> SyncRepository::ordersResume(Id remoteId) {
    auto q = m_store.cached("SELECT value FROM setting WHERE key = ?");
    q.bind(1, resumeKey(remoteId));
    if (!q.executeStep()) {
        return std::nullopt;
    }
    // "<createdSince>|<generated>": a timestamp holds no '|'.
    const std::string value = q.getColumn(0).getString();
    const auto bar = value.find('|');
    if (bar == std::string::npos) {
        return std::nullopt;
    }
    auto since = parseTimestamp(std::string_view(value).substr(0, bar));
    if (!since || bar + 1 == value.size()) {
        return std::nullopt;
    }
    return OrdersResume{value.substr(bar + 1), *since};
}

void SyncRepository::setOrdersResume(Id remoteId, const std::optional<OrdersResume>& resume) {
    m_store.noteChange({Change::Kind::Sync, 0});
    if (!resume) {
        auto d = m_store.cached("DELETE FROM setting WHERE key = ?");
        d.bind(1, resumeKey(remoteId));
        d.exec();
        return;
    }
    auto s = m_store.cached(
        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    s.bind(1, resumeKey(remoteId));
    s.bind(2, formatTimestamp(resume->createdSince) + "|" + resume->generated);
    s.exec();
}

std::vector<QueuedCheckin> SyncRepository::queue(Id eventId, Timestamp dueBy, std::int64_t limit) {
    auto q = m_store.cached(
        std::string("SELECT ") + rows::kCheckinColumns +
        ", p.secret, coalesce(sq.attempts, 0) FROM checkin c JOIN checkin_list l ON l.id = c.list_id "
        "JOIN order_position p ON p.id = c.position_id LEFT JOIN sync_queue sq ON sq.checkin_id = c.id "
        "WHERE c.sync_state = 'local' AND l.event_id = ? AND coalesce(sq.next_attempt, 0) <= ? "
        "AND sq.dismissed_at IS NULL "
        // A ticket sold here is redeemed there only once its order is on the remote.
        "AND NOT EXISTS (SELECT 1 FROM order_upload u WHERE u.order_id = p.order_id AND u.state <> 'uploaded') "
        "ORDER BY c.datetime, c.id LIMIT ?");
    q.bind(1, eventId);
    q.bind(2, toStorage(dueBy));
    q.bind(3, limit);
    std::vector<QueuedCheckin> out;
    while (q.executeStep()) {
        QueuedCheckin qc;
        qc.checkin = rows::readCheckin(q);
        qc.eventId = eventId;
        qc.secret = q.getColumn(rows::kCheckinColumnCount).getString();
        qc.attempts = q.getColumn(rows::kCheckinColumnCount + 1).getInt();
        out.push_back(std::move(qc));
    }
    return out;
}

std::int64_t SyncRepository::queueLength(Id eventId) {
    auto q = m_store.cached(
        "SELECT count(*) FROM checkin c JOIN checkin_list l ON l.id = c.list_id "
        "WHERE c.sync_state = 'local' AND l.event_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM sync_queue sq WHERE sq.checkin_id = c.id AND sq.dismissed_at IS NOT NULL)");
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::int64_t SyncRepository::conflictCount(Id eventId) {
    auto q = m_store.cached(
        "SELECT count(*) FROM checkin c JOIN checkin_list l ON l.id = c.list_id "
        "WHERE c.sync_state = 'conflict' AND l.event_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM sync_queue sq WHERE sq.checkin_id = c.id AND sq.dismissed_at IS NOT NULL)");
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::int64_t SyncRepository::doubleEntryCount(Id eventId) {
    auto q = m_store.cached("SELECT count(*) FROM double_entry WHERE event_id = ?");
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

void SyncRepository::setNonce(Id checkinId, const std::string& nonce) {
    m_store.noteChange({Change::Kind::Sync, 0});
    auto s = m_store.cached("UPDATE checkin SET nonce = ? WHERE id = ? AND nonce IS NULL");
    s.bind(1, nonce);
    s.bind(2, checkinId);
    s.exec();
}

void SyncRepository::noteFailure(Id checkinId, std::optional<int> httpStatus, const std::string& error,
                                 Timestamp nextAttempt) {
    m_store.noteChange({Change::Kind::Sync, 0});
    auto s = m_store.cached(
        "INSERT INTO sync_queue (checkin_id, attempts, next_attempt, last_status, last_error) VALUES (?, 1, ?, ?, ?) "
        "ON CONFLICT(checkin_id) DO UPDATE SET attempts = attempts + 1, next_attempt = excluded.next_attempt, "
        "last_status = excluded.last_status, last_error = excluded.last_error");
    s.bind(1, checkinId);
    s.bind(2, toStorage(nextAttempt));
    httpStatus ? s.bind(3, *httpStatus) : s.bind(3);
    s.bind(4, error);
    s.exec();
}

void SyncRepository::settle(Id checkinId, SyncState state, std::optional<int> httpStatus, const std::string& error) {
    m_store.noteChange({Change::Kind::Sync, 0});
    auto s = m_store.cached("UPDATE checkin SET sync_state = ? WHERE id = ?");
    s.bind(1, std::string(toString(state)));
    s.bind(2, checkinId);
    s.exec();
    if (state == SyncState::Conflict) {
        auto k = m_store.cached(
            "INSERT INTO sync_queue (checkin_id, attempts, next_attempt, last_status, last_error) VALUES (?, 1, 0, ?, ?) "
            "ON CONFLICT(checkin_id) DO UPDATE SET attempts = attempts + 1, last_status = excluded.last_status, "
            "last_error = excluded.last_error, dismissed_at = NULL");
        k.bind(1, checkinId);
        httpStatus ? k.bind(2, *httpStatus) : k.bind(2);
        k.bind(3, error);
        k.exec();
    } else {
        auto d = m_store.cached("DELETE FROM sync_queue WHERE checkin_id = ?");
        d.bind(1, checkinId);
        d.exec();
    }
}

std::string SyncRepository::queueError(Id checkinId) {
    auto q = m_store.cached("SELECT last_error FROM sync_queue WHERE checkin_id = ?");
    q.bind(1, checkinId);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

namespace {

bool ours(const std::string& state) { return state == "local" || state == "conflict"; }

// State of a check-in row; empty when there is none.
std::string stateOf(Store& store, Id id) {
    auto q = store.cached("SELECT sync_state FROM checkin WHERE id = ?");
    q.bind(1, id);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

// Our own (not yet uploaded) check-in holds an ID the remote uses too (a remote that hands out
// IDs from the local range, like another box office): move ours to a fresh local ID. The queue's
// bookkeeping follows (ON UPDATE CASCADE); uploads are identified by nonce, not by ID.
void moveAside(Store& store, Id id) {
    const Id fresh = store.nextLocalId("checkin");
    auto u = store.cached("UPDATE checkin SET id = ? WHERE id = ?");
    u.bind(1, fresh);
    u.bind(2, id);
    u.exec();
}

}  // namespace

Id SyncRepository::adoptRemoteId(Id localId, Id remoteId) {
    m_store.noteChange({Change::Kind::Sync, 0});
    if (localId == remoteId) {
        auto u = m_store.cached("UPDATE checkin SET sync_state = 'uploaded' WHERE id = ?");
        u.bind(1, localId);
        u.exec();
        return localId;
    }
    const std::string existing = stateOf(m_store, remoteId);
    if (ours(existing)) {
        moveAside(m_store, remoteId);
    }
    auto d = m_store.cached("DELETE FROM sync_queue WHERE checkin_id = ?");
    d.bind(1, localId);
    d.exec();
    if (!existing.empty() && !ours(existing)) {
        // Pulled before our upload was confirmed: keep the remote row, with our origin and nonce.
        std::string device;
        std::optional<std::string> nonce;
        {
            auto q = m_store.cached("SELECT device, nonce FROM checkin WHERE id = ?");
            q.bind(1, localId);
            if (q.executeStep()) {
                device = q.getColumn(0).getString();
                nonce = sql::optText(q.getColumn(1));
            }
        }
        auto del = m_store.cached("DELETE FROM checkin WHERE id = ?");
        del.bind(1, localId);
        del.exec();
        auto u = m_store.cached(
            "UPDATE checkin SET sync_state = 'uploaded', device = ?, nonce = coalesce(nonce, ?) WHERE id = ?");
        u.bind(1, device);
        bindValue(u, 2, nonce);
        u.bind(3, remoteId);
        u.exec();
        return remoteId;
    }
    auto u = m_store.cached("UPDATE checkin SET id = ?, sync_state = 'uploaded' WHERE id = ?");
    u.bind(1, remoteId);
    u.bind(2, localId);
    u.exec();
    return remoteId;
}

void SyncRepository::mergeRemoteCheckins(Id positionId, const std::vector<Checkin>& remote,
                                         const std::unordered_set<Id>& knownLists) {
    m_store.noteChange({Change::Kind::Checkins, notes::eventOfPosition(m_store, positionId)});
    struct Row {
        Id id;
        Id listId;
        std::string type;
        Timestamp datetime;
        std::string state;
        bool seen = false;
    };
    std::vector<Row> rows;
    {
        auto q = m_store.cached("SELECT id, list_id, type, datetime, sync_state FROM checkin WHERE position_id = ?");
        q.bind(1, positionId);
        while (q.executeStep()) {
            rows.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                            sql::time(q.getColumn(3)), q.getColumn(4).getString()});
        }
    }
    if (rows.empty() && remote.empty()) {
        return;
    }
    for (const auto& c : remote) {
        if (c.id == 0 || !knownLists.contains(c.listId)) {
            continue;
        }
        const std::string type(toString(c.type));
        auto known = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.id == c.id && !ours(r.state); });
        if (known != rows.end()) {
            known->seen = true;
            if (known->listId != c.listId || known->type != type || known->datetime != c.datetime) {
                auto u = m_store.cached("UPDATE checkin SET list_id = ?, type = ?, datetime = ? WHERE id = ?");
                u.bind(1, c.listId);
                u.bind(2, type);
                u.bind(3, toStorage(c.datetime));
                u.bind(4, c.id);
                u.exec();
            }
            continue;
        }
        // One of ours that reached the remote (its answer was lost, or it carried no ID).
        auto mine = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
            return !r.seen && (r.state == "local" || r.state == "uploaded") &&
                   r.listId == c.listId && r.type == type && seconds(r.datetime) == seconds(c.datetime);
        });
        if (mine != rows.end()) {
            mine->seen = true;
            adoptRemoteId(mine->id, c.id);
            mine->id = c.id;
            continue;
        }
        if (ours(stateOf(m_store, c.id))) {
            moveAside(m_store, c.id);
        }
        auto ins = m_store.cached(
            "INSERT INTO checkin (id, list_id, position_id, datetime, type, nonce, auto_checked_in, device, "
            "sync_state, created) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 'remote', ?)");
        ins.bind(1, c.id);
        ins.bind(2, c.listId);
        ins.bind(3, positionId);
        ins.bind(4, toStorage(c.datetime));
        ins.bind(5, type);
        bindValue(ins, 6, c.autoCheckedIn);
        ins.bind(7, c.device.empty() ? std::string("remote") : c.device);
        ins.bind(8, toStorage(now()));
        ins.exec();
    }
    for (const auto& r : rows) {
        if (!r.seen && (r.state == "remote" || r.state == "uploaded")) {
            auto d = m_store.cached("DELETE FROM checkin WHERE id = ?");
            d.bind(1, r.id);
            d.exec();
        }
    }
}

std::unordered_set<Id> SyncRepository::positionsWithCheckins(const std::vector<Id>& positionIds) {
    std::unordered_set<Id> out;
    if (positionIds.empty()) {
        return out;
    }
    std::string ids = "[";
    for (const Id id : positionIds) {
        if (ids.size() > 1) {
            ids += ',';
        }
        ids += std::to_string(id);
    }
    ids += ']';
    auto q = m_store.cached(
        "SELECT DISTINCT position_id FROM checkin WHERE position_id IN (SELECT value FROM json_each(?))");
    q.bind(1, ids);
    while (q.executeStep()) {
        out.insert(q.getColumn(0).getInt64());
    }
    return out;
}

bool SyncRepository::recordDoubleEntry(DoubleEntry e) {
    m_store.noteChange({Change::Kind::Sync, 0});
    auto s = m_store.cached(
        "INSERT OR IGNORE INTO double_entry (event_id, list_id, position_id, secret, nonce, local_datetime, "
        "local_device, remote_checkin_id, remote_datetime, remote_device, detected) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, e.eventId);
    s.bind(2, e.listId);
    s.bind(3, e.positionId);
    s.bind(4, e.secret);
    s.bind(5, e.nonce);
    s.bind(6, toStorage(e.localDatetime));
    s.bind(7, e.localDevice);
    bindValue(s, 8, e.remoteCheckinId);
    s.bind(9, toStorage(e.remoteDatetime));
    s.bind(10, e.remoteDevice);
    s.bind(11, toStorage(e.detected == Timestamp{} ? now() : e.detected));
    return s.exec() > 0;
}

std::vector<DoubleEntry> SyncRepository::doubleEntries(Id eventId) {
    auto q = m_store.cached(
        "SELECT id, event_id, list_id, position_id, secret, nonce, local_datetime, local_device, remote_checkin_id, "
        "remote_datetime, remote_device, detected FROM double_entry WHERE event_id = ? ORDER BY local_datetime, id");
    q.bind(1, eventId);
    std::vector<DoubleEntry> out;
    while (q.executeStep()) {
        DoubleEntry e;
        e.id = q.getColumn(0).getInt64();
        e.eventId = q.getColumn(1).getInt64();
        e.listId = q.getColumn(2).getInt64();
        e.positionId = q.getColumn(3).getInt64();
        e.secret = q.getColumn(4).getString();
        e.nonce = q.getColumn(5).getString();
        e.localDatetime = sql::time(q.getColumn(6));
        e.localDevice = q.getColumn(7).getString();
        e.remoteCheckinId = sql::optId(q.getColumn(8));
        e.remoteDatetime = sql::time(q.getColumn(9));
        e.remoteDevice = q.getColumn(10).getString();
        e.detected = sql::time(q.getColumn(11));
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace boxoffice::model
