#include "orders/OrdersPanel.h"

#include "boxoffice/gui/EmptyState.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "orders/OrderList.h"
#include "orders/PositionActions.h"

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

// What the load task reads for the panel.
struct OrdersPanel::Loaded {
    std::string currency;
    std::map<model::Id, model::Item> items;
    long long total = 0;
    std::vector<model::Order> orders;
};

OrdersPanel::OrdersPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("orders"),
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
    column->Add(m_positions, 2, wxEXPAND | wxLEFT | wxRIGHT, 8);
    m_actions = new PositionActions(content, session, [this]() -> std::optional<model::OrderPosition> {
        const model::Order* order = m_orders->order(m_orders->GetFirstSelected());
        const long row = m_positions->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (order == nullptr || row < 0 || static_cast<std::size_t>(row) >= order->positions.size()) {
            return std::nullopt;
        }
        return order->positions[static_cast<std::size_t>(row)];
    });
    column->Add(m_actions, 0, wxEXPAND | wxALL, 8);
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
                   [this](wxListEvent&) { guardedCall([this] { showPositions(std::nullopt); }, this); });
    m_orders->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) {
        m_positions->DeleteAllItems();
        m_positionIds.clear();
        m_actions->update();
    });
    m_positions->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { m_actions->update(); });
    m_positions->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { m_actions->update(); });
}

model::OrderQuery OrdersPanel::currentQuery() const {
    model::OrderQuery query;
    query.ordering = "-datetime"; // the newest orders first, as pretix lists them
    if (const auto text = m_search->GetValue().Strip(wxString::both); !text.empty()) {
        query.search = text.utf8_string();
    }
    if (const int selected = m_status->GetSelection(); selected > 0) {
        query.status = kStatuses.at(static_cast<std::size_t>(selected - 1));
    }
    return query;
}

void OrdersPanel::doReload() {
    // The check-in lists for the actions (names only), read beside the orders.
    m_lists.cancel();
    m_lists = session().run<std::vector<model::CheckinList>>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            return event != 0 ? model::CheckinRepository(context.store).listInfos(event)
                              : std::vector<model::CheckinList>{};
        },
        [this](std::vector<model::CheckinList>&& lists) { m_actions->setLists(eventId(), std::move(lists)); });
    m_query.cancel();
    m_busy = true;
    const model::Id event = eventId();
    m_query = session().run<Loaded>(
        this,
        [event, query = currentQuery()](desk::TaskContext& context) {
            Loaded loaded;
            if (event == 0) {
                return loaded;
            }
            model::EventRepository events(context.store);
            if (const auto found = events.eventById(event)) {
                loaded.currency = found->currency;
            }
            for (auto& item : events.items(event)) {
                const model::Id id = item.id;
                loaded.items.emplace(id, std::move(item));
            }
            model::OrderRepository orders(context.store);
            loaded.total = orders.count(event, {});
            if (loaded.total > 0 && !context.stop.stop_requested()) {
                loaded.orders = orders.list(event, query);
            }
            return loaded;
        },
        [this](Loaded&& loaded) {
            m_items = std::move(loaded.items);
            m_currency = std::move(loaded.currency);
            m_total = loaded.total;
            showEmptyState(m_total == 0);
            showOrders(std::move(loaded.orders));
        });
}

void OrdersPanel::applyFilter() {
    if (m_total == 0) {
        session().discard(m_orders->setOrders({}, m_currency));
        m_positions->DeleteAllItems();
        m_positionIds.clear();
        return;
    }
    m_query.cancel();
    m_busy = true;
    m_query = session().run<std::vector<model::Order>>(
        this,
        [event = eventId(), query = currentQuery()](desk::TaskContext& context) {
            return model::OrderRepository(context.store).list(event, query);
        },
        [this](std::vector<model::Order>&& orders) { showOrders(std::move(orders)); });
}

// On the UI thread: shows what a load or search found, keeping the selected order selected.
void OrdersPanel::showOrders(std::vector<model::Order> orders) {
    m_busy = false;
    const model::Order* current = m_orders->order(m_orders->GetFirstSelected());
    const std::string selectedCode = current != nullptr ? current->code : std::string();

    // The position selected before: a reload after a check-in shows the same order again.
    const std::optional<model::Id> keepPosition = selectedPositionId();
    session().discard(m_orders->setOrders(std::move(orders), m_currency));
    m_positions->DeleteAllItems();
    m_positionIds.clear();
    m_count->SetLabel(
        wxString::Format(_("%lld of %lld orders"), static_cast<long long>(m_orders->size()), m_total));
    for (long row = 0; !selectedCode.empty() && row < m_orders->GetItemCount(); ++row) {
        if (m_orders->order(row)->code == selectedCode) {
            m_orders->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                   wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_orders->EnsureVisible(row);
            showPositions(keepPosition);
            break;
        }
    }
    m_content->Layout();
}

std::optional<model::Id> OrdersPanel::selectedPositionId() const {
    const long row = m_positions->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_positionIds.size()) {
        return std::nullopt;
    }
    return m_positionIds[static_cast<std::size_t>(row)];
}

void OrdersPanel::showPositions(std::optional<model::Id> keep) {
    m_checkins.cancel();
    m_positions->DeleteAllItems();
    m_positionIds.clear();
    const model::Order* order = m_orders->order(m_orders->GetFirstSelected());
    if (order == nullptr) {
        m_actions->update();
        return;
    }
    long row = 0;
    std::vector<model::Id> ids;
    std::vector<bool> canceled;
    for (const auto& position : order->positions) {
        wxString attendee = fromUtf8(position.attendeeName.value_or(std::string()));
        if (attendee.empty()) {
            attendee = fromUtf8(position.attendeeEmail.value_or(std::string()));
        }
        m_positions->InsertItem(row, attendee);
        m_positions->SetItem(row, 1, productName(position));
        m_positions->SetItem(row, 2, fromUtf8(position.secret));
        m_positions->SetItem(row, 3, position.canceled ? _("Canceled") : wxString(wxS("\u2026")));
        ids.push_back(position.id);
        canceled.push_back(position.canceled);
        if (keep && *keep == position.id) {
            m_positions->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                      wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        }
        ++row;
    }
    m_positionIds = ids;
    m_actions->update();
    // Each position's latest check-in, read on a worker; the rows show it when it arrives.
    using Latest = std::vector<std::optional<model::Checkin>>;
    m_checkins = session().run<Latest>(
        this,
        [ids](desk::TaskContext& context) {
            Latest latest;
            model::CheckinRepository checkins(context.store);
            for (const model::Id id : ids) {
                const auto all = checkins.forPosition(id);
                const auto last = std::max_element(all.begin(), all.end(), [](const auto& a, const auto& b) {
                    return a.datetime < b.datetime;
                });
                latest.push_back(last == all.end() ? std::nullopt : std::optional<model::Checkin>(*last));
            }
            return latest;
        },
        [this, canceled](Latest&& latest) {
            for (long r = 0; r < m_positions->GetItemCount() && static_cast<std::size_t>(r) < latest.size(); ++r) {
                const auto& checkin = latest[static_cast<std::size_t>(r)];
                if (canceled[static_cast<std::size_t>(r)]) {
                    continue;
                }
                m_positions->SetItem(r, 3, !checkin ? _("Not checked in")
                                       : checkin->type == model::CheckinType::Exit
                                           ? wxString::Format(_("Left %s"), localDateTime(checkin->datetime))
                                           : wxString::Format(_("Checked in %s"), localDateTime(checkin->datetime)));
            }
        });
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

} // namespace boxoffice::gui
