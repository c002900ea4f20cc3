#include "boxoffice/checkin/Arrivals.h"

#include <array>

#include "boxoffice/model/CheckinRepository.h"

namespace boxoffice::checkin {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;

// floor(t / width), also before 1970.
std::int64_t bucketOf(model::Timestamp t, minutes width) {
    const std::int64_t w = std::chrono::duration_cast<microseconds>(width).count();
    const std::int64_t micros = t.time_since_epoch().count();
    return micros / w - (micros % w < 0 ? 1 : 0);
}

std::int64_t bucketsSpanned(model::Timestamp first, model::Timestamp last, minutes width) {
    return bucketOf(last, width) - bucketOf(first, width) + 1;
}

// The narrowest width of the ladder in Arrivals.h that fits [first, last] into kMaxArrivalBuckets.
minutes widthFor(model::Timestamp first, model::Timestamp last) {
    constexpr std::array<minutes, 12> ladder{kQuarterHour, minutes(30), hours(1),  hours(2),
                                             hours(3),     hours(6),    hours(12), days(1),
                                             days(2),      days(7),     days(14),  days(28)};
    constexpr auto fits = [](std::int64_t n) { return n <= static_cast<std::int64_t>(kMaxArrivalBuckets); };
    for (const auto width : ladder) {
        if (fits(bucketsSpanned(first, last, width))) {
            return width;
        }
    }
    minutes width = ladder.back();
    while (!fits(bucketsSpanned(first, last, width))) {
        width *= 2;
    }
    return width;
}

}  // namespace

Arrivals arrivals(model::Store& store, model::Id eventId, model::Id listId) {
    const auto quarters = model::CheckinRepository(store).countsPerInterval(eventId, listId, kQuarterHour);
    Arrivals out;
    if (quarters.empty()) {
        return out;
    }
    out.width = widthFor(quarters.front().start, quarters.back().start);
    const std::int64_t first = bucketOf(quarters.front().start, out.width);
    const std::int64_t count = bucketOf(quarters.back().start, out.width) - first + 1;
    out.buckets.resize(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) {
        out.buckets[static_cast<std::size_t>(i)].start = model::Timestamp((first + i) * out.width);
    }
    // Every width is a whole number of quarter hours, so a quarter hour lies in one bucket.
    for (const auto& quarter : quarters) {
        auto& bucket = out.buckets[static_cast<std::size_t>(bucketOf(quarter.start, out.width) - first)];
        bucket.entries += quarter.entries;
        bucket.exits += quarter.exits;
        out.entries += quarter.entries;
        out.exits += quarter.exits;
    }
    return out;
}

std::optional<std::size_t> busiestBucket(const Arrivals& arrivals) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < arrivals.buckets.size(); ++i) {
        if (arrivals.buckets[i].entries > 0 &&
            (!best || arrivals.buckets[i].entries > arrivals.buckets[*best].entries)) {
            best = i;
        }
    }
    return best;
}

}  // namespace boxoffice::checkin
