// The LAN HTTP server: the pretix REST API (events, items, questions, orders, order positions,
// check-in lists, redeem) plus the routes of the plugins handed to it, on Boost.Beast and
// Boost.Asio (src/HttpEngine.h), the same on every platform.
//
// Ownership and threads: one Server object is owned by whoever runs it (boxoffice-cli serve, the
// desktop app). start() and stop() are called by the owner, one call at a time (from any one
// thread; the desk calls them on a task runner worker so its UI never waits). One I/O thread
// reads and writes every connection; a request, once whole, is handled by one of a pool of
// worker threads, each with its own Store connection on the same database file (opened on first
// use, closed when the worker ends). An idle keep-alive connection, a half-sent request or a slow
// upload holds no worker. The destructor stops the server.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "boxoffice/model/Types.h"
#include "boxoffice/server/Http.h"
#include "boxoffice/server/Plugin.h"

namespace boxoffice::server {

// Bytes of order JSON, and of position JSON, kept in memory by default (ServerOptions::jsonCacheBytes).
inline constexpr std::size_t kDefaultJsonCacheBytes = 32 * 1024 * 1024;
// The WAL file's size past which the checkpointer truncates it, by default (ServerOptions::walTruncateBytes).
// Each start-over holds the redeems for 8-13 ms (two fsyncs); at 10,000 redeems/s the WAL grows
// by about 60 MB/s, and with 64 MB the check-in RPC's p99 was 2-4 ms higher (scanner_bench).
inline constexpr std::uintmax_t kDefaultWalTruncateBytes = 256 * 1024 * 1024;

struct ServerOptions {
    std::filesystem::path database;
    std::string host = "127.0.0.1";  // "0.0.0.0" serves every interface: an explicit choice
    int port = 8000;                 // 0: any free port (tests)
    // Worker threads running the route handlers (at least 2). Only requests being handled hold
    // one: not connections, and not a redeem waiting for its group commit (suspended, it is
    // answered later by whichever worker is free). Many workers keep quick requests answered
    // beside slow ones (a sync's large pages, ticket PDFs); idle ones cost a stack and, once
    // used, a database connection.
    std::size_t threads = 48;
    std::size_t keepAliveMaxCount = 100000;  // requests per connection; the last is answered "Connection: close"
    // A connection that sends nothing for this long is closed without an answer: idle between
    // requests, or in the middle of one.
    int keepAliveTimeoutSeconds = 5;
    // A request's headers must be complete this long after its first byte, or the connection is closed.
    std::chrono::milliseconds requestHeaderTimeout{10'000};
    // A body must be complete within max(requestBodyTimeout, its Content-Length at
    // minBodyBytesPerSecond) of its headers' end; a chunked one within requestBodyTimeout plus
    // what it sent so far at that rate. Else the connection is closed.
    std::chrono::milliseconds requestBodyTimeout{10'000};
    std::size_t minBodyBytesPerSecond = 16 * 1024;
    // Larger bodies are refused with 413 and the connection closed (background PDFs fit): before
    // the body is read when Content-Length announces it, where a chunked body passes it otherwise.
    std::size_t maxBodyBytes = 16 * 1024 * 1024;
    // (Fixed: headers over 64 KiB are refused with 431, a request target over 8 KiB with 414.)
    // Connections open at once, in all and from one address (IPv4 or IPv6); one more is closed
    // as soon as it is accepted.
    std::size_t maxConnections = 4096;
    std::size_t maxConnectionsPerAddress = 256;
    // The order pages keep the JSON of the orders they wrote, and the position pages that of the
    // positions, each up to this many bytes, and reuse it while nothing it shows has changed
    // (about 1.4 KB per order of two positions, 0.8 KB per position); 0: keeps none.
    std::size_t jsonCacheBytes = kDefaultJsonCacheBytes;
    // When the database's -wal file is larger than this many bytes, the checkpointer thread copies
    // it back and has the redeems' committer start it over between two batches (PRAGMA
    // wal_checkpoint(RESTART)), holding the redeems up for a few milliseconds; the next commit cuts
    // the file back to the store's journal_size_limit. With nothing written meanwhile it
    // truncates the file itself. 0: never.
    std::uintmax_t walTruncateBytes = kDefaultWalTruncateBytes;
    // One line per request ("127.0.0.1 GET /path 200 0.4ms", with the values of key, token and
    // secret query parameters and render job IDs in download URLs hidden), and warnings from
    // start() (a read-only database); empty: no log. Called on worker threads, one line at a time.
    std::function<void(const std::string&)> log;
    // Each redeem the server decided (the per-list redeem and the check-in RPC; not a request
    // refused before the decision), after its answer is made. Called on worker threads, from
    // several at once: keep it short and thread-safe and never wait on another thread in it
    // (the desk's Server tab pushes into a ScanFeed it polls). Exceptions are swallowed.
    std::function<void(const ScanRecord&)> onScan;
};

// What a running server has done since it started (Server::stats()); read from any thread.
struct ServerStats {
    bool running = false;
    int port = 0;
    std::uint64_t requests = 0;      // answered, whatever the status
    std::uint64_t clientErrors = 0;  // of them with a 4xx status
    std::uint64_t serverErrors = 0;  // of them with a 5xx status
    std::chrono::steady_clock::time_point started{};
};

class Server {
public:
    explicit Server(ServerOptions options, std::vector<std::shared_ptr<Plugin>> plugins = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts serving in the background. Returns the bound port; an Io error when the
    // address cannot be bound or the database cannot be opened. A database this process cannot
    // write is served (reads work, writes answer 503) with a warning through ServerOptions::log.
    model::Result<int> start();
    // Stops accepting, finishes the requests in progress and joins the workers. Idempotent.
    void stop();
    // Blocks until the server has stopped (after stop() from another thread or a signal handler).
    void wait();
    bool running() const;
    int port() const;
    // Status and counters since the last start(); safe from any thread, also while serving.
    ServerStats stats() const;

    // The router, for adding routes before start() (the desktop app's own extras).
    Router& router();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Adds the core pretix API routes (events, items, questions, orders, positions, check-in lists).
void registerCoreRoutes(Router& router, std::size_t jsonCacheBytes = kDefaultJsonCacheBytes);

}  // namespace boxoffice::server
