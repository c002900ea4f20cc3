#include "designer/PropertiesPanel.h"

#include "designer/PropertyControls.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/render/Fonts.h"

#include <algorithm>
#include <cmath>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/clrpicker.h>
#include <wx/sizer.h>
#include <wx/settings.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

using layout::Length;
using layout::Property;
using props::setCheck;
using props::setSpin;
using props::setText;
using props::Updating;

PropertiesPanel::PropertiesPanel(wxWindow* parent, Session& session)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL,
                       wxS("designer.properties")),
      m_session(session) {
    // Scrolling starts once the panel has a size of its own: GTK complains about a scroll bar
    // squeezed into the few pixels a page of the notebook has while the frame is built.
    SetScrollRate(0, 0);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        int unitX = 0, unitY = 0;
        GetScrollPixelsPerUnit(&unitX, &unitY);
        if (unitY == 0 && GetClientSize().y >= FromDIP(100) && GetClientSize().x >= FromDIP(100)) {
            SetScrollRate(0, FromDIP(10));
        }
    });
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_heading = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                 wxS("designer.prop.heading"));
    m_heading->SetFont(m_heading->GetFont().Bold());
    column->Add(m_heading, 0, wxEXPAND | wxALL, FromDIP(8));
    m_hint = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("designer.prop.hint"));
    column->Add(m_hint, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    m_grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    m_grid->AddGrowableCol(1);
    column->Add(m_grid, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(column);

    m_x = spin("designer.prop.x", -1000, 10000, 0.5, 2);
    m_xRow = addRow(_("&X (mm):"), m_x);
    m_y = spin("designer.prop.y", -1000, 10000, 0.5, 2);
    m_yRow = addRow(_("&Y (mm):"), m_y);
    m_width = spin("designer.prop.width", 1, 10000, 0.5, 2);
    m_widthRow = addRow(_("&Width (mm):"), m_width);
    m_height = spin("designer.prop.height", 1, 10000, 0.5, 2);
    m_heightRow = addRow(_("&Height (mm):"), m_height);
    m_size = spin("designer.prop.size", 1, 10000, 0.5, 2);
    m_sizeRow = addRow(_("&Size (mm):"), m_size);
    m_rotation = spin("designer.prop.rotation", -180, 180, 1, 1);
    m_rotationRow = addRow(_("&Rotation (degrees):"), m_rotation);
    m_page = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(150, -1)),
                            wxSP_ARROW_KEYS | wxTE_PROCESS_ENTER, 1, 1, 1, wxS("designer.prop.page"));
    m_page->SetToolTip(_("The page of the ticket this element prints on."));
    m_pageRow = addRow(_("Pa&ge:"), m_page);

    buildTextRows();

    m_noWhitespace = new wxCheckBox(this, wxID_ANY, _("Without &quiet zone"), wxDefaultPosition, wxDefaultSize, 0,
                                    wxDefaultValidator, wxS("designer.prop.nowhitespace"));
    m_noWhitespace->SetToolTip(_("The code fills its square edge to edge, the same size on every printer and "
                                 "scanner app; otherwise a blank margin of four modules is inside the square."));
    m_noWhitespaceRow = addRow(wxString(), m_noWhitespace);
    const wxString logoStyles[] = {_("Dark"), _("Light")};
    m_logoStyle = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 2, logoStyles, 0, wxDefaultValidator,
                               wxS("designer.prop.logostyle"));
    m_logoRow = addRow(_("St&yle:"), m_logoStyle);
    m_image = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             wxS("designer.prop.image"));
    m_image->SetToolTip(_("The image variable whose picture goes here (empty: none)."));
    m_imageRow = addRow(_("I&mage:"), m_image);

    // Position: for several elements, their lower left corner together.
    m_x->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) { editPosition(true, event.GetValue()); });
    m_y->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) { editPosition(false, event.GetValue()); });
    m_width->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) {
        const Length v = Length::mm(event.GetValue());
        editElement(Property::Size, "prop:width", true, [v](layout::Element& e) {
            if (auto* t = std::get_if<layout::TextContainer>(&e)) {
                t->width = v;
            } else if (auto* a = std::get_if<layout::TextArea>(&e)) {
                a->width = v;
            } else if (auto* i = std::get_if<layout::ImageArea>(&e)) {
                i->width = v;
            }
        });
    });
    m_height->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) {
        const Length v = Length::mm(event.GetValue());
        editElement(Property::Size, "prop:height", true, [v](layout::Element& e) {
            // The top edge stays where it is (the pivot of a turned text box).
            if (auto* t = std::get_if<layout::TextContainer>(&e)) {
                t->base.bottom = t->base.bottom + t->height - v;
                t->height = v;
            } else if (auto* i = std::get_if<layout::ImageArea>(&e)) {
                i->base.bottom = i->base.bottom + i->height - v;
                i->height = v;
            }
        });
    });
    m_size->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) {
        const Length v = Length::mm(event.GetValue());
        editElement(Property::Size, "prop:size", true, [v](layout::Element& e) {
            if (auto* b = std::get_if<layout::BarcodeArea>(&e)) {
                b->size = v;
            } else if (auto* p = std::get_if<layout::PoweredBy>(&e)) {
                p->size = v;
            }
        });
    });
    m_rotation->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) {
        if (m_updating || !m_document || m_document->selection().size() != 1) {
            return;
        }
        if (m_document->rotate(m_document->selection().front(), event.GetValue(), "prop:rotation")) {
            m_document->endBurst();
            edited();
        }
    });
    m_page->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent& event) {
        if (m_updating || !m_document) {
            return;
        }
        m_document->endBurst();
        if (m_document->moveSelectedToPage(event.GetPosition())) {
            edited();
        }
    });
    bindTextRows();
    m_noWhitespace->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        const bool v = event.IsChecked();
        editElement(Property::QuietZone, nullptr, true, [v](layout::Element& e) {
            if (auto* b = std::get_if<layout::BarcodeArea>(&e)) {
                b->noWhitespace = v;
            }
        });
    });
    m_logoStyle->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        const std::string v = event.GetSelection() == 1 ? "white" : "dark";
        editElement(Property::LogoStyle, nullptr, true, [&v](layout::Element& e) {
            if (auto* p = std::get_if<layout::PoweredBy>(&e)) {
                p->content = v;
            }
        });
    });
    m_image->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        const std::string v = m_image->GetValue().utf8_string();
        editElement(Property::Image, "prop:image", false, [&v](layout::Element& e) {
            if (auto* i = std::get_if<layout::ImageArea>(&e)) {
                i->content = v;
            }
        });
    });
    m_image->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
        event.Skip();
        if (m_document) {
            m_document->endBurst();
        }
    });
    // As wide as its widest rows need, all shown (GTK sizes a spin button by the digits of its
    // range, wider than asked), with room for the scroll bar.
    SetMinSize(wxSize(std::max(FromDIP(280), GetSizer()->CalcMin().x + wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, this)),
                      -1));
    show(nullptr);

    // The families the renderer has, read once: fontconfig may scan the system's fonts first.
    m_session.run<std::vector<std::string>>(
        this, [](desk::TaskContext&) { return render::fontFamilies(); },
        [this](std::vector<std::string>&& families) { setFamilies(std::move(families)); });
}

wxSpinCtrlDouble* PropertiesPanel::spin(const char* name, double min, double max, double increment, unsigned digits) {
    auto* control = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(150, -1)),
                                         wxSP_ARROW_KEYS | wxTE_PROCESS_ENTER, min, max, min, increment,
                                         wxString::FromUTF8(name));
    control->SetDigits(digits);
    return control;
}

PropertiesPanel::Row PropertiesPanel::addRow(const wxString& label, wxWindow* control) {
    Row row{new wxStaticText(this, wxID_ANY, label), control};
    m_grid->Add(row.label, 0, wxALIGN_CENTER_VERTICAL);
    m_grid->Add(control, 1, wxEXPAND);
    return row;
}

void PropertiesPanel::showRow(const Row& row, bool shown) {
    if (row.control->IsShown() != shown) {
        m_grid->Show(row.label, shown);
        m_grid->Show(row.control, shown);
    }
}

void PropertiesPanel::want(const Row& row, bool shown) {
    if (shown) {
        m_wanted.push_back(&row);
    }
}

void PropertiesPanel::edited() {
    if (onEdited) {
        onEdited();
    }
}

void PropertiesPanel::editElement(Property property, const char* burst, bool oneStep,
                                  const std::function<void(layout::Element&)>& change) {
    if (m_updating || !m_document || m_document->selection().size() != 1) {
        return;
    }
    editSelected(property, burst, oneStep, change);
}

void PropertiesPanel::editSelected(Property property, const char* burst, bool oneStep,
                                   const std::function<void(layout::Element&)>& change) {
    if (m_updating || !m_document || m_document->selection().empty()) {
        return;
    }
    if (m_document->changeSelected(property, change, burst ? std::string_view(burst) : std::string_view())) {
        if (oneStep) {
            m_document->endBurst();
        }
        edited();
    }
}

void PropertiesPanel::editPosition(bool x, double mm) {
    if (m_updating || !m_document || m_document->selection().empty()) {
        return;
    }
    const Length v = Length::mm(mm);
    bool moved = false;
    if (m_document->selection().size() == 1) {
        // The element's own left and bottom, as the file has them (spec §8.4).
        const auto& b = layout::base(m_document->element(m_document->selection().front()));
        moved = m_document->moveSelected(x ? v - b.left : Length{}, x ? Length{} : v - b.bottom);
    } else if (const auto bounds = m_document->selectionBounds()) {
        moved = m_document->moveSelected(x ? v - bounds->left : Length{}, x ? Length{} : v - bounds->bottom);
    }
    if (moved) {
        edited();
    }
}

void PropertiesPanel::show(layout::Document* document) {
    Updating updating(m_updating);
    m_document = document;
    // The rows to show are gathered first and the others hidden after: hiding the field being
    // typed in would take the keyboard focus from it.
    m_wanted.clear();
    m_emptied.clear();
    m_typed.clear();
    const std::vector<std::size_t> none;
    const auto& selection = document ? document->selection() : none;
    if (!selection.empty()) {
        // The page: the first selected element's (a selection is made on one page).
        m_page->SetRange(1, std::max(document->pageCount(), layout::base(document->element(selection.front())).page));
        m_page->SetValue(layout::base(document->element(selection.front())).page);
        m_page->Enable(m_page->GetMax() > 1);
        want(m_pageRow);
    }
    if (!document) {
        m_heading->SetLabel(_("No layout open"));
        m_hint->SetLabel(wxString());
    } else if (selection.empty()) {
        m_heading->SetLabel(_("Nothing selected"));
        m_hint->SetLabel(_("Click an element on the page to change it; drag around several to select them."));
    } else if (selection.size() > 1) {
        m_heading->SetLabel(wxString::Format(wxPLURAL("%zu element selected", "%zu elements selected",
                                                      static_cast<unsigned>(std::min<std::size_t>(selection.size(), 1000000))),
                                             selection.size()));
        if (const auto bounds = document->selectionBounds()) {
            setSpin(m_x, bounds->left.toMm());
            setSpin(m_y, bounds->bottom.toMm());
        }
        want(m_xRow);
        want(m_yRow);
        std::vector<const layout::TextStyle*> styles;
        for (std::size_t i : selection) {
            if (const auto* style = props::styleOf(document->element(i))) {
                styles.push_back(style);
            }
        }
        m_hint->SetLabel(styles.empty() ? _("X and Y are their lower left corner together.")
                                        : _("X and Y are their lower left corner together; the font settings change "
                                            "every selected text."));
        if (!styles.empty()) {
            showTextStyle(styles);
        }
        for (wxWindow* control : std::initializer_list<wxWindow*>{m_x, m_y, m_family, m_fontSize, m_bold, m_italic,
                                                                  m_color, m_align}) {
            control->Enable();
        }
    } else {
        const std::size_t index = selection.front();
        const layout::Element& element = document->element(index);
        const bool locked = document->isLocked(index);
        m_hint->SetLabel(locked ? _("Locked: unlock it to move or change it.") : wxString());
        const auto& b = layout::base(element);
        setSpin(m_x, b.left.toMm());
        setSpin(m_y, b.bottom.toMm());
        want(m_xRow);
        want(m_yRow);
        if (const auto* t = std::get_if<layout::TextContainer>(&element)) {
            m_heading->SetLabel(_("Text box"));
            setSpin(m_width, t->width.toMm());
            setSpin(m_height, t->height.toMm());
            want(m_widthRow);
            want(m_heightRow);
            setContent(&t->content, false);
            showTextStyle({&t->style});
            showTextBox(*t);
        } else if (const auto* a = std::get_if<layout::TextArea>(&element)) {
            m_heading->SetLabel(_("Text (legacy)"));
            setSpin(m_width, a->width.toMm());
            want(m_widthRow);
            setContent(&a->content, false);
            showTextStyle({&a->style});
            showLegacyText(*a);
        } else if (const auto* q = std::get_if<layout::BarcodeArea>(&element)) {
            m_heading->SetLabel(_("QR code"));
            setSpin(m_size, q->size.toMm());
            want(m_sizeRow);
            setContent(q->content ? &*q->content : nullptr, true);
            setCheck(m_noWhitespace, q->noWhitespace);
            want(m_noWhitespaceRow);
            showQrColor(*q);
        } else if (const auto* i = std::get_if<layout::ImageArea>(&element)) {
            m_heading->SetLabel(_("Image"));
            setSpin(m_width, i->width.toMm());
            setSpin(m_height, i->height.toMm());
            want(m_widthRow);
            want(m_heightRow);
            setText(m_image, i->content);
            want(m_imageRow);
        } else if (const auto* p = std::get_if<layout::PoweredBy>(&element)) {
            m_heading->SetLabel(_("Logo"));
            setSpin(m_size, p->size.toMm());
            want(m_sizeRow);
            m_logoStyle->SetSelection(p->content == "white" ? 1 : 0);
            want(m_logoRow);
        }
        showSample(element);
        for (wxWindow* control : std::initializer_list<wxWindow*>{
                 m_x, m_y, m_width, m_height, m_size, m_rotation, m_content, m_text, m_family, m_fontSize, m_bold,
                 m_italic, m_color, m_align, m_lineHeight, m_autoResize, m_splitLongWords, m_noWhitespace,
                 m_logoStyle, m_image}) {
            control->Enable(!locked);
        }
        if (locked) {
            m_page->Disable();
        }
    }
    for (const Row* row : {&m_xRow, &m_yRow, &m_widthRow, &m_heightRow, &m_sizeRow, &m_rotationRow, &m_pageRow,
                           &m_contentRow, &m_sampleRow, &m_textRow, &m_textErrorRow, &m_familyRow, &m_fontSizeRow,
                           &m_styleRow, &m_colorRow, &m_alignRow, &m_lineHeightRow, &m_autoResizeRow, &m_splitRow,
                           &m_noWhitespaceRow, &m_logoRow, &m_imageRow}) {
        showRow(*row, std::find(m_wanted.begin(), m_wanted.end(), row) != m_wanted.end());
    }
    m_hint->Show(!m_hint->GetLabel().empty());
    m_hint->Wrap(std::max(FromDIP(120), GetClientSize().x - FromDIP(16)));
    Layout();
    FitInside();
}

} // namespace boxoffice::gui
