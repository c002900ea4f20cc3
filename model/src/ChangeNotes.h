// What the repositories need to note a change with its event (Store::noteChange) when the row
// they wrote does not carry the event's ID. Each is one indexed read; 0 when the row is unknown
// (the change is then noted for every event). Private to model.
#pragma once

#include "boxoffice/model/Store.h"

namespace boxoffice::model::notes {

inline Id eventOf(Store& store, const char* sql, Id id) {
    auto q = store.cached(sql);
    q.bind(1, id);
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

inline Id eventOfList(Store& store, Id listId) {
    return eventOf(store, "SELECT event_id FROM checkin_list WHERE id = ?", listId);
}

inline Id eventOfOrder(Store& store, Id orderId) {
    return eventOf(store, "SELECT event_id FROM orders WHERE id = ?", orderId);
}

inline Id eventOfPosition(Store& store, Id positionId) {
    return eventOf(store,
                   "SELECT o.event_id FROM order_position p JOIN orders o ON o.id = p.order_id WHERE p.id = ?",
                   positionId);
}

inline Id eventOfCheckin(Store& store, Id checkinId) {
    return eventOf(store,
                   "SELECT l.event_id FROM checkin c JOIN checkin_list l ON l.id = c.list_id WHERE c.id = ?",
                   checkinId);
}

}  // namespace boxoffice::model::notes
