// Creating an order through the API (ApiOrders.h): pretix's checks of POST orders/, then the quota
// check and the writing inside one transaction.
#include "boxoffice/sales/ApiOrders.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "Common.h"
#include "Secrets.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/sales/Availability.h"

namespace boxoffice::sales {

using model::Id;
using model::Money;
using nlohmann::json;
using namespace detail;

namespace {

constexpr const char* kSecretTaken = "You cannot assign a position secret that already exists.";

std::optional<Id> idField(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    return it->get<Id>();
}

std::string textField(const json& j, const char* key, std::string fallback = {}) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool present(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && !it->is_null();
}

bool secretTakenHere(model::Store& store, Id eventId, const std::string& secret) {
    auto q = store.cached("SELECT 1 FROM order_position WHERE event_id = ? AND secret = ?");
    q.bind(1, eventId);
    q.bind(2, secret);
    return q.executeStep();
}

bool codeTakenHere(model::Store& store, Id eventId, const std::string& code) {
    auto q = store.cached("SELECT 1 FROM orders WHERE event_id = ? AND code = ?");
    q.bind(1, eventId);
    q.bind(2, code);
    return q.executeStep();
}

// Reads and checks the body against the event's catalogue, collecting pretix's field errors.
class OrderReader {
public:
    OrderReader(model::Store& store, Id eventId) : m_store(store), m_eventId(eventId) {
        model::EventRepository events(store);
        for (auto& item : events.items(eventId)) {
            m_items.emplace(item.id, std::move(item));
        }
        for (auto& q : events.questions(eventId)) {
            m_questions.emplace(q.id, std::move(q));
        }
    }

    std::optional<model::Order> read(const json& body) {
        model::Order o;
        o.eventId = m_eventId;
        readHead(body, o);
        auto positions = body.find("positions");
        if (positions == body.end() || !positions->is_array() || positions->empty()) {
            m_errors["positions"].push_back(positions == body.end() ? kRequired : "An order cannot be empty.");
            return std::nullopt;
        }
        for (std::size_t i = 0; i < positions->size(); ++i) {
            readPosition((*positions)[i], i, o);
        }
        if (!m_errors.empty()) {
            return std::nullopt;
        }
        return o;
    }

    model::FieldErrors& errors() { return m_errors; }

private:
    std::string path(std::size_t i, const std::string& field) const {
        return "positions." + std::to_string(i) + "." + field;
    }

    void readHead(const json& body, model::Order& o) {
        const std::string status = textField(body, "status", "n");
        if (status == "p") {
            o.status = model::OrderStatus::Paid;
        } else if (status == "n") {
            o.status = model::OrderStatus::Pending;
        } else {
            m_errors["status"].push_back("\"" + status + "\" is not a valid choice.");
        }
        if (present(body, "code")) {
            o.code = textField(body, "code");
            const bool wellFormed = !o.code.empty() && o.code.size() <= 16 &&
                                    std::all_of(o.code.begin(), o.code.end(), [](char c) {
                                        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                                    });
            if (!wellFormed) {
                m_errors["code"].push_back("Enter a valid order code.");
            } else if (codeTakenHere(m_store, m_eventId, o.code)) {
                m_errors["code"].push_back("This order code is already in use.");
            }
        }
        o.email = textField(body, "email");
        o.phone = textField(body, "phone");
        o.locale = textField(body, "locale", "en");
        o.comment = textField(body, "comment");
        o.salesChannel = textField(body, "sales_channel", "web");
        o.paymentProvider = textField(body, "payment_provider");
        o.testmode = body.value("testmode", false);
        o.datetime = model::now();
        if (present(body, "datetime")) {
            auto t = model::parseTimestamp(textField(body, "datetime"));
            if (!t) {
                m_errors["datetime"].push_back("Datetime has wrong format. Use one of these formats instead: "
                                               "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
            } else {
                o.datetime = *t;
            }
        }
        o.lastModified = model::now();
        if (o.status == model::OrderStatus::Paid) {
            auto paid = present(body, "payment_date") ? model::parseTimestamp(textField(body, "payment_date"))
                                                     : std::optional<model::Timestamp>(o.datetime);
            if (!paid) {
                m_errors["payment_date"].push_back("Datetime has wrong format.");
            } else {
                o.paymentDate = model::Date{std::chrono::floor<std::chrono::days>(*paid)};
            }
        }
    }

    void readPosition(const json& pj, std::size_t i, model::Order& o) {
        if (!pj.is_object()) {
            m_errors[path(i, "non_field_errors")].push_back("Invalid data. Expected a dictionary.");
            return;
        }
        model::OrderPosition p;
        p.positionid = static_cast<int>(i) + 1;
        if (auto given = idField(pj, "positionid"); given && *given != p.positionid) {
            m_errors[path(i, "positionid")].push_back("If you set position IDs manually, you need to do so for all "
                                                      "positions and they need to start at 1 and increase by one.");
        }
        const auto itemId = idField(pj, "item");
        auto item = itemId ? m_items.find(*itemId) : m_items.end();
        if (!itemId) {
            m_errors[path(i, "item")].push_back(kRequired);
        } else if (item == m_items.end()) {
            m_errors[path(i, "item")].push_back(invalidPk(*itemId));
        }
        if (item == m_items.end()) {
            o.positions.push_back(std::move(p));
            return;
        }
        p.itemId = item->first;
        Money price = item->second.defaultPrice;
        p.variationId = idField(pj, "variation");
        if (item->second.hasVariations()) {
            const auto& vs = item->second.variations;
            auto v = p.variationId ? std::find_if(vs.begin(), vs.end(), [&](const auto& x) { return x.id == *p.variationId; })
                                   : vs.end();
            if (!p.variationId) {
                m_errors[path(i, "variation")].push_back("You should specify a variation for this item.");
            } else if (v == vs.end()) {
                m_errors[path(i, "variation")].push_back(invalidPk(*p.variationId));
            } else {
                price = v->defaultPrice;
            }
        } else if (p.variationId) {
            m_errors[path(i, "variation")].push_back("You cannot specify a variation for this item.");
        }
        if (present(pj, "price")) {
            auto given = pj["price"].is_string() ? Money::parse(pj["price"].get<std::string>()) : std::nullopt;
            if (!given) {
                m_errors[path(i, "price")].push_back("A valid number is required.");
            } else {
                price = *given;
            }
        }
        if (auto parent = idField(pj, "addon_to")) {
            if (*parent < 1 || *parent >= p.positionid || o.positions[static_cast<std::size_t>(*parent - 1)].addonTo) {
                m_errors[path(i, "addon_to")].push_back(
                    "If you set addon_to, you need to make sure that the referenced position ID exists and is "
                    "transmitted directly before its add-ons.");
            } else {
                p.addonTo = *parent;  // a positionid until the IDs are given
            }
        }
        p.price = price;
        p.taxRate = item->second.taxRate;
        p.taxValue = includedTax(price, item->second.taxRate);
        if (auto name = textField(pj, "attendee_name"); !blank(name)) {
            p.attendeeName = name;
        }
        if (auto mail = textField(pj, "attendee_email"); !mail.empty()) {
            p.attendeeEmail = mail;
        }
        if (present(pj, "secret")) {
            p.secret = textField(pj, "secret");
            const bool repeated = std::any_of(o.positions.begin(), o.positions.end(),
                                              [&](const auto& q) { return q.secret == p.secret; });
            if (p.secret.empty() || repeated || secretTakenHere(m_store, m_eventId, p.secret)) {
                m_errors[path(i, "secret")].push_back(kSecretTaken);
            }
        }
        readAnswers(pj, i, p);
        o.positions.push_back(std::move(p));
    }

    void readAnswers(const json& pj, std::size_t i, model::OrderPosition& p) {
        auto answers = pj.find("answers");
        if (answers == pj.end() || !answers->is_array()) {
            return;
        }
        for (std::size_t k = 0; k < answers->size(); ++k) {
            const json& aj = (*answers)[k];
            const std::string field = path(i, "answers." + std::to_string(k) + ".question");
            const auto questionId = aj.is_object() ? idField(aj, "question") : std::nullopt;
            if (!questionId) {
                m_errors[field].push_back(kRequired);
                continue;
            }
            if (!m_questions.contains(*questionId)) {
                m_errors[field].push_back(invalidPk(*questionId));
                continue;
            }
            model::Answer a;
            a.questionId = *questionId;
            a.answer = textField(aj, "answer");
            if (auto opts = aj.find("options"); opts != aj.end() && opts->is_array()) {
                for (const auto& option : *opts) {
                    if (option.is_number_integer()) {
                        a.options.push_back(option.get<Id>());
                    }
                }
            }
            p.answers.push_back(std::move(a));
        }
    }

    model::Store& m_store;
    Id m_eventId;
    std::map<Id, model::Item> m_items;
    std::map<Id, model::Question> m_questions;
    model::FieldErrors m_errors;
};

// pretix's quota check: each position needs a quota counting it, none may be asked for more than
// it has left (canceled positions do not count).
std::optional<model::Error> checkQuotas(model::Store& store, const model::Order& o) {
    const auto usage = quotaUsage(store, o.eventId);
    model::FieldErrors errors;
    std::map<Id, std::int64_t> asked;
    for (std::size_t i = 0; i < o.positions.size(); ++i) {
        const auto& p = o.positions[i];
        bool counted = false;
        for (const auto& u : usage) {
            if (!counts(u.quota, p.itemId, p.variationId)) {
                continue;
            }
            counted = true;
            if (u.left && ++asked[u.quota.id] > *u.left) {
                errors["positions." + std::to_string(i) + ".item"].push_back(
                    "There is not enough quota available on quota \"" + u.quota.name + "\" to perform the operation.");
            }
        }
        if (!counted) {
            errors["positions." + std::to_string(i) + ".item"].push_back("The product is not assigned to a quota.");
        }
    }
    if (errors.empty()) {
        return std::nullopt;
    }
    return badInput(std::move(errors));
}

model::Result<model::Order> createInTransaction(model::Store& store, Id eventId, const json& body) {
    if (!model::EventRepository(store).eventById(eventId)) {
        return model::Error::notFound("Not found.");
    }
    if (!body.is_object()) {
        return badInput({{"non_field_errors", {"Invalid data. Expected a dictionary."}}});
    }
    OrderReader reader(store, eventId);
    auto order = reader.read(body);
    if (!order) {
        return badInput(std::move(reader.errors()));
    }
    model::Order& o = *order;
    if (auto problem = checkQuotas(store, o)) {
        return *problem;
    }
    if (o.code.empty()) {
        o.code = newOrderCode(store, eventId);
    }
    o.secret = newOrderSecret();
    const Id firstId = store.nextLocalId("order_position");
    for (std::size_t i = 0; i < o.positions.size(); ++i) {
        auto& p = o.positions[i];
        p.id = firstId + static_cast<Id>(i);
        if (p.addonTo) {
            p.addonTo = firstId + (*p.addonTo - 1);
        }
        if (p.secret.empty()) {
            p.secret = newTicketSecret(store, eventId);
        }
        p.pseudonymizationId = newPseudonymizationId();
        o.total += p.price;
    }
    model::OrderRepository(store).upsert(o);
    return o;
}

}  // namespace

model::Result<model::Order> createOrder(model::Store& store, Id eventId, const json& body) {
    return guarded([&]() -> model::Result<model::Order> {
        model::Store::Transaction tx(store, model::Store::TxMode::Immediate);
        auto created = createInTransaction(store, eventId, body);
        if (!created) {
            return created;
        }
        auto stored = model::OrderRepository(store).byId(created->id);
        tx.commit();
        if (stored) {
            return std::move(*stored);
        }
        return created;
    });
}

}  // namespace boxoffice::sales
