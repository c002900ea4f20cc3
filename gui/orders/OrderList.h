// The virtual list of orders in the Orders panel: holds the orders the panel last read and hands
// wx the text of each visible cell on demand, so long lists cost nothing to show.
// Owned by the OrdersPanel (a child window); UI thread only.
#pragma once

#include "boxoffice/model/Order.h"

#include <cstddef>
#include <string>
#include <vector>
#include <wx/listctrl.h>

namespace boxoffice::gui {

class OrderList : public wxListView {
public:
    enum Column : long { Code, Status, Name, Email, Total, Date, Positions, ColumnCount };

    explicit OrderList(wxWindow* parent);

    // Replaces the rows; the selection is cleared. Returns the rows shown before (for the caller
    // to free where it costs the UI thread nothing).
    std::vector<model::Order> setOrders(std::vector<model::Order> orders, std::string currency);
    // The order in `row`, or nullptr when out of range.
    const model::Order* order(long row) const;
    std::size_t size() const { return m_orders.size(); }

private:
    wxString OnGetItemText(long item, long column) const override;

    std::vector<model::Order> m_orders;
    std::string m_currency;
};

// The buyer's name as pretix shows it: the invoice address, else the first attendee's name.
std::string buyerName(const model::Order& order);

} // namespace boxoffice::gui
