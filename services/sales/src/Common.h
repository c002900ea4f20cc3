// What the sales use cases share: pretix's wording of common field errors and the mapping of a
// failed database call to an error value. Header-only; any thread.
#pragma once

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::sales::detail {

inline constexpr const char* kBlank = "This field may not be blank.";
inline constexpr const char* kRequired = "This field is required.";

inline bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

inline std::string invalidPk(model::Id id) {
    return "Invalid pk \"" + std::to_string(id) + "\" - object does not exist.";
}

// A database that stayed locked past the busy timeout is an expected failure (another desk or the
// server holds the writer lock for long); anything else is the file failing.
inline model::Error databaseError(const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) {
        return {model::ErrorCode::Busy, "The database is busy; please try again.", {}};
    }
    return {model::ErrorCode::Io, std::string("The database failed: ") + e.what(), {}};
}

// Runs a use case's body, turning a database failure into its error value.
template <class F>
auto guarded(F&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const SQLite::Exception& e) {
        return databaseError(e);
    }
}

// A pretix tax is included in the price: price × rate / (100 + rate), rounded half up to the
// currency's hundredths. Rates are hundredths of a percent (7% = 700).
inline model::Money includedTax(model::Money price, model::TaxRate rate) {
    const std::int64_t base = 100'00 + rate.minor();
    const std::int64_t twice = 2 * price.minor() * rate.minor();
    return model::Money::fromMinor((twice + base) / (2 * base));
}

inline model::Error badInput(model::FieldErrors errors) {
    return model::Error::badInput("Invalid data.", std::move(errors));
}

}  // namespace boxoffice::sales::detail
