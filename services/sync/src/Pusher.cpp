#include "Pusher.h"

#include <algorithm>
#include <map>
#include <random>

#include "Puller.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::sync::detail {

namespace {

using nlohmann::json;

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
               const EngineOptions& options)
    : m_store(store), m_remote(remote), m_requester(requester), m_options(options), m_eventUrl(eventApiUrl(remote)) {}

std::optional<Pusher::Outcome> Pusher::upload(const model::QueuedCheckin& item) {
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
    const auto& policy = m_requester.policy();
    Outcome retry{Outcome::Kind::Retry, c.id, std::nullopt, std::nullopt, {}, std::nullopt};
    for (int attempt = 1; attempt <= policy.maxAttempts; ++attempt) {
        if (m_requester.cancelled()) {
            m_stopReason = "Sync cancelled.";
            return std::nullopt;
        }
        auto res = m_requester.client().postJson(url, body);
        std::optional<std::chrono::milliseconds> wait;
        if (!res) {
            m_requester.setReachable(false);
            retry.httpStatus.reset();
            retry.error = res.error().message;
        } else {
            m_requester.setReachable(true);
            const auto& resp = res.value();
            if (resp.status == 401 || resp.status == 403) {
                m_stopReason = "The remote server refused the token (HTTP " + std::to_string(resp.status) + ").";
                return std::nullopt;
            }
            if (!Requester::transientStatus(resp.status)) {
                return judge(item, resp);
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
        if (attempt < policy.maxAttempts && !m_requester.sleep(wait.value_or(m_requester.backoff(attempt, policy.cap)))) {
            m_stopReason = "Sync cancelled.";
            return std::nullopt;
        }
    }
    return retry;
}

Pusher::Outcome Pusher::judge(const model::QueuedCheckin& item, const HttpResponse& resp) {
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
            auto info = model::CheckinRepository(m_store).listInfo(item.eventId, item.checkin.listId);
            if (entry && !(info && info->allowMultipleEntries)) {
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

void Pusher::flush(std::vector<Outcome>& outcomes) {
    if (outcomes.empty()) {
        return;
    }
    model::SyncRepository repo(m_store);
    model::Store::Transaction tx(m_store);
    for (auto& o : outcomes) {
        if (o.doubleEntry && repo.recordDoubleEntry(*o.doubleEntry)) {
            ++m_summary.doubleEntries;
        }
        switch (o.kind) {
            case Outcome::Kind::Uploaded:
                repo.settle(o.checkinId, model::SyncState::Uploaded, o.httpStatus, "");
                if (o.remoteId) {
                    repo.adoptRemoteId(o.checkinId, *o.remoteId);
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
    tx.commit();
    outcomes.clear();
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
    bool stop = false;
    std::int64_t done = 0;
    const std::int64_t total = repo.queueLength(*eventId);
    while (!stop) {
        auto batch = repo.queue(*eventId, m_options.honourQueueBackoff ? model::now() : farFuture, m_options.pushBatch);
        if (batch.empty()) {
            break;
        }
        {
            // The nonce is stored before the first attempt: every retry carries the same one.
            model::Store::Transaction tx(m_store);
            for (auto& item : batch) {
                if (!item.checkin.nonce || item.checkin.nonce->empty()) {
                    item.checkin.nonce = newNonce();
                    repo.setNonce(item.checkin.id, *item.checkin.nonce);
                }
            }
            tx.commit();
        }
        for (const auto& item : batch) {
            auto outcome = upload(item);
            if (!outcome) {
                stop = true;
                break;
            }
            const bool retry = outcome->kind == Outcome::Kind::Retry;
            if (retry) {
                m_stopReason = "Upload of check-in " + std::to_string(item.checkin.id) + " failed: " + outcome->error;
            }
            outcomes.push_back(std::move(*outcome));
            ++done;
            if (retry) {
                stop = true;
                break;
            }
        }
        flush(outcomes);
        if (m_options.progress) {
            m_options.progress(Progress{"push", done, total});
        }
    }
    flush(outcomes);
    m_summary.remaining = repo.queueLength(*eventId);
    if (!m_stopReason.empty()) {
        return model::Error{model::ErrorCode::Io, m_stopReason + " (" + std::to_string(m_summary.uploaded) +
                                                      " uploaded, " + std::to_string(m_summary.remaining) + " still queued)",
                            {}};
    }
    return m_summary;
}

}  // namespace boxoffice::sync::detail
