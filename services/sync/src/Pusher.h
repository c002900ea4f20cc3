// The upload half of the sync engine (SyncEngine.h describes the rules). Private; one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "Requester.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/SyncEngine.h"

namespace boxoffice::sync::detail {

class Pusher {
public:
    Pusher(model::Store& store, const model::SyncRemote& remote, Requester& requester, const EngineOptions& options);

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
    // Uploads one check-in with in-pass retries. nullopt: stop the pass (error in m_stopReason).
    std::optional<Outcome> upload(const model::QueuedCheckin& item);
    Outcome judge(const model::QueuedCheckin& item, const HttpResponse& response);
    void flush(std::vector<Outcome>& outcomes);
    std::string nonceFor(const model::QueuedCheckin& item);

    model::Store& m_store;
    const model::SyncRemote& m_remote;
    Requester& m_requester;
    const EngineOptions& m_options;
    std::string m_eventUrl;
    std::string m_stopReason;
    PushSummary m_summary;
};

std::string newNonce();

}  // namespace boxoffice::sync::detail
