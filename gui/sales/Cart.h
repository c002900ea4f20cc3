// The desk's cart before a sale: the tickets chosen, each with its attendee name and answers,
// and what they cost. Turns into the sale's positions (sales::SaleRequest) and maps the sale's
// field errors ("positions.2.answers.7") back to the ticket they concern, so a refused sale keeps
// everything typed and shows each problem where it was made. Plain data without wx; owned by the
// SalesPanel, UI thread only.
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
};

class Cart {
public:
    // Appends `quantity` copies of `line` (quantity below 1 adds nothing).
    void add(const CartLine& line, int quantity);
    void remove(std::size_t index);
    void clear() { m_lines.clear(); }

    bool empty() const { return m_lines.empty(); }
    std::size_t size() const { return m_lines.size(); }
    const std::vector<CartLine>& lines() const { return m_lines; }
    CartLine& line(std::size_t index) { return m_lines.at(index); }

    model::Money total() const;
    // The sale's positions in cart order; answers left empty are not given at all, so the sale
    // says "required" rather than judging an empty text.
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
