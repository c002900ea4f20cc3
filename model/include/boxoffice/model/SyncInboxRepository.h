// The store side of what sync leaves for a person (services/sync Inbox.h): the upload queue and
// the conflicts with the facts that identify each check-in (order code, position number,
// attendee, list), retrying and dismissing a conflict, and reviewing double entries. No network
// here.
//
// A dismissed conflict keeps its check-in row (sync_state 'conflict') and carries dismissed_at in
// its sync_queue row (migration 12): it is neither uploaded, listed nor counted as a conflict.
//
// Like every repository it works on the caller's Store (one thread); callers hold a
// Store::Transaction around writes that belong together. Writes note Change::Kind::Sync (and
// Checkins when a check-in's sync state changes) for the event concerned.
#pragma once

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boxoffice::model {

// A check-in with what a person needs to recognise it.
struct InboxCheckin {
    Id checkinId = 0; // 0: the row is gone (a double entry whose check-in was annulled or re-keyed away)
    Id positionId = 0;
    std::string orderCode;    // empty when the position is gone
    int positionNumber = 0;   // the position's positionid
    std::string attendeeName; // own, else the invoice address's name; may be empty
    Id listId = 0;
    std::string listName; // empty when the list is gone
    CheckinType type = CheckinType::Entry;
    Timestamp datetime{};
    std::string device;
};

struct InboxQueueRow {
    InboxCheckin checkin;
    int attempts = 0;
    std::optional<Timestamp> nextAttempt; // none: never delayed
    std::optional<int> lastStatus;
    std::string lastError; // empty before the first failure
};

struct InboxConflict {
    InboxCheckin checkin;
    std::optional<int> httpStatus;
    std::string reason; // the remote's answer, as stored when it was settled
};

struct InboxDoubleEntry {
    Id id = 0;
    Id eventId = 0;
    InboxCheckin here; // datetime and device as recorded on upload; checkinId 0 when the row is gone
    Timestamp remoteDatetime{};
    std::string remoteDevice;
    Timestamp detected{};
    bool reviewed = false;
    std::string note;
    std::optional<Timestamp> reviewedAt; // when first marked reviewed; none while not reviewed
};

class SyncInboxRepository {
public:
    explicit SyncInboxRepository(Store& store) : m_store(store) {}

    // The event's check-ins waiting for upload (sync state 'local'), in upload order (oldest
    // first), whether due now or later; at most `limit` (-1: all).
    std::vector<InboxQueueRow> queue(Id eventId, std::int64_t limit = -1);
    // The event's conflicts that are not dismissed, oldest first.
    std::vector<InboxConflict> conflicts(Id eventId);
    // A conflict that is not dismissed goes back to sync state 'local' with its retry bookkeeping
    // dropped (no attempts, due now); it keeps its nonce. False when the check-in is not such a
    // conflict (unknown, uploaded, queued, or dismissed).
    bool retryConflict(Id checkinId);
    // Marks a conflict dismissed at `when`; false when the check-in is not a conflict that is
    // still shown.
    bool dismissConflict(Id checkinId, Timestamp when);

    // The event's double entries, newest admission here first.
    std::vector<InboxDoubleEntry> doubleEntries(Id eventId);
    std::optional<InboxDoubleEntry> doubleEntry(Id doubleEntryId);
    std::int64_t unreviewedCount(Id eventId);
    // Sets reviewed and note; reviewed_at becomes `when` on the first review, and is cleared when
    // the mark is taken back. False for an unknown ID.
    bool setReview(Id doubleEntryId, bool reviewed, const std::string& note, Timestamp when);

private:
    Store& m_store;
};

} // namespace boxoffice::model
