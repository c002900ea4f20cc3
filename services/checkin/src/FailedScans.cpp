#include "boxoffice/checkin/FailedScans.h"

#include <mutex>

#include "WriterLock.h"
#include "boxoffice/model/CheckinRepository.h"

namespace boxoffice::checkin {

model::Result<bool> recordFailedScan(model::Store& store, model::Id eventId, model::FailedScan scan) {
    std::lock_guard writer(detail::writerMutex(store));
    model::Store::Transaction tx(store);
    model::CheckinRepository lists(store);
    if (!lists.listInfo(eventId, scan.listId)) {
        return model::Error::notFound("Not found.");
    }
    if (scan.positionId) {
        auto q = store.cached("SELECT 1 FROM order_position WHERE id = ? AND event_id = ?");
        q.bind(1, *scan.positionId);
        q.bind(2, eventId);
        if (!q.executeStep()) {
            scan.positionId.reset();
        }
    }
    scan.id = 0;
    const bool kept = lists.insertFailedScan(scan);
    tx.commit();
    return kept;
}

std::vector<model::FailedScan> failedScans(model::Store& store, model::Id listId, std::int64_t limit) {
    return model::CheckinRepository(store).failedScans(listId, limit);
}

}  // namespace boxoffice::checkin
