#include "boxoffice/sync/Scheduler.h"

#include <condition_variable>
#include <mutex>

namespace boxoffice::sync {

model::Result<SyncEngine::Summary> syncEvery(model::Store& store, const model::SyncRemote& remote, EngineOptions options,
                                             std::chrono::seconds every, std::stop_token stop, const AfterSync& afterEach) {
    options.cancel = stop;
    SyncEngine engine(store, remote, std::move(options));
    // Nothing notifies this variable: only the stop request or the timeout ends a wait.
    std::mutex mutex;
    std::condition_variable_any woken;
    for (;;) {
        auto result = engine.syncOnce();
        if (afterEach) {
            afterEach(result, engine.status());
        }
        if (every <= std::chrono::seconds::zero() || stop.stop_requested()) {
            return result;
        }
        std::unique_lock lock(mutex);
        woken.wait_for(lock, stop, every, [] { return false; });
        if (stop.stop_requested()) {
            return result;
        }
    }
}

}  // namespace boxoffice::sync
