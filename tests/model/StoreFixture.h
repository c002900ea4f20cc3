// A store with one event and one product (with a variation), for the model's tests; makeOrder
// gives an order of one position.
#pragma once

#include <filesystem>
#include <string>

#include "TestSupport.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::test {

using namespace boxoffice::model;

struct Fixture {
    TempDir dir;
    std::filesystem::path file = dir / "store.sqlite";
    Store store{file};
    Id eventId = 0;
    Id itemId = 0;

    Fixture() {
        EventRepository events(store);
        Store::Transaction tx(store);
        Event e;
        e.organizerId = events.upsertOrganizer("org", "Organizer");
        e.slug = "ev";
        e.name = I18nString::plain("Event");
        events.upsertEvent(e);
        eventId = e.id;
        Item it;
        it.eventId = eventId;
        it.name = I18nString::plain("Ticket");
        it.defaultPrice = *Decimal2::parse("23.00");
        Variation v;
        v.value = I18nString::plain("Student");
        v.defaultPrice = *Decimal2::parse("12.50");
        it.variations.push_back(v);
        events.upsertItem(it);
        itemId = it.id;
        tx.commit();
    }

    Order makeOrder(const std::string& code, OrderStatus status, const std::string& secret) {
        Order o;
        o.eventId = eventId;
        o.code = code;
        o.status = status;
        o.email = code + "@example.org";
        o.datetime = *parseTimestamp("2024-05-01T10:00:00Z");
        o.total = *Decimal2::parse("23.00");
        OrderPosition p;
        p.itemId = itemId;
        p.price = *Decimal2::parse("23.00");
        p.attendeeName = "Zoë Ørsted";
        p.secret = secret;
        o.positions.push_back(p);
        return o;
    }
};

}  // namespace boxoffice::test
