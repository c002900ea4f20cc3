// The Sync tab: the box office in step with the pretix server the event is sold on.
//
// Connect: server URL and API token, then the organizer and event picked from lists the server
// gives ("Find events"; once connected, the kept token serves when none is typed); "Test connection" says what is wrong in words (name not found, no
// answer, certificate, token refused, no permission, no such event). The token goes to the
// system's secret store (sync/Remotes.h), as `boxoffice-cli sync` keeps it.
// Sync: "Sync now" with progress and Cancel, automatic sync every 1, 5 or 15 minutes, and the
// state in words (online or offline, last success, what waits).
// Beside it what sync leaves for a person (sync/Inbox.h): the upload queue oldest first with its
// retry state; conflicts (uploads the server refused for good) with their reason, to retry or
// dismiss; and the double-entry inbox, every ticket admitted twice while offline, to mark
// reviewed with a note and export as CSV. The tab's title counts what waits for a decision.
// Network and disk work runs on the session's workers. Created and owned by the main frame's
// notebook; UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/Connection.h"
#include "boxoffice/sync/Inbox.h"
#include "boxoffice/sync/Remotes.h"
#include "boxoffice/sync/SyncEngine.h"
#include "boxoffice/sync/TokenVault.h"

#include <functional>
#include <optional>
#include <vector>
#include <wx/timer.h>

class wxButton;
class wxChoice;
class wxGauge;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class SyncPanel : public StorePanel {
public:
    SyncPanel(wxWindow* parent, Session& session);

    // Where the token is kept; tests keep it in a folder of their own.
    sync::TokenVaultOptions vault;
    // What a person answers; tests answer instead: the note for a reviewed double entry (none:
    // cancelled), and where to save the CSV (empty: cancelled).
    std::function<std::optional<wxString>(const wxString& current)> askNote;
    std::function<wxString(const wxString& suggestedName)> askExportPath;

private:
    struct Loaded {
        std::optional<model::SyncRemote> remote;
        sync::SyncStatus status;
        std::vector<sync::QueuedUpload> queue;
        std::int64_t queueLength = 0;
        std::vector<sync::Conflict> conflicts;
        std::vector<sync::DoubleEntryRow> doubleEntries;
        std::int64_t unreviewed = 0;
    };
    void doReload() override;
    void show(Loaded&& loaded);
    void showStatus();
    sync::RemoteSettings settings() const;
    sync::HttpOptions httpOptions() const;
    void findEvents();
    void findEventsOf(const std::string& organizer);
    void testConnection();
    void connect();
    void syncNow();
    void scheduleAutomatic();
    void retrySelected();
    void dismissSelected();
    void settleSelectedConflict(bool retry);
    void reviewSelected();
    void exportDoubleEntries();
    void setBusy(bool busy);
    void say(const wxString& text);
    void updateButtons();
    // True when no token need be typed: the URL is the connected remote's, whose token is kept.
    bool hasKeptToken() const;
    long selectedRow(wxListCtrl* list) const;

    wxTextCtrl* m_url = nullptr;
    wxTextCtrl* m_token = nullptr;
    wxButton* m_find = nullptr;
    wxChoice* m_organizer = nullptr;
    wxChoice* m_event = nullptr;
    wxButton* m_test = nullptr;
    wxButton* m_connect = nullptr;
    wxStaticText* m_state = nullptr;
    wxButton* m_syncNow = nullptr;
    wxButton* m_cancel = nullptr;
    wxGauge* m_gauge = nullptr;
    wxChoice* m_every = nullptr;
    wxStaticText* m_message = nullptr;
    wxStaticText* m_queueLabel = nullptr;
    wxListCtrl* m_queue = nullptr;
    wxStaticText* m_conflictsLabel = nullptr;
    wxListCtrl* m_conflicts = nullptr;
    wxButton* m_retry = nullptr;
    wxButton* m_dismiss = nullptr;
    wxStaticText* m_doubleLabel = nullptr;
    wxListCtrl* m_double = nullptr;
    wxButton* m_review = nullptr;
    wxButton* m_export = nullptr;

    Loaded m_loaded;
    std::vector<sync::OrganizerChoice> m_organizers;
    std::vector<sync::EventChoice> m_events;
    bool m_syncing = false;
    wxTimer m_automatic;
    desk::TaskHandle m_load;
    desk::TaskHandle m_lookup;
    desk::TaskHandle m_work;
    desk::TaskHandle m_sync;
};

} // namespace boxoffice::gui
