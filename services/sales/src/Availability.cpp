#include "boxoffice/sales/Availability.h"

#include <algorithm>

#include "boxoffice/model/EventRepository.h"

namespace boxoffice::sales {

using model::Id;

namespace {

std::string idList(const std::vector<Id>& ids) {
    std::string out = "[";
    for (Id id : ids) {
        out += (out.size() > 1 ? "," : "") + std::to_string(id);
    }
    return out + "]";
}

// Tickets of pending and paid orders the quota counts: a product without variations by its ID, a
// variation by its own (a quota lists the variations it counts of its products that have them).
std::int64_t taken(model::Store& store, const model::Quota& quota) {
    auto q = store.cached(
        "SELECT count(*) FROM order_position p JOIN orders o ON o.id = p.order_id "
        "WHERE p.event_id = ?1 AND p.canceled = 0 AND o.status IN ('n', 'p') "
        "AND p.item_id IN (SELECT value FROM json_each(?2)) "
        "AND (p.variation_id IS NULL OR p.variation_id IN (SELECT value FROM json_each(?3))) "
        "AND (?4 IS NULL OR p.subevent_id = ?4)");
    q.bind(1, quota.eventId);
    q.bind(2, idList(quota.items));
    q.bind(3, idList(quota.variations));
    quota.subeventId ? q.bind(4, *quota.subeventId) : q.bind(4);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

}  // namespace

bool counts(const model::Quota& quota, Id itemId, std::optional<Id> variationId) {
    const auto has = [](const std::vector<Id>& ids, Id id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
    return has(quota.items, itemId) && (!variationId || has(quota.variations, *variationId));
}

std::vector<QuotaUsage> quotaUsage(model::Store& store, Id eventId) {
    std::vector<QuotaUsage> out;
    for (auto& quota : model::EventRepository(store).quotas(eventId)) {
        QuotaUsage u;
        u.taken = taken(store, quota);
        if (quota.size) {
            u.left = std::max<std::int64_t>(0, *quota.size - u.taken);
        }
        u.quota = std::move(quota);
        out.push_back(std::move(u));
    }
    return out;
}

Availability availability(model::Store& store, Id eventId, Id itemId, std::optional<Id> variationId) {
    Availability a;
    for (const auto& u : quotaUsage(store, eventId)) {
        if (!counts(u.quota, itemId, variationId)) {
            continue;
        }
        a.counted = true;
        if (u.left && (!a.left || *u.left < *a.left)) {
            a.left = u.left;
        }
    }
    return a;
}

}  // namespace boxoffice::sales
