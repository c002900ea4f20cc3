// The demo event: a generated export imported through the importer's own path, then what an
// export does not carry (dates, check-in lists, ticket layout, plugins), all in one transaction.
#include <nlohmann/json.hpp>

#include <chrono>

#include "ExportDocument.h"
#include "ExportSource.h"
#include "ImportWriter.h"
#include "boxoffice/importer/DefaultLayout.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::importer {

using model::Id;

namespace {

// 12-13 June 2027, 09:00-18:00 in Berlin (CEST, UTC+2), stored as UTC.
void setDatesAndPlace(model::EventRepository& events, Id eventId) {
    using namespace std::chrono;
    auto e = events.eventById(eventId).value();
    const sys_days first = year{2027} / June / 12;
    e.dateFrom = model::Timestamp{first + hours{7}};
    e.dateAdmission = model::Timestamp{first + hours{6}};
    e.dateTo = model::Timestamp{first + days{1} + hours{16}};
    e.location = model::I18nString::plain("Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin");
    e.timezone = "Europe/Berlin";
    e.currency = "EUR";
    e.locale = "en";
    e.lastModified = model::now();
    events.upsertEvent(e);
}

// The demo is sold at the desk as well as online, so that the Sales tab has something to sell
// on a first start. "box_office" is the desk's sales channel (sales::kDeskSalesChannel; the
// sales module builds on this one, so the name is written out here).
void sellAtTheDesk(model::EventRepository& events, Id eventId) {
    constexpr const char* kDesk = "box_office";
    auto e = events.eventById(eventId).value();
    e.salesChannels.push_back(kDesk);
    events.upsertEvent(e);
    for (auto& item : events.items(eventId)) {
        item.salesChannels.push_back(kDesk);
        events.upsertItem(item);
    }
}

void addCheckinLists(model::Store& store, Id eventId) {
    model::CheckinRepository lists(store);
    model::CheckinList main;
    main.eventId = eventId;
    main.name = "Main entrance";
    main.allProducts = true;
    lists.upsertList(main);
    model::CheckinList workshop;
    workshop.eventId = eventId;
    workshop.name = "Workshop room";
    workshop.allProducts = false;
    for (const auto& it : model::EventRepository(store).items(eventId)) {
        if (it.name.text("en").rfind("Workshop", 0) == 0) {
            workshop.limitProducts.push_back(it.id);
        }
    }
    lists.upsertList(workshop);
}

ImportSummary summaryOf(model::Store& store, const model::Event& e) {
    model::EventRepository events(store);
    ImportSummary s;
    s.eventId = e.id;
    s.organizerSlug = e.organizerSlug;
    s.eventSlug = e.slug;
    s.eventName = e.name.text("en");
    s.categories = static_cast<int>(events.categories(e.id).size());
    for (const auto& it : events.items(e.id)) {
        ++s.items;
        s.variations += static_cast<int>(it.variations.size());
    }
    s.questions = static_cast<int>(events.questions(e.id).size());
    s.subevents = static_cast<int>(events.subEvents(e.id).size());
    model::OrderRepository orders(store);
    s.orders = static_cast<int>(orders.count(e.id, {}));
    s.positions = static_cast<int>(orders.positionCount(e.id));
    auto q = store.cached("SELECT count(*) FROM quota WHERE event_id = ?");
    q.bind(1, e.id);
    q.executeStep();
    s.quotas = q.getColumn(0).getInt();
    return s;
}

}  // namespace

model::Result<DemoResult> ensureDemoEvent(model::Store& store) {
    DemoResult result;
    try {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        if (auto existing = events.eventBySlug(kDemoOrganizer, kDemoEvent)) {
            result.eventId = existing->id;
            result.summary = summaryOf(store, *existing);
            return result;  // nothing written: the transaction rolls back
        }
        // Created on this machine: IDs from the local range, starting where each table's end is.
        GeneratorOptions options;
        options.organizerSlug = kDemoOrganizer;
        options.eventSlug = kDemoEvent;
        options.ids = {store.nextLocalId("category"), store.nextLocalId("item"),
                       store.nextLocalId("variation"), store.nextLocalId("question"),
                       store.nextLocalId("question_option"), store.nextLocalId("quota"),
                       store.nextLocalId("order_position")};
        const std::string text = generateExport(options).dump();
        auto source = ExportSource::fromText(text);
        auto file = checkFile(*source, {});
        if (!file) {
            return file.error();
        }
        auto summary = storeExport(store, *source, file.value(), {}, [](std::string_view) {});
        if (!summary) {
            return summary.error();
        }
        result.summary = std::move(summary.value());
        result.eventId = result.summary.eventId;
        setDatesAndPlace(events, result.eventId);
        sellAtTheDesk(events, result.eventId);
        addCheckinLists(store, result.eventId);
        addDefaultTicketLayout(store, result.eventId);
        events.setPluginEnabled(result.eventId, "pdf", true);
        events.setPluginEnabled(result.eventId, "pretixdroid", true);
        tx.commit();
        result.created = true;
    } catch (const SQLite::Exception& e) {
        return databaseError(e);
    }
    return result;
}

}  // namespace boxoffice::importer
