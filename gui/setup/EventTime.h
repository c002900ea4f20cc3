// The event's times as the Event form shows them: wall-clock time in the event's own time zone
// ("2027-04-17 19:00" in Europe/Berlin), while the store keeps UTC. The time zone rules come from
// the system's zoneinfo files through the date library's tz part, which reads them from the disk:
// call localText, utcOf and zoneNames on a session worker, never on the UI thread. A build without
// that library (Windows) uses this computer's time zone instead, as the rest of the desk does.
// Parsing and formatting the typed text needs no zone and is safe anywhere. Free functions, no state.
#pragma once

#include "boxoffice/model/Time.h"

#include <optional>
#include <string>
#include <vector>

namespace boxoffice::gui {

// A date and time on a wall clock, without a zone.
struct WallTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};

// "2027-04-17 19:00" (a "T" for the space is accepted too); nullopt for anything else or a day
// that does not exist.
std::optional<WallTime> parseWallTime(const std::string& text);
std::string formatWallTime(const WallTime& time);

// Whether times are shown in the event's time zone (false: in this computer's).
bool eventZonesKnown();

// `utc` on the wall clocks of `zone` as formatWallTime writes it; nullopt when the zone is
// unknown. Reads the zone's rules from the disk the first time: on a worker.
std::optional<std::string> localText(model::Timestamp utc, const std::string& zone);

// The UTC time of `local` in `zone`; nullopt when the zone is unknown. A time a clock change skips
// is taken as the moment after it, one it repeats as its first occurrence. On a worker.
std::optional<model::Timestamp> utcOf(const WallTime& local, const std::string& zone);

// The IANA names of the time zones the system knows ("Europe/Berlin"), sorted; empty without the
// tz database. On a worker.
std::vector<std::string> zoneNames();

} // namespace boxoffice::gui
