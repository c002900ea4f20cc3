// Requests with the retry rules of the sync engine: transport errors, truncated or unreadable
// bodies, 408, 5xx and 429 are retried with exponential backoff and full jitter (Retry-After
// honoured); anything else is the caller's to judge. Private to services/sync; one thread at a
// time (a pull hands it to its page fetcher, a push gives each upload connection its own).
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <stop_token>
#include <string>

#include <nlohmann/json.hpp>

#include "boxoffice/sync/HttpClient.h"
#include "boxoffice/sync/SyncEngine.h"

namespace boxoffice::sync::detail {

struct JsonAnswer {
    HttpResponse response;
    nlohmann::json body;  // null when the body is not JSON
};

class Requester {
public:
    // `cancel`: a stop request ends the next request or wait (a default token never stops).
    Requester(HttpClient& client, const RetryPolicy& policy, std::stop_token cancel);

    // GET of a JSON resource. Retries transient failures; a 2xx whose body is not complete JSON
    // counts as transient (a truncated page is fetched again, never applied). Other statuses are
    // returned as they are. Error (Io) after the last attempt; cancelledError() on cancellation.
    model::Result<JsonAnswer> getJson(const std::string& url);
    // GET of a file (e.g. a background PDF): transient failures retried; other statuses returned.
    model::Result<HttpResponse> getFile(const std::string& url);

    // Sleeps, waking early on cancellation; false when cancelled.
    bool sleep(std::chrono::milliseconds duration);
    // Backoff before retry number `attempt` (1-based), with full jitter in [d/2, d].
    std::chrono::milliseconds backoff(int attempt, std::chrono::milliseconds cap);
    bool cancelled() const { return m_cancel.stop_requested(); }
    HttpClient& client() { return m_client; }
    const RetryPolicy& policy() const { return m_policy; }
    // Whether the last request reached the server (any HTTP answer).
    bool reachable() const { return m_reachable; }
    void setReachable(bool r) { m_reachable = r; }

    static bool transientStatus(long status) { return status == 408 || status == 429 || status >= 500; }

private:
    HttpClient& m_client;
    const RetryPolicy& m_policy;
    std::stop_token m_cancel;
    std::mt19937_64 m_random;
    bool m_reachable = false;
};

model::Error ioError(std::string message);
// What a pull or push stopped by EngineOptions::cancel returns: Conflict, kCancelledMessage.
inline constexpr const char* kCancelledMessage = "The sync was cancelled.";
model::Error cancelledError();

}  // namespace boxoffice::sync::detail
