#include "boxoffice/sync/TokenVault.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <optional>

#if BOXOFFICE_HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

namespace boxoffice::sync {

namespace {

constexpr const char* kSecretServiceLocation = "secret-service";
constexpr const char* kFilePrefix = "file:";

std::string fnv1a(const std::string& text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        h ^= c;
        h *= 1099511628211ULL;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
        h >>= 4;
    }
    return out;
}

#if BOXOFFICE_HAVE_LIBSECRET
const SecretSchema* schema() {
    static const SecretSchema s = [] {
        SecretSchema v{};
        v.name = "org.boxoffice.RemoteToken";
        v.flags = SECRET_SCHEMA_NONE;
        v.attributes[0].name = "url";
        v.attributes[0].type = SECRET_SCHEMA_ATTRIBUTE_STRING;
        v.attributes[1].name = "organizer";
        v.attributes[1].type = SECRET_SCHEMA_ATTRIBUTE_STRING;
        return v;
    }();
    return &s;
}

bool secretStore(const std::string& url, const std::string& organizer, const std::string& token) {
    GError* error = nullptr;
    const std::string label = "Box Office: pretix token for " + organizer + " at " + url;
    const gboolean ok = secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), token.c_str(),
                                                   nullptr, &error, "url", url.c_str(), "organizer",
                                                   organizer.c_str(), nullptr);
    if (error) {
        g_error_free(error);
        return false;
    }
    return ok != 0;
}

std::optional<std::string> secretLookup(const std::string& url, const std::string& organizer) {
    GError* error = nullptr;
    gchar* value = secret_password_lookup_sync(schema(), nullptr, &error, "url", url.c_str(), "organizer",
                                               organizer.c_str(), nullptr);
    if (error) {
        g_error_free(error);
    }
    if (!value) {
        return std::nullopt;
    }
    std::string out(value);
    secret_password_free(value);
    return out;
}
#endif

}  // namespace

TokenVault::TokenVault(TokenVaultOptions options) : m_options(std::move(options)) {
    if (m_options.directory.empty()) {
        m_options.directory = defaultDirectory();
    }
}

std::filesystem::path TokenVault::defaultDirectory() {
    // The user's data folder, even when the database lives elsewhere (--db, $BOXOFFICE_DB).
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        return std::filesystem::path(xdg) / "boxoffice";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".local" / "share" / "boxoffice";
    }
    return std::filesystem::current_path();
}

bool TokenVault::secretServiceAvailable() {
#if BOXOFFICE_HAVE_LIBSECRET
    if (const char* mode = std::getenv("BOXOFFICE_TOKEN_STORE"); mode && std::string(mode) == "file") {
        return false;
    }
    const char* bus = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    return bus && *bus;
#else
    return false;
#endif
}

std::string TokenVault::describe(const std::string& location) {
    if (location == kSecretServiceLocation) {
        return "the desktop's secret store (Secret Service)";
    }
    if (location.starts_with(kFilePrefix)) {
        return location.substr(5) + " (readable only by you, mode 0600)";
    }
    return location;
}

std::filesystem::path TokenVault::fileFor(const std::string& url, const std::string& organizer) const {
    return m_options.directory / "remote-tokens" / (fnv1a(url + "\n" + organizer) + ".token");
}

model::Result<std::string> TokenVault::save(const std::string& url, const std::string& organizer,
                                            const std::string& token) {
#if BOXOFFICE_HAVE_LIBSECRET
    if (m_options.useSecretService && secretServiceAvailable() && secretStore(url, organizer, token)) {
        return std::string(kSecretServiceLocation);
    }
#endif
    const auto file = fileFor(url, organizer);
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    ::chmod(file.parent_path().c_str(), 0700);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return model::Error{model::ErrorCode::Io, "Cannot write the token file " + file.string(), {}};
    }
    ::fchmod(fd, 0600);  // an existing file keeps its mode on open: make sure
    const std::string content = token + "\n";
    const auto written = ::write(fd, content.data(), content.size());
    ::close(fd);
    if (written != static_cast<ssize_t>(content.size())) {
        return model::Error{model::ErrorCode::Io, "Cannot write the token file " + file.string(), {}};
    }
    return std::string(kFilePrefix) + file.string();
}

model::Result<std::string> TokenVault::load(const std::string& location, const std::string& url,
                                            const std::string& organizer) {
    if (location == kSecretServiceLocation) {
#if BOXOFFICE_HAVE_LIBSECRET
        if (auto v = secretLookup(url, organizer)) {
            return *v;
        }
#endif
        return model::Error{model::ErrorCode::NotFound,
                            "The token is not in the desktop's secret store (is the keyring unlocked?). "
                            "Run sync again with --token.",
                            {}};
    }
    if (location.starts_with(kFilePrefix)) {
        std::ifstream in(location.substr(5));
        std::string token;
        if (in && std::getline(in, token) && !token.empty()) {
            return token;
        }
        return model::Error{model::ErrorCode::NotFound,
                            "Cannot read the token file " + location.substr(5) + ". Run sync again with --token.", {}};
    }
    return model::Error{model::ErrorCode::NotFound, "No token is stored for this remote. Run sync with --token.", {}};
}

}  // namespace boxoffice::sync
