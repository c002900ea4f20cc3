// Check-in lists (which tickets a gate admits) and check-ins (one admission or exit each).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

struct CheckinList {
    Id id = 0;
    Id eventId = 0;
    std::string name;
    bool allProducts = true;
    std::vector<Id> limitProducts;  // ignored when allProducts
    std::optional<Id> subeventId;
    bool includePending = false;
    bool allowMultipleEntries = false;
    bool allowEntryAfterExit = true;
    std::vector<std::string> autoCheckinSalesChannels;
    // Read-only, computed by the store when a list is read.
    std::int64_t positionCount = 0;
    std::int64_t checkinCount = 0;
    Timestamp lastModified{};
};

enum class CheckinType { Entry, Exit };
std::string_view toString(CheckinType t);  // "entry", "exit"
std::optional<CheckinType> checkinTypeFromString(std::string_view s);

// Where a check-in stands with respect to the remote pretix server.
enum class SyncState {
    Local,     // made here, waiting in the upload queue
    Uploaded,  // made here and accepted by the remote server
    Remote,    // came from the remote server
    Conflict,  // made here, refused by the remote server; a human should look at it
};
std::string_view toString(SyncState s);
std::optional<SyncState> syncStateFromString(std::string_view s);

struct Checkin {
    Id id = 0;
    Id listId = 0;
    Id positionId = 0;
    Timestamp datetime{};
    CheckinType type = CheckinType::Entry;
    std::optional<std::string> nonce;
    bool autoCheckedIn = false;
    std::string device;  // origin: "desk", a scanner's name, "remote", ...
    SyncState syncState = SyncState::Local;
    Timestamp created{};
};

// A scan a scanner refused, as it reports it (pretix's failed check-in).
struct FailedScan {
    Id id = 0;
    Id listId = 0;
    std::optional<Id> positionId;  // the ticket the scanner took the code for, if any
    std::string rawBarcode;
    std::string errorReason;  // pretix's reason: "invalid", "unpaid", "already_redeemed", ...
    CheckinType type = CheckinType::Entry;
    Timestamp datetime{};  // when the scanner refused it
    std::string device;
    std::optional<std::string> nonce;
    Timestamp received{};
};

}  // namespace boxoffice::model
