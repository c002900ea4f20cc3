#include <algorithm>
#include <sstream>
#include <string_view>

#include "StorageErrors.h"
#include "Url.h"
#include "boxoffice/server/Http.h"

namespace boxoffice::server {

namespace detail {

namespace {
int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}
}  // namespace

std::string decodeUrl(std::string_view s, bool plusIsSpace) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%' && i + 2 < s.size()) {
            const int hi = hexValue(s[i + 1]);
            const int lo = hexValue(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plusIsSpace && c == '+') ? ' ' : c;
    }
    return out;
}

std::string encodeQueryComponent(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (char sc : s) {
        const auto c = static_cast<unsigned char>(sc);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~' || c == ',') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

Params parseQuery(std::string_view query) {
    Params out;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) {
            end = query.size();
        }
        const auto pair = query.substr(start, end - start);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            if (eq == std::string_view::npos) {
                out.emplace(decodeUrl(pair, true), std::string());
            } else {
                out.emplace(decodeUrl(pair.substr(0, eq), true), decodeUrl(pair.substr(eq + 1), true));
            }
        }
        start = end + 1;
    }
    return out;
}

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // "…" in UTF-8

// Printable ASCII as is, every other byte (controls, spaces, non-ASCII) as %XX.
void appendPrintable(std::string& out, std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    for (char sc : s) {
        const auto c = static_cast<unsigned char>(sc);
        if (c > 0x20 && c < 0x7F) {
            out += sc;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
}

bool isSecretParameter(std::string_view rawName) {
    std::string name = decodeUrl(rawName, true);
    for (auto& c : name) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return name == "key" || name == "token" || name == "secret";
}

bool isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

}  // namespace

std::string redactTarget(std::string_view target) {
    constexpr std::size_t kKeptJobIdChars = 4;
    const auto q = target.find('?');
    const auto path = target.substr(0, q);
    std::string out;
    out.reserve(target.size());
    bool afterDownload = false;
    for (std::size_t start = 0;;) {
        const auto end = path.find('/', start);
        const auto segment = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (afterDownload && segment.size() > kKeptJobIdChars) {
            appendPrintable(out, segment.substr(0, kKeptJobIdChars));
            out += kEllipsis;
        } else {
            appendPrintable(out, segment);
        }
        afterDownload = segment == "download";
        if (end == std::string_view::npos) {
            break;
        }
        out += '/';
        start = end + 1;
    }
    if (q == std::string_view::npos) {
        return out;
    }
    out += '?';
    const auto query = target.substr(q + 1);
    for (std::size_t start = 0;;) {
        const auto end = query.find('&', start);
        const auto pair = query.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && isSecretParameter(pair.substr(0, eq))) {
            appendPrintable(out, pair.substr(0, eq));
            out += "=***";
        } else {
            appendPrintable(out, pair);
        }
        if (end == std::string_view::npos) {
            break;
        }
        out += '&';
        start = end + 1;
    }
    return out;
}

bool isValidHostHeader(std::string_view host) {
    constexpr std::size_t kMaxHostChars = 255;
    constexpr std::size_t kMaxIpv6Chars = 45;
    if (host.empty() || host.size() > kMaxHostChars) {
        return false;
    }
    std::string_view port;
    bool hasPort = false;
    if (host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos) {
            return false;
        }
        const auto address = host.substr(1, close - 1);
        const auto colons = std::count(address.begin(), address.end(), ':');
        if (address.empty() || address.size() > kMaxIpv6Chars || colons < 2 ||
            !std::all_of(address.begin(), address.end(), [](char c) { return isHexDigit(c) || c == ':' || c == '.'; })) {
            return false;
        }
        const auto rest = host.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                return false;
            }
            hasPort = true;
            port = rest.substr(1);
        }
    } else {
        std::string_view name = host;
        if (const auto colon = host.find(':'); colon != std::string_view::npos) {
            name = host.substr(0, colon);
            hasPort = true;
            port = host.substr(colon + 1);
        }
        if (name.empty() || !std::all_of(name.begin(), name.end(), isUnreserved)) {
            return false;
        }
    }
    if (hasPort) {
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), isDigit) ||
            std::stoi(std::string(port)) > 65535) {
            return false;
        }
    }
    return true;
}

}  // namespace detail

std::optional<std::string> Request::queryValue(const std::string& key) const {
    auto it = query.find(key);
    if (it == query.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::vector<std::string> Request::queryList(const std::string& key) const {
    std::vector<std::string> out;
    auto [begin, end] = query.equal_range(key);
    for (auto it = begin; it != end; ++it) {
        std::stringstream ss(it->second);
        std::string part;
        while (std::getline(ss, part, ',')) {
            if (!part.empty()) {
                out.push_back(part);
            }
        }
    }
    return out;
}

std::optional<std::string> Request::formValue(const std::string& key) const {
    auto it = form.find(key);
    if (it == form.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::string Request::header(const std::string& lowerCaseName) const {
    auto it = headers.find(lowerCaseName);
    return it == headers.end() ? std::string() : it->second;
}

model::Result<nlohmann::json> Request::jsonObject() const {
    if (body.empty()) {
        return nlohmann::json::object();
    }
    try {
        auto j = nlohmann::json::parse(body);
        if (!j.is_object()) {
            return model::Error::badInput("Invalid data. Expected a dictionary, but got " +
                                          std::string(j.type_name()) + ".");
        }
        return j;
    } catch (const nlohmann::json::exception& e) {
        return model::Error::badInput(std::string("JSON parse error - ") + e.what());
    }
}

std::string Request::absoluteUrl(const Params& q) const {
    std::string url = baseUrl + path;
    char sep = '?';
    for (const auto& [k, v] : q) {
        url += sep;
        url += detail::encodeQueryComponent(k) + "=" + detail::encodeQueryComponent(v);
        sep = '&';
    }
    return url;
}

Response Response::json(const nlohmann::json& body, int status) {
    Response r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

Response Response::jsonText(std::string body, int status) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Response Response::detail(int status, const std::string& message) {
    return json(nlohmann::json{{"detail", message}}, status);
}

Response Response::fieldErrors(const model::FieldErrors& errors) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : errors) {
        j[k] = v;
    }
    return json(j, 400);
}

Response Response::fromError(const model::Error& error) {
    switch (error.code) {
        case model::ErrorCode::BadInput:
            return error.fields.empty() ? detail(400, error.message) : fieldErrors(error.fields);
        case model::ErrorCode::NotFound: return detail(404, error.message.empty() ? "Not found." : error.message);
        case model::ErrorCode::Conflict: return detail(409, error.message);
        case model::ErrorCode::Busy: return server::detail::storageUnavailable(error.message);
        case model::ErrorCode::Unsupported: return detail(400, error.message);
        case model::ErrorCode::Io: return detail(500, error.message);
    }
    return detail(500, error.message);
}

Response Response::notFound() {
    Response r;
    r.status = 404;
    r.contentType = "text/plain";
    r.body = "Not found";
    return r;
}

Response Response::noContent() {
    Response r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

}  // namespace boxoffice::server
