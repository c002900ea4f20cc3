// What is left to sell: pretix's quota rule. A ticket of a product (or of one of its variations)
// takes a place in every quota that counts it; it may be sold only when it is counted by at least
// one quota and each of those has a place left. Pending and paid orders' tickets take places;
// canceled ones give them back. Call from the thread that owns the Store; inside the sale's
// transaction, the answer is the one the sale decides on.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "boxoffice/model/Quota.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::sales {

struct QuotaUsage {
    model::Quota quota;
    std::int64_t taken = 0;             // tickets of pending and paid orders it counts
    std::optional<std::int64_t> left;   // nullopt: unlimited
};

// Every quota of the event with what it has left, ordered by ID.
std::vector<QuotaUsage> quotaUsage(model::Store& store, model::Id eventId);

struct Availability {
    bool counted = false;               // some quota counts it; false: it cannot be sold
    std::optional<std::int64_t> left;   // the smallest left of its quotas; nullopt: unlimited
};

// The product (variation: one of its variations) as the desk may sell it now.
Availability availability(model::Store& store, model::Id eventId, model::Id itemId,
                          std::optional<model::Id> variationId = std::nullopt);

// Whether `quota` counts a ticket of this product and variation.
bool counts(const model::Quota& quota, model::Id itemId, std::optional<model::Id> variationId);

}  // namespace boxoffice::sales
