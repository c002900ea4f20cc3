// The desk orders half of a push (SyncEngine.h): uploads the event's orders sold here with POST
// orders/ exactly once and gives them the remote's code and position IDs. Private.
//
// Exactly once: an order is marked "sent" (committed) before each POST; an order found "sent" at
// the start of an attempt (an answer lost, a timeout, a kill) is first looked up on the remote by
// its code (GET orders/CODE/, ours as we send it) and taken as uploaded when the remote's order
// has our ticket secrets; only a 404 lets it be posted again. A remote that answers "This order
// code is already in use." is looked up the same way. A refusal (400: sold out, product gone) is
// a conflict kept for a person (sync/Inbox.h); the local order stays as sold.
//
// Threads: run() on the Store's thread; one request at a time on the engine's connection.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "Requester.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/OrderUploadRepository.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/SyncEngine.h"

namespace boxoffice::sync::detail {

class OrderUploader {
public:
    OrderUploader(model::Store& store, const model::SyncRemote& remote, Requester& requester,
                  const EngineOptions& options);

    // One pass over the due orders. Stops early (with an error) when the remote cannot be reached
    // or refuses the token; what was settled stays.
    model::Result<PushSummary> run(model::Id eventId);

private:
    enum class Lookup { Ours, Missing, Taken, Failed };
    // The body pretix's order creation takes for `order`.
    static nlohmann::json body(const model::Order& order);
    // GET orders/CODE/: whether the remote holds our order (its answer in `found`).
    Lookup lookup(const model::Order& order, nlohmann::json& found);
    // Takes the remote's answer for `order`: its code and position IDs, in one transaction.
    void adopt(const model::Order& order, const nlohmann::json& remoteOrder);
    void conflict(model::Id orderId, std::optional<int> status, const std::string& reason);
    // Uploads one order; false when the pass must stop (m_stopReason set).
    bool upload(const model::OrderUpload& upload);

    model::Store& m_store;
    const model::SyncRemote& m_remote;
    Requester& m_requester;
    const EngineOptions& m_options;
    std::string m_ordersUrl;
    std::string m_stopReason;
    std::optional<int> m_lastStatus;
    PushSummary m_summary;
};

}  // namespace boxoffice::sync::detail
