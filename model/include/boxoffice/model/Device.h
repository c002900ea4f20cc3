// A paired scanner device (pretixSCAN and other apps speaking pretix's device API) in its stored
// form. Its secrets (the one-time setup token, the API token) are never stored: only their
// SHA-256 hashes are (services/auth Devices.h creates and checks them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/ApiToken.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

struct Device {
    Id id = 0;
    std::string organizerSlug;
    std::optional<std::string> eventSlug;  // nullopt: every event of the organizer
    std::string name;
    std::string gateName;                  // empty: no gate
    std::optional<std::vector<Id>> listIds;  // check-in lists the gate scans on; nullopt: every list
    std::string uniqueSerial;
    std::string securityProfile = "pretixscan";
    // What the device told about itself at initialization or its last update.
    std::string hardwareBrand;
    std::string hardwareModel;
    std::string osName;
    std::string osVersion;
    std::string softwareBrand;
    std::string softwareVersion;
    std::optional<TokenHash> apiTokenHash;    // set once initialized
    std::optional<TokenHash> setupTokenHash;  // the one-time token of the setup QR code
    std::optional<Timestamp> setupExpires;
    bool setupUsed = false;
    Timestamp created{};
    std::optional<Timestamp> initializedAt;
    std::optional<Timestamp> lastSeen;
    std::optional<Timestamp> revokedAt;

    bool initialized() const { return initializedAt.has_value(); }
    bool revoked() const { return revokedAt.has_value(); }
    // Whether the device may see and scan on check-in list `listId` (of an event it may see).
    bool mayUseList(Id listId) const;
};

}  // namespace boxoffice::model
