// The form that edits one check-in list, beside the lists in the Check-in lists tab: name, all or
// selected products, date of a series, pending orders, multiple entries, entry after exit and the
// sales channels checked in automatically; below them, the list's live counts per product.
// Errors the check-in list service finds are shown beside their field, in the service's words.
// Owned by the CheckinListsPanel; UI thread only. Native controls, each with a name and a label
// a screen reader reads.
#pragma once

#include "boxoffice/checkin/Lists.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"

#include <functional>
#include <map>
#include <string>
#include <vector>
#include <wx/panel.h>

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class CheckinListEditor : public wxPanel {
public:
    explicit CheckinListEditor(wxWindow* parent);

    // The event's products and dates to choose from; call before edit().
    void setChoices(std::vector<model::Item> items, std::vector<model::SubEvent> dates);
    // Shows `list` for editing (id 0: a new one) and clears the field errors.
    void edit(const model::CheckinList& list);
    // The list as the form has it now.
    model::CheckinList list() const;
    model::Id listId() const { return m_list.id; }

    // Shows each field's errors beside it; an error of no known field below the buttons.
    void showErrors(const std::map<std::string, std::vector<std::string>>& fields, const wxString& other);
    // Shows the list's live counts (nullopt: not saved yet).
    void showStatus(const std::optional<checkin::ListStatus>& status);

    // Called when the person presses Save.
    std::function<void()> onSave;

private:
    void updateProductsEnabled();
    wxStaticText* errorLabel(const wxString& name);

    model::CheckinList m_list;
    std::vector<model::Item> m_items;
    std::vector<model::SubEvent> m_dates;

    wxTextCtrl* m_name = nullptr;
    wxCheckBox* m_allProducts = nullptr;
    wxCheckListBox* m_products = nullptr;
    wxChoice* m_date = nullptr;
    wxCheckBox* m_includePending = nullptr;
    wxCheckBox* m_multipleEntries = nullptr;
    wxCheckBox* m_entryAfterExit = nullptr;
    wxTextCtrl* m_channels = nullptr;
    wxButton* m_save = nullptr;
    std::map<std::string, wxStaticText*> m_errors;  // by the service's field name
    wxStaticText* m_otherError = nullptr;
    wxStaticText* m_summary = nullptr;
    wxListCtrl* m_counts = nullptr;
};

} // namespace boxoffice::gui
