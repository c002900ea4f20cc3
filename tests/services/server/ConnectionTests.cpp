// How the server handles its connections, over raw loopback sockets: requests arriving in pieces,
// pipelined requests, "Expect: 100-continue", keep-alive limits, idle timeouts, oversized
// headers, and stopping with connections open. Connections are read on the server's I/O thread
// and a request reaches a worker only once it is whole (services/server/src/HttpEngine.h), so a
// client that sends half a request must not hold up the others.
#include <catch2/catch.hpp>

#if defined(__linux__)

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "RawSocket.h"
#include "ServerFixture.h"

using namespace boxoffice;
using test::ServerFixture;

namespace {

// A loopback socket that must connect, whose sends must all go through, and which waits up to
// 10 s for an answer by default.
class RawConnection : public test::RawSocket {
public:
    explicit RawConnection(int port) : RawSocket(port) { REQUIRE(connected()); }
    void send(std::string_view bytes) { REQUIRE(RawSocket::send(bytes)); }
    std::optional<test::RawReply> reply(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        return RawSocket::reply(timeout);
    }
};

std::string get(const std::string& path, const std::string& extra = "") {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

// A new connection is answered: the server still serves.
void checkServing(int port) {
    RawConnection c(port);
    c.send(get("/healthz"));
    auto r = c.reply();
    REQUIRE(r);
    CHECK(r->status == 200);
}

// The demo server with two workers, so that anything holding a worker shows.
struct SmallServer : ServerFixture {
    explicit SmallServer(std::size_t keepAliveMaxCount = 100000, int keepAliveSeconds = 5) {
        srv->stop();
        server::ServerOptions o;
        o.database = dir / "box.sqlite";
        o.port = 0;
        o.threads = 2;
        o.keepAliveMaxCount = keepAliveMaxCount;
        o.keepAliveTimeoutSeconds = keepAliveSeconds;
        o.maxBodyBytes = 64 * 1024;
        srv = std::make_unique<server::Server>(o);
        port = srv->start().value();
        client = std::make_unique<httplib::Client>("127.0.0.1", port);
    }
    std::string redeemRequest(const std::string& body, const std::string& extra = "") const {
        return "POST " + api("checkinlists/" + std::to_string(test::DemoIds::kMainList) + "/positions/paidsecret0001/redeem/") +
               " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token " + token +
               "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
               extra + "\r\n";
    }
};

}  // namespace

TEST_CASE("clients that send half a request hold up no one, and are answered once it is whole", "[server][connections]") {
    SmallServer f;
    // More half-sent requests than the server has workers: with a thread per connection these
    // would hold both workers until their read timeout.
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 4; ++i) {
        slow.push_back(std::make_unique<RawConnection>(f.port));
        slow.back()->send("GET /healthz HTTP/1.1\r\nHo");
    }
    RawConnection quick(f.port);
    quick.send(get("/healthz"));
    auto answered = quick.reply(std::chrono::seconds(3));
    REQUIRE(answered);
    CHECK(answered->status == 200);
    // The slow ones, finished a few bytes at a time, are answered too.
    for (auto& c : slow) {
        c->send("st: 127.0.");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        c->send("0.1\r\n\r\n");
    }
    for (auto& c : slow) {
        auto r = c->reply();
        REQUIRE(r);
        CHECK(r->status == 200);
    }
    // A body that arrives in two parts after its headers.
    RawConnection post(f.port);
    post.send(f.redeemRequest("{\"force\": false}") + "{\"for");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    post.send("ce\": false}");
    auto redeemed = post.reply();
    REQUIRE(redeemed);
    CHECK(redeemed->status == 201);
    CHECK(nlohmann::json::parse(redeemed->body)["status"] == "ok");
}

TEST_CASE("pipelined requests are answered in order on one connection", "[server][connections]") {
    SmallServer f;
    RawConnection c(f.port);
    c.send(get("/healthz") + get("/nothing/here") + f.redeemRequest("{}") + "{}" + get("/healthz"));
    const int expected[] = {200, 404, 201, 200};
    for (const int status : expected) {
        auto r = c.reply();
        REQUIRE(r);
        CHECK(r->status == status);
    }
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/")))["checkin_count"] == 1);
}

TEST_CASE("a client that waits for 100 Continue gets it before it sends the body", "[server][connections]") {
    SmallServer f;
    RawConnection c(f.port);
    c.send(f.redeemRequest("{}", "Expect: 100-continue\r\n"));
    auto go = c.reply(std::chrono::seconds(5));
    REQUIRE(go);
    CHECK(go->status == 100);
    c.send("{}");
    auto r = c.reply();
    REQUIRE(r);
    CHECK(r->status == 201);
}

TEST_CASE("keep-alive: a connection ends after its last allowed request and after being idle", "[server][connections]") {
    SmallServer f(3, 1);
    {
        RawConnection c(f.port);
        for (int i = 0; i < 3; ++i) {
            c.send(get("/healthz"));
            auto r = c.reply();
            REQUIRE(r);
            CHECK(r->status == 200);
            CHECK((r->head.find("Connection: close") != std::string::npos) == (i == 2));
        }
        CHECK(c.closedByServer(std::chrono::seconds(5)));
    }
    RawConnection idle(f.port);
    idle.send(get("/healthz"));
    REQUIRE(idle.reply());
    RawConnection half(f.port);
    half.send("GET /healthz HTTP/1.1\r\n");
    // Both are closed once idle for the keep-alive timeout (1 s here); the sweep runs every second.
    CHECK(idle.closedByServer(std::chrono::seconds(5)));
    CHECK(half.closedByServer(std::chrono::seconds(5)));
    CHECK(half.buffered().empty());
    checkServing(f.port);
}

TEST_CASE("headers that never end are refused with 431 and the connection closed", "[server][connections]") {
    SmallServer f;
    RawConnection c(f.port);
    c.send("GET /healthz HTTP/1.1\r\n");
    const std::string pad = "X-Pad: " + std::string(1000, 'a') + "\r\n";
    for (int i = 0; i < 70; ++i) {
        c.send(pad);
    }
    CHECK(c.closedByServer(std::chrono::seconds(5)));
    CHECK(c.buffered().rfind("HTTP/1.1 431 ", 0) == 0);
    checkServing(f.port);
}

TEST_CASE("many keep-alive clients share two workers", "[server][connections]") {
    SmallServer f;
    constexpr int kClients = 48;
    constexpr int kRequests = 5;
    std::atomic<int> answered{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.emplace_back([&] {
            httplib::Client client("127.0.0.1", f.port);
            client.set_keep_alive(true);
            for (int k = 0; k < kRequests; ++k) {
                if (auto r = client.Get(f.api("orders/").c_str(), f.auth()); r && r->status == 200) {
                    ++answered;
                }
            }
        });
    }
    for (auto& t : clients) {
        t.join();
    }
    CHECK(answered == kClients * kRequests);
}

TEST_CASE("stopping with idle connections open closes them and returns", "[server][connections]") {
    SmallServer f;
    std::vector<std::unique_ptr<RawConnection>> open;
    for (int i = 0; i < 8; ++i) {
        open.push_back(std::make_unique<RawConnection>(f.port));
        open.back()->send(get("/healthz"));
        REQUIRE(open.back()->reply());
    }
    open.push_back(std::make_unique<RawConnection>(f.port));
    open.back()->send("GET /healthz HTTP/1.1\r\n");  // half a request
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    f.srv->stop();
    CHECK_FALSE(f.srv->running());
    for (auto& c : open) {
        CHECK(c->closedByServer(std::chrono::seconds(2)));
    }
}


#endif
