// pretix's default ticket layout on its A4 background, as every new pretix event starts with it.
// Used by the demo event and by events set up at the desk (services/sales), so their tickets look
// like an imported event's. Call from the thread that owns the Store.
#pragma once

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::importer {

// Stores the background and the layout as the event's default layout, inside the caller's
// transaction; returns the layout's ID.
model::Id addDefaultTicketLayout(model::Store& store, model::Id eventId);

}  // namespace boxoffice::importer
