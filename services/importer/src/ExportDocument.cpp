#include "ExportDocument.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "boxoffice/model/Wire.h"

namespace boxoffice::importer {

using nlohmann::json;
namespace wire = model::wire;

void Problems::add(const std::string& path, const std::string& message) {
    if (m_first.size() < kReported) {
        // The model's messages are sentences ("This field is required."); the list adds its own
        // punctuation.
        std::string text = message;
        if (!text.empty() && text.back() == '.') {
            text.pop_back();
        }
        m_first.push_back(path.empty() ? text : path + ": " + text);
    }
    ++m_count;
}

void Problems::addFields(const std::string& prefix, const model::FieldErrors& errors) {
    for (const auto& [key, messages] : errors) {
        // "positions.0.item" -> "positions[0].item"; "non_field_errors" names the object itself.
        std::string path = prefix;
        if (!path.empty() && path.back() == '.') {
            path.pop_back();
        }
        std::size_t start = 0;
        while (start <= key.size()) {
            const std::size_t dot = std::min(key.find('.', start), key.size());
            const std::string part = key.substr(start, dot - start);
            const bool index = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
            if (index) {
                path += "[" + part + "]";
            } else if (part != "non_field_errors") {
                path += (path.empty() ? "" : ".") + part;
            }
            start = dot + 1;
        }
        for (const auto& m : messages) {
            add(path, m);
        }
    }
}

void Problems::append(const Problems& other) {
    for (const auto& m : other.m_first) {
        if (m_first.size() < kReported) {
            m_first.push_back(m);
        }
    }
    m_count += other.m_count;
}

std::string Problems::message() const {
    std::string out = "The file cannot be imported (" + std::to_string(m_count) +
                      (m_count == 1 ? " problem): " : " problems): ");
    for (std::size_t i = 0; i < m_first.size(); ++i) {
        out += (i ? "; " : "") + m_first[i];
    }
    if (m_count > m_first.size()) {
        out += "; and " + std::to_string(m_count - m_first.size()) + " more";
    }
    return out + ".";
}

int ExportData::variationCount() const {
    std::size_t n = 0;
    for (const auto& it : items) {
        n += it.variations.size();
    }
    return static_cast<int>(n);
}

namespace {

constexpr const char* kNotAnExport = "This is not a pretix order data export: ";

std::string indexed(const char* section, std::size_t i) { return std::string(section) + "[" + std::to_string(i) + "]"; }

// The array `key` of the event object; absent or null is an empty section.
const json* section(const json& event, const char* key, Problems& problems, bool required = false) {
    auto it = event.find(key);
    if (it == event.end() || it->is_null()) {
        if (required) {
            problems.add(key, "missing; an order data export always has this list");
        }
        return nullptr;
    }
    if (!it->is_array()) {
        problems.add(key, std::string("expected a list, found ") + it->type_name());
        return nullptr;
    }
    return &*it;
}

std::string text(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// pretix's slug rule as this importer applies it to organizers and events: a letter or digit, then
// letters, digits, dots, dashes and underscores (regex ^[a-zA-Z0-9][a-zA-Z0-9.\-_]*$), at most
// kMaxSlugLength characters. Slugs name directories and URL segments, so "../../etc" or "a/b" must
// never get in.
constexpr std::size_t kMaxSlugLength = 50;

bool isSlugLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void checkSlug(const std::string& slug, const std::string& path, Problems& problems) {
    if (slug.empty()) {
        return;  // reported as missing
    }
    const bool valid = slug.size() <= kMaxSlugLength && isSlugLetterOrDigit(slug.front()) &&
                       std::all_of(slug.begin(), slug.end(), [](char c) {
                           return isSlugLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
                       });
    if (!valid) {
        const std::string shown =
            json(slug.substr(0, 2 * kMaxSlugLength)).dump(-1, ' ', false, json::error_handler_t::replace);
        problems.add(path, shown +
                               " is not a valid slug: it must start with a letter or digit, contain only "
                               "letters, digits, dots, dashes and underscores, and be at most " +
                               std::to_string(kMaxSlugLength) + " characters long");
    }
}

template <class Map>
void checkUnique(Map& seen, model::Id id, const std::string& path, const char* what, Problems& problems) {
    if (!seen.emplace(id, path).second) {
        problems.add(path + ".id", std::string("duplicate ") + what + " ID " + std::to_string(id) + " (also at " +
                                       seen[id] + ")");
    }
}

std::optional<model::Id> idValue(const json& v) {
    if (v.is_number_integer()) {
        return v.get<model::Id>();
    }
    return std::nullopt;
}

void readCatalogue(const json& event, ExportData& data, Problems& problems) {
    std::unordered_map<model::Id, std::string> seen;
    if (const auto* cats = section(event, "categories", problems)) {
        for (std::size_t i = 0; i < cats->size(); ++i) {
            const auto path = indexed("categories", i);
            auto c = wire::categoryFromJson((*cats)[i]);
            if (!c) {
                problems.addFields(path + ".", c.error().fields);
                continue;
            }
            checkUnique(seen, c->id, path, "category", problems);
            data.categoryAddonGiven.push_back((*cats)[i].contains("is_addon"));
            data.categories.push_back(std::move(c.value()));
        }
    }
    seen.clear();
    std::unordered_map<model::Id, std::string> seenVariations;
    if (const auto* items = section(event, "items", problems)) {
        for (std::size_t i = 0; i < items->size(); ++i) {
            const auto path = indexed("items", i);
            auto it = wire::itemFromJson((*items)[i]);
            if (!it) {
                problems.addFields(path + ".", it.error().fields);
                continue;
            }
            checkUnique(seen, it->id, path, "product", problems);
            for (std::size_t v = 0; v < it->variations.size(); ++v) {
                checkUnique(seenVariations, it->variations[v].id, path + ".variations[" + std::to_string(v) + "]",
                            "variation", problems);
            }
            data.items.push_back(std::move(it.value()));
        }
    }
    seen.clear();
    std::unordered_map<model::Id, std::string> seenOptions;
    if (const auto* questions = section(event, "questions", problems)) {
        for (std::size_t i = 0; i < questions->size(); ++i) {
            const auto path = indexed("questions", i);
            auto q = wire::questionFromJson((*questions)[i]);
            if (!q) {
                problems.addFields(path + ".", q.error().fields);
                continue;
            }
            checkUnique(seen, q->id, path, "question", problems);
            for (std::size_t o = 0; o < q->options.size(); ++o) {
                checkUnique(seenOptions, q->options[o].id, path + ".options[" + std::to_string(o) + "]",
                            "question option", problems);
            }
            data.questionItemsGiven.push_back((*questions)[i].contains("items"));
            data.questions.push_back(std::move(q.value()));
        }
    }
    seen.clear();
    if (const auto* subevents = section(event, "subevents", problems)) {
        for (std::size_t i = 0; i < subevents->size(); ++i) {
            const auto path = indexed("subevents", i);
            auto s = wire::subEventFromJson((*subevents)[i]);
            if (!s) {
                problems.addFields(path + ".", s.error().fields);
                continue;
            }
            checkUnique(seen, s->id, path, "date", problems);
            data.subevents.push_back(std::move(s.value()));
        }
    }
}

void readQuotas(const json& event, ExportData& data, Problems& problems) {
    std::unordered_map<model::Id, std::string> seen;
    const auto* quotas = section(event, "quotas", problems);
    if (!quotas) {
        return;
    }
    for (std::size_t i = 0; i < quotas->size(); ++i) {
        const auto path = indexed("quotas", i);
        const json& j = (*quotas)[i];
        if (!j.is_object()) {
            problems.add(path, std::string("expected an object, found ") + j.type_name());
            continue;
        }
        QuotaRecord q;
        auto id = j.contains("id") ? idValue(j["id"]) : std::nullopt;
        if (!id) {
            problems.add(path + ".id", "a quota needs an integer ID");
            continue;
        }
        q.id = *id;
        if (j.contains("size") && !j["size"].is_null()) {
            if (!j["size"].is_number_integer()) {
                problems.add(path + ".size", "expected an integer or null");
            } else {
                q.size = j["size"].get<std::int64_t>();
            }
        }
        if (j.contains("subevent") && !j["subevent"].is_null()) {
            q.subeventId = idValue(j["subevent"]);
            if (!q.subeventId) {
                problems.add(path + ".subevent", "expected an integer ID or null");
            }
        }
        if (j.contains("name") && j["name"].is_string()) {
            q.name = j["name"].get<std::string>();
        }
        for (const char* key : {"items", "variations"}) {
            if (!j.contains(key) || j[key].is_null()) {
                continue;
            }
            if (!j[key].is_array()) {
                problems.add(path + "." + key, "expected a list of IDs");
                continue;
            }
            auto& out = std::string(key) == "items" ? q.items : q.variations;
            for (const auto& e : j[key]) {
                if (auto v = idValue(e)) {
                    out.push_back(*v);
                } else {
                    problems.add(path + "." + key, "expected a list of IDs");
                    break;
                }
            }
        }
        checkUnique(seen, q.id, path, "quota", problems);
        data.quotas.push_back(std::move(q));
    }
}

std::string describeOtherShape(const std::vector<std::string>& topKeys) {
    auto has = [&topKeys](const char* key) { return std::find(topKeys.begin(), topKeys.end(), key) != topKeys.end(); };
    if (has("results") && has("count")) {
        return " (it looks like one page of a pretix API list; use the \"Order data (JSON)\" export instead)";
    }
    return "";
}

// The event's own fields: slugs, organizer, name, meta data.
void readHeader(const json& event, ExportData& data, Problems& problems) {
    data.eventSlug = text(event, "slug");
    if (data.eventSlug.empty()) {
        problems.add("event.slug", "missing; the event's slug identifies it");
    }
    checkSlug(data.eventSlug, "event.slug", problems);
    auto org = event.find("organizer");
    if (org == event.end() || !org->is_object()) {
        problems.add("event.organizer", "missing; the organizer object identifies the event");
    } else {
        data.organizerSlug = text(*org, "slug");
        data.organizerName = text(*org, "name");
        if (data.organizerSlug.empty()) {
            problems.add("event.organizer.slug", "missing; the organizer's slug identifies the event");
        }
        checkSlug(data.organizerSlug, "event.organizer.slug", problems);
    }
    if (auto name = event.find("name"); name != event.end() && (name->is_string() || name->is_object())) {
        data.eventName = model::I18nString::fromJson(*name, "en");
    }
    if (data.eventName.empty()) {
        data.eventName = model::I18nString::plain(data.eventSlug, "en");
    }
    if (data.organizerName.empty()) {
        data.organizerName = data.organizerSlug;
    }
    if (auto meta = event.find("meta_data"); meta != event.end() && !meta->is_null()) {
        data.eventMetaGiven = true;
        if (!meta->is_object()) {
            problems.add("event.meta_data", std::string("expected an object, found ") + meta->type_name());
        } else {
            for (const auto& [key, value] : meta->items()) {
                if (value.is_string()) {
                    data.eventMeta.emplace(key, value.get<std::string>());
                } else if (!value.is_null()) {
                    data.eventMeta.emplace(key, value.dump());
                }
            }
        }
    }
}

}  // namespace

std::optional<ReadOrder> readOrder(const json& j, std::size_t index, Problems& problems, OrderKeys* keys) {
    const auto path = indexed("orders", index);
    auto o = wire::orderFromJson(j);
    if (!o) {
        problems.addFields(path + ".", o.error().fields);
        return std::nullopt;
    }
    if (o->code.empty()) {
        problems.add(path + ".code", "an order needs a code");
    } else if (keys) {
        if (auto seen = keys->codes.insert(o->code, {index, 0})) {
            problems.add(path + ".code",
                         "duplicate order code " + o->code + " (also at " + indexed("orders", seen->value) + ")");
        }
    }
    ReadOrder out;
    auto& presence = out.presence;
    presence.secret = j.contains("secret");
    presence.invoiceAddress = j.contains("invoice_address");
    presence.paymentProvider = j.contains("payment_provider");
    presence.paymentDate = j.contains("payment_date");
    const json& rawPositions = j.at("positions");
    std::vector<model::Id> inOrder;
    for (std::size_t p = 0; p < o->positions.size(); ++p) {
        const FilePlace place{static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(p)};
        const json& rp = rawPositions[p];
        const auto& pos = o->positions[p];
        if (!rp.contains("id") || !idValue(rp["id"]) || pos.id <= 0) {
            problems.add(place.path() + ".id", "a position needs a positive integer ID");
        } else {
            if (keys) {
                if (auto seen = keys->positions.insert(pos.id, pack(place))) {
                    problems.add(place.path() + ".id", "duplicate position ID " + std::to_string(pos.id) +
                                                           " (also at " + unpack(*seen).path() + ")");
                }
            }
            inOrder.push_back(pos.id);
        }
        if (keys) {
            if (auto seen = keys->secrets.insert(pos.secret, {pack(place), pos.id})) {
                problems.add(place.path() + ".secret", "the same ticket secret is used at " + unpack(seen->value).path());
            }
        }
        presence.positions.push_back({rp.contains("pseudonymization_id"), rp.contains("city"), rp.contains("voucher")});
    }
    for (std::size_t p = 0; p < o->positions.size(); ++p) {
        const auto& pos = o->positions[p];
        if (pos.addonTo &&
            (std::find(inOrder.begin(), inOrder.end(), *pos.addonTo) == inOrder.end() || *pos.addonTo == pos.id)) {
            problems.add(path + ".positions[" + std::to_string(p) + "].addon_to",
                         "unknown position " + std::to_string(*pos.addonTo) + " (an add-on belongs to a position of its own order)");
        }
    }
    out.order = std::move(o.value());
    return out;
}

model::Result<FileCheck> checkFile(ExportSource& source, const StreamControl& control) {
    FileCheck out;
    Problems orderProblems;
    const auto onOrder = [&out, &orderProblems](std::size_t index, json& order) {
        if (auto read = readOrder(order, index, orderProblems, &out.keys)) {
            out.data.positions += read->order.positions.size();
        }
    };
    auto shape = streamExport(source, control, onOrder);
    if (!shape) {
        return shape.error();
    }
    const json& document = shape->skeleton;
    if (!document.is_object()) {
        return model::Error{model::ErrorCode::Unsupported,
                            std::string(kNotAnExport) + "the file holds a JSON " + document.type_name() +
                                ", not an object with an \"event\".",
                            {}};
    }
    auto ev = document.find("event");
    if (ev == document.end() || !ev->is_object()) {
        return model::Error{model::ErrorCode::Unsupported,
                            std::string(kNotAnExport) + "no \"event\" object" + describeOtherShape(shape->topKeys) + ".",
                            {}};
    }
    const json& event = *ev;
    ExportData& data = out.data;
    data.orders = shape->orders;
    Problems problems;
    for (const auto& name : shape->repeated) {
        problems.add(name, "given more than once; an export has one");
    }
    readHeader(event, data, problems);
    readCatalogue(event, data, problems);
    readQuotas(event, data, problems);
    if (!shape->ordersStreamed) {
        section(event, "orders", problems, true);
    }
    problems.append(orderProblems);
    if (!problems.empty()) {
        return model::Error::badInput(problems.message());
    }
    out.digest = source.digest();
    return out;
}

}  // namespace boxoffice::importer
