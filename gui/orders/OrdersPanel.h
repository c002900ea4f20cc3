// The Orders tab: the open event's orders with a search box and a status filter; selecting an
// order lists its positions (attendee, product, secret, check-in state), and the selected
// position can be checked in or out, its check-in taken back, its secret copied (PositionActions).
// With no orders it explains how to get some. Created and owned by the main frame's notebook;
// UI thread only.
//
// Nothing here reads the store on the UI thread: loading the event, every search and the
// check-in states of the selected order run on the session's workers, and a newer keystroke
// cancels the search still running (its SQL is interrupted).
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/OrderRepository.h"

#include <map>
#include <optional>
#include <string>

class wxChoice;
class wxListCtrl;
class wxListEvent;
class wxSearchCtrl;
class wxStaticText;

namespace boxoffice::gui {

class EmptyState;
class OrderList;
class PositionActions;

class OrdersPanel : public StorePanel {
public:
    OrdersPanel(wxWindow* parent, Session& session);

    // Whether a load or search is still on its way (tests wait for it).
    bool busy() const { return m_busy; }

private:
    struct Loaded;
    void doReload() override;
    void applyFilter();
    void showOrders(std::vector<model::Order> orders);
    // Lists the selected order's positions, selecting `keep` if it is one of them.
    void showPositions(std::optional<model::Id> keep);
    std::optional<model::Id> selectedPositionId() const;
    void showEmptyState(bool empty);
    wxString productName(const model::OrderPosition& position) const;
    model::OrderQuery currentQuery() const;

    wxWindow* m_content = nullptr;
    EmptyState* m_empty = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxChoice* m_status = nullptr;
    wxStaticText* m_count = nullptr;
    OrderList* m_orders = nullptr;
    wxListCtrl* m_positions = nullptr;
    PositionActions* m_actions = nullptr;
    std::vector<model::Id> m_positionIds;  // the IDs of the rows of m_positions
    std::map<model::Id, model::Item> m_items;
    std::string m_currency;
    long long m_total = 0;
    bool m_busy = false;
    desk::TaskHandle m_query;      // the load or search running
    desk::TaskHandle m_checkins;   // the selected order's check-in states
    desk::TaskHandle m_lists;      // the check-in lists for the actions
};

} // namespace boxoffice::gui
