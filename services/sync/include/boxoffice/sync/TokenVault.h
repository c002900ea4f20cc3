// Where the API token of a remote pretix server is kept: the desktop's Secret Service (libsecret)
// when one is reachable, otherwise a file readable only by the user (0600) under the user's data
// folder. The store records only the location ("secret-service" or "file:<path>"), never the token.
//
// Stateless apart from its options; any thread. Tokens never appear in messages or logs.
#pragma once

#include <filesystem>
#include <string>

#include "boxoffice/model/Types.h"

namespace boxoffice::sync {

struct TokenVaultOptions {
    // Folder for the file fallback; empty: defaultDirectory().
    std::filesystem::path directory;
    // Try the Secret Service first. Off by default when $BOXOFFICE_TOKEN_STORE is "file" or no
    // D-Bus session bus is announced ($DBUS_SESSION_BUS_ADDRESS), so headless runs never wait on it.
    bool useSecretService = true;
};

class TokenVault {
public:
    explicit TokenVault(TokenVaultOptions options = {});

    // Saves the token for (url, organizer); returns its location for SyncRemote::tokenLocation.
    model::Result<std::string> save(const std::string& url, const std::string& organizer, const std::string& token);
    model::Result<std::string> load(const std::string& location, const std::string& url, const std::string& organizer);

    // $XDG_DATA_HOME/boxoffice (Linux; ~/.local/share/boxoffice without it) or the platform's equivalent.
    static std::filesystem::path defaultDirectory();
    static bool secretServiceAvailable();
    // Human-readable description of a location, for the CLI: "the desktop's secret store", "/path (mode 0600)".
    static std::string describe(const std::string& location);

private:
    std::filesystem::path fileFor(const std::string& url, const std::string& organizer) const;
    TokenVaultOptions m_options;
};

}  // namespace boxoffice::sync
