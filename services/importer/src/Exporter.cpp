// The export of an event in pretix's "Order data (JSON)" format (see Exporter.h). Field names
// follow pretix's export; where it carries less than the store holds (invoice address, payment,
// seats, pseudonymization IDs), the fields of pretix's order API are added, which the importer
// reads too.
#include "boxoffice/importer/Exporter.h"

#include <SQLiteCpp/Exception.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/JsonWriter.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::importer {

using model::Id;
using nlohmann::json;

namespace {

constexpr std::int64_t kOrdersPerPage = 500;

std::string dumpText(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json strings(const model::StringMap& m) { return m.empty() ? json::object() : json(m); }
json optId(const std::optional<Id>& v) { return v ? json(*v) : json(nullptr); }
json optTime(const std::optional<model::Timestamp>& t) { return t ? json(model::formatTimestamp(*t)) : json(nullptr); }

json categoryJson(const model::Category& c) {
    return {{"id", c.id},           {"name", c.name.toJson()},      {"internal_name", c.internalName},
            {"description", c.description.toJson()}, {"position", c.position}, {"is_addon", c.isAddon}};
}

json itemJson(const model::Item& it) {
    json variations = json::array();
    for (const auto& v : it.variations) {
        variations.push_back({{"id", v.id},
                              {"value", v.value.toJson()},
                              {"active", v.active},
                              {"price", v.defaultPrice.toString()},
                              {"description", v.description.toJson()},
                              {"position", v.position},
                              {"checkin_attention", v.checkinAttention},
                              {"meta_data", strings(v.metaData)}});
    }
    return {{"id", it.id},
            {"category", optId(it.categoryId)},
            {"name", it.name.toJson()},
            {"internal_name", it.internalName},
            {"description", it.description.toJson()},
            {"price", it.defaultPrice.toString()},
            {"tax_rate", it.taxRate.toString()},
            {"tax_name", it.taxName},
            {"admission", it.admission},
            {"personalized", it.personalized},
            {"active", it.active},
            {"checkin_attention", it.checkinAttention},
            {"position", it.position},
            {"sales_channels", it.salesChannels},
            {"meta_data", strings(it.metaData)},
            {"variations", std::move(variations)}};
}

json questionJson(const model::Question& q) {
    json options = json::array();
    for (const auto& o : q.options) {
        options.push_back({{"id", o.id}, {"identifier", o.identifier}, {"position", o.position}, {"answer", o.answer.toJson()}});
    }
    return {{"id", q.id},
            {"identifier", q.identifier},
            {"question", q.question.toJson()},
            {"help_text", q.helpText.toJson()},
            {"type", q.type},
            {"required", q.required},
            {"hidden", q.hidden},
            {"ask_during_checkin", q.askDuringCheckin},
            {"position", q.position},
            {"items", q.items},
            {"options", std::move(options)}};
}

json subEventJson(const model::SubEvent& s) {
    return {{"id", s.id},
            {"name", s.name.toJson()},
            {"location", s.location.toJson()},
            {"date_from", model::formatTimestamp(s.dateFrom)},
            {"date_to", optTime(s.dateTo)},
            {"date_admission", optTime(s.dateAdmission)},
            {"active", s.active},
            {"is_public", s.isPublic},
            {"meta_data", strings(s.metaData)},
            {"last_modified", model::formatTimestamp(s.lastModified)}};
}

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

template <class T>
void optMember(model::JsonText& w, std::string_view key, const std::optional<T>& v) {
    w.key(key);
    if (!v) {
        w.null();
    } else if constexpr (std::is_same_v<T, std::string>) {
        w.string(*v);
    } else {
        w.integer(*v);
    }
}

void member(model::JsonText& w, std::string_view key, std::string_view value) {
    w.key(key);
    w.string(value);
}

void writeInvoiceAddress(model::JsonText& w, const model::InvoiceAddress& a) {
    w.beginObject();
    w.key("last_modified");
    a.lastModified ? w.string(model::formatTimestamp(*a.lastModified)) : w.null();
    w.key("is_business");
    w.boolean(a.isBusiness);
    member(w, "company", a.company);
    member(w, "name", a.name);
    if (!a.nameParts.empty()) {
        w.key("name_parts");
        w.document(json(a.nameParts));
    }
    member(w, "street", a.street);
    member(w, "zipcode", a.zipcode);
    member(w, "city", a.city);
    member(w, "country", a.country);
    member(w, "state", a.state);
    member(w, "vat_id", a.vatId);
    w.endObject();
}

void writeSeat(model::JsonText& w, const model::OrderPosition& p) {
    w.key("seat");
    if (!p.seatParts) {
        p.seat ? w.string(*p.seat) : w.null();
        return;
    }
    const auto& s = *p.seatParts;
    w.beginObject();
    optMember(w, "id", s.id);
    member(w, "name", s.name);
    member(w, "zone_name", s.zoneName);
    member(w, "row_name", s.rowName);
    member(w, "row_label", s.rowLabel);
    member(w, "seat_number", s.seatNumber);
    member(w, "seat_label", s.seatLabel);
    if (p.seat) {
        member(w, "seat_guid", *p.seat);
    }
    w.endObject();
}

void writePosition(model::JsonText& w, const model::OrderPosition& p) {
    w.beginObject();
    w.key("id");
    w.integer(p.id);
    w.key("positionid");
    w.integer(p.positionid);
    w.key("item");
    w.integer(p.itemId);
    optMember(w, "variation", p.variationId);
    optMember(w, "subevent", p.subeventId);
    writeSeat(w, p);
    member(w, "price", p.price.toString());
    member(w, "tax_rate", p.taxRate.toString());
    member(w, "tax_value", p.taxValue.toString());
    optMember(w, "attendee_name", p.attendeeName);
    if (!p.attendeeNameParts.empty()) {
        w.key("attendee_name_parts");
        w.document(json(p.attendeeNameParts));
    }
    optMember(w, "attendee_email", p.attendeeEmail);
    optMember(w, "company", p.company);
    optMember(w, "street", p.street);
    optMember(w, "zipcode", p.zipcode);
    optMember(w, "city", p.city);
    optMember(w, "country", p.country);
    optMember(w, "state", p.state);
    optMember(w, "voucher", p.voucher);
    member(w, "secret", p.secret);
    member(w, "pseudonymization_id", p.pseudonymizationId);
    optMember(w, "addon_to", p.addonTo);
    w.key("canceled");
    w.boolean(p.canceled);
    w.key("answers");
    w.beginArray();
    for (const auto& a : p.answers) {
        w.beginObject();
        w.key("question");
        w.integer(a.questionId);
        member(w, "answer", a.answer);
        w.key("options");
        w.beginArray();
        for (Id o : a.options) {
            w.integer(o);
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

void writeOrder(model::JsonText& w, const model::Order& o) {
    w.beginObject();
    member(w, "code", o.code);
    member(w, "status", std::string(1, model::statusCode(o.status)));
    w.key("testmode");
    w.boolean(o.testmode);
    member(w, "secret", o.secret);
    member(w, "email", o.email);
    w.key("phone");
    o.phone.empty() ? w.null() : w.string(o.phone);
    member(w, "locale", o.locale);
    member(w, "comment", o.comment);
    w.key("require_approval");
    w.boolean(o.requireApproval);
    w.key("checkin_attention");
    w.boolean(o.checkinAttention);
    member(w, "sales_channel", o.salesChannel);
    w.key("expires");
    o.expires ? w.string(model::formatTimestamp(*o.expires)) : w.null();
    member(w, "datetime", model::formatTimestamp(o.datetime));
    w.key("payment_date");
    o.paymentDate ? w.string(model::formatDate(*o.paymentDate)) : w.null();
    member(w, "payment_provider", o.paymentProvider);
    member(w, "payment_fee", o.paymentFee.toString());
    member(w, "payment_fee_tax_rate", o.paymentFeeTaxRate.toString());
    member(w, "payment_fee_tax_value", o.paymentFeeTaxValue.toString());
    w.key("fees");
    w.beginArray();
    for (const auto& f : o.fees) {
        w.beginObject();
        member(w, "type", f.type);
        member(w, "description", f.description);
        member(w, "value", f.value.toString());
        w.endObject();
    }
    w.endArray();
    member(w, "total", o.total.toString());
    member(w, "last_modified", model::formatTimestamp(o.lastModified));
    w.key("invoice_address");
    o.invoiceAddress ? writeInvoiceAddress(w, *o.invoiceAddress) : w.null();
    w.key("positions");
    w.beginArray();
    for (const auto& p : o.positions) {
        writePosition(w, p);
    }
    w.endArray();
    w.endObject();
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
        section("categories", events.categories(event->id), categoryJson);
        section("items", events.items(event->id), itemJson);
        section("questions", events.questions(event->id), questionJson);
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
                writeOrder(order, o);
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
            subevents.push_back(subEventJson(s));
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
