// Hostile and clumsy clients over raw loopback sockets (issue 16, items 1-4): slow bodies of every
// framing, a chunked body past the limit, hundreds of connections trickling their headers,
// request smuggling, a thousand idle keep-alive connections, too many connections from one
// address. During each attack a normal client on a new connection must be answered in under
// 100 ms. Bounded in count (at most ~1,000 sockets) and time (a few seconds each).
#include <catch2/catch.hpp>

#if defined(__linux__)

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "RawSocket.h"
#include "ServerFixture.h"

using namespace boxoffice;
using test::RawSocket;
using test::ServerFixture;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr double kAnsweredWithinMs = 100.0;
constexpr double kNotAnswered = 1e6;

std::string getRequest(const std::string& path) { return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"; }

double msSince(Clock::time_point t) {
    return static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t).count()) / 1000.0;
}

// Enough file descriptors for a thousand connections, both ends in this process.
void allowManyFiles() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 8192) {
        limit.rlim_cur = std::min<rlim_t>(8192, limit.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// Resident memory of this process (client and server), from /proc/self/statm.
std::size_t rssBytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// The demo server restarted with `configure` applied to its options (two workers, so that anything
// holding a worker shows).
struct HostileServer : ServerFixture {
    template <typename Configure>
    explicit HostileServer(Configure configure) {
        srv->stop();
        server::ServerOptions o;
        o.database = dir / "box.sqlite";
        o.port = 0;
        o.threads = 2;
        o.maxBodyBytes = 64 * 1024;
        configure(o);
        srv = std::make_unique<server::Server>(o);
        port = srv->start().value();
        client = std::make_unique<httplib::Client>("127.0.0.1", port);
    }

    std::string redeemRequest(const std::string& extraHeaders = "") const {
        return "POST " + api("checkinlists/1/positions/paidsecret0001/redeem/") +
               " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token " + token +
               "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n" + extraHeaders + "\r\n{}";
    }

    // A normal client on a new connection: milliseconds until GET /healthz is answered 200.
    double healthzMs() const {
        const auto t0 = Clock::now();
        RawSocket c(port);
        if (!c.connected() || !c.send(getRequest("/healthz"))) {
            return kNotAnswered;
        }
        const auto r = c.reply(std::chrono::seconds(2));
        return r && r->status == 200 ? msSince(t0) : kNotAnswered;
    }

    // An authenticated redeem on a new connection: milliseconds until it is answered (admitted, or
    // already redeemed).
    double redeemMs() const {
        const auto t0 = Clock::now();
        RawSocket c(port);
        if (!c.connected() || !c.send(redeemRequest())) {
            return kNotAnswered;
        }
        const auto r = c.reply(std::chrono::seconds(2));
        return r && (r->status == 201 || r->status == 400) ? msSince(t0) : kNotAnswered;
    }

    int checkinCount() { return ServerFixture::json(get(api("checkinlists/1/")))["checkin_count"].get<int>(); }
    using ServerFixture::get;
};

// Runs `attack` every `every` for `duration`, probing a normal client meanwhile; the slowest answer.
template <typename Attack>
double probeDuring(const HostileServer& f, Clock::duration duration, Clock::duration every, Attack attack,
                   bool redeems = true) {
    double worst = 0;
    const auto end = Clock::now() + duration;
    auto nextAttack = Clock::now();
    while (Clock::now() < end) {
        if (Clock::now() >= nextAttack) {
            attack();
            nextAttack += every;
        }
        worst = std::max(worst, f.healthzMs());
        if (redeems) {
            worst = std::max(worst, f.redeemMs());
        }
        std::this_thread::sleep_for(milliseconds(100));
    }
    return worst;
}

}  // namespace

TEST_CASE("slow bodies of every framing hold up no one and are cut off by the body deadline", "[server][hostile]") {
    HostileServer f([](server::ServerOptions& o) {
        o.requestHeaderTimeout = milliseconds(1500);
        o.requestBodyTimeout = milliseconds(1500);
    });
    const std::string post = "POST /healthz HTTP/1.1\r\nHost: x\r\n";
    struct Slow {
        std::unique_ptr<RawSocket> socket;
        std::string rest;  // sent one byte a second
    };
    std::vector<Slow> slow;
    for (int i = 0; i < 2; ++i) {
        slow.push_back({std::make_unique<RawSocket>(f.port), std::string(100, 'a')});
        REQUIRE(slow.back().socket->send(post + "Content-Length: 100\r\n\r\n"));
        slow.push_back({std::make_unique<RawSocket>(f.port), "64\r\n" + std::string(100, 'a') + "\r\n0\r\n\r\n"});
        REQUIRE(slow.back().socket->send(post + "Transfer-Encoding: chunked\r\n\r\n"));
        slow.push_back({std::make_unique<RawSocket>(f.port), std::string(100, 'a')});
        REQUIRE(slow.back().socket->send(post + "Content-Length: 100\r\nExpect: 100-continue\r\n\r\n"));
        const auto go = slow.back().socket->reply(std::chrono::seconds(2));
        REQUIRE(go);
        CHECK(go->status == 100);
        // No Content-Length: an empty body, answered; then the next request one byte a second.
        slow.push_back({std::make_unique<RawSocket>(f.port), post + "Content-Length: 1\r\n\r\na"});
        REQUIRE(slow.back().socket->send(post + "\r\n"));
        REQUIRE(slow.back().socket->reply(std::chrono::seconds(2)));
    }
    std::size_t sent = 0;
    const double worst = probeDuring(f, std::chrono::milliseconds(2600), std::chrono::seconds(1), [&] {
        for (auto& s : slow) {
            if (sent < s.rest.size()) {
                s.socket->send(s.rest.substr(sent, 1));
            }
        }
        ++sent;
    });
    INFO("slowest normal answer during the attack: " << worst << " ms");
    CHECK(worst < kAnsweredWithinMs);
    // Each is closed once its deadline passed (1.5 s), though it never fell silent.
    for (auto& s : slow) {
        CHECK(s.socket->closedByServer(std::chrono::seconds(1)));
        CHECK(s.socket->buffered().find("HTTP/1.1 2") == std::string::npos);  // none was answered
    }
}

TEST_CASE("a chunked body past the limit is refused with 413 without being kept in memory", "[server][hostile]") {
    HostileServer f([](server::ServerOptions&) {});
    const auto before = rssBytes();
    std::atomic<bool> sending{true};
    std::atomic<std::size_t> peak{before};
    std::thread sampler([&] {
        while (sending) {
            peak = std::max(peak.load(), rssBytes());
            std::this_thread::sleep_for(milliseconds(2));
        }
    });
    RawSocket c(f.port);
    REQUIRE(c.send("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
    const std::size_t kChunk = 256 * 1024;
    std::ostringstream size;
    size << std::hex << kChunk;
    const std::string chunk = size.str() + "\r\n" + std::string(kChunk, 'z') + "\r\n";
    std::size_t sentBytes = 0;
    std::optional<test::RawReply> refused;
    // Up to 256 MB (the limit is 64 KiB), until the server has answered or stops taking bytes.
    while (sentBytes < 256u * 1024 * 1024 && c.send(chunk)) {
        sentBytes += chunk.size();
        if (sentBytes % (8 * chunk.size()) == 0 && (refused = c.reply(milliseconds(0)))) {
            break;
        }
    }
    sending = false;
    sampler.join();
    if (!refused) {
        refused = c.reply(std::chrono::seconds(3));
    }
    INFO("sent " << sentBytes << " bytes; resident memory grew by " << (peak.load() - before) / 1024 << " KiB at most");
    CHECK(peak.load() - before < 8u * 1024 * 1024);
    REQUIRE(refused);
    CHECK(refused->status == 413);
    CHECK(c.closedByServer(std::chrono::seconds(4)));
    CHECK(f.healthzMs() < kAnsweredWithinMs);

    // Announced too large: 413 at once, before any of the body.
    RawSocket announced(f.port);
    REQUIRE(announced.send("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n"));
    auto atOnce = announced.reply(std::chrono::seconds(2));
    REQUIRE(atOnce);
    CHECK(atOnce->status == 413);
    CHECK(atOnce->head.find("Connection: close") != std::string::npos);
    CHECK(nlohmann::json::parse(atOnce->body).contains("detail"));
    CHECK(announced.closedByServer(std::chrono::seconds(4)));
    // And waiting for "100 Continue": 413 instead.
    RawSocket waiting(f.port);
    REQUIRE(waiting.send("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\nExpect: 100-continue\r\n\r\n"));
    auto noGo = waiting.reply(std::chrono::seconds(2));
    REQUIRE(noGo);
    CHECK(noGo->status == 413);
}

TEST_CASE("300 connections trickling their headers are closed by the header deadline", "[server][hostile]") {
    allowManyFiles();
    HostileServer f([](server::ServerOptions& o) {
        o.requestHeaderTimeout = milliseconds(1500);
        o.maxConnectionsPerAddress = 1024;
    });
    constexpr int kAttackers = 300;
    const std::string request = getRequest("/healthz");
    std::vector<std::unique_ptr<RawSocket>> attackers;
    for (int i = 0; i < kAttackers; ++i) {
        attackers.push_back(std::make_unique<RawSocket>(f.port));
        REQUIRE(attackers.back()->connected());
    }
    std::size_t sent = 0;
    const double worst = probeDuring(f, std::chrono::milliseconds(2500), std::chrono::seconds(1), [&] {
        for (auto& a : attackers) {
            a->send(request.substr(sent, 1));
        }
        ++sent;
    });
    INFO("slowest normal answer during the attack: " << worst << " ms");
    CHECK(worst < kAnsweredWithinMs);
    int closed = 0;
    for (auto& a : attackers) {
        closed += a->closedByServer(milliseconds(500)) && a->buffered().empty() ? 1 : 0;
    }
    CHECK(closed == kAttackers);
    CHECK(f.healthzMs() < kAnsweredWithinMs);
}

TEST_CASE("nothing after a malformed or ambiguous request is executed, and the connection is closed",
          "[server][hostile]") {
    HostileServer f([](server::ServerOptions&) {});
    const std::string smuggled = f.redeemRequest();
    const std::string len = std::to_string(smuggled.size());
    const std::vector<std::string> attacks = {
        "GET /healthz HTTP/1.1 junk\r\nHost: x\r\n\r\n",
        "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
        std::string("\x01\x02\x03 / HTTP/1.1\r\nHost: x\r\n\r\n"),
        "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n",
        "GET /healthz HTTP/7.3\r\nHost: x\r\n\r\n",
        "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: " + len + "\r\n\r\n",
        "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: " + len + "\r\nContent-Length: 0\r\n\r\n",
        "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: " + len + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: " + len + "\r\n\r\n0\r\n\r\n",
        "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nContent-Length: " + len + "\r\n\r\n",
        "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
    };
    for (const auto& attack : attacks) {
        INFO(attack);
        RawSocket c(f.port);
        REQUIRE(c.send(attack + smuggled));
        const auto r = c.reply(std::chrono::seconds(2));
        REQUIRE(r);
        CHECK((r->status == 400 || r->status == 505));  // refused as a request, not routed
        CHECK(r->head.find("Connection: close") != std::string::npos);
        CHECK(c.closedByServer(std::chrono::seconds(3)));
        CHECK(c.buffered().empty());  // no second answer
    }
    CHECK(f.checkinCount() == 0);
    // The request hidden behind them was a valid redeem: sent alone, it is admitted.
    RawSocket plain(f.port);
    REQUIRE(plain.send(smuggled));
    const auto admitted = plain.reply();
    REQUIRE(admitted);
    CHECK(admitted->status == 201);
    CHECK(f.checkinCount() == 1);
}

TEST_CASE("a thousand idle keep-alive connections cost the others nothing", "[server][hostile]") {
    allowManyFiles();
    HostileServer f([](server::ServerOptions& o) { o.maxConnectionsPerAddress = 2048; });
    constexpr int kIdle = 1000;
    std::vector<std::unique_ptr<RawSocket>> idle;
    for (int i = 0; i < kIdle; ++i) {
        idle.push_back(std::make_unique<RawSocket>(f.port));
        REQUIRE(idle.back()->connected());
        if (i % 2 == 0) {  // half of them after one request, half before any
            REQUIRE(idle.back()->send(getRequest("/healthz")));
        }
    }
    for (int i = 0; i < kIdle; i += 2) {
        REQUIRE(idle[static_cast<std::size_t>(i)]->reply());
    }
    double worst = 0;
    for (int i = 0; i < 20; ++i) {
        worst = std::max({worst, f.healthzMs(), f.redeemMs()});
    }
    INFO("slowest normal answer beside " << kIdle << " idle connections: " << worst << " ms");
    CHECK(worst < kAnsweredWithinMs);
    int open = 0;
    for (auto& c : idle) {
        open += c->closedNow() ? 0 : 1;
    }
    CHECK(open == kIdle);
}

TEST_CASE("connections past the per-address limit are closed at once, the others served", "[server][hostile]") {
    HostileServer f([](server::ServerOptions& o) { o.maxConnectionsPerAddress = 8; });
    std::vector<std::unique_ptr<RawSocket>> held;
    for (int i = 0; i < 8; ++i) {
        held.push_back(std::make_unique<RawSocket>(f.port));
    }
    std::this_thread::sleep_for(milliseconds(200));  // accepted and counted
    RawSocket extra(f.port);
    CHECK(extra.closedByServer(std::chrono::seconds(2)));
    CHECK(extra.buffered().empty());
    REQUIRE(held.front()->send(getRequest("/healthz")));
    const auto r = held.front()->reply();
    REQUIRE(r);
    CHECK(r->status == 200);
    held.pop_back();
    std::this_thread::sleep_for(milliseconds(200));  // its slot is free again
    CHECK(f.healthzMs() < kAnsweredWithinMs);
}

#endif
