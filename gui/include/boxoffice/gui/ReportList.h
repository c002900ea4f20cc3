// A native report list (wxListCtrl) with named columns, single selection, and a wx name so tests
// and screen readers find it. Column widths are in DIPs. UI thread only.
#pragma once

#include <initializer_list>
#include <utility>
#include <wx/listctrl.h>

namespace boxoffice::gui {

inline wxListCtrl* makeReportList(wxWindow* parent, const char* name,
                                  std::initializer_list<std::pair<wxString, int>> columns) {
    auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL,
                                wxDefaultValidator, wxString::FromUTF8(name));
    for (const auto& [title, width] : columns) {
        list->AppendColumn(title, wxLIST_FORMAT_LEFT, parent->FromDIP(width));
    }
    return list;
}

}  // namespace boxoffice::gui
