#include "HttpEngine.h"
#include "SerializeAnswer.h"
#include "WorkerPool.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <fmt/core.h>


namespace boxoffice::server::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using ErrorCode = boost::system::error_code;

namespace {

// One thread reads and writes for all connections: the work per request on the I/O side is a
// few microseconds, and a second thread only competes with the workers for the cores.
constexpr int kIoThreads = 1;
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kKeepCapacity = 256 * 1024;  // an answer's buffer shrinks back to this
constexpr auto kSweepEvery = std::chrono::milliseconds(100);
constexpr std::int64_t kLingerMs = 2000;  // reading (and dropping) what a refused client still sends
constexpr auto kAcceptRetry = std::chrono::milliseconds(100);
constexpr auto kStopGrace = std::chrono::milliseconds(2000);  // for answers still being written

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t ms(std::chrono::milliseconds d) { return static_cast<std::int64_t>(d.count()); }

// The milliseconds `bytes` take at `bytesPerSecond`.
std::int64_t transferMs(std::uint64_t bytes, std::size_t bytesPerSecond) {
    return static_cast<std::int64_t>(bytes * 1000 / std::max<std::uint64_t>(bytesPerSecond, 1));
}

std::string text(beast::string_view s) { return std::string(s.data(), s.size()); }

// The listening socket's claim on its address (Asio's SettableSocketOption). POSIX: SO_REUSEADDR,
// so that a restarted server binds while the old one's connections linger in TIME_WAIT (never
// SO_REUSEPORT, which would let a second server take half of the scanners' connections).
// Windows: SO_EXCLUSIVEADDRUSE, as its SO_REUSEADDR would let another program bind the same port.
class AddressClaim {
public:
    template <typename Protocol>
    int level(const Protocol&) const {
        return SOL_SOCKET;
    }
    template <typename Protocol>
    int name(const Protocol&) const {
#if defined(_WIN32)
        return SO_EXCLUSIVEADDRUSE;
#else
        return SO_REUSEADDR;
#endif
    }
    template <typename Protocol>
    const void* data(const Protocol&) const {
        return &m_on;
    }
    template <typename Protocol>
    std::size_t size(const Protocol&) const {
        return sizeof m_on;
    }

private:
    int m_on = 1;
};

// The {"detail": ...} of the answers the engine gives itself.
constexpr std::string_view kBadRequest = "Bad request.";
constexpr std::string_view kBadFraming =
    "Bad request: the body's length is ambiguous (Content-Length and Transfer-Encoding).";
constexpr std::string_view kBodyTooLarge = "Request body too large.";
constexpr std::string_view kHeaderTooLarge = "Request header fields too large.";
constexpr std::string_view kUriTooLong = "Request URI too long.";
constexpr std::string_view kVersionNotSupported = "HTTP version not supported.";

class Connection;

}  // namespace

// A request's answer on its way: serialized and sent from the thread that has it, while its
// connection waits in the Handler phase.
struct Reply::State {
    State(std::shared_ptr<Connection> c, bool h, bool k, bool v)
        : connection(std::move(c)), head(h), keepAlive(k), http10(v) {}
    ~State() {
        if (!sent.load()) {  // nobody answered
            send(Response::detail(500, "Internal server error."));
        }
    }
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    void send(const Response& response);

    std::shared_ptr<Connection> connection;
    bool head;
    bool keepAlive;
    bool http10;
    std::atomic<bool> sent{false};
};

struct HttpEngine::Impl {
    Impl(EngineOptions o, EngineHandler h) : options(std::move(o)), handler(std::move(h)) {}

    void accept();
    void onAccept(const ErrorCode& ec, tcp::socket socket);
    void sweep();
    void unregister(Connection* c, const std::string& address);
    std::vector<std::shared_ptr<Connection>> connectionsNow();

    // A request's Reply is done with it (answered, or dropped by a stopped engine).
    void answered();

    EngineOptions options;
    EngineHandler handler;
    std::atomic<bool> stopping{false};
    std::atomic<bool> stopped{false};  // the I/O threads are gone: a late answer is dropped
    // Requests handed to the handler and not answered yet; stop() waits for them.
    std::atomic<std::size_t> unanswered{0};
    std::mutex unansweredMutex;
    std::condition_variable allAnswered;
    std::mutex connectionsMutex;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;
    std::unordered_map<std::string, std::size_t> perAddress;
    std::condition_variable allClosed;
    // Declared after what the connections use: a connection still queued in the io_context when
    // it is destroyed unregisters itself.
    net::io_context ioc{kIoThreads};
    // After the io_context: a job left in the queue holds a connection, whose socket must go first.
    WorkerPool pool;
    std::optional<net::any_io_executor> guard;  // keeps the I/O threads running while serving
    net::strand<net::io_context::executor_type> control = net::make_strand(ioc);  // acceptor and timers
    tcp::acceptor acceptor{control};
    net::steady_timer sweepTimer{control};
    net::steady_timer acceptTimer{control};
    std::vector<std::thread> ioThreads;
    bool started = false;
};

namespace {

// One client connection; every member is used on its strand only (the I/O side), but for the
// deadline the sweep reads.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(HttpEngine::Impl& engine, tcp::socket socket, std::string remote, std::string local)
        : m_engine(engine), m_socket(std::move(socket)), m_executor(m_socket.get_executor()),
          m_remote(std::move(remote)), m_local(std::move(local)) {}
    ~Connection() { m_engine.unregister(this, m_remote); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    const net::any_io_executor& executor() const { return m_executor; }
    HttpEngine::Impl& engine() const { return m_engine; }
    std::int64_t deadline() const { return m_deadline.load(std::memory_order_relaxed); }

    void start() {
        ErrorCode ignored;
        m_socket.non_blocking(true, ignored);  // for the worker's one write attempt (answerFromWorker)
        m_lastByte = nowMs();
        newRequest();
        read();
    }

    // The sweep found the deadline passed: closed without an answer, unless it moved meanwhile.
    void expire() {
        const auto d = deadline();
        if (d != 0 && d <= nowMs()) {
            close();
        }
    }

    // The server stops: a connection waiting for a request is closed now; one whose request is
    // being answered after its answer (`force`: now).
    void stopNow(bool force) {
        m_stopping = true;
        if (force || (m_phase != Phase::Handler && m_phase != Phase::Writing)) {
            close();
        }
    }

    // On the thread that made the answer, while the connection is in the Handler phase (no
    // operation is pending on the socket then, and nothing on the I/O side touches it until the
    // answer is posted back; stop() closes it only after the workers are joined): one
    // non-blocking send of the answer, so that the client has it without waiting for the I/O
    // thread; the rest, and the next request, are the I/O thread's.
    void answerFromWorker(std::string bytes, bool closeAfter) {
        ErrorCode ec;
        const auto sent = m_socket.write_some(net::buffer(bytes), ec);
        net::post(m_executor, [self = shared_from_this(), bytes = std::move(bytes), sent = ec ? 0 : sent,
                               closeAfter]() mutable { self->answer(std::move(bytes), sent, closeAfter); });
    }

    // On the I/O side: writes what the worker could not (from byte `sent` on), then goes on.
    void answer(std::string bytes, std::size_t sent, bool closeAfter) {
        if (m_phase == Phase::Closed) {
            return;
        }
        if (sent == bytes.size()) {
            m_phase = Phase::Writing;
            onWritten({}, closeAfter);
            return;
        }
        write(std::move(bytes), closeAfter, sent);
    }

private:
    enum class Phase { Idle, Header, Continue, Body, Handler, Writing, Lingering, Closed };

    void newRequest() {
        m_parser.emplace();
        m_parser->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(m_engine.options.maxHeaderBytes, 0xffffffffU)));
        m_parser->body_limit(static_cast<std::uint64_t>(m_engine.options.maxBodyBytes));
        m_headerChecked = false;
        m_consumed = 0;
        m_phase = Phase::Idle;
    }

    void arm() {
        const auto& o = m_engine.options;
        const auto silence = m_lastByte + ms(o.keepAliveTimeout);
        std::int64_t d = 0;
        switch (m_phase) {
            case Phase::Idle: d = silence; break;
            case Phase::Header: d = std::min(m_requestStart + ms(o.requestHeaderTimeout), silence); break;
            case Phase::Body: {
                std::int64_t allowed = 0;
                if (const auto length = m_parser->content_length()) {
                    allowed = std::max(ms(o.requestBodyTimeout), transferMs(*length, o.minBodyBytesPerSecond));
                } else {
                    allowed = ms(o.requestBodyTimeout) +
                              transferMs(m_parser->get().body().size(), o.minBodyBytesPerSecond);
                }
                d = std::min(m_bodyStart + allowed, silence);
                break;
            }
            case Phase::Continue:
            case Phase::Writing:
                d = m_writeStart + std::max(ms(o.writeTimeout), transferMs(m_out.size(), o.minBodyBytesPerSecond));
                break;
            case Phase::Lingering: d = m_writeStart + kLingerMs; break;
            case Phase::Handler:
            case Phase::Closed: d = 0; break;
        }
        m_deadline.store(d, std::memory_order_relaxed);
    }

    void read() {
        arm();
        m_socket.async_read_some(m_buffer.prepare(kReadChunk),
                                 [self = shared_from_this()](const ErrorCode& ec, std::size_t n) { self->onRead(ec, n); });
    }

    void onRead(const ErrorCode& ec, std::size_t n) {
        if (m_phase == Phase::Closed) {
            return;
        }
        if (ec) {
            close();  // the client left, mid-request too: nobody to answer
            return;
        }
        m_buffer.commit(n);
        m_lastByte = nowMs();
        if (m_phase == Phase::Lingering) {
            m_buffer.consume(m_buffer.size());
            read();
            return;
        }
        if (m_phase == Phase::Idle) {
            m_phase = Phase::Header;
            m_requestStart = m_lastByte;
        }
        parse();
    }

    // Feeds the buffered bytes to the parser until the request is whole (dispatched), more
    // bytes are needed (read), or it is refused.
    void parse() {
        for (;;) {
            if (m_buffer.size() == 0) {
                read();
                return;
            }
            ErrorCode ec;
            const auto used = m_parser->put(m_buffer.data(), ec);
            m_buffer.consume(used);
            m_consumed += used;
            if (!m_parser->is_header_done() && m_consumed + m_buffer.size() >= m_engine.options.maxHeaderBytes) {
                // The parser takes the header a line at a time: the whole header is limited here.
                refuse(http::error::header_limit);
                return;
            }
            if (ec == http::error::need_more) {
                read();
                return;
            }
            if (ec) {
                refuse(ec);
                return;
            }
            if (m_parser->is_header_done() && !m_headerChecked) {
                m_headerChecked = true;
                if (!checkHeader()) {
                    return;
                }
            }
            if (m_parser->is_done()) {
                dispatch();
                return;
            }
            if (used == 0) {
                read();
                return;
            }
        }
    }

    // The request's headers are in: refuses what must not be framed, answers "Expect:
    // 100-continue". False when parsing does not go on now.
    bool checkHeader() {
        const auto& message = m_parser->get();
        if (message.target().size() > m_engine.options.maxTargetBytes) {
            refuse(414, kUriTooLong);
            return false;
        }
        if (message.version() != 10 && message.version() != 11) {
            refuse(505, kVersionNotSupported);
            return false;
        }
        const auto te = message.count(http::field::transfer_encoding);
        if (te > 0 && (te > 1 || message.count(http::field::content_length) > 0 || !m_parser->chunked() ||
                       !beast::iequals(message[http::field::transfer_encoding], "chunked"))) {
            refuse(400, kBadFraming);
            return false;
        }
        m_parser->eager(true);
        m_bodyStart = nowMs();
        m_phase = Phase::Body;
        if (!m_parser->is_done() && message.version() == 11 &&
            beast::iequals(message[http::field::expect], "100-continue")) {
            m_phase = Phase::Continue;
            m_out = "HTTP/1.1 100 Continue\r\n\r\n";
            m_writeStart = nowMs();
            arm();
            net::async_write(m_socket, net::buffer(m_out), [self = shared_from_this()](const ErrorCode& e, std::size_t) {
                if (self->m_phase == Phase::Closed) {
                    return;
                }
                if (e) {
                    self->close();
                    return;
                }
                self->m_phase = Phase::Body;
                self->m_bodyStart = nowMs();
                self->m_lastByte = self->m_bodyStart;
                self->parse();
            });
            return false;
        }
        return true;
    }

    void dispatch() {
        m_phase = Phase::Handler;
        arm();
        auto message = m_parser->release();
        const bool keepAlive = message.keep_alive() && ++m_served < m_engine.options.keepAliveMaxCount &&
                               !m_stopping && !m_engine.stopping.load(std::memory_order_relaxed);
        Exchange exchange;
        exchange.method = text(message.method_string());
        exchange.target = text(message.target());
        exchange.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
        for (const auto& field : message) {
            exchange.headers.emplace_back(text(field.name_string()), text(field.value()));
        }
        exchange.body = std::move(message.body());
        exchange.remoteAddr = m_remote;
        exchange.localAddr = m_local;
        const bool http10 = message.version() == 10;
        m_engine.unanswered.fetch_add(1, std::memory_order_relaxed);
        auto reply = std::make_shared<Reply::State>(shared_from_this(), exchange.method == "HEAD", keepAlive, http10);
        m_engine.pool.post([self = shared_from_this(), exchange = std::move(exchange), reply]() mutable {
            try {
                self->m_engine.handler(exchange, Reply{reply});
            } catch (...) {
                Reply{reply}(Response::detail(500, "Internal server error."));
            }
        });
    }

    void write(std::string bytes, bool closeAfter, std::size_t from = 0) {
        m_out = std::move(bytes);
        m_phase = Phase::Writing;
        m_writeStart = nowMs();
        arm();
        net::async_write(m_socket, net::buffer(m_out) + from,
                         [self = shared_from_this(), closeAfter](const ErrorCode& ec, std::size_t) {
                             self->onWritten(ec, closeAfter);
                         });
    }

    void onWritten(const ErrorCode& ec, bool closeAfter) {
        if (m_phase == Phase::Closed) {
            return;
        }
        if (ec) {
            close();
            return;
        }
        m_out.clear();
        if (m_out.capacity() > kKeepCapacity) {
            m_out.shrink_to_fit();
        }
        if (m_stopping) {
            close();
            return;
        }
        if (closeAfter) {
            linger();
            return;
        }
        newRequest();
        m_lastByte = nowMs();
        if (m_buffer.size() > 0) {  // the client sent its next request already (pipelining)
            m_phase = Phase::Header;
            m_requestStart = m_lastByte;
            parse();
        } else {
            read();
        }
    }

    void refuse(const ErrorCode& ec) {
        if (ec == http::error::body_limit) {
            refuse(413, kBodyTooLarge);
        } else if (ec == http::error::header_limit) {
            // Nothing parsed yet: the request line alone is too long.
            if (m_consumed == 0) {
                refuse(414, kUriTooLong);
            } else {
                refuse(431, kHeaderTooLarge);
            }
        } else if (ec == http::error::bad_content_length || ec == http::error::bad_transfer_encoding) {
            refuse(400, kBadFraming);
        } else {
            refuse(400, kBadRequest);
        }
    }

    // Answers `status` with {"detail": message} and closes the connection: nothing after a
    // refused request is read as a request.
    void refuse(int status, std::string_view message) {
        m_parser.reset();
        write(serialize(Response::detail(status, std::string(message)), false, false, false, {}), true);
    }

    // Stops sending, reads and drops what the client still sends for a moment, then closes: closed
    // at once, a socket with unread bytes resets the connection, and the client may lose the answer.
    void linger() {
        ErrorCode ignored;
        m_socket.shutdown(tcp::socket::shutdown_send, ignored);
        m_phase = Phase::Lingering;
        m_parser.reset();
        m_buffer.consume(m_buffer.size());
        m_writeStart = nowMs();
        read();
    }

    void close() {
        if (m_phase == Phase::Closed) {
            return;
        }
        m_phase = Phase::Closed;
        m_deadline.store(0, std::memory_order_relaxed);
        ErrorCode ignored;
        m_socket.shutdown(tcp::socket::shutdown_both, ignored);
        m_socket.close(ignored);
    }

    HttpEngine::Impl& m_engine;
    tcp::socket m_socket;
    net::any_io_executor m_executor;
    std::string m_remote;
    std::string m_local;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    std::string m_out;
    Phase m_phase = Phase::Idle;
    bool m_headerChecked = false;
    bool m_stopping = false;
    std::size_t m_consumed = 0;  // bytes of the current request the parser took
    std::size_t m_served = 0;
    std::int64_t m_lastByte = 0;
    std::int64_t m_requestStart = 0;
    std::int64_t m_bodyStart = 0;
    std::int64_t m_writeStart = 0;
    std::atomic<std::int64_t> m_deadline{0};
};

}  // namespace

void Reply::State::send(const Response& response) {
    if (sent.exchange(true)) {
        return;
    }
    auto& engine = connection->engine();
    if (!engine.stopped.load()) {
        connection->answerFromWorker(serialize(response, head, keepAlive, http10, engine.options.keepAliveTimeout),
                                     !keepAlive);
    }
    engine.answered();
}

void Reply::operator()(const Response& response) const { m_state->send(response); }

void HttpEngine::Impl::answered() {
    if (unanswered.fetch_sub(1) == 1 && stopping.load()) {
        std::lock_guard lock(unansweredMutex);
        allAnswered.notify_all();
    }
}

void HttpEngine::Impl::accept() {
    acceptor.async_accept(net::make_strand(ioc),
                          [this](const ErrorCode& ec, tcp::socket socket) { onAccept(ec, std::move(socket)); });
}

void HttpEngine::Impl::onAccept(const ErrorCode& ec, tcp::socket socket) {
    if (stopping.load() || ec == net::error::operation_aborted) {
        return;
    }
    if (ec) {
        // Out of file descriptors, or the like: try again shortly rather than spin.
        acceptTimer.expires_after(kAcceptRetry);
        acceptTimer.async_wait([this](const ErrorCode& e) {
            if (!e && !stopping.load()) {
                accept();
            }
        });
        return;
    }
    accept();
    ErrorCode e1;
    ErrorCode e2;
    const auto remote = socket.remote_endpoint(e1);
    const auto local = socket.local_endpoint(e2);
    if (e1 || e2) {
        return;  // gone already
    }
    std::string address = remote.address().to_string();
    {
        std::lock_guard lock(connectionsMutex);
        auto& count = perAddress[address];
        if (connections.size() >= options.maxConnections || count >= options.maxConnectionsPerAddress) {
            if (count == 0) {
                perAddress.erase(address);
            }
            return;  // closed as `socket` goes
        }
        ++count;
    }
    socket.set_option(tcp::no_delay(true), e1);
    auto connection = std::make_shared<Connection>(*this, std::move(socket), address, local.address().to_string());
    {
        std::lock_guard lock(connectionsMutex);
        connections.emplace(connection.get(), connection);
    }
    net::post(connection->executor(), [connection] { connection->start(); });
}

void HttpEngine::Impl::unregister(Connection* c, const std::string& address) {
    std::lock_guard lock(connectionsMutex);
    connections.erase(c);
    if (const auto it = perAddress.find(address); it != perAddress.end() && --it->second == 0) {
        perAddress.erase(it);
    }
    if (connections.empty()) {
        allClosed.notify_all();
    }
}

std::vector<std::shared_ptr<Connection>> HttpEngine::Impl::connectionsNow() {
    std::vector<std::shared_ptr<Connection>> out;
    std::lock_guard lock(connectionsMutex);
    out.reserve(connections.size());
    for (const auto& [raw, weak] : connections) {
        if (auto c = weak.lock()) {
            out.push_back(std::move(c));
        }
    }
    return out;
}

// Every kSweepEvery: closes the connections whose deadline passed (on their own strands).
void HttpEngine::Impl::sweep() {
    sweepTimer.expires_after(kSweepEvery);
    sweepTimer.async_wait([this](const ErrorCode& ec) {
        if (ec || stopping.load()) {
            return;
        }
        const auto now = nowMs();
        std::vector<std::shared_ptr<Connection>> expired;
        {
            std::lock_guard lock(connectionsMutex);
            for (const auto& [raw, weak] : connections) {
                const auto d = raw->deadline();
                if (d != 0 && d <= now) {
                    if (auto c = weak.lock()) {
                        expired.push_back(std::move(c));
                    }
                }
            }
        }
        for (auto& c : expired) {
            net::post(c->executor(), [c] { c->expire(); });
        }
        sweep();
    });
}

HttpEngine::HttpEngine(EngineOptions options, EngineHandler handler)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpEngine::~HttpEngine() { stop(); }

model::Result<int> HttpEngine::start() {
    auto& impl = *m_impl;
    const auto& o = impl.options;
    auto fail = [&](const std::string& why) {
        ErrorCode ignored;
        impl.acceptor.close(ignored);
        return model::Error{model::ErrorCode::Io, fmt::format("Cannot listen on {}:{} ({}).", o.host, o.port, why), {}};
    };
    ErrorCode ec;
    tcp::endpoint endpoint;
    const auto address = net::ip::make_address(o.host, ec);
    if (!ec) {
        endpoint = tcp::endpoint(address, static_cast<unsigned short>(o.port));
    } else {
        tcp::resolver resolver(impl.ioc);
        const auto found = resolver.resolve(o.host, std::to_string(o.port), tcp::resolver::passive, ec);
        if (ec || found.empty()) {
            return fail(ec ? ec.message() : "no address");
        }
        endpoint = found.begin()->endpoint();
    }
    impl.acceptor.open(endpoint.protocol(), ec);
    if (ec) {
        return fail(ec.message());
    }
    impl.acceptor.set_option(AddressClaim{}, ec);
    impl.acceptor.bind(endpoint, ec);
    if (ec) {
        return fail(ec.message());
    }
    // The system's largest backlog: thirty scanners connecting at once must not wait for TCP's
    // retransmissions.
    impl.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail(ec.message());
    }
    const int port = impl.acceptor.local_endpoint().port();
    impl.stopping = false;
    impl.stopped = false;
    impl.guard.emplace(net::prefer(impl.ioc.get_executor(), net::execution::outstanding_work.tracked));
    impl.pool.start(std::max<std::size_t>(o.workers, 1));
    net::post(impl.control, [&impl] {
        impl.accept();
        impl.sweep();
    });
    for (int i = 0; i < kIoThreads; ++i) {
        impl.ioThreads.emplace_back([&impl] {
            for (;;) {
                try {
                    impl.ioc.run();
                    return;
                } catch (...) {
                    // a handler's exception (none is expected): keep serving
                }
            }
        });
    }
    impl.started = true;
    return port;
}

void HttpEngine::stop() {
    auto& impl = *m_impl;
    if (!impl.started) {
        return;
    }
    impl.started = false;
    impl.stopping = true;
    net::post(impl.control, [&impl] {
        ErrorCode ignored;
        impl.acceptor.close(ignored);
        impl.sweepTimer.cancel();
        impl.acceptTimer.cancel();
    });
    // Connections waiting for a request close now; those being answered once their answer is out.
    auto open = impl.connectionsNow();
    auto pending = std::make_shared<std::atomic<std::size_t>>(open.size());
    for (auto& c : open) {
        net::post(c->executor(), [c, pending] {
            c->stopNow(false);
            --*pending;
        });
    }
    open.clear();
    const auto passDeadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (*pending > 0 && std::chrono::steady_clock::now() < passDeadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    {
        // Answers still to come from other threads (a redeem waiting for its commit) need the
        // workers to make them.
        std::unique_lock lock(impl.unansweredMutex);
        impl.allAnswered.wait_for(lock, kStopGrace, [&impl] { return impl.unanswered.load() == 0; });
    }
    impl.pool.stop();  // the requests in progress are answered
    {
        std::unique_lock lock(impl.connectionsMutex);
        impl.allClosed.wait_for(lock, kStopGrace, [&impl] { return impl.connections.empty(); });
    }
    for (auto& c : impl.connectionsNow()) {
        net::post(c->executor(), [c] { c->stopNow(true); });
    }
    impl.guard.reset();
    {
        std::unique_lock lock(impl.connectionsMutex);
        impl.allClosed.wait_for(lock, std::chrono::milliseconds(500), [&impl] { return impl.connections.empty(); });
    }
    impl.ioc.stop();
    for (auto& t : impl.ioThreads) {
        t.join();
    }
    impl.ioThreads.clear();
    impl.stopped = true;
    impl.ioc.restart();
}

void HttpEngine::post(std::function<void()> job) { m_impl->pool.post(std::move(job)); }

}  // namespace boxoffice::server::detail
