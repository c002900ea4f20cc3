// The rows of the Orders tab's browser (a wxDataViewCtrl) as a virtual list model: the control
// asks for the text of the cells it shows, and the model reads it from the order index's
// snapshot (desk::OrderIndex) through the row numbers the last search produced. Showing a page
// of rows costs the UI thread what the control draws, not what the event holds.
//
// Before the event's index is built, the model shows a preview: the newest orders, read with
// their positions (Preview). Owned by the OrdersPanel's control (reference counted by wx);
// UI thread only.
#pragma once

#include "boxoffice/desk/OrderIndex.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Order.h"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <wx/dataview.h>

namespace boxoffice::gui {

class OrderBrowserModel : public wxDataViewVirtualListModel {
public:
    // The model's columns; each mode shows some of them (columns()).
    enum Column : unsigned { Code, Status, Name, Email, Total, Date, Positions, Product, Secret, ColumnCount };

    OrderBrowserModel();

    // The rows [first, first + count) of `rows` (indices into the index's orders or positions by
    // `mode`). Returns what the model held before, for the caller to free off the UI thread.
    struct Page {
        std::shared_ptr<const desk::OrderIndex> index;
        std::shared_ptr<const std::vector<std::uint32_t>> rows;
        std::size_t first = 0;
        std::size_t count = 0;
        desk::BrowseMode mode = desk::BrowseMode::Orders;
    };
    Page showPage(Page page);
    // The newest orders while the index is built (orders mode only).
    std::vector<model::Order> showPreview(std::vector<model::Order> orders);

    void setCatalogue(std::map<model::Id, model::Item> items, std::string currency);
    const std::map<model::Id, model::Item>& items() const { return m_items; }
    const std::string& currency() const { return m_currency; }

    desk::BrowseMode mode() const { return m_page.mode; }
    bool preview() const { return !m_preview.empty(); }
    // The order and position (0 in orders mode) on `row`, or nullopt when out of range.
    struct RowIds {
        model::Id orderId = 0;
        model::Id positionId = 0;
    };
    std::optional<RowIds> ids(unsigned row) const;
    // The row showing this order (orders mode) or position, if it is on the page.
    std::optional<unsigned> rowOf(model::Id orderId, model::Id positionId) const;

    // The columns `mode` shows, in order, with their headings.
    static std::vector<Column> columns(desk::BrowseMode mode);
    static wxString heading(Column column, desk::BrowseMode mode);
    static desk::SortKey sortKey(Column column);

    // "Product - Variation" from the catalogue.
    wxString productName(model::Id itemId, model::Id variationId) const;

    unsigned GetColumnCount() const override { return ColumnCount; }
    wxString GetColumnType(unsigned) const override { return wxS("string"); }
    void GetValueByRow(wxVariant& value, unsigned row, unsigned column) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }

private:
    wxString cell(unsigned row, unsigned column) const;
    wxString previewCell(const model::Order& order, unsigned column) const;

    Page m_page;
    std::vector<model::Order> m_preview;
    std::map<model::Id, model::Item> m_items;
    std::string m_currency;
};

// The buyer's name as pretix shows it: the invoice address, else the first attendee's name.
std::string buyerName(const model::Order& order);

} // namespace boxoffice::gui
