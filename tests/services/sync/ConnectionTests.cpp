// Trying a remote before keeping it (sync/Connection.h): the organizers and events a token sees,
// a test of one event, and each kind of problem, against the project's own server (through the
// FaultProxy) and a small stub server on loopback for answers it never gives.
#include "SyncFixture.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/sync/Connection.h"

#include <arpa/inet.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace boxoffice;
using Kind = sync::ConnectionProblem::Kind;
using test::Fault;
using test::SyncFixture;

namespace {

// Answers in pretix's shape, and in shapes no pretix server uses, under a prefix per behaviour.
// Binds 127.0.0.1 on an ephemeral port; stopped when the object goes away.
class StubServer {
public:
    static constexpr const char* kToken = "stub-token-0123456789";

    StubServer() {
        m_server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
            ++m_requests;
            const std::string& path = req.path;
            if (path.starts_with("/html/")) {
                res.set_content("<!DOCTYPE html><html><body>Welcome to our shop</body></html>", "text/html");
            } else if (path.starts_with("/json/")) {
                res.set_content(R"({"hello": "world"})", "application/json");
            } else if (path.starts_with("/moved/")) {
                res.status = 301;
                res.set_header("Location", "https://pretix.example/api/v1/organizers/");
            } else if (path.starts_with("/away/")) {
                res.set_content(
                    R"({"count": 2, "next": "http://127.0.0.2:)" + std::to_string(m_port) +
                        R"(/api/v1/organizers/?page=2", "previous": null, "results": [{"slug": "a", "name": "A"}]})",
                    "application/json");
            } else if (path == "/api/v1/organizers/") {
                if (req.get_header_value("Authorization") != std::string("Token ") + kToken) {
                    res.status = 401;
                    res.set_content(R"({"detail": "Invalid token."})", "application/json");
                } else if (req.get_param_value("page") == "2") {
                    res.set_content(R"({"count": 2, "next": null, "previous": null,
                                        "results": [{"slug": "beta", "name": "Beta Events"}]})",
                                    "application/json");
                } else {
                    res.set_content(R"({"count": 2, "next": "http://127.0.0.1:)" + std::to_string(m_port) +
                                        R"(/api/v1/organizers/?page=2", "previous": null,
                                        "results": [{"slug": "alpha", "name": "Alpha & Co"}]})",
                                    "application/json");
                }
            } else {
                res.status = 404;
                res.set_content(R"({"detail": "Not found."})", "application/json");
            }
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~StubServer() {
        m_server.stop();
        m_thread.join();
    }
    StubServer(const StubServer&) = delete;
    StubServer& operator=(const StubServer&) = delete;

    std::string url(const std::string& prefix = "") const {
        return "http://127.0.0.1:" + std::to_string(m_port) + prefix;
    }
    int port() const { return m_port; }
    int requests() const { return m_requests.load(); }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::atomic<int> m_requests{0};
};

// A loopback port nothing listens on: bound once to learn a free number, then released.
int closedPort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(s);
    return ntohs(address.sin_port);
}

sync::HttpOptions withToken(const std::string& token) {
    sync::HttpOptions http;
    http.token = token;
    http.connectTimeout = std::chrono::milliseconds(5'000);
    http.totalTimeout = std::chrono::milliseconds(20'000);
    return http;
}

// A token for `organizer` (all its events when `event` is empty) in the remote's store.
std::string tokenFor(model::Store& store, const std::string& organizer, const std::string& event = "") {
    model::Store::Transaction tx(store);
    auto t = auth::createToken(store, "connection test", organizer,
                               event.empty() ? std::nullopt : std::optional<std::string>(event));
    REQUIRE(t.ok());
    tx.commit();
    return t->secret;
}

template <class T>
void requireProblem(const model::Result<T, sync::ConnectionProblem>& r, Kind kind,
                    const std::string& token = "") {
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == kind);
    CHECK_FALSE(r.error().message.empty());
    if (!token.empty()) {
        CHECK(r.error().message.find(token) == std::string::npos);
    }
}

} // namespace

TEST_CASE("The project's server lists the events a token may see, newest first, and the event tests fine") {
    SyncFixture f;
    // The token's organizer, as GET /api/v1/organizers/ lists it.
    auto organizers = sync::listOrganizers(f.proxy->url(), withToken(f.token));
    REQUIRE(organizers.ok());
    REQUIRE(organizers->size() == 1);
    CHECK(organizers->at(0).slug == "demo");
    requireProblem(sync::listOrganizers(f.proxy->url(), withToken("wrong-token-4242424242")), Kind::Token,
                   "wrong-token-4242424242");
    auto events = sync::listEvents(f.proxy->url(), "demo", withToken(f.token));
    REQUIRE(events.ok());
    REQUIRE(events->size() == 1); // an event's token sees its event only
    CHECK(events->at(0).slug == "fest");
    CHECK(events->at(0).name == "Summer Fest");
    CHECK(events->at(0).dateFrom == "2026-07-01T16:00:00Z");

    {
        model::EventRepository repo(f.source);
        auto other = repo.eventBySlug("demo", "other");
        REQUIRE(other);
        other->dateFrom = model::parseTimestamp("2026-08-01T10:00:00Z");
        model::Store::Transaction tx(f.source);
        repo.upsertEvent(*other);
        tx.commit();
    }
    auto all = sync::listEvents(f.proxy->url() + "/", "demo", withToken(tokenFor(f.source, "demo")));
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    CHECK(all->at(0).slug == "other");
    CHECK(all->at(0).name == "Other Fest");
    CHECK(all->at(1).slug == "fest");

    f.proxy->clearSeen();
    auto tested = sync::testConnection(f.proxy->url() + "/", "demo", "fest", withToken(f.token));
    REQUIRE(tested.ok());
    CHECK(tested.value());
    CHECK(f.proxy->countSeen("/api/v1/organizers/demo/events/fest/") >= 1);
    CHECK(f.proxy->countSeen("/api/v1/organizers/demo/events/fest/checkinlists/") == 1);
    const auto seen = f.proxy->seen();
    REQUIRE_FALSE(seen.empty());
    CHECK(seen[0].headers.at("authorization") == "Token " + f.token);
}

TEST_CASE("The server's refusals are told apart: wrong token, no permission, not found") {
    SyncFixture f;
    const std::string wrong = "wrong-token-4242424242";
    auto refused = sync::testConnection(f.proxy->url(), "demo", "fest", withToken(wrong));
    requireProblem(refused, Kind::Token, wrong);
    CHECK(refused.error().message == "The server refused the token: it is wrong or was revoked.");
    requireProblem(sync::listEvents(f.proxy->url(), "demo", withToken(wrong)), Kind::Token, wrong);

    // A token of another organizer may not read this one's events.
    {
        model::Store::Transaction tx(f.source);
        model::EventRepository(f.source).upsertOrganizer("rival", "Rival Org");
        tx.commit();
    }
    const std::string rival = tokenFor(f.source, "rival");
    requireProblem(sync::listEvents(f.proxy->url(), "demo", withToken(rival)), Kind::Permission, rival);
    requireProblem(sync::testConnection(f.proxy->url(), "demo", "fest", withToken(rival)), Kind::Permission,
                   rival);
    // An event's token may not read another event of its organizer.
    requireProblem(sync::testConnection(f.proxy->url(), "demo", "other", withToken(f.token)),
                   Kind::Permission);
    // An organizer's token reads every event: one that does not exist is not found.
    const std::string organizer = tokenFor(f.source, "demo");
    auto missing = sync::testConnection(f.proxy->url(), "demo", "no-such-event", withToken(organizer));
    requireProblem(missing, Kind::NotFound, organizer);
    CHECK(missing.error().message.find("no-such-event") != std::string::npos);
    // The organizer's token lists its organizer.
    auto organizers = sync::listOrganizers(f.proxy->url(), withToken(organizer));
    REQUIRE(organizers.ok());
    REQUIRE(organizers->size() == 1);
    CHECK(organizers->at(0).slug == "demo");

    // A server error is the server's problem, not the token's.
    f.proxy->addRule({"/events/fest/", "GET", Fault::Error500});
    auto broken = sync::testConnection(f.proxy->url(), "demo", "fest", withToken(f.token));
    requireProblem(broken, Kind::Server, f.token);
    CHECK(broken.error().message.find("500") != std::string::npos);
}

TEST_CASE("Organizers are read over every page, from the server named only") {
    StubServer stub;
    auto organizers = sync::listOrganizers(stub.url(), withToken(StubServer::kToken));
    REQUIRE(organizers.ok());
    REQUIRE(organizers->size() == 2);
    CHECK(organizers->at(0).slug == "alpha");
    CHECK(organizers->at(0).name == "Alpha & Co");
    CHECK(organizers->at(1).slug == "beta");
    CHECK(stub.requests() == 2);

    auto none = sync::listOrganizers(stub.url(), withToken(""));
    requireProblem(none, Kind::Token);
    CHECK(none.error().message == "The server asks for a token: enter the API token of the remote.");
    requireProblem(sync::listOrganizers(stub.url(), withToken("not-the-stub-token")), Kind::Token,
                   "not-the-stub-token");

    // A next page on another server is not followed: the token stays with the server named.
    const int before = stub.requests();
    requireProblem(sync::listOrganizers(stub.url("/away"), withToken(StubServer::kToken)), Kind::Server,
                   StubServer::kToken);
    CHECK(stub.requests() == before + 1);
}

TEST_CASE("Answers that are not pretix's, redirects and bad addresses are classified") {
    StubServer stub;
    const auto http = withToken(StubServer::kToken);
    requireProblem(sync::listOrganizers(stub.url("/html"), http), Kind::Server, StubServer::kToken);
    requireProblem(sync::testConnection(stub.url("/html"), "demo", "fest", http), Kind::Server);
    requireProblem(sync::listOrganizers(stub.url("/json"), http), Kind::Server);
    requireProblem(sync::listEvents(stub.url("/json"), "demo", http), Kind::Server);
    requireProblem(sync::testConnection(stub.url("/json"), "demo", "fest", http), Kind::Server);
    auto moved = sync::listOrganizers(stub.url("/moved"), http);
    requireProblem(moved, Kind::BadUrl);
    CHECK(moved.error().message.find("https://pretix.example") != std::string::npos);

    const int before = stub.requests();
    for (const char* url : {"", "pretix.eu", "ftp://pretix.eu", "https://", "http://pretix.eu/?x=1"}) {
        CAPTURE(url);
        requireProblem(sync::testConnection(url, "demo", "fest", http), Kind::BadUrl);
    }
    CHECK(stub.requests() == before);
}

TEST_CASE("Network problems are told apart: unknown host, nothing listening, no TLS") {
    const std::string token = "network-token-31337";
    auto dns =
        sync::testConnection("http://boxoffice-no-such-host.invalid", "demo", "fest", withToken(token));
    requireProblem(dns, Kind::Dns, token);
    CHECK(dns.error().message.find("boxoffice-no-such-host.invalid") != std::string::npos);

    const int port = closedPort();
    auto closed = sync::listEvents("http://127.0.0.1:" + std::to_string(port), "demo", withToken(token));
    requireProblem(closed, Kind::Unreachable, token);
    CHECK(closed.error().message.find(std::to_string(port)) != std::string::npos);

    // https:// to a server that speaks plain HTTP: the TLS handshake fails.
    StubServer stub;
    auto tls = sync::listOrganizers("https://127.0.0.1:" + std::to_string(stub.port()), withToken(token));
    requireProblem(tls, Kind::Tls, token);
}
