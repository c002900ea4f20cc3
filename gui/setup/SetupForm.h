// Base of the Event tab's forms (event, category, product, quota, question): a scrolling column
// with a title, rows of "label: field" each with its error line, sections a form adds below, and
// Save and Revert. Save (or Ctrl+S anywhere in the form) and Revert call back to the panel, which
// runs the use case on a worker. Field errors appear beside their field; an error of a field the
// form has no line for goes below the buttons, so nothing is lost. Whether the person changed
// anything since the form was filled (dirty) is tracked here from the controls' own events, so a
// reload of the store never overwrites what was typed.
// Owned by the EventSetupPanel's page book; UI thread only. Controls are native, named
// "setup.<form>.<field>" for tests and screen readers, each created after its label.
#pragma once

#include "setup/FormText.h"

#include <functional>
#include <map>
#include <string>
#include <vector>
#include <wx/scrolwin.h>

class wxButton;
class wxCheckBox;
class wxFlexGridSizer;
class wxSizer;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class SetupForm : public wxScrolledWindow {
public:
    // `key` names the form ("product": controls "setup.product.name", ...).
    SetupForm(wxWindow* parent, const char* key, const wxString& title);

    std::function<void()> onSave;
    std::function<void()> onRevert;

    // Whether something was changed since the form was filled or saved.
    bool dirty() const { return m_dirty; }
    void setDirty(bool dirty);
    // While a save runs: Save and Revert are disabled.
    void setBusy(bool busy);
    // Says "Not saved yet." for a new object, or the object's stored state.
    void setNew(bool isNew);

    // Shows each error beside its field (a section's row errors where the section shows them);
    // clears the errors shown before. Moves the keyboard to the first field in error.
    void showErrors(const FormErrors& errors);
    void clearErrors() { showErrors({}); }

    // Puts the keyboard in the form's first field.
    void focusFirst();

protected:
    // A row of the grid: the label "label", then the control `make()` creates (a child of this
    // form), with an error line under it for the service's field `field` (empty: none). The label
    // is made first, so screen readers name the control after it.
    template <class Make>
    auto addRow(const wxString& label, const std::string& field, Make&& make) {
        auto* text = addLabel(label);
        auto* control = make();
        placeRow(text, control, field);
        return control;
    }
    // A control with its own line of errors placed by the form (a section below the grid).
    wxStaticText* addErrorLine(wxSizer* sizer, const std::string& field, wxWindow* parent = nullptr);
    wxTextCtrl* makeText(const char* field, const wxString& hint = wxString(), long style = 0);
    wxCheckBox* makeCheck(const char* field, const wxString& label);
    // The column below the fields, and the column beside them, for a form's own sections.
    wxSizer* column() { return m_column; }
    wxSizer* side() { return m_side; }
    // Adds Save, Revert and the line for other errors; call at the end of the constructor.
    void finish();
    wxString controlName(const std::string& field) const;

    // Lets a section show an error of one of its rows ("variations.0.value" beside the
    // variations' list); returns whether it did. Errors it does not take go beside their field,
    // or below the buttons.
    virtual bool showSectionError(const std::string& field, const wxString& message);
    // Shows the errors of `field` on the line of `shownAs` (a quota's "variations" beside its
    // products).
    void alias(const std::string& field, const std::string& shownAs) { m_aliases[field] = shownAs; }
    virtual void clearSectionErrors() {}

private:
    wxStaticText* addLabel(const wxString& label);
    void placeRow(wxStaticText* label, wxWindow* control, const std::string& field);

    std::string m_key;
    wxFlexGridSizer* m_grid = nullptr;
    wxSizer* m_column = nullptr;
    wxSizer* m_side = nullptr;
    std::map<std::string, wxStaticText*> m_errors;  // by field; "" is the line for the rest
    std::map<std::string, wxWindow*> m_errorSpacers; // the empty cell beside a grid row's error line
    std::map<std::string, std::string> m_aliases;
    std::map<std::string, wxWindow*> m_controls;     // by field, to put the keyboard there
    std::vector<wxWindow*> m_order;                  // the fields in the order they were added
    wxStaticText* m_state = nullptr;
    wxButton* m_save = nullptr;
    wxButton* m_revert = nullptr;
    bool m_dirty = false;
    bool m_new = false;
};

} // namespace boxoffice::gui
