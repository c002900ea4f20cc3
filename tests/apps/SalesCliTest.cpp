// boxoffice-cli event create, sell and shift: an event set up and sold without a window, checked
// in the store and in the written report.
#include <catch2/catch.hpp>

#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/Store.h"

using namespace boxoffice;
using test::run;

namespace {
std::string cli() { return (test::binaryDir() / "apps" / "boxoffice-cli").string(); }
}  // namespace

TEST_CASE("an event is set up, sold at the desk and its shift reported from the command line", "[cli][sales]") {
    test::TempDir dir;
    const auto db = (dir / "s.sqlite").string();
    auto made = run({cli(), "--db", db, "event", "create", "--organizer", "choir", "--organizer-name", "Town Choir",
                     "--event", "spring", "--name", "Spring Concert", "--start", "2027-04-17T19:30:00+02:00",
                     "--timezone", "Europe/Berlin", "--product", "Regular=15.00", "--product", "Reduced=10,00",
                     "--tax-rate", "7", "--capacity", "3", "--desk-checkin"});
    INFO(made.err);
    REQUIRE(made.exitCode == 0);
    CHECK_THAT(made.out, Catch::Contains("Created event choir/spring") && Catch::Contains("\"Reduced\" at 10.00 EUR") &&
                             Catch::Contains("3 places"));

    auto sold = run({cli(), "--db", db, "sell", "--organizer", "choir", "--event", "spring", "--operator", "Alice",
                     "--ticket", "Regular=Clara Schumann", "--ticket", "reduced", "--given", "30"});
    INFO(sold.err);
    REQUIRE(sold.exitCode == 0);
    CHECK_THAT(sold.out, Catch::Contains("25.00 EUR paid by cash, change 5.00 EUR") &&
                             Catch::Contains("admitted at once: 2"));
    // Two more would pass the capacity of 3: refused with the quota's reason, nothing written.
    auto over = run({cli(), "--db", db, "sell", "--organizer", "choir", "--event", "spring", "--operator", "Alice",
                     "--ticket", "Regular", "--ticket", "Regular", "--payment", "card"});
    CHECK(over.exitCode == 1);
    CHECK_THAT(over.err, Catch::Contains("Only 1 ticket left of quota \"Spring Concert\""));
    auto unknown = run({cli(), "--db", db, "sell", "--organizer", "choir", "--event", "spring", "--operator", "Alice",
                        "--ticket", "Balcony"});
    CHECK(unknown.exitCode == 1);
    CHECK_THAT(unknown.err, Catch::Contains("no product \"Balcony\""));

    {
        model::Store store(db);
        auto event = model::EventRepository(store).eventBySlug("choir", "spring");
        REQUIRE(event);
        CHECK(event->timezone == "Europe/Berlin");
        CHECK(model::OrderRepository(store).count(event->id, {}) == 1);
        CHECK(model::CheckinRepository(store).countForEvent(event->id) == 2);
    }

    const auto pdf = (dir / "shift.pdf").string();
    auto report = run({cli(), "--db", db, "shift", "report", "--organizer", "choir", "--event", "spring", "--operator",
                       "Alice", "--output", pdf});
    INFO(report.err);
    REQUIRE(report.exitCode == 0);
    const auto text = run({"/usr/bin/pdftotext", "-layout", pdf, "-"}).out;
    CHECK_THAT(text, Catch::Contains("Alice") && Catch::Contains("Cash in drawer") && Catch::Contains("25.00 EUR"));
    const auto csv = (dir / "shift.csv").string();
    REQUIRE(run({cli(), "--db", db, "shift", "report", "--organizer", "choir", "--event", "spring", "--operator",
                 "Alice", "--output", csv})
                .exitCode == 0);
    CHECK_THAT(test::readFile(csv), Catch::StartsWith("section,name,count,amount"));
    CHECK(run({cli(), "--db", db, "shift", "end", "--organizer", "choir", "--event", "spring", "--operator", "Alice"})
              .exitCode == 0);
    // Ended: the next sale starts a new shift.
    auto next = run({cli(), "--db", db, "sell", "--organizer", "choir", "--event", "spring", "--operator", "Alice",
                     "--ticket", "Regular", "--payment", "card"});
    CHECK(next.exitCode == 0);
    CHECK_THAT(next.out, Catch::Contains("Started the shift of Alice"));
}
