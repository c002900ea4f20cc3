#include "setup/EventTime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

#ifdef BOXOFFICE_HAVE_DATE_TZ
#include <date/tz.h>
#else
#include <wx/datetime.h>
#endif

namespace boxoffice::gui {

namespace {

bool isDigits(const std::string& text, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    return true;
}

int number(const std::string& text, std::size_t from, std::size_t count) {
    return std::stoi(text.substr(from, count));
}

} // namespace

std::optional<WallTime> parseWallTime(const std::string& text) {
    // Exactly "YYYY-MM-DD HH:MM": a person types it, a missing digit is a mistake worth showing.
    if (text.size() != 16 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') ||
        text[13] != ':' || !isDigits(text, 0, 4) || !isDigits(text, 5, 2) || !isDigits(text, 8, 2) ||
        !isDigits(text, 11, 2) || !isDigits(text, 14, 2)) {
        return std::nullopt;
    }
    WallTime t{number(text, 0, 4), number(text, 5, 2), number(text, 8, 2), number(text, 11, 2), number(text, 14, 2)};
    const std::chrono::year_month_day day{std::chrono::year{t.year}, std::chrono::month{static_cast<unsigned>(t.month)},
                                          std::chrono::day{static_cast<unsigned>(t.day)}};
    if (!day.ok() || t.hour > 23 || t.minute > 59) {
        return std::nullopt;
    }
    return t;
}

std::string formatWallTime(const WallTime& t) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    return text;
}

#ifdef BOXOFFICE_HAVE_DATE_TZ

bool eventZonesKnown() { return true; }

namespace {

const date::time_zone* zoneOf(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        return nullptr;  // not a zone the system knows (or no zoneinfo at all)
    }
}

} // namespace

std::optional<std::string> localText(model::Timestamp utc, const std::string& zone) {
    const auto* tz = zoneOf(zone);
    if (tz == nullptr) {
        return std::nullopt;
    }
    const auto local = tz->to_local(std::chrono::floor<std::chrono::minutes>(utc));
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss time{local - day};
    return formatWallTime({static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                           static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(time.hours().count()),
                           static_cast<int>(time.minutes().count())});
}

std::optional<model::Timestamp> utcOf(const WallTime& local, const std::string& zone) {
    const auto* tz = zoneOf(zone);
    if (tz == nullptr) {
        return std::nullopt;
    }
    const date::local_days day{date::year{local.year} / local.month / local.day};
    const auto wall = day + std::chrono::hours{local.hour} + std::chrono::minutes{local.minute};
    return std::chrono::time_point_cast<std::chrono::microseconds>(tz->to_sys(wall, date::choose::earliest));
}

std::vector<std::string> zoneNames() {
    std::vector<std::string> names;
    try {
        for (const auto& zone : date::get_tzdb().zones) {
            names.emplace_back(zone.name());
        }
    } catch (const std::exception&) {
        return {};  // no zoneinfo on this system: the field takes any name typed
    }
    std::sort(names.begin(), names.end());
    return names;
}

#else

bool eventZonesKnown() { return false; }

std::optional<std::string> localText(model::Timestamp utc, const std::string&) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(utc).time_since_epoch().count();
    const wxDateTime local(static_cast<time_t>(seconds));
    return std::string(local.Format(wxS("%Y-%m-%d %H:%M")).utf8_string());
}

std::optional<model::Timestamp> utcOf(const WallTime& local, const std::string&) {
    const wxDateTime time(static_cast<wxDateTime::wxDateTime_t>(local.day),
                          static_cast<wxDateTime::Month>(local.month - 1), local.year,
                          static_cast<wxDateTime::wxDateTime_t>(local.hour),
                          static_cast<wxDateTime::wxDateTime_t>(local.minute));
    return model::Timestamp{std::chrono::seconds{time.GetTicks()}};
}

std::vector<std::string> zoneNames() { return {}; }

#endif

} // namespace boxoffice::gui
