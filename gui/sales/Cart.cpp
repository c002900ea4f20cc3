#include "sales/Cart.h"

#include <charconv>

namespace boxoffice::gui {

void Cart::add(const CartLine& line, int quantity) {
    for (int i = 0; i < quantity; ++i) {
        m_lines.push_back(line);
    }
}

void Cart::remove(std::size_t index) {
    if (index < m_lines.size()) {
        m_lines.erase(m_lines.begin() + static_cast<std::ptrdiff_t>(index));
    }
}

model::Money Cart::total() const {
    model::Money sum;
    for (const auto& line : m_lines) {
        sum += line.price;
    }
    return sum;
}

std::vector<sales::SalePosition> Cart::positions() const {
    std::vector<sales::SalePosition> out;
    out.reserve(m_lines.size());
    for (const auto& line : m_lines) {
        sales::SalePosition p;
        p.itemId = line.itemId;
        p.variationId = line.variationId;
        p.attendeeName = line.attendeeName;
        for (const auto& [question, text] : line.answers) {
            if (text.find_first_not_of(" \t") != std::string::npos) {
                p.answers.emplace(question, text);
            }
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<PositionField> positionField(const std::string& path) {
    constexpr std::string_view prefix = "positions.";
    if (path.compare(0, prefix.size(), prefix) != 0) {
        return std::nullopt;
    }
    const char* begin = path.data() + prefix.size();
    const char* end = path.data() + path.size();
    std::size_t index = 0;
    const auto [next, problem] = std::from_chars(begin, end, index);
    if (problem != std::errc() || next == end || *next != '.') {
        return std::nullopt;
    }
    return PositionField{index, std::string(next + 1, end)};
}

}  // namespace boxoffice::gui
