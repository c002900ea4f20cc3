#include "FaultProxy.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>

namespace boxoffice::test {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Sends headers, then `keep` bytes of `body` out of an announced `body.size()`, then closes.
void cutAfter(httplib::Response& res, std::string body, std::size_t keep, const std::string& type) {
    auto shared = std::make_shared<std::string>(std::move(body));
    res.set_content_provider(shared->size(), type, [shared, keep](std::size_t offset, std::size_t, httplib::DataSink& sink) {
        if (offset < keep) {
            sink.write(shared->data() + offset, keep - offset);
        }
        return false;
    });
}

}  // namespace

FaultProxy::FaultProxy(int upstreamPort) : m_upstreamPort(upstreamPort), m_server(std::make_unique<httplib::Server>()) {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
        FaultRule rule;
        const Fault fault = pick(req.method, req.target, rule);
        {
            std::lock_guard lock(m_mutex);
            SeenRequest s{req.method, req.target, {}, fault, std::chrono::steady_clock::now()};
            for (const auto& [k, v] : req.headers) {
                s.headers[lower(k)] = v;
            }
            m_seen.push_back(std::move(s));
        }
        switch (fault) {
            case Fault::Drop:
                cutAfter(res, std::string(64, ' '), 0, "application/json");
                return;
            case Fault::Error500:
                res.status = 500;
                res.set_content("Internal Server Error (injected)", "text/plain");
                return;
            case Fault::TooMany429:
                res.status = 429;
                res.set_header("Retry-After", std::to_string(rule.retryAfterSeconds));
                res.set_content(R"({"detail": "Request was throttled."})", "application/json");
                return;
            case Fault::Delay:
                std::this_thread::sleep_for(rule.delay);
                break;
            default:
                break;
        }
        httplib::Client upstream("127.0.0.1", m_upstreamPort);
        upstream.set_url_encode(false);
        upstream.set_read_timeout(30, 0);
        httplib::Headers headers;
        for (const char* name : {"Host", "Authorization", "Accept", "User-Agent"}) {
            if (req.has_header(name)) {
                headers.emplace(name, req.get_header_value(name));
            }
        }
        httplib::Result r = req.method == "POST"
                                ? upstream.Post(req.target.c_str(), headers, req.body,
                                                req.get_header_value("Content-Type").c_str())
                                : upstream.Get(req.target.c_str(), headers);
        if (!r) {
            res.status = 502;
            res.set_content("upstream unreachable", "text/plain");
            return;
        }
        const std::string type = r->get_header_value("Content-Type").empty() ? "application/json"
                                                                             : r->get_header_value("Content-Type");
        for (const char* name : {"X-Page-Generated", "Retry-After", "Last-Modified"}) {
            if (r->has_header(name)) {
                res.set_header(name, r->get_header_value(name));
            }
        }
        res.status = r->status;
        switch (fault) {
            case Fault::DropAfterForward:
                cutAfter(res, std::string(64, ' '), 0, type);
                return;
            case Fault::TruncateCut:
                cutAfter(res, r->body, r->body.size() / 2, type);
                return;
            case Fault::TruncateClean: {
                auto half = std::make_shared<std::string>(r->body.substr(0, r->body.size() / 2));
                res.set_chunked_content_provider(type, [half](std::size_t, httplib::DataSink& sink) {
                    sink.write(half->data(), half->size());
                    sink.done();
                    return true;
                });
                return;
            }
            default:
                res.set_content(r->body, type);
        }
    };
    m_server->Get(".*", handler);
    m_server->Post(".*", handler);
    m_server->Patch(".*", handler);
    m_port = m_server->bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
}

FaultProxy::~FaultProxy() {
    m_server->stop();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

Fault FaultProxy::pick(const std::string& method, const std::string& target, FaultRule& matched) {
    if (m_down.load()) {
        return Fault::Drop;
    }
    std::lock_guard lock(m_mutex);
    for (auto& rule : m_rules) {
        if (rule.count == 0 || target.find(rule.pathContains) == std::string::npos ||
            (!rule.method.empty() && rule.method != method)) {
            continue;
        }
        if (rule.skip > 0) {
            --rule.skip;
            return Fault::None;
        }
        if (rule.count > 0) {
            --rule.count;
        }
        matched = rule;
        return rule.fault;
    }
    return Fault::None;
}

void FaultProxy::addRule(FaultRule rule) {
    std::lock_guard lock(m_mutex);
    m_rules.push_back(std::move(rule));
}

void FaultProxy::clearRules() {
    std::lock_guard lock(m_mutex);
    m_rules.clear();
}

void FaultProxy::setDown(bool down) { m_down.store(down); }

std::vector<SeenRequest> FaultProxy::seen() {
    std::lock_guard lock(m_mutex);
    return m_seen;
}

void FaultProxy::clearSeen() {
    std::lock_guard lock(m_mutex);
    m_seen.clear();
}

std::size_t FaultProxy::countSeen(const std::string& pathContains, Fault fault) {
    std::lock_guard lock(m_mutex);
    return static_cast<std::size_t>(std::count_if(m_seen.begin(), m_seen.end(), [&](const SeenRequest& s) {
        return s.target.find(pathContains) != std::string::npos && s.fault == fault;
    }));
}

}  // namespace boxoffice::test
