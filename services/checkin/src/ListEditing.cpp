#include "boxoffice/checkin/ListEditing.h"

#include <algorithm>
#include <string>
#include <vector>

#include "WriterLock.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::checkin {

namespace {

std::string invalidPk(model::Id id) { return "Invalid pk \"" + std::to_string(id) + "\" - object does not exist."; }

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

bool hasDate(model::EventRepository& events, model::Id eventId, model::Id subeventId) {
    const auto dates = events.subEvents(eventId);
    return std::any_of(dates.begin(), dates.end(), [&](const auto& s) { return s.id == subeventId; });
}

// The references a list makes that are not of its event, in pretix's words: a product or date
// that does not exist is the field's error; one of another event of the organizer is refused as
// a whole (non_field_errors), once the fields are otherwise valid.
model::FieldErrors checkList(model::Store& store, const model::CheckinList& l) {
    model::FieldErrors errors;
    if (blank(l.name)) {
        errors["name"].push_back("This field may not be blank.");
    }
    model::EventRepository events(store);
    std::vector<model::Id> others;  // the organizer's other events
    if (const auto event = events.eventById(l.eventId)) {
        for (const auto& e : events.events()) {
            if (e.organizerId == event->organizerId && e.id != event->id) {
                others.push_back(e.id);
            }
        }
    }
    bool foreignItem = false;
    for (auto item : l.limitProducts) {
        if (events.item(l.eventId, item)) {
            continue;
        }
        if (std::any_of(others.begin(), others.end(), [&](model::Id e) { return events.item(e, item).has_value(); })) {
            foreignItem = true;
        } else {
            errors["limit_products"].push_back(invalidPk(item));
        }
    }
    bool foreignDate = false;
    if (l.subeventId && !hasDate(events, l.eventId, *l.subeventId)) {
        if (std::any_of(others.begin(), others.end(), [&](model::Id e) { return hasDate(events, e, *l.subeventId); })) {
            foreignDate = true;
        } else {
            errors["subevent"].push_back(invalidPk(*l.subeventId));
        }
    }
    if (errors.empty() && foreignItem) {
        errors["non_field_errors"].push_back("One or more items do not belong to this event.");
    } else if (errors.empty() && foreignDate) {
        errors["non_field_errors"].push_back("The subevent does not belong to this event.");
    }
    return errors;
}

}  // namespace

model::Result<model::CheckinList> saveList(model::Store& store, model::CheckinList list) {
    std::lock_guard writer(detail::writerMutex(store));
    model::Store::Transaction tx(store);
    model::CheckinRepository lists(store);
    if (!model::EventRepository(store).eventById(list.eventId)) {
        return model::Error::notFound("Not found.");
    }
    if (list.id != 0 && !lists.listInfo(list.eventId, list.id)) {
        return model::Error::notFound("Not found.");
    }
    if (auto errors = checkList(store, list); !errors.empty()) {
        return model::Error::badInput("Invalid check-in list.", std::move(errors));
    }
    lists.upsertList(list);
    auto stored = lists.list(list.eventId, list.id);
    tx.commit();
    return std::move(*stored);
}

model::Result<bool> deleteList(model::Store& store, model::Id eventId, model::Id listId) {
    std::lock_guard writer(detail::writerMutex(store));
    model::Store::Transaction tx(store);
    if (!model::CheckinRepository(store).removeList(eventId, listId)) {
        return model::Error::notFound("Not found.");
    }
    tx.commit();
    return true;
}

model::Result<bool> annulCheckin(model::Store& store, model::Id eventId, model::Id checkinId) {
    std::lock_guard writer(detail::writerMutex(store));
    model::Store::Transaction tx(store);
    model::CheckinRepository checkins(store);
    const auto checkin = checkins.byId(checkinId);
    if (!checkin || !checkins.listInfo(eventId, checkin->listId)) {
        return model::Error::notFound("Check-in not found.");
    }
    if (checkin->syncState == model::SyncState::Uploaded || checkin->syncState == model::SyncState::Remote) {
        return model::Error::conflict(
            "This check-in is on the remote server already; it cannot be taken back here.");
    }
    checkins.remove(checkinId);
    tx.commit();
    return true;
}

}  // namespace boxoffice::checkin
