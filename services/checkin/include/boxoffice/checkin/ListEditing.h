// The use cases that change check-in lists and check-ins from outside the door: save and delete a
// list (the LAN API's checkinlists/ and the desk's list editor), and annul a check-in made here.
// Each validates, then writes in one BEGIN IMMEDIATE transaction whose commit publishes the change.
// Errors are pretix's: field errors for bad input ({"limit_products": ["Invalid pk ..."]}),
// NotFound for an unknown list or check-in. Call from the thread that owns the Store, outside any
// transaction of its own.
#pragma once

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::checkin {

// Creates (`list.id` 0) or replaces the list `list.id` of the event `list.eventId`. Checks the
// name is not blank and that every product and the date (sub-event) belong to the event, inside
// the transaction. Returns the stored list with its counts.
model::Result<model::CheckinList> saveList(model::Store& store, model::CheckinList list);

// Deletes the list and, as pretix does, the check-ins made on it.
model::Result<bool> deleteList(model::Store& store, model::Id eventId, model::Id listId);

// Takes back a check-in made here that has not reached the remote server (sync state Local, or
// Conflict: refused by it), e.g. a mistaken admission at the desk. One that the server has
// (Uploaded, Remote) cannot be taken back here: Conflict.
model::Result<bool> annulCheckin(model::Store& store, model::Id eventId, model::Id checkinId);

}  // namespace boxoffice::checkin
