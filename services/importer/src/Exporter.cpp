// The export of an event in pretix's "Order data (JSON)" format (see Exporter.h). Categories,
// products, questions, dates and orders are written by the model's wire writers (model/Wire.h),
// the counterparts of the readers the importer uses, so they carry every field the store holds
// (invoice address, payment, seats, pseudonymization IDs) in pretix's API names; products also get
// the export's tax_name.
#include "boxoffice/importer/Exporter.h"

#include <SQLiteCpp/Exception.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

#include <nlohmann/json.hpp>

#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/JsonWriter.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/Wire.h"

namespace boxoffice::importer {

using model::Id;
using nlohmann::json;

namespace {

constexpr std::int64_t kOrdersPerPage = 500;

std::string dumpText(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json strings(const model::StringMap& m) { return m.empty() ? json::object() : json(m); }
json quotasJson(model::Store& store, Id eventId) {
    json out = json::array();
    auto q = store.cached("SELECT id, name, size, subevent_id, items, variations FROM quota WHERE event_id = ? ORDER BY id");
    q.bind(1, eventId);
    while (q.executeStep()) {
        auto list = [](const std::string& text) {
            auto j = json::parse(text, nullptr, false);
            return j.is_array() ? j : json::array();
        };
        out.push_back({{"id", q.getColumn(0).getInt64()},
                       {"name", q.getColumn(1).getString()},
                       {"size", q.getColumn(2).isNull() ? json(nullptr) : json(q.getColumn(2).getInt64())},
                       {"subevent", q.getColumn(3).isNull() ? json(nullptr) : json(q.getColumn(3).getInt64())},
                       {"items", list(q.getColumn(4).getString())},
                       {"variations", list(q.getColumn(5).getString())}});
    }
    return out;
}

void member(model::JsonText& w, std::string_view key, std::string_view value) {
    w.key(key);
    w.string(value);
}

// The file being written: `<out>.partial` until finish() renames it; removed when abandoned.
class PartialFile {
public:
    explicit PartialFile(const std::filesystem::path& out) : m_out(out), m_partial(out) {
        m_partial += ".partial";
        m_file = std::fopen(m_partial.c_str(), "wb");
    }
    ~PartialFile() {
        if (m_file) {
            std::fclose(m_file);
        }
        if (!m_done) {
            std::error_code ec;
            std::filesystem::remove(m_partial, ec);
        }
    }
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;

    bool open() const { return m_file != nullptr; }
    bool write(std::string_view text) {
        m_bytes += text.size();
        return std::fwrite(text.data(), 1, text.size(), m_file) == text.size();
    }
    std::uintmax_t bytes() const { return m_bytes; }
    // Closes and renames; false (with errno) when the data did not reach the disk.
    bool finish() {
        const bool flushed = std::fflush(m_file) == 0 && std::ferror(m_file) == 0;
        const bool closed = std::fclose(m_file) == 0;
        m_file = nullptr;
        if (!flushed || !closed) {
            return false;
        }
        std::error_code ec;
        std::filesystem::rename(m_partial, m_out, ec);
        if (ec) {
            errno = ec.value();
            return false;
        }
        m_done = true;
        return true;
    }
    const std::filesystem::path& partial() const { return m_partial; }

private:
    std::filesystem::path m_out;
    std::filesystem::path m_partial;
    std::FILE* m_file = nullptr;
    std::uintmax_t m_bytes = 0;
    bool m_done = false;
};

model::Error writeFailed(const std::filesystem::path& out) {
    return {model::ErrorCode::Io, "Cannot write " + out.string() + ": " + std::strerror(errno), {}};
}

}  // namespace

model::Result<ExportSummary> exportPretixJson(model::Store& store, const std::string& organizerSlug,
                                              const std::string& eventSlug, const std::filesystem::path& out,
                                              std::stop_token stop) {
    const model::Error cancelled{model::ErrorCode::Conflict, "The export was cancelled.", {}};
    ExportSummary summary;
    try {
        // One snapshot for the whole file; nothing is written, so the transaction is rolled back.
        model::Store::Transaction read(store, model::Store::TxMode::Deferred);
        model::EventRepository events(store);
        const auto event = events.eventBySlug(organizerSlug, eventSlug);
        if (!event) {
            return model::Error::notFound("There is no event \"" + eventSlug + "\" of organizer \"" + organizerSlug +
                                          "\" in this database.");
        }
        summary.eventId = event->id;
        const auto organizer = events.organizerBySlug(organizerSlug);
        PartialFile file(out);
        if (!file.open()) {
            return writeFailed(file.partial());
        }
        model::JsonText w;
        w.beginObject();
        w.key("event");
        w.beginObject();
        w.key("name");
        w.document(event->name.toJson());
        member(w, "slug", event->slug);
        w.key("organizer");
        w.document(json{{"name", organizer ? organizer->name : organizerSlug}, {"slug", organizerSlug}});
        w.key("meta_data");
        w.document(strings(event->metaData));
        const auto section = [&w](const char* key, const auto& rows, const auto& toJson) {
            w.key(key);
            w.beginArray();
            for (const auto& r : rows) {
                w.document(toJson(r));
            }
            w.endArray();
        };
        // The catalogue and the orders in the API's wire format, which the importer reads.
        const auto wireJson = [](const auto& row) { return model::wire::toJson(row); };
        section("categories", events.categories(event->id), wireJson);
        // pretix's export names the tax (the API has a tax rule instead), and the importer keeps it.
        section("items", events.items(event->id), [](const model::Item& item) {
            auto j = model::wire::toJson(item);
            j["tax_name"] = item.taxName;
            return j;
        });
        section("questions", events.questions(event->id), wireJson);
        w.key("orders");
        w.beginArray();
        // The header ends inside the orders list: "...,"orders":[" is written, then each order.
        std::string text = w.take();
        if (!file.write(text)) {
            return writeFailed(file.partial());
        }
        model::OrderRepository orders(store);
        Id after = 0;
        bool first = true;
        for (;;) {
            std::vector<Id> ids;
            {
                auto q = store.cached("SELECT id FROM orders WHERE event_id = ? AND id > ? ORDER BY id LIMIT ?");
                q.bind(1, event->id);
                q.bind(2, after);
                q.bind(3, kOrdersPerPage);
                while (q.executeStep()) {
                    ids.push_back(q.getColumn(0).getInt64());
                }
            }
            if (ids.empty()) {
                break;
            }
            after = ids.back();
            for (const auto& o : orders.byIds(ids)) {
                if (stop.stop_requested()) {
                    return cancelled;
                }
                model::JsonText order;
                // Check-ins are not part of the export (the importer never reads them).
                model::wire::write(order, o, std::vector<std::vector<model::Checkin>>(o.positions.size()), {});
                if (!file.write(first ? "" : ",") || !file.write(order.take())) {
                    return writeFailed(file.partial());
                }
                first = false;
                ++summary.orders;
                summary.positions += static_cast<int>(o.positions.size());
            }
        }
        // After the orders: the quotas and the dates, and the ends of the list and objects.
        json subevents = json::array();
        for (const auto& s : events.subEvents(event->id)) {
            subevents.push_back(model::wire::toJson(s));
        }
        const std::string end = "],\"quotas\":" + dumpText(quotasJson(store, event->id)) +
                                ",\"subevents\":" + dumpText(subevents) + "}}";
        if (!file.write(end) || !file.finish()) {
            return writeFailed(out);
        }
        summary.bytes = file.bytes();
    } catch (const SQLite::Exception& e) {
        return model::Error{model::ErrorCode::Io, std::string("Reading the database failed: ") + e.what(), {}};
    }
    return summary;
}

}  // namespace boxoffice::importer
