// An API token's stored form. The token itself is shown once when created and never stored:
// only its SHA-256 hash is (services/auth creates and checks tokens).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

using TokenHash = std::array<std::uint8_t, 32>;

struct ApiToken {
    Id id = 0;
    std::string name;
    std::string organizerSlug;
    std::optional<std::string> eventSlug;  // nullopt: every event of the organizer
    TokenHash hash{};
    Timestamp created{};
    std::optional<Timestamp> lastUsed;
    bool revoked = false;
};

}  // namespace boxoffice::model
