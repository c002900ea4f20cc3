#include "DemoData.h"

#include <stdexcept>

#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::test {

using namespace boxoffice::model;

namespace {

OrderPosition position(Id id, Id item, const std::string& secret, std::optional<std::string> name) {
    OrderPosition p;
    p.id = id;
    p.itemId = item;
    p.secret = secret;
    p.attendeeName = std::move(name);
    p.price = Money::fromMinor(2300);
    return p;
}

Order order(Id eventId, const std::string& code, OrderStatus status, std::vector<OrderPosition> positions) {
    Order o;
    o.eventId = eventId;
    o.code = code;
    o.status = status;
    o.email = code + "@example.org";
    o.secret = "s" + code;
    o.datetime = *parseTimestamp("2026-06-01T10:00:00Z");
    o.positions = std::move(positions);
    int n = 1;
    for (auto& p : o.positions) {
        p.positionid = n++;
    }
    return o;
}

}  // namespace

DemoIds createDemoData(Store& store) {
    DemoIds ids;
    Store::Transaction tx(store);
    EventRepository events(store);
    events.upsertOrganizer("demo", "Demo Org");
    Event e;
    e.organizerId = events.organizerBySlug("demo")->id;
    e.slug = "fest";
    e.name = I18nString::plain("Summer Fest");
    e.dateFrom = parseTimestamp("2026-07-01T16:00:00Z");
    events.upsertEvent(e);
    ids.eventId = e.id;
    Event other = e;
    other.id = 0;
    other.slug = "other";
    other.name = I18nString::plain("Other Fest");
    events.upsertEvent(other);
    ids.otherEventId = other.id;

    Item day;
    day.id = DemoIds::kDayTicket;
    day.eventId = e.id;
    day.name = I18nString::plain("Day ticket");
    events.upsertItem(day);
    Item shirt;
    shirt.id = DemoIds::kShirt;
    shirt.eventId = e.id;
    shirt.name = I18nString::plain("T-Shirt");
    shirt.admission = false;
    for (auto [vid, label] : {std::pair{DemoIds::kShirtM, "M"}, std::pair{DemoIds::kShirtL, "L"}}) {
        Variation v;
        v.id = vid;
        v.itemId = shirt.id;
        v.value = I18nString::plain(label);
        shirt.variations.push_back(v);
    }
    events.upsertItem(shirt);
    Item workshop;
    workshop.id = DemoIds::kWorkshop;
    workshop.eventId = e.id;
    workshop.name = I18nString::plain("Workshop");
    workshop.checkinAttention = true;
    events.upsertItem(workshop);
    Item otherItem;
    otherItem.id = 21;
    otherItem.eventId = other.id;
    otherItem.name = I18nString::plain("Other ticket");
    events.upsertItem(otherItem);

    Question q;
    q.id = DemoIds::kShirtQuestion;
    q.eventId = e.id;
    q.question = I18nString::plain("Shirt size");
    q.type = "C";
    q.required = true;
    q.askDuringCheckin = true;
    q.position = 1;
    q.items = {DemoIds::kWorkshop};
    q.options = {{DemoIds::kOptionM, "M", 0, I18nString::plain("M")}, {DemoIds::kOptionL, "L", 1, I18nString::plain("L")}};
    events.upsertQuestion(q);

    OrderRepository orders(store);
    std::vector<Order> all;
    all.push_back(order(e.id, "PAID1", OrderStatus::Paid,
                        {position(DemoIds::kPaidPosition, DemoIds::kDayTicket, "paidsecret0001", "Mara Lind")}));
    all.push_back(order(e.id, "PEND1", OrderStatus::Pending,
                        {position(102, DemoIds::kDayTicket, "pendingsecret001", "Pia Pending")}));
    all.push_back(order(e.id, "CANC1", OrderStatus::Canceled,
                        {position(103, DemoIds::kDayTicket, "canceledsecret01", "Carl Canceled")}));
    auto shirtPos = position(104, DemoIds::kShirt, "shirtsecret00001", "Sven Shirt");
    shirtPos.variationId = DemoIds::kShirtM;
    all.push_back(order(e.id, "SHIRT", OrderStatus::Paid, {shirtPos}));
    all.push_back(order(e.id, "WORKS", OrderStatus::Paid,
                        {position(105, DemoIds::kWorkshop, "workshopsecret01", "Wanda Workshop")}));
    auto parent = position(DemoIds::kParentPosition, DemoIds::kDayTicket, "parentsecret0001", std::nullopt);
    auto addon = position(DemoIds::kAddonPosition, DemoIds::kShirt, "addonsecret00001", std::nullopt);
    addon.variationId = DemoIds::kShirtM;
    addon.addonTo = DemoIds::kParentPosition;
    all.push_back(order(e.id, "ADDON", OrderStatus::Paid, {parent, addon}));
    InvoiceAddress ia;
    ia.name = "Ivo Invoice";
    all.back().invoiceAddress = ia;
    auto pendShirt = position(108, DemoIds::kShirt, "pendshirtsecret1", "Paula Pending");
    pendShirt.variationId = DemoIds::kShirtL;
    all.push_back(order(e.id, "PENDS", OrderStatus::Pending, {pendShirt}));
    all.push_back(order(other.id, "OTHER", OrderStatus::Paid,
                        {position(201, 21, "othersecret00001", "Otto Other")}));
    for (auto& o : all) {
        orders.upsert(o);
    }

    CheckinRepository lists(store);
    CheckinList main;
    main.id = DemoIds::kMainList;
    main.eventId = e.id;
    main.name = "Main entrance";
    lists.upsertList(main);
    CheckinList shirts;
    shirts.id = DemoIds::kShirtList;
    shirts.eventId = e.id;
    shirts.name = "Shirt desk";
    shirts.allProducts = false;
    shirts.limitProducts = {DemoIds::kShirt};
    shirts.includePending = true;
    lists.upsertList(shirts);
    tx.commit();
    return ids;
}

void addBulkOrders(Store& store, Id eventId, int count) {
    Store::Transaction tx(store);
    OrderRepository orders(store);
    for (int i = 0; i < count; ++i) {
        const std::string n = std::to_string(i);
        auto o = order(eventId, "BULK" + n, OrderStatus::Paid,
                       {position(0, DemoIds::kDayTicket, "bulk" + n, "Bulk Person " + n)});
        orders.upsert(o);
    }
    tx.commit();
}

std::string createEventToken(Store& store, const std::string& eventSlug) {
    Store::Transaction tx(store);
    auto t = auth::createToken(store, "test " + eventSlug, "demo", eventSlug);
    if (!t) {
        throw std::runtime_error(t.error().message);
    }
    tx.commit();
    return t->secret;
}

}  // namespace boxoffice::test
