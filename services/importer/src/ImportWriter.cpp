// Writing an import during the second pass over the file (see ImportWriter.h).
#include "ImportWriter.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

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
        if (!knownEvent) {
            // Every order and position is new: what the insert triggers would note row by row is
            // noted once for the event in finish() (migration 15).
            store.cached("INSERT INTO untracked_inserts (id) VALUES (1)").exec();
        }
    }

    // After the last order, before the commit: the search notes and version the triggers left to
    // the import (a new order's revision is new already).
    void finish() {
        if (m_knownEvent) {
            return;
        }
        auto dirty = m_store.cached("INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE event_id = ?");
        dirty.bind(1, m_eventId);
        dirty.exec();
        auto version = m_store.cached(
            "INSERT INTO search_version (event_id, version) VALUES (?, 1) "
            "ON CONFLICT (event_id) DO UPDATE SET version = version + 1");
        version.bind(1, m_eventId);
        version.exec();
        m_store.cached("DELETE FROM untracked_inserts").exec();
    }

    // Returns the automatic check-ins made for the order.
    std::size_t write(ReadOrder& read) {
        auto& o = read.order;
        o.eventId = m_eventId;
        // Orders carry no ID in the export: a known code keeps its row, a new one gets the next
        // local ID. Assigning them here spares the repository a lookup per order.
        if (!m_knownEvent) {
            o.id = m_nextId++;
            m_orders.insertNew(o);  // the event is new: so are its orders and positions
        } else {
            if (!keepStored(read)) {
                o.id = m_nextId++;
            }
            m_orders.upsert(o);
        }
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

// The second pass reads the file on a thread of its own while the caller's thread writes: parsing
// and converting an order overlap with writing the ones before it, so on two cores the pass takes
// about the time of its SQL alone. At most kQueued batches of orders wait between the two. The writer takes
// the orders with next() in the file's order; the database stays on the caller's thread. When the
// writer stops early (an exception), the destructor stops the parse and waits for the thread.
class SecondPass {
public:
    struct Parsed {
        std::size_t index = 0;
        std::optional<ReadOrder> read;  // nullopt: the order no longer reads as in the first pass
    };

    SecondPass(ExportSource& source, const ImportControl& control)
        : m_control(control), m_forwardStop(control.stop, [this] { m_stop.request_stop(); }) {
        m_thread = std::thread([this, &source] { parse(source); });
    }
    ~SecondPass() {
        {
            std::lock_guard lock(m_mutex);
            m_abandoned = true;
        }
        m_stop.request_stop();
        m_space.notify_all();
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    SecondPass(const SecondPass&) = delete;
    SecondPass& operator=(const SecondPass&) = delete;

    // The next order of the file; nullopt once the parse has ended (see finish()).
    std::optional<Parsed> next() {
        if (m_taken == m_batch.size()) {
            m_batch.clear();
            m_taken = 0;
            std::unique_lock lock(m_mutex);
            m_items.wait(lock, [this] { return !m_queue.empty() || m_done; });
            if (m_queue.empty()) {
                return std::nullopt;
            }
            m_batch = std::move(m_queue.front());
            m_queue.pop_front();
            lock.unlock();
            m_space.notify_one();
        }
        return std::move(m_batch[m_taken++]);
    }

    // Tells control.fraction how far the parse is, on the caller's thread, when it moved on.
    void reportFraction() {
        const double f = m_fraction.load(std::memory_order_relaxed);
        if (f > m_reported) {
            m_reported = f;
            m_control.fraction("writing", f);
        }
    }

    // What the parse ended with; call after next() gave nullopt.
    model::Result<StreamedShape> finish() {
        m_thread.join();
        return std::move(*m_result);
    }

private:
    // Orders go over in batches (one lock and wake-up per batch, not per order); at most
    // kQueued batches wait.
    static constexpr std::size_t kBatch = 64;
    static constexpr std::size_t kQueued = 8;

    void hand(std::vector<Parsed>& batch) {
        if (batch.empty()) {
            return;
        }
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_queue.size() < kQueued || m_abandoned; });
        if (!m_abandoned) {
            m_queue.push_back(std::move(batch));
            lock.unlock();
            m_items.notify_one();
        }
        batch = std::vector<Parsed>();
        batch.reserve(kBatch);
    }

    void parse(ExportSource& source) {
        StreamControl streaming{m_stop.get_token(),
                                [this](double f) { m_fraction.store(f, std::memory_order_relaxed); }};
        std::optional<model::Result<StreamedShape>> result;
        try {
            std::vector<Parsed> batch;
            result = streamExport(source, streaming, [this, &batch](std::size_t index, nlohmann::json& j) {
                Problems own;
                auto read = readOrder(j, index, own, nullptr);
                batch.push_back(Parsed{index, own.empty() ? std::move(read) : std::nullopt});
                if (batch.size() == kBatch) {
                    hand(batch);
                }
            });
            hand(batch);
        } catch (const std::exception& e) {
            result = model::Error{model::ErrorCode::Io, std::string("Reading the file failed: ") + e.what(), {}};
        }
        {
            std::lock_guard lock(m_mutex);
            m_result = std::move(result);
            m_done = true;
        }
        m_items.notify_all();
    }

    const ImportControl& m_control;
    std::stop_source m_stop;
    std::stop_callback<std::function<void()>> m_forwardStop;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_items;
    std::condition_variable m_space;
    std::deque<std::vector<Parsed>> m_queue;
    std::vector<Parsed> m_batch;  // the writer's: taken from the queue, read up to m_taken
    std::size_t m_taken = 0;
    bool m_done = false;
    bool m_abandoned = false;
    std::optional<model::Result<StreamedShape>> m_result;
    std::atomic<double> m_fraction{0};
    double m_reported = 0;
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
    std::optional<model::Result<StreamedShape>> shape;
    {
        SecondPass pass(source, control);
        while (auto parsed = pass.next()) {
            if (control.fraction) {
                pass.reportFraction();
            }
            if (!parsed->read) {
                changed = true;  // the first pass found no such problem: not the file it read
                continue;
            }
            checkOrderReferences(parsed->read->order, parsed->index, state.known, problems.orderReferences);
            if (writer && problems.empty() && !changed) {
                autoCheckins += writer->write(*parsed->read);
            }
        }
        if (control.fraction) {
            pass.reportFraction();
        }
        shape = pass.finish();
    }
    if (!*shape && shape->error().code == model::ErrorCode::Conflict) {
        return shape->error();
    }
    if (!*shape || changed || (*shape)->orders != data.orders || source.digest() != file.digest) {
        return model::Error{model::ErrorCode::Io, "The file changed while it was being imported; nothing was imported.",
                            {}};
    }
    if (!problems.empty()) {
        return model::Error::badInput(problems.all().message());
    }
    if (writer) {
        writer->finish();
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
