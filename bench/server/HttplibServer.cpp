#include "HttplibServer.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <thread>

#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/server/Router.h"
#include "boxoffice/server/Server.h"

namespace boxoffice::bench {

struct HttplibServer::Impl {
    std::filesystem::path database;
    std::size_t threads = 0;
    server::Router router;
    httplib::Server http;
    std::optional<checkin::DedicatedWriter> writer;
    std::thread listener;
    int port = 0;

    void handle(const httplib::Request& in, httplib::Response& out) {
        // A connection of its own per pool thread, as the server's workers have.
        thread_local std::unique_ptr<model::Store> store;
        if (!store) {
            store = std::make_unique<model::Store>(database);
        }
        server::Request req;
        req.method = in.method;
        req.path = in.path;
        for (const auto& [key, value] : in.params) {
            req.query.emplace(key, value);
        }
        for (const auto& [name, value] : in.headers) {
            std::string lower = name;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            req.headers.emplace(lower, value);  // the first value of each stays
        }
        req.body = in.body;
        req.baseUrl = "http://127.0.0.1:" + std::to_string(port);
        req.remoteAddr = in.remote_addr;
        server::Response res;
        try {
            res = router.dispatch(req, *store);
        } catch (const std::exception& e) {
            res = server::Response::detail(500, e.what());
        }
        out.status = res.status;
        for (const auto& [name, value] : res.headers) {
            out.set_header(name, value);
        }
        out.set_content(res.body, res.contentType);
    }
};

HttplibServer::HttplibServer(const std::filesystem::path& database, std::size_t threads)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->database = database;
    m_impl->threads = threads;
    server::registerCoreRoutes(m_impl->router);
    m_impl->router.setPlugin("", true);
    auto& http = m_impl->http;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_keep_alive_max_count(1'000'000);
    http.set_keep_alive_timeout(600);
    http.set_tcp_nodelay(true);  // as the server does: small answers, no 40 ms delayed-ACK stalls
    const auto handler = [impl = m_impl.get()](const httplib::Request& in, httplib::Response& out) {
        impl->handle(in, out);
    };
    http.Get(R"(.*)", handler);
    http.Post(R"(.*)", handler);
    http.Put(R"(.*)", handler);
    http.Patch(R"(.*)", handler);
    http.Delete(R"(.*)", handler);
}

HttplibServer::~HttplibServer() { stop(); }

int HttplibServer::start() {
    m_impl->writer.emplace(m_impl->database, 1000);
    m_impl->port = m_impl->http.bind_to_any_port("127.0.0.1");
    if (m_impl->port <= 0) {
        return 0;
    }
    m_impl->listener = std::thread([impl = m_impl.get()] { impl->http.listen_after_bind(); });
    return m_impl->port;
}

void HttplibServer::stop() {
    if (m_impl->listener.joinable()) {
        m_impl->http.stop();
        m_impl->listener.join();
    }
    m_impl->writer.reset();
}

}  // namespace boxoffice::bench
