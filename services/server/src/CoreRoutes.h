// The core API's route groups, each in its own file; registerCoreRoutes (Server.h) adds them all.
#pragma once

#include <cstddef>
#include <optional>

#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/server/Router.h"

namespace boxoffice::server::detail {

void registerEventRoutes(Router& router);    // events, items, categories, questions, subevents
// orders, orderpositions; orders/ keeps up to `orderCacheBytes` of order JSON (OrderCache.h)
void registerOrderRoutes(Router& router, std::size_t orderCacheBytes);
void registerCheckinRoutes(Router& router);  // checkinlists, status, positions, redeem

// Reads the position filters of orderpositions/ (listEndpoint false) or checkinlists/{id}/positions/
// into `filter`; a 400 response for values of the wrong type.
std::optional<Response> readPositionFilter(const Request& request, model::PositionFilter& filter, bool listEndpoint);
// One page of positions; `listExtras`: check-ins of filter.list only, smart names, order__status.
Response listPositions(Context& ctx, model::PositionFilter& filter, bool listExtras);

}  // namespace boxoffice::server::detail
