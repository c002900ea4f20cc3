// Phase two of an import: the export against the store (see ImportWriter.h).
#include <nlohmann/json.hpp>

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

struct Known {
    std::unordered_set<Id> categories;
    std::unordered_map<Id, std::unordered_set<Id>> itemVariations;  // product -> its variations
    std::unordered_set<Id> variations;
    std::unordered_map<Id, std::unordered_set<Id>> questionOptions;
    std::unordered_set<Id> subevents;
};

Known knownObjects(model::Store& store, const ExportData& data, const std::optional<model::Event>& event) {
    Known k;
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
    return k;
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

void checkIdsOfOtherEvents(model::Store& store, const ExportData& data, Id eventId, Problems& problems) {
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
    std::vector<Id> positions;
    for (const auto& o : data.orders) {
        for (const auto& p : o.positions) {
            positions.push_back(p.id);
        }
    }
    const auto foreignPositions = foundIds(
        store, "SELECT id FROM order_position WHERE id IN (SELECT value FROM json_each(?1)) AND event_id != ?2",
        eventId, positions);
    for (std::size_t o = 0; o < data.orders.size() && !foreignPositions.empty(); ++o) {
        for (std::size_t p = 0; p < data.orders[o].positions.size(); ++p) {
            const Id pid = data.orders[o].positions[p].id;
            if (foreignPositions.count(pid)) {
                problems.add("orders[" + std::to_string(o) + "].positions[" + std::to_string(p) + "].id",
                             "position ID " + std::to_string(pid) + " already belongs to another event in this database");
            }
        }
    }
}

void checkSecrets(model::Store& store, const ExportData& data, Id eventId, Problems& problems) {
    std::vector<std::string> secrets;
    for (const auto& o : data.orders) {
        for (const auto& p : o.positions) {
            secrets.push_back(p.secret);
        }
    }
    if (secrets.empty()) {
        return;
    }
    auto q = store.cached(
        "SELECT secret, id FROM order_position WHERE event_id = ?2 AND secret IN (SELECT value FROM json_each(?1))");
    q.bind(1, nlohmann::json(secrets).dump());
    q.bind(2, eventId);
    std::unordered_map<std::string, Id> owner;
    while (q.executeStep()) {
        owner.emplace(q.getColumn(0).getString(), q.getColumn(1).getInt64());
    }
    for (std::size_t o = 0; o < data.orders.size() && !owner.empty(); ++o) {
        for (std::size_t p = 0; p < data.orders[o].positions.size(); ++p) {
            const auto& pos = data.orders[o].positions[p];
            auto it = owner.find(pos.secret);
            if (it != owner.end() && it->second != pos.id) {
                problems.add("orders[" + std::to_string(o) + "].positions[" + std::to_string(p) + "].secret",
                             "this ticket secret already belongs to position " + std::to_string(it->second));
            }
        }
    }
}

void checkReferences(const ExportData& data, const Known& k, Problems& problems) {
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
    for (std::size_t o = 0; o < data.orders.size(); ++o) {
        const auto& positions = data.orders[o].positions;
        for (std::size_t p = 0; p < positions.size(); ++p) {
            const auto& pos = positions[p];
            const auto path = "orders[" + std::to_string(o) + "].positions[" + std::to_string(p) + "]";
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
}

void loadExisting(model::Store& store, Id eventId, StoreState& state) {
    model::EventRepository events(store);
    for (const auto& c : events.categories(eventId)) {
        state.categoryAddon.emplace(c.id, c.isAddon);
    }
    for (const auto& q : events.questions(eventId)) {
        state.questionItems.emplace(q.id, q.items);
    }
    auto oq = store.cached(
        "SELECT o.code, o.id, o.secret, o.payment_provider, o.payment_date, ia.order_id, ia.last_modified, "
        "ia.company, ia.name, ia.street, ia.zipcode, ia.city, ia.country, ia.state, ia.vat_id, ia.is_business "
        "FROM orders o LEFT JOIN invoice_address ia ON ia.order_id = o.id WHERE o.event_id = ?");
    oq.bind(1, eventId);
    while (oq.executeStep()) {
        ExistingOrder e;
        e.id = oq.getColumn(1).getInt64();
        e.secret = oq.getColumn(2).getString();
        e.paymentProvider = oq.getColumn(3).getString();
        if (!oq.getColumn(4).isNull()) {
            e.paymentDate = model::dateFromStorage(oq.getColumn(4).getInt64());
        }
        if (!oq.getColumn(5).isNull()) {
            model::InvoiceAddress a;
            if (!oq.getColumn(6).isNull()) {
                a.lastModified = model::fromStorage(oq.getColumn(6).getInt64());
            }
            a.company = oq.getColumn(7).getString();
            a.name = oq.getColumn(8).getString();
            a.street = oq.getColumn(9).getString();
            a.zipcode = oq.getColumn(10).getString();
            a.city = oq.getColumn(11).getString();
            a.country = oq.getColumn(12).getString();
            a.state = oq.getColumn(13).getString();
            a.vatId = oq.getColumn(14).getString();
            a.isBusiness = oq.getColumn(15).getInt() != 0;
            e.invoiceAddress = std::move(a);
        }
        state.orders.emplace(oq.getColumn(0).getString(), std::move(e));
    }
    auto pq = store.cached("SELECT id, pseudonymization_id, city, voucher FROM order_position WHERE event_id = ?");
    pq.bind(1, eventId);
    while (pq.executeStep()) {
        ExistingPosition p;
        p.pseudonymizationId = pq.getColumn(1).getString();
        if (!pq.getColumn(2).isNull()) {
            p.city = pq.getColumn(2).getString();
        }
        if (!pq.getColumn(3).isNull()) {
            p.voucher = pq.getColumn(3).getInt64();
        }
        state.positions.emplace(pq.getColumn(0).getInt64(), std::move(p));
    }
}

}  // namespace

model::Result<StoreState> checkAgainstStore(model::Store& store, const ExportData& data) {
    StoreState state;
    state.event = model::EventRepository(store).eventBySlug(data.organizerSlug, data.eventSlug);
    const Id eventId = state.event ? state.event->id : 0;
    Problems problems;
    checkIdsOfOtherEvents(store, data, eventId, problems);
    checkReferences(data, knownObjects(store, data, state.event), problems);
    if (state.event) {
        checkSecrets(store, data, eventId, problems);
    }
    if (!problems.empty()) {
        return model::Error::badInput(problems.message());
    }
    if (state.event) {
        loadExisting(store, eventId, state);
    }
    return state;
}

}  // namespace boxoffice::importer
