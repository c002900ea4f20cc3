// API tokens for scanners, scripts and other box offices. A token is 32 random bytes from
// OpenSSL's CSPRNG written as 52 base32 characters; the store keeps only its SHA-256 hash.
// Each function takes the caller's Store; call from the thread that owns it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "boxoffice/model/ApiToken.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::auth {

struct CreatedToken {
    model::ApiToken record;
    std::string secret;  // shown once, never stored
};

// Creates and stores a token for one event of an organizer (eventSlug set) or all its events,
// inside the caller's transaction; the organizer and event need not exist yet (a token may be
// made before the event is pulled). Fails with BadInput when the name or organizer is empty or
// no permission is given.
model::Result<CreatedToken> createToken(model::Store& store, const std::string& name, const std::string& organizer,
                                        const std::optional<std::string>& eventSlug,
                                        model::Permissions permissions = model::Permissions::all());

// The use case behind `token create` and the desk: a token for an organizer and, optionally,
// one of its events that exist in this store, allowed to do what `permissions` name, created in
// its own transaction. BadInput with field errors ("name", "organizer", "event", "permissions")
// when one is missing or unknown.
model::Result<CreatedToken> issueToken(model::Store& store, const std::string& name, const std::string& organizer,
                                       const std::optional<std::string>& eventSlug, model::Permissions permissions);

// Revokes a token in its own transaction: it stops working at once, on every server of this
// store. NotFound when there is no token with that ID.
model::Result<bool> revokeToken(model::Store& store, model::Id tokenId);

// Records that the token `tokenId` was used at `when` (what `token list` shows as last used), in
// its own transaction. Never waits for the database: Busy when another connection is writing at
// the moment, Io when the write fails otherwise; the store is then unchanged. How often to call
// it is the caller's choice (the LAN server: at most once a minute per token).
model::Result<bool> recordTokenUse(model::Store& store, model::Id tokenId, model::Timestamp when);

model::TokenHash hashToken(std::string_view token);

enum class Access { Granted, Unauthenticated, Forbidden };

// Checks a presented token for access to an organizer's event (eventSlug empty: organizer-level).
// Unauthenticated: missing, unknown or revoked token. Forbidden: valid token of another scope.
// The stored hash is compared in constant time.
Access checkAccess(model::Store& store, std::string_view presented, std::string_view organizer,
                   std::string_view eventSlug, model::ApiToken* out = nullptr);

// The stored record of a presented token, whatever its scope; nullopt when the token is
// missing, unknown or revoked. The stored hash is compared in constant time.
std::optional<model::ApiToken> findToken(model::Store& store, std::string_view presented);

// A random string of `length` characters from pretix's ticket-secret alphabet (lower-case
// letters and digits without look-alikes), from the CSPRNG.
std::string randomSecret(std::size_t length);

// A random string of `length` characters of `alphabet` (at most 256 characters), each chosen
// with equal probability from the CSPRNG. Throws std::runtime_error when the system's random
// number generator fails.
std::string randomFromAlphabet(std::string_view alphabet, std::size_t length);

}  // namespace boxoffice::auth
