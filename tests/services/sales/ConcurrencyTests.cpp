// Never oversold: desks in separate processes on one database file selling the last seats of a
// quota at the same moment sell exactly what is left.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <thread>

#include "SpringConcert.h"
#include "TestSupport.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/sales/Availability.h"
#include "boxoffice/sales/Shifts.h"

using namespace boxoffice;

namespace {

// What one desk process reports back through the pipe.
struct DeskTally {
    int sold = 0;
    int soldOut = 0;  // refused with the quota's reason
    int other = 0;    // refused for any other reason, or failed
};

constexpr int kDesks = 4;
constexpr int kAttemptsPerDesk = 5;

// The body of a desk process: waits for the start signal (its end of `start` closing), opens its
// own connection, starts its own shift and tries to sell one regular ticket at a time.
DeskTally runDesk(const std::filesystem::path& file, const test::SpringConcert& c, int desk, int start) {
    DeskTally tally;
    char byte = 0;
    (void)::read(start, &byte, 1);
    try {
        model::Store store(file);
        auto shift = sales::startShift(store, c.eventId, "Desk " + std::to_string(desk));
        if (!shift) {
            tally.other = kAttemptsPerDesk;
            return tally;
        }
        auto concert = c;
        concert.shift = shift->id;
        for (int i = 0; i < kAttemptsPerDesk; ++i) {
            auto sold = sales::sell(store, test::cashSale(concert, {test::ticket(concert, c.regular)}, 15'00));
            if (sold) {
                ++tally.sold;
            } else if (sold.error().message.rfind("Sold out", 0) == 0 &&
                       sold.error().fields.count("positions.0.item") == 1) {
                ++tally.soldOut;
            } else {
                ++tally.other;
            }
        }
    } catch (...) {
        tally.other = kAttemptsPerDesk - tally.sold - tally.soldOut;
    }
    return tally;
}

}  // namespace

TEST_CASE("Four desk processes selling the last 10 seats at once sell exactly 10", "[sales][concurrency]") {
    test::TempDir dir;
    const auto file = dir / "box.sqlite";
    test::SpringConcert c;
    {
        model::Store store(file);
        c = test::setUpSpringConcert(store);
        auto first = test::cashSale(c, sales::repeat(test::ticket(c, c.reduced), 110), 1100'00);
        REQUIRE(sales::sell(store, first).ok());
        REQUIRE(sales::availability(store, c.eventId, c.regular).left == 10);
    }  // closed: no connection is carried into the children

    std::array<int, 2> start{};
    std::array<int, 2> results{};
    REQUIRE(::pipe(start.data()) == 0);
    REQUIRE(::pipe(results.data()) == 0);
    std::vector<pid_t> children;
    for (int desk = 1; desk <= kDesks; ++desk) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(start[1]);
            ::close(results[0]);
            const DeskTally tally = runDesk(file, c, desk, start[0]);
            const bool written = ::write(results[1], &tally, sizeof tally) == static_cast<ssize_t>(sizeof tally);
            ::_exit(written ? 0 : 1);
        }
        children.push_back(pid);
    }
    ::close(start[0]);
    ::close(results[1]);
    ::close(start[1]);  // every desk's read returns now: they start together

    DeskTally total;
    for (int i = 0; i < kDesks; ++i) {
        DeskTally t;
        REQUIRE(::read(results[0], &t, sizeof t) == static_cast<ssize_t>(sizeof t));
        total.sold += t.sold;
        total.soldOut += t.soldOut;
        total.other += t.other;
    }
    ::close(results[0]);
    for (pid_t pid : children) {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }

    CHECK(total.sold == 10);
    CHECK(total.soldOut == kDesks * kAttemptsPerDesk - 10);
    CHECK(total.other == 0);
    model::Store store(file);
    CHECK(sales::availability(store, c.eventId, c.regular).left == 0);
    CHECK(model::OrderRepository(store).positionCount(c.eventId) == 120);
    CHECK(sales::shifts(store, c.eventId).size() == 1 + kDesks);
}

TEST_CASE("Desk threads on their own connections selling the last seats sell exactly what is left",
          "[sales][concurrency]") {
    test::TempDir dir;
    const auto file = dir / "box.sqlite";
    test::SpringConcert c;
    {
        model::Store store(file);
        c = test::setUpSpringConcert(store, 6);
    }
    std::atomic<int> sold{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> desks;
    for (int t = 0; t < 4; ++t) {
        desks.emplace_back([&] {
            model::Store store(file);
            for (int i = 0; i < 3; ++i) {
                auto r = sales::sell(store, test::cashSale(c, {test::ticket(c, c.reduced)}, 10'00));
                (r ? sold : refused)++;
            }
        });
    }
    for (auto& t : desks) {
        t.join();
    }
    CHECK(sold == 6);
    CHECK(refused == 6);
}
