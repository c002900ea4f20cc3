// The remote pretix server a box office syncs with, as a use case: name it (or take the one used
// last), keep its token in the TokenVault and store it, ready for a SyncEngine. The desk, the
// LAN API and boxoffice-cli call this instead of putting SyncRepository and TokenVault together
// themselves.
//
// Threads: call from the thread that owns the Store, outside any transaction of its own. The
// token may go to the desktop's Secret Service (a D-Bus call). Failures are values; the token
// never appears in a message.
#pragma once

#include <string>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/TokenVault.h"

namespace boxoffice::sync {

// What the user names. url, organizer and event go together: all three name a remote, none of
// them takes the one configured or used most recently.
struct RemoteSettings {
    std::string url;        // "https://pretix.eu"; trailing slashes are dropped
    std::string organizer;  // slug
    std::string event;      // slug
    std::string token;      // empty: the one kept for the remote
    std::string caFile;     // PEM file to trust; made absolute; empty: keep the remote's
    bool insecure = false;  // true: stop verifying TLS (never switched back on here)
    TokenVaultOptions vault;  // where tokens are kept; the default is the user's
};

struct ConnectedRemote {
    model::SyncRemote remote;  // as stored (id set)
    std::string token;         // for EngineOptions::http.token
    // TokenVault::describe() of where a token given in the settings was kept; empty when the
    // token was loaded from where it already was.
    std::string tokenKeptIn;
};

// Names or finds the remote, applies caFile and insecure, saves the given token in the vault
// (else loads the remote's) and stores the remote in one transaction; a remote already known by
// (url, organizer, event) keeps its row, cursor and status. Errors, with nothing stored:
// BadInput with field errors ("url", "organizer", "event", "token") for an incomplete remote, a
// URL that is not http:// or https://, no remote configured yet, or no token to be found; the
// vault's error (Io) when the token cannot be kept.
model::Result<ConnectedRemote> connectRemote(model::Store& store, const RemoteSettings& settings);

}  // namespace boxoffice::sync
