// Writing an import during the second pass over the file (see ImportWriter.h).
#include "ImportWriter.h"

#include <nlohmann/json.hpp>

#include "boxoffice/checkin/Lists.h"
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

void writeCatalogue(model::Store& store, ExportData data, const StoreState& state, Id eventId) {
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

// Writes orders one at a time as the second pass reads them. On an event the store knows, each
// order's row (by code) and positions (by ID) are looked up just before they are overwritten, so
// what the file leaves out keeps its stored value.
class OrderWriter {
public:
    OrderWriter(model::Store& store, Id eventId, bool knownEvent)
        : m_store(store), m_orders(store), m_eventId(eventId), m_knownEvent(knownEvent),
          m_nextId(store.nextLocalId("orders")) {
        // Orders sold through a sales channel a check-in list checks in automatically get their
        // entry, as pretix gives them when the order is placed.
        auto q = store.cached("SELECT 1 FROM checkin_list WHERE event_id = ? AND auto_checkin_sales_channels <> '[]'");
        q.bind(1, eventId);
        m_autoCheckin = q.executeStep();
    }

    // Returns the automatic check-ins made for the order.
    std::size_t write(ReadOrder& read) {
        auto& o = read.order;
        o.eventId = m_eventId;
        // Orders carry no ID in the export: a known code keeps its row, a new one gets the next
        // local ID. Assigning them here spares the repository a lookup per order.
        if (!m_knownEvent || !keepStored(read)) {
            o.id = m_nextId++;
        }
        m_orders.upsert(o);
        if (!m_autoCheckin || o.status == model::OrderStatus::Canceled || o.status == model::OrderStatus::Expired) {
            return 0;
        }
        // Positions already checked in on that list are left alone, so importing the same file
        // again adds nothing.
        return checkin::autoCheckin(m_store, o).size();
    }

private:
    // Takes what the stored order and positions have and the file leaves out; false when the
    // order is new.
    bool keepStored(ReadOrder& read) {
        auto& o = read.order;
        const auto& presence = read.presence;
        for (std::size_t p = 0; p < o.positions.size(); ++p) {
            const auto& has = presence.positions[p];
            if (has.pseudonymizationId && has.city && has.voucher) {
                continue;
            }
            auto& pos = o.positions[p];
            auto q = m_store.cached("SELECT pseudonymization_id, city, voucher FROM order_position WHERE id = ? AND event_id = ?");
            q.bind(1, pos.id);
            q.bind(2, m_eventId);
            if (!q.executeStep()) {
                continue;
            }
            if (!has.pseudonymizationId) {
                pos.pseudonymizationId = q.getColumn(0).getString();
            }
            if (!has.city) {
                pos.city = q.getColumn(1).isNull() ? std::nullopt : std::optional<std::string>(q.getColumn(1).getString());
            }
            if (!has.voucher) {
                pos.voucher = q.getColumn(2).isNull() ? std::nullopt : std::optional<Id>(q.getColumn(2).getInt64());
            }
        }
        auto q = m_store.cached(
            "SELECT o.id, o.secret, o.payment_provider, o.payment_date, ia.order_id, ia.last_modified, ia.company, "
            "ia.name, ia.street, ia.zipcode, ia.city, ia.country, ia.state, ia.vat_id, ia.is_business "
            "FROM orders o LEFT JOIN invoice_address ia ON ia.order_id = o.id WHERE o.event_id = ? AND o.code = ?");
        q.bind(1, m_eventId);
        q.bind(2, o.code);
        if (!q.executeStep()) {
            return false;
        }
        o.id = q.getColumn(0).getInt64();
        if (!presence.secret) {
            o.secret = q.getColumn(1).getString();
        }
        if (!presence.paymentProvider) {
            o.paymentProvider = q.getColumn(2).getString();
        }
        if (!presence.paymentDate) {
            o.paymentDate.reset();
            if (!q.getColumn(3).isNull()) {
                o.paymentDate = model::dateFromStorage(q.getColumn(3).getInt64());
            }
        }
        if (!presence.invoiceAddress) {
            o.invoiceAddress.reset();
            if (!q.getColumn(4).isNull()) {
                model::InvoiceAddress a;
                if (!q.getColumn(5).isNull()) {
                    a.lastModified = model::fromStorage(q.getColumn(5).getInt64());
                }
                a.company = q.getColumn(6).getString();
                a.name = q.getColumn(7).getString();
                a.street = q.getColumn(8).getString();
                a.zipcode = q.getColumn(9).getString();
                a.city = q.getColumn(10).getString();
                a.country = q.getColumn(11).getString();
                a.state = q.getColumn(12).getString();
                a.vatId = q.getColumn(13).getString();
                a.isBusiness = q.getColumn(14).getInt() != 0;
                o.invoiceAddress = std::move(a);
            }
        }
        return true;
    }

    model::Store& m_store;
    model::OrderRepository m_orders;
    Id m_eventId;
    bool m_knownEvent;
    Id m_nextId;
    bool m_autoCheckin = false;
};

}  // namespace

model::Result<ImportSummary> storeExport(model::Store& store, ExportSource& source, FileCheck& file,
                                         const ImportControl& control,
                                         const std::function<void(std::string_view)>& step) {
    const ExportData& data = file.data;
    StoreProblems problems;
    const StoreState state = checkAgainstStore(store, file, problems);
    file.keys = OrderKeys{};  // checked: their memory is the writing's now
    if (control.stop.stop_requested()) {
        return model::Error{model::ErrorCode::Conflict, "The import was cancelled.", {}};
    }
    step("writing");
    // With problems found already the second pass only checks (the count in the message covers
    // every problem); the first problem it finds itself stops the writing.
    std::optional<OrderWriter> writer;
    Id eventId = 0;
    if (problems.empty()) {
        eventId = writeEvent(store, data, state);
        writeCatalogue(store, data, state, eventId);
        writer.emplace(store, eventId, state.event.has_value());
    }
    std::size_t autoCheckins = 0;
    bool changed = false;
    const auto onOrder = [&](std::size_t index, nlohmann::json& j) {
        Problems own;
        auto read = readOrder(j, index, own, nullptr);
        if (!read || !own.empty()) {
            changed = true;  // the first pass found no such problem: not the file it read
            return;
        }
        checkOrderReferences(read->order, index, state.known, problems.orderReferences);
        if (writer && problems.empty() && !changed) {
            autoCheckins += writer->write(*read);
        }
    };
    StreamControl streaming{control.stop, nullptr};
    if (control.fraction) {
        streaming.fraction = [&control](double f) { control.fraction("writing", f); };
    }
    auto shape = streamExport(source, streaming, onOrder);
    if (!shape && shape.error().code == model::ErrorCode::Conflict) {
        return shape.error();
    }
    if (!shape || changed || shape->orders != data.orders || source.digest() != file.digest) {
        return model::Error{model::ErrorCode::Io, "The file changed while it was being imported; nothing was imported.",
                            {}};
    }
    if (!problems.empty()) {
        return model::Error::badInput(problems.all().message());
    }
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
    s.orders = static_cast<int>(data.orders);
    s.positions = static_cast<int>(data.positions);
    s.autoCheckins = static_cast<int>(autoCheckins);
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
