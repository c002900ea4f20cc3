#include "setup/CategoryForm.h"

#include <wx/checkbox.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

CategoryForm::CategoryForm(wxWindow* parent) : SetupForm(parent, "category", _("Category")) {
    m_name = addRow(_("&Name:"), "name", [&] { return makeText("name", _("e.g. Tickets, Merchandise")); });
    m_addon = addRow(wxString(), "is_addon", [&] {
        return makeCheck("addon", _("&Add-on category: its products are sold with a ticket, not on their own"));
    });
    finish();
}

void CategoryForm::edit(const model::Category& category, const std::string& language) {
    m_category = category;
    m_language = language;
    m_name->ChangeValue(editableText(category.name));
    m_addon->SetValue(category.isAddon);
    setNew(category.id == 0);
    setDirty(false);
    clearErrors();
}

model::Category CategoryForm::draft() const {
    model::Category c = m_category;
    c.name = editedText(c.name, m_name->GetValue(), m_language);
    c.isAddon = m_addon->GetValue();
    return c;
}

} // namespace boxoffice::gui
