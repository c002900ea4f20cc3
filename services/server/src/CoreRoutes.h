// The core API's route groups, each in its own file; registerCoreRoutes (Server.h) adds them all.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>

#include "JsonCache.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/server/Router.h"

namespace boxoffice::server::detail {

void registerEventRoutes(Router& router);    // events, items, categories, questions, subevents
void registerOrderRoutes(Router& router, const std::shared_ptr<KeptJson>& kept);  // orders, orderpositions
void registerCheckinRoutes(Router& router, const std::shared_ptr<KeptJson>& kept);  // checkinlists, status, positions, redeem
void registerDeviceRoutes(Router& router);   // device/initialize, info, update, revoke; version
void registerScannerRoutes(Router& router);  // organizer subevents, badges, secrets, settings, failed_checkins
void registerCheckinRpcRoutes(Router& router, const std::shared_ptr<KeptJson>& kept);  // checkinrpc/redeem, search

// Reads the fields of a redeem body (per-list redeem and check-in RPC) into `req`; field errors
// for values of the wrong type.
model::FieldErrors readRedeemBody(const nlohmann::json& body, checkin::RedeemRequest& req);
// Who redeems, as the check-in records it: "device:<name>", "api:<token name>".
std::string redeemingDevice(const Context& ctx);
// Redeems without holding the worker while the group commit runs (Context::suspend,
// checkin::redeemLater): the request is answered from the result by `answer`, on the worker that
// finishes it; an error of the redeem is answered as Response::fromError does. With a remembered
// grant (ctx.accessAssumed) the redeem checks the access version itself.
using RedeemAnswer = std::function<Response(Context&, const checkin::RedeemResult&)>;
Response suspendRedeem(Context& ctx, model::Id eventId, checkin::RedeemRequest req, RedeemAnswer answer);

// Reads the position filters of orderpositions/ (listEndpoint false) or checkinlists/{id}/positions/
// into `filter`; a 400 response for values of the wrong type.
std::optional<Response> readPositionFilter(const Request& request, model::PositionFilter& filter, bool listEndpoint);
// One page of positions; `listExtras`: check-ins of filter.list only, smart names, order__status.
// Kept texts of positions are taken from and put into `cache` (JsonCache.h).
Response listPositions(Context& ctx, model::PositionFilter& filter, bool listExtras, JsonCache& cache);

}  // namespace boxoffice::server::detail
