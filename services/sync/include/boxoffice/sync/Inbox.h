// What sync leaves for a person to decide, as use cases for the desk's Sync tab and the CLI:
// - conflicts: check-ins the remote refused for good (unknown ticket, list gone), each with the
//   reason; retried (back into the upload queue, due now) or dismissed (kept here, no longer
//   uploaded or shown as a conflict), never dropped silently;
// - desk orders the remote refused (OrderConflict), retried or dismissed the same way;
// - the upload queue, oldest first, with its retry state;
// - the double-entry inbox: every ticket admitted here and at the remote (or by two devices)
//   while offline, each admission with time, device and list, marked reviewed with a note;
//   exported as CSV.
// Reads and writes the caller's Store; call on the thread that owns it. Writes are one
// transaction each and publish Change::Kind::Sync.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::sync {

// A check-in here with what a person needs to recognise it.
struct CheckinFacts {
    model::Id checkinId = 0;
    model::Id positionId = 0;
    std::string orderCode;
    int positionNumber = 0;  // the position's positionid
    std::string attendeeName;  // own, else the invoice name; may be empty
    model::Id listId = 0;
    std::string listName;
    std::string type;  // "entry" or "exit"
    model::Timestamp datetime{};
    std::string device;
};

struct QueuedUpload {
    CheckinFacts checkin;
    int attempts = 0;
    std::optional<model::Timestamp> nextAttempt;  // none: due now
    std::string lastError;                        // empty before the first failure
    std::optional<int> lastStatus;                // HTTP status of the last failure, when the server answered
};

struct Conflict {
    CheckinFacts checkin;
    std::optional<int> httpStatus;
    std::string reason;  // the remote's answer, as stored
};

struct DoubleEntryRow {
    model::Id id = 0;
    CheckinFacts here;  // our admission (checkinId 0 when the local row is gone)
    model::Timestamp remoteDatetime{};
    std::string remoteDevice;
    model::Timestamp detected{};
    bool reviewed = false;
    std::string note;
    std::optional<model::Timestamp> reviewedAt;  // when first marked reviewed; none while not reviewed
};

// The event's upload queue, oldest first (at most `limit`; -1: all).
std::vector<QueuedUpload> uploadQueue(model::Store& store, model::Id eventId, std::int64_t limit = -1);

// The event's conflicts, oldest first.
std::vector<Conflict> conflicts(model::Store& store, model::Id eventId);
// Puts a conflict back into the upload queue, due now (attempts reset; it keeps its nonce).
// NotFound when it is not a conflict (any more): uploaded, queued again, dismissed or unknown.
model::Result<bool> retryConflict(model::Store& store, model::Id checkinId);
// Keeps the check-in here but stops uploading it and showing it (its row keeps sync state
// "conflict"; SyncStatus::conflicts no longer counts it). NotFound as above.
model::Result<bool> dismissConflict(model::Store& store, model::Id checkinId);

// A desk order (sold here) the remote refused for good (sold out there, product gone, its code
// taken by another order): the order stays here as sold; retried (queued again, due now) or
// dismissed (no longer uploaded or shown), never dropped silently.
struct OrderConflict {
    model::Id orderId = 0;
    std::string orderCode;
    std::optional<int> httpStatus;
    std::string reason;  // the remote's answer, as stored
    int attempts = 0;
};

// The event's refused desk orders, oldest first.
std::vector<OrderConflict> orderConflicts(model::Store& store, model::Id eventId);
// NotFound when the order is not a refused one still shown.
model::Result<bool> retryOrderConflict(model::Store& store, model::Id orderId);
model::Result<bool> dismissOrderConflict(model::Store& store, model::Id orderId);

// The event's double entries, newest first (by the admission here).
std::vector<DoubleEntryRow> doubleEntries(model::Store& store, model::Id eventId);
// How many are not reviewed yet (the Sync tab's title shows it).
std::int64_t unreviewedDoubleEntries(model::Store& store, model::Id eventId);
// Marks one reviewed (or not) with a note (at most 2,000 characters: BadInput beyond).
// NotFound for an unknown ID.
model::Result<bool> reviewDoubleEntry(model::Store& store, model::Id doubleEntryId, bool reviewed,
                                      const std::string& note);
// Writes the event's double entries as CSV (UTF-8, CRLF, a header row; times in UTC ISO 8601)
// to `file` through a temporary file renamed when complete. Returns the rows written. Columns:
// Order, Position, Attendee, List, Here (UTC), Here device, Remote (UTC), Remote device,
// Detected (UTC), Reviewed ("yes"/"no"), Note; quoted as RFC 4180 asks, and a field beginning
// with =, +, -, @, a tab or a CR gets a leading ' (no formula runs in a spreadsheet).
// Io (with the system's reason) when the file cannot be written; the temporary file is removed.
model::Result<std::int64_t> exportDoubleEntriesCsv(model::Store& store, model::Id eventId,
                                                   const std::filesystem::path& file);

}  // namespace boxoffice::sync
