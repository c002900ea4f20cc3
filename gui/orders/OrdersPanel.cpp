#include "orders/OrdersPanel.h"

#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/EmptyState.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderDigest.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/model/SyncRepository.h"
#include "orders/OrderBrowserModel.h"
#include "orders/OrderDetails.h"
#include "orders/PositionActions.h"

#include <algorithm>
#include <utility>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/numformatter.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/tokenzr.h>

namespace boxoffice::gui {

namespace {
// The status filter's entries after "All statuses", in this order.
constexpr std::array kStatuses{'n', 'p', 'e', 'c', 'r'};

wxString number(std::size_t n) {
    return wxNumberFormatter::ToString(static_cast<wxLongLong_t>(n), wxNumberFormatter::Style_WithThousandsSep);
}

const char* widthsKey(desk::BrowseMode mode) {
    return mode == desk::BrowseMode::Orders ? "orders.columns.orders" : "orders.columns.positions";
}

// Keeps the selection of a choice across a refill when the entry is still there.
template <class Fill>
void refill(wxChoice* choice, const wxString& first, Fill fill) {
    const wxString kept = choice->GetStringSelection();
    choice->Freeze();
    choice->Clear();
    choice->Append(first);
    fill();
    const int found = kept.empty() ? wxNOT_FOUND : choice->FindString(kept, true);
    choice->SetSelection(found == wxNOT_FOUND ? 0 : found);
    choice->Thaw();
}
} // namespace

// What the catalogue task reads for the filters, the columns and the detail pane.
struct OrdersPanel::Catalogue {
    std::string currency;
    std::map<model::Id, model::Item> items;
    std::vector<model::SubEvent> dates;
    std::vector<model::CheckinList> lists;
    std::int64_t total = 0;
    std::array<std::string, 2> widths;
    std::string remoteEventUrl;  // the event's page in the pretix back end it syncs with
};

OrdersPanel::OrdersPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("orders"),
                 {model::Change::Kind::Event, model::Change::Kind::Orders, model::Change::Kind::Checkins,
                  model::Change::Kind::CheckinLists}),
      m_widthTimer(this) {
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
    m_search->SetDescriptiveText(_("Search code, name, email, company, secret or answer"));
    m_search->SetToolTip(_("Case and accents do not matter (Ctrl+F)"));
    m_search->ShowCancelButton(true);
    m_ordersMode = new wxRadioButton(content, wxID_ANY, _("&Orders"), wxDefaultPosition, wxDefaultSize, wxRB_GROUP,
                                     wxDefaultValidator, wxS("orders.modeOrders"));
    m_positionsMode = new wxRadioButton(content, wxID_ANY, _("&Attendees"), wxDefaultPosition, wxDefaultSize, 0,
                                        wxDefaultValidator, wxS("orders.modePositions"));
    m_ordersMode->SetValue(true);

    const auto makeChoice = [content](const char* name, const wxString& accessible) {
        auto* choice = new wxChoice(content, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                    wxDefaultValidator, wxString::FromUTF8(name));
        choice->SetToolTip(accessible);
        return choice;
    };
    m_status = makeChoice("orders.status", _("Order status"));
    m_status->Append(_("All statuses"));
    for (const char status : kStatuses) {
        m_status->Append(statusText(*model::statusFromCode(std::string_view(&status, 1))));
    }
    m_status->SetSelection(0);
    m_product = makeChoice("orders.product", _("Product"));
    m_product->Append(_("All products"));
    m_product->SetSelection(0);
    m_date = makeChoice("orders.date", _("Date of the series"));
    m_date->Append(_("All dates"));
    m_date->SetSelection(0);
    m_list = makeChoice("orders.list.filter", _("Check-in list"));
    m_list->Append(_("Any check-in list"));
    m_list->SetSelection(0);
    m_checked = makeChoice("orders.checkedIn", _("Checked in or not"));
    m_checked->Append(_("Checked in or not"));
    m_checked->Append(_("Checked in"));
    m_checked->Append(_("Not checked in yet"));
    m_checked->SetSelection(0);
    m_checked->Enable(false);

    m_count = new wxStaticText(content, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                               wxS("orders.count"));
    m_previous = new wxButton(content, wxID_ANY, _("&Previous page"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("orders.previousPage"));
    m_next = new wxButton(content, wxID_ANY, _("&Next page"), wxDefaultPosition, wxDefaultSize, 0,
                          wxDefaultValidator, wxS("orders.nextPage"));
    m_pageLabel = new wxStaticText(content, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   wxS("orders.page"));

    auto* splitter = new wxSplitterWindow(content, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                          wxSP_LIVE_UPDATE | wxSP_3DSASH, wxS("orders.splitter"));
    m_browser = new wxDataViewCtrl(splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxDV_SINGLE | wxDV_ROW_LINES, wxDefaultValidator, wxS("orders.list"));
    m_model = new OrderBrowserModel();
    m_browser->AssociateModel(m_model);
    m_model->DecRef();  // the control holds it now
    m_browser->SetHelpText(_("Orders of the event"));

    auto* side = new wxPanel(splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
                             wxS("orders.side"));
    m_details = new wxTextCtrl(side, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP, wxDefaultValidator,
                               wxS("orders.details"));
    m_details->SetHint(_("Select an order to see its details."));
    m_positions = new wxDataViewListCtrl(side, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                         wxDV_SINGLE | wxDV_ROW_LINES);
    m_positions->SetName(wxS("orders.positions"));
    m_positions->AppendTextColumn(_("Attendee"), wxDATAVIEW_CELL_INERT, FromDIP(150));
    m_positions->AppendTextColumn(_("Product"), wxDATAVIEW_CELL_INERT, FromDIP(150));
    m_positions->AppendTextColumn(_("Secret"), wxDATAVIEW_CELL_INERT, FromDIP(120));
    m_positions->AppendTextColumn(_("Check-in"), wxDATAVIEW_CELL_INERT, FromDIP(160));
    m_actions = new PositionActions(side, session, [this] { return selectedPosition(); });
    auto* sideSizer = new wxBoxSizer(wxVERTICAL);
    sideSizer->Add(new wxStaticText(side, wxID_ANY, _("Order &details")), 0, wxBOTTOM, 4);
    sideSizer->Add(m_details, 3, wxEXPAND | wxBOTTOM, 8);
    sideSizer->Add(new wxStaticText(side, wxID_ANY, _("Positions of the selected order")), 0, wxBOTTOM, 4);
    sideSizer->Add(m_positions, 2, wxEXPAND | wxBOTTOM, 8);
    sideSizer->Add(m_actions, 0, wxEXPAND);
    side->SetSizer(sideSizer);
    // The detail pane keeps its width; the list gets what the window gains.
    splitter->SetMinimumPaneSize(FromDIP(240));
    splitter->SetSashGravity(1.0);
    splitter->SplitVertically(m_browser, side, -FromDIP(460));

    auto* search = new wxBoxSizer(wxHORIZONTAL);
    search->Add(m_search, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    search->Add(new wxStaticText(content, wxID_ANY, _("List:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    search->Add(m_ordersMode, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    search->Add(m_positionsMode, 0, wxALIGN_CENTER_VERTICAL);
    auto* filters = new wxBoxSizer(wxHORIZONTAL);
    for (wxChoice* choice : {m_status, m_product, m_date, m_list, m_checked}) {
        filters->Add(choice, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    }
    auto* paging = new wxBoxSizer(wxHORIZONTAL);
    paging->Add(m_count, 1, wxALIGN_CENTER_VERTICAL);
    paging->Add(m_pageLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    paging->Add(m_previous, 0, wxRIGHT, 4);
    paging->Add(m_next, 0);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(search, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    column->Add(filters, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    column->Add(paging, 0, wxEXPAND | wxALL, 8);
    column->Add(splitter, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    content->SetSizer(column);

    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(m_empty, 1, wxEXPAND);
    outer->Add(m_content, 1, wxEXPAND);
    SetSizer(outer);
    showEmptyState(true);
    rebuildColumns();
    updateCount();

    const auto onFilter = [this](wxCommandEvent&) { guardedCall([this] { applyFilter(); }, this); };
    m_search->Bind(wxEVT_TEXT, onFilter);
    m_search->Bind(wxEVT_SEARCH_CANCEL, [this](wxCommandEvent&) { m_search->Clear(); });
    for (wxChoice* choice : {m_status, m_product, m_date, m_checked}) {
        choice->Bind(wxEVT_CHOICE, onFilter);
    }
    m_list->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        m_checked->Enable(m_list->GetSelection() > 0);
        guardedCall([this] { applyFilter(); }, this);
    });
    m_ordersMode->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { setMode(desk::BrowseMode::Orders); });
    m_positionsMode->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { setMode(desk::BrowseMode::Positions); });
    m_previous->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_page > 0) {
            showPage(m_page - 1);
        }
    });
    m_next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showPage(m_page + 1); });
    m_browser->Bind(wxEVT_DATAVIEW_COLUMN_SORTED, [this](wxDataViewEvent& event) { onSorted(event); });
    m_browser->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED,
                    [this](wxDataViewEvent&) { guardedCall([this] { onSelected(); }, this); });
    m_positions->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) { m_actions->update(); });
    // Column widths have no change event on every platform: a cheap look every two seconds.
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { rememberColumnWidths(); }, m_widthTimer.GetId());
    m_widthTimer.Start(2000);
    // Ctrl+F goes to the search box.
    wxAcceleratorEntry keys[] = {{wxACCEL_CTRL, 'F', m_search->GetId()}};
    SetAcceleratorTable(wxAcceleratorTable(1, keys));
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { m_search->SetFocus(); }, m_search->GetId());
}

OrdersPanel::~OrdersPanel() {
    m_widthTimer.Stop();
    // The index and the result can be large: freed by a worker, not by the UI thread.
    session().discard(m_model->showPage({}));
    session().discard(std::make_pair(std::move(m_index), std::move(m_rows)));
}

std::size_t OrdersPanel::resultCount() const {
    if (m_model->preview()) {
        return m_model->GetCount();
    }
    return m_rows ? m_rows->size() : 0;
}

void OrdersPanel::doReload() {
    m_catalogue.cancel();
    const model::Id event = eventId();
    m_catalogue = session().run<Catalogue>(
        this,
        [event](desk::TaskContext& context) {
            Catalogue catalogue;
            catalogue.widths[0] = desk::preference(context.store, widthsKey(desk::BrowseMode::Orders)).value_or("");
            catalogue.widths[1] =
                desk::preference(context.store, widthsKey(desk::BrowseMode::Positions)).value_or("");
            if (event == 0) {
                return catalogue;
            }
            model::EventRepository events(context.store);
            if (const auto found = events.eventById(event)) {
                catalogue.currency = found->currency;
            }
            for (auto& item : events.items(event)) {
                const model::Id id = item.id;
                catalogue.items.emplace(id, std::move(item));
            }
            catalogue.dates = events.subEvents(event);
            catalogue.lists = model::CheckinRepository(context.store).lists(event);
            catalogue.total = model::OrderRepository(context.store).count(event, {});
            if (const auto remote = model::SyncRepository(context.store).remoteForEvent(event)) {
                std::string base = remote->url;
                while (!base.empty() && base.back() == '/') {
                    base.pop_back();
                }
                catalogue.remoteEventUrl =
                    base + "/control/event/" + remote->organizer + "/" + remote->eventSlug + "/";
            }
            return catalogue;
        },
        [this](Catalogue&& catalogue) { showCatalogue(std::move(catalogue)); });
    buildIndex();
}

void OrdersPanel::showCatalogue(Catalogue&& catalogue) {
    const bool firstWidths = m_widths[0].empty() && m_widths[1].empty();
    m_widths = catalogue.widths;
    if (firstWidths) {
        rebuildColumns();
    }
    m_total = catalogue.total;
    m_lists = std::move(catalogue.lists);
    m_dateChoices.clear();
    m_productChoices.clear();
    m_model->setCatalogue(std::move(catalogue.items), std::move(catalogue.currency));
    refill(m_product, _("All products"), [this] {
        for (const auto& [id, item] : m_model->items()) {
            m_product->Append(localized(item.name));
            m_productChoices.emplace_back(id, 0);
            for (const auto& variation : item.variations) {
                m_product->Append(wxS("    ") + m_model->productName(id, variation.id));
                m_productChoices.emplace_back(id, variation.id);
            }
        }
    });
    refill(m_date, _("All dates"), [&] {
        for (const auto& date : catalogue.dates) {
            m_date->Append(localized(date.name) + wxS(", ") + localDateTime(date.dateFrom));
            m_dateChoices.push_back(date.id);
        }
    });
    m_date->Show(!m_dateChoices.empty());
    refill(m_list, _("Any check-in list"), [this] {
        for (const auto& list : m_lists) {
            m_list->Append(fromUtf8(list.name));
        }
    });
    m_checked->Enable(m_list->GetSelection() > 0);
    m_actions->setLists(eventId(), m_lists);
    m_actions->setRemoteEventUrl(std::move(catalogue.remoteEventUrl));
    showEmptyState(m_total == 0);
    m_browser->Refresh();  // product names may have changed
    // The selected order's check-ins may have changed: its details are read again.
    if (m_shown) {
        loadDetails(m_shown->order.id, selectedPosition() ? selectedPosition()->id : m_wantedPosition);
    }
    // A filter on checked-in positions depends on check-ins, which the index does not hold.
    if (m_index && m_list->GetSelection() > 0 && m_checked->GetSelection() > 0) {
        applyFilter();
    }
    updateCount();
}

void OrdersPanel::buildIndex() {
    const model::Id event = eventId();
    if (m_indexing) {
        m_indexStale = true;  // built again once this build is done
        if (m_indexEvent == event) {
            return;
        }
        m_indexTask.cancel();
    }
    if (event != m_indexEvent) {
        // Another event: its newest orders are shown at once, while its index is built.
        session().discard(std::make_pair(std::move(m_index), std::move(m_rows)));
        m_index.reset();
        m_rows.reset();
        m_page = 0;
        clearDetails();
        session().discard(m_model->showPreview({}));
        m_query = session().run<std::vector<model::Order>>(
            this,
            [event](desk::TaskContext& context) {
                model::OrderQuery newest;
                newest.ordering = "-datetime";
                newest.limit = kPreviewSize;
                return event == 0 ? std::vector<model::Order>{}
                                  : model::OrderRepository(context.store).list(event, newest);
            },
            [this](std::vector<model::Order>&& orders) {
                if (!m_index) {
                    session().discard(m_model->showPreview(std::move(orders)));
                    updateCount();
                }
            });
    }
    m_indexEvent = event;
    m_indexing = true;
    m_indexStale = false;
    m_indexTask = session().run<std::shared_ptr<const desk::OrderIndex>>(
        this,
        [event, current = m_index](desk::TaskContext& context) -> std::shared_ptr<const desk::OrderIndex> {
            // Check-ins change orders' revisions too: the index is kept when nothing it shows changed.
            if (current && current->eventId() == event && current->isCurrent(context.store, context.stop)) {
                return current;
            }
            return desk::OrderIndex::build(context.store, event, context.stop);
        },
        [this](std::shared_ptr<const desk::OrderIndex>&& index) {
            m_indexing = false;
            if (index && index != m_index && index->eventId() == eventId()) {
                session().discard(std::exchange(m_index, std::move(index)));
                applyFilter();
            }
            if (m_indexStale) {
                buildIndex();
            }
        },
        [this](const wxString& error) {
            m_indexing = false;
            m_count->SetLabel(wxString::Format(_("Cannot read the orders: %s"), error));
        });
}

desk::BrowseFilter OrdersPanel::currentFilter() const {
    desk::BrowseFilter filter;
    filter.mode = m_mode;
    filter.search = m_search->GetValue().utf8_string();
    if (const int status = m_status->GetSelection(); status > 0) {
        filter.status = kStatuses.at(static_cast<std::size_t>(status - 1));
    }
    if (const int product = m_product->GetSelection();
        product > 0 && static_cast<std::size_t>(product) <= m_productChoices.size()) {
        std::tie(filter.itemId, filter.variationId) = m_productChoices[static_cast<std::size_t>(product - 1)];
    }
    if (const int date = m_date->GetSelection(); date > 0 && static_cast<std::size_t>(date) <= m_dateChoices.size()) {
        filter.subeventId = m_dateChoices[static_cast<std::size_t>(date - 1)];
    }
    if (const int list = m_list->GetSelection(); list > 0 && static_cast<std::size_t>(list) <= m_lists.size()) {
        filter.list = m_lists[static_cast<std::size_t>(list - 1)];
        if (const int checked = m_checked->GetSelection(); checked > 0) {
            filter.checkedIn = checked == 1;
        }
    }
    filter.sort = m_sort;
    filter.ascending = m_ascending;
    return filter;
}

void OrdersPanel::applyFilter() {
    if (!m_index) {
        return;  // the search runs when the index arrives
    }
    m_query.cancel();
    // The marks of the last search go along: a keystroke that makes the text longer looks only
    // where the text before was found.
    struct Found {
        std::shared_ptr<const std::vector<std::uint32_t>> rows;
        std::shared_ptr<const desk::SearchMarks> marks;
    };
    // Compared by owner, not locked: a lock could leave the UI thread to free an old index.
    const bool sameIndex =
        m_marks && !m_marksIndex.owner_before(m_index) && !m_index.owner_before(m_marksIndex);
    m_query = session().run<Found>(
        this,
        [index = m_index, filter = currentFilter(), previous = sameIndex ? m_marks : nullptr](
            desk::TaskContext& context) mutable -> Found {
            if (filter.checkedIn) {
                filter.checkedInPositions =
                    model::CheckinRepository(context.store).positionsWithCheckins(filter.list->id);
            }
            auto marks = std::make_shared<desk::SearchMarks>();
            auto rows = desk::browse(*index, filter, context.stop, previous.get(), marks.get());
            if (!rows) {
                return {};  // cancelled: never shown
            }
            return {std::make_shared<const std::vector<std::uint32_t>>(std::move(*rows)), std::move(marks)};
        },
        [this, index = std::weak_ptr<const desk::OrderIndex>(m_index)](Found&& found) {
            if (found.rows) {
                session().discard(std::exchange(m_marks, std::move(found.marks)));
                m_marksIndex = index;
                showResult(std::move(found.rows));
            }
        },
        [this](const wxString& error) {
            m_count->SetLabel(wxString::Format(_("The search failed: %s"), error));
        });
}

void OrdersPanel::showResult(std::shared_ptr<const std::vector<std::uint32_t>> rows) {
    // The page that holds the selected row stays in view when it is still found.
    const auto selected = m_model->ids(m_model->GetRow(m_browser->GetSelection()));
    session().discard(std::exchange(m_rows, std::move(rows)));
    std::size_t page = 0;
    if (selected && m_index) {
        const auto wanted = m_mode == desk::BrowseMode::Orders ? m_index->orderIndex(selected->orderId)
                                                               : m_index->positionIndex(selected->positionId);
        if (wanted) {
            const auto found = std::find(m_rows->begin(), m_rows->end(), *wanted);
            if (found != m_rows->end()) {
                page = static_cast<std::size_t>(found - m_rows->begin()) / kPageSize;
            }
        }
    }
    showPage(page);
}

void OrdersPanel::showPage(std::size_t page) {
    if (!m_rows || !m_index) {
        return;
    }
    const std::size_t pages = std::max<std::size_t>(1, (m_rows->size() + kPageSize - 1) / kPageSize);
    page = std::min(page, pages - 1);
    const auto selected = m_model->ids(m_model->GetRow(m_browser->GetSelection()));
    m_page = page;
    OrderBrowserModel::Page shown;
    shown.index = m_index;
    shown.rows = m_rows;
    shown.first = page * kPageSize;
    shown.count = std::min(kPageSize, m_rows->size() - std::min(m_rows->size(), shown.first));
    shown.mode = m_mode;
    session().discard(m_model->showPage(std::move(shown)));
    if (selected) {
        if (const auto row = m_model->rowOf(selected->orderId, selected->positionId)) {
            const wxDataViewItem item = m_model->GetItem(*row);
            m_browser->Select(item);
            m_browser->EnsureVisible(item);
        } else {
            clearDetails();
        }
    }
    updateCount();
}

void OrdersPanel::updateCount() {
    const bool orders = m_mode == desk::BrowseMode::Orders;
    if (m_model->preview() || (!m_index && m_indexing)) {
        m_count->SetLabel(wxString::Format(_("Newest %s of %s orders; reading all of them..."),
                                           number(m_model->GetCount()), number(static_cast<std::size_t>(m_total))));
    } else if (m_index) {
        const std::size_t all = orders ? m_index->orders().size() : m_index->positions().size();
        m_count->SetLabel(wxString::Format(orders ? _("%s of %s orders") : _("%s of %s attendees"),
                                           number(resultCount()), number(all)));
    } else {
        m_count->SetLabel(wxString());
    }
    const std::size_t found = m_rows && !m_model->preview() ? m_rows->size() : 0;
    const bool paged = found > kPageSize;
    m_previous->Show(paged);
    m_next->Show(paged);
    m_pageLabel->Show(paged);
    if (paged) {
        const std::size_t first = m_page * kPageSize;
        m_pageLabel->SetLabel(wxString::Format(_("Rows %s to %s"), number(first + 1),
                                               number(std::min(found, first + kPageSize))));
        m_previous->Enable(m_page > 0);
        m_next->Enable(first + kPageSize < found);
    }
    m_content->Layout();
}

void OrdersPanel::setMode(desk::BrowseMode mode) {
    if (mode == m_mode) {
        return;
    }
    rememberColumnWidths();
    m_mode = mode;
    m_sort = desk::SortKey::Date;
    m_ascending = false;
    session().discard(m_model->showPage({}));
    session().discard(std::move(m_rows));
    m_rows.reset();
    rebuildColumns();
    applyFilter();
}

void OrdersPanel::rebuildColumns() {
    const auto columns = OrderBrowserModel::columns(m_mode);
    std::vector<int> widths;
    wxStringTokenizer remembered(fromUtf8(m_widths[m_mode == desk::BrowseMode::Orders ? 0 : 1]), wxS(","));
    while (remembered.HasMoreTokens()) {
        long width = 0;
        widths.push_back(remembered.GetNextToken().ToLong(&width) && width >= 20 && width <= 2000
                             ? static_cast<int>(width)
                             : -1);
    }
    m_browser->ClearColumns();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto column = columns[i];
        const bool right = column == OrderBrowserModel::Total || column == OrderBrowserModel::Positions;
        int width = FromDIP(column == OrderBrowserModel::Email ? 200
                            : column == OrderBrowserModel::Name || column == OrderBrowserModel::Product ? 170
                            : column == OrderBrowserModel::Secret ? 150
                            : column == OrderBrowserModel::Date ? 130
                                                                : 80);
        if (i < widths.size() && widths[i] > 0) {
            width = widths[i];
        }
        auto* added = m_browser->AppendTextColumn(OrderBrowserModel::heading(column, m_mode), column,
                                                  wxDATAVIEW_CELL_INERT, width,
                                                  right ? wxALIGN_RIGHT : wxALIGN_NOT,
                                                  wxDATAVIEW_COL_RESIZABLE | wxDATAVIEW_COL_SORTABLE |
                                                      wxDATAVIEW_COL_REORDERABLE);
        if (OrderBrowserModel::sortKey(column) == m_sort) {
            added->SetSortOrder(m_ascending);
        }
    }
}

void OrdersPanel::onSorted(wxDataViewEvent& event) {
    const wxDataViewColumn* column = event.GetDataViewColumn();
    if (column == nullptr) {
        return;
    }
    const auto key = OrderBrowserModel::sortKey(static_cast<OrderBrowserModel::Column>(column->GetModelColumn()));
    m_ascending = column->IsSortOrderAscending();
    m_sort = key;
    guardedCall([this] { applyFilter(); }, this);
}

void OrdersPanel::rememberColumnWidths() {
    std::string widths;
    for (unsigned i = 0; i < m_browser->GetColumnCount(); ++i) {
        widths += (i == 0 ? "" : ",") + std::to_string(m_browser->GetColumn(i)->GetWidth());
    }
    auto& kept = m_widths[m_mode == desk::BrowseMode::Orders ? 0 : 1];
    if (widths.empty() || widths == kept) {
        return;
    }
    const bool first = kept.empty();
    kept = widths;
    if (first) {
        return;  // the widths the columns started with: nothing the user chose
    }
    session().run<bool>(
        this,
        [key = std::string(widthsKey(m_mode)), widths](desk::TaskContext& context) {
            desk::setPreference(context.store, key, widths);
            return true;
        },
        [](bool&&) {}, [](const wxString&) {});  // a width not remembered is no reason to interrupt anyone
}

void OrdersPanel::onSelected() {
    const auto ids = m_model->ids(m_model->GetRow(m_browser->GetSelection()));
    if (!m_browser->GetSelection().IsOk() || !ids) {
        clearDetails();
        return;
    }
    if (m_shown && m_shown->order.id == ids->orderId) {
        // The same order: only the position changes (attendee mode).
        m_wantedPosition = ids->positionId;
        for (std::size_t row = 0; row < m_shownPositions.size(); ++row) {
            if (m_shown->order.positions[m_shownPositions[row]].id == ids->positionId) {
                m_positions->SelectRow(static_cast<unsigned>(row));
            }
        }
        m_actions->update();
        return;
    }
    loadDetails(ids->orderId, ids->positionId);
}

void OrdersPanel::loadDetails(model::Id orderId, model::Id positionId) {
    m_detailTask.cancel();
    m_wantedPosition = positionId;
    std::map<model::Id, std::string> listNames;
    for (const auto& list : m_lists) {
        listNames.emplace(list.id, list.name);
    }
    m_detailTask = session().run<std::unique_ptr<OrderDetails>>(
        this,
        [orderId, event = eventId(), listNames](desk::TaskContext& context) -> std::unique_ptr<OrderDetails> {
            auto order = model::OrderRepository(context.store).byId(orderId);
            if (!order || order->eventId != event) {
                return nullptr;
            }
            auto details = std::make_unique<OrderDetails>();
            std::vector<model::Id> ids;
            for (const auto& position : order->positions) {
                ids.push_back(position.id);
            }
            details->checkins = model::PositionQuery(context.store).checkins(ids, std::nullopt);
            details->questions = model::EventRepository(context.store).questions(event);
            details->listNames = listNames;
            details->order = std::move(*order);
            return details;
        },
        [this, positionId](std::unique_ptr<OrderDetails>&& details) { showDetails(std::move(details), positionId); });
}

void OrdersPanel::showDetails(std::unique_ptr<OrderDetails> details, model::Id positionId) {
    if (!details) {
        clearDetails();
        return;
    }
    // A reload keeps the position selected that was selected.
    if (const auto selected = selectedPosition(); selected && positionId == 0) {
        positionId = selected->id;
    }
    m_details->ChangeValue(orderDetailsText(*details, m_model->items(), m_model->currency()));
    m_shownPositions = displayOrder(details->order);
    m_positions->DeleteAllItems();
    int select = -1;
    for (std::size_t row = 0; row < m_shownPositions.size(); ++row) {
        const std::size_t i = m_shownPositions[row];
        const auto& position = details->order.positions[i];
        wxString attendee = fromUtf8(position.attendeeName.value_or(std::string()));
        if (attendee.empty()) {
            attendee = fromUtf8(position.attendeeEmail.value_or(std::string()));
        }
        wxString product = m_model->productName(position.itemId, position.variationId.value_or(0));
        if (position.addonTo) {
            product = wxS("\u21b3 ") + product;
        }
        const auto& checkins = i < details->checkins.size() ? details->checkins[i] : std::vector<model::Checkin>{};
        wxVector<wxVariant> values;
        values.push_back(attendee);
        values.push_back(product);
        values.push_back(fromUtf8(position.secret));
        values.push_back(checkinState(position, checkins));
        m_positions->AppendItem(values);
        if (position.id == positionId) {
            select = static_cast<int>(row);
        }
    }
    m_shown = std::move(details);
    if (select >= 0) {
        m_positions->SelectRow(static_cast<unsigned>(select));
    } else if (m_shownPositions.size() == 1) {
        m_positions->SelectRow(0);  // one ticket: ready for its actions
    }
    m_actions->update();
}

void OrdersPanel::clearDetails() {
    m_detailTask.cancel();
    m_shown.reset();
    m_shownPositions.clear();
    m_details->ChangeValue(wxString());
    m_positions->DeleteAllItems();
    m_actions->update();
}

std::optional<model::OrderPosition> OrdersPanel::selectedPosition() const {
    const int row = m_positions->GetSelectedRow();
    if (!m_shown || row < 0 || static_cast<std::size_t>(row) >= m_shownPositions.size()) {
        return std::nullopt;
    }
    return m_shown->order.positions[m_shownPositions[static_cast<std::size_t>(row)]];
}

void OrdersPanel::showEmptyState(bool empty) {
    m_empty->Show(empty);
    m_content->Show(!empty);
    Layout();
}

} // namespace boxoffice::gui
