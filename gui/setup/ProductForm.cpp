#include "setup/ProductForm.h"

#include "boxoffice/gui/Format.h"
#include "setup/ChannelBoxes.h"
#include "setup/RowEditor.h"

#include <algorithm>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

// "variations.2.value" -> {2, "value"}; nullopt for a field of another list.
std::optional<std::pair<std::size_t, std::string>> rowField(const std::string& field, const std::string& list) {
    const std::string prefix = list + ".";
    if (!field.starts_with(prefix)) {
        return std::nullopt;
    }
    const auto dot = field.find('.', prefix.size());
    const std::string index = field.substr(prefix.size(), dot == std::string::npos ? std::string::npos : dot - prefix.size());
    if (index.empty() || !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return std::make_pair(static_cast<std::size_t>(std::stoul(index)),
                          dot == std::string::npos ? std::string() : field.substr(dot + 1));
}

wxString yesNo(bool value) { return value ? _("yes") : _("no"); }

// A label then its field in a row editor's grid, in that order for screen readers; `grow`: the
// field takes the width its column has.
template <class Make>
auto addField(wxWindow* parent, wxSizer* grid, const wxString& label, Make&& make, bool grow = false) {
    grid->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    auto* control = make();
    grid->Add(control, grow ? 1 : 0, grow ? static_cast<int>(wxEXPAND) : static_cast<int>(wxALIGN_CENTER_VERTICAL));
    return control;
}

} // namespace

ProductForm::ProductForm(wxWindow* parent) : SetupForm(parent, "product", _("Product")) {
    m_name = addRow(_("&Name:"), "name", [&] { return makeText("name", _("e.g. Regular ticket")); });
    m_category = addRow(_("&Category:"), "category", [&] {
        return new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                            controlName("category"));
    });
    m_price = addRow(_("Default &price:"), "default_price", [&] { return makeText("default_price", _("e.g. 15.00")); });
    m_tax = addRow(_("Ta&x rate (%):"), "tax_rate", [&] { return makeText("tax_rate", _("e.g. 7")); });
    m_admission = addRow(wxString(), "admission",
                         [&] { return makeCheck("admission", _("A&dmission: a ticket of it lets a person in")); });
    m_active = addRow(wxString(), "active", [&] { return makeCheck("active", _("On sa&le")); });
    m_channels = addRow(_("Sold through:"), "sales_channels",
                        [&] { return new ChannelBoxes(this, controlName("channels")); });
    buildVariations();
    buildAddons();
    finish();
}

void ProductForm::buildVariations() {
    m_variationList = new RowEditor(this, controlName("variations"), _("Variations (each with its own price):"),
                                    {{_("Variation"), 200}, {_("Price"), 90}, {_("On sale"), 70}}, 4);
    auto* parent = m_variationList;
    auto* grid = m_variationList->fields();
    m_variationValue = addField(parent, grid, _("Variation na&me:"), [&] {
        return new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                              controlName("variation.value"));
    }, true);
    m_variationPrice = addField(parent, grid, _("Price:"), [&] {
        return new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(90, -1)), 0,
                              wxDefaultValidator, controlName("variation.price"));
    });
    grid->AddSpacer(0);
    m_variationActive = new wxCheckBox(parent, wxID_ANY, _("Variation on sale"), wxDefaultPosition, wxDefaultSize, 0,
                                       wxDefaultValidator, controlName("variation.active"));
    grid->Add(m_variationActive);
    grid->AddGrowableCol(1, 1);
    m_variationList->finish(_("Add variat&ion"), _("Remove variation"));
    side()->Add(m_variationList, 0, wxEXPAND | wxBOTTOM, FromDIP(12));
    bindVariationFields();
}

void ProductForm::bindVariationFields() {
    m_variationList->onSelect = [this](std::optional<std::size_t> row) { showVariation(row); };
    m_variationList->onAdd = [this] { addVariation(); };
    m_variationList->onRemove = [this](std::size_t row) {
        m_variations.erase(m_variations.begin() + static_cast<std::ptrdiff_t>(row));
        m_variationList->removeRow(row);
        showVariation(std::nullopt);
        setDirty(true);
    };
    // What is typed goes into the selected row at once, so nothing is lost when another is chosen.
    const auto edited = [this](auto update) {
        return [this, update](wxCommandEvent& event) {
            event.Skip();
            if (const auto row = m_variationList->selected(); row && *row < m_variations.size()) {
                update(m_variations[*row]);
                m_variationList->setRow(*row, cells(m_variations[*row]));
            }
        };
    };
    m_variationValue->Bind(wxEVT_TEXT, edited([this](VariationRow& r) { r.value = m_variationValue->GetValue(); }));
    m_variationPrice->Bind(wxEVT_TEXT, edited([this](VariationRow& r) { r.price = m_variationPrice->GetValue(); }));
    m_variationActive->Bind(wxEVT_CHECKBOX,
                            edited([this](VariationRow& r) { r.active = m_variationActive->GetValue(); }));
}

void ProductForm::buildAddons() {
    m_addonList = new RowEditor(this, controlName("addons"), _("Add-ons (chosen with each ticket):"),
                                {{_("Add-on category"), 200}, {_("Fewest"), 70}, {_("Most"), 70}, {_("Price included"), 110}});
    auto* parent = m_addonList;
    auto* grid = m_addonList->fields();
    m_addonCategory = addField(parent, grid, _("Add-on cate&gory:"), [&] {
        return new wxChoice(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                            controlName("addon.category"));
    }, true);
    m_addonMin = addField(parent, grid, _("F&ewest per ticket:"), [&] {
        return new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(90, -1)), 0,
                              wxDefaultValidator, controlName("addon.min"));
    });
    m_addonMax = addField(parent, grid, _("M&ost per ticket:"), [&] {
        return new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(90, -1)), 0,
                              wxDefaultValidator, controlName("addon.max"));
    });
    grid->AddSpacer(0);
    m_addonIncluded = new wxCheckBox(parent, wxID_ANY, _("Incl&uded in the ticket's price"), wxDefaultPosition,
                                     wxDefaultSize, 0, wxDefaultValidator, controlName("addon.included"));
    grid->Add(m_addonIncluded);
    m_addonList->finish(_("&Add add-on"), _("Remove add-on"));
    side()->Add(m_addonList, 0, wxEXPAND);
    bindAddonFields();
}

void ProductForm::bindAddonFields() {
    m_addonList->onSelect = [this](std::optional<std::size_t> row) { showAddon(row); };
    m_addonList->onAdd = [this] { addAddon(); };
    m_addonList->onRemove = [this](std::size_t row) {
        m_addons.erase(m_addons.begin() + static_cast<std::ptrdiff_t>(row));
        m_addonList->removeRow(row);
        showAddon(std::nullopt);
        setDirty(true);
    };
    const auto edited = [this](auto update) {
        return [this, update](wxCommandEvent& event) {
            event.Skip();
            if (const auto row = m_addonList->selected(); row && *row < m_addons.size()) {
                update(m_addons[*row]);
                m_addonList->setRow(*row, cells(m_addons[*row]));
            }
        };
    };
    m_addonCategory->Bind(wxEVT_CHOICE, edited([this](AddonRow& r) {
        const int chosen = m_addonCategory->GetSelection();
        r.category = chosen >= 0 ? m_addonCategories[static_cast<std::size_t>(chosen)].id : 0;
    }));
    m_addonMin->Bind(wxEVT_TEXT, edited([this](AddonRow& r) { r.min = m_addonMin->GetValue(); }));
    m_addonMax->Bind(wxEVT_TEXT, edited([this](AddonRow& r) { r.max = m_addonMax->GetValue(); }));
    m_addonIncluded->Bind(wxEVT_CHECKBOX, edited([this](AddonRow& r) { r.included = m_addonIncluded->GetValue(); }));
}

void ProductForm::setChoices(const std::vector<model::Category>& categories) {
    const int chosen = m_category->GetSelection();
    const model::Id chosenId = chosen > 0 ? m_categories[static_cast<std::size_t>(chosen - 1)].id : 0;
    m_categories = categories;
    m_addonCategories.clear();
    std::copy_if(categories.begin(), categories.end(), std::back_inserter(m_addonCategories),
                 [](const model::Category& c) { return c.isAddon; });
    m_category->Clear();
    m_category->Append(_("(no category)"));
    int select = 0;
    for (const auto& category : m_categories) {
        const int index = m_category->Append(localized(category.name));
        select = category.id == chosenId ? index : select;
    }
    m_category->SetSelection(select);
    m_addonCategory->Clear();
    for (const auto& category : m_addonCategories) {
        m_addonCategory->Append(localized(category.name));
    }
    m_addonList->enableAdd(!m_addonCategories.empty());
    m_addonList->setNote(m_addonCategories.empty() ? _("Mark a category as an add-on category to offer add-ons.")
                                                   : wxString());
    fillRows();
    showAddon(m_addonList->selected());
}

void ProductForm::edit(const model::Item& item, const std::string& language) {
    m_item = item;
    m_language = language;
    m_name->ChangeValue(editableText(item.name));
    int category = 0;
    for (std::size_t i = 0; i < m_categories.size(); ++i) {
        category = item.categoryId == m_categories[i].id ? static_cast<int>(i) + 1 : category;
    }
    m_category->SetSelection(category);
    m_price->ChangeValue(moneyText(item.defaultPrice));
    m_tax->ChangeValue(moneyText(item.taxRate));
    m_admission->SetValue(item.admission);
    m_active->SetValue(item.active);
    m_channels->setChannels(item.salesChannels);
    m_variations.clear();
    for (const auto& v : item.variations) {
        m_variations.push_back({v, editableText(v.value), moneyText(v.defaultPrice), v.active});
    }
    m_addons.clear();
    for (const auto& a : item.addons) {
        m_addons.push_back({a, a.addonCategoryId, wxString::Format(wxS("%d"), a.minCount),
                            wxString::Format(wxS("%d"), a.maxCount), a.priceIncluded});
    }
    fillRows();
    showVariation(std::nullopt);
    showAddon(std::nullopt);
    setNew(item.id == 0);
    setDirty(false);
    clearErrors();
}

void ProductForm::fillRows() {
    std::vector<std::vector<wxString>> rows;
    for (const auto& v : m_variations) {
        rows.push_back(cells(v));
    }
    const auto variation = m_variationList->selected();
    m_variationList->setRows(rows);
    rows.clear();
    for (const auto& a : m_addons) {
        rows.push_back(cells(a));
    }
    const auto addon = m_addonList->selected();
    m_addonList->setRows(rows);
    if (variation && *variation < m_variations.size()) {
        m_variationList->select(*variation);
    }
    if (addon && *addon < m_addons.size()) {
        m_addonList->select(*addon);
    }
}

std::vector<wxString> ProductForm::cells(const VariationRow& row) const {
    return {row.value, row.price, yesNo(row.active)};
}

std::vector<wxString> ProductForm::cells(const AddonRow& row) const {
    return {categoryName(row.category), row.min, row.max, yesNo(row.included)};
}

wxString ProductForm::categoryName(model::Id id) const {
    for (const auto& category : m_categories) {
        if (category.id == id) {
            return localized(category.name);
        }
    }
    return _("(none chosen)");
}

void ProductForm::showVariation(std::optional<std::size_t> row) {
    const bool shown = row && *row < m_variations.size();
    const VariationRow none;
    const auto& v = shown ? m_variations[*row] : none;
    m_variationValue->ChangeValue(v.value);
    m_variationPrice->ChangeValue(v.price);
    m_variationActive->SetValue(v.active);
    for (wxWindow* field : {static_cast<wxWindow*>(m_variationValue), static_cast<wxWindow*>(m_variationPrice),
                            static_cast<wxWindow*>(m_variationActive)}) {
        field->Enable(shown);
    }
    const bool stored = shown && v.stored.id != 0;
    m_variationList->setRemovable(!stored);
    m_variationList->setNote(stored ? _("A saved variation stays (tickets may be of it): take it off sale instead.")
                                    : wxString());
}

void ProductForm::showAddon(std::optional<std::size_t> row) {
    const bool shown = row && *row < m_addons.size();
    const AddonRow none;
    const auto& a = shown ? m_addons[*row] : none;
    int category = wxNOT_FOUND;
    for (std::size_t i = 0; i < m_addonCategories.size(); ++i) {
        category = m_addonCategories[i].id == a.category ? static_cast<int>(i) : category;
    }
    m_addonCategory->SetSelection(category);
    m_addonMin->ChangeValue(a.min);
    m_addonMax->ChangeValue(a.max);
    m_addonIncluded->SetValue(a.included);
    for (wxWindow* field : {static_cast<wxWindow*>(m_addonCategory), static_cast<wxWindow*>(m_addonMin),
                            static_cast<wxWindow*>(m_addonMax), static_cast<wxWindow*>(m_addonIncluded)}) {
        field->Enable(shown);
    }
}

void ProductForm::addVariation() {
    VariationRow row;
    row.price = m_price->GetValue();  // most variations cost about what the product does
    m_variations.push_back(row);
    m_variationList->appendRow(cells(row));
    m_variationList->select(m_variations.size() - 1);
    showVariation(m_variations.size() - 1);
    setDirty(true);
    m_variationValue->SetFocus();
}

void ProductForm::addAddon() {
    AddonRow row;
    row.category = m_addonCategories.empty() ? 0 : m_addonCategories.front().id;
    row.min = wxS("0");
    row.max = wxS("1");
    m_addons.push_back(row);
    m_addonList->appendRow(cells(row));
    m_addonList->select(m_addons.size() - 1);
    showAddon(m_addons.size() - 1);
    setDirty(true);
    m_addonCategory->SetFocus();
}

std::optional<model::Item> ProductForm::draft() {
    model::Item item = m_item;
    FormErrors errors;
    item.name = editedText(item.name, m_name->GetValue(), m_language);
    const int category = m_category->GetSelection();
    item.categoryId = category > 0 ? std::optional<model::Id>(m_categories[static_cast<std::size_t>(category - 1)].id)
                                   : std::nullopt;
    if (const auto price = parseMoney(m_price->GetValue())) {
        item.defaultPrice = *price;
    } else {
        errors["default_price"].push_back(_("Enter a price such as 12.50."));
    }
    if (const auto tax = parseMoney(m_tax->GetValue())) {
        item.taxRate = *tax;
    } else {
        errors["tax_rate"].push_back(_("Enter a percentage such as 7 or 19.5."));
    }
    item.admission = m_admission->GetValue();
    item.active = m_active->GetValue();
    item.salesChannels = m_channels->channels();
    readVariations(item, errors);
    readAddons(item, errors);
    if (!errors.empty()) {
        showErrors(errors);
        return std::nullopt;
    }
    return item;
}

void ProductForm::readVariations(model::Item& item, FormErrors& errors) const {
    item.variations.clear();
    for (std::size_t i = 0; i < m_variations.size(); ++i) {
        const auto& row = m_variations[i];
        model::Variation v = row.stored;
        v.value = editedText(v.value, row.value, m_language);
        v.active = row.active;
        v.position = static_cast<int>(i);
        if (const auto price = parseMoney(row.price)) {
            v.defaultPrice = *price;
        } else {
            errors["variations." + std::to_string(i) + ".default_price"].push_back(_("Enter a price such as 12.50."));
        }
        item.variations.push_back(std::move(v));
    }
}

void ProductForm::readAddons(model::Item& item, FormErrors& errors) const {
    item.addons.clear();
    for (std::size_t i = 0; i < m_addons.size(); ++i) {
        const auto& row = m_addons[i];
        model::ItemAddon a = row.stored;
        a.addonCategoryId = row.category;
        a.priceIncluded = row.included;
        a.position = static_cast<int>(i);
        const std::string path = "addons." + std::to_string(i) + ".";
        const auto min = parseWhole(row.min);
        const auto max = parseWhole(row.max);
        if (!min) {
            errors[path + "min_count"].push_back(_("Enter a whole number."));
        }
        if (!max) {
            errors[path + "max_count"].push_back(_("Enter a whole number."));
        }
        a.minCount = static_cast<int>(min.value_or(0));
        a.maxCount = static_cast<int>(max.value_or(0));
        item.addons.push_back(a);
    }
}

bool ProductForm::showSectionError(const std::string& field, const wxString& message) {
    static const std::map<std::string, wxString (*)()> words = {
        {"value", [] { return _("name"); }},
        {"default_price", [] { return _("price"); }},
        {"addon_category", [] { return _("category"); }},
        {"min_count", [] { return _("fewest"); }},
        {"max_count", [] { return _("most"); }},
    };
    const auto describe = [&](const std::string& part) {
        const auto it = words.find(part);
        return it != words.end() ? it->second() : fromUtf8(part);
    };
    if (const auto at = rowField(field, "variations")) {
        m_variationErrors.push_back(wxString::Format(_("Variation %d, %s: %s"), static_cast<int>(at->first + 1), describe(at->second), message));
        m_badVariations.push_back(at->first);
        m_variationList->showErrors(m_variationErrors, m_badVariations);
        return true;
    }
    if (const auto at = rowField(field, "addons")) {
        m_addonErrors.push_back(wxString::Format(_("Add-on %d, %s: %s"), static_cast<int>(at->first + 1), describe(at->second), message));
        m_badAddons.push_back(at->first);
        m_addonList->showErrors(m_addonErrors, m_badAddons);
        return true;
    }
    return false;
}

void ProductForm::clearSectionErrors() {
    m_variationErrors.clear();
    m_badVariations.clear();
    m_addonErrors.clear();
    m_badAddons.clear();
    m_variationList->showErrors({}, {});
    m_addonList->showErrors({}, {});
}

} // namespace boxoffice::gui
