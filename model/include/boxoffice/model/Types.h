// Basic vocabulary of the model: identifiers, the local ID range, and the Result type that
// expected failures travel in. Header-only; safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace boxoffice::model {

using Id = std::int64_t;

// Rows that come from a remote pretix server keep the server's IDs. Rows created on this
// machine get IDs from this range upwards, so the two never collide (ARCHITECTURE.md, IDs).
// 10^15 stays below 2^53, so every ID is exact in JavaScript and JSON clients.
inline constexpr Id kLocalIdBase = 1'000'000'000'000'000;

constexpr bool isLocalId(Id id) noexcept { return id >= kLocalIdBase; }

// Text values by name: pretix's meta properties of events, dates, products and variations, and
// the parts of a person's name ({"_scheme": "given_family", "given_name": "Ada", ...}).
using StringMap = std::map<std::string, std::string>;

// Field-level validation errors, in the shape pretix answers with: {"field": ["message", ...]}.
using FieldErrors = std::map<std::string, std::vector<std::string>>;

enum class ErrorCode {
    BadInput,      // malformed or invalid data supplied by the caller
    NotFound,      // the referenced object does not exist
    Conflict,      // the change contradicts the current state
    Busy,          // the database stayed locked longer than the busy timeout
    Unsupported,   // a file or format this version cannot handle
    Io,            // the file system or network failed
};

struct Error {
    ErrorCode code = ErrorCode::BadInput;
    std::string message;
    FieldErrors fields;  // filled for BadInput when specific fields are at fault

    static Error badInput(std::string msg, FieldErrors f = {}) {
        return {ErrorCode::BadInput, std::move(msg), std::move(f)};
    }
    static Error notFound(std::string msg) { return {ErrorCode::NotFound, std::move(msg), {}}; }
    static Error conflict(std::string msg) { return {ErrorCode::Conflict, std::move(msg), {}}; }
};

// A value or the reason there is none. Used for expected failures; exceptions are reserved for
// the truly exceptional (ARCHITECTURE.md, errors). Ignoring one is a compile error under -Werror.
template <class T, class E = Error>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(E error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    const E& error() const { return std::get<1>(m_v); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, E> m_v;
};

}  // namespace boxoffice::model
