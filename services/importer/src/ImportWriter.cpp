// Phase three of an import: writing what was read and checked (see ImportWriter.h).
#include "ImportWriter.h"

#include <nlohmann/json.hpp>

#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::importer {

using model::Id;

namespace {

Id writeEvent(model::Store& store, const ExportData& data, const StoreState& state) {
    model::EventRepository events(store);
    const Id organizerId = events.upsertOrganizer(data.organizerSlug, data.organizerName);
    // A known event keeps its own settings (dates, currency, scanner list...); the export only
    // names it.
    model::Event e = state.event.value_or(model::Event{});
    e.organizerId = organizerId;
    e.slug = data.eventSlug;
    e.name = data.eventName;
    if (data.eventMetaGiven) {
        e.metaData = data.eventMeta;
    }
    if (!data.subevents.empty()) {
        e.hasSubevents = true;
    }
    e.lastModified = model::now();
    events.upsertEvent(e);
    return e.id;
}

void writeCatalogue(model::Store& store, ExportData& data, const StoreState& state, Id eventId) {
    model::EventRepository events(store);
    for (std::size_t i = 0; i < data.categories.size(); ++i) {
        auto& c = data.categories[i];
        c.eventId = eventId;
        if (!data.categoryAddonGiven[i]) {
            auto known = state.categoryAddon.find(c.id);
            c.isAddon = known != state.categoryAddon.end() && known->second;
        }
        events.upsertCategory(c);
    }
    for (auto& it : data.items) {
        it.eventId = eventId;
        events.upsertItem(it);
    }
    for (std::size_t i = 0; i < data.questions.size(); ++i) {
        auto& q = data.questions[i];
        q.eventId = eventId;
        if (!data.questionItemsGiven[i]) {
            // The export does not say which products a question applies to: keep what we know.
            auto known = state.questionItems.find(q.id);
            if (known != state.questionItems.end()) {
                q.items = known->second;
            }
        }
        events.upsertQuestion(q);
    }
    for (auto& s : data.subevents) {
        s.eventId = eventId;
        events.upsertSubEvent(s);
    }
    for (const auto& q : data.quotas) {
        auto s = store.cached(
            "INSERT INTO quota (id, event_id, subevent_id, name, size, items, variations) "
            "VALUES (?1, ?2, ?3, COALESCE(?4, ''), ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET "
            "event_id = excluded.event_id, subevent_id = excluded.subevent_id, name = COALESCE(?4, quota.name), "
            "size = excluded.size, items = excluded.items, variations = excluded.variations");
        s.bind(1, q.id);
        s.bind(2, eventId);
        q.subeventId ? s.bind(3, *q.subeventId) : s.bind(3);
        q.name ? s.bind(4, *q.name) : s.bind(4);
        q.size ? s.bind(5, *q.size) : s.bind(5);
        s.bind(6, nlohmann::json(q.items).dump());
        s.bind(7, nlohmann::json(q.variations).dump());
        s.exec();
    }
}

void writeOrders(model::Store& store, ExportData& data, const StoreState& state, Id eventId) {
    model::OrderRepository orders(store);
    // Orders carry no ID in the export: a known code keeps its row, a new one gets the next local
    // ID. Assigning them here spares the repository a lookup per order.
    Id nextId = store.nextLocalId("orders");
    for (std::size_t i = 0; i < data.orders.size(); ++i) {
        auto& o = data.orders[i];
        const auto& presence = data.orderPresence[i];
        o.eventId = eventId;
        if (auto known = state.orders.find(o.code); known != state.orders.end()) {
            const auto& e = known->second;
            o.id = e.id;
            if (!presence.secret) {
                o.secret = e.secret;
            }
            if (!presence.invoiceAddress) {
                o.invoiceAddress = e.invoiceAddress;
            }
            if (!presence.paymentProvider) {
                o.paymentProvider = e.paymentProvider;
            }
            if (!presence.paymentDate) {
                o.paymentDate = e.paymentDate;
            }
        } else {
            o.id = nextId++;
        }
        for (std::size_t p = 0; p < o.positions.size(); ++p) {
            auto& pos = o.positions[p];
            auto known = state.positions.find(pos.id);
            if (known == state.positions.end()) {
                continue;
            }
            const auto& has = presence.positions[p];
            if (!has.pseudonymizationId) {
                pos.pseudonymizationId = known->second.pseudonymizationId;
            }
            if (!has.city) {
                pos.city = known->second.city;
            }
            if (!has.voucher) {
                pos.voucher = known->second.voucher;
            }
        }
        orders.upsert(o);
    }
}

}  // namespace

ImportSummary writeExport(model::Store& store, ExportData& data, const StoreState& state) {
    const Id eventId = writeEvent(store, data, state);
    writeCatalogue(store, data, state, eventId);
    writeOrders(store, data, state, eventId);

    ImportSummary s;
    s.eventId = eventId;
    s.organizerSlug = data.organizerSlug;
    s.eventSlug = data.eventSlug;
    s.eventName = data.eventName.text("en");
    s.categories = static_cast<int>(data.categories.size());
    s.items = static_cast<int>(data.items.size());
    s.variations = data.variationCount();
    s.questions = static_cast<int>(data.questions.size());
    s.quotas = static_cast<int>(data.quotas.size());
    s.subevents = static_cast<int>(data.subevents.size());
    s.orders = static_cast<int>(data.orders.size());
    s.positions = data.positionCount();
    return s;
}

void ensureCheckinList(model::Store& store, Id eventId) {
    auto q = store.cached("SELECT count(*) FROM checkin_list WHERE event_id = ?");
    q.bind(1, eventId);
    q.executeStep();
    if (q.getColumn(0).getInt64() > 0) {
        return;
    }
    model::CheckinList list;
    list.eventId = eventId;
    list.name = "Default";
    list.allProducts = true;
    model::CheckinRepository(store).upsertList(list);
}

}  // namespace boxoffice::importer
