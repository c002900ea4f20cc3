#include "boxoffice/server/Server.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <stop_token>
#include <system_error>
#include <thread>

#include <fmt/core.h>
#include <sqlite3.h>

#include "HttpEngine.h"
#include "StorageErrors.h"
#include "Url.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/SearchIndex.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::server {

namespace {

std::atomic<std::uint64_t> g_nextServerSerial{1};

// Each worker thread keeps one Store per server it works for; closed when the thread ends
// (the engine's workers end when their server stops).
model::Store& workerStore(std::uint64_t serial, const std::filesystem::path& file) {
    thread_local std::map<std::uint64_t, std::unique_ptr<model::Store>> stores;
    auto& s = stores[serial];
    if (!s) {
        s = std::make_unique<model::Store>(file);
        // Checkpoints are the server's checkpointer thread's job (Server::Impl::checkpoints): an
        // automatic one would run inside a redeem's commit and hold up every gate behind it.
        s->db().exec("PRAGMA wal_autocheckpoint = 0");
    }
    return *s;
}

std::string lower(std::string s) {
    for (auto& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

// The host:port put into absolute links when a request's Host header is missing or not a valid
// host[:port]: the address the server listens on; for a wildcard address the one the request came
// in on, else 127.0.0.1.
std::string listenAddress(const std::string& configuredHost, int port, const std::string& localAddr) {
    std::string host = configuredHost;
    if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") {
        host = localAddr.substr(0, localAddr.find('%'));  // without an IPv6 zone
        if (host.empty()) {
            host = "127.0.0.1";
        }
    }
    if (host.find(':') != std::string::npos && host.front() != '[') {
        host = "[" + host + "]";
    }
    return host + ":" + std::to_string(port);
}

Request toRequest(detail::Exchange& http, const std::string& configuredHost, int port) {
    Request r;
    r.method = http.method;
    const auto q = http.target.find('?');
    r.path = http.target.substr(0, q);
    if (q != std::string::npos) {
        r.query = detail::parseQuery(std::string_view(http.target).substr(q + 1));
    }
    for (const auto& [k, v] : http.headers) {
        r.headers.emplace(lower(k), v);
    }
    r.body = std::move(http.body);
    if (r.header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0) {
        r.form = detail::parseQuery(r.body);
    }
    // The Host header goes into links (pagination, layouts, downloads): only a valid host[:port].
    std::string host = r.header("host");
    if (!detail::isValidHostHeader(host)) {
        host = listenAddress(configuredHost, port, http.localAddr);
    }
    r.baseUrl = "http://" + host;
    r.remoteAddr = http.remoteAddr;
    return r;
}

}  // namespace

struct Server::Impl {
    ServerOptions options;
    std::vector<std::shared_ptr<Plugin>> plugins;
    Router router;
    std::unique_ptr<detail::HttpEngine> engine;
    std::uint64_t serial = g_nextServerSerial++;
    std::atomic<int> port{0};
    std::atomic<bool> running{false};
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> clientErrors{0};
    std::atomic<std::uint64_t> serverErrors{0};
    std::atomic<std::chrono::steady_clock::rep> startedAt{0};
    std::mutex logMutex;
    std::jthread checkpointer;
    std::unique_ptr<checkin::DedicatedWriter> writer;  // redeems' group commits, while running
    // The suspended requests (Context::suspend: the redeems waiting for their commit) ready to be
    // finished, and how many workers are finishing them. The committer settles a batch of
    // redeems at once, and waking one worker for each was a futex round trip and two context
    // switches a redeem on top of the worker that took the request in: a worker takes the queue
    // instead, another one joins while more than kResumedPerFinisher wait for each.
    detail::HttpEngine* jobs = nullptr;  // the engine whose workers finish them; set before it starts
    std::mutex resumedMutex;
    std::deque<std::function<void(model::Store&)>> resumed;
    std::size_t finishers = 0;

    void handle(detail::Exchange& exchange, detail::Reply reply);
    void resume(std::function<void(model::Store&)> job);
    void finishResumed();
    void checkpoints(const std::stop_token& stop);
    void warn(const std::string& line);
};

void Server::Impl::warn(const std::string& line) {
    if (options.log) {
        std::lock_guard lock(logMutex);
        options.log(line);
    }
}

// Copies the WAL back into the database file a few times a second, beside the workers: a
// PASSIVE checkpoint never waits for or blocks a writer, and the fsync it ends with happens
// here instead of inside some gate's redeem. The thread runs at a lower priority: woken after
// its 200 ms sleep at normal priority, it took a core from the gates for the length of a
// checkpoint, and the redeems' p99 went from about 12 ms to about 150 ms (bench/server).
// A PASSIVE checkpoint never shrinks the WAL file, and with redeems always being written it
// never reaches the WAL's end, so the WAL grew by about 150 MB per 4 s of redeems. Past
// walTruncateBytes, right after the PASSIVE one, the redeems' committer runs a RESTART
// checkpoint between two of its batches (checkin::DedicatedWriter::restartWal): it copies the
// last frames, so that the next commit starts the WAL over and cuts the file back to the store's
// journal_size_limit. Run here, the RESTART held every writer for 9-13 ms, and the committer's
// BEGIN then slept on in SQLite's busy handler (1, 2, 5 ms steps) past its end; run by the
// committer it takes as long (the last frames and two fsyncs), but no redeem sleeps past it: the
// check-in RPC's p99 went from 16-22 ms to 11-14 ms (scanner_bench, runs interleaved). A
// TRUNCATE did the same in one step but held every gate for 35-45 ms each time (its ftruncate of
// 64 MB); it is used only when nothing was written since the last round, when it holds nobody
// up, and waits for readers and writer at most kTruncateBusyTimeout. Either is tried again
// kTruncateRetry later when it cannot finish.
void Server::Impl::checkpoints(const std::stop_token& stop) {
    constexpr auto kTruncateBusyTimeout = std::chrono::milliseconds(50);
    constexpr auto kTruncateRetry = std::chrono::seconds(1);
#if defined(__linux__)
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);  // Linux sets nice values per thread
#endif
    const std::filesystem::path wal = options.database.string() + "-wal";
    auto walTooLarge = [&] {
        std::error_code ec;
        const auto size = std::filesystem::file_size(wal, ec);
        return options.walTruncateBytes > 0 && !ec && size > options.walTruncateBytes;
    };
    std::chrono::steady_clock::time_point nextTruncate{};
    std::int64_t lastVersion = -1;
    std::unique_ptr<model::Store> store;
    std::mutex m;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(m);
            wake.wait_for(lock, stop, std::chrono::milliseconds(200), [] { return false; });
        }
        if (stop.stop_requested()) {
            break;
        }
        try {
            if (!store) {
                store = std::make_unique<model::Store>(options.database);
                store->db().exec(fmt::format("PRAGMA busy_timeout = {}", kTruncateBusyTimeout.count()));
            }
            store->db().exec("PRAGMA wal_checkpoint(PASSIVE)");
            // Moves with every other connection's commit: unchanged, nobody wrote since last round.
            const auto version = store->dataVersion();
            const bool written = version != lastVersion;
            lastVersion = version;
            const auto now = std::chrono::steady_clock::now();
            if (now >= nextTruncate && walTooLarge()) {
                // TRUNCATE's one row: busy (1 when it could not finish), WAL frames, frames checkpointed.
                const bool done = written ? writer->restartWal()
                                          : store->db().execAndGet("PRAGMA wal_checkpoint(TRUNCATE)").getInt() == 0;
                if (!done) {
                    nextTruncate = now + kTruncateRetry;
                }
            }
        } catch (const std::exception&) {
            store.reset();  // busy or gone: try again on the next round
            lastVersion = -1;
            nextTruncate = std::chrono::steady_clock::now() + kTruncateRetry;
        }
    }
}

void Server::Impl::handle(detail::Exchange& exchange, detail::Reply reply) {
    const auto started = std::chrono::steady_clock::now();
    auto req = std::make_shared<Request>(toRequest(exchange, options.host, port.load(std::memory_order_relaxed)));
    // On whichever thread has the answer: now, or the worker that finished a suspended handler.
    auto answer = [this, started, req, target = options.log ? exchange.target : std::string(),
                   reply = std::move(reply)](Response res) {
        requests.fetch_add(1, std::memory_order_relaxed);
        if (res.status >= 500) {
            serverErrors.fetch_add(1, std::memory_order_relaxed);
        } else if (res.status >= 400) {
            clientErrors.fetch_add(1, std::memory_order_relaxed);
        }
        if (res.scan && options.onScan) {
            try {
                options.onScan(*res.scan);
            } catch (...) {
                // the feed is a view; the redeem stands whatever happens to it
            }
        }
        if (options.log) {
            const auto micros =
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                    .count();
            const std::string line = fmt::format("{} {} {} {} {:.1f}ms", req->remoteAddr, req->method,
                                                 detail::redactTarget(target), res.status,
                                                 static_cast<double>(micros) / 1000.0);
            std::lock_guard lock(logMutex);
            options.log(line);
        }
        reply(std::move(res));
    };
    try {
        router.dispatch(
            req, workerStore(serial, options.database), [this](auto job) { resume(std::move(job)); }, answer);
    } catch (...) {
        answer(detail::exceptionResponse(std::current_exception()));  // storage unavailable 503, else 500
    }
}

// Up to eight workers finish at once, one more for each request waiting beyond one per worker:
// a batch of 30 redeems then wakes 8 workers, not 30, and its answers still go out side by side.
// Two finishers with up to eight requests each made the per-list redeem's p99 in server_bench
// 6.0-6.6 ms where the engine without suspension had 4.6-4.9 ms; eight with one gave 5.0-5.7 ms.
constexpr std::size_t kFinishers = 8;
constexpr std::size_t kResumedPerFinisher = 1;

// From the committer, once per redeem of a settled batch: queues the rest of the request, and
// wakes a worker only when none is finishing yet, or too many wait for the ones that are.
void Server::Impl::resume(std::function<void(model::Store&)> job) {
    bool another = false;
    {
        std::lock_guard lock(resumedMutex);
        resumed.push_back(std::move(job));
        if (finishers == 0 || (finishers < kFinishers && resumed.size() > kResumedPerFinisher * finishers)) {
            ++finishers;
            another = true;
        }
    }
    if (another) {
        jobs->post([this] { finishResumed(); });
    }
}

// On a worker: finishes suspended requests until none is left.
void Server::Impl::finishResumed() {
    model::Store& store = workerStore(serial, options.database);
    for (;;) {
        std::function<void(model::Store&)> job;
        {
            std::lock_guard lock(resumedMutex);
            if (resumed.empty()) {
                --finishers;
                return;
            }
            job = std::move(resumed.front());
            resumed.pop_front();
        }
        job(store);  // answers, whatever happens (Router::finishResumed)
    }
}

Server::Server(ServerOptions options, std::vector<std::shared_ptr<Plugin>> plugins) : m_impl(std::make_unique<Impl>()) {
    m_impl->options = std::move(options);
    m_impl->plugins = std::move(plugins);
    registerCoreRoutes(m_impl->router, m_impl->options.jsonCacheBytes);
    for (const auto& p : m_impl->plugins) {
        m_impl->router.setPlugin(p->name(), p->enabledByDefault());
        p->registerRoutes(m_impl->router);
    }
    m_impl->router.setPlugin("", true);
}

Server::~Server() { stop(); }

Router& Server::router() { return m_impl->router; }

model::Result<int> Server::start() {
    if (m_impl->running) {
        return m_impl->port.load();
    }
    m_impl->requests = 0;
    m_impl->clientErrors = 0;
    m_impl->serverErrors = 0;
    m_impl->startedAt = std::chrono::steady_clock::now().time_since_epoch().count();
    // Open (and migrate) the database once on this thread, before any worker does.
    if (auto store = model::Store::open(m_impl->options.database); !store) {
        return store.error();
    } else {
        // SQLite opens a file it may not write read-only, without an error.
        if (sqlite3_db_readonly(store.value()->db().getHandle(), "main") == 1) {
            m_impl->warn(fmt::format("Warning: the database {} is read-only: check-ins cannot be saved.",
                                     m_impl->options.database.string()));
        }
        // Build the search indexes now, in the background, rather than at the first search.
        for (const auto& event : model::EventRepository(*store.value()).events()) {
            model::search::warm(*store.value(), event.id);
        }
    }
#if defined(__GLIBC__)
    // Every worker thread gets its own malloc arena, and by default each arena hands memory back
    // to the kernel whenever its top grows past 128 KiB free: with pages of JSON built and freed
    // on every request that is an madvise and a round of page faults per request. Keep up to
    // 64 MiB per arena instead. (In a program linked with mimalloc, apps/allocator/Allocator.h,
    // glibc's malloc serves nothing and this changes nothing.)
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
    const auto& o = m_impl->options;
    detail::EngineOptions engine;
    engine.host = o.host;
    engine.port = o.port;
    engine.workers = std::max<std::size_t>(o.threads, 2);
    engine.keepAliveMaxCount = std::max<std::size_t>(o.keepAliveMaxCount, 1);
    engine.keepAliveTimeout = std::chrono::seconds(std::max(o.keepAliveTimeoutSeconds, 1));
    engine.requestHeaderTimeout = o.requestHeaderTimeout;
    engine.requestBodyTimeout = o.requestBodyTimeout;
    engine.minBodyBytesPerSecond = o.minBodyBytesPerSecond;
    engine.maxBodyBytes = o.maxBodyBytes;
    engine.maxConnections = std::max<std::size_t>(o.maxConnections, 1);
    engine.maxConnectionsPerAddress = std::max<std::size_t>(o.maxConnectionsPerAddress, 1);
    Impl* impl = m_impl.get();
    auto http = std::make_unique<detail::HttpEngine>(
        engine, [impl](detail::Exchange& e, detail::Reply reply) { impl->handle(e, std::move(reply)); });
    m_impl->jobs = http.get();
    // The redeems' group commits, before the first request can come in.
    m_impl->writer = std::make_unique<checkin::DedicatedWriter>(m_impl->options.database, 0);
    auto bound = http->start();
    if (!bound) {
        m_impl->writer.reset();
        return bound.error();
    }
    m_impl->port = bound.value();
    m_impl->engine = std::move(http);
    m_impl->running = true;
    m_impl->checkpointer = std::jthread([impl](const std::stop_token& stop) { impl->checkpoints(stop); });
    return m_impl->port.load();
}

void Server::stop() {
    if (m_impl->checkpointer.joinable()) {
        m_impl->checkpointer.request_stop();
        m_impl->checkpointer.join();
    }
    if (m_impl->engine) {
        m_impl->engine->stop();  // finishes the requests in progress, closes the connections, joins the threads
    }
    m_impl->writer.reset();  // after the engine: a suspended redeem is answered before it stops
    {
        // What a stop that ran out of patience left unanswered: dropped while its engine, to
        // which it still holds a connection, lives.
        std::lock_guard lock(m_impl->resumedMutex);
        m_impl->resumed.clear();
        m_impl->finishers = 0;
    }
    m_impl->engine.reset();
    m_impl->running = false;
}

void Server::wait() {
    while (m_impl->running) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

bool Server::running() const { return m_impl->running; }
int Server::port() const { return m_impl->port; }

ServerStats Server::stats() const {
    ServerStats s;
    s.running = m_impl->running;
    s.port = m_impl->port;
    s.requests = m_impl->requests.load(std::memory_order_relaxed);
    s.clientErrors = m_impl->clientErrors.load(std::memory_order_relaxed);
    s.serverErrors = m_impl->serverErrors.load(std::memory_order_relaxed);
    s.started = std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(m_impl->startedAt.load()));
    return s;
}

}  // namespace boxoffice::server
