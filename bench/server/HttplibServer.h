// The server's routes on cpp-httplib's public API, for server_bench only: the model the LAN server
// had on Windows and macOS before it moved to Boost.Beast (a thread per connection, from a pool),
// and the candidate engine that was measured and not chosen. Same Router, same routes, same group
// commit (a DedicatedWriter); only the HTTP engine differs, so the two run side by side in one
// benchmark run. Not a server to ship: no deadlines, no limits, no plugins.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>

namespace boxoffice::bench {

class HttplibServer {
public:
    // `threads`: cpp-httplib's pool; each open keep-alive connection holds one of them.
    HttplibServer(const std::filesystem::path& database, std::size_t threads);
    ~HttplibServer();
    HttplibServer(const HttplibServer&) = delete;
    HttplibServer& operator=(const HttplibServer&) = delete;

    // Binds 127.0.0.1 on a free port and serves in the background; returns the port (0: failed).
    int start();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boxoffice::bench
