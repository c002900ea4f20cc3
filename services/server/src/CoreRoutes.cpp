#include "CoreRoutes.h"

#include "boxoffice/server/Server.h"

namespace boxoffice::server {

void registerCoreRoutes(Router& router, std::size_t jsonCacheBytes) {
    // A static answer without database access: liveness checks, and the benchmark's ceiling.
    router.add("GET", "/healthz", Auth::None, [](Context&) { return Response::json({{"status", "ok"}}); });
    detail::registerEventRoutes(router);
    const auto kept = std::make_shared<detail::KeptJson>(jsonCacheBytes);
    detail::registerOrderRoutes(router, kept);
    detail::registerCheckinRoutes(router, kept);
    detail::registerDeviceRoutes(router);
    detail::registerScannerRoutes(router);
    detail::registerCheckinRpcRoutes(router, kept);
}

}  // namespace boxoffice::server
