// The Designer's "Products..." dialog: which of the event's products print their tickets with a
// layout, as a list of check boxes (checked: assigned to this layout). A product assigned to
// another layout says which; checking it moves it here when the assignment is saved. The caller
// reads the products and saves the result (pdf::saveLayout with item assignments).
// Created on the stack by DesignerPanel and shown modally; UI thread only.
#pragma once

#include "boxoffice/model/Types.h"

#include <vector>
#include <wx/dialog.h>

class wxCheckListBox;

namespace boxoffice::gui {

// One product as the dialog lists it.
struct ProductChoice {
    model::Id id = 0;
    wxString name;
    wxString otherLayout;  // the layout it prints with now, when that is another one
    bool assigned = false;  // to the layout being edited
};

class ProductsDialog : public wxDialog {
public:
    ProductsDialog(wxWindow* parent, const wxString& layoutName, const std::vector<ProductChoice>& products);

    // The products checked now, in the order listed.
    std::vector<model::Id> checked() const;
    wxCheckListBox& list() { return *m_list; }

private:
    std::vector<model::Id> m_ids;
    wxCheckListBox* m_list = nullptr;
};

} // namespace boxoffice::gui
