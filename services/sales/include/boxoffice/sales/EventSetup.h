// Setting up an event without a pretix server: the organizer and event, categories, products with
// variations and add-ons, quotas and questions. Check-in lists are saved with checkin::saveList
// (the door's module owns them). What is made here is stored exactly as an imported event is, so
// the LAN API serves it, its tickets render with its layout, and the export writes it out.
//
// Each function is a use case: it validates, writes in one BEGIN IMMEDIATE transaction whose
// commit publishes the change, and returns the stored object. Expected failures are values:
// BadInput with pretix's field errors ({"default_price": ["Ensure this value is greater than or
// equal to 0."]}, nested fields as "variations.0.value"), NotFound for an unknown event or object
// of the event. Call from the thread that owns the Store, outside any transaction of its own.
#pragma once

#include <string>

#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Question.h"
#include "boxoffice/model/Quota.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::sales {

// The sales channel of the desk: orders sold here carry it, a product must list it to be sold
// here, and a check-in list naming it in auto_checkin_sales_channels admits the buyer at once.
inline constexpr const char* kDeskSalesChannel = "box_office";

struct OrganizerDraft {
    std::string slug;  // letters, digits, "." and "-", starting with a letter or digit
    std::string name;
};

// Creates (`event.id` 0) or updates the event of the organizer, creating or renaming the
// organizer. The event's organizerId and organizerSlug are taken from `organizer`. Checks: slugs
// (organizer "slug" and event "slug", the event's unique within the organizer), name, currency
// (three capital letters), date_from given, date_to and date_admission in order, timezone (an IANA
// name such as "Europe/Berlin" or "UTC"; only its form is checked), sales_channels not empty. A new
// event gets pretix's default ticket layout and the pdf plugin, as a new pretix event has.
model::Result<model::Event> saveEvent(model::Store& store, const OrganizerDraft& organizer, model::Event event);

// Creates (`category.id` 0) or updates a category of `category.eventId`. Checks: name.
model::Result<model::Category> saveCategory(model::Store& store, model::Category category);

// Creates (`item.id` 0) or updates a product of `item.eventId` with its variations and add-ons.
// Checks: name; default_price and each variation's price not negative; tax_rate between 0 and
// 100; category of the event; each variation's value; each add-on's category of the event and
// marked is_addon, 0 <= min_count <= max_count, not twice; sales_channels not empty.
model::Result<model::Item> saveItem(model::Store& store, model::Item item);

// Creates (`quota.id` 0) or updates a quota of `quota.eventId`. Checks: name; size not negative
// (nullopt: unlimited); items of the event, at least one; variations of the listed items, and at
// least one of each listed item that has variations (pretix counts variations, not the product).
model::Result<model::Quota> saveQuota(model::Store& store, model::Quota quota);

// Creates (`question.id` 0) or updates a question of `question.eventId`. Checks: question text;
// type one of pretix's (model::Question); items of the event; identifier unique in the event (an
// empty one is made up, as pretix does); choice questions (C, M) need options, each with an
// answer. New options get IDs; options no longer listed are removed.
model::Result<model::Question> saveQuestion(model::Store& store, model::Question question);

}  // namespace boxoffice::sales
