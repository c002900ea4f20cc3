#include "boxoffice/auth/Tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "NoWait.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/TokenRepository.h"

namespace boxoffice::auth {

namespace {

void randomBytes(unsigned char* out, std::size_t n) {
    if (RAND_bytes(out, static_cast<int>(n)) != 1) {
        throw std::runtime_error("the system's random number generator failed");
    }
}

}  // namespace

// Rejection sampling keeps the choice unbiased: bytes past the last whole multiple of the
// alphabet's size are dropped.
std::string randomFromAlphabet(std::string_view alphabet, std::size_t length) {
    std::string out;
    out.reserve(length);
    const unsigned limit = 256u - (256u % static_cast<unsigned>(alphabet.size()));
    std::array<unsigned char, 64> buf{};
    while (out.size() < length) {
        randomBytes(buf.data(), buf.size());
        for (unsigned char b : buf) {
            if (b < limit && out.size() < length) {
                out += alphabet[b % alphabet.size()];
            }
        }
    }
    return out;
}

model::TokenHash hashToken(std::string_view token) {
    model::TokenHash h{};
    unsigned int len = 0;
    if (EVP_Digest(token.data(), token.size(), h.data(), &len, EVP_sha256(), nullptr) != 1 || len != h.size()) {
        throw std::runtime_error("SHA-256 failed");
    }
    return h;
}

std::string randomSecret(std::size_t length) { return randomFromAlphabet("abcdefghjkmnpqrstuvwxyz23456789", length); }

model::Result<CreatedToken> createToken(model::Store& store, const std::string& name, const std::string& organizer,
                                        const std::optional<std::string>& eventSlug, model::Permissions permissions) {
    if (name.empty()) {
        return model::Error::badInput("A token needs a name.");
    }
    if (organizer.empty()) {
        return model::Error::badInput("A token needs an organizer.");
    }
    if (permissions.empty()) {
        return model::Error::badInput("A token needs at least one permission.");
    }
    CreatedToken t;
    // 52 characters of base32 = 260 bits; the first 256 are random.
    t.secret = randomFromAlphabet("abcdefghijklmnopqrstuvwxyz234567", 52);
    t.record.name = name;
    t.record.organizerSlug = organizer;
    t.record.eventSlug = eventSlug;
    t.record.permissions = permissions;
    t.record.hash = hashToken(t.secret);
    model::TokenRepository(store).insert(t.record);
    return t;
}

model::Result<CreatedToken> issueToken(model::Store& store, const std::string& name, const std::string& organizer,
                                       const std::optional<std::string>& eventSlug, model::Permissions permissions) {
    model::Store::Transaction tx(store);
    model::FieldErrors errors;
    model::EventRepository events(store);
    if (name.empty()) {
        errors["name"].push_back("This field may not be blank.");
    }
    if (!events.organizerBySlug(organizer)) {
        errors["organizer"].push_back("There is no organizer \"" + organizer + "\".");
    } else if (eventSlug && !events.eventBySlug(organizer, *eventSlug)) {
        errors["event"].push_back("Organizer \"" + organizer + "\" has no event \"" + *eventSlug + "\".");
    }
    if (permissions.empty()) {
        errors["permissions"].push_back("Choose at least one permission.");
    }
    if (!errors.empty()) {
        std::string message = errors.begin()->second.front();
        return model::Error::badInput(std::move(message), std::move(errors));
    }
    auto created = createToken(store, name, organizer, eventSlug, permissions);
    if (created) {
        tx.commit();
    }
    return created;
}

model::Result<bool> revokeToken(model::Store& store, model::Id tokenId) {
    model::Store::Transaction tx(store);
    if (!model::TokenRepository(store).revoke(tokenId)) {
        return model::Error::notFound("There is no token with ID " + std::to_string(tokenId) + ".");
    }
    tx.commit();
    return true;
}

model::Result<bool> recordTokenUse(model::Store& store, model::Id tokenId, model::Timestamp when) {
    return detail::writeWithoutWaiting(store, "the token's use", [&] { model::TokenRepository(store).touch(tokenId, when); });
}

std::optional<model::ApiToken> findToken(model::Store& store, std::string_view presented) {
    if (presented.empty()) {
        return std::nullopt;
    }
    const auto hash = hashToken(presented);
    auto token = model::TokenRepository(store).byHash(hash);
    if (!token || CRYPTO_memcmp(token->hash.data(), hash.data(), hash.size()) != 0 || token->revoked) {
        return std::nullopt;
    }
    return token;
}

Access checkAccess(model::Store& store, std::string_view presented, std::string_view organizer,
                   std::string_view eventSlug, model::ApiToken* out) {
    auto token = findToken(store, presented);
    if (!token) {
        return Access::Unauthenticated;
    }
    if (out) {
        *out = *token;
    }
    if (token->organizerSlug != organizer) {
        return Access::Forbidden;
    }
    if (!eventSlug.empty() && token->eventSlug && *token->eventSlug != eventSlug) {
        return Access::Forbidden;
    }
    return Access::Granted;
}

}  // namespace boxoffice::auth
