#include "boxoffice/model/TokenRepository.h"

#include <cstring>

#include "Sql.h"

namespace boxoffice::model {

using sql::bindValue;

namespace {

constexpr const char* kTokenColumns = "id, name, organizer_slug, event_slug, hash, created, last_used, revoked, permissions";

ApiToken readToken(CachedStatement& q) {
    ApiToken t;
    t.id = q.getColumn(0).getInt64();
    t.name = q.getColumn(1).getString();
    t.organizerSlug = q.getColumn(2).getString();
    t.eventSlug = sql::optText(q.getColumn(3));
    const auto blob = q.getColumn(4);
    if (blob.getBytes() == static_cast<int>(t.hash.size())) {
        std::memcpy(t.hash.data(), blob.getBlob(), t.hash.size());
    }
    t.created = sql::time(q.getColumn(5));
    t.lastUsed = sql::optTime(q.getColumn(6));
    t.revoked = sql::flag(q.getColumn(7));
    // A name this version does not know (a newer one wrote it) grants nothing rather than everything.
    t.permissions = Permissions::parse(q.getColumn(8).getString()).value_or(Permissions{});
    return t;
}

}  // namespace

void TokenRepository::insert(ApiToken& t) {
    if (t.id == 0) {
        t.id = m_store.nextLocalId("api_token");
    }
    if (t.created == Timestamp{}) {
        t.created = now();
    }
    auto s = m_store.cached(
        "INSERT INTO api_token (id, name, organizer_slug, event_slug, hash, created, last_used, revoked, permissions) "
        "VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, t.id);
    s.bind(2, t.name);
    s.bind(3, t.organizerSlug);
    bindValue(s, 4, t.eventSlug);
    s.bind(5, t.hash.data(), static_cast<int>(t.hash.size()));
    s.bind(6, toStorage(t.created));
    bindValue(s, 7, t.lastUsed);
    bindValue(s, 8, t.revoked);
    s.bind(9, t.permissions.toString());
    s.exec();
    m_store.noteChange({Change::Kind::Tokens, 0});
}

std::optional<ApiToken> TokenRepository::byHash(const TokenHash& hash) {
    auto q = m_store.cached(std::string("SELECT ") + kTokenColumns + " FROM api_token WHERE hash = ?");
    q.bind(1, hash.data(), static_cast<int>(hash.size()));
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readToken(q);
}

std::optional<ApiToken> TokenRepository::byId(Id id) {
    auto q = m_store.cached(std::string("SELECT ") + kTokenColumns + " FROM api_token WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readToken(q);
}

std::vector<ApiToken> TokenRepository::list() {
    auto q = m_store.cached(std::string("SELECT ") + kTokenColumns + " FROM api_token ORDER BY id");
    std::vector<ApiToken> out;
    while (q.executeStep()) {
        out.push_back(readToken(q));
    }
    return out;
}

bool TokenRepository::revoke(Id id) {
    auto s = m_store.cached("UPDATE api_token SET revoked = 1 WHERE id = ?");
    s.bind(1, id);
    if (s.exec() == 0) {
        return false;
    }
    m_store.noteChange({Change::Kind::Tokens, 0});
    return true;
}

void TokenRepository::touch(Id id, Timestamp when) {
    auto s = m_store.cached("UPDATE api_token SET last_used = ? WHERE id = ?");
    s.bind(1, toStorage(when));
    s.bind(2, id);
    s.exec();
}

std::optional<std::string> SettingsRepository::get(const std::string& key) {
    auto q = m_store.cached("SELECT value FROM setting WHERE key = ?");
    q.bind(1, key);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return q.getColumn(0).getString();
}

void SettingsRepository::set(const std::string& key, const std::string& value) {
    auto s = m_store.cached(
        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    s.bind(1, key);
    s.bind(2, value);
    s.exec();
    m_store.noteChange({Change::Kind::Settings, 0});
}

void SettingsRepository::remove(const std::string& key) {
    auto s = m_store.cached("DELETE FROM setting WHERE key = ?");
    s.bind(1, key);
    s.exec();
    m_store.noteChange({Change::Kind::Settings, 0});
}

}  // namespace boxoffice::model
