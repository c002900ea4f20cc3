// A small HTTP client for a remote pretix server, on libcurl: token authentication, TLS
// verification (on by default; a pinned CA file trusts one self-signed certificate), connect and
// stall timeouts, gzip for GET answers, keep-alive (one connection reused across calls), a product
// user agent.
//
// Ownership and threads: one HttpClient per thread (the curl handle is not shared). Failures are
// values: a transport problem (refused, reset, timeout, truncated body) is Transport; any HTTP
// answer, including 4xx and 5xx, is a Response for the caller to judge. The token is never
// written to a log or an error message.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "boxoffice/model/Types.h"

namespace boxoffice::sync {

struct HttpOptions {
    std::string token;          // sent as "Authorization: Token <token>"; empty: no header
    std::string caFile;         // PEM file of the one certificate (or CA) to trust; empty: system CAs
    bool verifyTls = true;      // false only on an explicit user choice
    std::chrono::milliseconds connectTimeout{10'000};
    // A transfer that moves no byte for this long is abandoned (a stalled link, not a slow one).
    std::chrono::milliseconds stallTimeout{30'000};
    std::chrono::milliseconds totalTimeout{300'000};
    std::string userAgent;      // empty: "BoxOffice/<version> (pretix sync)"
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased; last value of each
    std::string body;

    std::string header(const std::string& lowerCaseName) const;
    bool bodyIsJson() const;  // first non-space character is '{' or '['
};

struct HttpError {
    enum class Kind { Transport, Tls, BadUrl } kind = Kind::Transport;
    std::string message;
    // For Transport: where it failed, so a person can be told what to check (Connection.h).
    enum class Cause {
        Other,           // reset, truncated, stalled, ...
        HostNotFound,    // the host name (or the proxy's) did not resolve
        ConnectFailed,   // refused, or no route to the host
        TimedOut,        // no connection or no answer in time
    } cause = Cause::Other;
};

class HttpClient {
public:
    explicit HttpClient(HttpOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    model::Result<HttpResponse, HttpError> get(const std::string& url);
    model::Result<HttpResponse, HttpError> postJson(const std::string& url, const std::string& body);

    static std::string defaultUserAgent();
    // Percent-encodes everything but ASCII letters and digits (pretix's secret path rule).
    static std::string escape(const std::string& text);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Seconds from a Retry-After header (delta-seconds form); nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> retryAfter(const HttpResponse& response);

}  // namespace boxoffice::sync
