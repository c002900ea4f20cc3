// What the desk remembers between starts, kept in the store's settings (so a copy of the
// database carries it): the event shown last, and small values of the panels (column widths).
// Call from the thread that owns the Store.
#pragma once

#include <optional>
#include <string>

#include "boxoffice/model/Store.h"

namespace boxoffice::desk {

// The settings key holding the ID of the event shown last.
inline constexpr const char* kLastEventKey = "gui.last_event";

// The event shown last, if one was remembered and it still exists.
std::optional<model::Id> lastEvent(model::Store& store);

// Remembers `eventId` as the event to show at the next start (writes only when it changes).
void rememberEvent(model::Store& store, model::Id eventId);

// Any other remembered value (column widths, ...), kept under "gui." + `name`.
std::optional<std::string> preference(model::Store& store, const std::string& name);
// Writes only when the value changes.
void setPreference(model::Store& store, const std::string& name, const std::string& value);

}  // namespace boxoffice::desk
