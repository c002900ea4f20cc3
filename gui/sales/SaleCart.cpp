// The Sales tab's cart: adding tickets and add-ons, the cart's lines (add-ons indented under their
// ticket, a refused sale's problem on its line), the selected line's attendee name, questions and
// the add-ons its ticket may have, and Enter moving on from line to line. See SalesPanel.h.
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/ReportList.h"
#include "sales/SalesPanel.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

// The questions the desk asks for a ticket of `itemId`: not the hidden ones, nor those the door
// asks at check-in.
std::vector<const model::Question*> questionsFor(const std::vector<model::Question>& questions, model::Id itemId) {
    std::vector<const model::Question*> out;
    for (const auto& q : questions) {
        if (!q.hidden && !q.askDuringCheckin && std::find(q.items.begin(), q.items.end(), itemId) != q.items.end()) {
            out.push_back(&q);
        }
    }
    return out;
}

// An add-on's line in the cart starts indented, under its ticket.
wxString addonIndent() { return wxString::FromUTF8("\u2003+ "); }

} // namespace

void SalesPanel::buildCart(wxWindow* parent, wxSizer* column) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("Cart"));
    auto* b = box->GetStaticBox();
    box->Add(new wxStaticText(b, wxID_ANY, _("Tic&kets in the cart (Delete removes one):")), 0,
             wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    m_cartList = makeReportList(b, "sales.cart", {{_("#"), 36}, {_("Ticket"), 160}, {_("Price"), 90}, {_("Name"), 170}});
    box->Add(m_cartList, 1, wxEXPAND | wxALL, FromDIP(6));
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 4)));
    grid->AddGrowableCol(1);
    m_name = new wxTextCtrl(b, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                            wxDefaultValidator, wxS("sales.name"));
    grid->Add(new wxStaticText(b, wxID_ANY, _("Attendee &name:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_name, 1, wxEXPAND);
    box->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    // The selected ticket's questions, rebuilt when a ticket of another product is selected.
    m_questions = new wxPanel(b, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("sales.questions"));
    auto* questionGrid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 2)));
    questionGrid->AddGrowableCol(1);
    m_questions->SetSizer(questionGrid);
    box->Add(m_questions, 0, wxEXPAND | wxALL, FromDIP(6));
    buildAddons(b, box);
    m_remove = new wxButton(b, wxID_ANY, _("Remo&ve ticket"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("sales.remove"));
    box->Add(m_remove, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_cartError = errorText(b, "sales.cartError");
    box->Add(m_cartError, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    column->Add(box, 1, wxEXPAND | wxALL, FromDIP(6));
}

void SalesPanel::buildAddons(wxWindow* parent, wxSizer* column) {
    // Shown while the chosen ticket's product has add-ons; Tab reaches it after the questions.
    m_addons = new wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("sales.addons"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(m_addons, wxID_ANY, _("Add-ons for &this ticket:")), 0,
             wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_addonChoice = new wxChoice(m_addons, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                 wxDefaultValidator, wxS("sales.addon"));
    row->Add(m_addonChoice, 1, wxRIGHT, FromDIP(6));
    row->Add(new wxStaticText(m_addons, wxID_ANY, _("Quantity:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_addonQuantity = new wxTextCtrl(m_addons, wxID_ANY, wxS("1"), wxDefaultPosition, FromDIP(wxSize(50, -1)),
                                     wxTE_PROCESS_ENTER, wxDefaultValidator, wxS("sales.addonQuantity"));
    m_addonQuantity->SetToolTip(_("How many of the add-on; Enter adds them to the ticket"));
    row->Add(m_addonQuantity, 0, wxRIGHT, FromDIP(6));
    m_addAddon = new wxButton(m_addons, wxID_ANY, _("Add add-on"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("sales.addAddon"));
    row->Add(m_addAddon);
    sizer->Add(row, 0, wxEXPAND);
    m_addonRules = new wxStaticText(m_addons, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                    wxS("sales.addonRules"));
    sizer->Add(m_addonRules, 0, wxEXPAND | wxTOP, FromDIP(2));
    m_addons->SetSizer(sizer);
    m_addons->Hide();
    column->Add(m_addons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
}

void SalesPanel::addToCart() {
    const long row = m_products->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_catalogue.offers.size()) {
        m_cartError->SetLabel(_("Choose a product first."));
        return;
    }
    long quantity = 0;
    if (!m_quantity->GetValue().Strip(wxString::both).ToLong(&quantity) || quantity < 1 || quantity > 100) {
        m_cartError->SetLabel(_("Enter a quantity between 1 and 100."));
        m_quantity->SetFocus();
        return;
    }
    const auto& offer = m_catalogue.offers[static_cast<std::size_t>(row)];
    CartLine line;
    line.itemId = offer.itemId;
    line.variationId = offer.variationId;
    line.label = offer.label;
    line.price = offer.price;
    const std::size_t first = m_cart.size();
    m_cart.add(line, static_cast<int>(quantity));
    m_cartError->SetLabel(wxString());
    m_quantity->ChangeValue(wxS("1"));
    m_quantity->SelectAll();
    showCart(first);
}

void SalesPanel::addAddon() {
    const auto line = selectedCartLine();
    const auto menu = m_addonMenuOf ? m_catalogue.addons.find(*m_addonMenuOf) : m_catalogue.addons.end();
    const int chosen = m_addonChoice->GetSelection();
    if (!line || menu == m_catalogue.addons.end() || chosen == wxNOT_FOUND ||
        static_cast<std::size_t>(chosen) >= menu->second.offers.size()) {
        return;
    }
    long quantity = 0;
    if (!m_addonQuantity->GetValue().Strip(wxString::both).ToLong(&quantity) || quantity < 1 || quantity > 100) {
        m_cartError->SetLabel(_("Enter a quantity between 1 and 100."));
        m_addonQuantity->SetFocus();
        return;
    }
    const auto& offer = menu->second.offers[static_cast<std::size_t>(chosen)];
    CartLine addon;
    addon.itemId = offer.itemId;
    addon.variationId = offer.variationId;
    addon.label = offer.label;
    addon.price = offer.price;
    const std::size_t ticket = m_cart.ticketOf(*line);
    if (!m_cart.addAddon(ticket, addon, static_cast<int>(quantity))) {
        return;
    }
    m_lineErrors.clear();  // the lines after the add-ons moved: their problems no longer match
    m_cartError->SetLabel(wxString());
    m_addonQuantity->ChangeValue(wxS("1"));
    m_addonQuantity->SelectAll();
    // The ticket stays chosen, for its name, its answers or another add-on.
    showCart(ticket);
}

void SalesPanel::removeFromCart() {
    const auto line = selectedCartLine();
    if (!line) {
        return;
    }
    m_cart.remove(*line);
    m_lineErrors.clear();  // their line numbers no longer match
    showCart(m_cart.empty() ? std::nullopt : std::optional<std::size_t>(std::min(*line, m_cart.size() - 1)));
}

void SalesPanel::showCart(std::optional<std::size_t> select) {
    m_cartList->DeleteAllItems();
    std::size_t tickets = 0;
    for (std::size_t i = 0; i < m_cart.size(); ++i) {
        const auto& line = m_cart.lines()[i];
        const long row = static_cast<long>(i);
        const bool addon = line.addonTo.has_value();
        // An add-on has no number of its own: it belongs to the ticket above it.
        m_cartList->InsertItem(row, addon ? wxString() : wxString::Format(wxS("%zu"), ++tickets));
        m_cartList->SetItem(row, CartTicket, addon ? addonIndent() + fromUtf8(line.label) : fromUtf8(line.label));
        m_cartList->SetItem(row, CartPrice, amountText(line.price));
        // An add-on has no attendee: its Name column tells why the sale refused it.
        const wxString problem = lineProblem(i);
        m_cartList->SetItem(row, CartName, addon ? problem : fromUtf8(line.attendeeName));
        if (!problem.empty()) {
            m_cartList->SetItemTextColour(row, errorColour());
        }
    }
    if (select && *select < m_cart.size()) {
        const long at = static_cast<long>(*select);
        m_cartList->SetItemState(at, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_cartList->EnsureVisible(at);
    }
    showTicketFields();
    updatePayment();
}

wxString SalesPanel::lineProblem(std::size_t line) const {
    // The answers' problems are shown beside their fields; the rest concern the line itself.
    wxString problem;
    const auto errors = m_lineErrors.find(line);
    if (errors == m_lineErrors.end()) {
        return problem;
    }
    for (const auto& [field, text] : errors->second) {
        if (field.rfind("answers.", 0) != 0) {
            problem += (problem.empty() ? wxString() : wxString(wxS(" "))) + text;
        }
    }
    return problem;
}

std::optional<std::size_t> SalesPanel::selectedCartLine() const {
    const long row = m_cartList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_cart.size()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(row);
}

void SalesPanel::showTicketFields() {
    const auto line = selectedCartLine();
    // An add-on is bought with its ticket and has no attendee of its own.
    const bool ticket = line && !m_cart.isAddon(*line);
    m_name->Enable(ticket);
    m_remove->SetLabel(line && !ticket ? _("Remo&ve add-on") : _("Remo&ve ticket"));
    // Set only when it differs: a reload while typing must not move the cursor.
    const wxString name = ticket ? fromUtf8(m_cart.line(*line).attendeeName) : wxString();
    if (m_name->GetValue() != name) {
        m_name->ChangeValue(name);
    }
    showQuestions(line);
    showAddons(line);
    updateButtons();
    Layout();
}

void SalesPanel::showQuestions(std::optional<std::size_t> line) {
    std::vector<const model::Question*> asked;
    if (line) {
        asked = questionsFor(m_catalogue.questions, m_cart.line(*line).itemId);
    }
    // Rebuilt only for other questions, so typing and Enter never lose the field under them.
    const bool same = asked.size() == m_answerFields.size() &&
                      std::equal(asked.begin(), asked.end(), m_answerFields.begin(),
                                 [](const model::Question* q, const AnswerField& f) { return q->id == f.question; });
    if (!same) {
        m_questions->DestroyChildren();
        m_answerFields.clear();
        auto* grid = static_cast<wxFlexGridSizer*>(m_questions->GetSizer());
        grid->Clear();
        grid->SetCols(2);
        for (const auto* q : asked) {
            wxString label = localized(q->question);
            label += q->required ? wxS(" *:") : wxS(":");
            AnswerField field{q->id, nullptr, nullptr};
            grid->Add(new wxStaticText(m_questions, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
            field.text = new wxTextCtrl(m_questions, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                        wxTE_PROCESS_ENTER, wxDefaultValidator,
                                        wxString::Format(wxS("sales.answer.%lld"), static_cast<long long>(q->id)));
            if (!q->options.empty()) {
                wxString choices;
                for (const auto& o : q->options) {
                    choices += (choices.empty() ? wxString() : wxString(wxS(", "))) + fromUtf8(o.identifier) +
                               wxS(" = ") + localized(o.answer);
                }
                field.text->SetHint(choices);
                field.text->SetToolTip(wxString::Format(_("Type one of: %s"), choices));
            }
            grid->Add(field.text, 1, wxEXPAND);
            grid->AddSpacer(0);
            field.error = errorText(m_questions, "sales.answerError");
            grid->Add(field.error, 0, wxEXPAND);
            const model::Id question = q->id;
            field.text->Bind(wxEVT_TEXT, [this, question, text = field.text](wxCommandEvent&) {
                if (const auto at = selectedCartLine()) {
                    m_cart.line(*at).answers[question] = std::string(text->GetValue().utf8_string());
                }
            });
            const std::size_t index = m_answerFields.size();
            field.text->Bind(wxEVT_TEXT_ENTER, [this, index](wxCommandEvent&) {
                if (index + 1 < m_answerFields.size()) {
                    m_answerFields[index + 1].text->SetFocus();
                } else {
                    CallAfter([this] { nextTicket(); });
                }
            });
            m_answerFields.push_back(field);
        }
    }
    const auto errors = line ? m_lineErrors.find(*line) : m_lineErrors.end();
    for (auto& field : m_answerFields) {
        const auto& answers = m_cart.line(*line).answers;
        const auto given = answers.find(field.question);
        const wxString value = given != answers.end() ? fromUtf8(given->second) : wxString();
        if (field.text->GetValue() != value) {
            field.text->ChangeValue(value);
        }
        wxString problem;
        if (errors != m_lineErrors.end()) {
            const auto it = errors->second.find("answers." + std::to_string(field.question));
            problem = it != errors->second.end() ? it->second : wxString();
        }
        field.error->SetLabel(problem);
        field.error->Show(!problem.empty());
    }
}

void SalesPanel::showAddons(std::optional<std::size_t> line) {
    const auto menu =
        line ? m_catalogue.addons.find(m_cart.line(m_cart.ticketOf(*line)).itemId) : m_catalogue.addons.end();
    m_addons->Show(menu != m_catalogue.addons.end());
    if (menu == m_catalogue.addons.end()) {
        return;
    }
    wxArrayString items;
    for (const auto& offer : menu->second.offers) {
        wxString text = fromUtf8(offer.label) + wxS(" \u2013 ") + amountText(offer.price);
        const auto& a = offer.availability;
        if (!a.counted) {
            text += wxS(" ") + _("(not on sale)");
        } else if (a.left && *a.left <= 0) {
            text += wxS(" ") + _("(sold out)");
        }
        items.Add(text);
    }
    const bool sameProduct = m_addonMenuOf == menu->first;
    if (sameProduct && items == m_addonChoice->GetStrings()) {
        return;  // listed already: the choice made stays
    }
    // Listed again (a reload brought new prices or places left): the add-on chosen stays chosen.
    const int chosen = sameProduct ? m_addonChoice->GetSelection() : wxNOT_FOUND;
    m_addonMenuOf = menu->first;
    m_addonChoice->Set(items);
    m_addonChoice->SetSelection(chosen != wxNOT_FOUND && static_cast<std::size_t>(chosen) < items.size() ? chosen : 0);
    wxString rules;
    for (const auto& rule : menu->second.rules) {
        const wxString category = fromUtf8(rule.category);
        rules += (rules.empty() ? wxString() : wxString(wxS("; "))) +
                 (rule.minCount == 0 ? wxString::Format(_("%s: up to %d per ticket"), category, rule.maxCount)
                                     : wxString::Format(_("%s: %d to %d per ticket"), category, rule.minCount,
                                                        rule.maxCount));
    }
    m_addonRules->SetLabel(rules);
}

void SalesPanel::nextTicket() {
    // On to the next line with something to fill in: a ticket, or an add-on with questions.
    const auto line = selectedCartLine();
    std::optional<std::size_t> next;
    for (std::size_t i = line ? *line + 1 : m_cart.size(); i < m_cart.size() && !next; ++i) {
        if (!m_cart.isAddon(i) || !questionsFor(m_catalogue.questions, m_cart.lines()[i].itemId).empty()) {
            next = i;
        }
    }
    if (next) {
        const long row = static_cast<long>(*next);
        m_cartList->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        m_cartList->EnsureVisible(row);
        showTicketFields();  // that line's fields, before the cursor goes to them
        if (m_cart.isAddon(*next)) {
            m_answerFields.front().text->SetFocus();
        } else {
            m_name->SetFocus();
            m_name->SelectAll();
        }
        return;
    }
    // The last ticket: on to paying.
    if (paymentMethod() == sales::PaymentMethod::Cash) {
        m_given->SetFocus();
    } else {
        m_pay->SetFocus();
    }
}

} // namespace boxoffice::gui
