#include "designer/GuideDialog.h"

#include "boxoffice/gui/GuardedCall.h"
#include "designer/DesignerCanvas.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

using layout::Length;

namespace {

enum GuideMenuId { kAddGuide = wxID_HIGHEST + 760, kClearGuides };

} // namespace

GuideDialog::GuideDialog(wxWindow* parent, render::PageSize page)
    : wxDialog(parent, wxID_ANY, _("Add guide"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE,
               wxS("designer.guide.dialog")),
      m_page(page) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(this, wxID_ANY,
                                 _("Moved and resized elements snap to guides. Guides are not printed and not "
                                   "saved with the layout.")),
                0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    const wxString directions[] = {_("&Vertical (x)"), _("&Horizontal (y)")};
    m_direction = new wxRadioBox(this, wxID_ANY, _("Direction"), wxDefaultPosition, wxDefaultSize, 2, directions, 1,
                                 wxRA_SPECIFY_ROWS, wxDefaultValidator, wxS("guide.direction"));
    column->Add(m_direction, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_distanceLabel = new wxStaticText(this, wxID_ANY, wxString());
    row->Add(m_distanceLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_distance = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0.0,
                                      1.0, 0.0, 1.0, wxS("guide.distance"));
    m_distance->SetDigits(1);
    row->Add(m_distance, 1, wxALIGN_CENTER_VERTICAL);
    column->Add(row, 0, wxEXPAND | wxALL, FromDIP(10));

    auto* buttons = new wxStdDialogButtonSizer();
    buttons->AddButton(new wxButton(this, wxID_OK, _("&Add guide")));
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
    buttons->Realize();
    column->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    showDirection();
    SetSizerAndFit(column);
    m_direction->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { showDirection(); });
    m_distance->SetFocus();
}

void GuideDialog::showDirection() {
    const bool vertical = m_direction->GetSelection() != 1;
    m_distanceLabel->SetLabel(vertical ? _("Distance from the &left edge (mm):") : _("Distance from the &top edge (mm):"));
    const double most = Length::pt(vertical ? m_page.width : m_page.height).toMm();
    m_distance->SetRange(0.0, most);
    m_distance->SetValue(most / 2.0);
    Layout();
}

layout::Guide GuideDialog::guide() const {
    const Length distance = Length::mm(m_distance->GetValue());
    if (m_direction->GetSelection() != 1) {
        return layout::Guide{true, distance};
    }
    return layout::Guide{false, Length::pt(m_page.height) - distance};
}

bool addGuideFromDialog(wxWindow* parent, DesignerCanvas& canvas) {
    if (!canvas.document()) {
        return false;
    }
    GuideDialog dialog(parent, canvas.pageSize());
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    canvas.addGuide(dialog.guide());
    canvas.SetFocus();
    return true;
}

wxButton* makeGuidesButton(wxWindow* parent, DesignerCanvas& canvas) {
    auto* button = new wxButton(parent, wxID_ANY, _("Guides"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                                wxDefaultValidator, wxS("designer.guides"));
    button->SetToolTip(_("Add a guide at a distance you type, or remove every guide. With the mouse, drag a guide "
                         "from a ruler onto the page"));
    button->Bind(wxEVT_BUTTON, [button, parent, &canvas](wxCommandEvent&) {
        wxMenu menu;
        menu.Append(kAddGuide, _("&Add guide..."));
        menu.Append(kClearGuides, _("&Clear guides"));
        menu.Enable(kAddGuide, canvas.document() != nullptr);
        menu.Enable(kClearGuides, !canvas.guides().empty());
        menu.Bind(wxEVT_MENU, [parent, &canvas](wxCommandEvent& event) {
            if (event.GetId() == kAddGuide) {
                guardedCall([&] { addGuideFromDialog(parent, canvas); }, parent);
            } else if (event.GetId() == kClearGuides) {
                canvas.clearGuides();
            }
        });
        button->PopupMenu(&menu, 0, button->GetSize().y);
    });
    return button;
}

} // namespace boxoffice::gui
