#include "sales/SalesPanel.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/ReportList.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/sales/EventSetup.h"
#include "sales/CancelOrderDialog.h"

#include <algorithm>
#include <set>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/listctrl.h>
#include <wx/numformatter.h>
#include <wx/panel.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

bool soldAtDesk(const model::Item& item) {
    return std::find(item.salesChannels.begin(), item.salesChannels.end(), sales::kDeskSalesChannel) !=
           item.salesChannels.end();
}

} // namespace

wxColour SalesPanel::errorColour() { return {0xB0, 0x00, 0x20}; }

wxStaticText* SalesPanel::errorText(wxWindow* parent, const char* name) {
    auto* text = new wxStaticText(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                  wxString::FromUTF8(name));
    text->SetForegroundColour(errorColour());
    return text;
}

SalesPanel::SalesPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("sales"), {model::Change::Kind::Event, model::Change::Kind::Orders}) {
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    auto* right = new wxBoxSizer(wxVERTICAL);
    // Created in the order Tab visits them: shift, products, cart, payment, the last sale.
    buildShift(this, left);
    buildProducts(this, left);
    buildCart(this, right);
    buildPayment(this, right);
    buildLastSale(this, left);
    columns->Add(left, 1, wxEXPAND);
    columns->Add(right, 1, wxEXPAND);
    SetSizer(columns);
    bindKeys();

    askPdfPath = [this](const wxString& suggestedName) {
        wxFileDialog dialog(this, _("Save the tickets as PDF"), wxString(), suggestedName,
                            _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    askReportPath = [this](const wxString& suggestedName) {
        wxFileDialog dialog(this, _("Save the shift report"), wxString(), suggestedName,
                            _("PDF (*.pdf)|*.pdf|CSV (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() != wxID_OK) {
            return wxString();
        }
        // A name typed without an extension gets the chosen type's, which then decides the format.
        wxFileName file(dialog.GetPath());
        if (!file.HasExt()) {
            file.SetExt(dialog.GetFilterIndex() == 1 ? wxS("csv") : wxS("pdf"));
        }
        return file.GetFullPath();
    };
    askCancel = [this]() { return askCancelOrder(this, m_lastOrderCode); };
    loadPrinters();
    showShift();
    showCart(std::nullopt);
}

void SalesPanel::buildShift(wxWindow* parent, wxSizer* column) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("Shift"));
    auto* b = box->GetStaticBox();
    m_shiftState = new wxStaticText(b, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                    wxS("sales.shiftState"));
    m_shiftState->SetFont(m_shiftState->GetFont().Bold());
    box->Add(m_shiftState, 0, wxEXPAND | wxALL, FromDIP(6));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_operatorLabel = new wxStaticText(b, wxID_ANY, _("&Operator:"));
    m_operator = new wxTextCtrl(b, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                                wxDefaultValidator, wxS("sales.operator"));
    m_operator->SetHint(_("Your name"));
    m_startShift = new wxButton(b, wxID_ANY, _("&Start shift"), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, wxS("sales.startShift"));
    m_endShift = new wxButton(b, wxID_ANY, _("&End shift..."), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("sales.endShift"));
    m_shiftReport = new wxButton(b, wxID_ANY, _("Shift &report..."), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, wxS("sales.shiftReport"));
    m_shiftReport->SetToolTip(_("Save the shift's takings, refunds and tickets as a PDF or CSV file"));
    row->Add(m_operatorLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    row->Add(m_operator, 1, wxRIGHT, FromDIP(6));
    row->Add(m_startShift, 0, wxRIGHT, FromDIP(6));
    row->Add(m_endShift, 0, wxRIGHT, FromDIP(6));
    row->Add(m_shiftReport);
    box->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_shiftError = errorText(b, "sales.shiftError");
    box->Add(m_shiftError, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    column->Add(box, 0, wxEXPAND | wxALL, FromDIP(6));
}

void SalesPanel::buildProducts(wxWindow* parent, wxSizer* column) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("Products"));
    auto* b = box->GetStaticBox();
    box->Add(new wxStaticText(b, wxID_ANY, _("Pro&ducts (Enter adds the quantity):")), 0, wxLEFT | wxRIGHT | wxTOP,
             FromDIP(6));
    m_products = makeReportList(b, "sales.products", {{_("Product"), 220}, {_("Price"), 100}, {_("Available"), 90}});
    box->Add(m_products, 1, wxEXPAND | wxALL, FromDIP(6));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_quantity = new wxTextCtrl(b, wxID_ANY, wxS("1"), wxDefaultPosition, FromDIP(wxSize(60, -1)),
                                wxTE_PROCESS_ENTER, wxDefaultValidator, wxS("sales.quantity"));
    m_add = new wxButton(b, wxID_ANY, _("&Add to cart"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("sales.add"));
    row->Add(new wxStaticText(b, wxID_ANY, _("&Quantity:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    row->Add(m_quantity, 0, wxRIGHT, FromDIP(6));
    row->Add(m_add);
    box->Add(row, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    column->Add(box, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
}

void SalesPanel::buildPayment(wxWindow* parent, wxSizer* column) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("Payment"));
    auto* b = box->GetStaticBox();
    const wxString methods[] = {_("Cash"), _("Card"), _("Free")};
    m_payment = new wxRadioBox(b, wxID_ANY, _("Paid &with"), wxDefaultPosition, wxDefaultSize, 3, methods, 3,
                               wxRA_SPECIFY_COLS, wxDefaultValidator, wxS("sales.payment"));
    box->Add(m_payment, 0, wxEXPAND | wxALL, FromDIP(6));
    m_total = new wxStaticText(b, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("sales.total"));
    m_total->SetFont(m_total->GetFont().Bold().Larger());
    box->Add(m_total, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_given = new wxTextCtrl(b, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(100, -1)), wxTE_PROCESS_ENTER,
                             wxDefaultValidator, wxS("sales.given"));
    m_given->SetToolTip(_("What the buyer handed over; Enter pays"));
    m_change = new wxStaticText(b, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("sales.change"));
    m_change->SetFont(m_change->GetFont().Bold());
    row->Add(new wxStaticText(b, wxID_ANY, _("Amount &given:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    row->Add(m_given, 0, wxRIGHT, FromDIP(12));
    row->Add(m_change, 1, wxALIGN_CENTER_VERTICAL);
    box->Add(row, 0, wxEXPAND | wxALL, FromDIP(6));
    m_paymentError = errorText(b, "sales.paymentError");
    box->Add(m_paymentError, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    m_pay = new wxButton(b, wxID_ANY, _("&Pay"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("sales.pay"));
    m_pay->SetFont(m_pay->GetFont().Bold());
    box->Add(m_pay, 0, wxALL, FromDIP(6));
    column->Add(box, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
}

void SalesPanel::buildLastSale(wxWindow* parent, wxSizer* column) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("Last sale"));
    auto* b = box->GetStaticBox();
    m_lastSale = new wxStaticText(b, wxID_ANY, _("Nothing sold yet in this window."), wxDefaultPosition,
                                  wxDefaultSize, 0, wxS("sales.lastSale"));
    m_lastSale->SetFont(m_lastSale->GetFont().Bold());
    box->Add(m_lastSale, 0, wxEXPAND | wxALL, FromDIP(6));
    auto* printerRow = new wxBoxSizer(wxHORIZONTAL);
    m_printer = new wxChoice(b, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                             wxS("sales.printer"));
    printerRow->Add(new wxStaticText(b, wxID_ANY, _("Pr&inter:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    printerRow->Add(m_printer, 1, wxRIGHT, FromDIP(12));
    m_printOnPay = new wxCheckBox(b, wxID_ANY, _("Print tickets w&hen paid"), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, wxS("sales.printOnPay"));
    m_printOnPay->SetToolTip(_("Pay prints the sale's tickets on this printer at once"));
    printerRow->Add(m_printOnPay, 0, wxALIGN_CENTER_VERTICAL);
    box->Add(printerRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    m_print = new wxButton(b, wxID_ANY, _("Print tic&kets"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           wxS("sales.print"));
    m_savePdf = new wxButton(b, wxID_ANY, _("Save P&DF..."), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             wxS("sales.savePdf"));
    m_cancelOrder = new wxButton(b, wxID_ANY, _("&Cancel order..."), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, wxS("sales.cancelOrder"));
    m_cancelOrder->SetToolTip(_("Take an order back, with or without paying it back"));
    actions->Add(m_print, 0, wxRIGHT, FromDIP(6));
    actions->Add(m_savePdf, 0, wxRIGHT, FromDIP(6));
    actions->AddStretchSpacer();
    actions->Add(m_cancelOrder);
    box->Add(actions, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_status = new wxStaticText(b, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("sales.status"));
    box->Add(m_status, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    column->Add(box, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
}

void SalesPanel::bindKeys() {
    const auto guarded = [this](void (SalesPanel::*action)()) {
        return [this, action](wxCommandEvent&) { guardedCall([this, action] { (this->*action)(); }, this); };
    };
    m_operator->Bind(wxEVT_TEXT_ENTER, guarded(&SalesPanel::startShift));
    m_startShift->Bind(wxEVT_BUTTON, guarded(&SalesPanel::startShift));
    m_endShift->Bind(wxEVT_BUTTON, guarded(&SalesPanel::endShift));
    m_shiftReport->Bind(wxEVT_BUTTON, guarded(&SalesPanel::saveShiftReport));
    m_products->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { guardedCall([this] { addToCart(); }, this); });
    m_quantity->Bind(wxEVT_TEXT_ENTER, guarded(&SalesPanel::addToCart));
    // Reached with Tab, the quantity is selected so the next digit replaces it.
    m_quantity->Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& event) {
        event.Skip();
        CallAfter([this] { m_quantity->SelectAll(); });
    });
    m_add->Bind(wxEVT_BUTTON, guarded(&SalesPanel::addToCart));
    m_cartList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { showTicketFields(); });
    m_cartList->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { showTicketFields(); });
    m_cartList->Bind(wxEVT_LIST_KEY_DOWN, [this](wxListEvent& event) {
        if (event.GetKeyCode() == WXK_DELETE || event.GetKeyCode() == WXK_NUMPAD_DELETE) {
            removeFromCart();
        } else {
            event.Skip();
        }
    });
    m_remove->Bind(wxEVT_BUTTON, guarded(&SalesPanel::removeFromCart));
    m_addonQuantity->Bind(wxEVT_TEXT_ENTER, guarded(&SalesPanel::addAddon));
    m_addonQuantity->Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& event) {
        event.Skip();
        CallAfter([this] { m_addonQuantity->SelectAll(); });
    });
    m_addAddon->Bind(wxEVT_BUTTON, guarded(&SalesPanel::addAddon));
    m_name->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (const auto line = selectedCartLine()) {
            m_cart.line(*line).attendeeName = std::string(m_name->GetValue().utf8_string());
            m_cartList->SetItem(static_cast<long>(*line), CartName, m_name->GetValue());
        }
    });
    // Enter goes on: to the ticket's first question, else to the next ticket.
    m_name->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        if (!m_answerFields.empty()) {
            m_answerFields.front().text->SetFocus();
        } else {
            CallAfter([this] { nextTicket(); });
        }
    });
    m_payment->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { updatePayment(); });
    m_given->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { updatePayment(); });
    m_given->Bind(wxEVT_TEXT_ENTER, guarded(&SalesPanel::pay));
    m_pay->Bind(wxEVT_BUTTON, guarded(&SalesPanel::pay));
    m_printer->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { updateButtons(); });
    m_printOnPay->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { rememberPrintOnPay(); });
    m_print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { printTickets(); }, this); });
    m_savePdf->Bind(wxEVT_BUTTON, guarded(&SalesPanel::saveTickets));
    m_cancelOrder->Bind(wxEVT_BUTTON, guarded(&SalesPanel::cancelOrder));
}

void SalesPanel::focusStart() {
    if (!m_catalogue.shift) {
        m_operator->SetFocus();
        return;
    }
    if (m_products->GetItemCount() > 0 && m_products->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) < 0) {
        m_products->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    m_products->SetFocus();
}

void SalesPanel::doReload() {
    m_catalogueTask.cancel();
    m_catalogueTask = session().run<Catalogue>(
        this,
        [event = eventId(), language = uiLanguage()](desk::TaskContext& context) {
            return loadCatalogue(context.store, event, language);
        },
        [this](Catalogue&& c) { showCatalogue(std::move(c)); });
}

SalesPanel::Catalogue SalesPanel::loadCatalogue(model::Store& store, model::Id event, const std::string& language) {
    Catalogue c;
    c.eventId = event;
    model::EventRepository events(store);
    const auto found = event != 0 ? events.eventById(event) : std::nullopt;
    if (!found) {
        return c;
    }
    c.event = *found;
    std::set<model::Id> addonCategories;
    for (const auto& category : events.categories(event)) {
        if (category.isAddon) {
            addonCategories.insert(category.id);
        }
    }
    for (const auto& item : events.items(event)) {
        // Add-ons are sold with a ticket, not on their own: offered with the ticket in the cart.
        if (!item.active || !soldAtDesk(item) || (item.categoryId && addonCategories.contains(*item.categoryId))) {
            continue;
        }
        const std::string name = item.name.text(language);
        if (!item.hasVariations()) {
            c.offers.push_back(
                {item.id, std::nullopt, name, item.defaultPrice, sales::availability(store, event, item.id)});
        }
        for (const auto& v : item.variations) {
            if (v.active) {
                c.offers.push_back({item.id, v.id, name + " \u2013 " + v.value.text(language), v.defaultPrice,
                                    sales::availability(store, event, item.id, v.id)});
            }
        }
    }
    c.addons = loadAddonMenus(store, event, language);
    c.questions = events.questions(event);
    for (const auto& shift : sales::shifts(store, event)) {
        if (!shift.endedAt) {
            c.shift = shift;
            break;
        }
    }
    return c;
}

std::map<model::Id, SalesPanel::AddonMenu> SalesPanel::loadAddonMenus(model::Store& store, model::Id event,
                                                                      const std::string& language) {
    model::EventRepository events(store);
    std::map<model::Id, std::string> categoryNames;
    for (const auto& category : events.categories(event)) {
        categoryNames[category.id] = category.name.text(language);
    }
    const auto items = events.items(event);
    std::map<model::Id, AddonMenu> menus;
    for (const auto& ticket : items) {
        AddonMenu menu;
        for (const auto& rule : ticket.addons) {
            menu.rules.push_back({categoryNames[rule.addonCategoryId], rule.minCount, rule.maxCount});
            // The sale charges nothing for an add-on the product includes (sales/Sale.cpp).
            const auto price = [&](model::Money p) { return rule.priceIncluded ? model::Money{} : p; };
            for (const auto& addon : items) {
                if (addon.categoryId != rule.addonCategoryId || !addon.active || !soldAtDesk(addon)) {
                    continue;
                }
                const std::string name = addon.name.text(language);
                if (!addon.hasVariations()) {
                    menu.offers.push_back({addon.id, std::nullopt, name, price(addon.defaultPrice),
                                           sales::availability(store, event, addon.id)});
                }
                for (const auto& v : addon.variations) {
                    if (v.active) {
                        menu.offers.push_back({addon.id, v.id, name + " \u2013 " + v.value.text(language),
                                               price(v.defaultPrice), sales::availability(store, event, addon.id, v.id)});
                    }
                }
            }
        }
        if (!menu.offers.empty()) {
            menus.emplace(ticket.id, std::move(menu));
        }
    }
    return menus;
}

void SalesPanel::showCatalogue(Catalogue&& catalogue) {
    if (catalogue.eventId != m_catalogue.eventId) {
        // Another event: its cart and its last sale are not this one's.
        m_cart.clear();
        m_lineErrors.clear();
        m_lastOrderCode.clear();
        m_lastPositions.clear();
        m_lastSale->SetLabel(_("Nothing sold yet in this window."));
        m_cartError->SetLabel(wxString());
        m_paymentError->SetLabel(wxString());
    }
    const long selected = m_products->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    std::optional<std::pair<model::Id, std::optional<model::Id>>> chosen;
    if (selected >= 0 && static_cast<std::size_t>(selected) < m_catalogue.offers.size()) {
        const auto& offer = m_catalogue.offers[static_cast<std::size_t>(selected)];
        chosen = std::make_pair(offer.itemId, offer.variationId);
    }
    m_catalogue = std::move(catalogue);
    m_products->DeleteAllItems();
    long row = 0;
    for (const auto& offer : m_catalogue.offers) {
        m_products->InsertItem(row, fromUtf8(offer.label));
        m_products->SetItem(row, 1, amountText(offer.price));
        const auto& a = offer.availability;
        m_products->SetItem(row, 2, !a.counted ? _("not on sale")
                                    : !a.left  ? _("unlimited")
                                    : *a.left <= 0 ? _("sold out")
                                                   : wxString::Format(wxS("%lld"), static_cast<long long>(*a.left)));
        if (chosen && chosen->first == offer.itemId && chosen->second == offer.variationId) {
            m_products->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                     wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        }
        ++row;
    }
    if (!chosen && row > 0) {
        m_products->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    showShift();
    showCart(selectedCartLine());
}

void SalesPanel::showShift() {
    const bool open = m_catalogue.shift.has_value();
    if (m_catalogue.eventId == 0) {
        m_shiftState->SetLabel(_("No event is open."));
    } else if (open) {
        m_shiftState->SetLabel(wxString::Format(_("Shift of %s since %s"), fromUtf8(m_catalogue.shift->operatorName),
                                                localDateTime(m_catalogue.shift->startedAt)));
    } else {
        m_shiftState->SetLabel(_("No shift is open: enter your name and start one to sell."));
    }
    m_operatorLabel->Show(!open);
    m_operator->Show(!open);
    m_startShift->Show(!open);
    m_endShift->Show(open);
    m_shiftReport->Show(open);
    m_startShift->Enable(m_catalogue.eventId != 0 && !m_busy);
    updateButtons();
    Layout();
}

void SalesPanel::startShift() {
    if (m_busy || m_catalogue.eventId == 0 || m_catalogue.shift) {
        return;
    }
    m_shiftError->SetLabel(wxString());
    m_busy = true;
    updateButtons();
    m_work = session().run<model::Result<sales::Shift>>(
        this,
        [event = m_catalogue.eventId, name = std::string(m_operator->GetValue().Strip(wxString::both).utf8_string())](
            desk::TaskContext& context) { return sales::startShift(context.store, event, name); },
        [this](model::Result<sales::Shift>&& started) {
            m_busy = false;
            if (!started) {
                m_shiftError->SetLabel(started.error().fields.count("operator") > 0
                                           ? _("Enter the operator's name to start a shift.")
                                           : serviceMessage(started.error().message));
                m_operator->SetFocus();
                showShift();
                return;
            }
            m_catalogue.shift = started.value();
            m_operator->Clear();
            showShift();
            focusStart();
            reload();
        },
        [this](const wxString& error) {
            m_busy = false;
            m_shiftError->SetLabel(error);
            showShift();
        });
}

void SalesPanel::endShift() {
    if (m_busy || !m_catalogue.shift) {
        return;
    }
    const auto& shift = *m_catalogue.shift;
    if (!confirm(wxString::Format(_("End the shift of %s? Selling needs a new shift afterwards."),
                                  fromUtf8(shift.operatorName)),
                 _("End shift"), this)) {
        return;
    }
    m_busy = true;
    m_work = session().run<model::Result<sales::Shift>>(
        this, [id = shift.id](desk::TaskContext& context) { return sales::endShift(context.store, id); },
        [this](model::Result<sales::Shift>&& ended) {
            m_busy = false;
            if (!ended) {
                m_shiftError->SetLabel(serviceMessage(ended.error().message));
            } else {
                say(wxString::Format(_("The shift of %s has ended."), fromUtf8(ended->operatorName)));
            }
            m_catalogue.shift.reset();
            showShift();
            reload();
        },
        [this](const wxString& error) {
            m_busy = false;
            m_shiftError->SetLabel(error);
            updateButtons();
        });
}

void SalesPanel::say(const wxString& text) {
    m_status->SetLabel(text);
    m_status->SetToolTip(text);
    Layout();
}

wxString SalesPanel::amountText(model::Money amount) const { return gui::money(amount, m_catalogue.event.currency); }

void SalesPanel::updateButtons() {
    const bool event = m_catalogue.eventId != 0;
    const bool open = m_catalogue.shift.has_value();
    m_startShift->Enable(event && !m_busy);
    m_endShift->Enable(open && !m_busy);
    m_shiftReport->Enable(open && !m_busy);
    m_add->Enable(event && m_products->GetItemCount() > 0);
    m_remove->Enable(selectedCartLine().has_value());
    m_pay->Enable(open && !m_cart.empty() && !m_busy);
    const bool sold = !m_lastPositions.empty();
    m_print->Enable(sold && !m_busy && m_printer->GetSelection() != wxNOT_FOUND);
    m_savePdf->Enable(sold && !m_busy);
    m_cancelOrder->Enable(open && !m_busy);
}

} // namespace boxoffice::gui
