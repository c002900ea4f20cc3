// Check-in list helpers beyond plain storage: statistics (scanner-protocol.md §C.7), the list a
// list-less scanner uses (pretixdroid), and automatic check-ins for orders from the sales
// channels a list names. Call from the thread that owns the Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::checkin {

struct VariationStatus {
    model::Variation variation;
    std::int64_t positionCount = 0;
    std::int64_t checkinCount = 0;
};

struct ItemStatus {
    model::Item item;
    std::int64_t positionCount = 0;
    std::int64_t checkinCount = 0;
    std::vector<VariationStatus> variations;
};

struct ListStatus {
    model::CheckinList list;  // with positionCount and checkinCount
    std::int64_t insideCount = 0;
    std::vector<ItemStatus> items;  // the list's products (all the event's when allProducts)
};

std::optional<ListStatus> listStatus(model::Store& store, model::Id eventId, model::Id listId);

// The list pretixdroid scans against: the event's chosen scanner list; else the first list;
// else a new list for all products named "Default" (created in its own transaction).
model::CheckinList scannerList(model::Store& store, model::Id eventId);

// Creates the automatic check-ins for an order just placed: one entry per position on each list
// of the event whose auto_checkin_sales_channels contains the order's sales channel and which
// admits the position's product. Runs inside the caller's transaction; returns what it created.
std::vector<model::Checkin> autoCheckin(model::Store& store, const model::Order& order);

}  // namespace boxoffice::checkin
