#include "boxoffice/sync/Connection.h"

#include "boxoffice/model/Time.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_set>

namespace boxoffice::sync {

namespace {

using nlohmann::json;
using Kind = ConnectionProblem::Kind;

// A list longer than this many pages is not a pretix server's answer to these requests.
constexpr int kMaxPages = 1'000;

ConnectionProblem problem(Kind kind, std::string message) {
    return ConnectionProblem{kind, std::move(message)};
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// "https://host:port" of an http(s) URL (scheme and host lower-cased); nullopt for anything else.
std::optional<std::string> originOf(const std::string& url) {
    const std::string l = lower(url);
    std::size_t start = 0;
    if (l.starts_with("http://")) {
        start = 7;
    } else if (l.starts_with("https://")) {
        start = 8;
    } else {
        return std::nullopt;
    }
    const std::size_t end = l.find_first_of("/?#", start);
    const std::string origin = l.substr(0, end);
    if (origin.size() == start || origin.find_first_of(" \t\r\n@") != std::string::npos) {
        return std::nullopt;
    }
    return origin;
}

// The host of an origin, without the port.
std::string hostOf(const std::string& origin) {
    std::string host = origin.substr(origin.find("://") + 3);
    if (host.starts_with('[')) {
        return host.substr(0, host.find(']') + 1);
    }
    return host.substr(0, host.find(':'));
}

// A path segment: unreserved characters stay, everything else is percent-encoded.
std::string segment(const std::string& s) {
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((std::isalnum(c) && c < 0x80) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(ch);
        } else {
            out += HttpClient::escape(std::string(1, ch));
        }
    }
    return out;
}

// The token never reaches a message, even if a server or library echoed it.
std::string withoutToken(std::string text, const std::string& token) {
    if (token.empty()) {
        return text;
    }
    for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
        text.replace(at, token.size(), "…");
    }
    return text;
}

// One remote: its API root, a client, and what a request is about (for the messages).
class Remote {
public:
    Remote(std::string origin, std::string apiRoot, const HttpOptions& http)
        : m_origin(std::move(origin)), m_apiRoot(std::move(apiRoot)), m_token(http.token), m_client(http) {}

    const std::string& apiRoot() const { return m_apiRoot; }

    // GET of one JSON document. `what` names it for a person ("event “fest”").
    model::Result<json, ConnectionProblem> getJson(const std::string& url, const std::string& what) {
        auto res = m_client.get(url);
        if (!res) {
            return transportProblem(res.error());
        }
        const HttpResponse& r = res.value();
        if (r.status >= 200 && r.status < 300) {
            json body = r.bodyIsJson() ? json::parse(r.body, nullptr, false) : json(nullptr);
            if (body.is_discarded() || body.is_null()) {
                return problem(Kind::Server,
                               "The server at " + m_origin +
                                   " did not answer as a pretix server does (its answer is not JSON). "
                                   "Check the address: it is the one of the pretix site, e.g. "
                                   "https://pretix.eu.");
            }
            return body;
        }
        return statusProblem(r, what);
    }

    // Every page of a list from `url` (pretix's count/next/results), the results in order.
    model::Result<std::vector<json>, ConnectionProblem> getAll(const std::string& url,
                                                               const std::string& what) {
        std::vector<json> out;
        std::unordered_set<std::string> seen;
        std::string next = url;
        for (int page = 0; !next.empty(); ++page) {
            if (page == kMaxPages || !seen.insert(next).second) {
                return notPretix();
            }
            auto body = getJson(next, what);
            if (!body) {
                return body.error();
            }
            json& b = body.value();
            if (!b.is_object() || !b.contains("results") || !b["results"].is_array()) {
                return notPretix();
            }
            for (auto& item : b["results"]) {
                out.push_back(std::move(item));
            }
            next.clear();
            if (auto it = b.find("next"); it != b.end() && it->is_string()) {
                next = it->get<std::string>();
                // The token goes only to the server it was given for.
                if (!next.empty() && originOf(next) != m_origin) {
                    return problem(Kind::Server,
                                   "The server at " + m_origin +
                                       " sent the next page of its answer to another server; it was "
                                       "not followed.");
                }
            }
        }
        return out;
    }

    ConnectionProblem notPretix() const {
        return problem(Kind::Server,
                       "The server at " + m_origin +
                           " did not answer as a pretix server does. Check the address: it is the one "
                           "of the pretix site, e.g. https://pretix.eu.");
    }

private:
    ConnectionProblem transportProblem(const HttpError& e) const {
        const std::string detail = withoutToken(e.message, m_token);
        switch (e.kind) {
        case HttpError::Kind::BadUrl:
            return problem(Kind::BadUrl,
                           "\"" + m_origin + "\" is not an address a server can be reached at.");
        case HttpError::Kind::Tls:
            return problem(Kind::Tls,
                           "The secure connection to " + m_origin +
                               " failed: its certificate is not trusted here (" + detail +
                               "). Check the address, or choose the server's certificate to trust.");
        case HttpError::Kind::Transport:
            break;
        }
        switch (e.cause) {
        case HttpError::Cause::HostNotFound:
            return problem(Kind::Dns, "The server name \"" + hostOf(m_origin) +
                                          "\" was not found. Check the address and the network connection.");
        case HttpError::Cause::ConnectFailed:
            return problem(Kind::Unreachable, "The server at " + m_origin +
                                                  " refused the connection or cannot be reached. Check the "
                                                  "address (and its port), and that the server is running.");
        case HttpError::Cause::TimedOut:
            return problem(Kind::Unreachable, "The server at " + m_origin +
                                                  " did not answer in time. Check the network connection, "
                                                  "then try again.");
        case HttpError::Cause::Other:
            break;
        }
        return problem(Kind::Unreachable, "The connection to " + m_origin + " failed (" + detail +
                                              "). Check the network connection, then try again.");
    }

    ConnectionProblem statusProblem(const HttpResponse& r, const std::string& what) const {
        const std::string status = "HTTP " + std::to_string(r.status);
        if (r.status == 401) {
            return problem(Kind::Token,
                           m_token.empty() ? "The server asks for a token: enter the API token of the remote."
                                           : "The server refused the token: it is wrong or was revoked.");
        }
        if (r.status == 403) {
            return problem(Kind::Permission,
                           "The token may not read " + what +
                               " (or it does not exist). Ask for a token with access to it.");
        }
        if (r.status == 404) {
            return problem(Kind::NotFound, "The server has no " + what +
                                               ". Check the spelling (or whether the address is a pretix "
                                               "server's).");
        }
        if (r.status >= 300 && r.status < 400) {
            const std::string location = r.header("location");
            const auto target = originOf(location);
            return problem(Kind::BadUrl,
                           "The server sends this address elsewhere" +
                               (target && *target != m_origin ? " (to " + *target + ")" : std::string()) +
                               ": enter the address it moved to.");
        }
        if (r.status == 429) {
            return problem(Kind::Server,
                           "The server at " + m_origin + " is busy (" + status + "). Try again later.");
        }
        if (r.status >= 500) {
            return problem(Kind::Server,
                           "The server at " + m_origin + " had an error (" + status + "). Try again later.");
        }
        return problem(Kind::Server, "The server at " + m_origin +
                                         " did not answer as a pretix server does (" + status + ").");
    }

    std::string m_origin;
    std::string m_apiRoot;
    std::string m_token;
    HttpClient m_client;
};

// The remote for `url`, or BadUrl before any request.
model::Result<std::unique_ptr<Remote>, ConnectionProblem> remoteFor(const std::string& url,
                                                                    const HttpOptions& http) {
    std::string base = url;
    while (!base.empty() && std::isspace(static_cast<unsigned char>(base.back()))) {
        base.pop_back();
    }
    base.erase(0, std::min(base.size(), base.find_first_not_of(" \t")));
    const auto origin = originOf(base);
    if (!origin || base.find_first_of("?#") != std::string::npos) {
        return problem(Kind::BadUrl,
                       "\"" + withoutToken(base, http.token) +
                           "\" is not an http:// or https:// address such as https://pretix.eu.");
    }
    while (base.back() == '/') {
        base.pop_back();
    }
    return std::make_unique<Remote>(*origin, base + "/api/v1/", http);
}

std::string quoted(const std::string& slug) {
    return "\"" + slug + "\"";
}

std::string text(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An i18n name ({"en": "…", "de": "…"}) in the first language given, or a plain string.
std::string firstLanguage(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) {
        return {};
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    if (it->is_object()) {
        for (const auto& [language, value] : it->items()) {
            if (value.is_string() && !value.get<std::string>().empty()) {
                return value.get<std::string>();
            }
        }
    }
    return {};
}

} // namespace

model::Result<std::vector<OrganizerChoice>, ConnectionProblem> listOrganizers(const std::string& url,
                                                                              const HttpOptions& http) {
    auto remote = remoteFor(url, http);
    if (!remote) {
        return remote.error();
    }
    auto& r = *remote.value();
    auto all = r.getAll(r.apiRoot() + "organizers/", "list of organizers");
    if (!all) {
        return all.error();
    }
    std::vector<OrganizerChoice> out;
    for (const auto& o : all.value()) {
        if (!o.is_object() || text(o, "slug").empty()) {
            return r.notPretix();
        }
        out.push_back({text(o, "slug"), firstLanguage(o, "name")});
    }
    return out;
}

model::Result<std::vector<EventChoice>, ConnectionProblem>
listEvents(const std::string& url, const std::string& organizer, const HttpOptions& http) {
    auto remote = remoteFor(url, http);
    if (!remote) {
        return remote.error();
    }
    auto& r = *remote.value();
    auto all = r.getAll(r.apiRoot() + "organizers/" + segment(organizer) + "/events/",
                        "organizer " + quoted(organizer) + " (or its events)");
    if (!all) {
        return all.error();
    }
    struct Sorted {
        EventChoice choice;
        std::optional<model::Timestamp> from;
    };
    std::vector<Sorted> events;
    for (const auto& e : all.value()) {
        if (!e.is_object() || text(e, "slug").empty()) {
            return r.notPretix();
        }
        Sorted s{{text(e, "slug"), firstLanguage(e, "name"), text(e, "date_from")}, std::nullopt};
        s.from = model::parseTimestamp(s.choice.dateFrom);
        events.push_back(std::move(s));
    }
    // Newest first; events without a readable start after those with one, by slug.
    std::stable_sort(events.begin(), events.end(), [](const Sorted& a, const Sorted& b) {
        if (a.from.has_value() != b.from.has_value()) {
            return a.from.has_value();
        }
        if (a.from && *a.from != *b.from) {
            return *a.from > *b.from;
        }
        return a.choice.slug < b.choice.slug;
    });
    std::vector<EventChoice> out;
    out.reserve(events.size());
    for (auto& s : events) {
        out.push_back(std::move(s.choice));
    }
    return out;
}

model::Result<bool, ConnectionProblem> testConnection(const std::string& url, const std::string& organizer,
                                                      const std::string& event, const HttpOptions& http) {
    auto remote = remoteFor(url, http);
    if (!remote) {
        return remote.error();
    }
    auto& r = *remote.value();
    const std::string eventUrl =
        r.apiRoot() + "organizers/" + segment(organizer) + "/events/" + segment(event) + "/";
    const std::string what = "event " + quoted(event) + " of organizer " + quoted(organizer);
    auto read = r.getJson(eventUrl, what);
    if (!read) {
        return read.error();
    }
    if (!read.value().is_object() || text(read.value(), "slug").empty()) {
        return r.notPretix();
    }
    auto lists = r.getAll(eventUrl + "checkinlists/", "check-in lists of " + what);
    if (!lists) {
        return lists.error();
    }
    return true;
}

} // namespace boxoffice::sync
