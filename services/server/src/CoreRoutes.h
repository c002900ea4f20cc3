// The core API's route groups, each in its own file; registerCoreRoutes (Server.h) adds them all.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>

#include "JsonCache.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/server/Router.h"

namespace boxoffice::server::detail {

void registerEventRoutes(Router& router);    // events, items, categories, questions, subevents
void registerOrderRoutes(Router& router, const std::shared_ptr<KeptJson>& kept);  // orders, orderpositions
void registerCheckinRoutes(Router& router, const std::shared_ptr<KeptJson>& kept);  // checkinlists, status, positions, redeem

// Reads the position filters of orderpositions/ (listEndpoint false) or checkinlists/{id}/positions/
// into `filter`; a 400 response for values of the wrong type.
std::optional<Response> readPositionFilter(const Request& request, model::PositionFilter& filter, bool listEndpoint);
// One page of positions; `listExtras`: check-ins of filter.list only, smart names, order__status.
// Kept texts of positions are taken from and put into `cache` (JsonCache.h).
Response listPositions(Context& ctx, model::PositionFilter& filter, bool listExtras, JsonCache& cache);

}  // namespace boxoffice::server::detail
