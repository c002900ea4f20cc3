// The Event tab's form for a quota: its name, its size or unlimited, and the products it counts,
// as a check list of the event's products and, for a product with variations, each variation
// (pretix counts variations, not their product). Saved with sales::saveQuota.
// Owned by the EventSetupPanel; UI thread only.
#pragma once

#include "boxoffice/model/Item.h"
#include "boxoffice/model/Quota.h"
#include "setup/SetupForm.h"

#include <optional>
#include <utility>
#include <vector>

class wxCheckBox;
class wxCheckListBox;
class wxTextCtrl;

namespace boxoffice::gui {

class QuotaForm : public SetupForm {
public:
    explicit QuotaForm(wxWindow* parent);

    // The event's products to choose from; what is ticked stays ticked.
    void setChoices(const std::vector<model::Item>& items);
    void edit(const model::Quota& quota);
    // The form's values; nullopt (with the errors shown) when the size cannot be read.
    std::optional<model::Quota> draft();
    model::Id quotaId() const { return m_quota.id; }

private:
    // A line of the check list: a product without variations, or one variation of a product.
    struct Choice {
        model::Id item = 0;
        std::optional<model::Id> variation;
    };
    void tick(const std::vector<model::Id>& items, const std::vector<model::Id>& variations);
    void updateSize();

    model::Quota m_quota;
    std::vector<Choice> m_choices;
    wxTextCtrl* m_name = nullptr;
    wxTextCtrl* m_size = nullptr;
    wxCheckBox* m_unlimited = nullptr;
    wxCheckListBox* m_products = nullptr;
};

} // namespace boxoffice::gui
