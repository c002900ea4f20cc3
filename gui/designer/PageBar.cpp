#include "designer/PageBar.h"

#include "boxoffice/gui/GuardedCall.h"

#include <cmath>
#include <wx/button.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/tglbtn.h>

namespace boxoffice::gui {

namespace {

// "105" or "105.5": a side in millimetres to a tenth.
wxString millimetres(layout::Length length) {
    const double mm = std::round(length.toMm() * 10.0) / 10.0;
    return mm == std::round(mm) ? wxString::Format(wxS("%.0f"), mm) : wxString::Format(wxS("%.1f"), mm);
}

} // namespace

PageBar::PageBar(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("designer.pages")) {
    SetLabel(_("Pages"));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_pageSizer = new wxBoxSizer(wxHORIZONTAL);
    row->Add(m_pageSizer, 0, wxALIGN_CENTER_VERTICAL);
    m_addPage = new wxButton(this, wxID_ANY, _("Add page"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                             wxDefaultValidator, wxS("designer.addPage"));
    m_addPage->SetToolTip(_("Add a blank page after the last one, the size of the others"));
    row->Add(m_addPage, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
    m_removePage = new wxButton(this, wxID_ANY, _("Remove page"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                                wxDefaultValidator, wxS("designer.removePage"));
    m_removePage->SetToolTip(_("Remove the page shown with its elements; the pages after it move up one. A page "
                               "button's context menu removes that page."));
    row->Add(m_removePage, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(4));
    row->AddStretchSpacer();
    m_size = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("designer.pageSize"));
    row->Add(m_size, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    m_background = new wxButton(this, wxID_ANY, _("&Background"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                                wxDefaultValidator, wxS("designer.background"));
    m_background->SetToolTip(_("Upload a PDF to print the tickets on, make a blank page of a chosen size, or remove "
                               "the background"));
    row->Add(m_background, 0, wxALIGN_CENTER_VERTICAL);
    SetSizer(row);

    m_addPage->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onAddPage) {
            guardedCall(onAddPage, this);
        }
    });
    m_removePage->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onRemovePage && m_current >= 1) {
            guardedCall([this] { onRemovePage(m_current); }, this);
        }
    });
    m_background->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onBackground) {
            guardedCall(onBackground, this);
        }
    });
    setPages(0, 0, 0);
}

void PageBar::setPages(int count, int printed, int current) {
    const bool changed = count != this->count() || printed != m_printed;
    m_printed = printed;
    m_current = current;
    if (changed) {
        for (auto* b : m_pages) {
            b->Destroy();
        }
        m_pages.clear();
        for (int page = 1; page <= count; ++page) {
            const bool prints = page <= printed;
            // TRANSLATORS: a page of a ticket layout, "Page 2"; a page that prints nothing is
            // "Page 3 (not printed)".
            const wxString label = prints ? wxString::Format(_("Page %d"), page)
                                          : wxString::Format(_("Page %d (not printed)"), page);
            auto* button = new wxToggleButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                                              wxDefaultValidator, wxString::Format(wxS("designer.page.%d"), page));
            button->SetToolTip(prints ? wxString::Format(_("Show page %d"), page)
                                      : wxString::Format(wxPLURAL("Prints nothing: the background has only %d page. "
                                                                  "Add pages to print this one.",
                                                                  "Prints nothing: the background has only %d pages. "
                                                                  "Add pages to print this one.",
                                                                  static_cast<unsigned>(printed)),
                                                         printed));
            button->Bind(wxEVT_TOGGLEBUTTON, [this, page, button](wxCommandEvent&) {
                // A pressed page stays pressed: pressing it again changes nothing.
                button->SetValue(true);
                if (page != m_current && onChoose) {
                    guardedCall([&] { onChoose(page); }, this);
                }
            });
            button->Bind(wxEVT_CONTEXT_MENU, [this, page](wxContextMenuEvent&) { showPageMenu(page); });
            m_pageSizer->Add(button, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(2));
            m_pages.push_back(button);
        }
        Layout();
    }
    for (std::size_t i = 0; i < m_pages.size(); ++i) {
        m_pages[i]->SetValue(static_cast<int>(i) + 1 == current);
    }
    updateRemovable();
}

void PageBar::setPageSize(std::optional<std::pair<layout::Length, layout::Length>> size) {
    // TRANSLATORS: the size of a ticket's pages, "105 x 148 mm".
    const wxString text = size ? wxString::Format(_("%s x %s mm"), millimetres(size->first), millimetres(size->second))
                               : wxString();
    if (m_size->GetLabel() != text) {
        m_size->SetLabel(text);
        Layout();
    }
}

void PageBar::enableEditing(bool enabled) {
    m_editing = enabled;
    m_addPage->Enable(enabled);
    m_background->Enable(enabled);
    updateRemovable();
}

void PageBar::updateRemovable() { m_removePage->Enable(m_editing && count() > 1); }

void PageBar::showPageMenu(int page) {
    wxMenu menu;
    // TRANSLATORS: in a page button's context menu: "Remove page 2".
    menu.Append(wxID_DELETE, wxString::Format(_("&Remove page %d"), page));
    menu.Enable(wxID_DELETE, m_editing && count() > 1);
    menu.Bind(wxEVT_MENU, [this, page](wxCommandEvent&) {
        // Once the menu is closed and the button's event is over: removing a page rebuilds the
        // page buttons, this one too.
        CallAfter([this, page] {
            if (onRemovePage) {
                guardedCall([&] { onRemovePage(page); }, this);
            }
        });
    });
    if (auto* button = pageButton(page)) {
        button->PopupMenu(&menu, 0, button->GetSize().y);
    }
}

wxToggleButton* PageBar::pageButton(int page) const {
    return page >= 1 && page <= count() ? m_pages[static_cast<std::size_t>(page - 1)] : nullptr;
}

} // namespace boxoffice::gui
