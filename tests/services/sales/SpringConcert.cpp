#include "SpringConcert.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <utility>

#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/sales/EventSetup.h"
#include "boxoffice/sales/Shifts.h"

namespace boxoffice::test {

using model::Id;

namespace {

template <class T>
T ok(model::Result<T> r) {
    if (!r.ok()) {
        FAIL(describe(r.error()));
    }
    return std::move(r).value();
}

model::Item product(Id eventId, const char* name, std::int64_t price, std::optional<Id> category) {
    model::Item item;
    item.eventId = eventId;
    item.name = model::I18nString::plain(name);
    item.defaultPrice = model::Money::fromMinor(price);
    item.taxRate = model::TaxRate::fromMinor(7'00);
    item.taxName = "VAT";
    item.categoryId = category;
    item.salesChannels = {"web", sales::kDeskSalesChannel};
    return item;
}

model::Event concertEvent() {
    using namespace std::chrono;
    model::Event e;
    e.slug = "spring-concert";
    e.name = model::I18nString::plain("Spring Concert");
    e.currency = "EUR";
    const sys_days day = year{2027} / April / 17;
    e.dateFrom = model::Timestamp{day + hours{17}};  // 19:00 in Berlin (CEST)
    e.dateTo = model::Timestamp{day + hours{20}};
    e.dateAdmission = model::Timestamp{day + hours{16}};
    e.timezone = "Europe/Berlin";
    e.location = model::I18nString::plain("Town Hall, Market Square 1");
    e.salesChannels = {"web", sales::kDeskSalesChannel};
    return e;
}

}  // namespace

std::string describe(const model::Error& error) {
    std::string out = error.message;
    for (const auto& [field, messages] : error.fields) {
        for (const auto& m : messages) {
            out += "\n  " + field + ": " + m;
        }
    }
    return out;
}

SpringConcert setUpSpringConcert(model::Store& store, std::int64_t seats) {
    SpringConcert c;
    c.eventId = ok(sales::saveEvent(store, {"music-club", "Music Club"}, concertEvent())).id;

    model::Category tickets;
    tickets.eventId = c.eventId;
    tickets.name = model::I18nString::plain("Tickets");
    const Id ticketCategory = ok(sales::saveCategory(store, tickets)).id;
    model::Category extras;
    extras.eventId = c.eventId;
    extras.name = model::I18nString::plain("Extras");
    extras.isAddon = true;
    const Id extrasCategory = ok(sales::saveCategory(store, extras)).id;

    c.programme = ok(sales::saveItem(store, product(c.eventId, "Programme", 3'00, extrasCategory))).id;
    auto regular = product(c.eventId, "Regular", 15'00, ticketCategory);
    regular.addons = {model::ItemAddon{extrasCategory, 0, 1, 0, false, false}};
    c.regular = ok(sales::saveItem(store, regular)).id;
    c.reduced = ok(sales::saveItem(store, product(c.eventId, "Reduced", 10'00, ticketCategory))).id;
    c.guest = ok(sales::saveItem(store, product(c.eventId, "Guest list", 0, ticketCategory))).id;

    model::Quota hall;
    hall.eventId = c.eventId;
    hall.name = "Concert hall";
    hall.size = seats;
    hall.items = {c.regular, c.reduced, c.guest};
    c.quota = ok(sales::saveQuota(store, hall)).id;
    model::Quota booklets;
    booklets.eventId = c.eventId;
    booklets.name = "Programmes";
    booklets.items = {c.programme};  // unlimited
    (void)ok(sales::saveQuota(store, booklets));

    model::Question heard;
    heard.eventId = c.eventId;
    heard.question = model::I18nString::plain("How did you hear about us?");
    heard.type = "C";
    heard.required = true;
    heard.items = {c.regular, c.reduced, c.guest};
    for (const auto& [identifier, answer] : {std::pair{"RADIO", "Radio"}, {"POSTER", "Poster"}, {"FRIENDS", "Friends"}}) {
        model::QuestionOption o;
        o.identifier = identifier;
        o.answer = model::I18nString::plain(answer);
        heard.options.push_back(o);
    }
    const auto stored = ok(sales::saveQuestion(store, heard));
    c.question = stored.id;
    c.optionRadio = stored.options.at(0).id;

    model::CheckinList main;
    main.eventId = c.eventId;
    main.name = "Main entrance";
    main.autoCheckinSalesChannels = {sales::kDeskSalesChannel};
    c.mainList = ok(checkin::saveList(store, main)).id;
    model::CheckinList side;
    side.eventId = c.eventId;
    side.name = "Side door";
    c.sideDoor = ok(checkin::saveList(store, side)).id;

    c.shift = ok(sales::startShift(store, c.eventId, "Alice")).id;
    return c;
}

sales::SalePosition ticket(const SpringConcert& c, Id item) {
    sales::SalePosition p;
    p.itemId = item;
    p.answers[c.question] = "RADIO";  // a choice is given by its identifier or ID
    return p;
}

sales::SaleRequest cashSale(const SpringConcert& c, std::vector<sales::SalePosition> positions, std::int64_t given) {
    sales::SaleRequest r;
    r.eventId = c.eventId;
    r.shiftId = c.shift;
    r.positions = std::move(positions);
    r.payment = sales::PaymentMethod::Cash;
    r.cashGiven = model::Money::fromMinor(given);
    return r;
}

}  // namespace boxoffice::test
