#include "boxoffice/sync/HttpClient.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <mutex>

#ifndef BOXOFFICE_VERSION
#define BOXOFFICE_VERSION "0.0.0"
#endif

namespace boxoffice::sync {

namespace {

// curl's option macros expand to old-style casts; keep them in these wrappers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
template <class T>
void setOpt(CURL* h, CURLoption option, T value) {
    curl_easy_setopt(h, option, value);
}
long responseCode(CURL* h) {
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    return code;
}
#pragma GCC diagnostic pop

void globalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return std::string(s);
}

size_t onBody(char* data, size_t size, size_t count, void* user) {
    auto* out = static_cast<std::string*>(user);
    out->append(data, size * count);
    return size * count;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        headers->clear();  // a new response (after a 100 Continue or a redirect)
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        (*headers)[lower(std::string(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    }
    return size * count;
}

}  // namespace

std::string HttpResponse::header(const std::string& lowerCaseName) const {
    auto it = headers.find(lowerCaseName);
    return it == headers.end() ? std::string() : it->second;
}

bool HttpResponse::bodyIsJson() const {
    auto it = std::find_if(body.begin(), body.end(), [](unsigned char c) { return !std::isspace(c); });
    return it != body.end() && (*it == '{' || *it == '[');
}

std::optional<std::chrono::milliseconds> retryAfter(const HttpResponse& response) {
    const std::string v = trim(response.header("retry-after"));
    long long seconds = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
    if (v.empty() || ec != std::errc() || ptr != v.data() + v.size() || seconds < 0) {
        return std::nullopt;
    }
    return std::chrono::milliseconds(seconds * 1000);
}

struct HttpClient::Impl {
    HttpOptions options;
    CURL* handle = nullptr;
    curl_slist* getHeaders = nullptr;
    curl_slist* postHeaders = nullptr;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    model::Result<HttpResponse, HttpError> perform(const std::string& url, const std::string* body) {
        HttpResponse response;
        setOpt(handle, CURLOPT_URL, url.c_str());
        setOpt(handle, CURLOPT_WRITEDATA, static_cast<void*>(&response.body));
        setOpt(handle, CURLOPT_HEADERDATA, static_cast<void*>(&response.headers));
        // GET answers (pages of a list) come gzip-compressed as pretix's web servers send them; not
        // brotli, which a server spends far longer on at its default quality than on the answer
        // itself. POST answers (a redeem's) are small: not compressed at all.
        setOpt(handle, CURLOPT_ACCEPT_ENCODING, body ? static_cast<const char*>(nullptr) : "gzip, deflate");
        if (body) {
            setOpt(handle, CURLOPT_POST, 1L);
            setOpt(handle, CURLOPT_POSTFIELDS, body->c_str());
            setOpt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
            setOpt(handle, CURLOPT_HTTPHEADER, postHeaders);
        } else {
            setOpt(handle, CURLOPT_HTTPGET, 1L);
            setOpt(handle, CURLOPT_HTTPHEADER, getHeaders);
        }
        errorBuffer[0] = '\0';
        const CURLcode rc = curl_easy_perform(handle);
        if (rc != CURLE_OK) {
            HttpError e;
            switch (rc) {
                case CURLE_URL_MALFORMAT:
                case CURLE_UNSUPPORTED_PROTOCOL:
                    e.kind = HttpError::Kind::BadUrl;
                    break;
                case CURLE_PEER_FAILED_VERIFICATION:
                case CURLE_SSL_CONNECT_ERROR:
                case CURLE_SSL_CERTPROBLEM:
                case CURLE_SSL_CACERT_BADFILE:
                    e.kind = HttpError::Kind::Tls;
                    break;
                case CURLE_COULDNT_RESOLVE_HOST:
                case CURLE_COULDNT_RESOLVE_PROXY:
                    e.cause = HttpError::Cause::HostNotFound;
                    break;
                case CURLE_COULDNT_CONNECT:
                    e.cause = HttpError::Cause::ConnectFailed;
                    break;
                case CURLE_OPERATION_TIMEDOUT:
                    e.cause = HttpError::Cause::TimedOut;
                    break;
                default:
                    break;
            }
            e.message = errorBuffer[0] ? std::string(errorBuffer) : std::string(curl_easy_strerror(rc));
            return e;
        }
        response.status = responseCode(handle);
        return response;
    }
};

HttpClient::HttpClient(HttpOptions options) : m_impl(std::make_unique<Impl>()) {
    globalInit();
    m_impl->options = std::move(options);
    const auto& o = m_impl->options;
    CURL* h = curl_easy_init();
    m_impl->handle = h;
    setOpt(h, CURLOPT_ERRORBUFFER, m_impl->errorBuffer);
    setOpt(h, CURLOPT_NOSIGNAL, 1L);
    setOpt(h, CURLOPT_WRITEFUNCTION, onBody);
    setOpt(h, CURLOPT_HEADERFUNCTION, onHeader);
    setOpt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    setOpt(h, CURLOPT_FOLLOWLOCATION, 0L);
    setOpt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connectTimeout.count()));
    setOpt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(o.totalTimeout.count()));
    setOpt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    setOpt(h, CURLOPT_LOW_SPEED_TIME, std::max(1L, static_cast<long>(o.stallTimeout.count() / 1000)));
    setOpt(h, CURLOPT_SSL_VERIFYPEER, o.verifyTls ? 1L : 0L);
    setOpt(h, CURLOPT_SSL_VERIFYHOST, o.verifyTls ? 2L : 0L);
    if (!o.caFile.empty()) {
        setOpt(h, CURLOPT_CAINFO, o.caFile.c_str());
    }
    const std::string agent = o.userAgent.empty() ? defaultUserAgent() : o.userAgent;
    setOpt(h, CURLOPT_USERAGENT, agent.c_str());  // curl copies option strings
    auto add = [&](curl_slist* list, const std::string& line) { return curl_slist_append(list, line.c_str()); };
    curl_slist* common = nullptr;
    common = add(common, "Accept: application/json");
    if (!o.token.empty()) {
        common = add(common, "Authorization: Token " + o.token);
    }
    m_impl->getHeaders = common;
    curl_slist* post = nullptr;
    for (curl_slist* it = common; it; it = it->next) {
        post = curl_slist_append(post, it->data);
    }
    post = add(post, "Content-Type: application/json");
    m_impl->postHeaders = post;
}

HttpClient::~HttpClient() {
    curl_easy_cleanup(m_impl->handle);
    curl_slist_free_all(m_impl->getHeaders);
    curl_slist_free_all(m_impl->postHeaders);
}

model::Result<HttpResponse, HttpError> HttpClient::get(const std::string& url) { return m_impl->perform(url, nullptr); }

model::Result<HttpResponse, HttpError> HttpClient::postJson(const std::string& url, const std::string& body) {
    return m_impl->perform(url, &body);
}

std::string HttpClient::defaultUserAgent() {
    return std::string("BoxOffice/") + BOXOFFICE_VERSION + " (pretix sync; libcurl/" + curl_version_info(CURLVERSION_NOW)->version + ")";
}

std::string HttpClient::escape(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) && c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0F]);
        }
    }
    return out;
}

}  // namespace boxoffice::sync
