#include <sstream>

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
        case model::ErrorCode::Busy: return detail(503, error.message);
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
