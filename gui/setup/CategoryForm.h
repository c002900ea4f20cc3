// The Event tab's form for a product category: its name, and whether it is an add-on category
// (its products are sold with another product, not on their own). Saved with sales::saveCategory.
// Owned by the EventSetupPanel; UI thread only.
#pragma once

#include "boxoffice/model/Item.h"
#include "setup/SetupForm.h"

class wxCheckBox;
class wxTextCtrl;

namespace boxoffice::gui {

class CategoryForm : public SetupForm {
public:
    explicit CategoryForm(wxWindow* parent);

    // Shows `category` (id 0: a new one of its event); `language` names a new one's texts.
    void edit(const model::Category& category, const std::string& language);
    model::Category draft() const;
    model::Id categoryId() const { return m_category.id; }

private:
    wxTextCtrl* m_name = nullptr;
    wxCheckBox* m_addon = nullptr;
    model::Category m_category;
    std::string m_language;
};

} // namespace boxoffice::gui
