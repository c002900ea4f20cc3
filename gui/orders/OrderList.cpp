#include "orders/OrderList.h"

#include "boxoffice/gui/Format.h"

#include <utility>

namespace boxoffice::gui {

std::string buyerName(const model::Order& order) {
    if (order.invoiceAddress && !order.invoiceAddress->name.empty()) {
        return order.invoiceAddress->name;
    }
    for (const auto& position : order.positions) {
        if (position.attendeeName && !position.attendeeName->empty()) {
            return *position.attendeeName;
        }
    }
    if (order.invoiceAddress) {
        return order.invoiceAddress->company;
    }
    return {};
}

OrderList::OrderList(wxWindow* parent)
    : wxListView(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES, wxDefaultValidator,
                 wxS("orders.list")) {
    AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(80));
    AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(90));
    AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(180));
    AppendColumn(_("Email"), wxLIST_FORMAT_LEFT, FromDIP(220));
    AppendColumn(_("Total"), wxLIST_FORMAT_RIGHT, FromDIP(110));
    AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, FromDIP(140));
    AppendColumn(_("Positions"), wxLIST_FORMAT_RIGHT, FromDIP(80));
}

std::vector<model::Order> OrderList::setOrders(std::vector<model::Order> orders, std::string currency) {
    std::vector<model::Order> previous = std::exchange(m_orders, std::move(orders));
    m_currency = std::move(currency);
    for (long row = GetFirstSelected(); row != -1; row = GetNextSelected(row)) {
        SetItemState(row, 0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    SetItemCount(static_cast<long>(m_orders.size()));
    Refresh();
    return previous;
}

const model::Order* OrderList::order(long row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= m_orders.size()) {
        return nullptr;
    }
    return &m_orders[static_cast<std::size_t>(row)];
}

wxString OrderList::OnGetItemText(long item, long column) const {
    const model::Order* o = order(item);
    if (o == nullptr) {
        return {};
    }
    switch (column) {
    case Code:
        return fromUtf8(o->code);
    case Status:
        return statusText(o->status);
    case Name:
        return fromUtf8(buyerName(*o));
    case Email:
        return fromUtf8(o->email);
    case Total:
        return money(o->total, m_currency);
    case Date:
        return localDateTime(o->datetime);
    case Positions:
        return wxString::Format(wxS("%lld"), static_cast<long long>(o->positions.size()));
    default:
        return {};
    }
}

} // namespace boxoffice::gui
