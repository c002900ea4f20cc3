// Fixed-point decimals with two fractional digits, as pretix stores money and tax rates.
// Money is never a float: the value is an integer count of hundredths (minor units), read from
// and written to the decimal strings of the wire format ("23.00").
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boxoffice::model {

class Decimal2 {
public:
    constexpr Decimal2() = default;
    static constexpr Decimal2 fromMinor(std::int64_t hundredths) { return Decimal2(hundredths); }

    // Parses "23", "23.5", "-0.50", "1e2" is refused. More than two fractional digits are
    // accepted only when the extra digits are zeros ("19.000"); anything else is nullopt.
    static std::optional<Decimal2> parse(std::string_view text);

    constexpr std::int64_t minor() const noexcept { return m_minor; }
    // Always two fractional digits: "23.00", "-0.50".
    std::string toString() const;

    constexpr auto operator<=>(const Decimal2&) const = default;
    constexpr Decimal2 operator+(Decimal2 o) const { return Decimal2(m_minor + o.m_minor); }
    constexpr Decimal2 operator-(Decimal2 o) const { return Decimal2(m_minor - o.m_minor); }
    constexpr Decimal2& operator+=(Decimal2 o) {
        m_minor += o.m_minor;
        return *this;
    }

private:
    constexpr explicit Decimal2(std::int64_t minor) : m_minor(minor) {}
    std::int64_t m_minor = 0;
};

using Money = Decimal2;    // in the event's currency
using TaxRate = Decimal2;  // percent, "19.00"

}  // namespace boxoffice::model
