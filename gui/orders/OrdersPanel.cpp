#include "orders/OrdersPanel.h"

#include "boxoffice/gui/EmptyState.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "orders/OrderList.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {
// The status filter's entries after "All statuses", in this order.
constexpr std::array kStatuses{model::OrderStatus::Pending, model::OrderStatus::Paid,
                               model::OrderStatus::Expired, model::OrderStatus::Canceled,
                               model::OrderStatus::Refunded};
} // namespace

OrdersPanel::OrdersPanel(wxWindow* parent, model::Store& store)
    : StorePanel(parent, store, wxS("orders"),
                 {model::Change::Kind::Event, model::Change::Kind::Orders, model::Change::Kind::Checkins}) {
    m_empty = new EmptyState(this, _("No orders yet"),
                             _("Orders of this event appear here once they are in the box office. Import a "
                               "pretix export (Orders > Export > Order data (JSON)) with\n"
                               "boxoffice-cli import-pretix FILE\n"
                               "or synchronise with your pretix server. The list updates by itself."),
                             wxS("orders.empty"));

    auto* content =
        new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("orders.content"));
    m_content = content;
    m_search = new wxSearchCtrl(content, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, wxS("orders.search"));
    m_search->SetDescriptiveText(_("Search code, email or name"));
    m_search->ShowCancelButton(true);
    m_status = new wxChoice(content, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                            wxDefaultValidator, wxS("orders.status"));
    m_status->Append(_("All statuses"));
    for (const auto status : kStatuses) {
        m_status->Append(statusText(status));
    }
    m_status->SetSelection(0);
    m_count = new wxStaticText(content, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                               wxS("orders.count"));
    m_orders = new OrderList(content);
    m_positions = new wxListCtrl(content, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                 wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES, wxDefaultValidator,
                                 wxS("orders.positions"));
    m_positions->AppendColumn(_("Attendee"), wxLIST_FORMAT_LEFT, FromDIP(200));
    m_positions->AppendColumn(_("Product"), wxLIST_FORMAT_LEFT, FromDIP(220));
    m_positions->AppendColumn(_("Secret"), wxLIST_FORMAT_LEFT, FromDIP(260));
    m_positions->AppendColumn(_("Check-in"), wxLIST_FORMAT_LEFT, FromDIP(200));

    auto* filters = new wxBoxSizer(wxHORIZONTAL);
    filters->Add(m_search, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    filters->Add(m_status, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    filters->Add(m_count, 0, wxALIGN_CENTER_VERTICAL);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(filters, 0, wxEXPAND | wxALL, 8);
    column->Add(m_orders, 3, wxEXPAND | wxLEFT | wxRIGHT, 8);
    column->Add(new wxStaticText(content, wxID_ANY, _("Positions of the selected order")), 0, wxALL, 8);
    column->Add(m_positions, 2, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    content->SetSizer(column);

    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(m_empty, 1, wxEXPAND);
    outer->Add(m_content, 1, wxEXPAND);
    SetSizer(outer);
    showEmptyState(true);

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { guardedCall([this] { applyFilter(); }, this); });
    m_search->Bind(wxEVT_SEARCH_CANCEL, [this](wxCommandEvent&) { m_search->Clear(); });
    m_status->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { guardedCall([this] { applyFilter(); }, this); });
    m_orders->Bind(wxEVT_LIST_ITEM_SELECTED,
                   [this](wxListEvent&) { guardedCall([this] { showPositions(); }, this); });
    m_orders->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { m_positions->DeleteAllItems(); });
}

void OrdersPanel::doReload() {
    m_items.clear();
    m_currency.clear();
    m_total = 0;
    if (eventId() != 0) {
        model::EventRepository events(store());
        if (const auto event = events.eventById(eventId())) {
            m_currency = event->currency;
        }
        for (auto& item : events.items(eventId())) {
            const model::Id id = item.id;
            m_items.emplace(id, std::move(item));
        }
        m_total = model::OrderRepository(store()).count(eventId(), {});
    }
    showEmptyState(m_total == 0);
    applyFilter();
}

void OrdersPanel::applyFilter() {
    if (m_total == 0) {
        m_orders->setOrders({}, m_currency);
        m_positions->DeleteAllItems();
        return;
    }
    model::OrderQuery query;
    query.ordering = "-datetime"; // the newest orders first, as pretix lists them
    if (const auto text = m_search->GetValue().Strip(wxString::both); !text.empty()) {
        query.search = text.utf8_string();
    }
    if (const int selected = m_status->GetSelection(); selected > 0) {
        query.status = kStatuses.at(static_cast<std::size_t>(selected - 1));
    }
    const model::Order* current = m_orders->order(m_orders->GetFirstSelected());
    const std::string selectedCode = current != nullptr ? current->code : std::string();

    m_orders->setOrders(model::OrderRepository(store()).list(eventId(), query), m_currency);
    m_positions->DeleteAllItems();
    m_count->SetLabel(
        wxString::Format(_("%lld of %lld orders"), static_cast<long long>(m_orders->size()), m_total));
    for (long row = 0; !selectedCode.empty() && row < m_orders->GetItemCount(); ++row) {
        if (m_orders->order(row)->code == selectedCode) {
            m_orders->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                   wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_orders->EnsureVisible(row);
            showPositions();
            break;
        }
    }
    m_content->Layout();
}

void OrdersPanel::showPositions() {
    m_positions->DeleteAllItems();
    const model::Order* order = m_orders->order(m_orders->GetFirstSelected());
    if (order == nullptr) {
        return;
    }
    long row = 0;
    for (const auto& position : order->positions) {
        wxString attendee = fromUtf8(position.attendeeName.value_or(std::string()));
        if (attendee.empty()) {
            attendee = fromUtf8(position.attendeeEmail.value_or(std::string()));
        }
        m_positions->InsertItem(row, attendee);
        m_positions->SetItem(row, 1, productName(position));
        m_positions->SetItem(row, 2, fromUtf8(position.secret));
        m_positions->SetItem(row, 3, checkinState(position));
        ++row;
    }
}

void OrdersPanel::showEmptyState(bool empty) {
    m_empty->Show(empty);
    m_content->Show(!empty);
    Layout();
}

wxString OrdersPanel::productName(const model::OrderPosition& position) const {
    const auto item = m_items.find(position.itemId);
    if (item == m_items.end()) {
        return wxString::Format(_("Product #%lld"), static_cast<long long>(position.itemId));
    }
    wxString name = localized(item->second.name);
    if (position.variationId) {
        const auto& variations = item->second.variations;
        const auto variation =
            std::find_if(variations.begin(), variations.end(),
                         [&](const model::Variation& v) { return v.id == *position.variationId; });
        if (variation != variations.end()) {
            name += wxS(" \u2013 ") + localized(variation->value);
        }
    }
    if (position.addonTo) {
        name = wxString::Format(_("%s (add-on)"), name);
    }
    return name;
}

wxString OrdersPanel::checkinState(const model::OrderPosition& position) {
    if (position.canceled) {
        return _("Canceled");
    }
    const auto checkins = model::CheckinRepository(store()).forPosition(position.id);
    if (checkins.empty()) {
        return _("Not checked in");
    }
    const auto latest = std::max_element(checkins.begin(), checkins.end(), [](const auto& a, const auto& b) {
        return a.datetime < b.datetime;
    });
    if (latest->type == model::CheckinType::Exit) {
        return wxString::Format(_("Left %s"), localDateTime(latest->datetime));
    }
    return wxString::Format(_("Checked in %s"), localDateTime(latest->datetime));
}

} // namespace boxoffice::gui
