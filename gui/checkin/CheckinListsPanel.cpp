#include "checkin/CheckinListsPanel.h"

#include "boxoffice/gui/EmptyState.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/model/CheckinRepository.h"

#include <wx/listctrl.h>
#include <wx/sizer.h>

namespace boxoffice::gui {

namespace {
enum Column : long { Name, Products, Pending, Positions, CheckedIn };
}

CheckinListsPanel::CheckinListsPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("checkinLists"),
                 {model::Change::Kind::Event, model::Change::Kind::Orders, model::Change::Kind::CheckinLists,
                  model::Change::Kind::Checkins}) {
    m_empty = new EmptyState(this, _("No check-in lists"),
                             _("A check-in list says which tickets a gate admits and counts who came in. "
                               "Lists arrive with a pretix import (boxoffice-cli import-pretix FILE) or "
                               "with a sync; they appear here by themselves."),
                             wxS("checkinLists.empty"));
    m_lists = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                             wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES, wxDefaultValidator,
                             wxS("checkinLists.list"));
    m_lists->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(240));
    m_lists->AppendColumn(_("Products"), wxLIST_FORMAT_LEFT, FromDIP(140));
    m_lists->AppendColumn(_("Pending orders"), wxLIST_FORMAT_LEFT, FromDIP(120));
    m_lists->AppendColumn(_("Positions"), wxLIST_FORMAT_RIGHT, FromDIP(100));
    m_lists->AppendColumn(_("Checked in"), wxLIST_FORMAT_RIGHT, FromDIP(100));

    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(m_empty, 1, wxEXPAND);
    column->Add(m_lists, 1, wxEXPAND | wxALL, 8);
    SetSizer(column);
    m_lists->Hide();
}

void CheckinListsPanel::doReload() {
    // The lists' counts read every position of the event: on a worker.
    m_load.cancel();
    m_load = session().run<std::vector<model::CheckinList>>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            return event != 0 ? model::CheckinRepository(context.store).lists(event) : std::vector<model::CheckinList>{};
        },
        [this](std::vector<model::CheckinList>&& lists) { showLists(lists); });
}

void CheckinListsPanel::showLists(const std::vector<model::CheckinList>& lists) {
    m_lists->DeleteAllItems();
    long row = 0;
    for (const auto& list : lists) {
        m_lists->InsertItem(row, fromUtf8(list.name));
        m_lists->SetItem(row, Products,
                         list.allProducts
                             ? _("All products")
                             : wxString::Format(wxPLURAL("%lld product", "%lld products",
                                                         static_cast<unsigned>(list.limitProducts.size())),
                                                static_cast<long long>(list.limitProducts.size())));
        m_lists->SetItem(row, Pending, list.includePending ? _("Admitted") : _("Not admitted"));
        m_lists->SetItem(row, Positions,
                         wxString::Format(wxS("%lld"), static_cast<long long>(list.positionCount)));
        m_lists->SetItem(row, CheckedIn,
                         wxString::Format(wxS("%lld"), static_cast<long long>(list.checkinCount)));
        ++row;
    }
    m_empty->Show(lists.empty());
    m_lists->Show(!lists.empty());
    Layout();
}

} // namespace boxoffice::gui
