#include "boxoffice/model/CheckinRepository.h"

#include "ChangeNotes.h"

#include "Rows.h"
#include "Sql.h"

namespace boxoffice::model {

using sql::bindValue;

namespace {

constexpr const char* kListColumns =
    "id, event_id, name, all_products, subevent_id, include_pending, allow_multiple_entries, "
    "allow_entry_after_exit, auto_checkin_sales_channels, last_modified";

CheckinList readList(CachedStatement& q) {
    CheckinList l;
    l.id = q.getColumn(0).getInt64();
    l.eventId = q.getColumn(1).getInt64();
    l.name = q.getColumn(2).getString();
    l.allProducts = sql::flag(q.getColumn(3));
    l.subeventId = sql::optId(q.getColumn(4));
    l.includePending = sql::flag(q.getColumn(5));
    l.allowMultipleEntries = sql::flag(q.getColumn(6));
    l.allowEntryAfterExit = sql::flag(q.getColumn(7));
    l.autoCheckinSalesChannels = sql::listFromJson<std::string>(q.getColumn(8).getString());
    l.lastModified = sql::time(q.getColumn(9));
    return l;
}

// The event's lists as stored, without products or counts.
std::vector<CheckinList> readLists(Store& store, Id eventId) {
    auto q = store.cached(std::string("SELECT ") + kListColumns + " FROM checkin_list WHERE event_id = ? ORDER BY id");
    q.bind(1, eventId);
    std::vector<CheckinList> out;
    while (q.executeStep()) {
        out.push_back(readList(q));
    }
    return out;
}

}  // namespace

void CheckinRepository::upsertList(CheckinList& l) {
    if (l.id == 0) {
        l.id = m_store.nextLocalId("checkin_list");
    }
    l.lastModified = now();
    auto s = m_store.cached(
        "INSERT INTO checkin_list (id, event_id, name, all_products, subevent_id, include_pending, "
        "allow_multiple_entries, allow_entry_after_exit, auto_checkin_sales_channels, last_modified) "
        "VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET event_id=excluded.event_id, name=excluded.name, "
        "all_products=excluded.all_products, subevent_id=excluded.subevent_id, "
        "include_pending=excluded.include_pending, allow_multiple_entries=excluded.allow_multiple_entries, "
        "allow_entry_after_exit=excluded.allow_entry_after_exit, "
        "auto_checkin_sales_channels=excluded.auto_checkin_sales_channels, last_modified=excluded.last_modified");
    s.bind(1, l.id);
    s.bind(2, l.eventId);
    s.bind(3, l.name);
    bindValue(s, 4, l.allProducts);
    bindValue(s, 5, l.subeventId);
    bindValue(s, 6, l.includePending);
    bindValue(s, 7, l.allowMultipleEntries);
    bindValue(s, 8, l.allowEntryAfterExit);
    s.bind(9, sql::listToJson(l.autoCheckinSalesChannels));
    s.bind(10, toStorage(l.lastModified));
    s.exec();
    auto del = m_store.cached("DELETE FROM checkin_list_item WHERE list_id = ?");
    del.bind(1, l.id);
    del.exec();
    for (Id item : l.limitProducts) {
        auto ins = m_store.cached("INSERT OR IGNORE INTO checkin_list_item (list_id, item_id) VALUES (?, ?)");
        ins.bind(1, l.id);
        ins.bind(2, item);
        ins.exec();
    }
    m_store.noteChange({Change::Kind::CheckinLists, l.eventId});
}

void CheckinRepository::fillProducts(CheckinList& l) {
    l.limitProducts.clear();
    auto items = m_store.cached("SELECT item_id FROM checkin_list_item WHERE list_id = ? ORDER BY item_id");
    items.bind(1, l.id);
    while (items.executeStep()) {
        l.limitProducts.push_back(items.getColumn(0).getInt64());
    }
}

void CheckinRepository::fillCounts(CheckinList& l) {
    fillProducts(l);
    // The positions a list admits: valid orders (paid, or pending when the list includes them),
    // its products, its date.
    auto q = m_store.cached(
        "SELECT count(*), count(DISTINCT c.position_id) FROM order_position p "
        "JOIN orders o ON o.id = p.order_id "
        "JOIN checkin_list l ON l.id = ?1 "
        "LEFT JOIN (SELECT DISTINCT position_id FROM checkin WHERE list_id = ?1 AND type = 'entry') c "
        "  ON c.position_id = p.id "
        "WHERE p.event_id = l.event_id AND p.canceled = 0 "
        "AND (o.status = 'p' OR (l.include_pending AND o.status = 'n')) "
        "AND (l.all_products OR p.item_id IN (SELECT item_id FROM checkin_list_item WHERE list_id = l.id)) "
        "AND (l.subevent_id IS NULL OR p.subevent_id = l.subevent_id)");
    q.bind(1, l.id);
    q.executeStep();
    l.positionCount = q.getColumn(0).getInt64();
    l.checkinCount = q.getColumn(1).getInt64();
}

std::optional<CheckinList> CheckinRepository::list(Id eventId, Id listId) {
    auto q = m_store.cached(std::string("SELECT ") + kListColumns + " FROM checkin_list WHERE event_id = ? AND id = ?");
    q.bind(1, eventId);
    q.bind(2, listId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    auto l = readList(q);
    fillCounts(l);
    return l;
}

std::vector<CheckinList> CheckinRepository::lists(Id eventId) {
    auto out = readLists(m_store, eventId);
    for (auto& l : out) {
        fillCounts(l);
    }
    return out;
}

std::vector<CheckinList> CheckinRepository::listInfos(Id eventId) {
    auto out = readLists(m_store, eventId);
    for (auto& l : out) {
        fillProducts(l);
    }
    return out;
}

bool CheckinRepository::removeList(Id eventId, Id listId) {
    auto s = m_store.cached("DELETE FROM checkin_list WHERE event_id = ? AND id = ?");
    s.bind(1, eventId);
    s.bind(2, listId);
    if (s.exec() == 0) {
        return false;
    }
    m_store.noteChange({Change::Kind::CheckinLists, eventId});
    m_store.noteChange({Change::Kind::Checkins, eventId});
    return true;
}

void CheckinRepository::insert(Checkin& c) {
    if (c.id == 0) {
        c.id = m_store.nextLocalId("checkin");
    }
    if (c.created == Timestamp{}) {
        c.created = now();
    }
    auto s = m_store.cached(
        "INSERT INTO checkin (id, list_id, position_id, datetime, type, nonce, auto_checked_in, device, sync_state, "
        "created) VALUES (?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, c.id);
    s.bind(2, c.listId);
    s.bind(3, c.positionId);
    s.bind(4, toStorage(c.datetime));
    s.bind(5, std::string(toString(c.type)));
    bindValue(s, 6, c.nonce);
    bindValue(s, 7, c.autoCheckedIn);
    s.bind(8, c.device);
    s.bind(9, std::string(toString(c.syncState)));
    s.bind(10, toStorage(c.created));
    s.exec();
    m_store.noteChange({Change::Kind::Checkins, notes::eventOfList(m_store, c.listId)});
}

bool CheckinRepository::insertFailedScan(FailedScan& f) {
    if (f.id == 0) {
        f.id = m_store.nextLocalId("failed_checkin");
    }
    if (f.received == Timestamp{}) {
        f.received = now();
    }
    auto s = m_store.cached(
        "INSERT OR IGNORE INTO failed_checkin (id, list_id, position_id, raw_barcode, error_reason, type, datetime, "
        "device, nonce, received) VALUES (?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, f.id);
    s.bind(2, f.listId);
    bindValue(s, 3, f.positionId);
    s.bind(4, f.rawBarcode);
    s.bind(5, f.errorReason);
    s.bind(6, std::string(toString(f.type)));
    s.bind(7, toStorage(f.datetime));
    s.bind(8, f.device);
    bindValue(s, 9, f.nonce);
    s.bind(10, toStorage(f.received));
    return s.exec() > 0;
}

std::vector<FailedScan> CheckinRepository::failedScans(Id listId, std::int64_t limit) {
    auto q = m_store.cached(
        "SELECT id, list_id, position_id, raw_barcode, error_reason, type, datetime, device, nonce, received "
        "FROM failed_checkin WHERE list_id = ? ORDER BY datetime DESC, id DESC LIMIT ?");
    q.bind(1, listId);
    q.bind(2, limit);
    std::vector<FailedScan> out;
    while (q.executeStep()) {
        FailedScan f;
        f.id = q.getColumn(0).getInt64();
        f.listId = q.getColumn(1).getInt64();
        if (!q.getColumn(2).isNull()) {
            f.positionId = q.getColumn(2).getInt64();
        }
        f.rawBarcode = q.getColumn(3).getString();
        f.errorReason = q.getColumn(4).getString();
        f.type = checkinTypeFromString(q.getColumn(5).getString()).value_or(CheckinType::Entry);
        f.datetime = fromStorage(q.getColumn(6).getInt64());
        f.device = q.getColumn(7).getString();
        if (!q.getColumn(8).isNull()) {
            f.nonce = q.getColumn(8).getString();
        }
        f.received = fromStorage(q.getColumn(9).getInt64());
        out.push_back(std::move(f));
    }
    return out;
}

bool CheckinRepository::remove(Id checkinId) {
    const Id eventId = notes::eventOfCheckin(m_store, checkinId);
    auto s = m_store.cached("DELETE FROM checkin WHERE id = ?");
    s.bind(1, checkinId);
    if (s.exec() == 0) {
        return false;
    }
    m_store.noteChange({Change::Kind::Checkins, eventId});
    m_store.noteChange({Change::Kind::Sync, 0});
    return true;
}

std::optional<Checkin> CheckinRepository::byId(Id checkinId) {
    auto q = m_store.cached(std::string("SELECT ") + rows::kCheckinColumns + " FROM checkin c WHERE id = ?");
    q.bind(1, checkinId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return rows::readCheckin(q);
}

std::optional<Checkin> CheckinRepository::byNonce(Id listId, const std::string& nonce) {
    auto q = m_store.cached(std::string("SELECT ") + rows::kCheckinColumns + " FROM checkin c WHERE list_id = ? AND nonce = ?");
    q.bind(1, listId);
    q.bind(2, nonce);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return rows::readCheckin(q);
}

std::vector<Checkin> CheckinRepository::forPosition(Id positionId, std::optional<Id> listId) {
    auto q = m_store.cached(std::string("SELECT ") + rows::kCheckinColumns +
                             " FROM checkin c WHERE position_id = ?1 AND (?2 IS NULL OR list_id = ?2) "
                             "ORDER BY datetime, id");
    q.bind(1, positionId);
    bindValue(q, 2, listId);
    std::vector<Checkin> out;
    while (q.executeStep()) {
        out.push_back(rows::readCheckin(q));
    }
    return out;
}

std::unordered_map<Id, Timestamp> CheckinRepository::firstEntries(Id eventId) {
    auto q = m_store.cached(
        "SELECT c.position_id, MIN(c.datetime) FROM checkin c JOIN checkin_list l ON l.id = c.list_id "
        "WHERE l.event_id = ? AND c.type = 'entry' GROUP BY c.position_id");
    q.bind(1, eventId);
    std::unordered_map<Id, Timestamp> out;
    while (q.executeStep()) {
        out.emplace(q.getColumn(0).getInt64(), sql::time(q.getColumn(1)));
    }
    return out;
}

std::unordered_map<Id, CheckinRepository::FirstEntry> CheckinRepository::firstEntriesWithLists(Id eventId) {
    // The order forPosition reads a position's check-ins in, so the first is the same one.
    auto q = m_store.cached(
        "SELECT position_id, datetime, list_id FROM (SELECT c.position_id, c.datetime, c.list_id, "
        "ROW_NUMBER() OVER (PARTITION BY c.position_id ORDER BY c.datetime, c.id) AS n "
        "FROM checkin c JOIN checkin_list l ON l.id = c.list_id WHERE l.event_id = ? AND c.type = 'entry') "
        "WHERE n = 1");
    q.bind(1, eventId);
    std::unordered_map<Id, FirstEntry> out;
    while (q.executeStep()) {
        out.emplace(q.getColumn(0).getInt64(), FirstEntry{sql::time(q.getColumn(1)), q.getColumn(2).getInt64()});
    }
    return out;
}

std::vector<Checkin> CheckinRepository::byState(SyncState state, std::int64_t limit) {
    auto q = m_store.cached(std::string("SELECT ") + rows::kCheckinColumns +
                             " FROM checkin c WHERE sync_state = ? ORDER BY created, id LIMIT ?");
    q.bind(1, std::string(toString(state)));
    q.bind(2, limit);
    std::vector<Checkin> out;
    while (q.executeStep()) {
        out.push_back(rows::readCheckin(q));
    }
    return out;
}

void CheckinRepository::setSyncState(Id checkinId, SyncState state) {
    auto s = m_store.cached("UPDATE checkin SET sync_state = ? WHERE id = ?");
    s.bind(1, std::string(toString(state)));
    s.bind(2, checkinId);
    s.exec();
    m_store.noteChange({Change::Kind::Sync, 0});
}

CheckinRepository::Admission CheckinRepository::admission(Id eventId) {
    auto q = m_store.cached(
        "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM checkin c WHERE c.position_id = p.id AND "
        "c.type = 'entry')), 0) FROM order_position p JOIN orders o ON o.id = p.order_id "
        "WHERE p.event_id = ? AND p.canceled = 0 AND o.status = 'p'");
    q.bind(1, eventId);
    q.executeStep();
    return {q.getColumn(1).getInt64(), q.getColumn(0).getInt64()};
}

std::vector<Id> CheckinRepository::positionsWithCheckins(Id listId) {
    std::vector<Id> ids;
    auto q = m_store.cached("SELECT DISTINCT position_id FROM checkin WHERE list_id = ? ORDER BY position_id");
    q.bind(1, listId);
    while (q.executeStep()) {
        ids.push_back(q.getColumn(0).getInt64());
    }
    return ids;
}

std::int64_t CheckinRepository::countForEvent(Id eventId) {
    auto q = m_store.cached(
        "SELECT count(*) FROM checkin c JOIN checkin_list l ON l.id = c.list_id WHERE l.event_id = ?");
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

}  // namespace boxoffice::model

namespace boxoffice::model {

namespace {
// The positions a list admits (same scope as fillCounts), as a sub-select on `p`/`o` for list ?1.
constexpr const char* kListScope =
    " FROM order_position p JOIN orders o ON o.id = p.order_id JOIN checkin_list l ON l.id = ?1 "
    "WHERE p.event_id = l.event_id AND p.canceled = 0 "
    "AND (o.status = 'p' OR (l.include_pending AND o.status = 'n')) "
    "AND (l.all_products OR p.item_id IN (SELECT item_id FROM checkin_list_item WHERE list_id = l.id)) "
    "AND (l.subevent_id IS NULL OR p.subevent_id = l.subevent_id)";
}  // namespace

std::optional<CheckinList> CheckinRepository::listInfo(Id eventId, Id listId) {
    auto q = m_store.cached(std::string("SELECT ") + kListColumns + " FROM checkin_list WHERE event_id = ? AND id = ?");
    q.bind(1, eventId);
    q.bind(2, listId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    auto l = readList(q);
    fillProducts(l);
    return l;
}

std::optional<Id> CheckinRepository::eventOfList(Id listId) {
    auto q = m_store.cached("SELECT event_id FROM checkin_list WHERE id = ?");
    q.bind(1, listId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return q.getColumn(0).getInt64();
}

std::vector<CheckinRepository::ProductCount> CheckinRepository::productCounts(Id listId) {
    auto q = m_store.cached(
        std::string("SELECT p.item_id, p.variation_id, count(*), "
                    "sum(EXISTS (SELECT 1 FROM checkin c WHERE c.position_id = p.id AND c.list_id = ?1 "
                    "AND c.type = 'entry'))") +
        kListScope + " GROUP BY p.item_id, p.variation_id ORDER BY p.item_id, p.variation_id");
    q.bind(1, listId);
    std::vector<ProductCount> out;
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getInt64(), sql::optId(q.getColumn(1)), q.getColumn(2).getInt64(),
                       q.getColumn(3).getInt64()});
    }
    return out;
}

std::int64_t CheckinRepository::insideCount(Id listId) {
    auto q = m_store.cached(
        std::string("SELECT count(*)") + kListScope +
        " AND (SELECT c.type FROM checkin c WHERE c.position_id = p.id AND c.list_id = ?1 "
        "ORDER BY c.datetime DESC, c.id DESC LIMIT 1) = 'entry'");
    q.bind(1, listId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::vector<CheckinRepository::IntervalCount> CheckinRepository::countsPerInterval(Id eventId, Id listId,
                                                                                   std::chrono::microseconds width) {
    // The interval's start is floor(datetime / width) * width; SQLite's % truncates toward zero,
    // hence the double modulo for times before 1970.
    auto q = m_store.cached(
        "SELECT c.datetime - ((c.datetime % ?3) + ?3) % ?3 AS start, "
        "sum(c.type = 'entry'), sum(c.type = 'exit') "
        "FROM checkin c JOIN checkin_list l ON l.id = c.list_id "
        "WHERE c.list_id = ?2 AND l.event_id = ?1 GROUP BY start ORDER BY start");
    q.bind(1, eventId);
    q.bind(2, listId);
    q.bind(3, static_cast<std::int64_t>(width.count()));
    std::vector<IntervalCount> out;
    while (q.executeStep()) {
        out.push_back({sql::time(q.getColumn(0)), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
    }
    return out;
}

void CheckinRepository::forEachCheckinRow(Id eventId, Id listId, const std::function<void(const CheckinRow&)>& row) {
    auto q = m_store.cached(std::string("SELECT ") + rows::kCheckinColumns +
                            ", l.name, o.code, p.attendee_name, i.name, v.value "
                            "FROM checkin c JOIN checkin_list l ON l.id = c.list_id "
                            "JOIN order_position p ON p.id = c.position_id JOIN orders o ON o.id = p.order_id "
                            "JOIN item i ON i.id = p.item_id LEFT JOIN variation v ON v.id = p.variation_id "
                            "WHERE c.list_id = ?2 AND l.event_id = ?1 ORDER BY c.datetime, c.id");
    q.bind(1, eventId);
    q.bind(2, listId);
    constexpr int first = rows::kCheckinColumnCount;
    while (q.executeStep()) {
        CheckinRow r;
        r.checkin = rows::readCheckin(q);
        r.listName = q.getColumn(first).getString();
        r.orderCode = q.getColumn(first + 1).getString();
        r.attendeeName = sql::optText(q.getColumn(first + 2));
        r.itemName = I18nString::fromJsonText(q.getColumn(first + 3).getString());
        if (!q.getColumn(first + 4).isNull()) {
            r.variation = I18nString::fromJsonText(q.getColumn(first + 4).getString());
        }
        row(r);
    }
}

}  // namespace boxoffice::model
