// What the Event tab reads of the open event in one go on a worker, and hands to its forms: the
// event with its organizer and its times on the event's own clocks, its categories, products,
// quotas and questions. Plain values; any thread.
#pragma once

#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Question.h"
#include "boxoffice/model/Quota.h"
#include "boxoffice/sales/EventSetup.h"

#include <string>
#include <vector>

namespace boxoffice::gui {

// The event's dates as the form shows them ("2027-04-17 19:00" in the event's time zone; empty:
// not set).
struct EventTimes {
    std::string from, to, admission;
};

struct SetupSnapshot {
    model::Id eventId = 0;  // 0: no event open (or it is gone)
    model::Event event;
    sales::OrganizerDraft organizer;
    EventTimes times;
    std::vector<model::Category> categories;
    std::vector<model::Item> items;
    std::vector<model::Quota> quotas;
    std::vector<model::Question> questions;
    std::vector<std::string> zones;  // the time zones the system knows; read with the first load
};

} // namespace boxoffice::gui
