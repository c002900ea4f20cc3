// Scans a scanner refused (pretix's failed check-ins), kept so that the box office can see who
// was turned away and why. Call from the thread that owns the Store, outside a transaction.
#pragma once

#include <cstdint>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::checkin {

// Keeps `scan` on its list of the event, in its own transaction. A position that is not one of
// the event's is left out (the scanner may have read another event's code); the raw code stays.
// True when kept; false when the scanner sent it before (the list holds its nonce already).
// NotFound when the list is not one of the event's.
model::Result<bool> recordFailedScan(model::Store& store, model::Id eventId, model::FailedScan scan);

// The list's refused scans, newest first (at most `limit`).
std::vector<model::FailedScan> failedScans(model::Store& store, model::Id listId, std::int64_t limit = 200);

}  // namespace boxoffice::checkin
