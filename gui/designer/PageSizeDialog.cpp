#include "designer/PageSizeDialog.h"

#include "boxoffice/render/BackgroundPdf.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {

// A custom side in millimetres: from a narrow wristband to a poster.
constexpr double kMinSideMm = 10.0;
constexpr double kMaxSideMm = 2000.0;

constexpr double toMm(double points) { return points * 25.4 / 72.0; }

bool same(render::PageSize a, render::PageSize b) {
    return std::abs(a.width - b.width) < 0.01 && std::abs(a.height - b.height) < 0.01;
}

render::PageSize turned(render::PageSize size) { return {size.height, size.width}; }

} // namespace

PageSizeDialog::PageSizeDialog(wxWindow* parent, render::PageSize current)
    : wxDialog(parent, wxID_ANY, _("Blank page"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE,
               wxS("designer.pageSize.dialog")) {
    m_sizes = {render::kA4, render::kA5, render::kA6, render::kLetter, render::k4x6Inches};
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(this, wxID_ANY,
                                 _("The layout's background becomes blank pages of this size. The elements stay "
                                   "where they are.")),
                0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));

    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Paper:")), 0, wxALIGN_CENTER_VERTICAL);
    m_paper = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                           wxS("pageSize.paper"));
    m_paper->Append(_("A4 (210 x 297 mm)"));
    m_paper->Append(_("A5 (148 x 210 mm)"));
    m_paper->Append(_("A6 (105 x 148 mm)"));
    m_paper->Append(_("Letter (8.5 x 11 in)"));
    m_paper->Append(_("4 x 6 in (102 x 152 mm)"));
    m_paper->Append(_("Custom size"));
    grid->Add(m_paper, 1, wxEXPAND);
    grid->AddSpacer(0);
    m_landscape = new wxCheckBox(this, wxID_ANY, _("&Landscape"), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, wxS("pageSize.landscape"));
    grid->Add(m_landscape);
    auto spin = [&](const wxString& label, const char* name) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        auto* s = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                                       kMinSideMm, kMaxSideMm, 100.0, 1.0, wxString::FromUTF8(name));
        s->SetDigits(1);
        grid->Add(s, 1, wxEXPAND);
        return s;
    };
    m_width = spin(_("&Width (mm):"), "pageSize.width");
    m_height = spin(_("&Height (mm):"), "pageSize.height");
    grid->AddGrowableCol(1);
    column->Add(grid, 0, wxEXPAND | wxALL, FromDIP(10));

    auto* buttons = new wxStdDialogButtonSizer();
    buttons->AddButton(new wxButton(this, wxID_OK, _("&Make blank page")));
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
    buttons->Realize();
    column->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(column);

    // The paper `current` is, either way round; else its own size.
    int at = paperIndex(current);
    bool wide = false;
    if (at == static_cast<int>(m_sizes.size()) && current.width > current.height) {
        at = paperIndex(turned(current));
        wide = at < static_cast<int>(m_sizes.size());
    }
    m_paper->SetSelection(at);
    m_landscape->SetValue(wide);
    m_width->SetValue(toMm(current.width));
    m_height->SetValue(toMm(current.height));
    showSize();
    m_paper->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { showSize(); });
    m_landscape->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { showSize(); });
    m_paper->SetFocus();
}

int PageSizeDialog::paperIndex(render::PageSize size) const {
    const auto found = std::find_if(m_sizes.begin(), m_sizes.end(), [&](render::PageSize s) { return same(s, size); });
    return static_cast<int>(found - m_sizes.begin());
}

bool PageSizeDialog::custom() const {
    const int at = m_paper->GetSelection();
    return at < 0 || at >= static_cast<int>(m_sizes.size());
}

render::PageSize PageSizeDialog::pageSize() const {
    if (custom()) {
        return {render::pointsOfMm(m_width->GetValue()), render::pointsOfMm(m_height->GetValue())};
    }
    const render::PageSize size = m_sizes[static_cast<std::size_t>(m_paper->GetSelection())];
    return m_landscape->GetValue() ? turned(size) : size;
}

void PageSizeDialog::showSize() {
    const bool own = custom();
    m_width->Enable(own);
    m_height->Enable(own);
    m_landscape->Enable(!own);
    if (!own) {
        const render::PageSize size = pageSize();
        m_width->SetValue(toMm(size.width));
        m_height->SetValue(toMm(size.height));
    }
}

} // namespace boxoffice::gui
