// An httplib::Server whose keep-alive connections wait in one epoll set instead of holding a
// thread each (Linux only; elsewhere the server uses cpp-httplib's thread per connection).
//
// cpp-httplib serves every connection on a pool thread of its own for the connection's whole
// life: each request wakes that connection's sleeping thread, which polls and reads, answers with
// two sends, and sleeps again. With thirty scanners on two cores that is a context switch and
// half a dozen system calls per request, and most of the server's time (bench/server). Here a few
// worker threads wait on one epoll set. A worker that finishes a request picks up the next
// connection that has one ready without sleeping, so under load the switches disappear.
//
// Parsing, routing and the response are still cpp-httplib's (Server::process_request, through a
// Stream of our own); this class only decides which thread reads which connection when:
// - A connection is handed to a worker only once a whole request is buffered (headers and
//   Content-Length body), read without blocking; a client that sends half a request holds no
//   worker. Chunked bodies, "Expect: 100-continue" and bodies over the size limit go to
//   cpp-httplib as soon as their headers are in: it answers them as it always does.
// - The response is sent in one send (headers and body together).
// - Connections idle for longer than the keep-alive timeout, or waiting that long for the rest of
//   a request, are closed; a connection is closed after keepAliveMaxCount requests.
//
// Threads: cpp-httplib's accept thread hands each new connection to process_and_close_socket,
// which adds it to the set and returns. start() runs `workers` threads; stop() (after
// httplib::Server::stop()) lets every request in progress finish and closes all connections.
#pragma once

#if defined(__linux__)
#define BOXOFFICE_MULTIPLEXED_SERVER 1

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace boxoffice::server::detail {

struct MultiplexerOptions {
    // Threads that serve requests; of them, at most `turns` at once take connections from the
    // set, the others wait for a turn. A worker whose request waits on other threads' work (a
    // redeem in the group commit) hands its turn on (yieldTurn), so a few turns keep the cores
    // busy without more threads running than cores, while many workers let many redeems share one
    // commit.
    std::size_t workers = 8;
    std::size_t turns = 2;
    std::size_t maxConnections = 4096;  // further connections are closed at once
    std::size_t keepAliveMaxCount = 100000;
    std::chrono::milliseconds keepAliveTimeout{5000};
    std::chrono::milliseconds readTimeout{10000};  // for the rest of a body cpp-httplib reads itself
    std::chrono::milliseconds writeTimeout{10000};
    std::size_t maxBodyBytes = 16 * 1024 * 1024;
};

// What the bytes buffered so far hold, for deciding when a connection goes to a worker.
enum class Buffered { Partial, Request };
// `maxBodyBytes`: a request announcing a larger body is handed over at once, to be refused.
Buffered bufferedRequest(std::string_view bytes, std::size_t maxBodyBytes);

class MultiplexedServer : public httplib::Server {
public:
    explicit MultiplexedServer(MultiplexerOptions options);
    ~MultiplexedServer() override;
    MultiplexedServer(const MultiplexedServer&) = delete;
    MultiplexedServer& operator=(const MultiplexedServer&) = delete;

    // False when the epoll set cannot be made (the server cannot run).
    bool startWorkers();
    // On a worker thread, while it serves a request: lets another worker take its turn now; this
    // one takes a turn again before its next request. Does nothing on any other thread.
    static void yieldTurn();
    // Call after httplib::Server::stop() (the destructor does): finishes the requests in
    // progress, closes every connection and joins the workers. Idempotent.
    void stopWorkers();

    struct Slot;

private:
    bool process_and_close_socket(socket_t sock) override;

    void work();
    void serve(Slot& slot);
    Slot* claim(std::uint64_t key);
    // Waits for the connection's next bytes: EPOLL_CTL_ADD for a new one, MOD after a request.
    void rearm(Slot& slot, int operation);
    void close(Slot& slot);
    void sweep();

    MultiplexerOptions m_options;
    int m_epoll = -1;
    int m_wake = -1;  // eventfd, readable once stopping: wakes every worker and every wait
    std::atomic<bool> m_stopping{false};
    // The turns not taken. A mutex and a condition variable rather than std::counting_semaphore,
    // whose acquire spins on sched_yield before it sleeps: 5 % of the redeem run's samples.
    struct Turns {
        std::mutex mutex;
        std::condition_variable free;
        std::size_t count = 0;
        void release(std::size_t n = 1);
        void acquire();
    };
    Turns m_turns;
    static thread_local Turns* t_turns;  // on a worker thread while it has a turn: its server's
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::mutex m_freeMutex;
    std::vector<std::uint32_t> m_free;
    std::mutex m_sweepMutex;
    std::atomic<std::int64_t> m_lastSweep{0};
    std::vector<std::thread> m_workers;
};

}  // namespace boxoffice::server::detail

#endif
