#include "sync/SyncPanel.h"

#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/ReportList.h"
#include "boxoffice/gui/PrintRequest.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

namespace boxoffice::gui {

namespace {

// The automatic sync choices, in minutes (0: off).
constexpr int kEveryMinutes[] = {0, 1, 5, 15};

wxString problemText(const sync::ConnectionProblem& problem) { return fromUtf8(problem.message); }

std::string withoutTrailingSlashes(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

// A lookup's token when none is typed: the one kept for the connected remote, when the URL is that
// remote's server, so that a box office already connected need not type it again. Runs on a
// worker (the vault may be the desktop's secret store). Empty when there is none to take.
struct KeptToken {
    std::optional<model::SyncRemote> remote;
    sync::TokenVaultOptions vault;

    std::optional<sync::ConnectionProblem> fill(sync::HttpOptions& http, const std::string& url) const {
        if (!http.token.empty() || !remote || withoutTrailingSlashes(url) != withoutTrailingSlashes(remote->url)) {
            return std::nullopt;
        }
        auto loaded = sync::TokenVault(vault).load(remote->tokenLocation, remote->url, remote->organizer);
        if (!loaded) {
            return sync::ConnectionProblem{sync::ConnectionProblem::Kind::Token, loaded.error().message};
        }
        http.token = std::move(loaded.value());
        return std::nullopt;
    }
};

wxString facts(const sync::CheckinFacts& c) {
    wxString text = fromUtf8(c.orderCode) + wxString::Format(wxS("-%d"), c.positionNumber);
    if (!c.attendeeName.empty()) {
        text += wxS(" ") + fromUtf8(c.attendeeName);
    }
    return text;
}

wxString typeText(const std::string& type) { return type == "exit" ? _("exit") : _("entry"); }

} // namespace

SyncPanel::SyncPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("sync"),
                 {model::Change::Kind::Event, model::Change::Kind::Sync, model::Change::Kind::Checkins}),
      m_automatic(this) {
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);

    // The server.
    auto* serverBox = new wxStaticBoxSizer(wxVERTICAL, this, _("pretix server"));
    auto* server = serverBox->GetStaticBox();
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1);
    m_url = new wxTextCtrl(server, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           wxS("sync.url"));
    m_url->SetHint(wxS("https://pretix.eu"));
    grid->Add(new wxStaticText(server, wxID_ANY, _("Server &URL:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_url, 1, wxEXPAND);
    m_token = new wxTextCtrl(server, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD,
                             wxDefaultValidator, wxS("sync.token"));
    grid->Add(new wxStaticText(server, wxID_ANY, _("API &token:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_token, 1, wxEXPAND);
    m_organizer = new wxChoice(server, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                               wxS("sync.organizer"));
    grid->Add(new wxStaticText(server, wxID_ANY, _("&Organizer:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_organizer, 1, wxEXPAND);
    m_event = new wxChoice(server, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                           wxS("sync.event"));
    grid->Add(new wxStaticText(server, wxID_ANY, _("E&vent:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_event, 1, wxEXPAND);
    serverBox->Add(grid, 0, wxEXPAND | wxALL, FromDIP(6));
    auto* serverButtons = new wxBoxSizer(wxHORIZONTAL);
    m_find = new wxButton(server, wxID_ANY, _("&Find events"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          wxS("sync.find"));
    m_test = new wxButton(server, wxID_ANY, _("T&est connection"), wxDefaultPosition, wxDefaultSize, 0,
                          wxDefaultValidator, wxS("sync.test"));
    m_connect = new wxButton(server, wxID_ANY, _("Co&nnect"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             wxS("sync.connect"));
    m_connect->SetToolTip(_("Keep the token in the system's secret store and sync this event from now on"));
    serverButtons->Add(m_find, 0, wxRIGHT, FromDIP(6));
    serverButtons->Add(m_test, 0, wxRIGHT, FromDIP(6));
    serverButtons->Add(m_connect);
    serverBox->Add(serverButtons, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    left->Add(serverBox, 0, wxEXPAND | wxALL, FromDIP(6));

    // Syncing.
    auto* syncBox = new wxStaticBoxSizer(wxVERTICAL, this, _("Sync"));
    auto* syncing = syncBox->GetStaticBox();
    m_state = new wxStaticText(syncing, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                               wxS("sync.state"));
    m_state->SetFont(m_state->GetFont().Bold());
    syncBox->Add(m_state, 0, wxEXPAND | wxALL, FromDIP(6));
    auto* syncRow = new wxBoxSizer(wxHORIZONTAL);
    m_syncNow = new wxButton(syncing, wxID_ANY, _("&Sync now"), wxDefaultPosition, wxDefaultSize, 0,
                             wxDefaultValidator, wxS("sync.now"));
    m_cancel = new wxButton(syncing, wxID_CANCEL, _("Cancel"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("sync.cancel"));
    m_gauge = new wxGauge(syncing, wxID_ANY, 100, wxDefaultPosition, wxDefaultSize, wxGA_HORIZONTAL | wxGA_SMOOTH,
                          wxDefaultValidator, wxS("sync.progress"));
    syncRow->Add(m_syncNow, 0, wxRIGHT, FromDIP(6));
    syncRow->Add(m_gauge, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    syncRow->Add(m_cancel);
    syncBox->Add(syncRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    auto* everyRow = new wxBoxSizer(wxHORIZONTAL);
    const wxString every[] = {_("Off"), _("Every minute"), _("Every 5 minutes"), _("Every 15 minutes")};
    m_every = new wxChoice(syncing, wxID_ANY, wxDefaultPosition, wxDefaultSize, 4, every, 0, wxDefaultValidator,
                           wxS("sync.every"));
    m_every->SetSelection(0);
    everyRow->Add(new wxStaticText(syncing, wxID_ANY, _("Sync &automatically:")), 0,
                  wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    everyRow->Add(m_every);
    syncBox->Add(everyRow, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_message = new wxStaticText(syncing, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                                 wxS("sync.message"));
    syncBox->Add(m_message, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    // Long states and messages wrap to the column rather than widen it (their tooltips say them whole).
    m_state->SetMinSize(FromDIP(wxSize(260, 40)));
    m_message->SetMinSize(FromDIP(wxSize(260, 40)));
    left->Add(syncBox, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    left->AddStretchSpacer();
    columns->Add(left, 1, wxEXPAND);

    // What waits: the queue, the conflicts, the double entries.
    auto* right = new wxBoxSizer(wxVERTICAL);
    m_queueLabel = new wxStaticText(this, wxID_ANY, _("Waiting for upload:"));
    m_queue = makeReportList(this, "sync.queue",
                       {{_("Ticket"), 170}, {_("List"), 110}, {_("Type"), 60}, {_("Time"), 130}, {_("Retry"), 200}});
    right->Add(m_queueLabel, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    right->Add(m_queue, 1, wxEXPAND | wxALL, FromDIP(6));
    m_conflictsLabel = new wxStaticText(this, wxID_ANY, _("Conflicts:"));
    m_conflicts = makeReportList(this, "sync.conflicts",
                           {{_("Ticket"), 170}, {_("List"), 110}, {_("Time"), 130}, {_("Reason"), 260}});
    right->Add(m_conflictsLabel, 0, wxLEFT | wxRIGHT, FromDIP(6));
    right->Add(m_conflicts, 1, wxEXPAND | wxALL, FromDIP(6));
    auto* conflictButtons = new wxBoxSizer(wxHORIZONTAL);
    m_retry = new wxButton(this, wxID_ANY, _("&Retry upload"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           wxS("sync.retry"));
    m_dismiss = new wxButton(this, wxID_ANY, _("&Dismiss"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             wxS("sync.dismiss"));
    m_dismiss->SetToolTip(_("Keep the check-in here, but stop uploading it"));
    conflictButtons->Add(m_retry, 0, wxRIGHT, FromDIP(6));
    conflictButtons->Add(m_dismiss);
    right->Add(conflictButtons, 0, wxLEFT | wxRIGHT, FromDIP(6));
    m_doubleLabel = new wxStaticText(this, wxID_ANY, _("Admitted twice:"));
    m_double = makeReportList(this, "sync.doubleEntries",
                        {{_("Ticket"), 170},
                         {_("Here"), 180},
                         {_("Elsewhere"), 180},
                         {_("List"), 100},
                         {_("Reviewed"), 70},
                         {_("Note"), 160}});
    right->Add(m_doubleLabel, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    right->Add(m_double, 1, wxEXPAND | wxALL, FromDIP(6));
    auto* doubleButtons = new wxBoxSizer(wxHORIZONTAL);
    m_review = new wxButton(this, wxID_ANY, _("Mark re&viewed..."), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, wxS("sync.review"));
    m_export = new wxButton(this, wxID_ANY, _("E&xport CSV..."), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, wxS("sync.export"));
    doubleButtons->Add(m_review, 0, wxRIGHT, FromDIP(6));
    doubleButtons->Add(m_export);
    right->Add(doubleButtons, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    columns->Add(right, 2, wxEXPAND);
    SetSizer(columns);

    m_find->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { findEvents(); }, this); });
    m_organizer->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int at = m_organizer->GetSelection();
        if (at >= 0 && static_cast<std::size_t>(at) < m_organizers.size()) {
            findEventsOf(m_organizers[static_cast<std::size_t>(at)].slug);
        }
    });
    m_event->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { updateButtons(); });
    m_url->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { updateButtons(); });
    m_token->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { updateButtons(); });
    m_test->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { testConnection(); }, this); });
    m_connect->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { connect(); }, this); });
    m_syncNow->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { syncNow(); }, this); });
    m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_sync.cancel();
        setBusy(false);
        say(_("Sync cancelled. What had arrived is kept; the rest comes with the next sync."));
    });
    m_every->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        this->session().run<bool>(
            this,
            [minutes = kEveryMinutes[std::max(0, m_every->GetSelection())]](desk::TaskContext& context) {
                desk::setPreference(context.store, "sync.every", std::to_string(minutes));
                return true;
            },
            [](bool&&) {});
        scheduleAutomatic();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (!m_syncing && m_loaded.remote) {
            guardedCall([this] { syncNow(); }, this);
        }
    }, m_automatic.GetId());
    m_conflicts->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    m_conflicts->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    m_double->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    m_double->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    m_double->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { guardedCall([this] { reviewSelected(); }, this); });
    m_retry->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { retrySelected(); }, this); });
    m_dismiss->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { dismissSelected(); }, this); });
    m_review->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { reviewSelected(); }, this); });
    m_export->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { exportDoubleEntries(); }, this); });

    askNote = [this](const wxString& current) -> std::optional<wxString> {
        wxTextEntryDialog dialog(this, _("Note (who checked it, what was decided):"), _("Mark reviewed"), current);
        if (dialog.ShowModal() != wxID_OK) {
            return std::nullopt;
        }
        return dialog.GetValue();
    };
    askExportPath = [this](const wxString& suggestedName) {
        wxFileDialog dialog(this, _("Export double entries"), wxString(), suggestedName, _("CSV files (*.csv)|*.csv"),
                            wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    m_gauge->Hide();
    m_cancel->Hide();
    updateButtons();
}

void SyncPanel::doReload() {
    m_load.cancel();
    m_load = session().run<std::pair<Loaded, int>>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            Loaded l;
            model::SyncRepository repository(context.store);
            if (event != 0) {
                l.remote = repository.remoteForEvent(event);
                if (l.remote) {
                    l.status = sync::SyncEngine::status(context.store, l.remote->id);
                }
                l.queue = sync::uploadQueue(context.store, event, 200);
                l.queueLength = repository.queueLength(event);
                l.conflicts = sync::conflicts(context.store, event);
                l.doubleEntries = sync::doubleEntries(context.store, event);
                l.unreviewed = sync::unreviewedDoubleEntries(context.store, event);
            }
            const auto every = desk::preference(context.store, "sync.every");
            return std::make_pair(std::move(l), every ? std::atoi(every->c_str()) : 0);
        },
        [this](std::pair<Loaded, int>&& loaded) {
            const auto* at = std::find(std::begin(kEveryMinutes), std::end(kEveryMinutes), loaded.second);
            m_every->SetSelection(at == std::end(kEveryMinutes) ? 0 : static_cast<int>(at - std::begin(kEveryMinutes)));
            show(std::move(loaded.first));
            scheduleAutomatic();
        });
}

void SyncPanel::show(Loaded&& loaded) {
    // The rows selected stay selected across a reload (a sync, another desk's change).
    const long conflictRow = selectedRow(m_conflicts);
    const model::Id selectedConflict = conflictRow >= 0 && static_cast<std::size_t>(conflictRow) < m_loaded.conflicts.size()
                                           ? m_loaded.conflicts[static_cast<std::size_t>(conflictRow)].checkin.checkinId
                                           : 0;
    const long doubleRow = selectedRow(m_double);
    const model::Id selectedDouble = doubleRow >= 0 && static_cast<std::size_t>(doubleRow) < m_loaded.doubleEntries.size()
                                         ? m_loaded.doubleEntries[static_cast<std::size_t>(doubleRow)].id
                                         : 0;
    const bool remoteChanged = !m_loaded.remote || !loaded.remote || m_loaded.remote->id != loaded.remote->id;
    m_loaded = std::move(loaded);
    if (remoteChanged && m_loaded.remote) {
        // The event's server, as connected: nothing to find again unless the person wants another.
        const auto& r = *m_loaded.remote;
        m_url->ChangeValue(fromUtf8(r.url));
        m_token->ChangeValue(wxString());
        m_token->SetHint(_("kept in the secret store"));
        m_organizers = {{r.organizer, r.organizer}};
        m_events = {{r.eventSlug, r.eventSlug, {}}};
        m_organizer->Clear();
        m_organizer->Append(fromUtf8(r.organizer));
        m_organizer->SetSelection(0);
        m_event->Clear();
        m_event->Append(fromUtf8(r.eventSlug));
        m_event->SetSelection(0);
    }
    m_queue->DeleteAllItems();
    for (const auto& q : m_loaded.queue) {
        const long row = m_queue->InsertItem(m_queue->GetItemCount(), facts(q.checkin));
        m_queue->SetItem(row, 1, fromUtf8(q.checkin.listName));
        m_queue->SetItem(row, 2, typeText(q.checkin.type));
        m_queue->SetItem(row, 3, localDateTime(q.checkin.datetime));
        wxString retry = q.attempts == 0 ? _("not tried yet")
                                         : wxString::Format(wxPLURAL("%d attempt", "%d attempts",
                                                                     static_cast<unsigned>(q.attempts)),
                                                            q.attempts);
        if (q.nextAttempt) {
            retry += wxS(", ") + wxString::Format(_("next %s"), localDateTime(*q.nextAttempt));
        }
        if (!q.lastError.empty()) {
            retry += wxS(": ") + fromUtf8(q.lastError);
        }
        m_queue->SetItem(row, 4, retry);
    }
    m_queueLabel->SetLabel(wxString::Format(_("Waiting for upload: %lld"), static_cast<long long>(m_loaded.queueLength)));
    m_conflicts->DeleteAllItems();
    for (const auto& c : m_loaded.conflicts) {
        const long row = m_conflicts->InsertItem(m_conflicts->GetItemCount(), facts(c.checkin));
        m_conflicts->SetItem(row, 1, fromUtf8(c.checkin.listName));
        m_conflicts->SetItem(row, 2, localDateTime(c.checkin.datetime));
        m_conflicts->SetItem(row, 3, fromUtf8(c.reason));
        if (c.checkin.checkinId == selectedConflict) {
            m_conflicts->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        }
    }
    m_conflictsLabel->SetLabel(wxString::Format(_("Conflicts (refused by the server): %zu"), m_loaded.conflicts.size()));
    m_double->DeleteAllItems();
    for (const auto& d : m_loaded.doubleEntries) {
        const long row = m_double->InsertItem(m_double->GetItemCount(), facts(d.here));
        m_double->SetItem(row, 1, localDateTime(d.here.datetime) + wxS(", ") + fromUtf8(d.here.device));
        m_double->SetItem(row, 2, localDateTime(d.remoteDatetime) + wxS(", ") + fromUtf8(d.remoteDevice));
        m_double->SetItem(row, 3, fromUtf8(d.here.listName));
        m_double->SetItem(row, 4, d.reviewed ? _("yes") : _("no"));
        m_double->SetItem(row, 5, fromUtf8(d.note));
        if (d.id == selectedDouble) {
            m_double->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        }
    }
    m_doubleLabel->SetLabel(wxString::Format(_("Admitted twice: %zu, %lld not reviewed"), m_loaded.doubleEntries.size(),
                                             static_cast<long long>(m_loaded.unreviewed)));
    // The tab's title counts what waits for a decision.
    if (auto* notebook = dynamic_cast<wxNotebook*>(GetParent())) {
        const int page = notebook->FindPage(this);
        const auto waiting = static_cast<long long>(m_loaded.conflicts.size()) + m_loaded.unreviewed;
        if (page != wxNOT_FOUND) {
            notebook->SetPageText(static_cast<std::size_t>(page),
                                  waiting > 0 ? wxString::Format(_("Sync (%lld)"), waiting) : _("Sync"));
        }
    }
    showStatus();
    updateButtons();
    Layout();
}

void SyncPanel::showStatus() {
    if (!m_loaded.remote) {
        m_state->SetLabel(_("Not connected: this event is not synced with a pretix server."));
        return;
    }
    const auto& s = m_loaded.status;
    wxString text = s.online ? _("Online") : _("Offline");
    if (s.lastPull) {
        text += wxS(" - ") + wxString::Format(_("last synced %s"), localDateTime(*s.lastPull));
    } else {
        text += wxS(" - ") + _("never synced");
    }
    if (!s.lastError.empty()) {
        text += wxS("\n") + fromUtf8(s.lastError);
    }
    m_state->SetLabel(text);
}

sync::RemoteSettings SyncPanel::settings() const {
    sync::RemoteSettings s;
    s.url = std::string(m_url->GetValue().Strip(wxString::both).utf8_string());
    if (const int at = m_organizer->GetSelection(); at >= 0 && static_cast<std::size_t>(at) < m_organizers.size()) {
        s.organizer = m_organizers[static_cast<std::size_t>(at)].slug;
    }
    if (const int at = m_event->GetSelection(); at >= 0 && static_cast<std::size_t>(at) < m_events.size()) {
        s.event = m_events[static_cast<std::size_t>(at)].slug;
    }
    s.token = std::string(m_token->GetValue().Strip(wxString::both).utf8_string());
    s.vault = vault;
    return s;
}

sync::HttpOptions SyncPanel::httpOptions() const {
    sync::HttpOptions http;
    http.token = std::string(m_token->GetValue().Strip(wxString::both).utf8_string());
    if (m_loaded.remote) {
        http.caFile = m_loaded.remote->caFile;
        http.verifyTls = m_loaded.remote->verifyTls;
    }
    return http;
}

void SyncPanel::findEvents() {
    const auto s = settings();
    if (s.url.empty() || (s.token.empty() && !hasKeptToken())) {
        say(_("Enter the server's URL and an API token first."));
        return;
    }
    say(_("Asking the server for its organizers..."));
    m_lookup.cancel();
    m_lookup = session().run<model::Result<std::vector<sync::OrganizerChoice>, sync::ConnectionProblem>>(
        this,
        [url = s.url, http = httpOptions(), kept = KeptToken{m_loaded.remote, vault}](
            desk::TaskContext&) mutable -> model::Result<std::vector<sync::OrganizerChoice>, sync::ConnectionProblem> {
            if (auto problem = kept.fill(http, url)) {
                return *problem;
            }
            return sync::listOrganizers(url, http);
        },
        [this](model::Result<std::vector<sync::OrganizerChoice>, sync::ConnectionProblem>&& found) {
            if (!found) {
                say(problemText(found.error()));
                return;
            }
            m_organizers = std::move(found.value());
            m_organizer->Clear();
            for (const auto& o : m_organizers) {
                m_organizer->Append(fromUtf8(o.name.empty() ? o.slug : o.name + " (" + o.slug + ")"));
            }
            if (m_organizers.empty()) {
                say(_("The token sees no organizer on this server."));
                return;
            }
            m_organizer->SetSelection(0);
            findEventsOf(m_organizers.front().slug);
        });
}

void SyncPanel::findEventsOf(const std::string& organizer) {
    say(_("Asking the server for the organizer's events..."));
    m_lookup.cancel();
    m_lookup = session().run<model::Result<std::vector<sync::EventChoice>, sync::ConnectionProblem>>(
        this,
        [url = settings().url, organizer, http = httpOptions(), kept = KeptToken{m_loaded.remote, vault}](
            desk::TaskContext&) mutable -> model::Result<std::vector<sync::EventChoice>, sync::ConnectionProblem> {
            if (auto problem = kept.fill(http, url)) {
                return *problem;
            }
            return sync::listEvents(url, organizer, http);
        },
        [this](model::Result<std::vector<sync::EventChoice>, sync::ConnectionProblem>&& found) {
            if (!found) {
                say(problemText(found.error()));
                return;
            }
            m_events = std::move(found.value());
            m_event->Clear();
            for (const auto& e : m_events) {
                m_event->Append(fromUtf8(e.name.empty() ? e.slug : e.name + " (" + e.slug + ")"));
            }
            if (!m_events.empty()) {
                m_event->SetSelection(0);
            }
            say(m_events.empty() ? _("The organizer has no events the token can see.")
                                 : wxString::Format(wxPLURAL("Found %zu event.", "Found %zu events.",
                                                             static_cast<unsigned>(m_events.size())),
                                                    m_events.size()));
            updateButtons();
        });
}

void SyncPanel::testConnection() {
    const auto s = settings();
    say(_("Testing the connection..."));
    m_lookup.cancel();
    m_lookup = session().run<model::Result<bool, sync::ConnectionProblem>>(
        this,
        [s, http = httpOptions(), kept = KeptToken{m_loaded.remote, vault}](
            desk::TaskContext&) mutable -> model::Result<bool, sync::ConnectionProblem> {
            if (auto problem = kept.fill(http, s.url)) {
                return *problem;
            }
            return sync::testConnection(s.url, s.organizer, s.event, http);
        },
        [this](model::Result<bool, sync::ConnectionProblem>&& tested) {
            say(tested ? _("The connection works: the token may sync this event.") : problemText(tested.error()));
        });
}

void SyncPanel::connect() {
    const auto s = settings();
    say(_("Connecting..."));
    m_work = session().run<model::Result<sync::ConnectedRemote>>(
        this, [s](desk::TaskContext& context) { return sync::connectRemote(context.store, s); },
        [this](model::Result<sync::ConnectedRemote>&& connected) {
            if (!connected) {
                say(fromUtf8(connected.error().message));
                return;
            }
            m_token->ChangeValue(wxString());
            m_loaded.remote = connected->remote;
            say(connected->tokenKeptIn.empty()
                    ? _("Connected.")
                    : wxString::Format(_("Connected. The token is kept in %s."), fromUtf8(connected->tokenKeptIn)));
            syncNow();
        });
}

void SyncPanel::syncNow() {
    if (m_syncing || !m_loaded.remote) {
        return;
    }
    setBusy(true);
    say(_("Syncing..."));
    sync::RemoteSettings s;
    s.url = m_loaded.remote->url;
    s.organizer = m_loaded.remote->organizer;
    s.event = m_loaded.remote->eventSlug;
    s.vault = vault;
    struct Synced {
        model::Result<sync::SyncEngine::Summary> result;
        std::optional<model::Id> eventId;  // the local event the remote's event is
    };
    m_sync = session().run<Synced>(
        this,
        [s](desk::TaskContext& context) -> Synced {
            auto connected = sync::connectRemote(context.store, s);
            if (!connected) {
                return {connected.error(), std::nullopt};
            }
            sync::EngineOptions options;
            options.http.token = connected->token;
            options.http.caFile = connected->remote.caFile;
            options.http.verifyTls = connected->remote.verifyTls;
            options.cancel = context.stop;
            options.progress = [&context](const sync::Progress& p) {
                context.progress({p.done, p.total, p.step});
            };
            sync::SyncEngine engine(context.store, connected->remote, std::move(options));
            auto result = engine.syncOnce();
            const auto remote = model::SyncRepository(context.store).remote(connected->remote.id);
            return {std::move(result), remote ? remote->eventId : std::nullopt};
        },
        [this](Synced&& synced) {
            setBusy(false);
            if (synced.eventId && *synced.eventId != eventId()) {
                ShowEventRequest show(EVT_SHOW_EVENT_REQUEST, *synced.eventId);
                show.SetEventObject(this);
                ProcessWindowEvent(show);
            }
            auto& done = synced.result;
            if (!done) {
                say(wxString::Format(_("The sync failed: %s"), fromUtf8(done.error().message)));
                return;
            }
            const auto& d = done.value();
            say(wxString::Format(_("Synced: %lld orders fetched, %lld check-ins uploaded, %lld new conflicts, "
                                   "%lld double entries."),
                                 static_cast<long long>(d.pulled.orders), static_cast<long long>(d.pushed.uploaded),
                                 static_cast<long long>(d.pushed.conflicts),
                                 static_cast<long long>(d.pushed.doubleEntries)));
        },
        [this](const wxString& error) {
            setBusy(false);
            say(error);
        },
        [this](const desk::Progress& progress) {
            if (progress.total > 0) {
                m_gauge->SetRange(static_cast<int>(std::min<std::int64_t>(progress.total, 1'000'000'000)));
                m_gauge->SetValue(static_cast<int>(std::min(progress.done, progress.total)));
            } else {
                m_gauge->Pulse();
            }
            const wxString step = progress.step == "push"     ? _("uploading check-ins")
                                  : progress.step == "orders" ? _("fetching orders")
                                                              : _("fetching the event");
            say(progress.total > 0 ? wxString::Format(_("Syncing: %s, %lld of %lld..."), step,
                                                      static_cast<long long>(progress.done),
                                                      static_cast<long long>(progress.total))
                                   : wxString::Format(_("Syncing: %s..."), step));
        });
}

void SyncPanel::scheduleAutomatic() {
    const int minutes = kEveryMinutes[std::max(0, m_every->GetSelection())];
    if (minutes == 0) {
        m_automatic.Stop();
    } else if (!m_automatic.IsRunning() || m_automatic.GetInterval() != minutes * 60'000) {
        m_automatic.Start(minutes * 60'000);
    }
}

long SyncPanel::selectedRow(wxListCtrl* list) const {
    return list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

void SyncPanel::retrySelected() { settleSelectedConflict(true); }

void SyncPanel::dismissSelected() { settleSelectedConflict(false); }

void SyncPanel::settleSelectedConflict(bool retry) {
    const long row = selectedRow(m_conflicts);
    if (row < 0 || static_cast<std::size_t>(row) >= m_loaded.conflicts.size()) {
        return;
    }
    m_work = session().run<model::Result<bool>>(
        this,
        [id = m_loaded.conflicts[static_cast<std::size_t>(row)].checkin.checkinId, retry](desk::TaskContext& context) {
            return retry ? sync::retryConflict(context.store, id) : sync::dismissConflict(context.store, id);
        },
        [this, retry](model::Result<bool>&& done) {
            if (!done) {
                say(fromUtf8(done.error().message));
            } else {
                say(retry ? _("The check-in is back in the upload queue.")
                          : _("Dismissed: the check-in stays here and is not uploaded."));
            }
        });
}

void SyncPanel::reviewSelected() {
    const long row = selectedRow(m_double);
    if (row < 0 || static_cast<std::size_t>(row) >= m_loaded.doubleEntries.size() || !askNote) {
        return;
    }
    const auto& entry = m_loaded.doubleEntries[static_cast<std::size_t>(row)];
    const auto note = askNote(fromUtf8(entry.note));
    if (!note) {
        return;
    }
    m_work = session().run<model::Result<bool>>(
        this,
        [id = entry.id, text = std::string(note->utf8_string())](desk::TaskContext& context) {
            return sync::reviewDoubleEntry(context.store, id, true, text);
        },
        [this](model::Result<bool>&& done) {
            say(done ? _("Marked reviewed.") : fromUtf8(done.error().message));
        });
}

void SyncPanel::exportDoubleEntries() {
    if (!askExportPath || eventId() == 0) {
        return;
    }
    const wxString path = askExportPath(_("double-entries.csv"));
    if (path.empty()) {
        return;
    }
    m_work = session().run<model::Result<std::int64_t>>(
        this,
        [event = eventId(), file = std::filesystem::path(path.fn_str().data())](desk::TaskContext& context) {
            return sync::exportDoubleEntriesCsv(context.store, event, file);
        },
        [this, path](model::Result<std::int64_t>&& done) {
            say(done ? wxString::Format(_("Saved %lld double entries to %s."), static_cast<long long>(done.value()), path)
                     : wxString::Format(_("The double entries were not saved to %s: %s"), path,
                                        fromUtf8(done.error().message)));
        });
}

void SyncPanel::setBusy(bool busy) {
    m_syncing = busy;
    m_gauge->Show(busy);
    m_cancel->Show(busy);
    m_gauge->SetValue(0);
    updateButtons();
    Layout();
}

bool SyncPanel::hasKeptToken() const {
    return m_loaded.remote && withoutTrailingSlashes(std::string(m_url->GetValue().Strip(wxString::both).utf8_string())) ==
                                  withoutTrailingSlashes(m_loaded.remote->url);
}

void SyncPanel::say(const wxString& text) {
    m_message->SetLabel(text);
    m_message->Wrap(m_message->GetSize().x > 0 ? m_message->GetSize().x : FromDIP(260));
    m_message->SetToolTip(text);
    Layout();
}

void SyncPanel::updateButtons() {
    const bool named = !m_url->GetValue().Strip(wxString::both).empty() && m_organizer->GetSelection() >= 0 &&
                       m_event->GetSelection() >= 0;
    const bool token = !m_token->GetValue().empty() || hasKeptToken();
    m_find->Enable(!m_url->GetValue().Strip(wxString::both).empty() && token);
    m_test->Enable(named && token);
    m_connect->Enable(named && !m_syncing && (!m_token->GetValue().empty() || m_loaded.remote.has_value()));
    m_syncNow->Enable(m_loaded.remote.has_value() && !m_syncing);
    m_retry->Enable(selectedRow(m_conflicts) >= 0);
    m_dismiss->Enable(selectedRow(m_conflicts) >= 0);
    m_review->Enable(selectedRow(m_double) >= 0);
    m_export->Enable(!m_loaded.doubleEntries.empty());
}

} // namespace boxoffice::gui
