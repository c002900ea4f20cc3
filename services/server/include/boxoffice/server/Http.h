// The server's own request and response types: what a route handler (core or plugin) reads and
// returns. They hide the HTTP engine (Boost.Beast) so plugins stay independent of it.
//
// A Request is built by the server on the worker thread that serves it and is read-only for the
// handler; a Response is a plain value. Neither is shared between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::server {

// Query string or form fields in the order they came; repeated keys are kept.
using Params = std::multimap<std::string, std::string>;

struct Request {
    std::string method;                   // "GET", "POST", ...
    std::string path;                     // raw (still percent-encoded) path, without the query
    std::vector<std::string> pathParams;  // the pattern's {placeholders}, percent-decoded, in order
    Params query;                         // decoded query parameters
    Params form;                          // decoded application/x-www-form-urlencoded body fields
    std::map<std::string, std::string> headers;  // names lower-cased; first value of each
    std::string body;
    // "http://host:port" from the request's Host header when it is a valid host[:port], else the
    // address the server listens on (for 0.0.0.0 the one the request came in on).
    std::string baseUrl;
    std::string remoteAddr;

    // First value of a query parameter.
    std::optional<std::string> queryValue(const std::string& key) const;
    // Every value of a query parameter, comma-separated values split ("item__in=1,2&item__in=3").
    std::vector<std::string> queryList(const std::string& key) const;
    std::optional<std::string> formValue(const std::string& key) const;
    std::string header(const std::string& lowerCaseName) const;
    // The body parsed as JSON: an object is required. On failure the error carries pretix's
    // message ("JSON parse error - ...") for a 400 {"detail": ...} answer.
    model::Result<nlohmann::json> jsonObject() const;
    // The absolute URL of this request's path with the query as given (for pagination links).
    std::string absoluteUrl(const Params& query) const;
};

// What a redeem decided (per-list redeem, check-in RPC), for ServerOptions::onScan: the live
// scan feed of the desk's Server tab. Texts are UTF-8; no secret is kept.
struct ScanRecord {
    model::Timestamp when{};
    std::string device;  // the device's name, or the API token's; empty when neither is known
    std::string ticket;  // "ORDER-1 Attendee Name"; empty for an unknown code
    std::string status;  // "ok", "incomplete", "error"
    std::string reason;  // "invalid", "already_redeemed", ...; empty when admitted
    std::string list;    // the check-in list's name
    model::Id eventId = 0;
};

struct Response {
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    // Set by the redeem routes: the server hands it to ServerOptions::onScan.
    std::optional<ScanRecord> scan;

    static Response json(const nlohmann::json& body, int status = 200);
    // A body already written as JSON text (model::JsonText).
    static Response jsonText(std::string body, int status = 200);
    // pretix's general error body {"detail": "..."}.
    static Response detail(int status, const std::string& message);
    // pretix's input error body {"field": ["message"]}, status 400.
    static Response fieldErrors(const model::FieldErrors& errors);
    // A model error mapped to its HTTP status (BadInput 400, NotFound 404, Conflict 409, Busy 503
    // with "Retry-After: 5").
    static Response fromError(const model::Error& error);
    // 404 with a plain-text (non-JSON) body: what scanners read as "not supported here".
    static Response notFound();
    static Response noContent();  // 204
};

}  // namespace boxoffice::server
