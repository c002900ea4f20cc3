// Reads and writes check-in lists and check-ins. Deciding whether a ticket may enter is
// services/checkin's job; this only stores what was decided.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::model {

class CheckinRepository {
public:
    explicit CheckinRepository(Store& store) : m_store(store) {}

    // Inserts (id 0: a local ID) or updates; limitProducts is replaced. Sets list.id.
    void upsertList(CheckinList& list);
    // With positionCount and checkinCount filled in.
    std::optional<CheckinList> list(Id eventId, Id listId);
    std::vector<CheckinList> lists(Id eventId);
    // Without positionCount/checkinCount (cheap: for every redeem).
    std::optional<CheckinList> listInfo(Id eventId, Id listId);
    // The event a list belongs to (nullopt: no such list).
    std::optional<Id> eventOfList(Id listId);
    // The event's lists without counts (cheap: for choosing a list).
    std::vector<CheckinList> listInfos(Id eventId);

    // Statistics of a list (scope as in fillCounts): per product and variation, the positions
    // and those with an entry on the list; and how many are inside (latest check-in an entry).
    struct ProductCount {
        Id itemId = 0;
        std::optional<Id> variationId;
        std::int64_t positions = 0;
        std::int64_t checkins = 0;
    };
    std::vector<ProductCount> productCounts(Id listId);
    std::int64_t insideCount(Id listId);
    // Deletes the list and, as pretix does, the check-ins made on it. False when unknown.
    bool removeList(Id eventId, Id listId);

    // Inserts a check-in (id 0: a local ID). Sets checkin.id. A local one (sync state Local) also
    // moves its order's last_modified on to its `created` time (a trigger, schema migration 10).
    void insert(Checkin& checkin);
    // Keeps a refused scan (id 0: a local ID; sets it). False, and nothing added, when the list
    // already holds a refused scan with the same nonce.
    bool insertFailedScan(FailedScan& scan);
    // A list's refused scans, newest first.
    std::vector<FailedScan> failedScans(Id listId, std::int64_t limit);
    // Deletes one check-in (and its place in the upload queue). False when unknown.
    bool remove(Id checkinId);
    std::optional<Checkin> byId(Id checkinId);
    std::optional<Checkin> byNonce(Id listId, const std::string& nonce);
    std::vector<Checkin> forPosition(Id positionId, std::optional<Id> listId = std::nullopt);
    std::vector<Checkin> byState(SyncState state, std::int64_t limit = -1);
    void setSyncState(Id checkinId, SyncState state);
    std::int64_t countForEvent(Id eventId);
    // The first entry scan of each position of the event that has one (what a ticket's "first
    // scan" prints), in one query: for going over every ticket of an event.
    std::unordered_map<Id, Timestamp> firstEntries(Id eventId);
    // The same first entries with the list each was made on (the earlier check-in of two at the
    // same time: the one stored first), in one query: what certificates of attendance print for
    // every ticket of an event.
    struct FirstEntry {
        Timestamp datetime{};
        Id listId = 0;
    };
    std::unordered_map<Id, FirstEntry> firstEntriesWithLists(Id eventId);
    // IDs (ascending) of the positions with at least one check-in (entry or exit) on the list.
    std::vector<Id> positionsWithCheckins(Id listId);
    // The event's admission at a glance: tickets (positions not canceled, of paid orders) with
    // at least one entry on any list, and all such tickets.
    struct Admission {
        std::int64_t checkedIn = 0;
        std::int64_t expected = 0;
    };
    Admission admission(Id eventId);

    // The check-ins of the list `listId` of the event `eventId` per interval of `width` (> 0),
    // intervals aligned to the Unix epoch (UTC): each interval that has any, with its start and
    // its entries and exits, oldest first. Every check-in on the list counts, also one of a ticket
    // canceled since. One query; empty for an unknown list or one of another event.
    struct IntervalCount {
        Timestamp start{};
        std::int64_t entries = 0;
        std::int64_t exits = 0;
    };
    std::vector<IntervalCount> countsPerInterval(Id eventId, Id listId, std::chrono::microseconds width);

    // One check-in with the names an export shows it by.
    struct CheckinRow {
        Checkin checkin;
        std::string listName;
        std::string orderCode;
        std::optional<std::string> attendeeName;
        I18nString itemName;
        std::optional<I18nString> variation;  // nullopt: the product has none
    };
    // Calls `row` for each check-in on the list `listId` of the event `eventId`, oldest first (then
    // by ID), reading one row at a time with one query. `row` must not use this Store. Nothing for
    // an unknown list or one of another event.
    void forEachCheckinRow(Id eventId, Id listId, const std::function<void(const CheckinRow&)>& row);

private:
    void fillProducts(CheckinList& list);
    void fillCounts(CheckinList& list);
    Store& m_store;
};

}  // namespace boxoffice::model
