// The shift report as PDF: Spring Concert sold with cash and card (a ticket with its Programme
// add-on among them) and one order refunded, the report written and read back with poppler's
// pdfinfo and pdftotext: A4, the operator, the takings, the totals and each product's line; the
// shift's times in the event's zone; 200 products going on over further pages; no temporary file
// left behind, and a folder that does not exist refused.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <chrono>
#include <regex>
#include <sstream>

#include "../../services/sales/SpringConcert.h"
#include "TestSupport.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/printing/ShiftReportPdf.h"
#include "boxoffice/sales/Shifts.h"

using namespace boxoffice;
using namespace boxoffice::test;

namespace {

sales::Sale sold(model::Result<sales::Sale> sale) {
    if (!sale) {
        FAIL(describe(sale.error()));
    }
    return std::move(sale).value();
}

// The line of pdftotext's -layout output that holds `needle` (empty when none does).
std::string lineWith(const std::string& text, const std::string& needle) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.find(needle) != std::string::npos) {
            return line;
        }
    }
    return {};
}

// The words of a line, so that columns compare whatever their spacing.
std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string w; in >> w;) {
        out.push_back(w);
    }
    return out;
}

int pageCount(const std::filesystem::path& pdf) {
    const auto info = run({"/usr/bin/pdfinfo", pdf.string()});
    REQUIRE(info.exitCode == 0);
    std::smatch m;
    REQUIRE(std::regex_search(info.out, m, std::regex("Pages:\\s+(\\d+)")));
    return std::stoi(m[1].str());
}

}  // namespace

TEST_CASE("shift report PDF: A4 with the operator, takings per method, totals and products", "[printing][shift]") {
    TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = setUpSpringConcert(store);

    // Cash: Regular with a Programme, and Reduced (28.00, 30.00 given). Card: two Regular (30.00),
    // then refunded on the card.
    auto regular = ticket(c, c.regular);
    sales::SalePosition programme;
    programme.itemId = c.programme;
    programme.addonTo = 0;
    (void)sold(sales::sell(store, cashSale(c, {regular, programme, ticket(c, c.reduced)}, 30'00)));
    auto card = cashSale(c, {regular, regular}, 0);
    card.payment = sales::PaymentMethod::Card;
    card.cashGiven.reset();
    const auto refunded = sold(sales::sell(store, card));
    sales::CancelRequest refund;
    refund.eventId = c.eventId;
    refund.shiftId = c.shift;
    refund.orderCode = refunded.order.code;
    refund.reason = "Wrong day";
    refund.refundMethod = sales::PaymentMethod::Card;
    REQUIRE(sales::cancelOrder(store, refund).ok());

    const auto report = sales::shiftReport(store, c.shift);
    REQUIRE(report);
    const auto event = model::EventRepository(store).eventById(c.eventId);
    REQUIRE(event);
    const auto pdf = dir / "shift.pdf";
    const auto written = printing::writeShiftReportPdf(report.value(), *event, pdf);
    INFO((written ? std::string() : written.error().message));
    REQUIRE(written);

    const auto info = run({"/usr/bin/pdfinfo", pdf.string()});
    CHECK(info.out.find("(A4)") != std::string::npos);
    CHECK(pageCount(pdf) == 1);
    const auto text = run({"/usr/bin/pdftotext", "-layout", pdf.string(), "-"}).out;
    INFO(text);
    CHECK(text.find("Spring Concert") != std::string::npos);
    CHECK(text.find("Shift report") != std::string::npos);
    CHECK(words(lineWith(text, "Operator")) == std::vector<std::string>{"Operator", "Alice"});
    CHECK(lineWith(text, "Ended").find("still open") != std::string::npos);
    // Started now, shown in Berlin's time: CET or CEST.
    CHECK(std::regex_search(lineWith(text, "Started"), std::regex("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d CES?T")));
    CHECK(words(lineWith(text, "Cash ")) == std::vector<std::string>{"Cash", "1", "28.00", "EUR", "0", "0.00", "EUR"});
    CHECK(words(lineWith(text, "Card ")) == std::vector<std::string>{"Card", "1", "30.00", "EUR", "1", "30.00", "EUR"});
    CHECK(words(lineWith(text, "Free ")) == std::vector<std::string>{"Free", "0", "0.00", "EUR", "0", "0.00", "EUR"});
    CHECK(words(lineWith(text, "without a refund")).back() == "0");
    CHECK(words(lineWith(text, "Net takings")) == std::vector<std::string>{"Net", "takings", "28.00", "EUR"});
    CHECK(words(lineWith(text, "Cash in drawer")) == std::vector<std::string>{"Cash", "in", "drawer", "28.00", "EUR"});
    // Tickets per product count the refunded order's too.
    CHECK(words(lineWith(text, "Regular")) == std::vector<std::string>{"Regular", "3", "45.00", "EUR"});
    CHECK(words(lineWith(text, "Reduced")) == std::vector<std::string>{"Reduced", "1", "10.00", "EUR"});
    CHECK(words(lineWith(text, "Programme")) == std::vector<std::string>{"Programme", "1", "3.00", "EUR"});
    CHECK(text.find("Page 1 of 1") != std::string::npos);

    // Written under a temporary name and renamed: nothing else is left in the folder.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        CHECK(entry.path().extension() != ".tmp");
    }
}

TEST_CASE("shift report PDF: 200 products go on over further pages, times in the event's zone", "[printing][shift]") {
    using namespace std::chrono;
    model::Event event;
    event.name = model::I18nString::plain("Summer Fair");
    event.currency = "CHF";
    event.timezone = "Europe/Zurich";
    sales::ShiftReport report;
    report.shift.operatorName = "Zoë Müller";
    const sys_days day = year{2027} / July / 3;
    report.shift.startedAt = model::Timestamp{day + hours{8}};  // 10:00 in Zurich (CEST)
    report.shift.endedAt = model::Timestamp{day + hours{16} + minutes{30}};
    for (auto m : {sales::PaymentMethod::Cash, sales::PaymentMethod::Card, sales::PaymentMethod::Free}) {
        sales::MethodTotal t;
        t.method = m;
        report.methods.push_back(t);
    }
    for (int i = 1; i <= 200; ++i) {
        sales::ProductTotal p;
        p.itemId = i;
        p.name = fmt::format("Stall {:03} day pass", i);
        p.tickets = i;
        p.amount = model::Money::fromMinor(i * 12'50);
        report.products.push_back(p);
    }
    report.net = model::Money::fromMinor(1234'56);
    report.cashInDrawer = model::Money::fromMinor(-5'00);

    TempDir dir;
    const auto pdf = dir / "long.pdf";
    REQUIRE(printing::writeShiftReportPdf(report, event, pdf));
    const int pages = pageCount(pdf);
    CHECK(pages > 1);
    const auto text = run({"/usr/bin/pdftotext", "-layout", pdf.string(), "-"}).out;
    INFO(text);
    CHECK(words(lineWith(text, "Operator")) == std::vector<std::string>{"Operator", "Zoë", "Müller"});
    CHECK(lineWith(text, "Started").find("2027-07-03 10:00 CEST") != std::string::npos);
    CHECK(lineWith(text, "Ended").find("2027-07-03 18:30 CEST") != std::string::npos);
    CHECK(words(lineWith(text, "Net takings")).at(2) == "1234.56");
    CHECK(words(lineWith(text, "Cash in drawer")).at(3) == "-5.00");
    for (int i : {1, 57, 123, 200}) {
        const auto line = lineWith(text, fmt::format("Stall {:03} day pass", i));
        INFO(i);
        CHECK(words(line) == std::vector<std::string>{"Stall", fmt::format("{:03}", i), "day", "pass",
                                                      std::to_string(i), model::Money::fromMinor(i * 12'50).toString(),
                                                      "CHF"});
    }
    // Each further page says whose report it is and repeats the table's header.
    CHECK(text.find(fmt::format("Page {} of {}", pages, pages)) != std::string::npos);
    const auto continued = run({"/usr/bin/pdftotext", "-layout", "-f", "2", "-l", "2", pdf.string(), "-"}).out;
    CHECK(continued.find("Summer Fair") != std::string::npos);
    CHECK(continued.find("Zoë Müller (continued)") != std::string::npos);
    CHECK(!lineWith(continued, "Product").empty());

    // A folder that does not exist: an Io error, and no file.
    const auto nowhere = dir / "missing" / "report.pdf";
    const auto refused = printing::writeShiftReportPdf(report, event, nowhere);
    REQUIRE(!refused);
    CHECK(refused.error().code == model::ErrorCode::Io);
    CHECK(!std::filesystem::exists(nowhere));
}
