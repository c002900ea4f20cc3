// The download half of the sync engine (SyncEngine.h describes the rules). Private. Called on the
// Store's thread; each list walk runs a short-lived fetcher thread that owns the engine's
// connection while the walk lasts and touches no database.
#pragma once

#include <optional>
#include <functional>
#include <string>
#include <unordered_set>

#include "Requester.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/SyncEngine.h"

namespace boxoffice::sync::detail {

class Puller {
public:
    Puller(model::Store& store, model::SyncRemote& remote, Requester& requester, const EngineOptions& options);

    // Pulls everything; on success the remote's cursor and event ID are updated in memory and
    // in the store (the caller records times and status).
    model::Result<PullSummary> run();

private:
    using PageHandler = std::function<model::Result<bool>(const nlohmann::json& results)>;
    // Walks a paginated list from `url`, handing each page's results to `apply` (which runs in
    // the page's transaction); the next page is fetched meanwhile. `firstPageGenerated` receives the first page's X-Page-Generated.
    // `optional`: a non-JSON 404 means the server lacks the resource; answered with false.
    model::Result<bool> walk(const std::string& step, const std::string& url, const PageHandler& apply,
                             bool optional, std::string* firstPageGenerated = nullptr);
    model::Result<bool> pullEvent();
    model::Result<bool> pullCatalogue();
    model::Result<bool> pullLayouts();
    model::Result<bool> pullOrders();
    void report(const std::string& step, std::int64_t done, std::int64_t total);
    // An error when one of `ids` names a row of `table` that belongs to another event here. A
    // server whose IDs this box office uses for another event's rows (a remote that is itself a
    // box office gives IDs from the same local range) would otherwise move those rows, and their
    // check-ins, over to the pulled event. The page is then not stored.
    std::optional<model::Error> takenElsewhere(const std::string& table, const std::string& what,
                                               const std::vector<model::Id>& ids);

    model::Store& m_store;
    model::SyncRemote& m_remote;
    Requester& m_requester;
    const EngineOptions& m_options;
    std::string m_eventUrl;  // ".../api/v1/organizers/o/events/e/"
    model::Id m_eventId = 0;
    std::unordered_set<model::Id> m_lists;
    PullSummary m_summary;
};

// "https://host" + "/api/v1/organizers/o/events/e/" (slugs percent-encoded).
std::string eventApiUrl(const model::SyncRemote& remote);

}  // namespace boxoffice::sync::detail
