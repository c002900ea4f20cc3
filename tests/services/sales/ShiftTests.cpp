// The desk's shifts: who sold what and how, and the shift report with its CSV.
#include <catch2/catch.hpp>

#include "SpringConcert.h"
#include "TestSupport.h"
#include "boxoffice/sales/Shifts.h"

using namespace boxoffice;

namespace {

sales::CancelRequest cancelOf(const test::SpringConcert& c, const sales::Sale& sale,
                              std::optional<sales::PaymentMethod> refund) {
    sales::CancelRequest r;
    r.eventId = c.eventId;
    r.shiftId = c.shift;
    r.orderCode = sale.order.code;
    r.reason = "Cannot come";
    r.refundMethod = refund;
    return r;
}

sales::Sale sold(model::Result<sales::Sale> r) {
    if (!r.ok()) {
        FAIL(test::describe(r.error()));
    }
    return std::move(r).value();
}

}  // namespace

TEST_CASE("A shift's report adds up takings per method, refunds and tickets per product", "[sales][shift]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);

    sold(sales::sell(store, test::cashSale(c, sales::repeat(test::ticket(c, c.regular), 2), 50'00)));
    auto card = test::cashSale(c, {test::ticket(c, c.reduced)}, 0);
    card.payment = sales::PaymentMethod::Card;
    sold(sales::sell(store, card));
    auto guest = test::cashSale(c, {test::ticket(c, c.guest)}, 0);
    guest.payment = sales::PaymentMethod::Free;
    sold(sales::sell(store, guest));
    const auto refunded = sold(sales::sell(store, test::cashSale(c, {test::ticket(c, c.regular)}, 20'00)));
    REQUIRE(sales::cancelOrder(store, cancelOf(c, refunded, sales::PaymentMethod::Cash)).ok());
    const auto swapped = sold(sales::sell(store, card));
    REQUIRE(sales::cancelOrder(store, cancelOf(c, swapped, std::nullopt)).ok());

    // Another operator's shift at the same time is not in Alice's report.
    auto bob = sales::startShift(store, c.eventId, "Bob");
    REQUIRE(bob.ok());
    auto bobs = test::cashSale(c, {test::ticket(c, c.regular)}, 15'00);
    bobs.shiftId = bob->id;
    sold(sales::sell(store, bobs));

    REQUIRE(sales::endShift(store, c.shift).ok());
    CHECK(sales::endShift(store, c.shift).error().code == model::ErrorCode::Conflict);
    auto late = test::cashSale(c, {test::ticket(c, c.regular)}, 15'00);
    CHECK(sales::sell(store, late).error().code == model::ErrorCode::Conflict);  // the shift has ended

    auto report = sales::shiftReport(store, c.shift);
    REQUIRE(report.ok());
    CHECK(report->shift.operatorName == "Alice");
    REQUIRE(report->shift.endedAt);
    REQUIRE(report->methods.size() == 3);
    const auto& cash = report->methods[0];
    CHECK(cash.sales == 2);
    CHECK(cash.taken.minor() == 45'00);
    CHECK(cash.refunds == 1);
    CHECK(cash.refunded.minor() == 15'00);
    CHECK(report->methods[1].sales == 2);
    CHECK(report->methods[1].taken.minor() == 20'00);
    CHECK(report->methods[2].sales == 1);
    CHECK(report->cancels == 1);
    CHECK(report->net.minor() == 50'00);
    CHECK(report->cashInDrawer.minor() == 30'00);
    REQUIRE(report->products.size() == 3);
    CHECK(report->products[0].name == "Regular");
    CHECK(report->products[0].tickets == 3);
    CHECK(report->products[0].amount.minor() == 45'00);

    const std::string csv = sales::shiftReportCsv(report.value());
    const std::string expected =
        "section,name,count,amount\r\n"
        "shift,operator,,Alice\r\n"
        "shift,started,," + model::formatTimestamp(report->shift.startedAt) + "\r\n"
        "shift,ended,," + model::formatTimestamp(*report->shift.endedAt) + "\r\n"
        "payment,cash,2,45.00\r\n"
        "payment,card,2,20.00\r\n"
        "payment,free,1,0.00\r\n"
        "refund,cash,1,15.00\r\n"
        "refund,card,0,0.00\r\n"
        "refund,free,0,0.00\r\n"
        "cancel,without refund,1,\r\n"
        "product,Regular,3,45.00\r\n"
        "product,Reduced,2,20.00\r\n"
        "product,Guest list,1,0.00\r\n"
        "total,net,,50.00\r\n"
        "total,cash in drawer,,30.00\r\n";
    CHECK(csv == expected);

    const auto bobsReport = sales::shiftReport(store, bob->id);
    REQUIRE(bobsReport.ok());
    CHECK(bobsReport->net.minor() == 15'00);
    CHECK(sales::shifts(store, c.eventId).size() == 2);
}

TEST_CASE("A shift needs an operator's name and an event", "[sales][shift]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    auto blank = sales::startShift(store, c.eventId, "  ");
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.error().fields.count("operator") == 1);
    CHECK(sales::startShift(store, c.eventId + 99, "Alice").error().code == model::ErrorCode::NotFound);
    CHECK(sales::shiftReport(store, 12345).error().code == model::ErrorCode::NotFound);
}

TEST_CASE("Names with commas and quotes are quoted in the CSV", "[sales][shift]") {
    sales::ShiftReport r;
    r.shift.operatorName = "Smith, \"Jo\"";
    const auto csv = sales::shiftReportCsv(r);
    CHECK(csv.find("shift,operator,,\"Smith, \"\"Jo\"\"\"\r\n") != std::string::npos);
}
