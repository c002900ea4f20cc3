#include "designer/PropertiesPanel.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/layout/Variables.h"

#include <algorithm>
#include <cmath>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/settings.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

using layout::Length;

namespace {

// Sets a flag for as long as it lives (and puts back what it was): the controls' handlers see it
// and ignore what the program itself sets.
class Updating {
public:
    explicit Updating(bool& flag) : m_flag(flag), m_was(flag) { m_flag = true; }
    ~Updating() { m_flag = m_was; }
    Updating(const Updating&) = delete;
    Updating& operator=(const Updating&) = delete;

private:
    bool& m_flag;
    bool m_was;
};

void setSpin(wxSpinCtrlDouble* spin, double value) {
    if (std::abs(spin->GetValue() - value) > 1e-9) {
        spin->SetValue(value);
    }
}

void setText(wxTextCtrl* text, const std::string& value) {
    const wxString wanted = fromUtf8(value);
    if (text->GetValue() != wanted) {
        text->ChangeValue(wanted);
    }
}

void setCheck(wxCheckBox* box, bool value) {
    if (box->GetValue() != value) {
        box->SetValue(value);
    }
}

int alignIndex(layout::HAlign align) {
    switch (align) {
        case layout::HAlign::Left: return 0;
        case layout::HAlign::Center: return 1;
        case layout::HAlign::Right: return 2;
    }
    return 0;
}

layout::TextStyle* styleOf(layout::Element& e) {
    if (auto* t = std::get_if<layout::TextContainer>(&e)) {
        return &t->style;
    }
    if (auto* a = std::get_if<layout::TextArea>(&e)) {
        return &a->style;
    }
    return nullptr;
}

layout::Content* contentOf(layout::Element& e) {
    if (auto* t = std::get_if<layout::TextContainer>(&e)) {
        return &t->content;
    }
    if (auto* a = std::get_if<layout::TextArea>(&e)) {
        return &a->content;
    }
    return nullptr;
}

} // namespace

PropertiesPanel::PropertiesPanel(wxWindow* parent)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL,
                       wxS("designer.properties")) {
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
                                 wxS("designer.props.heading"));
    m_heading->SetFont(m_heading->GetFont().Bold());
    column->Add(m_heading, 0, wxEXPAND | wxALL, FromDIP(8));
    m_hint = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("designer.props.hint"));
    column->Add(m_hint, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    m_grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    m_grid->AddGrowableCol(1);
    column->Add(m_grid, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(column);

    m_x = spin("designer.x", -1000, 10000, 0.5, 2);
    m_xRow = addRow(_("&X (mm):"), m_x);
    m_y = spin("designer.y", -1000, 10000, 0.5, 2);
    m_yRow = addRow(_("&Y (mm):"), m_y);
    m_width = spin("designer.width", 1, 10000, 0.5, 2);
    m_widthRow = addRow(_("&Width (mm):"), m_width);
    m_height = spin("designer.height", 1, 10000, 0.5, 2);
    m_heightRow = addRow(_("&Height (mm):"), m_height);
    m_size = spin("designer.size", 1, 10000, 0.5, 2);
    m_sizeRow = addRow(_("&Size (mm):"), m_size);
    m_rotation = spin("designer.rotation", -180, 180, 1, 1);
    m_rotationRow = addRow(_("&Rotation (degrees):"), m_rotation);

    m_content = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(150, -1)), 0, nullptr, 0,
                             wxDefaultValidator, wxS("designer.content"));
    for (const auto& variable : layout::variableCatalogue()) {
        m_content->Append(wxGetTranslation(fromUtf8(variable.label)));
        m_contentNames.push_back(variable.name);
    }
    m_content->Append(_("Other...") );
    m_contentNames.push_back("other");
    m_catalogueEntries = m_contentNames.size();
    m_contentRow = addRow(_("&Content:"), m_content);
    m_text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(150, 60)), wxTE_MULTILINE,
                            wxDefaultValidator, wxS("designer.text"));
    m_text->SetToolTip(_("Custom text; {placeholders} such as {attendee_name} are replaced by the ticket's values."));
    m_textRow = addRow(_("&Text:"), m_text);
    m_fontSize = spin("designer.fontSize", 1, 1000, 0.5, 1);
    m_fontSizeRow = addRow(_("&Font size (pt):"), m_fontSize);
    auto* styles = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("designer.styles"));
    auto* styleRow = new wxBoxSizer(wxHORIZONTAL);
    m_bold = new wxCheckBox(styles, wxID_ANY, _("&Bold"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("designer.bold"));
    m_italic = new wxCheckBox(styles, wxID_ANY, _("&Italic"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                              wxS("designer.italic"));
    styleRow->Add(m_bold, 0, wxRIGHT, FromDIP(12));
    styleRow->Add(m_italic);
    styles->SetSizer(styleRow);
    m_styleRow = addRow(wxString(), styles);
    const wxString aligns[] = {_("Left"), _("Centre"), _("Right")};
    m_align = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 3, aligns, 0, wxDefaultValidator,
                           wxS("designer.align"));
    m_alignRow = addRow(_("&Alignment:"), m_align);
    m_noWhitespace = new wxCheckBox(this, wxID_ANY, _("Without &quiet zone"), wxDefaultPosition, wxDefaultSize, 0,
                                    wxDefaultValidator, wxS("designer.noWhitespace"));
    m_noWhitespace->SetToolTip(_("The code fills its square edge to edge, the same size on every printer and "
                                 "scanner app; otherwise a blank margin of four modules is inside the square."));
    m_noWhitespaceRow = addRow(wxString(), m_noWhitespace);
    const wxString logoStyles[] = {_("Dark"), _("Light")};
    m_logoStyle = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 2, logoStyles, 0, wxDefaultValidator,
                               wxS("designer.logoStyle"));
    m_logoRow = addRow(_("St&yle:"), m_logoStyle);
    m_image = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             wxS("designer.image"));
    m_image->SetToolTip(_("The image variable whose picture goes here (empty: none)."));
    m_imageRow = addRow(_("I&mage:"), m_image);

    // Position: for several elements, their lower left corner together.
    m_x->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) { editPosition(true, event.GetValue()); });
    m_y->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) { editPosition(false, event.GetValue()); });
    m_width->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) {
        const Length v = Length::mm(event.GetValue());
        editElement("prop:width", true, [v](layout::Element& e) {
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
        editElement("prop:height", true, [v](layout::Element& e) {
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
        editElement("prop:size", true, [v](layout::Element& e) {
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
            if (onEdited) {
                onEdited();
            }
        }
    });
    m_fontSize->Bind(wxEVT_SPINCTRLDOUBLE, [this](wxSpinDoubleEvent& event) {
        const double v = std::round(event.GetValue() * 10.0) / 10.0;
        editElement("prop:fontSize", true, [v](layout::Element& e) {
            if (auto* style = styleOf(e)) {
                style->fontSize = v;
            }
        });
    });
    m_bold->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        const bool v = event.IsChecked();
        editElement("prop:bold", true, [v](layout::Element& e) {
            if (auto* style = styleOf(e)) {
                style->font.bold = v;
            }
        });
    });
    m_italic->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        const bool v = event.IsChecked();
        editElement("prop:italic", true, [v](layout::Element& e) {
            if (auto* style = styleOf(e)) {
                style->font.italic = v;
            }
        });
    });
    m_align->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        const layout::HAlign v = event.GetSelection() == 1   ? layout::HAlign::Center
                                 : event.GetSelection() == 2 ? layout::HAlign::Right
                                                             : layout::HAlign::Left;
        editElement("prop:align", true, [v](layout::Element& e) {
            if (auto* style = styleOf(e)) {
                style->align = v;
            }
        });
    });
    m_content->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { editContent(); });
    // Typing is one step until the field is left.
    m_text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        const std::string v = m_text->GetValue().utf8_string();
        editElement("prop:text", false, [&v](layout::Element& e) {
            if (auto* content = contentOf(e)) {
                content->text = v;
            } else if (auto* b = std::get_if<layout::BarcodeArea>(&e)) {
                if (!b->content) {
                    b->content = layout::Content{"other", {}, {}};
                }
                b->content->text = v;
            }
        });
    });
    m_text->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
        event.Skip();
        if (m_document) {
            m_document->endBurst();
        }
    });
    m_noWhitespace->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        const bool v = event.IsChecked();
        editElement("prop:noWhitespace", true, [v](layout::Element& e) {
            if (auto* b = std::get_if<layout::BarcodeArea>(&e)) {
                b->noWhitespace = v;
            }
        });
    });
    m_logoStyle->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        const std::string v = event.GetSelection() == 1 ? "white" : "dark";
        editElement("prop:logo", true, [&v](layout::Element& e) {
            if (auto* p = std::get_if<layout::PoweredBy>(&e)) {
                p->content = v;
            }
        });
    });
    m_image->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        const std::string v = m_image->GetValue().utf8_string();
        editElement("prop:image", false, [&v](layout::Element& e) {
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
}

wxSpinCtrlDouble* PropertiesPanel::spin(const char* name, double min, double max, double increment, unsigned digits) {
    auto* control = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(150, -1)),
                                         wxSP_ARROW_KEYS | wxTE_PROCESS_ENTER, min, max, 0, increment, wxString::FromUTF8(name));
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
    m_grid->Show(row.label, shown);
    m_grid->Show(row.control, shown);
}

void PropertiesPanel::editElement(const std::string& field, bool oneStep,
                                  const std::function<void(layout::Element&)>& change) {
    if (m_updating || !m_document || m_document->selection().size() != 1) {
        return;
    }
    const std::size_t index = m_document->selection().front();
    if (m_document->isLocked(index)) {
        return;
    }
    layout::Element e = m_document->element(index);
    change(e);
    if (m_document->change(index, std::move(e), field)) {
        if (oneStep) {
            m_document->endBurst();
        }
        if (onEdited) {
            onEdited();
        }
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
    if (moved && onEdited) {
        onEdited();
    }
}

void PropertiesPanel::editContent() {
    const int at = m_content->GetSelection();
    if (at < 0 || static_cast<std::size_t>(at) >= m_contentNames.size()) {
        return;
    }
    const std::string name = m_contentNames[static_cast<std::size_t>(at)];
    editElement("prop:content", true, [&name](layout::Element& e) {
        if (auto* content = contentOf(e)) {
            content->content = name;
        } else if (auto* b = std::get_if<layout::BarcodeArea>(&e)) {
            layout::Content c = b->content.value_or(layout::Content{});
            c.content = name;
            b->content = c;
        }
    });
}

void PropertiesPanel::setContent(const layout::Content* content, bool barcode) {
    const std::string name = content ? content->content : barcode ? std::string("secret") : std::string();
    auto at = std::find(m_contentNames.begin(), m_contentNames.begin() + static_cast<std::ptrdiff_t>(m_catalogueEntries), name);
    const bool extra = at == m_contentNames.begin() + static_cast<std::ptrdiff_t>(m_catalogueEntries);
    if (extra) {
        // A content the catalogue lacks (meta:NAME, other_i18n ...): shown last, as it is.
        if (m_contentNames.size() == m_catalogueEntries) {
            m_content->Append(fromUtf8(name));
            m_contentNames.push_back(name);
        } else {
            m_content->SetString(static_cast<unsigned>(m_catalogueEntries), fromUtf8(name));
            m_contentNames.back() = name;
        }
        m_content->SetSelection(static_cast<int>(m_catalogueEntries));
    } else {
        if (m_contentNames.size() > m_catalogueEntries) {
            m_content->Delete(static_cast<unsigned>(m_catalogueEntries));
            m_contentNames.pop_back();
        }
        m_content->SetSelection(static_cast<int>(at - m_contentNames.begin()));
    }
    setText(m_text, content ? content->text : std::string());
    showRow(m_contentRow, true);
    showRow(m_textRow, name == "other");
}

void PropertiesPanel::show(layout::Document* document) {
    Updating updating(m_updating);
    m_document = document;
    for (const Row* row : {&m_xRow, &m_yRow, &m_widthRow, &m_heightRow, &m_sizeRow, &m_rotationRow, &m_contentRow,
                           &m_textRow, &m_fontSizeRow, &m_styleRow, &m_alignRow, &m_noWhitespaceRow, &m_logoRow,
                           &m_imageRow}) {
        showRow(*row, false);
    }
    const std::vector<std::size_t> none;
    const auto& selection = document ? document->selection() : none;
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
        m_hint->SetLabel(_("X and Y are their lower left corner together."));
        if (const auto bounds = document->selectionBounds()) {
            setSpin(m_x, bounds->left.toMm());
            setSpin(m_y, bounds->bottom.toMm());
        }
        showRow(m_xRow, true);
        showRow(m_yRow, true);
        m_x->Enable();
        m_y->Enable();
    } else {
        const std::size_t index = selection.front();
        const layout::Element& element = document->element(index);
        const bool locked = document->isLocked(index);
        m_hint->SetLabel(locked ? _("Locked: unlock it to move or change it.") : wxString());
        const auto& b = layout::base(element);
        setSpin(m_x, b.left.toMm());
        setSpin(m_y, b.bottom.toMm());
        showRow(m_xRow, true);
        showRow(m_yRow, true);
        const layout::TextStyle* style = nullptr;
        if (const auto* t = std::get_if<layout::TextContainer>(&element)) {
            m_heading->SetLabel(_("Text box"));
            setSpin(m_width, t->width.toMm());
            setSpin(m_height, t->height.toMm());
            showRow(m_widthRow, true);
            showRow(m_heightRow, true);
            setContent(&t->content, false);
            style = &t->style;
        } else if (const auto* a = std::get_if<layout::TextArea>(&element)) {
            m_heading->SetLabel(_("Text (legacy)"));
            setSpin(m_width, a->width.toMm());
            showRow(m_widthRow, true);
            setContent(&a->content, false);
            style = &a->style;
        } else if (const auto* q = std::get_if<layout::BarcodeArea>(&element)) {
            m_heading->SetLabel(_("QR code"));
            setSpin(m_size, q->size.toMm());
            showRow(m_sizeRow, true);
            setContent(q->content ? &*q->content : nullptr, true);
            setCheck(m_noWhitespace, q->noWhitespace);
            showRow(m_noWhitespaceRow, true);
        } else if (const auto* i = std::get_if<layout::ImageArea>(&element)) {
            m_heading->SetLabel(_("Image"));
            setSpin(m_width, i->width.toMm());
            setSpin(m_height, i->height.toMm());
            showRow(m_widthRow, true);
            showRow(m_heightRow, true);
            setText(m_image, i->content);
            showRow(m_imageRow, true);
        } else if (const auto* p = std::get_if<layout::PoweredBy>(&element)) {
            m_heading->SetLabel(_("Logo"));
            setSpin(m_size, p->size.toMm());
            showRow(m_sizeRow, true);
            m_logoStyle->SetSelection(p->content == "white" ? 1 : 0);
            showRow(m_logoRow, true);
        }
        if (style) {
            setSpin(m_rotation, style->rotation);
            setSpin(m_fontSize, style->fontSize);
            setCheck(m_bold, style->font.bold);
            setCheck(m_italic, style->font.italic);
            m_align->SetSelection(alignIndex(style->align));
            showRow(m_rotationRow, true);
            showRow(m_fontSizeRow, true);
            showRow(m_styleRow, true);
            showRow(m_alignRow, true);
        }
        for (wxWindow* control : std::initializer_list<wxWindow*>{m_x, m_y, m_width, m_height, m_size, m_rotation, m_content,
                                                                  m_text, m_fontSize, m_bold, m_italic, m_align,
                                                                  m_noWhitespace, m_logoStyle, m_image}) {
            control->Enable(!locked);
        }
    }
    m_hint->Show(!m_hint->GetLabel().empty());
    m_hint->Wrap(std::max(FromDIP(120), GetClientSize().x - FromDIP(16)));
    Layout();
    FitInside();
}

} // namespace boxoffice::gui
