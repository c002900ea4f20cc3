#include "boxoffice/sales/EventSetup.h"

#include <algorithm>
#include <regex>
#include <set>

#include "Common.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/importer/DefaultLayout.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::sales {

using model::Id;
using namespace detail;

namespace {

bool validSlug(const std::string& slug) {
    static const std::regex pattern("[a-zA-Z0-9][a-zA-Z0-9.-]*");
    return std::regex_match(slug, pattern);
}

// Without a time zone database in the build, only the form of an IANA name is checked.
bool validTimezone(const std::string& tz) {
    static const std::regex pattern("UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2}");
    return std::regex_match(tz, pattern);
}

bool validCurrency(const std::string& c) {
    return c.size() == 3 && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

void checkSlug(const std::string& slug, const std::string& field, model::FieldErrors& errors) {
    if (blank(slug)) {
        errors[field].push_back(kBlank);
    } else if (!validSlug(slug)) {
        errors[field].push_back("The slug may only contain letters, numbers, dots and dashes.");
    }
}

bool slugTakenByAnother(model::EventRepository& events, const OrganizerDraft& organizer, const model::Event& e) {
    const auto existing = events.eventBySlug(organizer.slug, e.slug);
    return existing && existing->id != e.id;
}

model::FieldErrors checkEvent(model::EventRepository& events, const OrganizerDraft& organizer, const model::Event& e) {
    model::FieldErrors errors;
    checkSlug(organizer.slug, "organizer.slug", errors);
    if (blank(organizer.name)) {
        errors["organizer.name"].push_back(kBlank);
    }
    checkSlug(e.slug, "slug", errors);
    if (errors.count("slug") == 0 && errors.count("organizer.slug") == 0 && slugTakenByAnother(events, organizer, e)) {
        errors["slug"].push_back("This slug has already been used for a different event.");
    }
    if (e.name.empty()) {
        errors["name"].push_back(kRequired);
    }
    if (!validCurrency(e.currency)) {
        errors["currency"].push_back("Enter a currency as its three-letter ISO 4217 code, e.g. \"EUR\".");
    }
    if (!e.dateFrom) {
        errors["date_from"].push_back(kRequired);
    } else if (e.dateTo && *e.dateTo < *e.dateFrom) {
        errors["date_to"].push_back("The end of the event has to be later than its start.");
    }
    if (e.dateAdmission && e.dateTo && *e.dateAdmission > *e.dateTo) {
        errors["date_admission"].push_back("The admission has to be before the end of the event.");
    }
    if (!validTimezone(e.timezone)) {
        errors["timezone"].push_back("\"" + e.timezone + "\" is not a valid choice.");
    }
    if (e.salesChannels.empty()) {
        errors["sales_channels"].push_back("This list may not be empty.");
    }
    return errors;
}

bool hasCategory(model::EventRepository& events, Id eventId, Id categoryId, bool* isAddon = nullptr) {
    for (const auto& c : events.categories(eventId)) {
        if (c.id == categoryId) {
            if (isAddon) {
                *isAddon = c.isAddon;
            }
            return true;
        }
    }
    return false;
}

void checkPrice(model::Money price, const std::string& field, model::FieldErrors& errors) {
    if (price < model::Money{}) {
        errors[field].push_back("Ensure this value is greater than or equal to 0.");
    }
}

void checkVariations(const model::Item& item, model::FieldErrors& errors) {
    for (std::size_t i = 0; i < item.variations.size(); ++i) {
        const auto& v = item.variations[i];
        const std::string path = "variations." + std::to_string(i) + ".";
        if (v.value.empty()) {
            errors[path + "value"].push_back(kRequired);
        }
        checkPrice(v.defaultPrice, path + "default_price", errors);
    }
}

void checkAddons(model::EventRepository& events, const model::Item& item, model::FieldErrors& errors) {
    std::set<Id> seen;
    for (std::size_t i = 0; i < item.addons.size(); ++i) {
        const auto& a = item.addons[i];
        const std::string path = "addons." + std::to_string(i) + ".";
        bool isAddon = false;
        if (!hasCategory(events, item.eventId, a.addonCategoryId, &isAddon)) {
            errors[path + "addon_category"].push_back(invalidPk(a.addonCategoryId));
        } else if (!isAddon) {
            errors[path + "addon_category"].push_back("The category is not marked as an add-on category.");
        } else if (!seen.insert(a.addonCategoryId).second) {
            errors[path + "addon_category"].push_back("The item already has an add-on of this category.");
        }
        if (a.minCount < 0) {
            errors[path + "min_count"].push_back("Ensure this value is greater than or equal to 0.");
        }
        if (a.maxCount < a.minCount) {
            errors[path + "max_count"].push_back("The maximum count needs to be greater than the minimum count.");
        }
    }
}

model::FieldErrors checkItem(model::EventRepository& events, const model::Item& item) {
    model::FieldErrors errors;
    if (item.name.empty()) {
        errors["name"].push_back(kRequired);
    }
    checkPrice(item.defaultPrice, "default_price", errors);
    if (item.taxRate < model::TaxRate{} || item.taxRate > model::TaxRate::fromMinor(100'00)) {
        errors["tax_rate"].push_back("Ensure this value is between 0 and 100.");
    }
    if (item.categoryId && !hasCategory(events, item.eventId, *item.categoryId)) {
        errors["category"].push_back(invalidPk(*item.categoryId));
    }
    if (item.salesChannels.empty()) {
        errors["sales_channels"].push_back("This list may not be empty.");
    }
    checkVariations(item, errors);
    checkAddons(events, item, errors);
    return errors;
}

model::FieldErrors checkQuota(model::EventRepository& events, const model::Quota& quota) {
    model::FieldErrors errors;
    if (blank(quota.name)) {
        errors["name"].push_back(kBlank);
    }
    if (quota.size && *quota.size < 0) {
        errors["size"].push_back("Ensure this value is greater than or equal to 0.");
    }
    if (quota.items.empty()) {
        errors["items"].push_back("A quota needs at least one product.");
    }
    std::set<Id> variationsOfItems;
    for (Id itemId : quota.items) {
        const auto item = events.item(quota.eventId, itemId);
        if (!item) {
            errors["items"].push_back(invalidPk(itemId));
            continue;
        }
        bool anyListed = false;
        for (const auto& v : item->variations) {
            variationsOfItems.insert(v.id);
            anyListed = anyListed || std::count(quota.variations.begin(), quota.variations.end(), v.id) > 0;
        }
        if (item->hasVariations() && !anyListed) {
            errors["variations"].push_back("Choose at least one variation of \"" + item->name.text("en") + "\".");
        }
    }
    for (Id v : quota.variations) {
        if (!variationsOfItems.count(v)) {
            errors["variations"].push_back(invalidPk(v));
        }
    }
    return errors;
}

bool identifierTaken(model::EventRepository& events, const model::Question& q) {
    const auto all = events.questions(q.eventId);
    return std::any_of(all.begin(), all.end(), [&](const auto& other) {
        return other.id != q.id && other.identifier == q.identifier;
    });
}

model::FieldErrors checkQuestion(model::EventRepository& events, const model::Question& q) {
    model::FieldErrors errors;
    if (q.question.empty()) {
        errors["question"].push_back(kRequired);
    }
    if (!model::Question::isKnownType(q.type)) {
        errors["type"].push_back("\"" + q.type + "\" is not a valid choice.");
    }
    for (Id itemId : q.items) {
        if (!events.item(q.eventId, itemId)) {
            errors["items"].push_back(invalidPk(itemId));
        }
    }
    if (!q.identifier.empty() && identifierTaken(events, q)) {
        errors["identifier"].push_back("This identifier is already used for a different question.");
    }
    const bool choice = q.type == "C" || q.type == "M";
    if (choice && q.options.empty()) {
        errors["options"].push_back("A choice question needs at least one option.");
    }
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        if (q.options[i].answer.empty()) {
            errors["options." + std::to_string(i) + ".answer"].push_back(kRequired);
        }
    }
    return errors;
}

// pretix makes up an identifier for a question without one: 8 capitals and digits.
std::string newIdentifier(model::EventRepository& events, model::Question q) {
    do {
        q.identifier = auth::randomFromAlphabet("ABCDEFGHJKLMNPQRSTUVWXYZ3789", 8);
    } while (identifierTaken(events, q));
    return q.identifier;
}

void removeOptionsNotListed(model::Store& store, const model::Question& q) {
    std::string ids = "[";
    for (const auto& o : q.options) {
        ids += (ids.size() > 1 ? "," : "") + std::to_string(o.id);
    }
    ids += "]";
    auto del = store.cached(
        "DELETE FROM question_option WHERE question_id = ? AND id NOT IN (SELECT value FROM json_each(?))");
    del.bind(1, q.id);
    del.bind(2, ids);
    del.exec();
}

// Whether the object `id` (0: a new one) may be written for the event: the event exists, and an
// existing object is one of the event's.
template <class Find>
std::optional<model::Error> checkTarget(model::EventRepository& events, Id eventId, Id id, Find&& find) {
    if (!events.eventById(eventId)) {
        return model::Error::notFound("Not found.");
    }
    if (id != 0 && !find()) {
        return model::Error::notFound("Not found.");
    }
    return std::nullopt;
}

template <class T>
bool hasId(const std::vector<T>& rows, Id id) {
    return std::any_of(rows.begin(), rows.end(), [id](const T& r) { return r.id == id; });
}

}  // namespace

model::Result<model::Event> saveEvent(model::Store& store, const OrganizerDraft& organizer, model::Event event) {
    return guarded([&]() -> model::Result<model::Event> {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        const bool isNew = event.id == 0;
        if (!isNew && !events.eventById(event.id)) {
            return model::Error::notFound("Not found.");
        }
        if (auto errors = checkEvent(events, organizer, event); !errors.empty()) {
            return badInput(std::move(errors));
        }
        event.organizerId = events.upsertOrganizer(organizer.slug, organizer.name);
        event.lastModified = model::now();
        events.upsertEvent(event);
        if (isNew) {
            importer::addDefaultTicketLayout(store, event.id);
            events.setPluginEnabled(event.id, "pdf", true);
        }
        auto stored = events.eventById(event.id).value();
        tx.commit();
        return stored;
    });
}

model::Result<model::Category> saveCategory(model::Store& store, model::Category category) {
    return guarded([&]() -> model::Result<model::Category> {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        if (auto missing = checkTarget(events, category.eventId, category.id,
                                       [&] { return hasId(events.categories(category.eventId), category.id); })) {
            return *missing;
        }
        if (category.name.empty()) {
            return badInput({{"name", {kRequired}}});
        }
        events.upsertCategory(category);
        tx.commit();
        return category;
    });
}

model::Result<model::Item> saveItem(model::Store& store, model::Item item) {
    return guarded([&]() -> model::Result<model::Item> {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        if (auto missing = checkTarget(events, item.eventId, item.id,
                                       [&] { return events.item(item.eventId, item.id).has_value(); })) {
            return *missing;
        }
        if (auto errors = checkItem(events, item); !errors.empty()) {
            return badInput(std::move(errors));
        }
        events.upsertItem(item);
        auto stored = events.item(item.eventId, item.id).value();
        tx.commit();
        return stored;
    });
}

model::Result<model::Quota> saveQuota(model::Store& store, model::Quota quota) {
    return guarded([&]() -> model::Result<model::Quota> {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        if (auto missing = checkTarget(events, quota.eventId, quota.id,
                                       [&] { return hasId(events.quotas(quota.eventId), quota.id); })) {
            return *missing;
        }
        if (auto errors = checkQuota(events, quota); !errors.empty()) {
            return badInput(std::move(errors));
        }
        events.upsertQuota(quota);
        tx.commit();
        return quota;
    });
}

model::Result<model::Question> saveQuestion(model::Store& store, model::Question question) {
    return guarded([&]() -> model::Result<model::Question> {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        if (auto missing = checkTarget(events, question.eventId, question.id,
                                       [&] { return hasId(events.questions(question.eventId), question.id); })) {
            return *missing;
        }
        if (auto errors = checkQuestion(events, question); !errors.empty()) {
            return badInput(std::move(errors));
        }
        if (question.identifier.empty()) {
            question.identifier = newIdentifier(events, question);
        }
        for (std::size_t i = 0; i < question.options.size(); ++i) {
            auto& o = question.options[i];
            if (o.identifier.empty()) {
                o.identifier = question.identifier + "-" + std::to_string(i + 1);
            }
        }
        events.upsertQuestion(question);
        removeOptionsNotListed(store, question);
        tx.commit();
        return question;
    });
}

}  // namespace boxoffice::sales
