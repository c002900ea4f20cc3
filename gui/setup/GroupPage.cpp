#include "setup/GroupPage.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

GroupPage::GroupPage(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("setup.group")) {
    m_title = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                               wxS("setup.group.title"));
    m_title->SetFont(m_title->GetFont().Scale(1.25f).Bold());
    m_text = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("setup.group.text"));
    m_new = new wxButton(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("setup.group.new"));
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(m_title, 0, wxALL, FromDIP(10));
    column->Add(m_text, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    column->Add(m_new, 0, wxLEFT | wxRIGHT, FromDIP(10));
    SetSizer(column);
    m_new->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onNew) {
            onNew();
        }
    });
}

void GroupPage::show(const wxString& title, const wxString& text, const wxString& newLabel) {
    m_title->SetLabel(title);
    m_text->SetLabel(text);
    m_text->Wrap(FromDIP(520));
    m_new->SetLabel(newLabel);
    Layout();
}

} // namespace boxoffice::gui
