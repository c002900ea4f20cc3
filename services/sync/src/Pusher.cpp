#include "Pusher.h"

#include <algorithm>
#include <map>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "Puller.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::sync::detail {

namespace {

using nlohmann::json;

constexpr std::size_t kBatchesPerRead = 10;

struct RemoteCheckin {
    model::Id id = 0;
    model::Id listId = 0;
    std::string type;
    model::Timestamp datetime{};
    std::string device;
};

std::vector<RemoteCheckin> remoteCheckins(const json& body, model::Id listId) {
    std::vector<RemoteCheckin> out;
    if (!body.is_object() || !body.contains("position") || !body["position"].is_object()) {
        return out;
    }
    const json& p = body["position"];
    if (!p.contains("checkins") || !p["checkins"].is_array()) {
        return out;
    }
    for (const auto& c : p["checkins"]) {
        if (!c.is_object() || !c.contains("datetime") || !c["datetime"].is_string()) {
            continue;
        }
        auto t = model::parseTimestamp(c["datetime"].get<std::string>());
        if (!t) {
            continue;
        }
        RemoteCheckin r;
        r.id = c.contains("id") && c["id"].is_number_integer() ? c["id"].get<model::Id>() : 0;
        r.listId = c.contains("list") && c["list"].is_number_integer() ? c["list"].get<model::Id>() : listId;
        r.type = c.contains("type") && c["type"].is_string() ? c["type"].get<std::string>() : "entry";
        r.datetime = *t;
        if (c.contains("device") && c["device"].is_string()) {
            r.device = c["device"].get<std::string>();
        } else if (c.contains("device_id") && c["device_id"].is_number_integer()) {
            r.device = "device " + std::to_string(c["device_id"].get<model::Id>());
        } else {
            r.device = "remote";
        }
        if (r.listId == listId) {
            out.push_back(std::move(r));
        }
    }
    std::sort(out.begin(), out.end(), [](const RemoteCheckin& a, const RemoteCheckin& b) {
        return a.datetime != b.datetime ? a.datetime < b.datetime : a.id < b.id;
    });
    return out;
}

std::int64_t seconds(model::Timestamp t) { return model::toStorage(t) / 1'000'000; }

model::Timestamp toSecond(model::Timestamp t) {
    return model::Timestamp(std::chrono::floor<std::chrono::seconds>(t));
}

model::DoubleEntry doubleEntry(const model::QueuedCheckin& item, const std::string& nonce, const RemoteCheckin& other) {
    model::DoubleEntry e;
    e.eventId = item.eventId;
    e.listId = item.checkin.listId;
    e.positionId = item.checkin.positionId;
    e.secret = item.secret;
    e.nonce = nonce;
    e.localDatetime = item.checkin.datetime;
    e.localDevice = item.checkin.device;
    e.remoteCheckinId = other.id ? std::optional<model::Id>(other.id) : std::nullopt;
    e.remoteDatetime = other.datetime;
    e.remoteDevice = other.device;
    e.detected = model::now();
    return e;
}

}  // namespace

std::string newNonce() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
    std::string out = "bo";
    for (int i = 0; i < 30; ++i) {
        out.push_back(kAlphabet[pick(random)]);
    }
    return out;
}

Pusher::Pusher(model::Store& store, const model::SyncRemote& remote, Requester& requester,
               const EngineOptions& options, std::vector<std::unique_ptr<HttpClient>>& connections)
    : m_store(store),
      m_remote(remote),
      m_requester(requester),
      m_options(options),
      m_connections(connections),
      m_eventUrl(eventApiUrl(remote)) {
    m_lanes.push_back(&m_requester);
}

void Pusher::Stop::set(std::string why) {
    std::lock_guard lock(mutex);
    if (!flag.load()) {
        reason = std::move(why);
        flag.store(true);
    }
}

std::optional<Pusher::Outcome> Pusher::upload(Requester& r, const model::QueuedCheckin& item, bool multipleEntries,
                                              Stop& stop) const {
    const auto& c = item.checkin;
    const std::string url = m_eventUrl + "checkinlists/" + std::to_string(c.listId) + "/positions/" +
                            HttpClient::escape(item.secret) + "/redeem/?untrusted_input=true";
    const std::string body = json{{"datetime", model::formatTimestamp(toSecond(c.datetime))},
                                  {"force", true},
                                  {"ignore_unpaid", true},
                                  {"nonce", c.nonce.value_or("")},
                                  {"type", std::string(model::toString(c.type))},
                                  {"source_type", "barcode"},
                                  {"answers", json::object()},
                                  {"questions_supported", false},
                                  {"canceled_supported", true},
                                  {"use_order_locale", false}}
                                 .dump();
    const auto& policy = r.policy();
    Outcome retry{Outcome::Kind::Retry, c.id, std::nullopt, std::nullopt, {}, std::nullopt};
    for (int attempt = 1; attempt <= policy.maxAttempts; ++attempt) {
        if (r.cancelled()) {
            stop.set(kCancelledMessage);
            return std::nullopt;
        }
        auto res = r.client().postJson(url, body);
        std::optional<std::chrono::milliseconds> wait;
        if (!res) {
            r.setReachable(false);
            retry.httpStatus.reset();
            retry.error = res.error().message;
        } else {
            r.setReachable(true);
            const auto& resp = res.value();
            if (resp.status == 401 || resp.status == 403) {
                stop.set("The remote server refused the token (HTTP " + std::to_string(resp.status) + ").");
                return std::nullopt;
            }
            if (!Requester::transientStatus(resp.status)) {
                return judge(item, multipleEntries, resp);
            }
            retry.httpStatus = static_cast<int>(resp.status);
            retry.error = "HTTP " + std::to_string(resp.status);
            if (resp.status == 429) {
                wait = retryAfter(resp).value_or(std::chrono::milliseconds(1000));
                if (*wait > policy.maxRetryAfter) {
                    return retry;
                }
            }
        }
        if (attempt < policy.maxAttempts && !r.sleep(wait.value_or(r.backoff(attempt, policy.cap)))) {
            stop.set(kCancelledMessage);
            return std::nullopt;
        }
    }
    return retry;
}

Pusher::Outcome Pusher::judge(const model::QueuedCheckin& item, bool multipleEntries, const HttpResponse& resp) {
    Outcome out;
    out.checkinId = item.checkin.id;
    out.httpStatus = static_cast<int>(resp.status);
    const json body = resp.bodyIsJson() ? json::parse(resp.body, nullptr, false) : json();
    const bool isObject = body.is_object();
    const std::string status = isObject && body.contains("status") && body["status"].is_string() ? body["status"].get<std::string>() : "";
    const std::string reason = isObject && body.contains("reason") && body["reason"].is_string() ? body["reason"].get<std::string>() : "";
    const auto checkins = remoteCheckins(body, item.checkin.listId);
    const std::string nonce = item.checkin.nonce.value_or("");
    const bool entry = item.checkin.type == model::CheckinType::Entry;

    if (resp.status >= 200 && resp.status < 300 && status == "ok") {
        out.kind = Outcome::Kind::Uploaded;
        // Ours: the check-in at our second with our type (the newest such, as the server just made it).
        std::optional<std::size_t> ours;
        for (std::size_t i = 0; i < checkins.size(); ++i) {
            if (seconds(checkins[i].datetime) == seconds(item.checkin.datetime) &&
                checkins[i].type == model::toString(item.checkin.type) && (!ours || checkins[i].id > checkins[*ours].id)) {
                ours = i;
            }
        }
        if (ours) {
            out.remoteId = checkins[*ours].id ? std::optional<model::Id>(checkins[*ours].id) : std::nullopt;
            if (entry && !multipleEntries) {
                if (*ours > 0 && checkins[*ours - 1].type == "entry") {
                    out.doubleEntry = doubleEntry(item, nonce, checkins[*ours - 1]);
                } else if (*ours + 1 < checkins.size() && checkins[*ours + 1].type == "entry") {
                    out.doubleEntry = doubleEntry(item, nonce, checkins[*ours + 1]);
                }
            }
        }
        return out;
    }
    if (resp.status == 400 || (resp.status == 404 && isObject)) {
        out.kind = Outcome::Kind::Conflict;
        out.error = !reason.empty() ? reason : (isObject ? body.dump() : std::string("HTTP ") + std::to_string(resp.status));
        if (reason == "already_redeemed" && entry) {
            for (auto it = checkins.rbegin(); it != checkins.rend(); ++it) {
                if (it->type == "entry") {
                    out.doubleEntry = doubleEntry(item, nonce, *it);
                    break;
                }
            }
        }
        return out;
    }
    if (resp.status == 404 || resp.status == 409 || (resp.status >= 200 && resp.status < 300)) {
        // A plain 404 means the server lacks the endpoint; 409 and a non-ok 2xx may pass.
        out.kind = Outcome::Kind::Retry;
        out.error = resp.status == 404 ? "the remote server has no redeem endpoint here (plain 404)"
                                       : "HTTP " + std::to_string(resp.status) + (status.empty() ? "" : " status " + status) +
                                             (reason.empty() ? "" : " reason " + reason);
        return out;
    }
    out.kind = Outcome::Kind::Conflict;
    out.error = "HTTP " + std::to_string(resp.status);
    return out;
}

std::unordered_set<model::Id> Pusher::flush(std::vector<Outcome>& outcomes) {
    if (outcomes.empty()) {
        return {};
    }
    model::SyncRepository repo(m_store);
    model::Store::Transaction tx(m_store);
    // First every outcome under the IDs the queue gave; only then do uploaded check-ins take
    // their remote IDs, because taking one may move another row of this batch aside.
    std::unordered_set<model::Id> remoteIds;
    for (auto& o : outcomes) {
        if (o.doubleEntry && repo.recordDoubleEntry(*o.doubleEntry)) {
            ++m_summary.doubleEntries;
        }
        switch (o.kind) {
            case Outcome::Kind::Uploaded:
                repo.settle(o.checkinId, model::SyncState::Uploaded, o.httpStatus, "");
                if (o.remoteId) {
                    remoteIds.insert(*o.remoteId);
                }
                ++m_summary.uploaded;
                break;
            case Outcome::Kind::Conflict:
                repo.settle(o.checkinId, model::SyncState::Conflict, o.httpStatus, o.error);
                ++m_summary.conflicts;
                break;
            case Outcome::Kind::Retry: {
                // Backoff between passes grows with the attempts already recorded.
                int attempts = 0;
                auto q = m_store.cached("SELECT attempts FROM sync_queue WHERE checkin_id = ?");
                q.bind(1, o.checkinId);
                if (q.executeStep()) {
                    attempts = q.getColumn(0).getInt();
                }
                q.reset();
                const auto delay = m_requester.backoff(attempts + 1, m_requester.policy().queueCap);
                repo.noteFailure(o.checkinId, o.httpStatus, o.error, model::now() + std::chrono::microseconds(delay));
                break;
            }
        }
    }
    // A remote that hands out IDs from the local range (another box office) may give one upload
    // the local ID of another upload of this batch, in any order as uploads run side by side. The
    // settled row that holds such an ID moves to a fresh local ID first, so that taking the
    // remote ID never mistakes it for a row pulled earlier.
    for (auto& o : outcomes) {
        if (o.kind != Outcome::Kind::Uploaded || !o.remoteId || *o.remoteId == o.checkinId ||
            !remoteIds.contains(o.checkinId)) {
            continue;
        }
        model::Id fresh = m_store.nextLocalId("checkin");  // above every local ID, this one's included
        while (remoteIds.contains(fresh)) {
            ++fresh;
        }
        auto u = m_store.cached("UPDATE checkin SET id = ? WHERE id = ?");
        u.bind(1, fresh);
        u.bind(2, o.checkinId);
        u.exec();
        o.checkinId = fresh;
    }
    for (auto& o : outcomes) {
        if (o.kind == Outcome::Kind::Uploaded && o.remoteId) {
            repo.adoptRemoteId(o.checkinId, *o.remoteId);
        }
    }
    tx.commit();
    outcomes.clear();
    return remoteIds;
}

bool Pusher::uploadBatch(const std::vector<model::QueuedCheckin>& batch, std::vector<Outcome>& outcomes) {
    // The lists' rules are read here: the workers never touch the store.
    for (const auto& item : batch) {
        const model::Id list = item.checkin.listId;
        if (!m_multipleEntries.contains(list)) {
            auto info = model::CheckinRepository(m_store).listInfo(item.eventId, list);
            m_multipleEntries[list] = info && info->allowMultipleEntries;
        }
    }
    // One chain per ticket: its check-ins in queue order, uploaded one after the other.
    std::vector<std::vector<std::size_t>> chains;
    {
        std::unordered_map<model::Id, std::size_t> chainOf;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            auto [it, fresh] = chainOf.try_emplace(batch[i].checkin.positionId, chains.size());
            if (fresh) {
                chains.emplace_back();
            }
            chains[it->second].push_back(i);
        }
    }
    const std::size_t wanted = static_cast<std::size_t>(std::max(1, m_options.uploadConnections));
    const std::size_t lanes = std::max<std::size_t>(1, std::min(wanted, chains.size()));
    while (m_lanes.size() < lanes) {
        const std::size_t extra = m_lanes.size() - 1;
        if (m_connections.size() <= extra) {
            m_connections.push_back(std::make_unique<HttpClient>(m_options.http));
        }
        m_ownLanes.push_back(std::make_unique<Requester>(*m_connections[extra], m_options.retry, m_options.cancel));
        m_lanes.push_back(m_ownLanes.back().get());
    }
    for (auto* lane : m_lanes) {
        lane->setReachable(false);
    }

    std::vector<std::optional<Outcome>> slots(batch.size());
    std::atomic<std::size_t> nextChain{0};
    Stop stop;
    const auto& multiple = m_multipleEntries;
    auto work = [&](Requester& r) {
        try {
            while (!stop.flag.load()) {
                const std::size_t c = nextChain.fetch_add(1);
                if (c >= chains.size()) {
                    return;
                }
                for (const std::size_t i : chains[c]) {
                    if (stop.flag.load()) {
                        return;
                    }
                    const auto& item = batch[i];
                    auto outcome = upload(r, item, multiple.at(item.checkin.listId), stop);
                    if (!outcome) {
                        return;
                    }
                    const bool retry = outcome->kind == Outcome::Kind::Retry;
                    if (retry) {
                        stop.set("Upload of check-in " + std::to_string(item.checkin.id) + " failed: " + outcome->error);
                    }
                    slots[i] = std::move(outcome);
                    if (retry) {
                        return;
                    }
                }
            }
        } catch (const std::exception& e) {
            stop.set(std::string("Upload failed: ") + e.what());
        }
    };
    {
        std::vector<std::thread> workers;
        workers.reserve(lanes - 1);
        for (std::size_t l = 1; l < lanes; ++l) {
            workers.emplace_back(work, std::ref(*m_lanes[l]));
        }
        work(*m_lanes[0]);
        for (auto& t : workers) {
            t.join();
        }
    }
    bool reached = false;
    for (auto* lane : m_lanes) {
        reached = reached || lane->reachable();
    }
    m_requester.setReachable(reached);
    for (auto& slot : slots) {
        if (slot) {
            outcomes.push_back(std::move(*slot));
        }
    }
    if (stop.flag.load()) {
        m_stopReason = stop.reason;
        return false;
    }
    return true;
}

model::Result<PushSummary> Pusher::run() {
    std::optional<model::Id> eventId = m_remote.eventId;
    if (!eventId) {
        if (auto e = model::EventRepository(m_store).eventBySlug(m_remote.organizer, m_remote.eventSlug)) {
            eventId = e->id;
        }
    }
    if (!eventId) {
        return m_summary;  // nothing can be queued for an event this box office does not carry
    }
    model::SyncRepository repo(m_store);
    const auto farFuture = model::now() + std::chrono::hours(24 * 365 * 100);
    std::vector<Outcome> outcomes;
    std::int64_t done = 0;
    const std::int64_t total = repo.queueLength(*eventId);
    // The queue is read a few batches at a time (one query and one transaction for the nonces);
    // each batch is then uploaded and settled in its own transaction.
    const auto batchSize = static_cast<std::size_t>(std::max<std::int64_t>(1, m_options.pushBatch));
    std::vector<model::QueuedCheckin> chunk;
    std::size_t next = 0;
    for (bool more = true; more;) {
        if (next >= chunk.size()) {
            chunk = repo.queue(*eventId, m_options.honourQueueBackoff ? model::now() : farFuture,
                               static_cast<std::int64_t>(batchSize * kBatchesPerRead));
            next = 0;
            if (chunk.empty()) {
                break;
            }
            // The nonce is stored before the first attempt: every retry carries the same one.
            model::Store::Transaction tx(m_store);
            for (auto& item : chunk) {
                if (!item.checkin.nonce || item.checkin.nonce->empty()) {
                    item.checkin.nonce = newNonce();
                    repo.setNonce(item.checkin.id, *item.checkin.nonce);
                }
            }
            tx.commit();
        }
        const std::size_t end = std::min(chunk.size(), next + batchSize);
        std::vector<model::QueuedCheckin> batch(std::make_move_iterator(chunk.begin() + static_cast<std::ptrdiff_t>(next)),
                                                std::make_move_iterator(chunk.begin() + static_cast<std::ptrdiff_t>(end)));
        next = end;
        more = uploadBatch(batch, outcomes);
        done += static_cast<std::int64_t>(outcomes.size());
        const auto adopted = flush(outcomes);
        // Taking a remote ID moves a queued row that held it to a fresh ID: read the queue again.
        for (std::size_t i = next; i < chunk.size() && !adopted.empty(); ++i) {
            if (adopted.contains(chunk[i].checkin.id)) {
                chunk.clear();
                next = 0;
            }
        }
        if (m_options.progress) {
            m_options.progress(Progress{"push", done, total});
        }
    }
    m_summary.remaining = repo.queueLength(*eventId);
    if (!m_stopReason.empty()) {
        // A cancelled pass says so as the pull does (Conflict); any other stop is the link's (Io).
        const auto code = m_stopReason == kCancelledMessage ? model::ErrorCode::Conflict : model::ErrorCode::Io;
        return model::Error{code,
                            m_stopReason + " (" + std::to_string(m_summary.uploaded) + " uploaded, " +
                                std::to_string(m_summary.remaining) + " still queued)",
                            {}};
    }
    return m_summary;
}

}  // namespace boxoffice::sync::detail
