// Trying a remote pretix server before keeping it: what the desk's "Test connection" and the
// organizer/event pickers ask. Blocking network calls (one connection, no retries; the timeouts of
// the HttpOptions given): never on a UI thread. Failures are values with a message a box-office
// person understands and a kind a program can act on; the token never appears in a message, and
// is sent only to the server named (a list's next page on another server is not followed).
#pragma once

#include <string>
#include <vector>

#include "boxoffice/model/Types.h"
#include "boxoffice/sync/HttpClient.h"

namespace boxoffice::sync {

struct ConnectionProblem {
    enum class Kind {
        BadUrl,      // not an http:// or https:// URL, or one the server redirects elsewhere (3xx)
        Dns,         // the host name does not resolve
        Unreachable, // no answer: refused, timed out, network down, connection cut
        Tls,         // the certificate is not trusted (or the TLS handshake failed)
        Token,       // 401: the token is wrong or revoked
        Permission,  // 403: the token may not read this organizer or event
        NotFound,    // 404: no such organizer or event (or not a pretix server)
        Server,      // 5xx, 429, another 4xx, or an answer that is not pretix's JSON
    } kind = Kind::Unreachable;
    std::string message;
};

struct OrganizerChoice {
    std::string slug;
    std::string name;
};

struct EventChoice {
    std::string slug;
    std::string name;  // in the first language the server gives
    std::string dateFrom;  // as the server sends it (ISO 8601), may be empty
};

// The organizers the token can see (GET /api/v1/organizers/, all pages).
model::Result<std::vector<OrganizerChoice>, ConnectionProblem> listOrganizers(const std::string& url,
                                                                                 const HttpOptions& http);
// The organizer's events (GET /api/v1/organizers/{o}/events/, all pages), newest first.
model::Result<std::vector<EventChoice>, ConnectionProblem> listEvents(const std::string& url,
                                                                        const std::string& organizer,
                                                                        const HttpOptions& http);
// Reads the event (GET …/events/{e}/) and its check-in lists: true when the token may sync it;
// otherwise the problem that stops it (never false).
model::Result<bool, ConnectionProblem> testConnection(const std::string& url, const std::string& organizer,
                                                      const std::string& event, const HttpOptions& http);

}  // namespace boxoffice::sync
