#include "Multiplexer.h"

#if defined(BOXOFFICE_MULTIPLEXED_SERVER)

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace boxoffice::server::detail {

namespace {

// A slot's word: its generation (raised each time it is freed) and its state. An epoll event
// carries the generation it was armed with, so an event that arrives after its connection was
// closed, and the slot given to another, is recognised and dropped.
constexpr std::uint64_t kFree = 0;
constexpr std::uint64_t kIdle = 1;  // in the epoll set, waiting for bytes
constexpr std::uint64_t kBusy = 2;  // a worker owns it
constexpr std::uint64_t kStateMask = 3;
constexpr std::uint64_t kWakeKey = ~std::uint64_t{0};

constexpr std::size_t kReceiveChunk = 16 * 1024;
constexpr std::size_t kMaxReadAhead = 64;           // chunks read in one go
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;  // beyond: 431, closed
constexpr std::size_t kFlushBytes = 1024 * 1024;    // a response larger than this goes out in parts
constexpr std::size_t kKeepCapacity = 256 * 1024;   // a connection's buffers shrink back to this
constexpr std::int64_t kSweepEveryMs = 1000;

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::uint64_t generationOf(std::uint64_t word) { return word >> 2; }
std::uint64_t keyOf(std::uint64_t generation, std::uint32_t index) {
    return (generation << 32) | index;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// One recv without waiting, appended to `in`: the bytes received, 0 at the end of the stream, -1
// with `error` set.
ssize_t receiveInto(int fd, std::string& in, int& error) {
    thread_local char chunk[kReceiveChunk];
    const auto n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n < 0) {
        error = errno;
    } else {
        in.append(chunk, static_cast<std::size_t>(n));
    }
    return n;
}

void addressOf(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage addr{};
    socklen_t length = sizeof addr;
    auto* sa = reinterpret_cast<sockaddr*>(&addr);
    if ((peer ? ::getpeername(fd, sa, &length) : ::getsockname(fd, sa, &length)) != 0) {
        return;
    }
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (::getnameinfo(sa, length, host, sizeof host, service, sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        ip = host;
        port = std::atoi(service);
    }
}

}  // namespace

struct MultiplexedServer::Slot {
    std::atomic<std::uint64_t> word{0};  // generation << 2 | state
    std::atomic<std::int64_t> lastActive{0};
    std::uint32_t index = 0;
    int fd = -1;
    std::string in;  // received and not yet read by cpp-httplib
    std::size_t inPos = 0;
    std::string out;  // the response being written
    std::size_t served = 0;
    std::string remoteIp;
    int remotePort = 0;
    std::string localIp;
    int localPort = 0;

    std::string_view unread() const { return std::string_view(in).substr(inPos); }
    void compact() {
        if (inPos == in.size()) {
            in.clear();
        } else if (inPos > 0) {
            in.erase(0, inPos);
        }
        inPos = 0;
    }
};

Buffered bufferedRequest(std::string_view bytes, std::size_t maxBodyBytes) {
    const auto end = bytes.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        return Buffered::Partial;
    }
    std::string_view head = bytes.substr(0, end + 2);
    head.remove_prefix(std::min(head.size(), head.find("\r\n") + 2));  // the request line
    std::size_t length = 0;
    while (!head.empty()) {
        const auto eol = head.find("\r\n");
        const std::string_view line = head.substr(0, eol);
        head.remove_prefix(eol + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue;
        }
        const auto name = trim(line.substr(0, colon));
        const auto value = trim(line.substr(colon + 1));
        if (equalsIgnoringCase(name, "content-length")) {
            const auto [rest, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
            if (ec != std::errc() || rest != value.data() + value.size()) {
                return Buffered::Request;  // cpp-httplib refuses it
            }
        } else if (equalsIgnoringCase(name, "transfer-encoding") || equalsIgnoringCase(name, "expect")) {
            return Buffered::Request;  // chunked, or waiting for "100 Continue": cpp-httplib reads on
        }
    }
    if (length > maxBodyBytes) {
        return Buffered::Request;  // refused with 413 before the body is read
    }
    return bytes.size() - (end + 4) >= length ? Buffered::Request : Buffered::Partial;
}

namespace {

// The connection as cpp-httplib's request parser and response writer see it: reads come from the
// bytes already buffered (waiting for more only for what cpp-httplib reads on by itself), writes
// collect the response until flush().
class SlotStream final : public httplib::Stream {
public:
    SlotStream(MultiplexedServer::Slot& slot, int wakeFd, const MultiplexerOptions& options)
        : m_slot(slot), m_wakeFd(wakeFd), m_options(options) {}

    bool is_readable() const override {
        return !m_slot.unread().empty() || waitFor(POLLIN, m_options.readTimeout, true);
    }
    bool is_writable() const override { return waitFor(POLLOUT, m_options.writeTimeout, false); }

    ssize_t read(char* ptr, size_t size) override {
        if (m_slot.unread().empty()) {
            // cpp-httplib reads past what was buffered (a chunked body, or one after "100
            // Continue"): send what it wrote so far first, the client may be waiting for it.
            if (!flush()) {
                return -1;
            }
            m_slot.compact();
            const auto received = receive();
            if (received <= 0) {
                return received;
            }
        }
        const auto n = std::min(size, m_slot.unread().size());
        std::memcpy(ptr, m_slot.in.data() + m_slot.inPos, n);
        m_slot.inPos += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        m_slot.out.append(ptr, size);
        if (m_slot.out.size() >= kFlushBytes && !flush()) {
            return -1;
        }
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = m_slot.remoteIp;
        port = m_slot.remotePort;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = m_slot.localIp;
        port = m_slot.localPort;
    }
    socket_t socket() const override { return m_slot.fd; }

    // Sends what was written; false when the client is gone or does not read for writeTimeout.
    bool flush() {
        std::size_t sent = 0;
        bool ok = true;
        while (sent < m_slot.out.size()) {
            const auto n = ::send(m_slot.fd, m_slot.out.data() + sent, m_slot.out.size() - sent,
                                  MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += static_cast<std::size_t>(n);
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
                       waitFor(POLLOUT, m_options.writeTimeout, false)) {
                continue;
            } else {
                ok = false;
                break;
            }
        }
        m_slot.out.clear();
        if (m_slot.out.capacity() > kKeepCapacity) {
            m_slot.out.shrink_to_fit();
        }
        return ok;
    }

private:
    // One receive into the buffer, waiting up to readTimeout; the bytes received, 0 at the end of
    // the stream, -1 on an error, a timeout or the server stopping.
    ssize_t receive() {
        for (;;) {
            int error = 0;
            const auto n = receiveInto(m_slot.fd, m_slot.in, error);
            if (n >= 0) {
                return n;
            }
            if (error == EINTR) {
                continue;
            }
            if ((error != EAGAIN && error != EWOULDBLOCK) || !waitFor(POLLIN, m_options.readTimeout, true)) {
                return -1;
            }
        }
    }

    // Waits until the socket is ready for `events`; false on a timeout, and (`wakeable`) when the
    // server stops meanwhile.
    bool waitFor(short events, std::chrono::milliseconds timeout, bool wakeable) const {
        pollfd fds[2] = {{m_slot.fd, events, 0}, {m_wakeFd, POLLIN, 0}};
        const auto deadline = nowMs() + timeout.count();
        for (;;) {
            const auto left = std::max<std::int64_t>(deadline - nowMs(), 0);
            const int r = ::poll(fds, wakeable ? 2 : 1, static_cast<int>(left));
            if (r < 0 && errno == EINTR) {
                continue;
            }
            if (r <= 0 || (wakeable && (fds[1].revents & POLLIN))) {
                return false;
            }
            return (fds[0].revents & (events | POLLHUP | POLLERR)) != 0;
        }
    }

    MultiplexedServer::Slot& m_slot;
    int m_wakeFd;
    const MultiplexerOptions& m_options;
};

}  // namespace

MultiplexedServer::MultiplexedServer(MultiplexerOptions options) : m_options(options) {
    m_options.workers = std::max<std::size_t>(m_options.workers, 1);
    m_options.turns = std::clamp<std::size_t>(m_options.turns, 1, m_options.workers);
    m_options.maxConnections = std::clamp<std::size_t>(m_options.maxConnections, 1, 0xffffffffU);
    m_options.keepAliveMaxCount = std::max<std::size_t>(m_options.keepAliveMaxCount, 1);
    // Accepting only adds the connection to the epoll set: no hand-off to another thread.
    struct OnAcceptThread : httplib::TaskQueue {
        void enqueue(std::function<void()> fn) override { fn(); }
        void shutdown() override {}
    };
    new_task_queue = [] { return new OnAcceptThread; };
}

MultiplexedServer::~MultiplexedServer() { stopWorkers(); }

bool MultiplexedServer::startWorkers() {
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll_event wake{};
    wake.events = EPOLLIN;  // level-triggered: once written, every worker sees it
    wake.data.u64 = kWakeKey;
    if (m_epoll < 0 || m_wake < 0 || ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &wake) != 0) {
        stopWorkers();
        return false;
    }
    m_slots.reserve(m_options.maxConnections);
    m_free.reserve(m_options.maxConnections);
    for (std::size_t i = 0; i < m_options.maxConnections; ++i) {
        m_slots.push_back(std::make_unique<Slot>());
        m_slots.back()->index = static_cast<std::uint32_t>(i);
        m_free.push_back(static_cast<std::uint32_t>(m_options.maxConnections - 1 - i));
    }
    m_lastSweep = nowMs();
    m_turns.release(m_options.turns);
    for (std::size_t i = 0; i < m_options.workers; ++i) {
        m_workers.emplace_back([this] { work(); });
    }
    return true;
}

void MultiplexedServer::stopWorkers() {
    m_stopping = true;
    if (m_wake >= 0) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(m_wake, &one, sizeof one);
    }
    if (!m_workers.empty()) {
        m_turns.release(m_options.workers);  // every waiting worker sees the stop
    }
    for (auto& worker : m_workers) {
        worker.join();
    }
    m_workers.clear();
    for (auto& slot : m_slots) {
        if ((slot->word.load() & kStateMask) != kFree) {
            close(*slot);
        }
    }
    for (int* fd : {&m_epoll, &m_wake}) {
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
    }
}

bool MultiplexedServer::process_and_close_socket(socket_t sock) {
    std::uint32_t index = 0;
    {
        std::lock_guard lock(m_freeMutex);
        if (m_stopping || m_free.empty()) {
            ::close(sock);
            return false;
        }
        index = m_free.back();
        m_free.pop_back();
    }
    Slot& slot = *m_slots[index];
    slot.fd = sock;
    slot.served = 0;
    slot.in.clear();
    slot.inPos = 0;
    addressOf(sock, true, slot.remoteIp, slot.remotePort);
    addressOf(sock, false, slot.localIp, slot.localPort);
    int yes = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    slot.word = slot.word.load() | kBusy;
    rearm(slot, EPOLL_CTL_ADD);
    return true;
}

thread_local MultiplexedServer::Turns* MultiplexedServer::t_turns = nullptr;

void MultiplexedServer::Turns::release(std::size_t n) {
    {
        std::lock_guard lock(mutex);
        count += n;
    }
    if (n == 1) {
        free.notify_one();
    } else {
        free.notify_all();
    }
}

void MultiplexedServer::Turns::acquire() {
    std::unique_lock lock(mutex);
    free.wait(lock, [this] { return count > 0; });
    --count;
}

void MultiplexedServer::yieldTurn() {
    if (t_turns) {
        t_turns->release();
        t_turns = nullptr;
    }
}

void MultiplexedServer::work() {
    epoll_event event{};
    while (!m_stopping.load(std::memory_order_relaxed)) {
        m_turns.acquire();
        t_turns = &m_turns;
        while (t_turns && !m_stopping.load(std::memory_order_relaxed)) {
            // One event per call: a worker takes one connection at a time, and the next ready one
            // is left to whichever worker asks first.
            const int n = ::epoll_wait(m_epoll, &event, 1, static_cast<int>(kSweepEveryMs));
            if (n == 1 && event.data.u64 != kWakeKey) {
                if (Slot* slot = claim(event.data.u64)) {
                    serve(*slot);
                }
            }
            if (nowMs() - m_lastSweep.load(std::memory_order_relaxed) >= kSweepEveryMs) {
                sweep();
            }
        }
        yieldTurn();
    }
}

MultiplexedServer::Slot* MultiplexedServer::claim(std::uint64_t key) {
    const auto index = static_cast<std::uint32_t>(key & 0xffffffffU);
    if (index >= m_slots.size()) {
        return nullptr;
    }
    Slot& slot = *m_slots[index];
    auto expected = ((key >> 32) << 2) | kIdle;
    return slot.word.compare_exchange_strong(expected, (expected & ~kStateMask) | kBusy) ? &slot : nullptr;
}

void MultiplexedServer::serve(Slot& slot) {
    SlotStream stream(slot, m_wake, m_options);
    for (;;) {
        if (bufferedRequest(slot.unread(), m_options.maxBodyBytes) == Buffered::Partial) {
            slot.compact();
            bool ended = false;
            bool failed = false;
            for (std::size_t i = 0; i < kMaxReadAhead; ++i) {
                int error = 0;
                const auto n = receiveInto(slot.fd, slot.in, error);
                if (n == static_cast<ssize_t>(kReceiveChunk) || error == EINTR) {
                    continue;
                }
                ended = n == 0;
                failed = n < 0 && error != EAGAIN && error != EWOULDBLOCK;
                break;
            }
            if (failed) {
                close(slot);
                return;
            }
            if (bufferedRequest(slot.unread(), m_options.maxBodyBytes) == Buffered::Partial) {
                if (slot.unread().size() > kMaxHeaderBytes && slot.unread().find("\r\n\r\n") == std::string_view::npos) {
                    slot.out = "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n"
                               "Connection: close\r\n\r\n";
                    stream.flush();
                    ended = true;
                }
                if (ended) {
                    close(slot);
                } else {
                    rearm(slot, EPOLL_CTL_MOD);
                }
                return;
            }
        }
        const bool last = ++slot.served >= m_options.keepAliveMaxCount || m_stopping.load(std::memory_order_relaxed);
        bool closed = false;
        const bool answered = process_request(stream, last, closed, {});
        if (!stream.flush() || !answered || closed || last) {
            close(slot);
            return;
        }
        if (slot.unread().empty()) {
            slot.compact();
            if (slot.in.capacity() > kKeepCapacity) {
                slot.in.shrink_to_fit();
            }
            rearm(slot, EPOLL_CTL_MOD);
            return;
        }
        // The client sent its next request already (pipelining): answer it now.
    }
}

void MultiplexedServer::rearm(Slot& slot, int operation) {
    slot.lastActive.store(nowMs(), std::memory_order_relaxed);
    const auto generation = generationOf(slot.word.load());
    epoll_event event{};
    event.events = EPOLLIN | EPOLLONESHOT;
    event.data.u64 = keyOf(generation, slot.index);
    slot.word.store((generation << 2) | kIdle);
    if (::epoll_ctl(m_epoll, operation, slot.fd, &event) != 0) {
        auto idle = (generation << 2) | kIdle;
        if (slot.word.compare_exchange_strong(idle, (generation << 2) | kBusy)) {
            close(slot);
        }
    }
}

void MultiplexedServer::close(Slot& slot) {
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, slot.fd, nullptr);
    ::close(slot.fd);
    slot.fd = -1;
    slot.in.clear();
    slot.inPos = 0;
    slot.out.clear();
    if (slot.in.capacity() > kKeepCapacity) {
        slot.in.shrink_to_fit();
    }
    slot.word.store((generationOf(slot.word.load()) + 1) << 2 | kFree);
    std::lock_guard lock(m_freeMutex);
    m_free.push_back(slot.index);
}

void MultiplexedServer::sweep() {
    std::unique_lock lock(m_sweepMutex, std::try_to_lock);
    const auto now = nowMs();
    if (!lock.owns_lock() || now - m_lastSweep.load() < kSweepEveryMs) {
        return;
    }
    m_lastSweep = now;
    for (auto& slot : m_slots) {
        auto word = slot->word.load();
        if ((word & kStateMask) == kIdle &&
            now - slot->lastActive.load(std::memory_order_relaxed) >= m_options.keepAliveTimeout.count() &&
            slot->word.compare_exchange_strong(word, (word & ~kStateMask) | kBusy)) {
            close(*slot);
        }
    }
}

}  // namespace boxoffice::server::detail

#endif
