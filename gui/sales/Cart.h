// The desk's cart before a sale: the tickets chosen, each with its attendee name, answers and
// add-ons, and what they cost. A ticket's add-ons follow it directly, so the cart's order is the
// sale's (an add-on names an earlier position, sales::SalePosition::addonTo). Turns into the sale's
// positions (sales::SaleRequest) and maps the sale's field errors ("positions.2.answers.7") back to
// the line they concern, so a refused sale keeps everything typed and shows each problem where it
// was made. Plain data without wx; owned by the SalesPanel, UI thread only.
#pragma once

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/Types.h"
#include "boxoffice/sales/Sale.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace boxoffice::gui {

struct CartLine {
    model::Id itemId = 0;
    std::optional<model::Id> variationId;
    std::string label;  // "Regular" or "Regular – Balcony", in the user's language
    model::Money price;
    std::string attendeeName;
    std::map<model::Id, std::string> answers;  // question ID -> as typed; empty ones are not sent
    // An add-on: the index of the ticket it is bought with; nullopt for a ticket.
    std::optional<std::size_t> addonTo;
};

class Cart {
public:
    // Appends `quantity` tickets like `line` (quantity below 1 adds nothing; its addonTo is ignored).
    void add(const CartLine& line, int quantity);
    // Adds `quantity` add-ons like `line` to the ticket at `ticket`, after the add-ons it has;
    // returns the index of the first one. nullopt when `ticket` is not a ticket of the cart or
    // quantity is below 1.
    std::optional<std::size_t> addAddon(std::size_t ticket, const CartLine& line, int quantity);
    // Removes a line; a ticket goes with its add-ons.
    void remove(std::size_t index);
    void clear() { m_lines.clear(); }

    bool empty() const { return m_lines.empty(); }
    std::size_t size() const { return m_lines.size(); }
    const std::vector<CartLine>& lines() const { return m_lines; }
    CartLine& line(std::size_t index) { return m_lines.at(index); }
    bool isAddon(std::size_t index) const { return m_lines.at(index).addonTo.has_value(); }
    // The ticket a line belongs to: itself, or the ticket of an add-on.
    std::size_t ticketOf(std::size_t index) const { return m_lines.at(index).addonTo.value_or(index); }
    // What the desk calls the line's ticket: "Ticket 2" is the second ticket, whatever add-ons
    // come before it (1-based).
    std::size_t ticketNumber(std::size_t index) const;

    model::Money total() const;
    // The sale's positions in cart order, add-ons naming their ticket's position; answers left
    // empty are not given at all, so the sale says "required" rather than judging an empty text.
    std::vector<sales::SalePosition> positions() const;

private:
    std::vector<CartLine> m_lines;
};

// A sale's field error that concerns one position: "positions.2.answers.7" is ticket 2's field
// "answers.7". nullopt for other fields ("payment", "positions").
struct PositionField {
    std::size_t index = 0;
    std::string field;
};
std::optional<PositionField> positionField(const std::string& path);

}  // namespace boxoffice::gui
