// Imports pretix's "Order data (JSON)" export (<event>_pretixdata.json) into the store, and
// creates the demo event. Call from the thread that owns the Store.
//
// An import is all or nothing: the whole file is read and checked before the first write, and the
// writes happen in one transaction. A file that is malformed, truncated or not this format is
// refused with a message naming the problem, and the store is left exactly as it was.
// Re-importing the same or a newer export of the same event updates in place (no duplicates) and
// never deletes local check-ins.
#pragma once

#include <functional>
#include <stop_token>
#include <string_view>

#include <filesystem>
#include <string>
#include <string_view>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::importer {

struct ImportSummary {
    model::Id eventId = 0;
    std::string organizerSlug;
    std::string eventSlug;
    std::string eventName;
    int categories = 0;
    int items = 0;
    int variations = 0;
    int questions = 0;
    int quotas = 0;
    int subevents = 0;
    int orders = 0;
    int positions = 0;
    int autoCheckins = 0;  // entries made for orders of a list's auto check-in sales channels
};

// What a caller sees of a running import and how it stops one: `progress` is told each step as
// it begins ("reading", "checking", "writing"), `stop` ends the import with a Conflict error
// "The import was cancelled." at the next check (every few thousand values while the file is
// parsed, and between the steps); the store is then left as it was.
struct ImportControl {
    std::function<void(std::string_view step)> progress;
    std::stop_token stop;
};

model::Result<ImportSummary> importPretixJson(model::Store& store, const std::filesystem::path& file,
                                              const ImportControl& control = {});
model::Result<ImportSummary> importPretixJsonText(model::Store& store, std::string_view jsonText,
                                                  const ImportControl& control = {});

struct DemoResult {
    model::Id eventId = 0;
    bool created = false;  // false: the demo event was already there and was left as it was
    ImportSummary summary;
};

inline constexpr const char* kDemoOrganizer = "demo";
inline constexpr const char* kDemoEvent = "boxcon";

// Creates the demo event if it is not there yet (idempotent): products with variations and an
// add-on, questions (one asked at check-in), ~300 orders in every status with international
// names, a default check-in list and pretix's default ticket layout.
model::Result<DemoResult> ensureDemoEvent(model::Store& store);

}  // namespace boxoffice::importer
