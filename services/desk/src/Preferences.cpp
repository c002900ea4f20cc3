#include "boxoffice/desk/Preferences.h"

#include <charconv>
#include <string>

#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/TokenRepository.h"

namespace boxoffice::desk {

std::optional<model::Id> lastEvent(model::Store& store) {
    const auto text = model::SettingsRepository(store).get(kLastEventKey);
    if (!text) {
        return std::nullopt;
    }
    model::Id id = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
    if (ec != std::errc() || end != text->data() + text->size() || !model::EventRepository(store).eventById(id)) {
        return std::nullopt;
    }
    return id;
}

void rememberEvent(model::Store& store, model::Id eventId) {
    // Written only when it changes: a write is a change every other connection sees.
    model::SettingsRepository settings(store);
    const std::string value = std::to_string(eventId);
    if (settings.get(kLastEventKey) != value) {
        settings.set(kLastEventKey, value);
    }
}

std::optional<std::string> preference(model::Store& store, const std::string& name) {
    return model::SettingsRepository(store).get("gui." + name);
}

void setPreference(model::Store& store, const std::string& name, const std::string& value) {
    model::SettingsRepository settings(store);
    const std::string key = "gui." + name;
    if (settings.get(key) != value) {
        settings.set(key, value);
    }
}

}  // namespace boxoffice::desk
