// A check-in list's check-ins as a CSV file for a spreadsheet: one row per check-in (entry or
// exit), oldest first, after a header row. The columns:
//
//   List, Order, Position ID, Attendee name, Product, Variation, Type, Time (UTC), Device,
//   Automatic, Sync state
//
// Position ID is the position's ID as pretix's API names it; Type is "entry" or "exit"; Time is
// ISO 8601 in UTC ("2025-06-14T19:30:00Z"): the file holds the store's times as they are, and a
// reader in another time zone reads the same moment. Device is the gate or scanner that made the
// check-in ("desk", a scanner's name, "remote" for one from the pretix server, "auto");
// Automatic is "yes" for a check-in made on sale (auto check-in); Sync state is the check-in's
// place with respect to the remote server: "local" (made here, not uploaded yet), "uploaded",
// "remote", "conflict". Whether a check-in was forced or made offline is not recorded by the store
// and so not exported. The header row is English: the columns are a data format, not text.
//
// RFC 4180: UTF-8, CRLF line ends; a field with a double quote, comma, CR or LF is quoted, its
// quotes doubled. A field beginning with =, +, -, @, a tab or a CR gets a leading single quote,
// so a spreadsheet shows an attendee named "=HYPERLINK(...)" instead of running it (CSV
// formula injection).
//
// Call from the thread that owns the Store, outside any transaction of its own.
#pragma once

#include <functional>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::checkin {

// One CSV field: guarded against formula injection, then quoted when RFC 4180 requires it.
std::string csvField(std::string_view text);

// Writes the CSV of the list `listId` of the event `eventId` to `out`; product and variation
// names in `language` (pretix's language code, with I18nString's fallbacks). Returns the number
// of check-ins written. Errors: NotFound when the list is not the event's; Io when `out` failed.
model::Result<std::int64_t> exportCheckinsCsv(model::Store& store, model::Id eventId, model::Id listId,
                                              std::ostream& out, std::string_view language = "en");

// Writes a CSV file through `write` (which writes the rows to the stream and returns how many):
// to a temporary file beside `file`, then renamed over it, so `file` is either the old one or
// complete. Errors: those of `write` other than Io as they are; Io (with the system's reason)
// when the folder cannot be written, the stream fails or the rename fails; the temporary file is
// removed then. Shared by every CSV export (check-ins here, the sync's double entries).
model::Result<std::int64_t> writeCsvFile(const std::filesystem::path& file,
                                         const std::function<model::Result<std::int64_t>(std::ostream&)>& write);

// The same into `file`: written to a temporary file beside it, then renamed over it, so `file`
// is either the old one or complete. Errors: NotFound as above; Io (with the system's reason)
// when the folder cannot be written or the rename fails; the temporary file is removed then.
model::Result<std::int64_t> exportCheckinsCsvFile(model::Store& store, model::Id eventId, model::Id listId,
                                                  const std::filesystem::path& file,
                                                  std::string_view language = "en");

}  // namespace boxoffice::checkin
