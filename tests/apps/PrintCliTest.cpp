// boxoffice-cli printers and print: the real executable against a real CUPS queue (cups-pdf).
#include <catch2/catch.hpp>

#include "CupsQueue.h"
#include "TestSupport.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/Store.h"

using namespace boxoffice;
using test::run;

namespace {
std::string cli() { return (test::binaryDir() / "apps" / "boxoffice-cli").string(); }
}  // namespace

TEST_CASE("printers lists the queue, and print prints an order once unless asked again", "[cli][print]") {
    test::ensurePdfQueue();
    const auto printers = run({cli(), "printers"});
    REQUIRE(printers.exitCode == 0);
    CHECK(printers.out.find(test::kPdfQueue) != std::string::npos);

    test::TempDir dir;
    const auto db = (dir / "demo.sqlite").string();
    REQUIRE(run({cli(), "--db", db, "demo"}).exitCode == 0);
    std::string code;
    std::size_t positions = 0;
    {
        model::Store store(db);
        const auto event = model::EventRepository(store).eventBySlug("demo", "boxcon");
        REQUIRE(event);
        model::OrderQuery paid;
        paid.status = model::OrderStatus::Paid;
        const auto orders = model::OrderRepository(store).list(event->id, paid);
        REQUIRE(!orders.empty());
        code = orders.front().code;
        for (const auto& p : orders.front().positions) {
            positions += p.canceled ? 0 : 1;
        }
    }
    const std::vector<std::string> print{cli(),    "--db",      db,     "print",   "--printer", test::kPdfQueue,
                                         "--organizer", "demo", "--event", "boxcon", "--order",   code};
    auto first = run(print);
    INFO(first.out << first.err);
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.find(std::to_string(positions) + " ticket") != std::string::npos);
    CHECK(first.out.find("on " + std::string(test::kPdfQueue) + " as job ") != std::string::npos);

    // The print log knows them now: --not-yet-printed leaves nothing.
    auto copy = print;
    copy.push_back("--not-yet-printed");
    auto again = run(copy);
    CHECK(again.exitCode == 1);
    CHECK(again.err.find("Nothing to print") != std::string::npos);

    // Bad input is refused with a reason: no scope, an unknown printer.
    auto none = run({cli(), "--db", db, "print", "--organizer", "demo", "--event", "boxcon"});
    CHECK(none.exitCode == 1);
    CHECK(none.err.find("exactly one of --order") != std::string::npos);
    auto unknown = run({cli(), "--db", db, "print", "--printer", "NoSuchQueue", "--organizer", "demo", "--event",
                        "boxcon", "--order", code});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.find("There is no printer \"NoSuchQueue\"") != std::string::npos);
}
