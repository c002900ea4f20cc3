#include "setup/QuotaForm.h"

#include "boxoffice/gui/Format.h"

#include <algorithm>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

bool contains(const std::vector<model::Id>& ids, model::Id id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

QuotaForm::QuotaForm(wxWindow* parent) : SetupForm(parent, "quota", _("Quota")) {
    m_name = addRow(_("&Name:"), "name", [&] { return makeText("name", _("e.g. Hall")); });
    m_size = addRow(_("&Places:"), "size", [&] { return makeText("size", _("e.g. 120")); });
    m_unlimited = addRow(wxString(), std::string(), [&] { return makeCheck("unlimited", _("&Unlimited")); });
    m_products = addRow(_("Counts tic&kets of:"), "items", [&] {
        return new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(280, 140)), 0, nullptr, 0,
                                  wxDefaultValidator, controlName("products"));
    });
    // pretix names the variations apart; both are about what is ticked here.
    alias("variations", "items");
    finish();
    m_unlimited->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        event.Skip();
        updateSize();
    });
}

void QuotaForm::setChoices(const std::vector<model::Item>& items) {
    std::vector<model::Id> tickedItems, tickedVariations;
    for (unsigned i = 0; i < m_products->GetCount() && i < m_choices.size(); ++i) {
        if (m_products->IsChecked(i)) {
            tickedItems.push_back(m_choices[i].item);
            if (m_choices[i].variation) {
                tickedVariations.push_back(*m_choices[i].variation);
            }
        }
    }
    m_choices.clear();
    m_products->Clear();
    for (const auto& item : items) {
        if (!item.hasVariations()) {
            m_choices.push_back({item.id, std::nullopt});
            m_products->Append(localized(item.name));
        }
        for (const auto& v : item.variations) {
            m_choices.push_back({item.id, v.id});
            m_products->Append(localized(item.name) + wxS(" \u2013 ") + localized(v.value));
        }
    }
    tick(tickedItems, tickedVariations);
}

void QuotaForm::tick(const std::vector<model::Id>& items, const std::vector<model::Id>& variations) {
    for (unsigned i = 0; i < m_choices.size(); ++i) {
        const auto& c = m_choices[i];
        m_products->Check(i, c.variation ? contains(variations, *c.variation) : contains(items, c.item));
    }
}

void QuotaForm::edit(const model::Quota& quota) {
    m_quota = quota;
    m_name->ChangeValue(fromUtf8(quota.name));
    m_size->ChangeValue(quota.size ? wxString::Format(wxS("%lld"), static_cast<long long>(*quota.size)) : wxString());
    m_unlimited->SetValue(!quota.size && quota.id != 0);
    tick(quota.items, quota.variations);
    updateSize();
    setNew(quota.id == 0);
    setDirty(false);
    clearErrors();
}

void QuotaForm::updateSize() { m_size->Enable(!m_unlimited->GetValue()); }

std::optional<model::Quota> QuotaForm::draft() {
    model::Quota q = m_quota;
    q.name = trimmed(m_name->GetValue());
    q.size.reset();
    if (!m_unlimited->GetValue()) {
        if (const auto size = parseWhole(m_size->GetValue())) {
            q.size = *size;
        } else {
            showErrors({{"size", {_("Enter a whole number of places, or tick Unlimited.")}}});
            return std::nullopt;
        }
    }
    q.items.clear();
    q.variations.clear();
    for (unsigned i = 0; i < m_choices.size(); ++i) {
        if (!m_products->IsChecked(i)) {
            continue;
        }
        const auto& c = m_choices[i];
        if (!contains(q.items, c.item)) {
            q.items.push_back(c.item);
        }
        if (c.variation) {
            q.variations.push_back(*c.variation);
        }
    }
    return q;
}

} // namespace boxoffice::gui
