#include "designer/PreviewSearch.h"

#include "designer/DesignerCanvas.h"

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/render/TicketLoader.h"

#include <algorithm>
#include <map>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {

// Shorter texts find too much to choose from.
constexpr std::size_t kMinSearch = 2;
constexpr std::int64_t kMaxResults = 50;

// A ticket found, for its row.
struct Match {
    model::Id positionId = 0;
    std::string code;  // ABC12-1
    std::string name;  // its own attendee name, else its parent's, else the invoice name
    std::string item;
    bool addon = false;
};

wxString rowText(const Match& m) {
    const wxString name = m.name.empty() ? _("(no name)") : fromUtf8(m.name);
    // TRANSLATORS: a ticket found for the designer's preview: "ABC12-1, Clara Schumann, Day ticket".
    wxString text = wxString::Format(_("%s, %s, %s"), fromUtf8(m.code), name, fromUtf8(m.item));
    // TRANSLATORS: a ticket that is an add-on to another one of its order.
    return m.addon ? wxString::Format(_("%s (add-on)"), text) : text;
}

} // namespace

PreviewSearch::PreviewSearch(wxWindow* parent, Session& session, DesignerCanvas& canvas)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("designer.previewPanel")),
      m_session(session), m_canvas(canvas) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(this, wxID_ANY, _("Pre&view:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_search = new wxSearchCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                                wxDefaultValidator, wxS("designer.preview"));
    m_search->SetDescriptiveText(_("Order code, name or secret"));
    m_search->SetToolTip(_("Show the layout with the values of a sold ticket: type its order code, attendee name or "
                           "secret, then choose it (Down, Enter)."));
    m_search->ShowCancelButton(true);
    row->Add(m_search, 1, wxALIGN_CENTER_VERTICAL);
    column->Add(row, 0, wxEXPAND);
    m_status = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END, wxS("designer.preview.status"));
    column->Add(m_status, 0, wxEXPAND | wxTOP, FromDIP(4));
    m_results = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(150)), 0, nullptr, wxLB_SINGLE,
                              wxDefaultValidator, wxS("designer.preview.results"));
    // As wide as the column, however long the tickets' names.
    m_results->SetMinSize(wxSize(FromDIP(120), FromDIP(150)));
    column->Add(m_results, 0, wxEXPAND | wxTOP, FromDIP(4));
    m_results->Hide();
    SetSizer(column);

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { search(); });
    m_search->Bind(wxEVT_SEARCH_CANCEL, [this](wxCommandEvent&) { m_search->Clear(); });
    // Enter: the ticket picked in the list (the first found when none is).
    m_search->Bind(wxEVT_SEARCH, [this](wxCommandEvent&) {
        if (!m_results->IsShown()) {
            return;
        }
        const int at = m_results->GetSelection();
        choose(at != wxNOT_FOUND ? at : m_found.empty() ? 0 : 1);
    });
    // While the field has the keys, they steer the list.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        const int key = event.GetKeyCode();
        if (!m_results->IsShown()) {
            event.Skip();
        } else if (key == WXK_ESCAPE) {
            m_search->Clear();
            m_search->SetFocus();
        } else if ((key == WXK_DOWN || key == WXK_UP) && !m_results->HasFocus()) {
            moveSelection(key == WXK_DOWN ? 1 : -1);
        } else {
            event.Skip();
        }
    });
    m_results->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) { choose(event.GetSelection()); });
    m_results->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent& event) { choose(event.GetSelection()); });
}

void PreviewSearch::search() {
    m_searchTask.cancel();
    m_searching = false;
    const std::string text = m_search->GetValue().Strip(wxString::both).utf8_string();
    const model::Id event = eventId ? eventId() : 0;
    if (text.size() < kMinSearch || event == 0) {
        hideResults();
        return;
    }
    m_searching = true;
    m_searchTask = m_session.run<std::vector<Match>>(
        this,
        [event, text, language = uiLanguage()](desk::TaskContext& context) {
            model::PositionFilter filter;
            filter.search = text;
            filter.ordering = "order__code,positionid";
            filter.limit = kMaxResults;
            const auto rows = model::PositionQuery(context.store).rows(event, filter);
            std::map<model::Id, std::string> items;
            for (const auto& item : model::EventRepository(context.store).items(event)) {
                items.emplace(item.id, item.name.text(language));
            }
            std::vector<Match> found;
            for (const auto& row : rows) {
                const auto& p = row.position;
                const auto item = items.find(p.itemId);
                found.push_back({p.id, p.orderCode + "-" + std::to_string(p.positionid), row.smartAttendeeName().value_or(""),
                                 item != items.end() ? item->second : std::string(), p.addonTo.has_value()});
            }
            return found;
        },
        [this, text](std::vector<Match>&& found) {
            m_searching = false;
            if (m_search->GetValue().Strip(wxString::both).utf8_string() != text) {
                return;
            }
            m_found.clear();
            wxArrayString rows;
            rows.Add(_("Sample ticket"));
            for (const auto& m : found) {
                m_found.push_back(m.positionId);
                rows.Add(rowText(m));
            }
            if (found.empty()) {
                // TRANSLATORS: %s is what was typed into the designer's preview search.
                rows.Add(wxString::Format(_("No ticket matches \"%s\"."), fromUtf8(text)));
            }
            m_results->Set(rows);
            m_results->SetSelection(found.empty() ? wxNOT_FOUND : 1);
            if (!m_results->IsShown()) {
                m_results->Show();
                GetParent()->Layout();
            }
        },
        [this](const wxString& error) {
            m_searching = false;
            m_status->SetLabel(wxString::Format(_("The search failed: %s"), error));
        });
}

void PreviewSearch::hideResults() {
    m_found.clear();
    if (m_results->IsShown()) {
        m_results->Clear();
        m_results->Hide();
        GetParent()->Layout();
    }
}

void PreviewSearch::moveSelection(int by) {
    const int rows = static_cast<int>(m_found.size()) + 1;
    const int at = m_results->GetSelection();
    m_results->SetSelection(std::clamp(at == wxNOT_FOUND ? (by > 0 ? 0 : rows - 1) : at + by, 0, rows - 1));
}

void PreviewSearch::choose(int row) {
    const model::Id event = eventId ? eventId() : 0;
    if (row < 0 || static_cast<std::size_t>(row) > m_found.size() || event == 0) {
        return;
    }
    const model::Id position = row == 0 ? 0 : m_found[static_cast<std::size_t>(row - 1)];
    m_loadTask.cancel();
    m_loading = true;
    m_loadTask = m_session.run<model::Result<layout::TicketData>>(
        this,
        [event, position, forCertificate = certificate && certificate()](desk::TaskContext& context) {
            if (forCertificate) {
                return certificates::previewData(context.store, event, position);
            }
            render::TicketLoader loader(context.store);
            return position == 0 ? loader.preview(event) : loader.load(event, position);
        },
        [this, event](model::Result<layout::TicketData>&& data) {
            m_loading = false;
            if (!eventId || eventId() != event) {
                return;
            }
            if (!data) {
                m_status->SetLabel(wxString::Format(_("The ticket cannot be shown: %s"), fromUtf8(data.error().message)));
                return;
            }
            m_canvas.showTicket(data.value());
            update();
            if (onShown) {
                onShown();
            }
        },
        [this](const wxString& error) {
            m_loading = false;
            m_status->SetLabel(wxString::Format(_("The ticket cannot be shown: %s"), error));
        });
}

void PreviewSearch::update() {
    const layout::TicketData* ticket = m_canvas.ticket();
    wxString text;
    if (ticket && ticket->position.id == 0) {
        text = _("Showing sample values: the event has no tickets yet.");
    } else if (ticket) {
        const layout::Resolver resolver(*ticket);
        const std::string language = uiLanguage();
        // The name as the ticket prints it: an add-on's is its parent's.
        const wxString code = fromUtf8(resolver.variable("order_positionid", language).value_or(""));
        const wxString name = fromUtf8(resolver.variable("attendee_name", language).value_or(""));
        // TRANSLATORS: the ticket whose values the designer's page shows: "Showing ticket ABC12-1, Clara Schumann".
        text = name.empty() ? wxString::Format(_("Showing ticket %s"), code) : wxString::Format(_("Showing ticket %s, %s"), code, name);
    }
    if (m_status->GetLabel() != text) {
        m_status->SetLabel(text);
        m_status->SetToolTip(text);
    }
}

} // namespace boxoffice::gui
