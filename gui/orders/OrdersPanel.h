// The Orders tab: a read-only view of the open event's orders with a search box and a status
// filter; selecting an order lists its positions (attendee, product, secret, check-in state).
// With no orders it explains how to get some. Created and owned by the main frame's notebook;
// UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Order.h"

#include <map>
#include <string>

class wxChoice;
class wxListCtrl;
class wxListEvent;
class wxSearchCtrl;
class wxStaticText;

namespace boxoffice::gui {

class EmptyState;
class OrderList;

class OrdersPanel : public StorePanel {
public:
    OrdersPanel(wxWindow* parent, model::Store& store);

private:
    void doReload() override;
    void applyFilter();
    void showPositions();
    void showEmptyState(bool empty);
    wxString productName(const model::OrderPosition& position) const;
    wxString checkinState(const model::OrderPosition& position);

    wxWindow* m_content = nullptr;
    EmptyState* m_empty = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxChoice* m_status = nullptr;
    wxStaticText* m_count = nullptr;
    OrderList* m_orders = nullptr;
    wxListCtrl* m_positions = nullptr;
    std::map<model::Id, model::Item> m_items;
    std::string m_currency;
    long long m_total = 0;
};

} // namespace boxoffice::gui
