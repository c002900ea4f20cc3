// What the desk remembers between starts, kept in the store's settings (so a copy of the
// database carries it): the event shown last. Call from the thread that owns the Store.
#pragma once

#include <optional>

#include "boxoffice/model/Store.h"

namespace boxoffice::desk {

// The settings key holding the ID of the event shown last.
inline constexpr const char* kLastEventKey = "gui.last_event";

// The event shown last, if one was remembered and it still exists.
std::optional<model::Id> lastEvent(model::Store& store);

// Remembers `eventId` as the event to show at the next start (writes only when it changes).
void rememberEvent(model::Store& store, model::Id eventId);

}  // namespace boxoffice::desk
