#include "sales/Cart.h"

#include <charconv>

namespace boxoffice::gui {

void Cart::add(const CartLine& line, int quantity) {
    for (int i = 0; i < quantity; ++i) {
        m_lines.push_back(line);
        m_lines.back().addonTo.reset();
    }
}

std::optional<std::size_t> Cart::addAddon(std::size_t ticket, const CartLine& line, int quantity) {
    if (ticket >= m_lines.size() || isAddon(ticket) || quantity < 1) {
        return std::nullopt;
    }
    std::size_t at = ticket + 1;
    while (at < m_lines.size() && m_lines[at].addonTo == ticket) {
        ++at;
    }
    CartLine addon = line;
    addon.addonTo = ticket;
    m_lines.insert(m_lines.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::size_t>(quantity), addon);
    // The tickets after the insertion moved down, and their add-ons' indexes with them.
    for (std::size_t i = at + static_cast<std::size_t>(quantity); i < m_lines.size(); ++i) {
        if (m_lines[i].addonTo && *m_lines[i].addonTo >= at) {
            *m_lines[i].addonTo += static_cast<std::size_t>(quantity);
        }
    }
    return at;
}

void Cart::remove(std::size_t index) {
    if (index >= m_lines.size()) {
        return;
    }
    // A ticket's add-ons follow it directly: they go in the same stretch.
    std::size_t end = index + 1;
    if (!isAddon(index)) {
        while (end < m_lines.size() && m_lines[end].addonTo == index) {
            ++end;
        }
    }
    const std::size_t removed = end - index;
    m_lines.erase(m_lines.begin() + static_cast<std::ptrdiff_t>(index), m_lines.begin() + static_cast<std::ptrdiff_t>(end));
    for (auto& line : m_lines) {
        if (line.addonTo && *line.addonTo > index) {
            *line.addonTo -= removed;
        }
    }
}

std::size_t Cart::ticketNumber(std::size_t index) const {
    const std::size_t ticket = ticketOf(index);
    std::size_t number = 0;
    for (std::size_t i = 0; i <= ticket; ++i) {
        if (!m_lines[i].addonTo) {
            ++number;
        }
    }
    return number;
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
        p.addonTo = line.addonTo;
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
