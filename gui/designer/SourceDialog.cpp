#include "designer/SourceDialog.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/layout/LayoutJson.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <wx/button.h>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

// How long typing pauses before the text is checked.
constexpr int kCheckDelayMs = 300;

// 1-based line and column of byte `offset` of `text`.
std::pair<std::size_t, std::size_t> lineAndColumn(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // UTF-8: characters, not bytes
            ++column;
        }
    }
    return {line, column};
}

} // namespace

SourceParse parseSource(std::string_view text) {
    SourceParse out;
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is 1-based: the character the parser stopped at.
        const auto [line, column] = lineAndColumn(text, e.byte > 0 ? e.byte - 1 : 0);
        out.line = line;
        out.column = column;
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ...":
        // the part after the position.
        const std::string what = e.what();
        const auto detail = what.find(": ");
        out.problem = detail == std::string::npos ? what : what.substr(detail + 2);
        return out;
    }
    auto parsed = layout::parseLayout(doc);
    if (!parsed) {
        out.problem = parsed.error().message;
        return out;
    }
    out.layout = std::move(parsed.value());
    return out;
}

wxString problemText(const SourceParse& parsed) {
    if (parsed.layout) {
        const std::size_t n = parsed.layout->elements.size();
        return wxString::Format(wxPLURAL("Valid layout: %zu element", "Valid layout: %zu elements",
                                         static_cast<unsigned>(std::min<std::size_t>(n, 1'000'000'000))),
                                n);
    }
    if (parsed.line > 0) {
        // TRANSLATORS: where JSON text stops being JSON; the last %s is the JSON parser's English detail.
        return wxString::Format(_("Not valid JSON at line %zu, column %zu: %s"), parsed.line, parsed.column,
                                fromUtf8(parsed.problem));
    }
    return fromUtf8(parsed.problem);
}

SourceDialog::SourceDialog(wxWindow* parent, const wxString& json)
    : wxDialog(parent, wxID_ANY, _("Layout source"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("designer.source")) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(this, wxID_ANY,
                                 _("The layout in pretix's layout JSON. Edit it here; Apply replaces the layout "
                                   "(Undo brings the old one back).")),
                0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    m_text = new wxTextCtrl(this, wxID_ANY, json, wxDefaultPosition, FromDIP(wxSize(620, 460)),
                            wxTE_MULTILINE | wxTE_DONTWRAP | wxHSCROLL, wxDefaultValidator, wxS("source.text"));
    m_text->SetFont(wxFontInfo(GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE));
    column->Add(m_text, 1, wxEXPAND | wxALL, FromDIP(10));
    m_status = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("source.status"));
    column->Add(m_status, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

    auto* buttons = new wxStdDialogButtonSizer();
    m_apply = new wxButton(this, wxID_OK, _("&Apply"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           wxS("source.apply"));
    buttons->AddButton(m_apply);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
    buttons->Realize();
    column->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(column);

    // Layouts are small (a few dozen elements, a few kilobytes of JSON): parsing them on the UI
    // thread takes well under a millisecond, so the check needs no worker.
    m_typing.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { check(); });
    m_text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_typing.StartOnce(kCheckDelayMs); });
    m_apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        // Typed since the last check: checked now, so only a valid layout is applied.
        m_typing.Stop();
        check();
        if (m_apply->IsEnabled()) {
            EndModal(wxID_OK);
        }
    });
    check();
    m_text->SetFocus();
}

std::optional<layout::Layout> SourceDialog::layout() const {
    return parseSource(m_text->GetValue().utf8_string()).layout;
}

void SourceDialog::check() {
    const SourceParse parsed = parseSource(m_text->GetValue().utf8_string());
    const wxString label = problemText(parsed);
    m_status->SetForegroundColour(parsed.layout ? wxSystemSettings::GetColour(wxSYS_COLOUR_BTNTEXT)
                                                : wxColour(0xB0, 0x00, 0x20));
    if (m_status->GetLabel() != label) {
        m_status->SetLabel(label);
        m_status->Wrap(m_text->GetSize().GetWidth());
        Layout();
    }
    m_apply->Enable(parsed.layout.has_value());
}

} // namespace boxoffice::gui
