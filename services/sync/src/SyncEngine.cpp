#include "boxoffice/sync/SyncEngine.h"

#include "OrderUploader.h"
#include "Puller.h"
#include "Pusher.h"
#include "Requester.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderUploadRepository.h"

namespace boxoffice::sync {

struct SyncEngine::Impl {
    HttpClient client;
    detail::Requester requester;
    std::vector<std::unique_ptr<HttpClient>> uploadConnections;  // kept alive between passes
    explicit Impl(const EngineOptions& options)
        : client(options.http), requester(client, options.retry, options.cancel) {}
};

SyncEngine::SyncEngine(model::Store& store, model::SyncRemote remote, EngineOptions options)
    : m_store(store), m_remote(std::move(remote)), m_options(std::move(options)), m_impl(std::make_unique<Impl>(m_options)) {}

SyncEngine::~SyncEngine() = default;

namespace {

// Records the outcome of one contact with the remote (its commit publishes the status).
void record(model::Store& store, model::SyncRemote& remote, bool reachable, const std::optional<model::Error>& error,
            bool pulled, bool pushed) {
    const auto now = model::now();
    remote.lastAttempt = now;
    remote.online = reachable;
    remote.lastError = error ? error->message : std::string();
    if (!error && pulled) {
        remote.lastPull = now;
    }
    if (!error && pushed) {
        remote.lastPush = now;
    }
    try {
        model::Store::Transaction tx(store);
        model::SyncRepository(store).saveRemote(remote);
        tx.commit();
    } catch (const std::exception&) {
        // The status is advisory; the data itself was committed page by page.
    }
}

}  // namespace

model::Result<PullSummary> SyncEngine::pull() {
    std::optional<model::Error> error;
    PullSummary summary;
    try {
        detail::Puller puller(m_store, m_remote, m_impl->requester, m_options);
        auto r = puller.run();
        if (r) {
            summary = r.value();
        } else {
            error = r.error();
        }
    } catch (const std::exception& e) {
        error = model::Error{model::ErrorCode::Io, std::string("Pull failed: ") + e.what(), {}};
    }
    record(m_store, m_remote, m_impl->requester.reachable(), error, true, false);
    if (error) {
        return *error;
    }
    return summary;
}

model::Result<PushSummary> SyncEngine::push() {
    std::optional<model::Error> error;
    PushSummary summary;
    try {
        std::optional<model::Id> eventId = m_remote.eventId;
        if (!eventId) {
            if (auto e = model::EventRepository(m_store).eventBySlug(m_remote.organizer, m_remote.eventSlug)) {
                eventId = e->id;
            }
        }
        // Desk orders first: their check-ins are uploaded once the remote has their tickets.
        PushSummary orders;
        if (eventId) {
            auto o = detail::OrderUploader(m_store, m_remote, m_impl->requester, m_options).run(*eventId);
            if (o) {
                orders = o.value();
            } else {
                error = o.error();
            }
        }
        if (!error) {
            detail::Pusher pusher(m_store, m_remote, m_impl->requester, m_options, m_impl->uploadConnections);
            auto r = pusher.run();
            if (r) {
                summary = r.value();
            } else {
                error = r.error();
            }
        }
        summary.ordersUploaded = orders.ordersUploaded;
        summary.orderConflicts = orders.orderConflicts;
        summary.ordersRemaining = orders.ordersRemaining;
    } catch (const std::exception& e) {
        error = model::Error{model::ErrorCode::Io, std::string("Push failed: ") + e.what(), {}};
    }
    // An empty queue needs no contact: the link state stays as it was.
    const bool contacted =
        error || summary.uploaded + summary.conflicts + summary.ordersUploaded + summary.orderConflicts > 0;
    record(m_store, m_remote, contacted ? m_impl->requester.reachable() : m_remote.online, error, false, true);
    if (error) {
        return *error;
    }
    return summary;
}

model::Result<SyncEngine::Summary> SyncEngine::syncOnce() {
    Summary s;
    auto first = push();
    if (!first) {
        return first.error();
    }
    s.pushed = first.value();
    auto pulled = pull();
    if (!pulled) {
        return pulled.error();
    }
    s.pulled = pulled.value();
    auto second = push();
    if (!second) {
        return second.error();
    }
    s.pushed.uploaded += second->uploaded;
    s.pushed.conflicts += second->conflicts;
    s.pushed.doubleEntries += second->doubleEntries;
    s.pushed.remaining = second->remaining;
    s.pushed.ordersUploaded += second->ordersUploaded;
    s.pushed.orderConflicts += second->orderConflicts;
    s.pushed.ordersRemaining = second->ordersRemaining;
    return s;
}

SyncStatus SyncEngine::status() { return status(m_store, m_remote.id); }

SyncStatus SyncEngine::status(model::Store& store, model::Id remoteId) {
    SyncStatus s;
    model::SyncRepository repo(store);
    auto remote = repo.remote(remoteId);
    if (!remote) {
        return s;
    }
    s.lastPull = remote->lastPull;
    s.lastPush = remote->lastPush;
    s.online = remote->online;
    s.lastError = remote->lastError;
    if (remote->eventId) {
        s.queueLength = repo.queueLength(*remote->eventId);
        model::OrderUploadRepository orders(store);
        s.conflicts = repo.conflictCount(*remote->eventId) + orders.conflictCount(*remote->eventId);
        s.ordersToUpload = orders.pendingCount(*remote->eventId);
        s.doubleEntries = repo.doubleEntryCount(*remote->eventId);
    }
    return s;
}

}  // namespace boxoffice::sync
