// Syncs one event of this box office with a remote pretix server (scanner-protocol.md §B.6-B.10).
//
// pull(): event, sub-events, categories, products, questions, check-in lists, ticket layouts (with
// background PDFs) and orders with positions, answers and check-ins. The first pull is full; later
// ones ask for orders changed since the cursor (the server's X-Page-Generated, else the newest
// last_modified seen). Each page is applied in its own transaction as it arrives, while a helper
// thread already downloads and parses the next one (at most two pages wait, so a long list is
// never held whole); the cursor advances only after the last page, so an interrupted pull leaves
// a consistent store. A first pull walks the orders in datetime order and notes with each page
// how far it got: one that is cut off resumes there (created_since) and then sets the cursor to
// its own first page, so orders stored before the cut-off that changed meanwhile come next time.
//
// push(): first uploads the desk's orders (sold here, sync/src/OrderUploader.h) with POST orders/
// exactly once, each taking the remote's code and position IDs; a refusal is a conflict kept for a
// person (sync/Inbox.h). Then it uploads the queue (check-ins with sync state Local) with the per-list redeem endpoint,
// force: true, the original datetime and type, and a nonce stored before the first attempt, so a
// retry after any failure (even a kill between request and answer) never doubles a check-in.
// Settled on "ok" (uploaded, re-keyed to the remote ID) or a JSON 400/404 (conflict, kept for a
// human); network errors, 5xx and 429 (Retry-After honoured) are retried with exponential backoff
// and jitter. A ticket the remote had admitted too is recorded as a double entry. Uploads run on
// a few connections at once (EngineOptions::uploadConnections); each batch is read and settled in
// one transaction on the calling thread.
//
// Ownership and threads: a SyncEngine works on the Store it is given and must be used on that
// Store's thread (a GUI runs it on a worker thread with its own Store). Failures are values;
// nothing throws out of pull(), push() or syncOnce(). EngineOptions::cancel may be triggered from
// any thread. The progress callback runs on the calling thread. Status changes are published on
// model::ChangeFeed as Change::Kind::Sync.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/HttpClient.h"

namespace boxoffice::sync {

struct RetryPolicy {
    int maxAttempts = 6;  // per request within one pass
    std::chrono::milliseconds base{200};
    std::chrono::milliseconds cap{5'000};
    std::chrono::milliseconds maxRetryAfter{60'000};  // a longer Retry-After ends the pass instead
    // Between passes, for a check-in whose upload failed: base * 2^attempts, at most this.
    std::chrono::milliseconds queueCap{300'000};
};

struct Progress {
    std::string step;        // "event", "items", "orders", "push", ...
    std::int64_t done = 0;
    std::int64_t total = -1;  // -1: unknown
};

struct EngineOptions {
    RetryPolicy retry;
    HttpOptions http;  // token, TLS and timeouts; the token comes from the caller
    std::function<void(const Progress&)> progress;
    // A stop requested from any thread ends a pull or push at its next request or wait (a request
    // in flight runs to its end or timeout) with Conflict "The sync was cancelled."; what was
    // applied stays. The default token never stops.
    std::stop_token cancel;
    std::int64_t pushBatch = 50;                // check-ins settled per transaction
    // Uploads in flight at once, each on its own keep-alive connection (1: one after another).
    // The check-ins of one ticket always go one after the other, in the order they were made.
    int uploadConnections = 4;
    bool honourQueueBackoff = true;             // false: try every queued check-in now
};

struct PullSummary {
    bool full = false;
    std::int64_t pages = 0;
    std::int64_t orders = 0;
    std::int64_t positions = 0;
    std::int64_t checkins = 0;
    std::int64_t skipped = 0;  // objects the remote sent that could not be read
};

struct PushSummary {
    std::int64_t uploaded = 0;
    std::int64_t conflicts = 0;
    std::int64_t doubleEntries = 0;
    std::int64_t remaining = 0;  // still queued after this pass
    // Desk orders (sold here): created on the remote, refused by it, still to upload.
    std::int64_t ordersUploaded = 0;
    std::int64_t orderConflicts = 0;
    std::int64_t ordersRemaining = 0;
};

// What the GUI shows about a remote (read from the store; cheap).
struct SyncStatus {
    std::optional<model::Timestamp> lastPull;
    std::optional<model::Timestamp> lastPush;
    std::int64_t queueLength = 0;
    std::int64_t conflicts = 0;  // check-ins and desk orders the remote refused, not dismissed
    std::int64_t doubleEntries = 0;
    std::int64_t ordersToUpload = 0;  // desk orders not on the remote yet
    bool online = false;
    std::string lastError;
};

class SyncEngine {
public:
    // `remote` must have been saved (SyncRepository::saveRemote); options.http.token set.
    SyncEngine(model::Store& store, model::SyncRemote remote, EngineOptions options);
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    model::Result<PullSummary> pull();
    model::Result<PushSummary> push();

    struct Summary {
        PullSummary pulled;
        PushSummary pushed;
    };
    // push, pull, then push what the pull made uploadable. Stops at the first failure.
    model::Result<Summary> syncOnce();

    const model::SyncRemote& remote() const { return m_remote; }
    SyncStatus status();
    static SyncStatus status(model::Store& store, model::Id remoteId);

private:
    struct Impl;
    model::Store& m_store;
    model::SyncRemote m_remote;
    EngineOptions m_options;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boxoffice::sync
