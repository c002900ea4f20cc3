// The upload half of the sync engine (SyncEngine.h describes the rules). Private.
//
// Threads: run() is called on the Store's thread and does every database read and write there.
// Within one batch of the queue, uploads go out over up to EngineOptions::uploadConnections
// connections at once (one worker thread each, each with its own keep-alive curl handle); the
// workers only talk HTTP and judge answers, and hand their outcomes back to run(), which settles
// the whole batch in one transaction. The queue is read ten batches at a time. Check-ins of the same ticket are uploaded one after the
// other on one connection, in queue order, so the remote sees them as they happened here.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "Requester.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/SyncEngine.h"

namespace boxoffice::sync::detail {

class Pusher {
public:
    // `connections`: extra HTTP clients kept by the engine between passes (grown here as needed);
    // the requester's own client is the first connection.
    Pusher(model::Store& store, const model::SyncRemote& remote, Requester& requester, const EngineOptions& options,
           std::vector<std::unique_ptr<HttpClient>>& connections);

    // One pass over the due queue. Stops early (with an error) when the server is unreachable,
    // refuses the token, or asks to wait longer than the policy allows; what was settled stays.
    model::Result<PushSummary> run();

private:
    // What one upload came to.
    struct Outcome {
        enum class Kind { Uploaded, Conflict, Retry } kind = Kind::Retry;
        model::Id checkinId = 0;
        std::optional<model::Id> remoteId;
        std::optional<int> httpStatus;
        std::string error;
        std::optional<model::DoubleEntry> doubleEntry;
    };
    // Why a batch stopped early; the first reason wins.
    struct Stop {
        std::atomic<bool> flag{false};
        std::mutex mutex;
        std::string reason;
        void set(std::string why);
    };
    // Uploads one check-in with in-pass retries over `r`. nullopt: stop the pass (reason in `stop`).
    std::optional<Outcome> upload(Requester& r, const model::QueuedCheckin& item, bool multipleEntries, Stop& stop) const;
    static Outcome judge(const model::QueuedCheckin& item, bool multipleEntries, const HttpResponse& response);
    // Uploads a batch over the connections; outcomes in queue order (none for check-ins not
    // attempted). False when the pass must stop (reason in m_stopReason).
    bool uploadBatch(const std::vector<model::QueuedCheckin>& batch, std::vector<Outcome>& outcomes);
    // Settles a batch in one transaction; returns the remote IDs its uploads took.
    std::unordered_set<model::Id> flush(std::vector<Outcome>& outcomes);

    model::Store& m_store;
    const model::SyncRemote& m_remote;
    Requester& m_requester;
    const EngineOptions& m_options;
    std::vector<std::unique_ptr<HttpClient>>& m_connections;
    std::vector<std::unique_ptr<Requester>> m_ownLanes;
    std::vector<Requester*> m_lanes;              // one per connection; [0] is m_requester
    std::map<model::Id, bool> m_multipleEntries;  // list ID -> allows multiple entries
    std::string m_eventUrl;
    std::string m_stopReason;
    PushSummary m_summary;
};

std::string newNonce();

}  // namespace boxoffice::sync::detail
