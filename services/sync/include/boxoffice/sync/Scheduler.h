// Syncing on a schedule: one SyncEngine::syncOnce() now and then again every so many seconds until
// stopped (boxoffice-cli sync --every, a desk that keeps its remote up to date).
//
// Threads: runs on the calling thread, which must own the Store, and returns when stopped (or
// after one sync). The stop may be requested from any thread (a signal watcher, the UI); it ends
// a sync in progress as EngineOptions::cancel does and a wait at once.
#pragma once

#include <chrono>
#include <functional>
#include <stop_token>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/SyncEngine.h"

namespace boxoffice::sync {

// Called on the calling thread after each sync with its result and the remote's status then.
using AfterSync = std::function<void(const model::Result<SyncEngine::Summary>&, const SyncStatus&)>;

// Syncs `remote` (saved; options.http.token set) with one engine, so connections are kept between
// runs: syncOnce, afterEach, then a wait of `every` (0: no wait, one sync only) that a stop
// request ends at once; again until `stop` is requested. options.cancel is replaced by `stop`.
// A failed sync does not end the schedule. Returns the result of the last sync.
model::Result<SyncEngine::Summary> syncEvery(model::Store& store, const model::SyncRemote& remote, EngineOptions options,
                                             std::chrono::seconds every, std::stop_token stop, const AfterSync& afterEach);

}  // namespace boxoffice::sync
