#include "CoreRoutes.h"

#include "boxoffice/server/Server.h"

namespace boxoffice::server {

void registerCoreRoutes(Router& router, std::size_t orderCacheBytes) {
    // A static answer without database access: liveness checks, and the benchmark's ceiling.
    router.add("GET", "/healthz", Auth::None, [](Context&) { return Response::json({{"status", "ok"}}); });
    detail::registerEventRoutes(router);
    detail::registerOrderRoutes(router, orderCacheBytes);
    detail::registerCheckinRoutes(router);
}

}  // namespace boxoffice::server
