// The main window and the one composition root of the desktop app: it owns the Session (the
// store and the task runner), creates one panel per notebook tab and hands each the session and
// the open event. It holds the event
// switcher, the menus and the status bar, and notices changes made by other processes (the
// boxoffice-cli, a second window) by polling the store's data version every two seconds.
// Panels never call each other; the frame tells them which event to show and when the database
// changed underneath them. Created by App on the UI thread; UI thread only.
#pragma once

#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/ChangeSubscription.h"
#include "boxoffice/gui/Session.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Store.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>
#include <wx/frame.h>
#include <wx/timer.h>

class wxChoice;
class wxCommandEvent;
class wxNotebook;

namespace boxoffice::gui {

class DoorPanel;
class SalesPanel;
class ServerPanel;
class StorePanel;

class MainFrame : public wxFrame {
public:
    // The settings key holding the ID of the event shown last.
    static constexpr const char* kLastEventKey = desk::kLastEventKey;
    static constexpr int kPollMilliseconds = 2000;
    static constexpr int kDoorModeId = wxID_HIGHEST + 1;
    static constexpr int kFirstTabId = wxID_HIGHEST + 10;  // View > Orders (Ctrl+1) and the tabs after it
    static constexpr int kImportId = wxID_HIGHEST + 2;        // File > Import pretix export (Ctrl+I)
    static constexpr int kCancelImportId = wxID_HIGHEST + 3;  // File > Cancel import
    static constexpr int kExportId = wxID_HIGHEST + 4;        // File > Export event as pretix JSON
    static constexpr int kNewEventId = wxID_HIGHEST + 5;      // File > New event (Ctrl+Shift+N)
    static constexpr int kUndoId = wxID_HIGHEST + 6;          // Edit > Undo (the Designer's, labelled)
    static constexpr int kRedoId = wxID_HIGHEST + 7;          // Edit > Redo
    static constexpr int kFirstTicketActionId = wxID_HIGHEST + 20;  // Ticket > Check in and the actions after it

    // Takes the opened store. Opens the event shown last; on first start, with no events at all,
    // creates the demo event and opens it.
    explicit MainFrame(std::unique_ptr<model::Store> store);
    ~MainFrame() override;

    model::Store& store() { return m_session->store(); }
    Session& session() { return *m_session; }
    model::Id currentEvent() const { return m_eventId; }
    const std::vector<model::Event>& events() const { return m_events; }

    // Door mode (View > Door mode, F11): the door panel in the notebook's place, full screen.
    void setDoorMode(bool on);
    bool doorMode() const;

    // Shows `eventId` in every panel and remembers it for the next start. Unknown IDs are ignored.
    void switchToEvent(model::Id eventId);

    // File > Import: reads a pretix "Order data (JSON)" export on a worker (all or nothing, as
    // boxoffice-cli import-pretix does) and opens its event. The file is asked for with a dialog;
    // tests answer through the seam.
    void importExport(const wxString& file);
    std::function<wxString()> askImportPath;
    bool importing() const { return m_importing; }
    // File > Export event: the open event in the same format, written on a worker (as
    // boxoffice-cli export does), so importing the file elsewhere gives the same event.
    void exportEvent(const wxString& file);
    std::function<wxString(const wxString& suggestedName)> askExportPath;

    // Re-reads everything if another connection changed the database since the last look.
    // Returns whether another process did (a write by the session's own workers alone is not
    // one: the change feed told the panels already). Called by the poll timer; public for tests.
    bool checkForOutsideChanges();

private:
    void buildMenus();
    void buildToolBar();
    void buildNotebook();
    model::Id chooseStartEvent();
    void reloadEvents();
    void reloadAll();
    void updateTitle();
    void updateStatusBar();
    void onStoreChange(const model::Change& change);
    // Window size, position and tab of the last run (a small read on the UI thread's connection),
    // and remembering them on a worker a second after they change.
    void restoreLayout();
    void rememberLayout();

    std::unique_ptr<Session> m_session;
    std::vector<model::Event> m_events;
    model::Id m_eventId = 0;
    wxChoice* m_eventChoice = nullptr;
    wxNotebook* m_notebook = nullptr;
    DoorPanel* m_door = nullptr;
    ServerPanel* m_server = nullptr;  // the Server tab, which owns the LAN server while it runs
    SalesPanel* m_sales = nullptr;
    std::vector<StorePanel*> m_panels;
    wxTimer m_pollTimer;
    wxTimer m_layoutTimer;
    bool m_layoutRestored = false;
    std::int64_t m_dataVersion = 0;
    bool m_refreshQueued = false;
    bool m_eventsChanged = false;
    ChangeSubscription m_subscription;
    desk::TaskHandle m_counts;  // the status bar's counts being read
    desk::TaskHandle m_import;
    bool m_importing = false;
    wxString m_notice;  // what the last import said, shown in place of the database's path
    bool m_countsRunning = false;
    bool m_countsAgain = false;  // the store changed while they were read
    model::Id m_countsEvent = 0;
};

} // namespace boxoffice::gui
