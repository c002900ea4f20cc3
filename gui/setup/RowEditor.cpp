#include "setup/RowEditor.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

RowEditor::RowEditor(wxWindow* parent, const wxString& name, const wxString& label,
                     std::initializer_list<std::pair<wxString, int>> columns, int fieldColumns)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, name), m_name(name) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticText(this, wxID_ANY, label), 0, wxBOTTOM, FromDIP(4));
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 96)),
                            wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME, wxDefaultValidator, name + wxS(".list"));
    for (const auto& [title, width] : columns) {
        m_list->AppendColumn(title, wxLIST_FORMAT_LEFT, FromDIP(width));
    }
    column->Add(m_list, 0, wxEXPAND);
    m_error = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, name + wxS(".error"));
    m_error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    m_error->Hide();
    column->Add(m_error, 0, wxEXPAND | wxTOP, FromDIP(4));
    m_fields = new wxFlexGridSizer(fieldColumns, FromDIP(wxSize(8, 4)));
    column->Add(m_fields, 0, wxEXPAND | wxTOP, FromDIP(6));
    SetSizer(column);

    const auto selectionChanged = [this](wxListEvent&) {
        updateButtons();
        if (onSelect) {
            onSelect(selected());
        }
    };
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, selectionChanged);
    m_list->Bind(wxEVT_LIST_ITEM_DESELECTED, selectionChanged);
}

void RowEditor::finish(const wxString& addLabel, const wxString& removeLabel) {
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_add = new wxButton(this, wxID_ANY, addLabel, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         m_name + wxS(".add"));
    m_remove = new wxButton(this, wxID_ANY, removeLabel, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            m_name + wxS(".remove"));
    m_note = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, m_name + wxS(".note"));
    buttons->Add(m_add, 0, wxRIGHT, FromDIP(6));
    buttons->Add(m_remove, 0, wxRIGHT, FromDIP(12));
    buttons->Add(m_note, 1, wxALIGN_CENTER_VERTICAL);
    GetSizer()->Add(buttons, 0, wxEXPAND | wxTOP, FromDIP(6));
    m_add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onAdd) {
            onAdd();
        }
    });
    m_remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (const auto row = selected(); row && onRemove) {
            onRemove(*row);
        }
    });
    updateButtons();
}

void RowEditor::setRows(const std::vector<std::vector<wxString>>& rows) {
    m_list->DeleteAllItems();
    for (const auto& cells : rows) {
        appendRow(cells);
    }
    updateButtons();
}

void RowEditor::setRow(std::size_t row, const std::vector<wxString>& cells) {
    for (std::size_t column = 0; column < cells.size(); ++column) {
        m_list->SetItem(static_cast<long>(row), static_cast<int>(column), cells[column]);
    }
}

void RowEditor::appendRow(const std::vector<wxString>& cells) {
    const long row = m_list->InsertItem(m_list->GetItemCount(), cells.empty() ? wxString() : cells.front());
    setRow(static_cast<std::size_t>(row), cells);
}

void RowEditor::removeRow(std::size_t row) {
    m_list->DeleteItem(static_cast<long>(row));
    updateButtons();
}

std::optional<std::size_t> RowEditor::selected() const {
    const long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return row >= 0 ? std::optional<std::size_t>(static_cast<std::size_t>(row)) : std::nullopt;
}

void RowEditor::select(std::size_t row) {
    const auto state = wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED;
    m_list->SetItemState(static_cast<long>(row), state, state);
    m_list->EnsureVisible(static_cast<long>(row));
}

void RowEditor::showErrors(const std::vector<wxString>& lines, const std::vector<std::size_t>& marked) {
    wxString text;
    for (const auto& line : lines) {
        text += (text.empty() ? wxString() : wxString(wxS("\n"))) + line;
    }
    m_error->SetLabel(text);
    m_error->Show(!text.empty());
    for (long row = 0; row < m_list->GetItemCount(); ++row) {
        const bool bad = std::find(marked.begin(), marked.end(), static_cast<std::size_t>(row)) != marked.end();
        m_list->SetItemTextColour(row, bad ? m_error->GetForegroundColour() : m_list->GetForegroundColour());
    }
}

void RowEditor::setRemovable(bool removable) {
    m_removable = removable;
    updateButtons();
}

void RowEditor::setNote(const wxString& note) {
    m_note->SetLabel(note);
    Layout();
}

void RowEditor::enableAdd(bool enable) { m_add->Enable(enable); }

void RowEditor::updateButtons() {
    if (m_remove != nullptr) {
        m_remove->Enable(m_removable && selected().has_value());
    }
}

} // namespace boxoffice::gui
