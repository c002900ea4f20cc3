// Quotas: how many tickets of some products (or of some of their variations) may be sold, counted
// together. A plain value type; the store keeps quotas by event (EventRepository).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Types.h"

namespace boxoffice::model {

struct Quota {
    Id id = 0;
    Id eventId = 0;
    std::optional<Id> subeventId;
    std::string name;
    std::optional<std::int64_t> size;  // nullopt: unlimited
    std::vector<Id> items;
    std::vector<Id> variations;  // of the items above that have variations: the ones it counts
};

}  // namespace boxoffice::model
