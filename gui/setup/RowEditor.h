// A list a form edits row by row: the product's variations and add-ons, a question's options.
// A native report list with a label, the fields that edit the selected row (the owning form adds
// them), Add and Remove, and a line under the list for the rows' errors ("Variation 2, price:
// ..."). The rows' data stay with the owner, which is told when a row is selected, added or
// removed and sets the row's cells; the editor only shows them.
// Owned by its form; UI thread only. Its controls are named "<name>.list", "<name>.add",
// "<name>.remove", "<name>.error".
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>
#include <wx/panel.h>

class wxButton;
class wxFlexGridSizer;
class wxListCtrl;
class wxStaticText;

namespace boxoffice::gui {

class RowEditor : public wxPanel {
public:
    // `fieldColumns`: how many columns the grid of fields has (a label and its field are two).
    RowEditor(wxWindow* parent, const wxString& name, const wxString& label,
              std::initializer_list<std::pair<wxString, int>> columns, int fieldColumns = 2);

    // Where the owner adds "label: field" pairs (children of this panel) that edit the selected
    // row; then finish() adds Add and Remove after them in the keyboard's order.
    wxFlexGridSizer* fields() { return m_fields; }
    void finish(const wxString& addLabel, const wxString& removeLabel);

    void setRows(const std::vector<std::vector<wxString>>& rows);
    void setRow(std::size_t row, const std::vector<wxString>& cells);
    void appendRow(const std::vector<wxString>& cells);
    void removeRow(std::size_t row);
    std::optional<std::size_t> selected() const;
    void select(std::size_t row);

    // The rows' errors, one per line under the list (empty: none); rows in `marked` are shown in
    // the error colour.
    void showErrors(const std::vector<wxString>& lines, const std::vector<std::size_t>& marked);
    // Whether Remove may take the selected row (a stored variation stays: tickets may be of it).
    void setRemovable(bool removable);
    // A note under the fields ("Mark a category as add-on category first.").
    void setNote(const wxString& note);
    void enableAdd(bool enable);

    std::function<void(std::optional<std::size_t>)> onSelect;
    std::function<void()> onAdd;
    std::function<void(std::size_t)> onRemove;

private:
    void updateButtons();

    wxListCtrl* m_list = nullptr;
    wxFlexGridSizer* m_fields = nullptr;
    wxButton* m_add = nullptr;
    wxButton* m_remove = nullptr;
    wxStaticText* m_note = nullptr;
    wxStaticText* m_error = nullptr;
    bool m_removable = true;
    wxString m_name;
};

} // namespace boxoffice::gui
