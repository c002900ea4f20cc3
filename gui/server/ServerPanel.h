// The Server tab: the box office's LAN server, which pretixSCAN and other scanners at the gates
// talk to (services/server), run from the desk.
//
// Start and stop it (interface: this computer only, every network, or one address; port), with
// the addresses scanners reach it at; the choice is remembered (desk preferences "server.host",
// "server.port"). Pair a scanner: a gate name and check-in lists of the open event, then the
// setup QR code the app scans (auth::createSetupToken, as `boxoffice-cli device pair` makes it),
// its payload and when it expires. The paired devices with their software, gate, last contact
// and state, to revoke. API tokens for other clients: create (the secret is shown once), revoke.
// A live feed of the scans the server decides (ServerOptions::onScan into a server::ScanFeed,
// polled by a timer) and the requests per second.
//
// The server runs on its own threads; starting (binding, opening the database) and stopping run
// on the session's workers, so the UI thread never waits for them, and the server keeps serving
// while the window is busy. The panel owns the server: destroying it (closing the app) stops it.
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/ApiToken.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Device.h"
#include "boxoffice/model/Event.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <wx/timer.h>

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxListCtrl;
class wxSpinCtrl;
class wxStaticBitmap;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::server {
class ScanFeed;
class Server;
} // namespace boxoffice::server

namespace boxoffice::gui {

class ServerPanel : public StorePanel {
public:
    ServerPanel(wxWindow* parent, Session& session);
    ~ServerPanel() override;

    // What a person answers; tests answer instead: whether to go ahead with something that
    // cannot be undone (revoking a device or a token); `action` labels the button that does it.
    std::function<bool(const wxString& question, const wxString& action)> askConfirm;
    // Told when the server starts or stops, with statusText() (the frame's status bar).
    std::function<void(const wxString&)> onStateChange;

    bool serving() const;
    // The port the server listens on; 0 when it is not running.
    int port() const { return m_port; }
    // "LAN server: off", "LAN server: 192.168.1.20:8000".
    wxString statusText() const;
    // The base URL the setup QR code gives scanners ("http://192.168.1.20:8000").
    std::string scannerUrl() const;

private:
    struct Loaded {
        std::optional<model::Event> event;
        std::vector<model::CheckinList> lists;
        std::vector<model::Device> devices;
        std::vector<model::ApiToken> tokens;
        std::optional<std::string> host;  // remembered choices
        std::optional<std::string> port;
    };
    void doReload() override;
    void show(Loaded&& loaded);
    void showLists();
    void showDevices();
    void showTokens();
    void fillInterfaces(const std::string& chosen);
    std::string chosenHost() const;
    void start();
    void stop();
    void showState();
    void pair();
    void revokeDevice();
    void createToken();
    // What the check boxes under the token's name allow.
    model::Permissions tokenPermissions() const;
    static wxString permissionLabel(model::Permission permission);
    void revokeToken();
    void poll();
    void say(const wxString& text);
    void updateButtons();
    static long selectedRow(wxListCtrl* list);

    wxChoice* m_interface = nullptr;
    wxSpinCtrl* m_portField = nullptr;
    wxButton* m_start = nullptr;
    wxButton* m_stop = nullptr;
    wxStaticText* m_state = nullptr;
    wxStaticText* m_addresses = nullptr;
    wxStaticText* m_rate = nullptr;
    wxStaticText* m_message = nullptr;
    wxTextCtrl* m_gate = nullptr;
    wxCheckListBox* m_lists = nullptr;
    wxButton* m_pair = nullptr;
    wxStaticBitmap* m_qr = nullptr;
    wxTextCtrl* m_payload = nullptr;
    wxStaticText* m_expires = nullptr;
    wxListCtrl* m_devices = nullptr;
    wxButton* m_revoke = nullptr;
    wxTextCtrl* m_tokenName = nullptr;
    wxChoice* m_tokenScope = nullptr;
    // What a new token may do, one check box per permission (model::Permission's order).
    std::vector<std::pair<model::Permission, wxCheckBox*>> m_tokenPermissions;
    wxButton* m_createToken = nullptr;
    wxTextCtrl* m_tokenSecret = nullptr;
    wxListCtrl* m_tokens = nullptr;
    wxButton* m_revokeToken = nullptr;
    wxListCtrl* m_feed = nullptr;

    Loaded m_loaded;
    std::vector<model::Id> m_shownDevices;  // the device list's rows
    std::vector<model::Id> m_shownTokens;   // the token list's rows
    std::vector<std::string> m_hosts;  // the interface choice's addresses, by index
    bool m_choicesRestored = false;
    std::shared_ptr<server::Server> m_server;
    std::shared_ptr<server::ScanFeed> m_scans;
    std::uint64_t m_scansSeen = 0;
    bool m_switching = false;  // starting or stopping on a worker
    int m_port = 0;
    std::string m_host;  // what the running server listens on
    std::uint64_t m_lastRequests = 0;
    std::chrono::steady_clock::time_point m_lastPoll{};
    wxTimer m_poll;
    desk::TaskHandle m_load;
    desk::TaskHandle m_switch;
    desk::TaskHandle m_work;
};

} // namespace boxoffice::gui
