// Test helpers for the Orders tab's browser (a wxDataViewCtrl over a virtual model) and the
// positions list beside it: how many rows it shows, a cell's text, and choosing a row.
#pragma once

#include <catch2/catch.hpp>
#include <wx/dataview.h>
#include <wx/window.h>

namespace boxoffice::test {

inline wxDataViewCtrl& browser(wxWindow& frame) {
    auto* view = dynamic_cast<wxDataViewCtrl*>(wxWindow::FindWindowByName(wxS("orders.list"), &frame));
    REQUIRE(view != nullptr);
    return *view;
}

inline unsigned browserRows(wxWindow& frame) {
    const auto* model = dynamic_cast<const wxDataViewVirtualListModel*>(browser(frame).GetModel());
    REQUIRE(model != nullptr);
    return model->GetCount();
}

// The text of the cell in `row` under the `column`th column shown (as the user sees it).
inline wxString browserCell(wxWindow& frame, unsigned row, unsigned column) {
    auto& view = browser(frame);
    auto* model = dynamic_cast<wxDataViewVirtualListModel*>(view.GetModel());
    REQUIRE(model != nullptr);
    REQUIRE(column < view.GetColumnCount());
    wxVariant value;
    model->GetValueByRow(value, row, view.GetColumn(column)->GetModelColumn());
    return value.GetString();
}

// Selects `row` and tells the control's owner, as a click on the row does.
inline void selectBrowserRow(wxWindow& frame, unsigned row) {
    auto& view = browser(frame);
    auto* model = dynamic_cast<wxDataViewVirtualListModel*>(view.GetModel());
    REQUIRE(model != nullptr);
    const wxDataViewItem item = model->GetItem(row);
    view.Select(item);
    wxDataViewEvent event(wxEVT_DATAVIEW_SELECTION_CHANGED, &view, item);
    view.ProcessWindowEvent(event);
}

inline wxDataViewListCtrl& positionsList(wxWindow& frame) {
    auto* view = dynamic_cast<wxDataViewListCtrl*>(wxWindow::FindWindowByName(wxS("orders.positions"), &frame));
    REQUIRE(view != nullptr);
    return *view;
}

inline void selectPosition(wxWindow& frame, unsigned row) {
    auto& view = positionsList(frame);
    REQUIRE(row < static_cast<unsigned>(view.GetItemCount()));
    view.SelectRow(row);
    wxDataViewEvent event(wxEVT_DATAVIEW_SELECTION_CHANGED, &view, view.RowToItem(static_cast<int>(row)));
    view.ProcessWindowEvent(event);
}

}  // namespace boxoffice::test
