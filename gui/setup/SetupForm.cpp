#include "setup/SetupForm.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

const wxColour kErrorColour(0xB0, 0x00, 0x20);
constexpr int kFieldWidth = 280;  // DIPs: a name, a time zone or a price reads whole

wxString joined(const std::vector<wxString>& lines) {
    wxString text;
    for (const auto& line : lines) {
        text += (text.empty() ? wxString() : wxString(wxS("\n"))) + line;
    }
    return text;
}

} // namespace

SetupForm::SetupForm(wxWindow* parent, const char* key, const wxString& title)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL,
                       wxString::Format(wxS("setup.%s"), key)),
      m_key(key) {
    SetScrollRate(0, FromDIP(12));
    m_column = new wxBoxSizer(wxVERTICAL);
    auto* heading = new wxStaticText(this, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, 0,
                                     controlName("title"));
    heading->SetFont(heading->GetFont().Scale(1.25f).Bold());
    m_column->Add(heading, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    // The fields on the left at the width they need; a form's lists (variations, options) beside
    // them, taking the rest, so a form fits a laptop's screen without scrolling.
    auto* body = new wxBoxSizer(wxHORIZONTAL);
    m_grid = new wxFlexGridSizer(2, FromDIP(wxSize(10, 6)));
    m_grid->AddGrowableCol(1, 1);
    body->Add(m_grid, 0, wxRIGHT, FromDIP(24));
    m_side = new wxBoxSizer(wxVERTICAL);
    body->Add(m_side, 1, wxEXPAND);
    m_column->Add(body, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(m_column);

    // Any change a person makes in a field arrives here as a command event: the form is dirty.
    const auto changed = [this](wxCommandEvent& event) {
        event.Skip();
        setDirty(true);
    };
    Bind(wxEVT_TEXT, changed);
    Bind(wxEVT_CHECKBOX, changed);
    Bind(wxEVT_CHOICE, changed);
    Bind(wxEVT_CHECKLISTBOX, changed);
    // Ctrl+S saves from any field of the form, before the menu's Ctrl+S (a ticket's PDF) sees it.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (event.GetKeyCode() == 'S' && event.GetModifiers() == wxMOD_CONTROL) {
            if (m_save != nullptr && m_save->IsEnabled() && onSave) {
                onSave();
            }
            return;
        }
        event.Skip();
    });
}

wxString SetupForm::controlName(const std::string& field) const {
    return wxString::FromUTF8("setup." + m_key + "." + field);
}

wxStaticText* SetupForm::addLabel(const wxString& label) { return new wxStaticText(this, wxID_ANY, label); }

void SetupForm::placeRow(wxStaticText* label, wxWindow* control, const std::string& field) {
    m_grid->Add(label, 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    m_grid->Add(control, 1, wxEXPAND);
    m_order.push_back(control);
    if (field.empty()) {
        return;
    }
    m_controls[field] = control;
    // The error line has a row of its own, hidden while empty (a row of hidden items takes no room).
    auto* spacer = new wxStaticText(this, wxID_ANY, wxString());
    spacer->Hide();
    m_grid->Add(spacer);
    m_errorSpacers[field] = spacer;
    addErrorLine(m_grid, field);
}

wxStaticText* SetupForm::addErrorLine(wxSizer* sizer, const std::string& field, wxWindow* parent) {
    auto* line = new wxStaticText(parent != nullptr ? parent : this, wxID_ANY, wxString(), wxDefaultPosition,
                                  wxDefaultSize, 0, controlName(field.empty() ? "error" : field + ".error"));
    line->SetForegroundColour(kErrorColour);
    line->Hide();
    sizer->Add(line, 0, wxEXPAND);
    m_errors[field] = line;
    return line;
}

wxTextCtrl* SetupForm::makeText(const char* field, const wxString& hint, long style) {
    auto* text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(kFieldWidth, -1)), style,
                                wxDefaultValidator, controlName(field));
    if (!hint.empty()) {
        text->SetHint(hint);
    }
    return text;
}

wxCheckBox* SetupForm::makeCheck(const char* field, const wxString& label) {
    return new wxCheckBox(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          controlName(field));
}

void SetupForm::finish() {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_save = new wxButton(this, wxID_ANY, _("&Save"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          controlName("save"));
    m_save->SetToolTip(_("Save the changes (Ctrl+S)"));
    m_revert = new wxButton(this, wxID_ANY, _("&Revert"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            controlName("revert"));
    m_revert->SetToolTip(_("Forget the changes and show what is stored"));
    m_state = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, controlName("state"));
    row->Add(m_save, 0, wxRIGHT, FromDIP(6));
    row->Add(m_revert, 0, wxRIGHT, FromDIP(12));
    row->Add(m_state, 0, wxALIGN_CENTER_VERTICAL);
    m_column->Add(row, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    auto* other = new wxBoxSizer(wxVERTICAL);
    addErrorLine(other, std::string());
    m_column->Add(other, 0, wxEXPAND | wxALL, FromDIP(10));
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onSave) {
            onSave();
        }
    });
    m_revert->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onRevert) {
            onRevert();
        }
    });
}

void SetupForm::setDirty(bool dirty) {
    m_dirty = dirty;
    if (m_state != nullptr) {
        m_state->SetLabel(dirty ? _("Changed, not saved.") : m_new ? _("Not saved yet.") : wxString());
    }
}

void SetupForm::setNew(bool isNew) {
    m_new = isNew;
    setDirty(m_dirty);
}

void SetupForm::setBusy(bool busy) {
    m_save->Enable(!busy);
    m_revert->Enable(!busy);
    if (busy) {
        m_state->SetLabel(_("Saving..."));
    } else {
        setDirty(m_dirty);
    }
}

bool SetupForm::showSectionError(const std::string&, const wxString&) { return false; }

void SetupForm::showErrors(const FormErrors& errors) {
    std::map<std::string, std::vector<wxString>> lines;
    wxWindow* firstField = nullptr;
    clearSectionErrors();
    for (const auto& [reported, messages] : errors) {
        const auto aliased = m_aliases.find(reported);
        const std::string& field = aliased != m_aliases.end() ? aliased->second : reported;
        for (const auto& message : messages) {
            if (showSectionError(field, message)) {
                continue;
            }
            const bool placed = m_errors.count(field) > 0;
            lines[placed ? field : std::string()].push_back(message);
        }
    }
    for (auto& [field, line] : m_errors) {
        const auto it = lines.find(field);
        line->SetLabel(it != lines.end() ? joined(it->second) : wxString());
        line->Show(it != lines.end());
        if (const auto spacer = m_errorSpacers.find(field); spacer != m_errorSpacers.end()) {
            spacer->second->Show(it != lines.end());
        }
    }
    for (wxWindow* control : m_order) {
        const auto match = std::find_if(m_controls.begin(), m_controls.end(),
                                        [&](const auto& entry) { return entry.second == control && lines.count(entry.first); });
        if (firstField == nullptr && match != m_controls.end()) {
            firstField = control;
        }
    }
    FitInside();
    Layout();
    if (firstField != nullptr) {
        firstField->SetFocus();
    }
}

void SetupForm::focusFirst() {
    if (!m_order.empty()) {
        m_order.front()->SetFocus();
    }
}

} // namespace boxoffice::gui
