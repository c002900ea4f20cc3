// The store side of syncing with a remote pretix server (services/sync): the remote of each event,
// the upload queue (check-ins with sync state Local, plus their retry bookkeeping), check-ins
// pulled from the remote, and the double entries found on upload. No network here. What a person
// decides about them (retry or dismiss a conflict, review a double entry) is SyncInboxRepository's.
//
// Like every repository it works on the caller's Store (one thread); callers hold a
// Store::Transaction around writes that belong together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"

namespace boxoffice::model {

struct SyncRemote {
    Id id = 0;
    std::string url;        // "https://pretix.example" (API root is url + "/api/v1/")
    std::string organizer;  // slug
    std::string eventSlug;
    std::optional<Id> eventId;     // the local event, once pulled
    std::string tokenLocation;     // where the token is kept: "secret-service" or "file:<path>"
    std::string caFile;            // pinned certificate; empty: the system's CAs
    bool verifyTls = true;
    std::optional<std::string> ordersCursor;  // modified_since of the next order pull; none: full pull
    std::optional<Timestamp> lastPull;        // last complete pull
    std::optional<Timestamp> lastPush;        // last push pass that emptied the due queue
    std::optional<Timestamp> lastAttempt;
    std::string lastError;                    // empty after a successful sync
    bool online = false;                      // whether the last contact reached the server
    Timestamp updated{};
};

// One check-in waiting for upload, with what the upload needs.
struct QueuedCheckin {
    Checkin checkin;
    Id eventId = 0;
    std::string secret;  // of the position
    int attempts = 0;
};

// A ticket admitted here while offline that the remote had admitted too (or the other way round).
struct DoubleEntry {
    Id id = 0;
    Id eventId = 0;
    Id listId = 0;
    Id positionId = 0;
    std::string secret;
    std::string nonce;  // of our check-in
    Timestamp localDatetime{};
    std::string localDevice;
    std::optional<Id> remoteCheckinId;
    Timestamp remoteDatetime{};
    std::string remoteDevice;
    Timestamp detected{};
};

// Where an interrupted first pull of orders stopped, so that the next pull resumes there instead
// of starting over. Orders arrive in datetime order, so every order created before `createdSince`
// has been stored; `generated` is the X-Page-Generated of the interrupted pull's first page, the
// cursor once the resumed pull completes (changes to orders stored before it are fetched then).
struct OrdersResume {
    std::string generated;
    Timestamp createdSince{};
};

class SyncRepository {
public:
    explicit SyncRepository(Store& store) : m_store(store) {}

    // Inserts or updates by (url, organizer, eventSlug); sets remote.id and remote.updated.
    void saveRemote(SyncRemote& remote);
    std::optional<SyncRemote> remote(Id id);
    std::optional<SyncRemote> latestRemote();  // the one configured or used most recently
    // The remote the local event syncs with (the one used most recently if several).
    std::optional<SyncRemote> remoteForEvent(Id eventId);
    std::vector<SyncRemote> remotes();

    // ---- upload queue --------------------------------------------------------------------
    // Local check-ins of the event whose next attempt is due by `dueBy`, oldest first. A dismissed
    // conflict (SyncInboxRepository) is never among them, nor a check-in of a desk order that is
    // not on the remote yet (OrderUploadRepository).
    std::vector<QueuedCheckin> queue(Id eventId, Timestamp dueBy, std::int64_t limit = -1);
    std::int64_t queueLength(Id eventId);
    // Conflicts a person has not dismissed yet.
    std::int64_t conflictCount(Id eventId);
    std::int64_t doubleEntryCount(Id eventId);
    // Gives a check-in without a nonce the one its uploads will carry.
    void setNonce(Id checkinId, const std::string& nonce);
    // A failed attempt that keeps the check-in queued.
    void noteFailure(Id checkinId, std::optional<int> httpStatus, const std::string& error, Timestamp nextAttempt);
    // Settled: Uploaded leaves the queue; Conflict leaves it too, keeping the error for a human
    // (a fresh conflict is shown, not dismissed).
    void settle(Id checkinId, SyncState state, std::optional<int> httpStatus, const std::string& error);
    // The error recorded for a check-in in conflict (empty when none).
    std::string queueError(Id checkinId);
    // Gives an uploaded local check-in the remote's ID (ARCHITECTURE.md, IDs). When a row with
    // that ID is already here (pulled earlier) the local duplicate is dropped. Returns the ID kept.
    Id adoptRemoteId(Id localId, Id remoteId);

    // ---- pulled orders and check-ins ------------------------------------------------------
    // Where the remote's interrupted first pull stopped; none when there is nothing to resume.
    // Kept in the setting table; written in the transaction of the page it describes.
    std::optional<OrdersResume> ordersResume(Id remoteId);
    void setOrdersResume(Id remoteId, const std::optional<OrdersResume>& resume);

    // Makes the position's remote check-ins those given (from a pulled order): updates known
    // IDs, matches our own uploaded check-ins (same list, type and second) to their remote ID,
    // inserts new ones, and deletes remote rows no longer listed. Check-ins still queued here
    // are kept. Check-ins on lists not in `knownLists` are skipped.
    void mergeRemoteCheckins(Id positionId, const std::vector<Checkin>& remote,
                             const std::unordered_set<Id>& knownLists);
    // The positions among `positionIds` that have any check-in stored here, in one query: a
    // pulled position with no remote check-ins and none here needs no merge.
    std::unordered_set<Id> positionsWithCheckins(const std::vector<Id>& positionIds);

    // ---- double entries -------------------------------------------------------------------
    // Recorded once per nonce; false when it was already recorded.
    bool recordDoubleEntry(DoubleEntry entry);
    std::vector<DoubleEntry> doubleEntries(Id eventId);

private:
    Store& m_store;
};

}  // namespace boxoffice::model
