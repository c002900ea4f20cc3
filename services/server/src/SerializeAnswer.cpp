#include "SerializeAnswer.h"

#include <boost/beast/http/status.hpp>

#include <algorithm>

namespace boxoffice::server::detail {

namespace http = boost::beast::http;

namespace {

// A header line's name or value as given, unless it could split the answer.
bool safeHeaderText(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

}  // namespace

std::string serialize(const Response& r, bool head, bool keepAlive, bool http10,
                      std::chrono::milliseconds keepAliveTimeout) {
    const auto reason = http::obsolete_reason(http::int_to_status(static_cast<unsigned>(std::max(r.status, 0))));
    const bool hasBody = r.status >= 200 && r.status != 204 && r.status != 304;
    std::string out;
    out.reserve(r.body.size() + 256);
    out += "HTTP/1.1 ";
    out += std::to_string(r.status);
    out += ' ';
    out.append(reason.data(), reason.size());
    out += "\r\n";
    if (hasBody) {
        if (!r.contentType.empty() && safeHeaderText(r.contentType)) {
            out += "Content-Type: " + r.contentType + "\r\n";
        }
        out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    }
    for (const auto& [name, value] : r.headers) {
        if (safeHeaderText(name) && safeHeaderText(value)) {
            out += name + ": " + value + "\r\n";
        }
    }
    if (!keepAlive) {
        out += "Connection: close\r\n";
    } else {
        if (http10) {
            out += "Connection: keep-alive\r\n";
        }
        out += "Keep-Alive: timeout=" +
               std::to_string(std::chrono::duration_cast<std::chrono::seconds>(keepAliveTimeout).count()) + "\r\n";
    }
    out += "\r\n";
    if (hasBody && !head) {
        out += r.body;
    }
    return out;
}

}  // namespace boxoffice::server::detail
