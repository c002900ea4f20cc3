// A fault-injecting HTTP proxy for the sync tests: forwards every request to an upstream server
// on loopback and, for requests matching scripted rules, drops the connection, delays, answers
// 500 or 429 with Retry-After, or truncates the body (cut connection, or a cleanly ended but
// incomplete body). It keeps a log of the requests it saw. Binds 127.0.0.1 on an ephemeral port;
// stopped when the object goes away. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace boxoffice::test {

enum class Fault {
    None,
    Drop,            // close the connection without an answer
    DropAfterForward,  // forward (the upstream acts on it), then close without an answer
    Delay,           // wait `delay`, then forward
    Error500,
    TooMany429,      // 429 with "Retry-After: <retryAfterSeconds>"
    TruncateCut,     // announce the full length, send half, close
    TruncateClean,   // send half the body as a complete (chunked) answer
};

struct FaultRule {
    std::string pathContains;  // matched against the raw target (path and query)
    std::string method;        // empty: any
    Fault fault = Fault::None;
    int count = 1;             // how many matching requests it applies to; -1: all
    int skip = 0;              // let this many matching requests pass first
    std::chrono::milliseconds delay{0};
    int retryAfterSeconds = 1;
};

struct SeenRequest {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;
    Fault fault = Fault::None;
    std::chrono::steady_clock::time_point at;
};

class FaultProxy {
public:
    explicit FaultProxy(int upstreamPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    void addRule(FaultRule rule);
    void clearRules();
    // Every request gets `fault` until cleared (e.g. Drop: "the remote is down").
    void setDown(bool down);
    std::vector<SeenRequest> seen();
    void clearSeen();
    std::size_t countSeen(const std::string& pathContains, Fault fault = Fault::None);

private:
    Fault pick(const std::string& method, const std::string& target, FaultRule& matched);

    int m_upstreamPort;
    int m_port = 0;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<FaultRule> m_rules;
    std::vector<SeenRequest> m_seen;
    std::atomic<bool> m_down{false};
};

}  // namespace boxoffice::test
