// Imports pretix's "Order data (JSON)" export (<event>_pretixdata.json) into the store, and
// creates the demo event. Call from the thread that owns the Store.
//
// An import is all or nothing and streams the file, so its memory does not grow with the orders:
// a first pass reads the whole file and checks everything the file alone can show, keeping only
// the small parts (event, catalogue, quotas) and compact keys of the orders (codes, position IDs,
// secrets); then, in one transaction, the store check and a second pass that checks each order's
// references and writes it. A file that is malformed, truncated or not this format is refused by
// the first pass with a message naming the problem, before anything is written; a problem found
// later (or a file that changed between the passes) rolls the transaction back. Either way the
// store is left exactly as it was. Re-importing the same or a newer export of the same event
// updates in place (no duplicates) and never deletes local check-ins.
#pragma once

#include <functional>
#include <stop_token>

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
// it begins ("reading", "checking", "writing", "saving": the commit); `fraction`, if set, is told now and then during
// the two passes over the file ("reading", "writing") how much of the file's bytes that pass has
// gone through (0..1). `stop` ends the import with a Conflict error "The import was cancelled." at
// the next check (every few thousand values while the file is parsed in either pass, so also
// while writing, and between the steps); the store is then left as it was. The callbacks run on
// the importing thread.
struct ImportControl {
    std::function<void(std::string_view step)> progress;
    std::stop_token stop;
    std::function<void(std::string_view step, double fraction)> fraction;
};

model::Result<ImportSummary> importPretixJson(model::Store& store, const std::filesystem::path& file,
                                              const ImportControl& control = {});
// The same from text in memory (read in place, in the same two passes).
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
