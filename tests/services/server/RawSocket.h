// A loopback client socket that writes exactly the bytes it is given and reads answers by hand,
// for the hostile-client tests: sends may fail (the server closed), nothing blocks for longer
// than the timeout asked for. POSIX sockets.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boxoffice::test {

struct RawReply {
    int status = 0;
    std::string head;
    std::string body;
};

class RawSocket {
public:
    explicit RawSocket(int port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~RawSocket() { ::close(m_fd); }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    bool connected() const { return m_connected; }

    // False when not every byte could be sent (the server closed, or its buffers stay full for
    // a second).
    bool send(std::string_view bytes) {
        std::size_t sent = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        while (sent < bytes.size()) {
            const auto n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += static_cast<std::size_t>(n);
                continue;
            }
            pollfd p{m_fd, POLLOUT, 0};
            if (std::chrono::steady_clock::now() >= deadline || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) ||
                ::poll(&p, 1, 50) < 0) {
                return false;
            }
        }
        return true;
    }

    // The next answer (headers and a Content-Length body); nullopt when none came within the
    // timeout or the server closed first.
    std::optional<RawReply> reply(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            if (auto r = take()) {
                return r;
            }
            if (!receive(deadline)) {
                return std::nullopt;
            }
        }
    }

    // True when the server closes the connection within the timeout (what it sent before stays
    // in buffered()).
    bool closedByServer(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (receive(deadline)) {
        }
        return m_closed;
    }

    // Whether the server has closed the connection by now (reads what is there without waiting).
    bool closedNow() { return closedByServer(std::chrono::milliseconds(0)) || m_closed; }

    const std::string& buffered() const { return m_in; }

private:
    std::optional<RawReply> take() {
        const auto end = m_in.find("\r\n\r\n");
        if (end == std::string::npos) {
            return std::nullopt;
        }
        RawReply r;
        r.head = m_in.substr(0, end + 2);
        r.status = std::stoi(r.head.substr(9, 3));
        std::size_t length = 0;
        if (const auto at = r.head.find("Content-Length: "); at != std::string::npos) {
            length = std::stoul(r.head.substr(at + 16));
        }
        if (m_in.size() < end + 4 + length) {
            return std::nullopt;
        }
        r.body = m_in.substr(end + 4, length);
        m_in.erase(0, end + 4 + length);
        return r;
    }

    // Waits for bytes until the deadline; false on a timeout or when the server closed.
    bool receive(std::chrono::steady_clock::time_point deadline) {
        if (m_closed) {
            return false;
        }
        const auto left = std::max<std::int64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count(), 0);
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) {
            return false;
        }
        char buf[16384];
        const auto n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return true;
        }
        if (n <= 0) {
            m_closed = true;
            return false;
        }
        m_in.append(buf, static_cast<std::size_t>(n));
        return true;
    }

    int m_fd;
    bool m_connected = false;
    std::string m_in;
    bool m_closed = false;
};

}  // namespace boxoffice::test
