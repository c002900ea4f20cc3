// Arrivals per quarter hour (checkin/Arrivals.h) on a real store: bucket boundaries in UTC, exits
// counted apart, empty buckets between check-ins, a list without check-ins, and wider buckets
// for check-ins spread over more than a day.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "DemoData.h"
#include "TestSupport.h"
#include "boxoffice/checkin/Arrivals.h"
#include "boxoffice/model/CheckinRepository.h"

using namespace boxoffice;
using test::DemoIds;

namespace {

model::Timestamp at(const std::string& iso) {
    const auto t = model::parseTimestamp(iso);
    REQUIRE(t);
    return *t;
}

struct Fixture {
    test::TempDir dir;
    model::Store store{dir / "arrivals.sqlite"};
    DemoIds ids = test::createDemoData(store);

    void checkIn(model::Id listId, model::Timestamp when, model::CheckinType type = model::CheckinType::Entry,
                 model::Id positionId = DemoIds::kPaidPosition) {
        model::Checkin c;
        c.listId = listId;
        c.positionId = positionId;
        c.datetime = when;
        c.type = type;
        c.device = "gate";
        model::CheckinRepository(store).insert(c);
    }
};

}  // namespace

TEST_CASE("Arrivals count entries and exits per UTC quarter hour, with the empty ones between", "[checkin][arrivals]") {
    Fixture f;
    f.checkIn(DemoIds::kMainList, at("2026-07-01T14:45:00Z"));
    f.checkIn(DemoIds::kMainList, at("2026-07-01T14:59:59.999999Z"));
    f.checkIn(DemoIds::kMainList, at("2026-07-01T15:00:00Z"));
    f.checkIn(DemoIds::kMainList, at("2026-07-01T15:05:00Z"), model::CheckinType::Exit);
    f.checkIn(DemoIds::kMainList, at("2026-07-01T15:14:59Z"));
    f.checkIn(DemoIds::kMainList, at("2026-07-01T15:45:00Z"));
    f.checkIn(DemoIds::kMainList, at("2026-07-01T15:59:00Z"), model::CheckinType::Exit);
    f.checkIn(DemoIds::kShirtList, at("2026-07-01T12:00:00Z"), model::CheckinType::Entry, 104);  // another list

    const auto a = checkin::arrivals(f.store, f.ids.eventId, DemoIds::kMainList);
    CHECK(a.width == std::chrono::minutes(15));
    REQUIRE(a.buckets.size() == 5);
    CHECK(a.buckets[0].start == at("2026-07-01T14:45:00Z"));
    CHECK(a.buckets[1].start == at("2026-07-01T15:00:00Z"));
    CHECK(a.buckets[2].start == at("2026-07-01T15:15:00Z"));
    CHECK(a.buckets[3].start == at("2026-07-01T15:30:00Z"));
    CHECK(a.buckets[4].start == at("2026-07-01T15:45:00Z"));
    // 14:59:59.999999 is the 14:45 quarter's last moment, 15:00:00 the next one's first.
    CHECK(a.buckets[0].entries == 2);
    CHECK(a.buckets[0].exits == 0);
    CHECK(a.buckets[1].entries == 2);
    CHECK(a.buckets[1].exits == 1);
    CHECK(a.buckets[2].entries == 0);
    CHECK(a.buckets[2].exits == 0);
    CHECK(a.buckets[3].entries == 0);
    CHECK(a.buckets[4].entries == 1);
    CHECK(a.buckets[4].exits == 1);
    CHECK(a.entries == 5);
    CHECK(a.exits == 2);
    // Two quarters with two entries each: the earlier is the busiest.
    CHECK(checkin::busiestBucket(a) == std::optional<std::size_t>(0));

    f.checkIn(DemoIds::kMainList, at("2026-07-01T15:50:00Z"));
    f.checkIn(DemoIds::kMainList, at("2026-07-01T15:51:00Z"));
    CHECK(checkin::busiestBucket(checkin::arrivals(f.store, f.ids.eventId, DemoIds::kMainList)) ==
          std::optional<std::size_t>(4));

    const auto shirts = checkin::arrivals(f.store, f.ids.eventId, DemoIds::kShirtList);
    REQUIRE(shirts.buckets.size() == 1);
    CHECK(shirts.buckets[0].start == at("2026-07-01T12:00:00Z"));
    CHECK(shirts.entries == 1);
}

TEST_CASE("A list without check-ins, one of another event and one with exits only", "[checkin][arrivals]") {
    Fixture f;
    const auto none = checkin::arrivals(f.store, f.ids.eventId, DemoIds::kMainList);
    CHECK(none.buckets.empty());
    CHECK(none.entries == 0);
    CHECK(none.exits == 0);
    CHECK_FALSE(checkin::busiestBucket(none));

    f.checkIn(DemoIds::kMainList, at("2026-07-01T20:10:00Z"), model::CheckinType::Exit);
    CHECK(checkin::arrivals(f.store, f.ids.otherEventId, DemoIds::kMainList).buckets.empty());
    CHECK(checkin::arrivals(f.store, f.ids.eventId, 999).buckets.empty());
    const auto exitsOnly = checkin::arrivals(f.store, f.ids.eventId, DemoIds::kMainList);
    REQUIRE(exitsOnly.buckets.size() == 1);
    CHECK(exitsOnly.buckets[0].start == at("2026-07-01T20:00:00Z"));
    CHECK(exitsOnly.exits == 1);
    CHECK_FALSE(checkin::busiestBucket(exitsOnly));
}

TEST_CASE("Check-ins over more than a day get wider buckets, at most 96", "[checkin][arrivals]") {
    Fixture f;
    SECTION("96 quarter hours stay quarter hours") {
        f.checkIn(DemoIds::kMainList, at("2026-07-01T10:00:00Z"));
        f.checkIn(DemoIds::kMainList, at("2026-07-02T09:59:59Z"));
        const auto a = checkin::arrivals(f.store, f.ids.eventId, DemoIds::kMainList);
        CHECK(a.width == std::chrono::minutes(15));
        CHECK(a.buckets.size() == 96);
    }
    SECTION("97 quarter hours become half hours") {
        f.checkIn(DemoIds::kMainList, at("2026-07-01T10:00:00Z"));
        f.checkIn(DemoIds::kMainList, at("2026-07-02T10:00:00Z"));
        const auto a = checkin::arrivals(f.store, f.ids.eventId, DemoIds::kMainList);
        CHECK(a.width == std::chrono::minutes(30));
        REQUIRE(a.buckets.size() == 49);
        CHECK(a.buckets.front().start == at("2026-07-01T10:00:00Z"));
        CHECK(a.buckets.back().start == at("2026-07-02T10:00:00Z"));
        CHECK(a.buckets.front().entries == 1);
        CHECK(a.buckets.back().entries == 1);
    }
    SECTION("months become days, aligned to UTC midnight, every check-in in a bar") {
        f.checkIn(DemoIds::kMainList, at("2026-01-01T18:00:00Z"));
        f.checkIn(DemoIds::kMainList, at("2026-02-10T09:00:00Z"), model::CheckinType::Exit);
        f.checkIn(DemoIds::kMainList, at("2026-04-15T12:00:00Z"));
        const auto a = checkin::arrivals(f.store, f.ids.eventId, DemoIds::kMainList);
        // 105 days: more than 96 one-day buckets, so two days.
        CHECK(a.width == std::chrono::days(2));
        CHECK(a.buckets.size() <= checkin::kMaxArrivalBuckets);
        REQUIRE_FALSE(a.buckets.empty());
        CHECK(a.buckets.front().start <= at("2026-01-01T18:00:00Z"));
        CHECK(a.buckets.front().start + a.width > at("2026-01-01T18:00:00Z"));
        CHECK(a.buckets.front().start.time_since_epoch() % std::chrono::days(2) == std::chrono::microseconds(0));
        CHECK(a.buckets.back().start <= at("2026-04-15T12:00:00Z"));
        CHECK(a.buckets.back().start + a.width > at("2026-04-15T12:00:00Z"));
        std::int64_t entries = 0;
        std::int64_t exits = 0;
        for (const auto& b : a.buckets) {
            entries += b.entries;
            exits += b.exits;
        }
        CHECK(entries == 2);
        CHECK(exits == 1);
    }
}
