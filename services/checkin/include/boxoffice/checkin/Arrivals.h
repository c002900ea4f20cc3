// Arrivals at a check-in list over time: its entries and exits per quarter hour, from the first
// check-in's quarter hour to the last one's, for the desk's arrivals chart. Times are UTC, as in
// the store; the GUI shows them in local time. Buckets are aligned to the Unix epoch in UTC,
// which for every width below a day is also a local quarter hour, hour, ... in any time zone
// whose offset is a whole number of quarter hours (all of today's).
//
// A list whose check-ins span more than kMaxArrivalBuckets quarter hours (a day) gets wider
// buckets instead of a cut: the next width of 30 min, 1 h, 2 h, 3 h, 6 h, 12 h, 1 day, 2 days,
// 7 days, 14 days, 28 days, then doubling, that fits the span into kMaxArrivalBuckets. So the
// bars always add up to every check-in on the list.
//
// Call from the thread that owns the Store.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"

namespace boxoffice::checkin {

inline constexpr std::chrono::minutes kQuarterHour{15};
inline constexpr std::size_t kMaxArrivalBuckets = 96;

struct ArrivalBucket {
    model::Timestamp start{};  // UTC; the bucket holds check-ins in [start, start + width)
    std::int64_t entries = 0;
    std::int64_t exits = 0;
};

struct Arrivals {
    std::chrono::minutes width = kQuarterHour;
    // Oldest first, one per width without gaps (empty buckets between check-ins included);
    // empty when the list has no check-ins.
    std::vector<ArrivalBucket> buckets;
    std::int64_t entries = 0;  // all of the list's entries
    std::int64_t exits = 0;    // all of its exits
};

// The arrivals of the list `listId` of the event `eventId`, read with one query. Every check-in on
// the list counts (each entry of a list that allows several, also one of a ticket canceled
// since). Empty (no buckets) for a list without check-ins, an unknown one or one of another event.
Arrivals arrivals(model::Store& store, model::Id eventId, model::Id listId);

// The bucket with the most entries (the earliest of equals); nullopt when there are no entries.
std::optional<std::size_t> busiestBucket(const Arrivals& arrivals);

}  // namespace boxoffice::checkin
