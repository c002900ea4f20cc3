// Selling at the desk: the order and its secrets, totals and tax, answers, add-ons, payments,
// automatic check-in; cancel and refund against the door; the export round trip and the LAN API.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "SpringConcert.h"
#include "TestSupport.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/importer/Exporter.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/TicketLoader.h"
#include "boxoffice/sales/Availability.h"
#include "boxoffice/sales/EventSetup.h"
#include "boxoffice/server/Server.h"

using namespace boxoffice;
using model::Id;

namespace {

constexpr const char* kTicketAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr const char* kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ3789";

// Two regular tickets and a reduced one, paid with 50.00 in cash.
sales::SaleRequest threeTickets(const test::SpringConcert& c) {
    auto positions = sales::repeat(test::ticket(c, c.regular), 2);
    positions.push_back(test::ticket(c, c.reduced));
    positions[0].attendeeName = "Clara Schumann";
    positions[2].attendeeName = "Robert Schumann";
    positions[2].answers[c.question] = "POSTER";
    return test::cashSale(c, positions, 50'00);
}

checkin::RedeemResult redeemAt(model::Store& store, const test::SpringConcert& c, Id listId, const std::string& secret) {
    checkin::RedeemRequest r;
    r.code = secret;
    r.listId = listId;
    r.canceledSupported = true;
    r.device = "side door";
    auto result = checkin::redeem(store, c.eventId, r);
    REQUIRE(result.ok());
    return result.value();
}

std::int64_t ordersOf(model::Store& store, Id eventId) { return model::OrderRepository(store).count(eventId, {}); }

}  // namespace

TEST_CASE("Three tickets sold at the desk make one paid order with pretix's codes and secrets", "[sales][sell]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);

    auto sold = sales::sell(store, threeTickets(c));
    if (!sold.ok()) {
        FAIL(test::describe(sold.error()));
    }
    const auto& order = sold->order;
    CHECK(order.status == model::OrderStatus::Paid);
    CHECK(order.salesChannel == "box_office");
    CHECK(order.paymentProvider == "box_office_cash");
    CHECK(order.paymentDate);

    // pretix's order code: 5 characters of its alphabet; the order secret: 16 characters.
    CHECK(order.code.size() == 5);
    CHECK(order.code.find_first_not_of(kCodeAlphabet) == std::string::npos);
    CHECK(order.secret.size() == 16);

    // Totals in minor units, tax included in the price (7%: 15.00 holds 0.98, 10.00 holds 0.65).
    CHECK(sold->total.minor() == 40'00);
    CHECK(order.total.minor() == 40'00);
    CHECK(sold->change.minor() == 10'00);
    REQUIRE(order.positions.size() == 3);
    CHECK(order.positions[0].price.minor() == 15'00);
    CHECK(order.positions[0].taxValue.minor() == 98);
    CHECK(order.positions[0].taxRate.minor() == 7'00);
    CHECK(order.positions[2].price.minor() == 10'00);
    CHECK(order.positions[2].taxValue.minor() == 65);

    // Ticket secrets: 32 characters of pretix's alphabet, all different.
    std::set<std::string> secrets;
    for (const auto& p : order.positions) {
        CHECK(p.secret.size() == 32);
        CHECK(p.secret.find_first_not_of(kTicketAlphabet) == std::string::npos);
        CHECK(p.pseudonymizationId.size() == 10);
        secrets.insert(p.secret);
    }
    CHECK(secrets.size() == 3);
    CHECK(order.positions[0].positionid == 1);
    CHECK(order.positions[2].positionid == 3);
    CHECK(order.positions[0].attendeeName == "Clara Schumann");
    CHECK_FALSE(order.positions[1].attendeeName);

    // The required question's answers, as the store keeps a choice: the option's text and ID.
    REQUIRE(order.positions[2].answers.size() == 1);
    CHECK(order.positions[2].answers[0].answer == "Poster");
    CHECK(order.positions[0].answers[0].options == std::vector<Id>{c.optionRadio});

    // The main entrance checks desk sales in: all three are inside; the side door is left alone.
    CHECK(sold->autoCheckins.size() == 3);
    model::CheckinRepository checkins(store);
    for (const auto& p : order.positions) {
        CHECK(checkins.forPosition(p.id, c.mainList).size() == 1);
        CHECK(checkins.forPosition(p.id, c.sideDoor).empty());
    }
    CHECK(redeemAt(store, c, c.mainList, order.positions[0].secret).reason == checkin::Reason::AlreadyRedeemed);

    // As stored, and the quota's places taken.
    const auto stored = model::OrderRepository(store).byCode(c.eventId, order.code);
    REQUIRE(stored);
    CHECK(stored->positions.size() == 3);
    CHECK(sales::availability(store, c.eventId, c.reduced).left == 117);
}

TEST_CASE("A desk sale's tickets render with the event's layout and their QR codes scan", "[sales][sell][render]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    auto sold = sales::sell(store, threeTickets(c));
    REQUIRE(sold.ok());
    const auto& order = sold->order;
    // The same path as the desk's Save PDF: the loader picks the event's default layout (pretix's,
    // made with the event), the renderer draws every ticket.
    render::TicketLoader loader(store);
    auto positions = loader.orderPositions(c.eventId, order.code);
    REQUIRE(positions.ok());
    auto jobs = loader.jobs(c.eventId, positions.value());
    REQUIRE(jobs.ok());
    const auto pdf = dir / "tickets.pdf";
    REQUIRE(render::renderTickets(jobs.value(), pdf).ok());
    const auto text = test::run({"/usr/bin/pdftotext", pdf.string(), "-"}).out;
    CHECK_THAT(text, Catch::Contains("Spring Concert") && Catch::Contains("Clara Schumann") &&
                         Catch::Contains(order.code) && Catch::Contains("Reduced"));
    REQUIRE(test::run({"/usr/bin/pdftoppm", "-r", "100", "-png", pdf.string(), (dir / "page").string()}).exitCode == 0);
    for (std::size_t page = 1; page <= 3; ++page) {
        const auto png = dir / ("page-" + std::to_string(page) + ".png");
        REQUIRE(std::filesystem::exists(png));
        const auto scan = test::run({"/usr/bin/zbarimg", "--quiet", "--raw", png.string()});
        INFO(scan.err);
        CHECK(scan.out == order.positions[page - 1].secret + "\n");
    }
}

TEST_CASE("Two sales never share a code or a secret", "[sales][sell]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    std::set<std::string> codes;
    std::set<std::string> secrets;
    for (int i = 0; i < 20; ++i) {
        auto sold = sales::sell(store, test::cashSale(c, sales::repeat(test::ticket(c, c.reduced), 2), 20'00));
        REQUIRE(sold.ok());
        codes.insert(sold->order.code);
        for (const auto& p : sold->order.positions) {
            secrets.insert(p.secret);
        }
    }
    CHECK(codes.size() == 20);
    CHECK(secrets.size() == 40);
}

TEST_CASE("A sale is refused with an error per field and writes nothing", "[sales][sell]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);

    SECTION("the required question unanswered, a bad answer, an unknown product") {
        auto request = threeTickets(c);
        request.positions[1].answers.clear();
        request.positions[2].answers[c.question] = "Television";
        request.positions.push_back(test::ticket(c, 12345));
        auto r = sales::sell(store, request);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == model::ErrorCode::BadInput);
        const std::string q = std::to_string(c.question);
        CHECK(r.error().fields.at("positions.1.answers." + q) == std::vector<std::string>{"This field is required."});
        CHECK(r.error().fields.count("positions.2.answers." + q) == 1);
        CHECK(r.error().fields.at("positions.3.item") ==
              std::vector<std::string>{"Invalid pk \"12345\" - object does not exist."});
        CHECK(r.error().fields.count("positions.0.answers." + q) == 0);
    }
    SECTION("too little cash, a free sale that costs, card for nothing") {
        auto request = threeTickets(c);
        request.cashGiven = model::Money::fromMinor(39'99);
        CHECK(sales::sell(store, request).error().fields.count("cash_given") == 1);
        request.cashGiven.reset();
        CHECK(sales::sell(store, request).error().fields.count("cash_given") == 1);
        request.payment = sales::PaymentMethod::Free;
        CHECK(sales::sell(store, request).error().fields.count("payment") == 1);
        request.positions = {test::ticket(c, c.guest)};
        request.payment = sales::PaymentMethod::Card;
        CHECK(sales::sell(store, request).error().fields.count("payment") == 1);
    }
    SECTION("a product not sold at the desk, and no open shift") {
        auto webOnly = *model::EventRepository(store).item(c.eventId, c.reduced);
        webOnly.salesChannels = {"web"};
        REQUIRE(sales::saveItem(store, webOnly).ok());
        auto r = sales::sell(store, threeTickets(c));
        CHECK(r.error().fields.at("positions.2.item") ==
              std::vector<std::string>{"This product is not sold at the box office."});
        auto request = threeTickets(c);
        request.shiftId = 0;
        CHECK(sales::sell(store, request).error().code == model::ErrorCode::Conflict);
    }
    CHECK(ordersOf(store, c.eventId) == 0);
    CHECK(sales::availability(store, c.eventId, c.regular).left == 120);
}

TEST_CASE("Card and free sales are paid at once, add-ons go with their ticket", "[sales][sell]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);

    auto request = test::cashSale(c, {test::ticket(c, c.regular)}, 0);
    request.payment = sales::PaymentMethod::Card;
    sales::SalePosition programme;
    programme.itemId = c.programme;
    programme.addonTo = 0;
    request.positions.push_back(programme);
    auto sold = sales::sell(store, request);
    REQUIRE(sold.ok());
    CHECK(sold->order.paymentProvider == "box_office_card");
    CHECK(sold->change.minor() == 0);
    CHECK(sold->total.minor() == 18'00);
    REQUIRE(sold->order.positions.size() == 2);
    CHECK(sold->order.positions[1].addonTo == sold->order.positions[0].id);

    request.positions.push_back(programme);  // a second programme for the same ticket
    auto twice = sales::sell(store, request);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().fields.count("positions.0.addons") == 1);

    request.positions = {programme};
    request.positions[0].addonTo.reset();
    CHECK(sales::sell(store, request).error().fields.at("positions.0.item") ==
          std::vector<std::string>{"This product can only be bought as an add-on."});

    request = test::cashSale(c, {test::ticket(c, c.guest)}, 0);
    request.payment = sales::PaymentMethod::Free;
    auto free = sales::sell(store, request);
    REQUIRE(free.ok());
    CHECK(free->order.status == model::OrderStatus::Paid);
    CHECK(free->order.paymentProvider == "free");
    CHECK(free->total.minor() == 0);
}

TEST_CASE("A canceled order's tickets are refused at the door at once and give their places back", "[sales][cancel]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    auto kept = sales::sell(store, test::cashSale(c, {test::ticket(c, c.regular)}, 15'00));
    auto taken = sales::sell(store, threeTickets(c));
    REQUIRE(kept.ok());
    REQUIRE(taken.ok());
    CHECK(sales::availability(store, c.eventId, c.regular).left == 116);

    sales::CancelRequest cancel;
    cancel.eventId = c.eventId;
    cancel.shiftId = c.shift;
    cancel.orderCode = taken->order.code;
    SECTION("a reason is required") {
        auto r = sales::cancelOrder(store, cancel);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().fields.count("reason") == 1);
        CHECK(model::OrderRepository(store).byCode(c.eventId, cancel.orderCode)->status == model::OrderStatus::Paid);
    }
    SECTION("refunded in cash") {
        cancel.reason = "Ill, cannot come";
        cancel.refundMethod = sales::PaymentMethod::Cash;
        auto r = sales::cancelOrder(store, cancel);
        REQUIRE(r.ok());
        CHECK(r->status == model::OrderStatus::Canceled);
        for (const auto& p : taken->order.positions) {
            const auto refused = redeemAt(store, c, c.sideDoor, p.secret);
            CHECK(refused.status == checkin::Status::Error);
            CHECK(refused.reason == checkin::Reason::Canceled);
        }
        CHECK(redeemAt(store, c, c.sideDoor, kept->order.positions[0].secret).status == checkin::Status::Ok);
        CHECK(sales::availability(store, c.eventId, c.regular).left == 119);

        auto again = sales::cancelOrder(store, cancel);
        REQUIRE_FALSE(again.ok());
        CHECK(again.error().code == model::ErrorCode::Conflict);
    }
    SECTION("unknown order") {
        cancel.reason = "Typo";
        cancel.orderCode = "ZZZZZ";
        CHECK(sales::cancelOrder(store, cancel).error().code == model::ErrorCode::NotFound);
    }
}

TEST_CASE("An event set up and sold here round-trips through pretix's JSON export", "[sales][export]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    auto request = threeTickets(c);
    sales::SalePosition programme;
    programme.itemId = c.programme;
    programme.addonTo = 0;
    request.positions.push_back(programme);
    auto sold = sales::sell(store, request);
    REQUIRE(sold.ok());

    const auto file = dir / "spring.json";
    REQUIRE(importer::exportPretixJson(store, "music-club", "spring-concert", file).ok());
    model::Store other(dir / "other.sqlite");
    auto imported = importer::importPretixJson(other, file);
    REQUIRE(imported.ok());
    CHECK(imported->orders == 1);
    CHECK(imported->positions == 4);
    CHECK(imported->quotas == 2);

    model::EventRepository here(store);
    model::EventRepository there(other);
    const Id otherEvent = imported->eventId;
    const auto items = here.items(c.eventId);
    const auto otherItems = there.items(otherEvent);
    REQUIRE(otherItems.size() == items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        INFO(items[i].name.text());
        CHECK(otherItems[i].id == items[i].id);
        CHECK(otherItems[i].name == items[i].name);
        CHECK(otherItems[i].defaultPrice == items[i].defaultPrice);
        CHECK(otherItems[i].taxRate == items[i].taxRate);
        CHECK(otherItems[i].salesChannels == items[i].salesChannels);
        CHECK(otherItems[i].addons == items[i].addons);
        CHECK(otherItems[i].categoryId == items[i].categoryId);
    }
    const auto quotas = there.quotas(otherEvent);
    REQUIRE(quotas.size() == 2);
    CHECK(quotas[0].size == 120);
    CHECK(quotas[0].items == here.quotas(c.eventId)[0].items);
    CHECK(there.questions(otherEvent).at(0).options.size() == 3);

    const auto order = model::OrderRepository(other).byCode(otherEvent, sold->order.code);
    REQUIRE(order);
    CHECK(order->secret == sold->order.secret);
    CHECK(order->status == model::OrderStatus::Paid);
    CHECK(order->total.minor() == 43'00);
    CHECK(order->salesChannel == "box_office");
    REQUIRE(order->positions.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(order->positions[i].secret == sold->order.positions[i].secret);
        CHECK(order->positions[i].taxValue == sold->order.positions[i].taxValue);
        CHECK(order->positions[i].addonTo == sold->order.positions[i].addonTo);
    }
    CHECK(order->positions[2].answers.at(0).answer == "Poster");
    CHECK(sales::availability(other, otherEvent, c.regular).left == 117);
}

TEST_CASE("The LAN API serves an order sold at the desk", "[sales][server]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    auto sold = sales::sell(store, threeTickets(c));
    REQUIRE(sold.ok());
    std::string token;
    {
        model::Store::Transaction tx(store);
        auto t = auth::createToken(store, "desk test", "music-club", std::string("spring-concert"));
        REQUIRE(t.ok());
        token = t->secret;
        tx.commit();
    }
    server::ServerOptions o;
    o.database = dir / "box.sqlite";
    o.port = 0;
    o.threads = 2;
    server::Server srv(o);
    auto port = srv.start();
    REQUIRE(port.ok());
    httplib::Client client("127.0.0.1", port.value());
    client.set_read_timeout(10, 0);
    const httplib::Headers auth{{"Authorization", "Token " + token}};
    const std::string api = "/api/v1/organizers/music-club/events/spring-concert/";

    auto res = client.Get((api + "orders/" + sold->order.code + "/").c_str(), auth);
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto body = nlohmann::json::parse(res->body);
    CHECK(body["status"] == "p");
    CHECK(body["total"] == "40.00");
    CHECK(body["sales_channel"] == "box_office");
    REQUIRE(body["positions"].size() == 3);
    CHECK(body["positions"][0]["secret"] == sold->order.positions[0].secret);
    CHECK(body["positions"][0]["checkins"].size() == 1);

    // The catalogue as pretix's API has it, add-on offers included.
    auto items = client.Get((api + "items/").c_str(), auth);
    REQUIRE(items);
    REQUIRE(items->status == 200);
    bool regularSeen = false;
    const auto catalogue = nlohmann::json::parse(items->body);
    for (const auto& item : catalogue["results"]) {
        if (item["id"] == c.regular) {
            regularSeen = true;
            CHECK(item["default_price"] == "15.00");
            CHECK(item["tax_rate"] == "7.00");
            REQUIRE(item["addons"].size() == 1);
            CHECK(item["addons"][0]["max_count"] == 1);
        }
    }
    CHECK(regularSeen);
    srv.stop();
}

// A first start opens the demo event: the Sales tab must have something to sell there.
TEST_CASE("The demo event's products are sold at the desk, within their quotas", "[sales][sell]") {
    test::TempDir dir;
    model::Store store(dir / "demo.sqlite");
    auto demo = importer::ensureDemoEvent(store);
    REQUIRE(demo);
    const auto event = model::EventRepository(store).eventById(demo->eventId);
    REQUIRE(event);
    CHECK(std::find(event->salesChannels.begin(), event->salesChannels.end(), sales::kDeskSalesChannel) !=
          event->salesChannels.end());
    int onSale = 0;
    for (const auto& item : model::EventRepository(store).items(demo->eventId)) {
        INFO(item.name.text("en"));
        CHECK(std::find(item.salesChannels.begin(), item.salesChannels.end(), sales::kDeskSalesChannel) !=
              item.salesChannels.end());
        const auto left = sales::availability(store, demo->eventId, item.id,
                                              item.hasVariations() ? std::optional(item.variations.front().id)
                                                                   : std::nullopt);
        if (left.counted && left.left.value_or(1) > 0) {
            ++onSale;
        }
    }
    CHECK(onSale >= 3);
}
