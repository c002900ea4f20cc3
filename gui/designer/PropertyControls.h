// What PropertiesPanel.cpp and PropertiesText.cpp share: the blocker that keeps the program's
// own setting of a control from being taken for an edit, setters that leave a control alone when
// it shows the value already (so typing in it is not disturbed), and the parts of an element the
// panel edits. Private to gui/designer; UI thread only.
#pragma once

#include "boxoffice/gui/Format.h"
#include "boxoffice/layout/Elements.h"

#include <cmath>
#include <string>
#include <wx/checkbox.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>

namespace boxoffice::gui::props {

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

inline void setSpin(wxSpinCtrlDouble* spin, double value) {
    if (spin->GetTextValue().empty() || std::abs(spin->GetValue() - value) > 1e-9) {
        spin->SetValue(value);
    }
}

// Shows no value (several elements differ). The spin's own value goes to its minimum, which an
// emptied field falls back to when it is left, so leaving it changes nothing.
inline void setSpinEmpty(wxSpinCtrlDouble* spin) {
    spin->SetValue(spin->GetMin());
    spin->SetValue(wxString());
}

inline void setText(wxTextCtrl* text, const std::string& value) {
    const wxString wanted = fromUtf8(value);
    if (text->GetValue() != wanted) {
        text->ChangeValue(wanted);
    }
}

inline void setCheck(wxCheckBox* box, bool value) {
    const wxCheckBoxState state = value ? wxCHK_CHECKED : wxCHK_UNCHECKED;
    if (box->Get3StateValue() != state) {
        box->Set3StateValue(state);
    }
}

// A three-state box: ticked for all, empty for none, the third state when they differ.
inline void setCheckShared(wxCheckBox* box, bool all, bool any) {
    if (all || !any) {
        setCheck(box, all);
    } else if (box->Get3StateValue() != wxCHK_UNDETERMINED) {
        box->Set3StateValue(wxCHK_UNDETERMINED);
    }
}

inline layout::TextStyle* styleOf(layout::Element& e) {
    if (auto* t = std::get_if<layout::TextContainer>(&e)) {
        return &t->style;
    }
    if (auto* a = std::get_if<layout::TextArea>(&e)) {
        return &a->style;
    }
    return nullptr;
}

inline const layout::TextStyle* styleOf(const layout::Element& e) {
    if (const auto* t = std::get_if<layout::TextContainer>(&e)) {
        return &t->style;
    }
    if (const auto* a = std::get_if<layout::TextArea>(&e)) {
        return &a->style;
    }
    return nullptr;
}

inline layout::Content* contentOf(layout::Element& e) {
    if (auto* t = std::get_if<layout::TextContainer>(&e)) {
        return &t->content;
    }
    if (auto* a = std::get_if<layout::TextArea>(&e)) {
        return &a->content;
    }
    return nullptr;
}

} // namespace boxoffice::gui::props
