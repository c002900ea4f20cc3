// Organizers, events and the dates of an event series (subevents): plain value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

struct Organizer {
    Id id = 0;
    std::string slug;
    std::string name;
};

struct Event {
    Id id = 0;
    Id organizerId = 0;
    std::string organizerSlug;  // denormalised for convenience; read-only
    std::string slug;
    I18nString name;
    std::string currency = "EUR";
    std::optional<Timestamp> dateFrom;
    std::optional<Timestamp> dateTo;
    std::optional<Timestamp> dateAdmission;
    I18nString location;
    std::string timezone = "UTC";
    std::string locale = "en";
    bool live = true;
    bool testmode = false;
    bool hasSubevents = false;
    bool ticketDownloads = true;  // whether customers and the API may download tickets
    // The sales channels the event sells through (pretix's sales_channels: "web", "box_office", ...).
    std::vector<std::string> salesChannels{"web"};
    // The check-in list the pretixdroid API uses; unset: the first list (spec §A).
    std::optional<Id> scannerListId;
    StringMap metaData;  // meta properties by name (ticket variables meta:NAME)
    Timestamp lastModified{};
};

struct SubEvent {
    Id id = 0;
    Id eventId = 0;
    I18nString name;
    I18nString location;
    Timestamp dateFrom{};
    std::optional<Timestamp> dateTo;
    std::optional<Timestamp> dateAdmission;
    bool active = true;
    bool isPublic = true;
    StringMap metaData;  // the date's own meta property values; the event's apply to the rest
    Timestamp lastModified{};
};

}  // namespace boxoffice::model
