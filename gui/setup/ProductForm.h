// The Event tab's form for a product: name, category, default price (typed as "15.00" or
// "15,00"), tax rate, whether it admits a person, whether it is on sale, its sales channels, its
// variations (value, price, on sale) and its add-ons (a category of add-ons, the fewest and most
// of them per ticket, price included). Saved with sales::saveItem; a variation's or add-on's
// errors appear under its list, naming the row. A stored variation cannot be removed (tickets may
// be of it, and the store keeps it): it is taken off sale instead.
// Owned by the EventSetupPanel; UI thread only.
#pragma once

#include "boxoffice/model/Item.h"
#include "setup/SetupForm.h"

#include <optional>
#include <vector>

class wxCheckBox;
class wxChoice;
class wxTextCtrl;

namespace boxoffice::gui {

class ChannelBoxes;
class RowEditor;

class ProductForm : public SetupForm {
public:
    explicit ProductForm(wxWindow* parent);

    // The event's categories to choose from; what is chosen stays chosen.
    void setChoices(const std::vector<model::Category>& categories);
    // Shows `item` (id 0: a new one of its event); `language` names a new text.
    void edit(const model::Item& item, const std::string& language);
    // The form's values; nullopt (with the errors shown) when a number cannot be read.
    std::optional<model::Item> draft();
    model::Id itemId() const { return m_item.id; }

protected:
    bool showSectionError(const std::string& field, const wxString& message) override;
    void clearSectionErrors() override;

private:
    struct VariationRow {
        model::Variation stored;
        wxString value, price;
        bool active = true;
    };
    struct AddonRow {
        model::ItemAddon stored;
        model::Id category = 0;
        wxString min, max;
        bool included = false;
    };
    void buildVariations();
    void buildAddons();
    void bindVariationFields();
    void bindAddonFields();
    void showVariation(std::optional<std::size_t> row);
    void showAddon(std::optional<std::size_t> row);
    void addVariation();
    void addAddon();
    std::vector<wxString> cells(const VariationRow& row) const;
    std::vector<wxString> cells(const AddonRow& row) const;
    void fillRows();
    void readVariations(model::Item& item, FormErrors& errors) const;
    void readAddons(model::Item& item, FormErrors& errors) const;
    wxString categoryName(model::Id id) const;

    model::Item m_item;
    std::string m_language;
    std::vector<model::Category> m_categories;
    std::vector<model::Category> m_addonCategories;
    std::vector<VariationRow> m_variations;
    std::vector<AddonRow> m_addons;
    std::vector<wxString> m_variationErrors, m_addonErrors;
    std::vector<std::size_t> m_badVariations, m_badAddons;

    wxTextCtrl* m_name = nullptr;
    wxChoice* m_category = nullptr;
    wxTextCtrl* m_price = nullptr;
    wxTextCtrl* m_tax = nullptr;
    wxCheckBox* m_admission = nullptr;
    wxCheckBox* m_active = nullptr;
    ChannelBoxes* m_channels = nullptr;
    RowEditor* m_variationList = nullptr;
    wxTextCtrl* m_variationValue = nullptr;
    wxTextCtrl* m_variationPrice = nullptr;
    wxCheckBox* m_variationActive = nullptr;
    RowEditor* m_addonList = nullptr;
    wxChoice* m_addonCategory = nullptr;
    wxTextCtrl* m_addonMin = nullptr;
    wxTextCtrl* m_addonMax = nullptr;
    wxCheckBox* m_addonIncluded = nullptr;
};

} // namespace boxoffice::gui
