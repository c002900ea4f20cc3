// Reads and writes API tokens (hashed) and small key/value settings of the box office.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/ApiToken.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::model {

class TokenRepository {
public:
    explicit TokenRepository(Store& store) : m_store(store) {}

    void insert(ApiToken& token);  // sets token.id
    std::optional<ApiToken> byHash(const TokenHash& hash);
    std::optional<ApiToken> byId(Id id);
    std::vector<ApiToken> list();
    bool revoke(Id id);  // false when unknown
    void touch(Id id, Timestamp when);

private:
    Store& m_store;
};

class SettingsRepository {
public:
    explicit SettingsRepository(Store& store) : m_store(store) {}
    std::optional<std::string> get(const std::string& key);
    void set(const std::string& key, const std::string& value);
    void remove(const std::string& key);

private:
    Store& m_store;
};

}  // namespace boxoffice::model
