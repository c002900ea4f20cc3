// Test data for the check-in, server and plugin tests, written with the model repositories:
// organizer "demo" with events "fest" and "other", products, a check-in question, orders in
// every state and two check-in lists. The IDs below are fixed so tests can name them.
#pragma once

#include <filesystem>
#include <string>

#include "boxoffice/model/Store.h"

namespace boxoffice::test {

struct DemoIds {
    model::Id eventId = 0;
    model::Id otherEventId = 0;
    static constexpr model::Id kDayTicket = 11;
    static constexpr model::Id kShirt = 12;
    static constexpr model::Id kWorkshop = 13;
    static constexpr model::Id kShirtM = 3;
    static constexpr model::Id kShirtL = 4;
    static constexpr model::Id kShirtQuestion = 4;
    static constexpr model::Id kOptionM = 9;
    static constexpr model::Id kOptionL = 10;
    static constexpr model::Id kMainList = 1;    // all products
    static constexpr model::Id kShirtList = 2;   // shirts only, includes pending orders
    static constexpr model::Id kPaidPosition = 101;  // order PAID1, "Mara Lind", secret paidsecret0001
    static constexpr model::Id kParentPosition = 106;  // order ADDON, no name, invoice "Ivo Invoice"
    static constexpr model::Id kAddonPosition = 107;   // add-on (shirt M) to 106
};

// Secrets: paidsecret0001 (PAID1, day ticket), pendingsecret001 (PEND1, pending, day ticket),
// canceledsecret01 (CANC1, canceled), shirtsecret00001 (SHIRT, shirt M), workshopsecret01
// (WORKS, workshop with the check-in question), parentsecret0001 / addonsecret00001 (ADDON),
// pendshirtsecret1 (PENDS, pending shirt L), othersecret00001 (event "other").
DemoIds createDemoData(model::Store& store);

// Adds `count` paid day-ticket orders of one position each ("Bulk" attendee names, secrets
// "bulk<n>"), in one transaction. For load and concurrency tests.
void addBulkOrders(model::Store& store, model::Id eventId, int count);

// Creates an API token for demo/<event> and returns it.
std::string createEventToken(model::Store& store, const std::string& eventSlug);

}  // namespace boxoffice::test
