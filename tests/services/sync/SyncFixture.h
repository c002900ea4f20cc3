// Two stores on loopback: the "remote" (demo data served by the project's own LAN server, reached
// through a FaultProxy) and the local box office that syncs with it. Helpers build engines with a
// fast retry policy and compare what both stores hold for demo/fest.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "../checkin/DemoData.h"
#include "FaultProxy.h"
#include "TestSupport.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/server/Server.h"
#include "boxoffice/sync/SyncEngine.h"

namespace boxoffice::test {

struct SyncFixture {
    // withPdf: the server also runs the pdf plugin (ticketlayouts/, ticketlayoutitems/, backgrounds).
    explicit SyncFixture(int bulkOrders = 0, bool withPdf = false);
    ~SyncFixture();

    // An engine for the local store; retries are quick so fault tests stay short.
    std::unique_ptr<sync::SyncEngine> engine(int maxAttempts = 6);
    // Redeems `secret` on the main list of `store` (a desk or gate admission); returns the check-in ID.
    static model::Id admit(model::Store& store, model::Id eventId, const std::string& secret, const std::string& device,
                           std::optional<model::Timestamp> when = std::nullopt);
    model::Id localEventId();
    // Orders (positions, answers, check-ins), products, lists and questions of demo/fest, by wire
    // identity (codes, remote IDs): equal for two stores that hold the same event.
    static nlohmann::json snapshot(model::Store& store);
    std::int64_t checkinsOf(model::Store& store, model::Id positionId, model::Id listId);

    TempDir dir;
    model::Store source;
    DemoIds ids;
    std::string token;
    std::unique_ptr<server::Server> server;
    std::unique_ptr<FaultProxy> proxy;
    model::Store local;
    model::SyncRemote remote;
};

}  // namespace boxoffice::test
