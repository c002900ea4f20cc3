#include "boxoffice/model/Time.h"

#include <date/date.h>

#include <cctype>
#include <sstream>

namespace boxoffice::model {

using namespace std::chrono;

Timestamp now() { return time_point_cast<microseconds>(system_clock::now()); }

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) {
        return false;
    }
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

}  // namespace

std::optional<Timestamp> parseTimestamp(std::string_view s) {
    // YYYY-MM-DDTHH:MM[:SS[.f+]](Z|±HH[:]MM)
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(s, 0, 4, y) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) ||
        s[13] != ':' || !digits(s, 14, 2, mi)) {
        return std::nullopt;
    }
    std::size_t pos = 16;
    std::int64_t micros = 0;
    if (pos < s.size() && s[pos] == ':') {
        if (!digits(s, pos + 1, 2, sec)) {
            return std::nullopt;
        }
        pos += 3;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            int n = 0;
            std::int64_t scale = 100000;
            while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
                if (n < 6) {
                    micros += (s[pos] - '0') * scale;
                    scale /= 10;
                }
                ++n;
                ++pos;
            }
            if (n == 0) {
                return std::nullopt;
            }
        }
    }
    if (pos >= s.size()) {
        return std::nullopt;  // no zone
    }
    int offsetMinutes = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        const int sign = s[pos] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh)) {
            return std::nullopt;
        }
        pos += 3;
        if (pos < s.size() && s[pos] == ':') {
            ++pos;
        }
        if (pos < s.size()) {
            if (!digits(s, pos, 2, om)) {
                return std::nullopt;
            }
            pos += 2;
        }
        if (oh > 23 || om > 59) {
            return std::nullopt;
        }
        offsetMinutes = sign * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (pos != s.size() || h > 23 || mi > 59 || sec > 60) {
        return std::nullopt;
    }
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    const auto day = date::sys_days{ymd};
    auto t = time_point_cast<microseconds>(day) + hours{h} + minutes{mi} + seconds{sec} + microseconds{micros} -
             minutes{offsetMinutes};
    return Timestamp(t.time_since_epoch());
}

std::string formatTimestamp(Timestamp t) {
    const auto day = floor<days>(t);
    const date::year_month_day ymd{date::sys_days{day.time_since_epoch()}};
    const date::hh_mm_ss<microseconds> tod{t - day};
    char buf[96];
    const auto us = tod.subseconds().count();
    if (us == 0) {
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                      static_cast<long>(tod.hours().count()), static_cast<long>(tod.minutes().count()),
                      static_cast<long>(tod.seconds().count()));
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%06ldZ", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                      static_cast<long>(tod.hours().count()), static_cast<long>(tod.minutes().count()),
                      static_cast<long>(tod.seconds().count()), static_cast<long>(us));
    }
    return buf;
}

std::optional<Date> parseDate(std::string_view s) {
    int y = 0, m = 0, d = 0;
    if (s.size() != 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
        !digits(s, 8, 2, d)) {
        return std::nullopt;
    }
    const Date ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                   std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return ymd;
}

std::string formatDate(Date d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

std::int64_t toStorage(Date d) { return sys_days{d}.time_since_epoch().count(); }
Date dateFromStorage(std::int64_t daysSinceEpoch) { return Date{sys_days{days{daysSinceEpoch}}}; }

}  // namespace boxoffice::model
