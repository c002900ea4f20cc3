// The server's HTTP/1.1 engine on Boost.Beast and Boost.Asio (their public API only; one model
// on every platform). It owns the listening socket, the connections and the threads; the
// Server (Server.cpp) gives it a handler that turns one request into one Response.
//
// Threads: a small group of I/O threads (kIoThreads) runs every socket operation on one
// io_context: accepting, reading and parsing requests, writing answers, the deadlines. A request
// goes to the worker pool (`workers` threads) only once it is whole (headers and body), and the
// worker's answer goes back to the I/O side to be written; so an idle keep-alive connection, a
// half-sent request or a slow upload holds no worker. Handlers run on the workers, several at
// once, and may block (SQLite); one that waits for another thread's work (the redeem group
// commit) answers later instead, from another thread (Reply), and its worker goes on meanwhile.
//
// Bounded everything (EngineOptions): a deadline per request from its first byte for the
// headers, then a minimum body rate; silence on a connection for longer than the keep-alive
// timeout closes it, in the middle of a request too; bodies over maxBodyBytes are refused with
// 413 for every framing (before reading the body when Content-Length says so; a chunked body
// where it passes the limit); 431 for headers over maxHeaderBytes; 414 for a request target
// over maxTargetBytes; conflicting Content-Length headers, or Content-Length with
// Transfer-Encoding, or a Transfer-Encoding other than chunked, are 400. After any of these (and
// after a malformed request line: 400) nothing more is read from the connection: it is closed,
// so no request can be smuggled behind another. "Expect: 100-continue" gets "100 Continue" (or
// 413 when the body is too large, without reading it). Connections are limited per remote
// address and in all; a connection ends after keepAliveMaxCount requests.
//
// start() and stop() are called by the Server, one at a time; the handler from worker threads.
// The handler may answer later, from any thread (Reply): the worker is free meanwhile.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "boxoffice/model/Types.h"
#include "boxoffice/server/Http.h"

namespace boxoffice::server::detail {

struct EngineOptions {
    std::string host = "127.0.0.1";
    int port = 0;  // 0: any free port
    std::size_t workers = 8;
    std::size_t keepAliveMaxCount = 100000;
    std::chrono::milliseconds keepAliveTimeout{5000};       // silence that closes a connection
    std::chrono::milliseconds requestHeaderTimeout{10000};  // from a request's first byte to its headers' end
    std::chrono::milliseconds requestBodyTimeout{10000};    // the least time a body is given
    std::size_t minBodyBytesPerSecond = 16 * 1024;          // beyond that, the rate a body must keep
    std::chrono::milliseconds writeTimeout{10000};          // the least time an answer is given to be read
    std::size_t maxBodyBytes = 16 * 1024 * 1024;
    std::size_t maxHeaderBytes = 64 * 1024;
    std::size_t maxTargetBytes = 8 * 1024;
    std::size_t maxConnections = 4096;
    std::size_t maxConnectionsPerAddress = 256;
};

// A whole request as it came in: what the handler needs to build a server::Request.
struct Exchange {
    std::string method;
    std::string target;  // raw, percent-encoded, with the query
    std::vector<std::pair<std::string, std::string>> headers;  // as sent, in order
    std::string body;
    std::string remoteAddr;
    std::string localAddr;  // the address the connection came in on (for links on a wildcard listen)
};

// Where a request's answer goes (EngineHandler): called once, from any thread, with the answer;
// later calls do nothing. Copies share one answer; a request all of whose Replies are gone
// without one is answered 500.
class Reply {
public:
    struct State;  // HttpEngine.cpp
    explicit Reply(std::shared_ptr<State> state) : m_state(std::move(state)) {}
    void operator()(const Response& response) const;

private:
    std::shared_ptr<State> m_state;
};

// Called on a worker thread for each request; it answers through the Reply, before it returns
// or later from another thread (a handler that waits for the group commit lets the worker go).
// Exceptions are answered 500.
using EngineHandler = std::function<void(Exchange&, Reply)>;

class HttpEngine {
public:
    HttpEngine(EngineOptions options, EngineHandler handler);
    ~HttpEngine();  // stops
    HttpEngine(const HttpEngine&) = delete;
    HttpEngine& operator=(const HttpEngine&) = delete;

    // Binds (SO_REUSEADDR; exclusive on Windows), listens with the system's largest backlog and
    // starts the threads. Returns the bound port, or an Io error.
    model::Result<int> start();
    // Stops accepting, closes the connections that wait for a request, lets the requests in
    // progress finish and be answered (also those answered later from another thread), closes
    // every connection and joins the threads. Bounded: a request not answered within a few
    // seconds, or a client that does not read its answer, is cut off. Idempotent.
    void stop();

    // Runs `job` on one of the worker threads; dropped once stop() has joined them.
    void post(std::function<void()> job);

    struct Impl;  // the engine's state; defined and used in HttpEngine.cpp only

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boxoffice::server::detail
