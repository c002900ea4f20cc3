#include "boxoffice/gui/MainFrame.h"

#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/PrintRequest.h"
#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/SyncRepository.h"
#include "checkin/CheckinListsPanel.h"
#include "designer/DesignerPanel.h"
#include "door/DoorPanel.h"
#include "orders/OrdersPanel.h"
#include "print/PrintPanel.h"
#include "sales/NewEventDialog.h"
#include "sales/SalesPanel.h"
#include "server/ServerPanel.h"
#include "setup/EventSetupPanel.h"
#include "sync/SyncPanel.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <wx/aboutdlg.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/display.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>

#ifdef BOXOFFICE_HAVE_IMPORTER
#include "boxoffice/importer/Exporter.h"
#include "boxoffice/importer/Importer.h"
#endif

namespace boxoffice::gui {

namespace {

enum StatusField { PathField, OrdersField, CheckinsField, ServerField, SyncField, FieldCount };

wxString eventLabel(const model::Event& event) {
    wxString label = localized(event.name);
    if (label.empty()) {
        label = fromUtf8(event.organizerSlug + "/" + event.slug);
    }
    if (event.dateFrom) {
        label += wxS(" (") + localDateTime(*event.dateFrom).BeforeLast(' ') + wxS(")");
    }
    return label;
}

} // namespace

MainFrame::MainFrame(std::unique_ptr<model::Store> opened)
    : wxFrame(nullptr, wxID_ANY, _("Box Office"), wxDefaultPosition, wxSize(1100, 720), wxDEFAULT_FRAME_STYLE,
              wxS("mainFrame")),
      m_session(std::make_unique<Session>(std::move(opened))), m_pollTimer(this), m_layoutTimer(this),
      m_subscription([this](const model::Change& change) { onStoreChange(change); }) {
    SetMinSize(FromDIP(wxSize(640, 420)));
    buildMenus();
    buildToolBar();
    buildNotebook();
    CreateStatusBar(FieldCount);
    const int widths[FieldCount] = {-3, -1, -2, -2, -2};  // the server field holds "LAN server: host:port"
    GetStatusBar()->SetStatusWidths(FieldCount, widths);

    m_eventId = chooseStartEvent();
    reloadEvents();
    switchToEvent(m_eventId);
    m_dataVersion = store().dataVersion();

    // A failing poll (a database locked for long, a file gone) would fire every two seconds: say
    // it in the status bar rather than stacking message boxes.
    Bind(
        wxEVT_TIMER,
        [this](wxTimerEvent&) {
            try {
                checkForOutsideChanges();
            } catch (const std::exception& e) {
                SetStatusText(wxString::Format(_("Cannot read the database: %s"), fromUtf8(e.what())),
                              PathField);
            }
        },
        m_pollTimer.GetId());
    m_pollTimer.Start(kPollMilliseconds);

    restoreLayout();
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { rememberLayout(); }, m_layoutTimer.GetId());
    const auto later = [this](wxEvent& event) {
        event.Skip();
        if (m_layoutRestored && !doorMode()) {
            m_layoutTimer.StartOnce(1000);
        }
    };
    Bind(wxEVT_SIZE, later);
    Bind(wxEVT_MOVE, later);
    Bind(wxEVT_MAXIMIZE, later);
    m_notebook->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, later);
}

void MainFrame::importExport(const wxString& file) {
#ifdef BOXOFFICE_HAVE_IMPORTER
    m_importing = true;
    GetMenuBar()->Enable(kImportId, false);
    GetMenuBar()->Enable(kCancelImportId, true);
    m_notice = wxString::Format(_("Importing %s: %s..."), file, _("reading the file"));
    SetStatusText(m_notice, PathField);
    const auto finished = [this] {
        m_importing = false;
        GetMenuBar()->Enable(kImportId, true);
        GetMenuBar()->Enable(kCancelImportId, false);
    };
    m_import = m_session->run<model::Result<importer::ImportSummary>>(
        this,
        [path = std::filesystem::path(file.fn_str().data())](desk::TaskContext& context) {
            importer::ImportControl control;
            control.stop = context.stop;
            control.progress = [&context](std::string_view step) {
                context.progress(desk::Progress{0, -1, std::string(step)});
            };
            control.fraction = [&context](std::string_view step, double fraction) {
                context.progress(desk::Progress{static_cast<std::int64_t>(fraction * 100), 100, std::string(step)});
            };
            return importer::importPretixJson(context.store, path, control);
        },
        [this, file, finished](model::Result<importer::ImportSummary>&& imported) {
            finished();
            if (!imported) {
                const wxString message = wxString::Format(
                    _("%s was not imported; nothing was changed.\n\n%s"), file, fromUtf8(imported.error().message));
                m_notice = _("The import failed; nothing was changed.");
                SetStatusText(m_notice, PathField);
                showError(message, this);
                return;
            }
            const auto& summary = imported.value();
            reloadEvents();
            switchToEvent(summary.eventId);
            m_notice = wxString::Format(_("Imported %d orders (%d positions) of %s."), summary.orders,
                                        summary.positions, fromUtf8(summary.eventName));
            SetStatusText(m_notice, PathField);
        },
        [this, finished](const wxString& error) {
            finished();
            m_notice = _("The import failed; nothing was changed.");
            SetStatusText(m_notice, PathField);
            showError(error, this);
        },
        [this, file](const desk::Progress& progress) {
            const wxString step = progress.step == "reading"    ? _("reading the file")
                                  : progress.step == "checking" ? _("checking it against the box office")
                                  : progress.step == "saving"   ? _("saving the orders and their search index")
                                                                : _("writing the orders");
            m_notice = progress.total > 0
                           ? wxString::Format(_("Importing %s: %s (%lld %%)..."), file, step,
                                              static_cast<long long>(progress.done))
                           : wxString::Format(_("Importing %s: %s..."), file, step);
            SetStatusText(m_notice, PathField);
        });
#else
    (void)file;
#endif
}

void MainFrame::exportEvent(const wxString& file) {
#ifdef BOXOFFICE_HAVE_IMPORTER
    const auto event = std::find_if(m_events.begin(), m_events.end(),
                                    [this](const model::Event& e) { return e.id == m_eventId; });
    if (event == m_events.end()) {
        return;
    }
    GetMenuBar()->Enable(kExportId, false);
    m_notice = wxString::Format(_("Exporting to %s..."), file);
    SetStatusText(m_notice, PathField);
    m_session->run<model::Result<importer::ExportSummary>>(
        this,
        [organizer = event->organizerSlug, slug = event->slug,
         path = std::filesystem::path(file.fn_str().data())](desk::TaskContext& context) {
            return importer::exportPretixJson(context.store, organizer, slug, path, context.stop);
        },
        [this, file](model::Result<importer::ExportSummary>&& exported) {
            GetMenuBar()->Enable(kExportId, true);
            if (!exported) {
                m_notice = wxString::Format(_("The event was not exported to %s."), file);
                SetStatusText(m_notice, PathField);
                showError(wxString::Format(_("The event was not exported to %s:\n\n%s"), file,
                                           fromUtf8(exported.error().message)),
                          this);
                return;
            }
            m_notice = wxString::Format(_("Exported %d orders (%d positions) to %s."), exported->orders,
                                        exported->positions, file);
            SetStatusText(m_notice, PathField);
        },
        [this](const wxString& error) {
            GetMenuBar()->Enable(kExportId, true);
            showError(error, this);
        });
#else
    (void)file;
#endif
}

void MainFrame::restoreLayout() {
    // "x,y,width,height,maximized" and the tab's number.
    const auto window = desk::preference(store(), "window");
    const auto tab = desk::preference(store(), "tab");
    if (window) {
        long x = 0, y = 0, width = 0, height = 0, maximized = 0;
        if (std::sscanf(window->c_str(), "%ld,%ld,%ld,%ld,%ld", &x, &y, &width, &height, &maximized) == 5 &&
            width >= 320 && height >= 240) {
            const wxRect rect(static_cast<int>(x), static_cast<int>(y), static_cast<int>(width),
                              static_cast<int>(height));
            // Only where a display still shows its title bar (a second screen may be gone).
            if (wxDisplay::GetFromPoint(rect.GetTopLeft() + wxSize(std::min(100, rect.width / 2), 10)) !=
                wxNOT_FOUND) {
                SetSize(rect);
            }
            if (maximized != 0) {
                Maximize();
            }
        }
    }
    if (tab) {
        const long page = std::strtol(tab->c_str(), nullptr, 10);
        if (page >= 0 && static_cast<std::size_t>(page) < m_notebook->GetPageCount()) {
            m_notebook->SetSelection(static_cast<std::size_t>(page));
        }
    }
    m_layoutRestored = true;
}

void MainFrame::rememberLayout() {
    const wxRect rect = GetRect();
    const std::string window = std::to_string(rect.x) + "," + std::to_string(rect.y) + "," +
                               std::to_string(rect.width) + "," + std::to_string(rect.height) + "," +
                               (IsMaximized() ? "1" : "0");
    const std::string tab = std::to_string(std::max(0, m_notebook->GetSelection()));
    m_session->run<bool>(
        this,
        [window, tab, keepSize = !IsMaximized()](desk::TaskContext& context) {
            if (keepSize) {
                desk::setPreference(context.store, "window", window);
            } else if (auto old = desk::preference(context.store, "window"); old && old->size() > 2) {
                // Maximized: the size to go back to stays the one remembered before.
                desk::setPreference(context.store, "window", old->substr(0, old->size() - 1) + "1");
            }
            desk::setPreference(context.store, "tab", tab);
            return true;
        },
        [](bool&&) {}, [](const wxString&) {});  // a layout not remembered is no reason to interrupt anyone
}

MainFrame::~MainFrame() {
    m_pollTimer.Stop();
    // The panels hold references to the session: let them go before it does.
    DestroyChildren();
}

void MainFrame::buildMenus() {
    auto* file = new wxMenu;
#ifdef BOXOFFICE_HAVE_IMPORTER
    file->Append(kImportId, _("&Import pretix export...\tCtrl+I"),
                 _("Read the orders of an event from pretix's Order data (JSON) export"));
    file->Append(kCancelImportId, _("&Cancel import"), _("Stop the import; nothing is changed"));
    file->Enable(kCancelImportId, false);
    file->Append(kExportId, _("&Export event as pretix JSON...\tCtrl+Shift+E"),
                 _("Write the open event as an Order data (JSON) export, which Import reads back"));
    file->AppendSeparator();
    askExportPath = [this](const wxString& suggestedName) {
        wxFileDialog dialog(this, _("Export the event"), wxString(), suggestedName,
                            _("pretix order data (*.json)|*.json"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            const auto event = std::find_if(m_events.begin(), m_events.end(),
                                            [this](const model::Event& e) { return e.id == m_eventId; });
            if (event != m_events.end() && askExportPath) {
                if (const wxString path = askExportPath(fromUtf8(event->slug + "_pretixdata.json")); !path.empty()) {
                    exportEvent(path);
                }
            }
        },
        kExportId);
    askImportPath = [this]() {
        wxFileDialog dialog(this, _("Import a pretix export"), wxString(), wxString(),
                            _("pretix order data (*.json)|*.json|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (!m_importing && askImportPath) {
                if (const wxString path = askImportPath(); !path.empty()) {
                    importExport(path);
                }
            }
        },
        kImportId);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            m_import.cancel();  // its write transaction is interrupted and rolled back
            m_importing = false;
            GetMenuBar()->Enable(kImportId, true);
            GetMenuBar()->Enable(kCancelImportId, false);
            m_notice = _("Import cancelled; nothing was changed.");
            SetStatusText(m_notice, PathField);
        },
        kCancelImportId);
#endif
    file->Append(kNewEventId, _("&New event...\tCtrl+Shift+N"),
                 _("Set up an event to sell at the desk, without a pretix server"));
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            auto* dialog = new NewEventDialog(this, *m_session);
            dialog->onCreated = [this](model::Id eventId) {
                reloadEvents();
                switchToEvent(eventId);
            };
            dialog->Show();
        },
        kNewEventId);
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"), _("Close Box Office"));
    auto* view = new wxMenu;
    const wxString tabs[] = {_("&Orders"), _("&Check-in lists"), _("D&esigner"), _("&Print"), _("&Server"),
                             _("S&ync"), _("S&ales"), _("E&vent")};
    for (int i = 0; i < static_cast<int>(std::size(tabs)); ++i) {
        view->Append(kFirstTabId + i, wxString::Format(wxS("%s\tCtrl+%d"), tabs[i], i + 1),
                     wxString::Format(_("Show the %s tab"), wxStripMenuCodes(tabs[i])));
        Bind(
            wxEVT_MENU,
            [this, i](wxCommandEvent&) {
                if (doorMode()) {
                    setDoorMode(false);
                }
                m_notebook->SetSelection(static_cast<std::size_t>(i));
            },
            kFirstTabId + i);
    }
    view->AppendSeparator();
    view->AppendCheckItem(kDoorModeId, _("&Door mode\tF11"), _("Admit people: one large scan field, full screen"));
    // The Orders tab's actions on the selected ticket, with their keys: each item presses the
    // button of the same name (so it is refused, or greyed out, exactly when the button is).
    auto* ticket = new wxMenu;
    struct TicketAction {
        const char* button;
        wxString label;
        wxString help;
    };
    const TicketAction actions[] = {
        {"orders.checkIn", _("Check &in\tCtrl+Return"), _("Check the selected ticket in on the chosen list")},
        {"orders.checkOut", _("Check &out\tCtrl+Shift+Return"), _("Check the selected ticket out")},
        {"orders.annul", _("&Take back check-in\tCtrl+Shift+Back"), _("Take back the ticket's last check-in made here")},
        {"orders.copySecret", _("&Copy secret\tCtrl+Shift+C"), _("Copy the ticket's secret")},
        {"orders.saveTicket", _("&Save ticket as PDF...\tCtrl+S"), _("Save the selected ticket as a PDF file")},
        {"orders.printTicket", _("&Print ticket...\tCtrl+P"), _("Show the ticket in the Print tab to print it")},
        {"orders.openRemote", _("Open in p&retix\tCtrl+Shift+O"), _("Open the order on the pretix server")},
    };
    for (int i = 0; i < static_cast<int>(std::size(actions)); ++i) {
        ticket->Append(kFirstTicketActionId + i, actions[i].label, actions[i].help);
        const wxString name = wxString::FromUTF8(actions[i].button);
        Bind(
            wxEVT_MENU,
            [this, name](wxCommandEvent&) {
                auto* button = dynamic_cast<wxButton*>(FindWindowByName(name, m_notebook));
                if (button != nullptr && button->IsEnabled() && button->IsShownOnScreen()) {
                    wxCommandEvent press(wxEVT_BUTTON, button->GetId());
                    press.SetEventObject(button);
                    button->ProcessWindowEvent(press);
                }
            },
            kFirstTicketActionId + i);
        Bind(
            wxEVT_UPDATE_UI,
            [this, name](wxUpdateUIEvent& event) {
                auto* button = FindWindowByName(name, m_notebook);
                event.Enable(!doorMode() && button != nullptr && button->IsEnabled() && button->IsShownOnScreen());
            },
            kFirstTicketActionId + i);
    }
    // Edit: the Designer's undo and redo, each named by the step it takes back or does again
    // ("Undo Move 3 elements"). An item presses the Designer's button of the same name, so it is
    // greyed out exactly when the button is. The keys stay the canvas's (Ctrl+Z, Ctrl+Y): as menu
    // accelerators they would take Ctrl+Z from every text field of the other tabs.
    auto* edit = new wxMenu;
    struct EditAction {
        int id;
        const char* button;
        wxString help;
        wxString (DesignerPanel::*label)() const;
    };
    const EditAction editActions[] = {
        {kUndoId, "designer.undo", _("Take back the Designer's last change"), &DesignerPanel::undoText},
        {kRedoId, "designer.redo", _("Redo the change the Designer's Undo took back"), &DesignerPanel::redoText},
    };
    for (const auto& action : editActions) {
        edit->Append(action.id, action.id == kUndoId ? _("&Undo") : _("&Redo"), action.help);
        const wxString name = wxString::FromUTF8(action.button);
        Bind(
            wxEVT_MENU,
            [this, name](wxCommandEvent&) {
                auto* button = dynamic_cast<wxButton*>(FindWindowByName(name, m_notebook));
                if (button != nullptr && button->IsEnabled() && button->IsShownOnScreen()) {
                    wxCommandEvent press(wxEVT_BUTTON, button->GetId());
                    press.SetEventObject(button);
                    button->ProcessWindowEvent(press);
                }
            },
            action.id);
        Bind(
            wxEVT_UPDATE_UI,
            [this, name, label = action.label](wxUpdateUIEvent& event) {
                auto* button = FindWindowByName(name, m_notebook);
                const bool usable = !doorMode() && button != nullptr && button->IsEnabled() && button->IsShownOnScreen();
                event.Enable(usable);
                for (StorePanel* panel : m_panels) {
                    if (auto* designer = dynamic_cast<DesignerPanel*>(panel)) {
                        // "&Undo Move 3 elements": the step's name after the menu's own key.
                        event.SetText(wxS("&") + (designer->*label)());
                    }
                }
            },
            action.id);
    }
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About Box Office"), _("Version of this program"));
    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(edit, _("&Edit"));
    bar->Append(view, _("&View"));
    bar->Append(ticket, _("&Ticket"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent& event) { setDoorMode(event.IsChecked()); }, kDoorModeId);

    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    // Closing the window (File > Quit, the title bar, the session ending): each panel may keep it
    // open for work not saved yet (the Designer asks about its layout).
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        if (event.CanVeto()) {
            for (StorePanel* panel : m_panels) {
                if (!panel->mayClose()) {
                    event.Veto();
                    return;
                }
            }
        }
        event.Skip();  // wxFrame's own handler destroys the window
    });
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            wxAboutDialogInfo info;
            info.SetName(_("Box Office"));
            info.SetVersion(wxS(BOXOFFICE_VERSION));
            info.SetDescription(
                _("A box office for events: orders, check-in and tickets, working without the cloud."));
            wxAboutBox(info, this);
        },
        wxID_ABOUT);
}

void MainFrame::setDoorMode(bool on) {
    if (auto* item = GetMenuBar()->FindItem(kDoorModeId)) {
        item->Check(on);
    }
    m_notebook->Show(!on);
    m_door->Show(on);
    GetToolBar()->Show(!on);
    ShowFullScreen(on, wxFULLSCREEN_NOBORDER | wxFULLSCREEN_NOCAPTION);
    Layout();
    if (on) {
        m_door->focusScan();
    }
}

bool MainFrame::doorMode() const { return m_door->IsShown(); }

void MainFrame::buildToolBar() {
    wxToolBar* toolbar = CreateToolBar(wxTB_HORIZONTAL | wxTB_FLAT, wxID_ANY, wxS("toolbar"));
    toolbar->AddControl(new wxStaticText(toolbar, wxID_ANY, _("Event:")));
    m_eventChoice = new wxChoice(toolbar, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(360, -1)), 0, nullptr,
                                 0, wxDefaultValidator, wxS("eventChoice"));
    toolbar->AddControl(m_eventChoice);
    toolbar->Realize();
    m_eventChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        const int index = event.GetSelection();
        if (index >= 0 && static_cast<std::size_t>(index) < m_events.size()) {
            const model::Id id = m_events[static_cast<std::size_t>(index)].id;
            m_notice.clear();
            guardedCall([this, id] { switchToEvent(id); }, this);
        }
    });
}

void MainFrame::buildNotebook() {
    m_notebook = new wxNotebook(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("notebook"));
    auto* orders = new OrdersPanel(m_notebook, *m_session);
    auto* lists = new CheckinListsPanel(m_notebook, *m_session);
    // Door mode shows the door panel in the notebook's place, full screen.
    m_door = new DoorPanel(this, *m_session);
    m_door->Hide();
    auto* print = new PrintPanel(m_notebook, *m_session);
    auto* syncing = new SyncPanel(m_notebook, *m_session);
    m_server = new ServerPanel(m_notebook, *m_session);
    m_server->onStateChange = [this](const wxString& state) { SetStatusText(state, ServerField); };
    m_sales = new SalesPanel(m_notebook, *m_session);
    auto* setup = new EventSetupPanel(m_notebook, *m_session);
    m_panels = {orders, lists, m_door, print, m_server, syncing, m_sales, setup};
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(m_notebook, 1, wxEXPAND);
    column->Add(m_door, 1, wxEXPAND);
    SetSizer(column);
    m_notebook->AddPage(orders, _("Orders"), true);
    m_notebook->AddPage(lists, _("Check-in lists"));
    m_notebook->AddPage(m_panels.emplace_back(new DesignerPanel(m_notebook, *m_session)), _("Designer"));
    m_notebook->AddPage(print, _("Print"));
    // The order browser's Print ticket: the Print tab, with that ticket chosen.
    Bind(EVT_PRINT_REQUEST, [this, print](PrintRequestEvent& request) {
        if (doorMode()) {
            return;
        }
        m_notebook->SetSelection(static_cast<std::size_t>(m_notebook->FindPage(print)));
        print->chooseTickets(request.positions(), request.label());
    });
    m_notebook->AddPage(m_server, _("Server"));
    m_notebook->AddPage(syncing, _("Sync"));
    m_notebook->AddPage(m_sales, _("Sales"));
    m_notebook->AddPage(setup, _("Event"));
    // Shown, the Event tab puts the cursor in its outline.
    m_notebook->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this, setup](wxBookCtrlEvent& event) {
        event.Skip();
        if (m_notebook->GetPage(static_cast<std::size_t>(event.GetSelection())) == setup) {
            CallAfter([setup] { setup->focusStart(); });
        }
    });
    // The Sales tab is worked from the keyboard: shown, it puts the cursor where selling starts.
    m_notebook->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
        event.Skip();
        if (m_notebook->GetPage(static_cast<std::size_t>(event.GetSelection())) == m_sales) {
            CallAfter([this] { m_sales->focusStart(); });
        }
    });
    // The Sync tab's first sync of a remote brings its event: open it.
    Bind(EVT_SHOW_EVENT_REQUEST, [this](ShowEventRequest& request) {
        reloadEvents();
        switchToEvent(request.eventId());
    });
}

model::Id MainFrame::chooseStartEvent() {
    model::EventRepository repository(store());
    const auto events = repository.events();
    if (events.empty()) {
#ifdef BOXOFFICE_HAVE_IMPORTER
        auto demo = importer::ensureDemoEvent(store());
        if (demo) {
            return demo->eventId;
        }
        const wxString message =
            wxString::Format(_("The demo event could not be created:\n%s"), fromUtf8(demo.error().message));
        CallAfter([this, message] { showError(message, this); });
#endif
        return 0;
    }
    if (const auto last = desk::lastEvent(store())) {
        return *last;
    }
    return events.front().id;
}

void MainFrame::reloadEvents() {
    m_events = model::EventRepository(store()).events();
    m_eventChoice->Clear();
    int selection = wxNOT_FOUND;
    for (const auto& event : m_events) {
        const int index = m_eventChoice->Append(eventLabel(event));
        if (event.id == m_eventId) {
            selection = index;
        }
    }
    m_eventChoice->SetSelection(selection);
    m_eventChoice->Enable(!m_events.empty());
}

void MainFrame::switchToEvent(model::Id eventId) {
    const auto known = std::find_if(m_events.begin(), m_events.end(),
                                    [eventId](const model::Event& e) { return e.id == eventId; });
    if (eventId != 0 && known == m_events.end()) {
        return;
    }
    m_eventId = eventId;
    if (known != m_events.end()) {
        m_eventChoice->SetSelection(static_cast<int>(known - m_events.begin()));
        // Remembered on a worker: the UI thread never waits for a write (a busy database).
        m_session->run<bool>(
            this, [eventId](desk::TaskContext& context) {
                desk::rememberEvent(context.store, eventId);
                return true;
            },
            [](bool&&) {},
            [this](const wxString& error) {
                SetStatusText(wxString::Format(_("Cannot remember the event: %s"), error), PathField);
            });
    }
    for (StorePanel* panel : m_panels) {
        panel->showEvent(m_eventId);
    }
    updateTitle();
    updateStatusBar();
}

bool MainFrame::checkForOutsideChanges() {
    // Taken first: a worker's write landing between the two reads counts as an outside change
    // now (one reload too many), never the other way round.
    const bool ownWrites = m_session->takeWorkerWrites();
    const std::int64_t version = store().dataVersion();
    if (version == m_dataVersion) {
        return false;
    }
    m_dataVersion = version;
    reloadAll();
    // The session's own workers write through other connections too; what they wrote was
    // published on the change feed already. Had another process written at the same time, the
    // reload above shows it all the same.
    return !ownWrites;
}

void MainFrame::reloadAll() {
    reloadEvents();
    if (std::none_of(m_events.begin(), m_events.end(),
                     [this](const model::Event& e) { return e.id == m_eventId; })) {
        m_eventId = m_events.empty() ? 0 : m_events.front().id; // the open event was removed
        for (StorePanel* panel : m_panels) {
            panel->showEvent(m_eventId);
        }
    } else {
        for (StorePanel* panel : m_panels) {
            panel->reload();
        }
    }
    updateTitle();
    updateStatusBar();
}

void MainFrame::updateTitle() {
    const auto event = std::find_if(m_events.begin(), m_events.end(),
                                    [this](const model::Event& e) { return e.id == m_eventId; });
    if (event == m_events.end()) {
        SetTitle(_("Box Office"));
        return;
    }
    wxString name = localized(event->name);
    if (name.empty()) {
        name = fromUtf8(event->slug);
    }
    SetTitle(wxString::Format(wxS("%s \u2014 %s"), _("Box Office"), name));
}

namespace {
// What the status bar shows of the open event, read on a worker.
struct EventState {
    long long orders = 0;
    model::CheckinRepository::Admission admission;
    bool synced = false;  // a pretix server is configured for the event
    std::optional<model::Timestamp> lastSync;
    bool online = false;
    std::string lastError;
    long long queued = 0;
};
} // namespace

void MainFrame::updateStatusBar() {
    SetStatusText(m_notice.empty() ? wxString::Format(_("Database: %s"), wxString(store().path().wstring()))
                                   : m_notice,
                  PathField);
    SetStatusText(m_server->statusText(), ServerField);
    if (m_eventId == 0) {
        SetStatusText(_("No event open"), OrdersField);
        SetStatusText(wxString(), CheckinsField);
        SetStatusText(wxString(), SyncField);
        return;
    }
    // Counting a large event takes a while: on a worker, and one count at a time (a busy door
    // changes the store every second; a count cancelled by the next change would never finish).
    if (m_countsRunning && m_countsEvent == m_eventId) {
        m_countsAgain = true;
        return;
    }
    m_counts.cancel();  // another event's count is no longer wanted
    m_countsRunning = true;
    m_countsAgain = false;
    m_countsEvent = m_eventId;
    const auto finished = [this] {
        m_countsRunning = false;
        if (m_countsAgain) {
            m_countsAgain = false;
            updateStatusBar();
        }
    };
    m_counts = m_session->run<EventState>(
        this,
        [event = m_eventId](desk::TaskContext& context) {
            EventState state;
            state.orders = model::OrderRepository(context.store).count(event, {});
            state.admission = model::CheckinRepository(context.store).admission(event);
            model::SyncRepository sync(context.store);
            if (const auto remote = sync.remoteForEvent(event)) {
                state.synced = true;
                state.lastSync = remote->lastPull;
                state.online = remote->online;
                state.lastError = remote->lastError;
            }
            state.queued = sync.queueLength(event);
            return state;
        },
        [this, finished](EventState&& state) {
            SetStatusText(wxString::Format(wxPLURAL("%lld order", "%lld orders", static_cast<unsigned>(state.orders)),
                                           state.orders),
                          OrdersField);
            SetStatusText(wxString::Format(_("%lld of %lld checked in"),
                                           static_cast<long long>(state.admission.checkedIn),
                                           static_cast<long long>(state.admission.expected)),
                          CheckinsField);
            wxString sync;
            if (!state.synced) {
                sync = _("Not synced");
            } else if (!state.online || !state.lastError.empty()) {
                sync = _("Offline");
            } else if (state.lastSync) {
                sync = wxString::Format(_("Synced %s"), localDateTime(*state.lastSync));
            } else {
                sync = _("Never synced");
            }
            if (state.synced && state.queued > 0) {  // without a server nothing waits for one
                sync += wxS(", ") + wxString::Format(wxPLURAL("%lld to upload", "%lld to upload",
                                                              static_cast<unsigned>(state.queued)),
                                                     state.queued);
            }
            SetStatusText(sync, SyncField);
            finished();
        },
        [this, finished](const wxString& error) {
            SetStatusText(wxString::Format(_("Cannot read the database: %s"), error), PathField);
            finished();
        });
}

void MainFrame::onStoreChange(const model::Change& change) {
    // Panels refresh themselves; the frame keeps the switcher, title and counts current, once
    // per burst of changes.
    m_eventsChanged = m_eventsChanged || change.kind == model::Change::Kind::Event;
    if (m_refreshQueued) {
        return;
    }
    m_refreshQueued = true;
    CallAfter([this] {
        const bool events = m_eventsChanged;
        m_refreshQueued = false;
        m_eventsChanged = false;
        guardedCall(
            [this, events] {
                if (events) {
                    reloadEvents();
                    updateTitle();
                }
                updateStatusBar();
            },
            this);
    });
}

} // namespace boxoffice::gui
