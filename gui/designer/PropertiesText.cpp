// The properties of text elements (and the content a QR code shares with them): PropertiesPanel's
// rows from the content choice to splitting long words.
#include "designer/PropertiesPanel.h"

#include "designer/PropertyControls.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/layout/Variables.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/clrpicker.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

using layout::Property;
using props::setCheck;
using props::setCheckShared;
using props::setSpin;
using props::setText;
using props::styleOf;
using props::Updating;

namespace {

// Longest sample value shown; the whole one is its tooltip.
constexpr std::size_t kSampleChars = 80;

int alignIndex(layout::HAlign align) {
    switch (align) {
        case layout::HAlign::Left: return 0;
        case layout::HAlign::Center: return 1;
        case layout::HAlign::Right: return 2;
    }
    return 0;
}

wxColour toWx(const layout::Color& c) {
    return wxColour(static_cast<unsigned char>(std::clamp(c.r, 0, 255)), static_cast<unsigned char>(std::clamp(c.g, 0, 255)),
                    static_cast<unsigned char>(std::clamp(c.b, 0, 255)));
}

// Every style the same in what `field` reads.
template <class Field>
bool allSame(const std::vector<const layout::TextStyle*>& styles, Field field) {
    return std::all_of(styles.begin(), styles.end(), [&](const layout::TextStyle* s) { return field(*s) == field(*styles.front()); });
}

// A style edit for every selected text.
std::function<void(layout::Element&)> onStyle(std::function<void(layout::TextStyle&)> change) {
    return [change = std::move(change)](layout::Element& e) {
        if (auto* style = styleOf(e)) {
            change(*style);
        }
    };
}

} // namespace

void PropertiesPanel::setCatalogue(layout::CatalogueKind kind) {
    if (kind != m_catalogue) {
        m_catalogue = kind;
        fillCatalogue();
    }
}

void PropertiesPanel::fillCatalogue() {
    m_content->Clear();
    m_contentNames.clear();
    for (const auto& variable : layout::variableCatalogue(m_catalogue)) {
        m_content->Append(wxGetTranslation(fromUtf8(variable.label)));
        m_contentNames.push_back(variable.name);
    }
    m_content->Append(_("Other..."));
    m_contentNames.push_back("other");
    m_catalogueEntries = m_contentNames.size();
}

void PropertiesPanel::buildTextRows() {
    m_content = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(150, -1)), 0, nullptr, 0,
                             wxDefaultValidator, wxS("designer.prop.content"));
    fillCatalogue();
    m_contentRow = addRow(_("&Content:"), m_content);
    m_sample = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(150, -1)),
                                wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END, wxS("designer.prop.sample"));
    m_sampleRow = addRow(_("Prints:"), m_sample);
    m_text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(150, 60)), wxTE_MULTILINE,
                            wxDefaultValidator, wxS("designer.prop.text"));
    m_text->SetToolTip(_("Custom text; {placeholders} such as {attendee_name} are replaced by the ticket's values."));
    m_textRow = addRow(_("&Text:"), m_text);
    m_textError = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   wxS("designer.prop.textError"));
    m_textError->SetForegroundColour(wxColour(0xb0, 0x00, 0x20));
    m_textErrorRow = addRow(wxString(), m_textError);
    m_family = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(150, -1)), 0, nullptr, 0,
                            wxDefaultValidator, wxS("designer.prop.fontfamily"));
    m_family->SetToolTip(_("The fonts of this computer, which the tickets print in. A font it lacks prints in Open Sans."));
    m_familyRow = addRow(_("F&ont:"), m_family);
    m_fontSize = spin("designer.prop.fontsize", 1, 1000, 0.5, 1);
    m_fontSizeRow = addRow(_("&Font size (pt):"), m_fontSize);
    auto* styles = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("designer.prop.styles"));
    auto* styleRow = new wxBoxSizer(wxHORIZONTAL);
    m_bold = new wxCheckBox(styles, wxID_ANY, _("&Bold"), wxDefaultPosition, wxDefaultSize, wxCHK_3STATE, wxDefaultValidator,
                            wxS("designer.prop.bold"));
    m_italic = new wxCheckBox(styles, wxID_ANY, _("&Italic"), wxDefaultPosition, wxDefaultSize, wxCHK_3STATE,
                              wxDefaultValidator, wxS("designer.prop.italic"));
    styleRow->Add(m_bold, 0, wxRIGHT, FromDIP(12));
    styleRow->Add(m_italic);
    styles->SetSizer(styleRow);
    m_styleRow = addRow(wxString(), styles);
    // With a field for the colour as hex (#RRGGBB), as pretix's editor has.
    m_color = new wxColourPickerCtrl(this, wxID_ANY, *wxBLACK, wxDefaultPosition, wxDefaultSize, wxCLRP_USE_TEXTCTRL,
                                     wxDefaultValidator, wxS("designer.prop.color"));
    m_color->SetToolTip(_("The colour it prints in: pick one, or type it as #RRGGBB."));
    m_color->GetTextCtrl()->SetName(wxS("designer.prop.color.text"));
    m_colorRow = addRow(_("Colo&ur:"), m_color);
    const wxString aligns[] = {_("Left"), _("Centre"), _("Right")};
    m_align = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 3, aligns, 0, wxDefaultValidator,
                           wxS("designer.prop.align"));
    m_alignRow = addRow(_("&Alignment:"), m_align);
    m_lineHeight = spin("designer.prop.lineheight", 0.1, 10, 0.1, 2);
    m_lineHeight->SetToolTip(_("Lines are this many times 1.15 times the font size apart (1: the usual distance). "
                               "Empty for an old text: the leading of pretix's first layouts."));
    m_lineHeightRow = addRow(_("&Line height:"), m_lineHeight);
    m_autoResize = new wxCheckBox(this, wxID_ANY, _("Shrin&k to fit the box"), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, wxS("designer.prop.autoresize"));
    m_autoResize->SetToolTip(_("A text too long for the box prints in a smaller font, until it fits."));
    m_autoResizeRow = addRow(wxString(), m_autoResize);
    m_splitLongWords = new wxCheckBox(this, wxID_ANY, _("S&plit long words"), wxDefaultPosition, wxDefaultSize, 0,
                                      wxDefaultValidator, wxS("designer.prop.splitlongwords"));
    m_splitLongWords->SetToolTip(_("A word wider than the box continues on the next line; otherwise it reaches past "
                                   "the box."));
    m_splitRow = addRow(wxString(), m_splitLongWords);
}

void PropertiesPanel::bindTextRows() {
    auto fontSize = [this] {
        if (!takesValue(m_fontSize)) {
            return;
        }
        const double v = std::round(m_fontSize->GetValue() * 10.0) / 10.0;
        editSelected(Property::FontSize, nullptr, true, onStyle([v](layout::TextStyle& s) { s.fontSize = v; }));
    };
    // Keys that edit the text (not those that step the value or leave the field) make it typed.
    for (wxSpinCtrlDouble* spin : {m_fontSize, m_lineHeight}) {
        spin->Bind(wxEVT_KEY_DOWN, [this, spin](wxKeyEvent& event) {
            event.Skip();
            const int key = event.GetKeyCode();
            const bool steps = key == WXK_UP || key == WXK_DOWN || key == WXK_PAGEUP || key == WXK_PAGEDOWN;
            const bool leaves = key == WXK_TAB || key == WXK_RETURN || key == WXK_NUMPAD_ENTER || key == WXK_ESCAPE;
            if (!steps && !leaves && std::find(m_typed.begin(), m_typed.end(), spin) == m_typed.end()) {
                m_typed.push_back(spin);
            }
        });
    }
    m_fontSize->Bind(wxEVT_SPINCTRLDOUBLE, [fontSize](wxSpinDoubleEvent&) { fontSize(); });
    // Enter applies also a size the spin takes for unchanged (the one it holds under an empty field).
    m_fontSize->Bind(wxEVT_TEXT_ENTER, [fontSize](wxCommandEvent&) { fontSize(); });
    m_family->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        const int at = event.GetSelection();
        if (at < 0 || static_cast<std::size_t>(at) >= m_familyNames.size()) {
            return;
        }
        const std::string family = m_familyNames[static_cast<std::size_t>(at)];
        editSelected(Property::FontFamily, nullptr, true, onStyle([family](layout::TextStyle& s) { s.font.family = family; }));
    });
    m_bold->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        const bool v = m_bold->Get3StateValue() == wxCHK_CHECKED;
        editSelected(Property::FontStyle, nullptr, true, onStyle([v](layout::TextStyle& s) { s.font.bold = v; }));
    });
    m_italic->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        const bool v = m_italic->Get3StateValue() == wxCHK_CHECKED;
        editSelected(Property::FontStyle, nullptr, true, onStyle([v](layout::TextStyle& s) { s.font.italic = v; }));
    });
    m_color->Bind(wxEVT_COLOURPICKER_CHANGED, [this](wxColourPickerEvent& event) {
        const wxColour c = event.GetColour();
        if (!c.IsOk()) {
            return;
        }
        // Typed as hex: one step until the field is left (each keystroke may make a colour).
        const bool typing = m_color->GetTextCtrl() && m_color->GetTextCtrl()->HasFocus();
        // A text's or a QR code's colour; the file's alpha stays.
        editSelected(Property::Color, "prop:color", !typing, [c](layout::Element& e) {
            layout::Color* color = nullptr;
            if (auto* style = styleOf(e)) {
                color = &style->color;
            } else if (auto* qr = std::get_if<layout::BarcodeArea>(&e)) {
                color = &qr->color.emplace(qr->color.value_or(layout::Color{}));
            }
            if (color) {
                color->r = c.Red();
                color->g = c.Green();
                color->b = c.Blue();
            }
        });
    });
    if (wxTextCtrl* hex = m_color->GetTextCtrl()) {
        hex->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
            event.Skip();
            if (m_document) {
                m_document->endBurst();
            }
        });
    }
    m_align->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        const layout::HAlign v = event.GetSelection() == 1   ? layout::HAlign::Center
                                 : event.GetSelection() == 2 ? layout::HAlign::Right
                                                             : layout::HAlign::Left;
        editSelected(Property::Alignment, nullptr, true, onStyle([v](layout::TextStyle& s) { s.align = v; }));
    });
    auto lineHeight = [this] {
        if (!takesValue(m_lineHeight)) {
            return;
        }
        const double v = std::round(m_lineHeight->GetValue() * 100.0) / 100.0;
        editElement(Property::LineHeight, nullptr, true, [v](layout::Element& e) {
            if (auto* t = std::get_if<layout::TextContainer>(&e)) {
                t->lineHeight = v;
            } else if (auto* a = std::get_if<layout::TextArea>(&e)) {
                a->lineHeight = v;
            }
        });
    };
    m_lineHeight->Bind(wxEVT_SPINCTRLDOUBLE, [lineHeight](wxSpinDoubleEvent&) { lineHeight(); });
    m_lineHeight->Bind(wxEVT_TEXT_ENTER, [lineHeight](wxCommandEvent&) { lineHeight(); });
    m_autoResize->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        const bool v = event.IsChecked();
        editElement(Property::AutoResize, nullptr, true, [v](layout::Element& e) {
            if (auto* t = std::get_if<layout::TextContainer>(&e)) {
                t->autoResize = v;
            }
        });
    });
    m_splitLongWords->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        const bool v = event.IsChecked();
        editElement(Property::SplitLongWords, nullptr, true, [v](layout::Element& e) {
            if (auto* t = std::get_if<layout::TextContainer>(&e)) {
                t->splitLongWords = v;
            }
        });
    });
    m_content->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { editContent(); });
    // Typing is one step until the field is left.
    m_text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { editText(); });
    m_text->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
        event.Skip();
        if (m_document) {
            m_document->endBurst();
        }
    });
}

void PropertiesPanel::showEmpty(wxSpinCtrlDouble* spin) {
    props::setSpinEmpty(spin);
    m_emptied.push_back(spin);
}

bool PropertiesPanel::takesValue(wxSpinCtrlDouble* spin) {
    const auto has = [spin](const std::vector<wxSpinCtrlDouble*>& spins) {
        return std::find(spins.begin(), spins.end(), spin) != spins.end();
    };
    if (spin->GetTextValue().empty()) {
        return false;
    }
    if (has(m_emptied) && !has(m_typed)) {
        // Its arrows, or leaving it, gave the value it holds under the empty field: shown empty again.
        CallAfter([this] { show(m_document); });
        return false;
    }
    return true;
}

void PropertiesPanel::editContent() {
    const int at = m_content->GetSelection();
    if (at < 0 || static_cast<std::size_t>(at) >= m_contentNames.size()) {
        return;
    }
    const std::string name = m_contentNames[static_cast<std::size_t>(at)];
    editElement(Property::Content, nullptr, true, [&name](layout::Element& e) {
        if (auto* content = props::contentOf(e)) {
            content->content = name;
        } else if (auto* b = std::get_if<layout::BarcodeArea>(&e)) {
            layout::Content c = b->content.value_or(layout::Content{});
            c.content = name;
            b->content = c;
        }
    });
}

void PropertiesPanel::editText() {
    if (m_updating || !m_document) {
        return;
    }
    const std::string v = m_text->GetValue().utf8_string();
    // A placeholder pretix would print as typed is not applied; the line beside says why.
    const bool valid = checkText(v);
    showRow(m_textErrorRow, !valid);
    if (!valid) {
        Layout();
        FitInside();
        return;
    }
    editElement(Property::Text, "prop:text", false, [&v](layout::Element& e) {
        if (auto* content = props::contentOf(e)) {
            content->text = v;
        } else if (auto* b = std::get_if<layout::BarcodeArea>(&e)) {
            if (!b->content) {
                b->content = layout::Content{"other", {}, {}};
            }
            b->content->text = v;
        }
    });
    Layout();
    FitInside();
}

bool PropertiesPanel::checkText(const std::string& text) {
    const layout::TicketData* data = ticket ? ticket() : nullptr;
    std::vector<std::string> unknown;
    if (data) {
        unknown = layout::Resolver(*data).unknownPlaceholders(text);
    }
    wxString message;
    if (!unknown.empty()) {
        wxString names;
        for (const auto& name : unknown) {
            names += (names.empty() ? wxS("{") : wxS(", {")) + fromUtf8(name) + wxS("}");
        }
        message = wxString::Format(
            wxPLURAL("Unknown placeholder %s: the text is not applied until it is corrected (pretix would print it as "
                     "typed).",
                     "Unknown placeholders %s: the text is not applied until they are corrected (pretix would print "
                     "them as typed).",
                     static_cast<unsigned>(std::min<std::size_t>(unknown.size(), 1000))),
            names);
    }
    if (m_textError->GetLabel() != message) {
        m_textError->SetLabel(message);
        m_textError->Wrap(std::max(FromDIP(120), m_text->GetSize().x));
    }
    return unknown.empty();
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
    want(m_contentRow);
    want(m_textRow, name == "other");
    // A custom text the file has may hold one too.
    want(m_textErrorRow, !checkText(name == "other" ? m_text->GetValue().utf8_string() : std::string()));
}

void PropertiesPanel::showTextStyle(const std::vector<const layout::TextStyle*>& styles) {
    if (styles.empty()) {
        return;
    }
    const layout::TextStyle& first = *styles.front();
    setFamily(first.font.family, allSame(styles, [](const layout::TextStyle& s) { return s.font.family; }));
    if (allSame(styles, [](const layout::TextStyle& s) { return s.fontSize; })) {
        setSpin(m_fontSize, first.fontSize);
    } else {
        showEmpty(m_fontSize);
    }
    auto count = [&](auto field) {
        return static_cast<std::size_t>(std::count_if(styles.begin(), styles.end(), [&](const layout::TextStyle* s) { return field(*s); }));
    };
    const std::size_t bold = count([](const layout::TextStyle& s) { return s.font.bold; });
    const std::size_t italic = count([](const layout::TextStyle& s) { return s.font.italic; });
    setCheckShared(m_bold, bold == styles.size(), bold > 0);
    setCheckShared(m_italic, italic == styles.size(), italic > 0);
    // A colour typed in the field stays as typed while it is the colour shown.
    const wxColour colour = toWx(first.color);
    wxTextCtrl* hex = m_color->GetTextCtrl();
    if (allSame(styles, [](const layout::TextStyle& s) { return std::tuple(s.color.r, s.color.g, s.color.b); })) {
        const wxString html = colour.GetAsString(wxC2S_HTML_SYNTAX);
        const bool typing = hex && hex->HasFocus() && wxColour(hex->GetValue()) == colour;
        if (!typing && (m_color->GetColour() != colour || !hex || hex->GetValue() != html)) {
            m_color->SetColour(colour);
            if (hex) {
                hex->ChangeValue(html);  // "#000000", not "black"
            }
        }
    } else {
        m_color->SetColour(colour);
        if (hex) {
            hex->ChangeValue(wxString());
        }
    }
    m_align->SetSelection(allSame(styles, [](const layout::TextStyle& s) { return s.align; }) ? alignIndex(first.align)
                                                                                             : wxNOT_FOUND);
    for (const Row* row : {&m_familyRow, &m_fontSizeRow, &m_styleRow, &m_colorRow, &m_alignRow}) {
        want(*row);
    }
}

// A QR code prints black unless its file says otherwise (pretix's "color").
void PropertiesPanel::showQrColor(const layout::BarcodeArea& qr) {
    const wxColour colour = toWx(qr.color.value_or(layout::Color{}));
    wxTextCtrl* hex = m_color->GetTextCtrl();
    const bool typing = hex && hex->HasFocus() && wxColour(hex->GetValue()) == colour;
    if (!typing) {
        m_color->SetColour(colour);
        if (hex) {
            hex->ChangeValue(colour.GetAsString(wxC2S_HTML_SYNTAX));
        }
    }
    want(m_colorRow);
}

void PropertiesPanel::showTextBox(const layout::TextContainer& box) {
    setSpin(m_rotation, box.style.rotation);
    setSpin(m_lineHeight, box.lineHeight);
    setCheck(m_autoResize, box.autoResize);
    setCheck(m_splitLongWords, box.splitLongWords);
    for (const Row* row : {&m_rotationRow, &m_lineHeightRow, &m_autoResizeRow, &m_splitRow}) {
        want(*row);
    }
}

void PropertiesPanel::showLegacyText(const layout::TextArea& area) {
    setSpin(m_rotation, area.style.rotation);
    if (area.lineHeight) {
        setSpin(m_lineHeight, *area.lineHeight);
    } else {
        showEmpty(m_lineHeight);
    }
    want(m_rotationRow);
    want(m_lineHeightRow);
}

void PropertiesPanel::showSample(const layout::Element& element) {
    const layout::TicketData* data = ticket ? ticket() : nullptr;
    if (!data) {
        return;
    }
    const layout::Resolver resolver(*data);
    std::string value;
    if (const auto* t = std::get_if<layout::TextContainer>(&element)) {
        value = resolver.text(t->content, t->style.locale);
    } else if (const auto* a = std::get_if<layout::TextArea>(&element)) {
        value = resolver.text(a->content, a->style.locale);
    } else if (const auto* b = std::get_if<layout::BarcodeArea>(&element)) {
        value = resolver.barcode(b->content);
    } else {
        return;
    }
    wxString shown = fromUtf8(value);
    shown.Replace(wxS("\n"), wxS(" / "));
    const wxString full = shown;
    if (shown.length() > kSampleChars) {
        shown = shown.Left(kSampleChars - 1) + wxString::FromUTF8("…");
    }
    if (shown.empty()) {
        shown = _("(nothing on this ticket)");
    }
    if (m_sample->GetLabel() != shown) {
        m_sample->SetLabel(shown);
    }
    m_sample->SetToolTip(full.empty() ? _("What this element prints on the ticket the page shows.") : full);
    want(m_sampleRow);
}

void PropertiesPanel::setFamilies(std::vector<std::string> families) {
    m_families = std::move(families);
    m_familyNames.clear();
    m_family->Clear();
    if (m_document) {
        show(m_document);
    }
}

void PropertiesPanel::setFamily(const std::string& family, bool shared) {
    // Before the renderer's families are read, the choice offers the family shown.
    std::vector<std::string> wanted = m_families.empty() ? std::vector<std::string>{family} : m_families;
    const std::size_t offered = wanted.size();
    if (shared && std::find(wanted.begin(), wanted.end(), family) == wanted.end()) {
        wanted.push_back(family);
    }
    if (wanted != m_familyNames) {
        m_family->Clear();
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            // TRANSLATORS: a font family a layout names that this computer does not have.
            m_family->Append(i < offered ? fromUtf8(wanted[i])
                                         : wxString::Format(_("%s (missing: prints in Open Sans)"), fromUtf8(wanted[i])));
        }
        m_familyNames = std::move(wanted);
    }
    if (!shared) {
        m_family->SetSelection(wxNOT_FOUND);
        return;
    }
    const auto at = std::find(m_familyNames.begin(), m_familyNames.end(), family);
    m_family->SetSelection(static_cast<int>(at - m_familyNames.begin()));
}

} // namespace boxoffice::gui
