// Points in time and calendar dates. Times are UTC on the wire (ISO 8601) and in the store
// (microseconds since the Unix epoch); the GUI converts to local time for display.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boxoffice::model {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
using Date = std::chrono::year_month_day;

Timestamp now();

// Parses ISO 8601 date-times: "2017-12-01T10:00:00Z", "...00.123456+01:00", "...00-0500",
// a space instead of "T" is accepted. A time without a zone is refused (nullopt): the wire
// format always carries one.
std::optional<Timestamp> parseTimestamp(std::string_view text);
// "2017-12-01T10:00:00Z"; fractional seconds are written only when present (".123456Z").
std::string formatTimestamp(Timestamp t);

std::optional<Date> parseDate(std::string_view text);  // "2017-12-05"
std::string formatDate(Date d);

// Storage form: microseconds since the epoch.
constexpr std::int64_t toStorage(Timestamp t) { return t.time_since_epoch().count(); }
constexpr Timestamp fromStorage(std::int64_t micros) { return Timestamp(std::chrono::microseconds(micros)); }
std::int64_t toStorage(Date d);  // days since the epoch
Date dateFromStorage(std::int64_t days);

}  // namespace boxoffice::model
