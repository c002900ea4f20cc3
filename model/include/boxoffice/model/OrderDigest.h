// The fields of an event's orders, positions and answers that the desk's order browser lists
// and searches, read in one pass each without building Order objects: on an event of a million
// positions the browser's index is built from this in seconds and a few hundred megabytes.
// The strings are views into SQLite's row buffer, valid only during the visitor's call.
// Call from the thread that owns the Store; each scan reads one snapshot.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

struct OrderDigest {
    Id id = 0;
    std::string_view code;
    char status = 'n';  // as on the wire: n, p, e, c, r
    std::int64_t datetime = 0;    // microseconds since the epoch, UTC (toStorage)
    std::int64_t totalMinor = 0;  // hundredths of the event's currency
    std::string_view email;
    std::string_view phone;
    std::string_view invoiceName;     // empty without an invoice address
    std::string_view invoiceCompany;
    bool testmode = false;
    std::int64_t revision = 0;  // Order::revision
};

struct PositionDigest {
    Id id = 0;
    Id orderId = 0;
    int positionid = 0;
    Id itemId = 0;
    Id variationId = 0;  // 0: none
    Id subeventId = 0;   // 0: none
    Id addonTo = 0;      // 0: not an add-on
    std::string_view attendeeName;
    std::string_view attendeeEmail;
    std::string_view company;
    std::string_view secret;
    bool canceled = false;
};

struct AnswerDigest {
    Id positionId = 0;
    std::string_view answer;
};

// Each calls `visit` once per row until it returns false. Orders come by ID, positions by
// order ID then positionid, answers by position ID.
struct DigestVisitor {
    std::function<bool(const OrderDigest&)> order;
    std::function<bool(const PositionDigest&)> position;
    std::function<bool(const AnswerDigest&)> answer;
};

// Reads the event's orders, then its positions, then their answers, in one read transaction
// (so the three agree); with `onlyOrders`, only those orders' rows. Returns false when a visitor
// stopped the scan.
bool scanOrderDigests(Store& store, Id eventId, const DigestVisitor& visitor,
                      const std::vector<Id>* onlyOrders = nullptr);

// How many orders, positions and (non-empty) answers the event has: for reserving memory before
// a scan rather than growing into twice what it needs.
struct DigestCounts {
    std::size_t orders = 0;
    std::size_t positions = 0;
    std::size_t answers = 0;
};
DigestCounts countOrderDigests(Store& store, Id eventId);

// The event's order IDs (ascending) with their revisions (Order::revision): a revision that
// differs from one read before means the order, its positions, answers or check-ins changed.
std::vector<std::pair<Id, std::int64_t>> orderRevisions(Store& store, Id eventId);

}  // namespace boxoffice::model
