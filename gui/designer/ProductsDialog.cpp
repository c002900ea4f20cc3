#include "designer/ProductsDialog.h"

#include <wx/checklst.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

ProductsDialog::ProductsDialog(wxWindow* parent, const wxString& layoutName, const std::vector<ProductChoice>& products)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Products of \"%s\""), layoutName), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("designer.products")) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("Tickets of the checked &products print with this layout. A product belongs to one "
                                     "layout only: checking it takes it from the layout it had. Products not checked "
                                     "anywhere print with the default layout."));
    intro->Wrap(FromDIP(420));
    column->Add(intro, 0, wxALL, FromDIP(10));
    wxArrayString names;
    for (const auto& product : products) {
        m_ids.push_back(product.id);
        // TRANSLATORS: a product in the layout's products dialog, with the layout it prints with now.
        names.Add(product.otherLayout.empty() ? product.name
                                              : wxString::Format(_("%s (now: %s)"), product.name, product.otherLayout));
    }
    m_list = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(420, 220)), names, 0,
                                wxDefaultValidator, wxS("designer.products.list"));
    for (std::size_t i = 0; i < products.size(); ++i) {
        m_list->Check(static_cast<unsigned>(i), products[i].assigned);
    }
    column->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    column->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(column);
    m_list->SetFocus();
}

std::vector<model::Id> ProductsDialog::checked() const {
    std::vector<model::Id> out;
    for (std::size_t i = 0; i < m_ids.size(); ++i) {
        if (m_list->IsChecked(static_cast<unsigned>(i))) {
            out.push_back(m_ids[i]);
        }
    }
    return out;
}

} // namespace boxoffice::gui
