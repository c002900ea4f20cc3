// The Orders tab: the order browser. A native virtual list (wxDataViewCtrl) over the open
// event's orders, or over its positions (attendees); search as you type over codes, names,
// e-mails, companies, secrets and answers, ignoring case and accents; filters by order status,
// product and variation, date of a series, check-in list and checked in or not; sortable
// columns whose widths are remembered. Selecting a row shows the order in the detail pane
// (OrderDetails) with its positions, and the selected position's actions (PositionActions).
// With no orders it explains how to get some. Created and owned by the main frame's notebook;
// UI thread only.
//
// Nothing here reads the store on the UI thread. The event's orders are read once into an
// index (desk::OrderIndex) on a worker, rebuilt when they change; until the first one is ready
// the newest orders are shown. Every search and filter runs over the index on a worker, and a
// newer keystroke cancels the one still running. The control shows a page of at most kPageSize
// rows of the result: GTK's list builds a node per row on the UI thread, so a page keeps that
// work bounded however large the event is; Previous and Next page through the rest.
#pragma once

#include "boxoffice/desk/OrderIndex.h"
#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Order.h"

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <wx/timer.h>

class wxButton;
class wxChoice;
class wxDataViewCtrl;
class wxDataViewEvent;
class wxDataViewListCtrl;
class wxRadioButton;
class wxSearchCtrl;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class EmptyState;
class OrderBrowserModel;
struct OrderDetails;
class PositionActions;

class OrdersPanel : public StorePanel {
public:
    static constexpr std::size_t kPageSize = 10'000;
    static constexpr std::int64_t kPreviewSize = 200;

    OrdersPanel(wxWindow* parent, Session& session);
    ~OrdersPanel() override;

    // The rows the current search and filters found (all pages).
    std::size_t resultCount() const;

private:
    struct Catalogue;
    void doReload() override;
    void buildIndex();
    void applyFilter();
    desk::BrowseFilter currentFilter() const;
    void showResult(std::shared_ptr<const std::vector<std::uint32_t>> rows);
    void showPage(std::size_t page);
    void showCatalogue(Catalogue&& catalogue);
    void setMode(desk::BrowseMode mode);
    void rebuildColumns();
    void onSorted(wxDataViewEvent& event);
    void onSelected();
    void loadDetails(model::Id orderId, model::Id positionId);
    void showDetails(std::unique_ptr<OrderDetails> details, model::Id positionId);
    void clearDetails();
    std::optional<model::OrderPosition> selectedPosition() const;
    void rememberColumnWidths();
    void showEmptyState(bool empty);
    void updateCount();

    wxWindow* m_content = nullptr;
    EmptyState* m_empty = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxRadioButton* m_ordersMode = nullptr;
    wxRadioButton* m_positionsMode = nullptr;
    wxChoice* m_status = nullptr;
    wxChoice* m_product = nullptr;
    wxChoice* m_date = nullptr;
    wxChoice* m_list = nullptr;
    wxChoice* m_checked = nullptr;
    wxStaticText* m_count = nullptr;
    wxButton* m_previous = nullptr;
    wxButton* m_next = nullptr;
    wxStaticText* m_pageLabel = nullptr;
    wxDataViewCtrl* m_browser = nullptr;
    OrderBrowserModel* m_model = nullptr;  // owned by m_browser (reference counted)
    wxTextCtrl* m_details = nullptr;
    wxDataViewListCtrl* m_positions = nullptr;
    PositionActions* m_actions = nullptr;

    desk::BrowseMode m_mode = desk::BrowseMode::Orders;
    desk::SortKey m_sort = desk::SortKey::Date;
    bool m_ascending = false;
    std::shared_ptr<const desk::OrderIndex> m_index;
    std::shared_ptr<const std::vector<std::uint32_t>> m_rows;
    // Where the last search text was found, and in which index.
    std::shared_ptr<const desk::SearchMarks> m_marks;
    std::weak_ptr<const desk::OrderIndex> m_marksIndex;
    std::size_t m_page = 0;
    // Filter choices: what each entry after the first ("All ...") stands for.
    std::vector<std::pair<model::Id, model::Id>> m_productChoices;  // item, variation (0: any)
    std::vector<model::Id> m_dateChoices;
    std::vector<model::CheckinList> m_lists;  // with their products
    std::int64_t m_total = 0;
    bool m_indexing = false;
    bool m_indexStale = false;  // the orders changed while the index was being built
    model::Id m_indexEvent = 0;
    // The order shown in the detail pane and its positions in display order.
    std::unique_ptr<OrderDetails> m_shown;
    std::vector<std::size_t> m_shownPositions;
    model::Id m_wantedPosition = 0;
    // Column widths per mode as remembered ("80,90,..."), and a timer that notices changes.
    std::array<std::string, 2> m_widths;
    wxTimer m_widthTimer;
    desk::TaskHandle m_catalogue;
    desk::TaskHandle m_indexTask;
    desk::TaskHandle m_query;
    desk::TaskHandle m_detailTask;
};

} // namespace boxoffice::gui
