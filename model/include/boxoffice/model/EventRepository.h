// Reads and writes organizers, events, subevents, categories, products, questions, quotas and the
// per-event plugin switches. Callers hold a Store::Transaction around writes that belong together.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Question.h"
#include "boxoffice/model/Quota.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::model {

class EventRepository {
public:
    explicit EventRepository(Store& store) : m_store(store) {}

    // Inserts or updates by slug; returns the organizer's ID.
    Id upsertOrganizer(const std::string& slug, const std::string& name);
    std::optional<Organizer> organizerBySlug(const std::string& slug);
    std::vector<Organizer> organizers();

    // Inserts or updates by ID; an event with id 0 is matched by (organizer, slug), else gets a
    // local ID. Sets event.id.
    void upsertEvent(Event& event);
    std::optional<Event> eventById(Id id);
    std::optional<Event> eventBySlug(const std::string& organizerSlug, const std::string& eventSlug);
    std::vector<Event> events();  // every event, ordered by organizer and start

    void upsertSubEvent(SubEvent& subevent);
    std::vector<SubEvent> subEvents(Id eventId);

    void upsertCategory(Category& category);
    std::vector<Category> categories(Id eventId);

    // Writes the item and its variations (variations no longer present are kept: positions may
    // still refer to them).
    void upsertItem(Item& item);
    std::optional<Item> item(Id eventId, Id itemId);
    std::vector<Item> items(Id eventId);

    void upsertQuestion(Question& question);
    std::vector<Question> questions(Id eventId);

    // Inserts or updates by ID (0: a new local ID, set on `quota`).
    void upsertQuota(Quota& quota);
    std::vector<Quota> quotas(Id eventId);  // ordered by ID

    bool pluginEnabled(Id eventId, const std::string& plugin, bool byDefault);
    // The plugins switched on or off for the event; a plugin not listed has its default.
    std::map<std::string, bool> plugins(Id eventId);
    // Raised on every change to tokens, organizers, events and event plugins (migration 7): what
    // authorizing a request reads is unchanged while this is.
    std::int64_t accessVersion();
    void setPluginEnabled(Id eventId, const std::string& plugin, bool enabled);

private:
    Store& m_store;
};

}  // namespace boxoffice::model
