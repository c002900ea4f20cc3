#include "boxoffice/model/Decimal.h"

#include <cstdlib>
#include <limits>

namespace boxoffice::model {

std::optional<Decimal2> Decimal2::parse(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    bool negative = false;
    std::size_t i = 0;
    if (text[0] == '-' || text[0] == '+') {
        negative = text[0] == '-';
        i = 1;
    }
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 100 - 1;
    std::int64_t whole = 0;
    std::size_t wholeDigits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++wholeDigits) {
        whole = whole * 10 + (text[i] - '0');
        if (whole > kMax) {
            return std::nullopt;
        }
    }
    std::int64_t frac = 0;
    std::size_t fracDigits = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++fracDigits) {
            const int digit = text[i] - '0';
            if (fracDigits < 2) {
                frac = frac * 10 + digit;
            } else if (digit != 0) {
                return std::nullopt;  // more precision than two decimals would lose
            }
        }
        if (fracDigits == 0) {
            return std::nullopt;
        }
    }
    if (i != text.size() || wholeDigits == 0) {
        return std::nullopt;
    }
    if (fracDigits == 1) {
        frac *= 10;
    }
    const std::int64_t minor = whole * 100 + frac;
    return Decimal2(negative ? -minor : minor);
}

std::string Decimal2::toString() const {
    const bool negative = m_minor < 0;
    const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(m_minor + 1)) + 1 : static_cast<std::uint64_t>(m_minor);
    std::string out = std::to_string(abs / 100);
    const auto frac = abs % 100;
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    out += static_cast<char>('0' + frac % 10);
    return negative ? "-" + out : out;
}

}  // namespace boxoffice::model
