// The store side of uploading desk orders to the remote pretix server of their event (migration
// 18's order_upload; services/sync's OrderUploader does the network part): which orders wait, the
// state of each upload (queued, sent with an unknown outcome, uploaded, refused), the conflicts a
// person decides on, and giving a position the remote's ID with everything that refers to it.
// No network here.
//
// Like every repository it works on the caller's Store (one thread); callers hold a
// Store::Transaction around writes that belong together. Writes note Change::Kind::Sync.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

enum class UploadState { Queued, Sent, Uploaded, Conflict };
std::string_view toString(UploadState s);

struct OrderUpload {
    Id orderId = 0;
    Id eventId = 0;
    std::string orderCode;
    UploadState state = UploadState::Queued;
    int attempts = 0;
    std::optional<Timestamp> nextAttempt;  // none: due now
    std::optional<int> lastStatus;         // HTTP status of the last failure or refusal
    std::string lastError;                 // the remote's answer to a refusal; the last failure otherwise
    std::optional<std::string> remoteCode;
    std::optional<Timestamp> settledAt;
};

class OrderUploadRepository {
public:
    explicit OrderUploadRepository(Store& store) : m_store(store) {}

    // Queues an order sold here for upload (a sale's transaction). Once per order.
    void queue(Id orderId, Id eventId);
    std::optional<OrderUpload> byOrder(Id orderId);
    // Orders queued or sent whose next attempt is due by `dueBy`, oldest order first.
    std::vector<OrderUpload> due(Id eventId, Timestamp dueBy, std::int64_t limit = -1);
    // Queued or sent (due or not).
    std::int64_t pendingCount(Id eventId);
    // Refusals a person has not dismissed.
    std::int64_t conflictCount(Id eventId);
    std::vector<OrderUpload> conflicts(Id eventId);

    // Before a POST: the outcome is unknown from here on (state sent, one more attempt).
    void markSent(Id orderId);
    // A failed attempt (no answer, 5xx, 429): stays as it was, due again at `nextAttempt`.
    void noteFailure(Id orderId, std::optional<int> httpStatus, const std::string& error, Timestamp nextAttempt);
    void settleUploaded(Id orderId, const std::string& remoteCode);
    void settleConflict(Id orderId, std::optional<int> httpStatus, const std::string& error);
    // Nothing to upload any more (canceled here before the remote ever had it).
    void forget(Id orderId);
    // A conflict that is still shown goes back to queued, due now; false otherwise.
    bool retryConflict(Id orderId);
    // Puts a conflict aside at `when` (the order stays here); false when it is not one still shown.
    bool dismissConflict(Id orderId, Timestamp when);

    // Order codes of the event whose upload is not settled as uploaded (queued, sent, conflict): a
    // pull leaves a remote order with such a code to the uploader.
    std::unordered_set<std::string> unsettledCodes(Id eventId);
    // Those of `positionIds` held by positions of orders not uploaded yet (any event).
    std::vector<Id> unsettledPositionsAmong(const std::vector<Id>& positionIds);
    // Gives position `from` the ID `to`, with its add-ons, answers, check-ins, print log, refused
    // scans and double entries. `to` must be free. Call inside a transaction.
    void renumberPosition(Id from, Id to);

private:
    Store& m_store;
};

}  // namespace boxoffice::model
