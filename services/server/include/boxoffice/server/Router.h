// Routing, authentication and the helpers every route handler uses (core API and plugins).
//
// Patterns are paths with {placeholders} for whole segments, e.g.
// "/api/v1/organizers/{organizer}/events/{event}/orders/{code}/". They are matched against the
// raw path segment by segment before percent-decoding (a "%2F" in a secret never splits a
// segment), with or without the trailing slash. The first two placeholders of an event route
// must be {organizer} and {event}: the router resolves and authorizes them before the handler
// runs, so handlers see only events the caller may access. AnyToken routes need no placeholder.
//
// Paired devices ("Authorization: Device <t>", services/auth Devices.h) are let through only on
// routes added with Devices::Allowed (and on Auth::Device routes); they are scoped to their
// organizer, their event if they have one, and (Context::listAllowed) their gate's lists. A
// revoked device gets 401 {"detail": "Device access has been revoked."} on every route; a device
// on a route it may not use gets 403, and a method a path does not have a plain 404 (pretixSCAN
// gives up on a queued call answered 405 for ever).
//
// Routes are added before the server starts; afterwards the Router is read-only and used by all
// worker threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "boxoffice/model/ApiToken.h"
#include "boxoffice/model/Device.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/JsonWriter.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/server/Http.h"

namespace boxoffice::server {

enum class Auth {
    None,            // public (e.g. the server's own health route)
    OrganizerToken,  // "Authorization: Token <t>" valid for the {organizer}
    EventToken,      // "Authorization: Token <t>" valid for {organizer}/{event}
    EventKey,        // "?key=<t>" valid for {organizer}/{event} (pretixdroid: bad key 403, unknown event 404)
    AnyToken,        // "Authorization: Token <t>", any valid token; for routes outside an organizer
                     // (e.g. /api/v1/upload). The context gets the token and its organizer, no event.
    Device,          // "Authorization: Device <t>" of an initialized device (the device API's own
                     // routes); the context gets the device and its organizer.
};

// Whether a Token route also lets paired devices in (see above).
enum class Devices { Refused, Allowed };

// What a route asks of the caller beyond its organizer and event: one of these permissions
// (model::Permission, pretix's team permissions). A token without any of them gets 403
// {"detail": "You do not have permission to perform this action."}. A route added without
// permissions asks for none (reading the event, its products and questions); every route that
// changes something on a token must name one (Router::add refuses it otherwise).
using model::Permission;
using model::Permissions;

// What a paired device may do: scan and what scanning reads (pretix's pretixSCAN profile).
inline constexpr Permissions kDevicePermissions{Permission::CheckinOrders, Permission::ViewOrders};

// What a handler gets: the request, this worker thread's own Store connection, and for
// authenticated routes the resolved organizer, event and token.
struct Context {
    const Request& request;
    model::Store& store;
    std::optional<model::Organizer> organizer;
    std::optional<model::Event> event;
    std::optional<model::ApiToken> token;
    model::Timestamp started = model::now();  // when dispatch began, before any query
    // The event's plugins switched on or off (EventRepository::plugins), read with the authorization.
    std::map<std::string, bool> plugins;
    // The paired device making the request ("Authorization: Device"), active and in scope.
    std::optional<model::Device> device;
    // The access version (EventRepository::accessVersion, migrations 7 and 21) the authorization
    // was checked at, when a credential was: what a handler read with the same version (an
    // event, a check-in list) is still what the database holds.
    std::optional<std::int64_t> accessVersion;
    // On a route that checks access in its own write (Router::checksAccessItself): the version
    // above is the one a remembered authorization was granted at, not read for this request
    // (`accessAssumed`). The handler sets `accessChecked` once its write found the database still
    // at that version (checkin::RedeemRequest::accessVersion); an answer without it is dropped,
    // and the request authorized again, reading the version, and handled anew.
    bool accessAssumed = false;
    bool accessChecked = false;

    // For a handler that waits for work done on another thread (the redeem's group commit), so
    // that its worker takes other requests meanwhile: `start` begins the work and is given
    // `resume`, to call exactly once, from any thread, when the work is done; the answer is then
    // made by `finish`, on a worker thread, with a Context like this one but that worker's Store
    // (the request, the credentials, the access version). The handler returns right after
    // suspend(), and what it returns is not used. `start` runs on this thread, with this
    // Store, right after the handler. Where the dispatcher cannot take a request up later
    // (Router::dispatch without a Resumer), it waits for `resume` here and finishes at once.
    using Resume = std::function<void()>;
    void suspend(std::function<void(Resume)> start, std::function<Response(Context&)> finish);
    struct Suspension;
    std::shared_ptr<Suspension> suspended = nullptr;  // set by suspend(); the router's

    // Whether the caller may see and scan on check-in list `listId` of the resolved event:
    // always for tokens, the gate's lists for a device.
    bool listAllowed(model::Id listId) const { return !device || device->mayUseList(listId); }
    // Whether the caller may see the organizer's event `slug` (a token or device of one event).
    bool eventAllowed(const std::string& slug) const;

    // Whether a plugin is on for the resolved event.
    bool pluginEnabled(const std::string& plugin, bool byDefault) const {
        const auto it = plugins.find(plugin);
        return it == plugins.end() ? byDefault : it->second;
    }

    const std::string& param(std::size_t i) const { return request.pathParams.at(i); }
    // "http://host:port/api/v1/organizers/o/events/e/" for the resolved event.
    std::string eventApiUrl() const;
};

using Handler = std::function<Response(Context&)>;

// How often the server records a token's last use; and how soon it tries again when the
// database was busy.
inline constexpr std::chrono::seconds kTokenUseInterval{60};
inline constexpr std::chrono::seconds kTokenUseRetry{5};

class Router {
public:
    // Registers a route. `method` is "GET", "POST", "PUT", "PATCH" or "DELETE". Throws
    // std::logic_error for a token route other than GET without permissions.
    void add(const std::string& method, const std::string& pattern, Auth auth, Handler handler);
    void add(const std::string& method, const std::string& pattern, Auth auth, Devices devices, Handler handler);
    void add(const std::string& method, const std::string& pattern, Auth auth, Permissions permissions, Handler handler);
    void add(const std::string& method, const std::string& pattern, Auth auth, Devices devices, Permissions permissions,
             Handler handler);

    // The route added last checks the access version inside the write it makes (the redeems, the
    // one request a scanner repeats thousands of times): a caller the router remembers is then let
    // through without reading the version, which costs a read transaction per request and,
    // after every commit of the other gates, the re-read of its page (see Context::accessAssumed).
    // Its handler must not change anything unless the version held.
    void checksAccessItself();

    // Routes added from now on belong to `plugin`: they answer a plain 404 for events on which
    // the plugin is switched off (model::EventRepository::pluginEnabled). Empty: core routes.
    void setPlugin(const std::string& plugin, bool enabledByDefault);

    // Dispatches a request. No route: plain-text 404. Handler exceptions are left to the caller.
    // A token that was accepted gets its last use recorded once the answer is decided, at most
    // once per kTokenUseInterval, never waiting for a busy database and never failing the request.
    // A handler that suspends (Context::suspend) is waited for on this thread.
    Response dispatch(Request& request, model::Store& store) const;

    // Runs a job on a worker thread with that thread's Store: how a server takes a suspended
    // request up again (the other dispatch).
    using Resumer = std::function<void(std::function<void(model::Store&)>)>;
    // The same for a server whose workers need not wait for suspended handlers: `answer` is
    // called once with the response, on this thread before this returns, or, for a handler that
    // suspended, later on the worker `resumer` runs the rest on. An exception before the handler
    // suspended is left to the caller (`answer` is then not called); one after it is answered as
    // detail::exceptionResponse says (503 when the storage is unavailable, else 500).
    void dispatch(std::shared_ptr<Request> request, model::Store& store, const Resumer& resumer,
                  std::function<void(Response)> answer) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;  // "{x}" marks a placeholder
        Auth auth = Auth::None;
        Devices devices = Devices::Refused;
        Permissions permissions;  // one of them; empty: none asked
        Handler handler;
        std::string plugin;
        bool pluginDefault = true;
        bool checksAccess = false;  // checksAccessItself
    };
    // A granted authorization, kept while EventRepository::accessVersion stays at `version`.
    struct Grant {
        std::int64_t version = 0;
        std::optional<model::Organizer> organizer;
        std::optional<model::Event> event;
        std::optional<model::ApiToken> token;
        std::map<std::string, bool> plugins;
        std::optional<model::Device> device;
    };
    // `mayAssume`: a remembered grant is used at the version it was granted at, unread.
    std::optional<Response> authorize(const Route& route, Context& ctx, bool mayAssume) const;
    // The route that matches the request's method and path (its path parameters filled in), or
    // null; `pathMatched`: some route has the path with another method.
    const Route* match(Request& request, bool& pathMatched) const;
    static Response unmatched(const Request& request, bool pathMatched);
    // Authorizes and runs a matched route on this thread, waiting for a suspended handler.
    Response run(const Route& route, const Request& request, model::Store& store, bool mayAssume) const;
    // After the handler: its answer, with the token's use and the device's sighting recorded; or,
    // when it went on a remembered access version it could not confirm, the answer of a second
    // run that reads the version.
    Response conclude(const Route& route, const Context& ctx, Response response) const;
    // The token's last use and the device's last sighting.
    void record(const Context& ctx, model::Store& store) const;
    struct Resumed;
    void finishResumed(const Resumed& resumed, model::Store& store) const;
    void recordUse(const model::ApiToken& token, model::Store& store) const;
    void recordSeen(const model::Device& device, model::Store& store) const;
    std::optional<Response> authorizeUncached(const Route& route, Context& ctx) const;
    // Whether the token or device holds one of the route's permissions.
    static bool permitted(const Route& route, const Context& ctx);
    std::vector<Route> m_routes;
    mutable std::mutex m_grantsMutex;
    mutable std::unordered_map<std::string, Grant> m_grants;
    // When each token's use was last recorded or tried (see recordUse).
    mutable std::mutex m_usesMutex;
    mutable std::unordered_map<model::Id, model::Timestamp> m_usesRecorded;
    mutable std::unordered_map<model::Id, model::Timestamp> m_devicesSeen;  // the same for devices
    std::string m_plugin;
    bool m_pluginDefault = true;
};

// pretix pagination: 50 per page (`page_size` may lower it), 1-based `page`, absolute `next` and
// `previous` URLs built from the request's Host; a page past the end (or not a number) is a 404
// {"detail": "Invalid page."}. `fetch(offset, limit)` returns the rows of the page as a JSON array.
inline constexpr std::int64_t kPageSize = 50;
Response paginate(const Context& ctx, std::int64_t count,
                  const std::function<nlohmann::json(std::int64_t offset, std::int64_t limit)>& fetch);
// The same, for pages written straight to text: `fetch` writes the page's rows into the open
// "results" array.
Response paginateText(const Context& ctx, std::int64_t count,
                      const std::function<void(std::int64_t offset, std::int64_t limit, model::JsonText& out)>& fetch);

// Parses an ID from a path segment or query value: only a plain decimal integer is one (ASCII
// digits, no sign, no spaces, no trailing characters, within int64). nullopt otherwise, which
// routes answer like an unknown ID ("5001abc", "-1", "1e3" and " 12" are not IDs).
std::optional<model::Id> parseId(std::string_view s);

// Parses a query boolean ("true"/"false", also "1"/"0"); nullopt when absent or invalid.
std::optional<bool> queryBool(const Request& request, const std::string& key);

}  // namespace boxoffice::server
