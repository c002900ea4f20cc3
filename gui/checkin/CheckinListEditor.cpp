#include "checkin/CheckinListEditor.h"

#include "boxoffice/gui/Format.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/tokenzr.h>

namespace boxoffice::gui {

namespace {

wxString productLabel(const model::Item& item) { return localized(item.name); }

wxString dateLabel(const model::SubEvent& date) {
    return wxString::Format(wxS("%s (%s)"), localized(date.name), localDateTime(date.dateFrom));
}

} // namespace

CheckinListEditor::CheckinListEditor(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("checkinLists.editor")) {
    auto* form = new wxFlexGridSizer(2, FromDIP(wxSize(8, 4)));
    form->AddGrowableCol(1, 1);
    auto addRow = [&](const wxString& label, wxWindow* control, const char* field) {
        form->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
        form->Add(control, 1, wxEXPAND);
        if (field != nullptr) {
            form->AddSpacer(0);
            form->Add(errorLabel(wxString::FromUTF8(field)), 0, wxEXPAND);
        }
    };

    m_name = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("checkinLists.name"));
    m_name->SetHint(_("e.g. Main entrance"));
    addRow(_("&Name:"), m_name, "name");

    m_allProducts = new wxCheckBox(this, wxID_ANY, _("&All products"), wxDefaultPosition, wxDefaultSize, 0,
                                   wxDefaultValidator, wxS("checkinLists.allProducts"));
    addRow(_("Products:"), m_allProducts, nullptr);
    m_products = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 110)), 0, nullptr, 0,
                                    wxDefaultValidator, wxS("checkinLists.products"));
    addRow(wxString(), m_products, "limit_products");

    m_date = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                          wxS("checkinLists.date"));
    addRow(_("&Date:"), m_date, "subevent");

    m_includePending = new wxCheckBox(this, wxID_ANY, _("Admit &pending (unpaid) orders"), wxDefaultPosition,
                                      wxDefaultSize, 0, wxDefaultValidator, wxS("checkinLists.includePending"));
    addRow(wxString(), m_includePending, nullptr);
    m_multipleEntries = new wxCheckBox(this, wxID_ANY, _("Allow &multiple entries per ticket"), wxDefaultPosition,
                                       wxDefaultSize, 0, wxDefaultValidator, wxS("checkinLists.multipleEntries"));
    addRow(wxString(), m_multipleEntries, nullptr);
    m_entryAfterExit = new wxCheckBox(this, wxID_ANY, _("Allow re-&entry after an exit scan"), wxDefaultPosition,
                                      wxDefaultSize, 0, wxDefaultValidator, wxS("checkinLists.entryAfterExit"));
    addRow(wxString(), m_entryAfterExit, nullptr);
    m_channels = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                wxS("checkinLists.autoCheckinChannels"));
    m_channels->SetHint(_("e.g. box_office, web (comma-separated)"));
    addRow(_("Check in on &sale:"), m_channels, "auto_checkin_sales_channels");

    m_save = new wxButton(this, wxID_SAVE, _("&Save list"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          wxS("checkinLists.save"));
    m_otherError = errorLabel(wxS("other"));
    m_summary = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                 wxS("checkinLists.summary"));
    m_counts = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                              wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES, wxDefaultValidator,
                              wxS("checkinLists.counts"));
    m_counts->AppendColumn(_("Product"), wxLIST_FORMAT_LEFT, FromDIP(220));
    m_counts->AppendColumn(_("Checked in"), wxLIST_FORMAT_RIGHT, FromDIP(90));
    m_counts->AppendColumn(_("Expected"), wxLIST_FORMAT_RIGHT, FromDIP(90));

    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(form, 0, wxEXPAND | wxALL, 8);
    column->Add(m_save, 0, wxALIGN_RIGHT | wxLEFT | wxRIGHT, 8);
    column->Add(m_otherError, 0, wxEXPAND | wxALL, 8);
    column->Add(m_summary, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    column->Add(m_counts, 1, wxEXPAND | wxALL, 8);
    SetSizer(column);

    m_allProducts->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { updateProductsEnabled(); });
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (onSave) {
            onSave();
        }
    });
}

wxStaticText* CheckinListEditor::errorLabel(const wxString& name) {
    auto* label = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   wxS("checkinLists.error.") + name);
    label->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    m_errors[name.utf8_string()] = label;
    return label;
}

void CheckinListEditor::setChoices(std::vector<model::Item> items, std::vector<model::SubEvent> dates) {
    m_items = std::move(items);
    m_dates = std::move(dates);
    m_products->Clear();
    for (const auto& item : m_items) {
        m_products->Append(productLabel(item));
    }
    m_date->Clear();
    m_date->Append(_("All dates"));
    for (const auto& date : m_dates) {
        m_date->Append(dateLabel(date));
    }
    m_date->Enable(!m_dates.empty());
}

void CheckinListEditor::edit(const model::CheckinList& list) {
    m_list = list;
    m_name->ChangeValue(fromUtf8(list.name));
    m_allProducts->SetValue(list.allProducts);
    for (unsigned i = 0; i < m_products->GetCount(); ++i) {
        const model::Id id = m_items[i].id;
        m_products->Check(i, std::find(list.limitProducts.begin(), list.limitProducts.end(), id) !=
                                 list.limitProducts.end());
    }
    int date = 0;
    for (std::size_t i = 0; i < m_dates.size(); ++i) {
        if (list.subeventId && *list.subeventId == m_dates[i].id) {
            date = static_cast<int>(i) + 1;
        }
    }
    m_date->SetSelection(date);
    m_includePending->SetValue(list.includePending);
    m_multipleEntries->SetValue(list.allowMultipleEntries);
    m_entryAfterExit->SetValue(list.allowEntryAfterExit);
    wxString channels;
    for (const auto& channel : list.autoCheckinSalesChannels) {
        channels += (channels.empty() ? wxString() : wxString(wxS(", "))) + fromUtf8(channel);
    }
    m_channels->ChangeValue(channels);
    showErrors({}, wxString());
    updateProductsEnabled();
}

model::CheckinList CheckinListEditor::list() const {
    model::CheckinList l = m_list;
    l.name = m_name->GetValue().Strip(wxString::both).utf8_string();
    l.allProducts = m_allProducts->GetValue();
    l.limitProducts.clear();
    for (unsigned i = 0; i < m_products->GetCount(); ++i) {
        if (m_products->IsChecked(i)) {
            l.limitProducts.push_back(m_items[i].id);
        }
    }
    const int date = m_date->GetSelection();
    l.subeventId = date > 0 ? std::optional<model::Id>(m_dates[static_cast<std::size_t>(date - 1)].id) : std::nullopt;
    l.includePending = m_includePending->GetValue();
    l.allowMultipleEntries = m_multipleEntries->GetValue();
    l.allowEntryAfterExit = m_entryAfterExit->GetValue();
    l.autoCheckinSalesChannels.clear();
    wxStringTokenizer channels(m_channels->GetValue(), wxS(", "), wxTOKEN_STRTOK);
    while (channels.HasMoreTokens()) {
        l.autoCheckinSalesChannels.push_back(channels.GetNextToken().utf8_string());
    }
    return l;
}

void CheckinListEditor::showErrors(const std::map<std::string, std::vector<std::string>>& fields,
                                   const wxString& other) {
    wxString unplaced = other;
    for (auto& [field, label] : m_errors) {
        label->SetLabel(wxString());
    }
    for (const auto& [field, messages] : fields) {
        wxString text;
        for (const auto& message : messages) {
            text += (text.empty() ? wxString() : wxString(wxS("\n"))) + fromUtf8(message);
        }
        const auto it = m_errors.find(field);
        if (it != m_errors.end() && it->first != "other") {
            it->second->SetLabel(text);
        } else {
            unplaced += (unplaced.empty() ? wxString() : wxString(wxS("\n"))) + text;
        }
    }
    m_errors.at("other")->SetLabel(unplaced);
    if (!fields.empty() && fields.count("name") > 0) {
        m_name->SetFocus();
    }
    Layout();
}

void CheckinListEditor::showStatus(const std::optional<checkin::ListStatus>& status) {
    m_counts->DeleteAllItems();
    if (!status) {
        m_summary->SetLabel(_("Not saved yet."));
        return;
    }
    m_summary->SetLabel(wxString::Format(_("Checked in %lld of %lld, inside now %lld"),
                                         static_cast<long long>(status->list.checkinCount),
                                         static_cast<long long>(status->list.positionCount),
                                         static_cast<long long>(status->insideCount)));
    long row = 0;
    for (const auto& item : status->items) {
        m_counts->InsertItem(row, productLabel(item.item));
        m_counts->SetItem(row, 1, wxString::Format(wxS("%lld"), static_cast<long long>(item.checkinCount)));
        m_counts->SetItem(row, 2, wxString::Format(wxS("%lld"), static_cast<long long>(item.positionCount)));
        ++row;
        for (const auto& variation : item.variations) {
            m_counts->InsertItem(row, wxS("    ") + localized(variation.variation.value));
            m_counts->SetItem(row, 1, wxString::Format(wxS("%lld"), static_cast<long long>(variation.checkinCount)));
            m_counts->SetItem(row, 2, wxString::Format(wxS("%lld"), static_cast<long long>(variation.positionCount)));
            ++row;
        }
    }
    Layout();
}

void CheckinListEditor::updateProductsEnabled() { m_products->Enable(!m_allProducts->GetValue()); }

} // namespace boxoffice::gui
