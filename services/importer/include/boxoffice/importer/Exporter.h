// Exports an event of the store as pretix's "Order data (JSON)" export: the format
// importPretixJson reads, with every field the import stores, so importing the file into another
// store gives the same event (orders, positions, answers, products, variations, questions,
// quotas, dates, categories). Check-ins, check-in lists, layouts and the event's own settings
// (dates, currency) are not part of the format. The same store gives the same bytes.
//
// The file is written as a stream, one page of orders at a time, to `<out>.partial`, and renamed
// to `out` only when complete: a failed or cancelled export leaves no file behind (and an existing
// `out` untouched). The event is read in one read transaction, so the file is one snapshot even
// while others write. Call from the thread that owns the Store.
#pragma once

#include <stop_token>

#include <cstdint>
#include <filesystem>
#include <string>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::importer {

struct ExportSummary {
    model::Id eventId = 0;
    int orders = 0;
    int positions = 0;
    std::uintmax_t bytes = 0;  // size of the file written
};

// Errors: NotFound when the store has no such event, Io when the file cannot be written, Conflict
// "The export was cancelled." when `stop` is requested (asked between orders).
model::Result<ExportSummary> exportPretixJson(model::Store& store, const std::string& organizerSlug,
                                              const std::string& eventSlug, const std::filesystem::path& out,
                                              std::stop_token stop = {});

}  // namespace boxoffice::importer
