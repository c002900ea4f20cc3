// The store check of an import: the export against what the store holds (see ImportWriter.h).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_set>

#include "ImportWriter.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::importer {

using model::Id;

namespace {

// IDs of `ids` that the query finds; ?1 is bound to a JSON array of the IDs, ?2 to the event.
std::unordered_set<Id> foundIds(model::Store& store, const char* sql, Id eventId, const std::vector<Id>& ids) {
    std::unordered_set<Id> out;
    if (ids.empty()) {
        return out;
    }
    auto q = store.cached(sql);
    q.bind(1, nlohmann::json(ids).dump());
    q.bind(2, eventId);
    while (q.executeStep()) {
        out.insert(q.getColumn(0).getInt64());
    }
    return out;
}

void knownObjects(model::Store& store, const ExportData& data, const std::optional<model::Event>& event, Known& k) {
    auto addItem = [&k](const model::Item& it) {
        auto& vars = k.itemVariations[it.id];
        for (const auto& v : it.variations) {
            vars.insert(v.id);
            k.variations.insert(v.id);
        }
    };
    auto addQuestion = [&k](const model::Question& q) {
        auto& opts = k.questionOptions[q.id];
        for (const auto& o : q.options) {
            opts.insert(o.id);
        }
    };
    if (event) {
        model::EventRepository events(store);
        for (const auto& c : events.categories(event->id)) {
            k.categories.insert(c.id);
        }
        for (const auto& it : events.items(event->id)) {
            addItem(it);
        }
        for (const auto& q : events.questions(event->id)) {
            addQuestion(q);
        }
        for (const auto& s : events.subEvents(event->id)) {
            k.subevents.insert(s.id);
        }
    }
    for (const auto& c : data.categories) {
        k.categories.insert(c.id);
    }
    for (const auto& it : data.items) {
        addItem(it);
    }
    for (const auto& q : data.questions) {
        addQuestion(q);
    }
    for (const auto& s : data.subevents) {
        k.subevents.insert(s.id);
    }
}

template <class T, class GetId>
void checkForeign(model::Store& store, Id eventId, const char* sql, const std::vector<T>& rows, const char* section,
                  const char* what, GetId getId, Problems& problems) {
    std::vector<Id> ids;
    ids.reserve(rows.size());
    for (const auto& r : rows) {
        ids.push_back(getId(r));
    }
    const auto foreign = foundIds(store, sql, eventId, ids);
    for (std::size_t i = 0; i < rows.size() && !foreign.empty(); ++i) {
        if (foreign.count(ids[i])) {
            problems.add(std::string(section) + "[" + std::to_string(i) + "].id",
                         std::string(what) + " ID " + std::to_string(ids[i]) +
                             " already belongs to another event in this database");
        }
    }
}

void checkCatalogueOfOtherEvents(model::Store& store, const ExportData& data, Id eventId, Problems& problems) {
    auto id = [](const auto& r) { return r.id; };
    checkForeign(store, eventId, "SELECT id FROM category WHERE id IN (SELECT value FROM json_each(?1)) AND event_id != ?2",
                 data.categories, "categories", "category", id, problems);
    checkForeign(store, eventId, "SELECT id FROM item WHERE id IN (SELECT value FROM json_each(?1)) AND event_id != ?2",
                 data.items, "items", "product", id, problems);
    checkForeign(store, eventId, "SELECT id FROM question WHERE id IN (SELECT value FROM json_each(?1)) AND event_id != ?2",
                 data.questions, "questions", "question", id, problems);
    checkForeign(store, eventId, "SELECT id FROM subevent WHERE id IN (SELECT value FROM json_each(?1)) AND event_id != ?2",
                 data.subevents, "subevents", "date", id, problems);
    checkForeign(store, eventId, "SELECT id FROM quota WHERE id IN (SELECT value FROM json_each(?1)) AND event_id != ?2",
                 data.quotas, "quotas", "quota", id, problems);
    std::vector<Id> variations;
    for (const auto& it : data.items) {
        for (const auto& v : it.variations) {
            variations.push_back(v.id);
        }
    }
    const auto foreignVariations = foundIds(
        store,
        "SELECT v.id FROM variation v JOIN item i ON i.id = v.item_id "
        "WHERE v.id IN (SELECT value FROM json_each(?1)) AND i.event_id != ?2",
        eventId, variations);
    for (Id v : foreignVariations) {
        problems.add("items", "variation ID " + std::to_string(v) + " already belongs to another event in this database");
    }
}

// Positions of the file that another event holds, in the file's order.
void checkPositionsOfOtherEvents(model::Store& store, const OrderKeys& keys, Id eventId, Problems& problems) {
    if (keys.positions.size() == 0) {
        return;
    }
    auto q = store.cached("SELECT id FROM order_position WHERE event_id <> ?");
    q.bind(1, eventId);
    std::vector<std::pair<FilePlace, Id>> found;
    while (q.executeStep()) {
        const Id id = q.getColumn(0).getInt64();
        if (const auto* place = keys.positions.find(id)) {
            found.emplace_back(unpack(*place), id);
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [place, id] : found) {
        problems.add(place.path() + ".id",
                     "position ID " + std::to_string(id) + " already belongs to another event in this database");
    }
}

// Secrets of the file that another position of the event holds, in the file's order.
void checkSecrets(model::Store& store, const OrderKeys& keys, Id eventId, Problems& problems) {
    if (keys.secrets.size() == 0) {
        return;
    }
    auto q = store.cached("SELECT secret, id FROM order_position WHERE event_id = ?");
    q.bind(1, eventId);
    std::vector<std::pair<FilePlace, Id>> found;
    while (q.executeStep()) {
        const auto* secret = static_cast<const char*>(q.getColumn(0).getBlob());
        const auto* entry = keys.secrets.find(std::string_view(secret, static_cast<std::size_t>(q.getColumn(0).getBytes())));
        const Id owner = q.getColumn(1).getInt64();
        if (entry && entry->extra != owner) {
            found.emplace_back(unpack(entry->value), owner);
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [place, owner] : found) {
        problems.add(place.path() + ".secret", "this ticket secret already belongs to position " + std::to_string(owner));
    }
}

void checkCatalogueReferences(const ExportData& data, const Known& k, Problems& problems) {
    for (std::size_t i = 0; i < data.items.size(); ++i) {
        const auto& c = data.items[i].categoryId;
        if (c && !k.categories.count(*c)) {
            problems.add("items[" + std::to_string(i) + "].category", "unknown category " + std::to_string(*c));
        }
    }
    for (std::size_t i = 0; i < data.questions.size(); ++i) {
        for (Id item : data.questions[i].items) {
            if (!k.itemVariations.count(item)) {
                problems.add("questions[" + std::to_string(i) + "].items", "unknown product " + std::to_string(item));
            }
        }
    }
    for (std::size_t i = 0; i < data.quotas.size(); ++i) {
        const auto& q = data.quotas[i];
        const auto path = "quotas[" + std::to_string(i) + "]";
        for (Id item : q.items) {
            if (!k.itemVariations.count(item)) {
                problems.add(path + ".items", "unknown product " + std::to_string(item));
            }
        }
        for (Id v : q.variations) {
            if (!k.variations.count(v)) {
                problems.add(path + ".variations", "unknown variation " + std::to_string(v));
            }
        }
        if (q.subeventId && !k.subevents.count(*q.subeventId)) {
            problems.add(path + ".subevent", "unknown date " + std::to_string(*q.subeventId));
        }
    }
}

void loadExisting(model::Store& store, Id eventId, StoreState& state) {
    model::EventRepository events(store);
    for (const auto& c : events.categories(eventId)) {
        state.categoryAddon.emplace(c.id, c.isAddon);
    }
    for (const auto& q : events.questions(eventId)) {
        state.questionItems.emplace(q.id, q.items);
    }
}

}  // namespace

Problems StoreProblems::all() const {
    Problems out = before;
    out.append(orderReferences);
    out.append(secrets);
    return out;
}

StoreState checkAgainstStore(model::Store& store, const FileCheck& file, StoreProblems& problems) {
    const ExportData& data = file.data;
    StoreState state;
    state.event = model::EventRepository(store).eventBySlug(data.organizerSlug, data.eventSlug);
    const Id eventId = state.event ? state.event->id : 0;
    checkCatalogueOfOtherEvents(store, data, eventId, problems.before);
    checkPositionsOfOtherEvents(store, file.keys, eventId, problems.before);
    knownObjects(store, data, state.event, state.known);
    checkCatalogueReferences(data, state.known, problems.before);
    if (state.event) {
        checkSecrets(store, file.keys, eventId, problems.secrets);
        loadExisting(store, eventId, state);
    }
    return state;
}

void checkOrderReferences(const model::Order& order, std::size_t index, const Known& k, Problems& problems) {
    const auto& positions = order.positions;
    for (std::size_t p = 0; p < positions.size(); ++p) {
        const auto& pos = positions[p];
        const auto path = "orders[" + std::to_string(index) + "].positions[" + std::to_string(p) + "]";
        auto item = k.itemVariations.find(pos.itemId);
        if (item == k.itemVariations.end()) {
            problems.add(path + ".item", "unknown product " + std::to_string(pos.itemId));
        } else if (pos.variationId && !item->second.count(*pos.variationId)) {
            problems.add(path + ".variation", "unknown variation " + std::to_string(*pos.variationId) +
                                                  " of product " + std::to_string(pos.itemId));
        }
        if (pos.subeventId && !k.subevents.count(*pos.subeventId)) {
            problems.add(path + ".subevent", "unknown date " + std::to_string(*pos.subeventId));
        }
        for (std::size_t a = 0; a < pos.answers.size(); ++a) {
            const auto& ans = pos.answers[a];
            const auto apath = path + ".answers[" + std::to_string(a) + "]";
            auto q = k.questionOptions.find(ans.questionId);
            if (q == k.questionOptions.end()) {
                problems.add(apath + ".question", "unknown question " + std::to_string(ans.questionId));
                continue;
            }
            for (Id opt : ans.options) {
                if (!q->second.count(opt)) {
                    problems.add(apath + ".options", "unknown option " + std::to_string(opt) + " of question " +
                                                         std::to_string(ans.questionId));
                }
            }
        }
    }
}

}  // namespace boxoffice::importer
