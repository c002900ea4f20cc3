#include "boxoffice/server/Router.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <variant>

#include "StorageErrors.h"
#include "Url.h"
#include "boxoffice/auth/Devices.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::server {

namespace {

constexpr std::size_t kMaxGrants = 4096;  // remembered authorizations; all are dropped at the limit

std::vector<std::string_view> splitPath(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        if (end > start) {
            out.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

bool isPlaceholder(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

std::optional<std::int64_t> positiveInt(const std::string& s) {
    auto v = parseId(s);
    if (!v || *v < 1) {
        return std::nullopt;
    }
    return v;
}

}  // namespace

std::string Context::eventApiUrl() const {
    if (!organizer || !event) {
        return {};
    }
    return request.baseUrl + "/api/v1/organizers/" + detail::encodeQueryComponent(organizer->slug) + "/events/" +
           detail::encodeQueryComponent(event->slug) + "/";
}

bool Context::eventAllowed(const std::string& slug) const {
    if (device) {
        return !device->eventSlug || *device->eventSlug == slug;
    }
    return !token || !token->eventSlug || *token->eventSlug == slug;
}

void Router::add(const std::string& method, const std::string& pattern, Auth auth, Handler handler) {
    add(method, pattern, auth, Permissions{}, std::move(handler));
}

void Router::add(const std::string& method, const std::string& pattern, Auth auth, Devices devices, Handler handler) {
    add(method, pattern, auth, devices, Permissions{}, std::move(handler));
}

void Router::add(const std::string& method, const std::string& pattern, Auth auth, Permissions permissions,
                 Handler handler) {
    add(method, pattern, auth, auth == Auth::Device ? Devices::Allowed : Devices::Refused, permissions,
        std::move(handler));
}

void Router::add(const std::string& method, const std::string& pattern, Auth auth, Devices devices,
                 Permissions permissions, Handler handler) {
    // A route that changes something and forgot its permission would let every token do it.
    const bool tokenRoute = auth == Auth::OrganizerToken || auth == Auth::EventToken || auth == Auth::EventKey ||
                            auth == Auth::AnyToken;
    if (tokenRoute && method != "GET" && permissions.empty()) {
        throw std::logic_error(method + " " + pattern + " needs a permission");
    }
    Route r;
    r.permissions = permissions;
    r.method = method;
    for (auto s : splitPath(pattern)) {
        r.segments.emplace_back(s);
    }
    r.auth = auth;
    r.devices = devices;
    r.handler = std::move(handler);
    r.plugin = m_plugin;
    r.pluginDefault = m_pluginDefault;
    m_routes.push_back(std::move(r));
}

void Router::checksAccessItself() {
    if (m_routes.empty()) {
        throw std::logic_error("checksAccessItself before any route");
    }
    m_routes.back().checksAccess = true;
}

void Router::setPlugin(const std::string& plugin, bool enabledByDefault) {
    m_plugin = plugin;
    m_pluginDefault = enabledByDefault;
}

namespace {

// What an Authorization header presents.
struct Credential {
    bool device = false;  // "Device <t>" rather than "Token <t>"
    std::string secret;
};

// The credential of an "Authorization: Token <token>" or "Device <token>" header, or the 401
// answer for a missing or malformed header, as Django REST framework's TokenAuthentication (which
// pretix uses for both) reads it: the header split at runs of ASCII whitespace, the keyword
// compared case-insensitively, exactly two parts. Another keyword counts as no credentials.
std::variant<Credential, Response> presentedCredential(const Request& request) {
    constexpr std::string_view kWhitespace = " \t\n\r\v\f";
    const std::string header = request.header("authorization");
    std::vector<std::string_view> parts;
    std::string_view rest(header);
    while (true) {
        const auto begin = rest.find_first_not_of(kWhitespace);
        if (begin == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(begin);
        const auto end = std::min(rest.find_first_of(kWhitespace), rest.size());
        parts.push_back(rest.substr(0, end));
        rest.remove_prefix(end);
    }
    auto isKeyword = [](std::string_view word, std::string_view keyword) {
        return word.size() == keyword.size() &&
               std::equal(word.begin(), word.end(), keyword.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == b;
               });
    };
    if (parts.empty() || !(isKeyword(parts.front(), "token") || isKeyword(parts.front(), "device"))) {
        return Response::detail(401, "Authentication credentials were not provided.");
    }
    if (parts.size() == 1) {
        return Response::detail(401, "Invalid token header. No credentials provided.");
    }
    if (parts.size() > 2) {
        return Response::detail(401, "Invalid token header. Token string should not contain spaces.");
    }
    return Credential{isKeyword(parts.front(), "device"), std::string(parts[1])};
}

// The token of an "Authorization: Token <token>" header, or the 401 answer (a device's header
// counts as no credentials here).
std::variant<std::string, Response> presentedToken(const Request& request) {
    auto credential = presentedCredential(request);
    if (auto* denied = std::get_if<Response>(&credential)) {
        return *denied;
    }
    auto& c = std::get<Credential>(credential);
    if (c.device) {
        return Response::detail(401, "Authentication credentials were not provided.");
    }
    return std::move(c.secret);
}

bool isDeviceRequest(const Request& request) {
    auto credential = presentedCredential(request);
    const auto* c = std::get_if<Credential>(&credential);
    return c && c->device;
}

// Authenticates a device and scopes it to the route's organizer and event (401 for an unknown
// token, the revoked 401 for a revoked device, 403 outside its organizer or event).
std::optional<Response> authorizeDevice(Auth auth, Context& ctx, const std::string& presented) {
    auto device = auth::findDevice(ctx.store, presented);
    if (!device) {
        return Response::detail(401, "Invalid token.");
    }
    if (device->revoked()) {
        return Response::detail(401, "Device access has been revoked.");
    }
    ctx.device = device;
    model::EventRepository events(ctx.store);
    const std::string forbidden = "You do not have permission to perform this action.";
    switch (auth) {
        case Auth::None: return std::nullopt;
        case Auth::EventKey: return Response::detail(403, forbidden);
        case Auth::Device:
        case Auth::AnyToken:
            ctx.organizer = events.organizerBySlug(device->organizerSlug);
            return std::nullopt;
        case Auth::OrganizerToken:
        case Auth::EventToken: break;
    }
    const std::string& organizer = ctx.request.pathParams.at(0);
    if (organizer != device->organizerSlug) {
        return Response::detail(403, forbidden);
    }
    ctx.organizer = events.organizerBySlug(organizer);
    if (!ctx.organizer) {
        return Response::detail(403, forbidden);
    }
    if (auth == Auth::EventToken) {
        const std::string& eventSlug = ctx.request.pathParams.at(1);
        if (device->eventSlug && *device->eventSlug != eventSlug) {
            return Response::detail(403, forbidden);
        }
        ctx.event = events.eventBySlug(organizer, eventSlug);
        if (!ctx.event) {
            return Response::detail(404, "Not found.");
        }
    }
    return std::nullopt;
}

std::optional<Response> authorizeAnyToken(Context& ctx) {
    auto presented = presentedToken(ctx.request);
    if (auto* denied = std::get_if<Response>(&presented)) {
        return *denied;
    }
    ctx.token = auth::findToken(ctx.store, std::get<std::string>(presented));
    if (!ctx.token) {
        return Response::detail(401, "Invalid token.");
    }
    ctx.organizer = model::EventRepository(ctx.store).organizerBySlug(ctx.token->organizerSlug);
    return std::nullopt;
}

}  // namespace

// Granted authorizations are remembered by route kind, token hash, organizer and event, with the
// access version they were read at (migration 7); a request whose access version is the same gets
// the same answer without reading token, organizer, event and plugins again. Refusals are never
// remembered, so a token created a moment ago works at once and failed guesses fill nothing.
std::optional<Response> Router::authorize(const Route& route, Context& ctx, bool mayAssume) const {
    if (route.auth == Auth::None) {
        return std::nullopt;
    }
    std::string presented;
    bool device = false;
    if (route.auth == Auth::EventKey) {
        presented = ctx.request.queryValue("key").value_or("");
    } else if (auto credential = presentedCredential(ctx.request); auto* c = std::get_if<Credential>(&credential)) {
        presented = std::move(c->secret);
        device = c->device;
    }
    if (route.auth == Auth::Device && !device) {
        return presented.empty() ? Response::detail(401, "Authentication credentials were not provided.")
                                 : Response::detail(403, "You do not have permission to perform this action.");
    }
    // Token, organizer, event and plugins are read in one read transaction: one round of WAL
    // locks instead of one per statement.
    auto readAll = [&]() -> std::optional<Response> {
        model::Store::Transaction reading(ctx.store, model::Store::TxMode::Deferred);
        auto denied = device ? authorizeDevice(route.auth, ctx, presented) : authorizeUncached(route, ctx);
        if (!denied && ctx.event) {
            ctx.plugins = model::EventRepository(ctx.store).plugins(ctx.event->id);
        }
        reading.commit();
        return denied;
    };
    if (presented.empty()) {
        return readAll();  // no credentials: refused there
    }
    const auto hash = auth::hashToken(presented);
    std::string key(1, static_cast<char>((device ? 'a' : '0') + static_cast<int>(route.auth)));
    key.append(reinterpret_cast<const char*>(hash.data()), hash.size());
    for (std::size_t i = 0; i < 2 && i < ctx.request.pathParams.size() && route.auth != Auth::AnyToken; ++i) {
        key.push_back('\0');
        key += ctx.request.pathParams[i];
    }
    // Read on its own, outside a transaction: a remembered grant then costs one statement. A
    // grant read afterwards is as new as this version or newer, so remembering it with this
    // version can only make the next request read again. Not read at all when the route checks
    // it in its own write and the grant is remembered (checksAccessItself).
    std::optional<std::int64_t> version;
    if (!mayAssume) {
        version = model::EventRepository(ctx.store).accessVersion();
    }
    bool remembered = false;
    {
        std::lock_guard lock(m_grantsMutex);
        if (auto it = m_grants.find(key); it != m_grants.end() && (!version || it->second.version == *version)) {
            ctx.organizer = it->second.organizer;
            ctx.event = it->second.event;
            ctx.token = it->second.token;
            ctx.plugins = it->second.plugins;
            ctx.device = it->second.device;
            ctx.accessVersion = it->second.version;
            ctx.accessAssumed = !version;
            remembered = true;
        }
    }
    if (!remembered) {
        if (!version) {
            version = model::EventRepository(ctx.store).accessVersion();
        }
        ctx.accessVersion = version;
        if (auto denied = readAll()) {
            return denied;
        }
        std::lock_guard lock(m_grantsMutex);
        if (m_grants.size() >= kMaxGrants) {
            m_grants.clear();
        }
        m_grants[key] = Grant{*version, ctx.organizer, ctx.event, ctx.token, ctx.plugins, ctx.device};
    }
    if (ctx.device && route.devices != Devices::Allowed) {
        return Response::detail(403, "You do not have permission to perform this action.");
    }
    if (!permitted(route, ctx)) {
        // A device is not told of what it may not do: a plain 404, as for a route not offered
        // (pretixSCAN drops a queued call then instead of retrying it for ever).
        if (ctx.device) {
            return Response::notFound();
        }
        return route.auth == Auth::EventKey ? Response::detail(403, "Permission denied.")
                                            : Response::detail(403, "You do not have permission to perform this action.");
    }
    if (!route.plugin.empty() && ctx.event && !ctx.pluginEnabled(route.plugin, route.pluginDefault)) {
        return Response::notFound();
    }
    return std::nullopt;
}

bool Router::permitted(const Route& route, const Context& ctx) {
    if (ctx.device) {
        return kDevicePermissions.anyOf(route.permissions);
    }
    return !ctx.token || ctx.token->permissions.anyOf(route.permissions);
}

std::optional<Response> Router::authorizeUncached(const Route& route, Context& ctx) const {
    if (route.auth == Auth::AnyToken) {
        return authorizeAnyToken(ctx);
    }
    const std::string& organizer = ctx.request.pathParams.at(0);
    const std::string eventSlug = route.auth == Auth::OrganizerToken ? std::string() : ctx.request.pathParams.at(1);
    model::EventRepository events(ctx.store);
    if (route.auth == Auth::EventKey) {
        // pretixdroid: unknown organizer/event 404 ("reconfigure"), wrong key 403.
        ctx.event = events.eventBySlug(organizer, eventSlug);
        if (!ctx.event) {
            return Response::detail(404, "Unknown event.");
        }
        const auto key = ctx.request.queryValue("key").value_or("");
        model::ApiToken token;
        if (auth::checkAccess(ctx.store, key, organizer, eventSlug, &token) != auth::Access::Granted) {
            return Response::detail(403, "Permission denied.");
        }
        ctx.token = token;
        ctx.organizer = events.organizerBySlug(organizer);
    } else {
        auto presented = presentedToken(ctx.request);
        if (auto* denied = std::get_if<Response>(&presented)) {
            return *denied;
        }
        model::ApiToken token;
        switch (auth::checkAccess(ctx.store, std::get<std::string>(presented), organizer, eventSlug, &token)) {
            case auth::Access::Unauthenticated: return Response::detail(401, "Invalid token.");
            case auth::Access::Forbidden:
                return Response::detail(403, "You do not have permission to perform this action.");
            case auth::Access::Granted: break;
        }
        ctx.token = token;
        ctx.organizer = events.organizerBySlug(organizer);
        if (!ctx.organizer) {
            return Response::detail(403, "You do not have permission to perform this action.");
        }
        if (route.auth == Auth::EventToken) {
            ctx.event = events.eventBySlug(organizer, eventSlug);
            if (!ctx.event) {
                return Response::detail(404, "Not found.");
            }
        }
    }
    return std::nullopt;
}

struct Context::Suspension {
    std::function<void(Resume)> start;
    std::function<Response(Context&)> finish;
};

void Context::suspend(std::function<void(Resume)> start, std::function<Response(Context&)> finish) {
    suspended = std::make_shared<Suspension>(Suspension{std::move(start), std::move(finish)});
}

// A suspended request, from its handler to the worker that finishes it: what its Context held.
struct Router::Resumed {
    std::shared_ptr<Request> request;
    const Route* route = nullptr;
    model::Timestamp started;
    std::optional<model::Organizer> organizer;
    std::optional<model::Event> event;
    std::optional<model::ApiToken> token;
    std::map<std::string, bool> plugins;
    std::optional<model::Device> device;
    std::optional<std::int64_t> accessVersion;
    bool accessAssumed = false;
    std::shared_ptr<Context::Suspension> suspension;
    std::function<void(Response)> answer;
};

const Router::Route* Router::match(Request& request, bool& pathMatched) const {
    const auto segments = splitPath(request.path);
    pathMatched = false;
    for (const auto& route : m_routes) {
        if (route.segments.size() != segments.size()) {
            continue;
        }
        bool match = true;
        for (std::size_t i = 0; i < segments.size() && match; ++i) {
            match = isPlaceholder(route.segments[i]) || route.segments[i] == segments[i];
        }
        if (!match) {
            continue;
        }
        if (route.method != request.method && !(route.method == "GET" && request.method == "HEAD")) {
            pathMatched = true;
            continue;
        }
        request.pathParams.clear();
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (isPlaceholder(route.segments[i])) {
                request.pathParams.push_back(detail::decodeUrl(segments[i], false));
            }
        }
        return &route;
    }
    return nullptr;
}

Response Router::unmatched(const Request& request, bool pathMatched) {
    if (pathMatched && !isDeviceRequest(request)) {
        return Response::detail(405, "Method \"" + request.method + "\" not allowed.");
    }
    return Response::notFound();
}

void Router::record(const Context& ctx, model::Store& store) const {
    if (ctx.token) {
        recordUse(*ctx.token, store);
    }
    if (ctx.device) {
        recordSeen(*ctx.device, store);
    }
}

Response Router::conclude(const Route& route, const Context& ctx, Response response) const {
    // A second round only when the first went on a remembered access version that the handler
    // could not confirm: the grant may be stale (a token revoked, a list changed), so its answer
    // is dropped and the request authorized again, reading the version.
    if (ctx.accessAssumed && !ctx.accessChecked) {
        return run(route, ctx.request, ctx.store, false);
    }
    record(ctx, ctx.store);
    return response;
}

Response Router::run(const Route& route, const Request& request, model::Store& store, bool mayAssume) const {
    Context ctx{request, store, std::nullopt, std::nullopt, std::nullopt, model::now(), {}, std::nullopt,
                std::nullopt};
    if (auto denied = authorize(route, ctx, mayAssume)) {
        return *denied;
    }
    Response response = route.handler(ctx);
    if (auto suspension = std::move(ctx.suspended)) {
        // Notified under the mutex: this returns only once `resume` is done with them.
        std::mutex mutex;
        std::condition_variable woken;
        bool resumed = false;
        suspension->start([&] {
            std::lock_guard lock(mutex);
            resumed = true;
            woken.notify_one();
        });
        {
            std::unique_lock lock(mutex);
            woken.wait(lock, [&] { return resumed; });
        }
        response = suspension->finish(ctx);
    }
    return conclude(route, ctx, std::move(response));
}

Response Router::dispatch(Request& request, model::Store& store) const {
    bool pathMatched = false;
    const Route* route = match(request, pathMatched);
    if (!route) {
        return unmatched(request, pathMatched);
    }
    return run(*route, request, store, route->checksAccess);
}

void Router::dispatch(std::shared_ptr<Request> request, model::Store& store, const Resumer& resumer,
                      std::function<void(Response)> answer) const {
    bool pathMatched = false;
    const Route* route = match(*request, pathMatched);
    if (!route) {
        answer(unmatched(*request, pathMatched));
        return;
    }
    Context ctx{*request, store, std::nullopt, std::nullopt, std::nullopt, model::now(), {}, std::nullopt,
                std::nullopt};
    if (auto denied = authorize(*route, ctx, route->checksAccess)) {
        answer(std::move(*denied));
        return;
    }
    Response response = route->handler(ctx);
    if (!ctx.suspended) {
        answer(conclude(*route, ctx, std::move(response)));
        return;
    }
    auto resumed = std::make_shared<Resumed>(Resumed{request, route, ctx.started, std::move(ctx.organizer),
                                                     std::move(ctx.event), std::move(ctx.token),
                                                     std::move(ctx.plugins), std::move(ctx.device),
                                                     ctx.accessVersion, ctx.accessAssumed, ctx.suspended,
                                                     std::move(answer)});
    ctx.suspended->start([this, resumed, resumer] {
        resumer([this, resumed](model::Store& worker) { finishResumed(*resumed, worker); });
    });
}

void Router::finishResumed(const Resumed& r, model::Store& store) const {
    Response response;
    try {
        Context ctx{*r.request, store, r.organizer, r.event, r.token, r.started, r.plugins, r.device, r.accessVersion};
        ctx.accessAssumed = r.accessAssumed;
        response = conclude(*r.route, ctx, r.suspension->finish(ctx));
    } catch (...) {
        response = detail::exceptionResponse(std::current_exception());
    }
    r.answer(std::move(response));
}

// Writes `last used` at most once per kTokenUseInterval per token, so the redeem path does not
// write for every scan. The first sighting of a token counts its stored last use (another server
// process or a restart may have recorded it a moment ago). A worker claims the token before it
// writes, so other workers skip it meanwhile; a busy or failed write is tried again
// kTokenUseRetry later. Nothing here may fail the request.
void Router::recordUse(const model::ApiToken& token, model::Store& store) const {
    try {
        const auto now = model::now();
        {
            std::lock_guard lock(m_usesMutex);
            if (m_usesRecorded.size() >= kMaxGrants) {
                m_usesRecorded.clear();
            }
            auto it = m_usesRecorded.try_emplace(token.id, token.lastUsed.value_or(model::Timestamp{})).first;
            // A clock set back makes the last time lie in the future: record then too.
            if (it->second <= now && now - it->second < kTokenUseInterval) {
                return;
            }
            it->second = now;
        }
        if (!auth::recordTokenUse(store, token.id, now)) {
            std::lock_guard lock(m_usesMutex);
            m_usesRecorded[token.id] = now - kTokenUseInterval + kTokenUseRetry;
        }
    } catch (...) {  // NOLINT(bugprone-empty-catch): the answer stands whatever happens here
    }
}

// The same for a device's last contact (what the desk's device list shows as last seen).
void Router::recordSeen(const model::Device& device, model::Store& store) const {
    try {
        const auto now = model::now();
        {
            std::lock_guard lock(m_usesMutex);
            if (m_devicesSeen.size() >= kMaxGrants) {
                m_devicesSeen.clear();
            }
            auto it = m_devicesSeen.try_emplace(device.id, device.lastSeen.value_or(model::Timestamp{})).first;
            if (it->second <= now && now - it->second < kTokenUseInterval) {
                return;
            }
            it->second = now;
        }
        if (!auth::recordDeviceSeen(store, device.id, now)) {
            std::lock_guard lock(m_usesMutex);
            m_devicesSeen[device.id] = now - kTokenUseInterval + kTokenUseRetry;
        }
    } catch (...) {  // NOLINT(bugprone-empty-catch): the answer stands whatever happens here
    }
}

namespace {
constexpr auto kPageGeneratedMargin = std::chrono::seconds(5);
}  // namespace

Response paginate(const Context& ctx, std::int64_t count,
                  const std::function<nlohmann::json(std::int64_t offset, std::int64_t limit)>& fetch) {
    return paginateText(ctx, count, [&](std::int64_t offset, std::int64_t limit, model::JsonText& out) {
        for (const auto& row : fetch(offset, limit)) {
            out.document(row);
        }
    });
}

Response paginateText(const Context& ctx, std::int64_t count,
                      const std::function<void(std::int64_t offset, std::int64_t limit, model::JsonText& out)>& fetch) {
    std::int64_t page = 1;
    if (auto p = ctx.request.queryValue("page")) {
        auto v = positiveInt(*p);
        if (!v) {
            return Response::detail(404, "Invalid page.");
        }
        page = *v;
    }
    std::int64_t size = kPageSize;
    if (auto s = ctx.request.queryValue("page_size")) {
        if (auto v = positiveInt(*s)) {
            size = std::min(*v, kPageSize);
        }
    }
    const std::int64_t pages = count == 0 ? 1 : (count + size - 1) / size;
    if (page > pages) {
        return Response::detail(404, "Invalid page.");
    }
    auto link = [&](std::int64_t target, model::JsonText& out) {
        if (target < 1 || target > pages) {
            out.null();
            return;
        }
        Params q = ctx.request.query;
        q.erase("page");
        if (target > 1) {
            q.emplace("page", std::to_string(target));
        }
        out.string(ctx.request.absoluteUrl(q));
    };
    model::JsonText out;
    out.beginObject();
    out.key("count");
    out.integer(count);
    out.key("next");
    link(page + 1, out);
    out.key("previous");
    link(page - 1, out);
    out.key("results");
    out.beginArray();
    fetch((page - 1) * size, size, out);
    out.endArray();
    out.endObject();
    Response response = Response::jsonText(out.take());
    // The time a client may pass as modified_since next time to get every change made after
    // this page was read. Taken at the start of the request, less the longest a writer may hold a
    // transaction (the busy timeout), so a change committed while we read is fetched again rather
    // than missed: re-fetching is harmless, missing is not.
    response.headers.emplace_back("X-Page-Generated", model::formatTimestamp(ctx.started - kPageGeneratedMargin));
    return response;
}

std::optional<model::Id> parseId(std::string_view s) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    model::Id v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) {
        return std::nullopt;  // out of range
    }
    return v;
}

std::optional<bool> queryBool(const Request& request, const std::string& key) {
    auto v = request.queryValue(key);
    if (!v) {
        return std::nullopt;
    }
    if (*v == "true" || *v == "True" || *v == "1") {
        return true;
    }
    if (*v == "false" || *v == "False" || *v == "0") {
        return false;
    }
    return std::nullopt;
}

}  // namespace boxoffice::server
