#include "Requester.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace boxoffice::sync::detail {

model::Error ioError(std::string message) { return model::Error{model::ErrorCode::Io, std::move(message), {}}; }

model::Error cancelledError() { return model::Error::conflict(kCancelledMessage); }

Requester::Requester(HttpClient& client, const RetryPolicy& policy, std::stop_token cancel)
    : m_client(client), m_policy(policy), m_cancel(std::move(cancel)), m_random(std::random_device{}()) {}

bool Requester::sleep(std::chrono::milliseconds duration) {
    // Nothing notifies this variable: only the stop request or the timeout ends the wait.
    std::mutex mutex;
    std::condition_variable_any woken;
    std::unique_lock lock(mutex);
    woken.wait_for(lock, m_cancel, duration, [] { return false; });
    return !cancelled();
}

std::chrono::milliseconds Requester::backoff(int attempt, std::chrono::milliseconds cap) {
    const int shift = std::clamp(attempt - 1, 0, 20);
    const auto full = std::min<std::int64_t>(cap.count(), m_policy.base.count() * (std::int64_t{1} << shift));
    std::uniform_int_distribution<std::int64_t> jitter(full / 2, std::max<std::int64_t>(full / 2, full));
    return std::chrono::milliseconds(jitter(m_random));
}

namespace {

model::Result<HttpResponse> withRetries(Requester& r, const std::string& url,
                                        const std::function<model::Result<HttpResponse>()>& attempt,
                                        const std::function<std::optional<std::string>(const HttpResponse&)>& transient) {
    std::string last;
    for (int i = 1; i <= r.policy().maxAttempts; ++i) {
        if (r.cancelled()) {
            return cancelledError();
        }
        auto result = attempt();
        std::optional<std::chrono::milliseconds> wait;
        if (!result) {
            r.setReachable(false);
            last = result.error().message;
        } else {
            r.setReachable(true);
            auto reason = transient(result.value());
            if (!reason) {
                return std::move(result.value());
            }
            last = *reason;
            if (result.value().status == 429) {
                wait = retryAfter(result.value()).value_or(std::chrono::milliseconds(1000));
                if (*wait > r.policy().maxRetryAfter) {
                    return ioError("The server asked to wait " + std::to_string(wait->count() / 1000) +
                                   " s (429) for " + url);
                }
            }
        }
        if (i == r.policy().maxAttempts) {
            break;
        }
        if (!r.sleep(wait.value_or(r.backoff(i, r.policy().cap)))) {
            return cancelledError();
        }
    }
    return ioError("GET " + url + " failed after " + std::to_string(r.policy().maxAttempts) + " attempts: " + last);
}

}  // namespace

model::Result<JsonAnswer> Requester::getJson(const std::string& url) {
    nlohmann::json parsed;
    auto attempt = [&]() -> model::Result<HttpResponse> {
        auto res = m_client.get(url);
        if (!res) {
            return ioError(res.error().message);
        }
        return std::move(res.value());
    };
    auto transient = [&](const HttpResponse& resp) -> std::optional<std::string> {
        if (transientStatus(resp.status)) {
            return "HTTP " + std::to_string(resp.status);
        }
        parsed = nullptr;
        if (resp.bodyIsJson()) {
            parsed = nlohmann::json::parse(resp.body, nullptr, false);
            if (parsed.is_discarded()) {
                parsed = nullptr;
                if (resp.status >= 200 && resp.status < 300) {
                    return std::string("incomplete or invalid JSON body");
                }
            }
        } else if (resp.status >= 200 && resp.status < 300) {
            return std::string("answer is not JSON");
        }
        return std::nullopt;
    };
    auto res = withRetries(*this, url, attempt, transient);
    if (!res) {
        return res.error();
    }
    return JsonAnswer{std::move(res.value()), std::move(parsed)};
}

model::Result<HttpResponse> Requester::getFile(const std::string& url) {
    auto attempt = [&]() -> model::Result<HttpResponse> {
        auto res = m_client.get(url);
        if (!res) {
            return ioError(res.error().message);
        }
        return std::move(res.value());
    };
    auto transient = [](const HttpResponse& resp) -> std::optional<std::string> {
        if (transientStatus(resp.status)) {
            return "HTTP " + std::to_string(resp.status);
        }
        return std::nullopt;
    };
    return withRetries(*this, url, attempt, transient);
}

}  // namespace boxoffice::sync::detail
