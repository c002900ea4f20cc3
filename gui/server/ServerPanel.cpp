#include "server/ServerPanel.h"

#include "boxoffice/auth/Devices.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/ReportList.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/TokenRepository.h"
#include "boxoffice/server/LanAddresses.h"
#include "boxoffice/server/ScanFeed.h"
#include "boxoffice/server/Server.h"
#include "boxoffice/plugins/Served.h"
#include "checkin/RedeemText.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/datetime.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbmp.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

constexpr const char* kLoopback = "127.0.0.1";
constexpr const char* kEveryInterface = "0.0.0.0";
constexpr int kDefaultPort = 8000;
constexpr int kPollMilliseconds = 500;
constexpr long kFeedRows = 200;
constexpr int kTextWidth = 480;  // DIPs the left column's texts wrap at

wxButton* makeButton(wxWindow* parent, const wxString& label, const char* name) {
    return new wxButton(parent, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                        wxString::FromUTF8(name));
}

wxString clockTime(model::Timestamp when) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
    return wxDateTime(static_cast<time_t>(seconds)).FormatISOTime();
}

// What the feed says about a redeem: admitted, questions to answer, or why it was refused.
wxString scanResult(const server::ScanRecord& scan) {
    if (scan.status == "ok") {
        return _("Admitted");
    }
    if (scan.status == "incomplete") {
        return _("Questions to answer");
    }
    for (auto reason : {checkin::Reason::Invalid, checkin::Reason::Unpaid, checkin::Reason::Canceled,
                        checkin::Reason::AlreadyRedeemed, checkin::Reason::Product, checkin::Reason::Unapproved}) {
        if (checkin::toString(reason) == scan.reason) {
            return refusalText(reason);
        }
    }
    return fromUtf8(scan.reason);
}

} // namespace

ServerPanel::ServerPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("server"),
                 {model::Change::Kind::Event, model::Change::Kind::CheckinLists, model::Change::Kind::Tokens}),
      m_poll(this) {
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);

    // The server.
    auto* serverBox = new wxStaticBoxSizer(wxVERTICAL, this, _("Scanner server"));
    auto* box = serverBox->GetStaticBox();
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1);
    m_interface = new wxChoice(box, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                               wxS("server.interface"));
    m_interface->SetToolTip(_("Which networks may reach the server: this computer only, every network it is "
                              "on, or one address"));
    grid->Add(new wxStaticText(box, wxID_ANY, _("&Listen on:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_interface, 1, wxEXPAND);
    m_portField = new wxSpinCtrl(box, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0,
                                 65535, kDefaultPort, wxS("server.port"));
    m_portField->SetToolTip(_("The TCP port scanners connect to; 0 picks a free one"));
    grid->Add(new wxStaticText(box, wxID_ANY, _("P&ort:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_portField, 0);
    serverBox->Add(grid, 0, wxEXPAND | wxALL, FromDIP(6));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_start = makeButton(box, _("&Start server"), "server.start");
    m_stop = makeButton(box, _("S&top server"), "server.stop");
    buttons->Add(m_start, 0, wxRIGHT, FromDIP(6));
    buttons->Add(m_stop);
    serverBox->Add(buttons, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_state = new wxStaticText(box, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("server.state"));
    m_state->SetFont(m_state->GetFont().Bold());
    serverBox->Add(m_state, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_addresses = new wxStaticText(box, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   wxS("server.addresses"));
    serverBox->Add(m_addresses, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_rate = new wxStaticText(box, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("server.rate"));
    serverBox->Add(m_rate, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_message = new wxStaticText(box, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                                 wxS("server.message"));
    m_message->SetMinSize(FromDIP(wxSize(280, 36)));
    serverBox->Add(m_message, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    left->Add(serverBox, 0, wxEXPAND | wxALL, FromDIP(6));

    // Pairing a scanner: the gate and its lists beside the setup QR code.
    auto* pairBox = new wxStaticBoxSizer(wxHORIZONTAL, this, _("Pair a scanner"));
    auto* pairing = pairBox->GetStaticBox();
    auto* pairColumn = new wxBoxSizer(wxVERTICAL);
    pairColumn->Add(new wxStaticText(pairing, wxID_ANY, _("&Gate:")), 0, wxBOTTOM, FromDIP(2));
    m_gate = new wxTextCtrl(pairing, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("server.gate"));
    m_gate->SetHint(_("Main entrance"));
    pairColumn->Add(m_gate, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    pairColumn->Add(new wxStaticText(pairing, wxID_ANY, _("Check-in &lists (none ticked: all):")), 0, wxBOTTOM,
                    FromDIP(2));
    m_lists = new wxCheckListBox(pairing, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(220, 90)), 0, nullptr, 0,
                                 wxDefaultValidator, wxS("server.lists"));
    pairColumn->Add(m_lists, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    m_pair = makeButton(pairing, _("&Pair"), "server.pair");
    m_pair->SetToolTip(_("Make a setup QR code for pretixSCAN; it works once"));
    pairColumn->Add(m_pair, 0, wxBOTTOM, FromDIP(6));
    m_payload = new wxTextCtrl(pairing, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(220, 70)),
                               wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP, wxDefaultValidator,
                               wxS("server.payload"));
    pairColumn->Add(m_payload, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    m_expires = new wxStaticText(pairing, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                 wxS("server.expires"));
    pairColumn->Add(m_expires, 0, wxEXPAND);
    pairBox->Add(pairColumn, 0, wxEXPAND | wxALL, FromDIP(6));
    m_qr = new wxStaticBitmap(pairing, wxID_ANY, wxNullBitmap, wxDefaultPosition, wxSize(328, 328), 0,
                              wxS("server.qr"));
    pairBox->Add(m_qr, 0, wxALL, FromDIP(6));
    left->Add(pairBox, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    left->AddStretchSpacer();
    columns->Add(left, 0, wxEXPAND);

    // The devices, the tokens and the feed.
    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(new wxStaticText(this, wxID_ANY, _("Paired &devices:")), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    m_devices = makeReportList(this, "server.devices",
                         {{_("Name"), 150}, {_("Software"), 150}, {_("Gate"), 100}, {_("Last seen"), 140},
                          {_("Status"), 80}});
    right->Add(m_devices, 1, wxEXPAND | wxALL, FromDIP(6));
    m_revoke = makeButton(this, _("&Revoke device..."), "server.revoke");
    right->Add(m_revoke, 0, wxLEFT | wxRIGHT, FromDIP(6));

    right->Add(new wxStaticText(this, wxID_ANY, _("API tokens for other programs:")), 0, wxLEFT | wxRIGHT | wxTOP,
               FromDIP(6));
    auto* tokenRow = new wxBoxSizer(wxHORIZONTAL);
    m_tokenName = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                 wxS("server.tokenName"));
    m_tokenName->SetHint(_("Name, e.g. Ticket shop"));
    m_tokenScope = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                                wxS("server.tokenScope"));
    m_tokenScope->Append(_("This event"));
    m_tokenScope->Append(_("Every event of the organizer"));
    m_tokenScope->SetSelection(0);
    m_createToken = makeButton(this, _("&Create token"), "server.createToken");
    tokenRow->Add(m_tokenName, 1, wxRIGHT, FromDIP(6));
    tokenRow->Add(m_tokenScope, 0, wxRIGHT, FromDIP(6));
    tokenRow->Add(m_createToken);
    right->Add(tokenRow, 0, wxEXPAND | wxALL, FromDIP(6));
    // A new token may only scan unless more is ticked: a scanner needs no more, and a token that
    // leaks can then do no more.
    auto* mayRow = new wxBoxSizer(wxHORIZONTAL);
    mayRow->Add(new wxStaticText(this, wxID_ANY, _("It may:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    for (const auto permission : {model::Permission::CheckinOrders, model::Permission::ViewOrders,
                                  model::Permission::ChangeOrders, model::Permission::ChangeEventSettings}) {
        const auto name = model::permissionName(permission);
        auto* may = new wxCheckBox(this, wxID_ANY, permissionLabel(permission), wxDefaultPosition, wxDefaultSize, 0,
                                   wxDefaultValidator,
                                   wxS("server.tokenMay.") + wxString::FromUTF8(name.data(), name.size()));
        may->SetValue(permission == model::Permission::CheckinOrders);
        may->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { updateButtons(); });
        mayRow->Add(may, 0, wxRIGHT, FromDIP(10));
        m_tokenPermissions.emplace_back(permission, may);
    }
    right->Add(mayRow, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_tokenSecret = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_READONLY,
                                   wxDefaultValidator, wxS("server.tokenSecret"));
    m_tokenSecret->SetHint(_("A new token's secret shows here once: copy it then"));
    right->Add(m_tokenSecret, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    m_tokens = makeReportList(this, "server.tokens",
                        {{_("Name"), 150}, {_("Scope"), 150}, {_("May"), 200}, {_("Created"), 140},
                         {_("Last used"), 140}, {_("Status"), 80}});
    right->Add(m_tokens, 1, wxEXPAND | wxALL, FromDIP(6));
    m_revokeToken = makeButton(this, _("Re&voke token..."), "server.revokeToken");
    right->Add(m_revokeToken, 0, wxLEFT | wxRIGHT, FromDIP(6));

    right->Add(new wxStaticText(this, wxID_ANY, _("Scans (newest first):")), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    m_feed = makeReportList(this, "server.feed",
                      {{_("Time"), 80}, {_("Device"), 150}, {_("Ticket"), 200}, {_("Result"), 150}, {_("List"), 110}});
    right->Add(m_feed, 2, wxEXPAND | wxALL, FromDIP(6));
    columns->Add(right, 1, wxEXPAND);
    // The window shares its height among the three lists; each keeps a few rows at least.
    for (auto* list : {m_devices, m_tokens, m_feed}) {
        list->SetMinSize(FromDIP(wxSize(-1, 70)));
    }
    SetSizer(columns);

    m_start->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { start(); }, this); });
    m_stop->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { stop(); }, this); });
    m_pair->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { pair(); }, this); });
    m_revoke->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { revokeDevice(); }, this); });
    m_createToken->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { createToken(); }, this); });
    m_revokeToken->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { revokeToken(); }, this); });
    m_tokenName->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { updateButtons(); });
    for (auto* list : {m_devices, m_tokens}) {
        list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
        list->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    }
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { guardedCall([this] { poll(); }, this); }, m_poll.GetId());

    askConfirm = [this](const wxString& question, const wxString& action) { return confirm(question, action, this); };
    fillInterfaces(kLoopback);
    showState();
    updateButtons();
}

ServerPanel::~ServerPanel() {
    m_poll.Stop();
    // Closing the app: the requests in progress finish, then the workers are joined.
    if (m_server) {
        m_server->stop();
    }
}

bool ServerPanel::serving() const { return m_server != nullptr && m_port > 0; }

wxString ServerPanel::statusText() const {
    if (!serving()) {
        return _("LAN server: off");
    }
    return wxString::Format(_("LAN server: %s:%d"), fromUtf8(m_host), m_port);
}

std::string ServerPanel::scannerUrl() const {
    std::string host = m_host;
    if (host == kEveryInterface) {
        const auto addresses = server::lanAddresses();
        host = addresses.empty() || addresses.front().loopback ? kLoopback : addresses.front().address;
    }
    return "http://" + host + ":" + std::to_string(m_port);
}

void ServerPanel::fillInterfaces(const std::string& chosen) {
    m_interface->Clear();
    m_hosts.clear();
    m_interface->Append(wxString::Format(_("This computer only (%s)"), kLoopback));
    m_hosts.emplace_back(kLoopback);
    m_interface->Append(wxString::Format(_("Every network (%s)"), kEveryInterface));
    m_hosts.emplace_back(kEveryInterface);
    for (const auto& a : server::lanAddresses()) {
        if (!a.loopback) {
            m_interface->Append(fromUtf8(a.address + " (" + a.interfaceName + ")"));
            m_hosts.push_back(a.address);
        }
    }
    const auto at = std::find(m_hosts.begin(), m_hosts.end(), chosen);
    m_interface->SetSelection(at == m_hosts.end() ? 0 : static_cast<int>(at - m_hosts.begin()));
}

std::string ServerPanel::chosenHost() const {
    const int at = m_interface->GetSelection();
    return at >= 0 && static_cast<std::size_t>(at) < m_hosts.size() ? m_hosts[static_cast<std::size_t>(at)]
                                                                     : std::string(kLoopback);
}

void ServerPanel::doReload() {
    m_load.cancel();
    m_load = session().run<Loaded>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            Loaded l;
            if (event != 0) {
                l.event = model::EventRepository(context.store).eventById(event);
                l.lists = model::CheckinRepository(context.store).listInfos(event);
            }
            l.devices = auth::listDevices(context.store);
            l.tokens = model::TokenRepository(context.store).list();
            l.host = desk::preference(context.store, "server.host");
            l.port = desk::preference(context.store, "server.port");
            return l;
        },
        [this](Loaded&& loaded) { show(std::move(loaded)); });
}

void ServerPanel::show(Loaded&& loaded) {
    // The lists ticked stay ticked while the event's lists are the same.
    std::vector<model::Id> ticked;
    for (unsigned i = 0; i < m_lists->GetCount() && i < m_loaded.lists.size(); ++i) {
        if (m_lists->IsChecked(i)) {
            ticked.push_back(m_loaded.lists[i].id);
        }
    }
    const auto sameList = [](const model::CheckinList& a, const model::CheckinList& b) {
        return a.id == b.id && a.name == b.name;
    };
    const bool sameLists = m_loaded.event && loaded.event && m_loaded.event->id == loaded.event->id &&
                           std::equal(m_loaded.lists.begin(), m_loaded.lists.end(), loaded.lists.begin(),
                                      loaded.lists.end(), sameList);
    m_loaded = std::move(loaded);
    if (!m_choicesRestored) {
        m_choicesRestored = true;
        if (m_loaded.host && !serving()) {
            fillInterfaces(*m_loaded.host);
        }
        if (m_loaded.port && !serving()) {
            m_portField->SetValue(std::clamp(std::atoi(m_loaded.port->c_str()), 0, 65535));
        }
    }
    if (!sameLists) {
        showLists();
        for (unsigned i = 0; i < m_loaded.lists.size(); ++i) {
            if (std::find(ticked.begin(), ticked.end(), m_loaded.lists[i].id) != ticked.end()) {
                m_lists->Check(i);
            }
        }
    }
    showDevices();
    showTokens();
    updateButtons();
    Layout();
}

void ServerPanel::showLists() {
    m_lists->Clear();
    for (const auto& l : m_loaded.lists) {
        m_lists->Append(fromUtf8(l.name));
    }
}

void ServerPanel::start() {
    if (m_server || m_switching) {
        return;
    }
    server::ServerOptions options;
    options.database = session().database();
    options.host = chosenHost();
    options.port = m_portField->GetValue();
    auto scans = std::make_shared<server::ScanFeed>(static_cast<std::size_t>(kFeedRows));
    options.onScan = [scans](const server::ScanRecord& scan) { scans->push(scan); };
    m_switching = true;
    updateButtons();
    say(_("Starting the server..."));
    struct Started {
        std::shared_ptr<server::Server> server;
        std::optional<model::Error> error;
        int port = 0;
    };
    m_switch = session().run<Started>(
        this,
        [options](desk::TaskContext& context) -> Started {
            desk::setPreference(context.store, "server.host", options.host);
            desk::setPreference(context.store, "server.port", std::to_string(options.port));
            auto running = std::make_shared<server::Server>(options, plugins::servedPlugins());
            auto port = running->start();
            if (!port) {
                return {nullptr, port.error(), 0};
            }
            return {std::move(running), std::nullopt, port.value()};
        },
        [this, scans, host = options.host](Started&& started) {
            m_switching = false;
            if (started.error) {
                say(wxString::Format(_("The server did not start: %s"), fromUtf8(started.error->message)));
            } else {
                m_server = std::move(started.server);
                m_scans = scans;
                m_scansSeen = 0;
                m_port = started.port;
                m_host = host;
                m_lastRequests = 0;
                m_lastPoll = std::chrono::steady_clock::now();
                m_poll.Start(kPollMilliseconds);
                say(_("The server is running. Pair a scanner to let it in."));
            }
            showState();
            updateButtons();
        },
        [this](const wxString& error) {
            m_switching = false;
            say(error);
            showState();
            updateButtons();
        });
}

void ServerPanel::stop() {
    if (!m_server || m_switching) {
        return;
    }
    m_poll.Stop();
    m_switching = true;
    updateButtons();
    say(_("Stopping the server..."));
    m_switch = session().run<bool>(
        this,
        [running = std::move(m_server)](desk::TaskContext&) {
            running->stop();  // the requests in progress finish first
            return true;
        },
        [this](bool&&) {
            m_switching = false;
            m_port = 0;
            say(_("The server is stopped; paired scanners wait until it runs again."));
            showState();
            updateButtons();
        },
        [this](const wxString& error) {
            m_switching = false;
            m_port = 0;
            say(error);
            showState();
            updateButtons();
        });
    m_server.reset();
}

void ServerPanel::showState() {
    if (serving()) {
        m_state->SetLabel(wxString::Format(_("Running on port %d"), m_port));
        wxString where;
        if (m_host == kLoopback) {
            where = wxString::Format(_("Only this computer reaches it, at http://%s:%d. For scanners, listen on "
                                       "every network."),
                                     kLoopback, m_port);
        } else if (m_host == kEveryInterface) {
            where = _("Scanners reach it at:");
            for (const auto& a : server::lanAddresses()) {
                where += wxString::Format(wxS("\nhttp://%s:%d (%s)"), fromUtf8(a.address), m_port,
                                          fromUtf8(a.interfaceName));
            }
        } else {
            where = wxString::Format(_("Scanners reach it at http://%s:%d"), fromUtf8(m_host), m_port);
        }
        m_addresses->SetLabel(where);
    } else {
        m_state->SetLabel(m_switching ? _("Starting or stopping...") : _("Stopped"));
        wxString where;
        for (const auto& a : server::lanAddresses()) {
            if (!a.loopback) {
                where += (where.empty() ? wxString() : wxString(wxS(", "))) +
                         fromUtf8(a.address + " (" + a.interfaceName + ")");
            }
        }
        m_addresses->SetLabel(where.empty() ? _("This computer has no address on a network now.")
                                            : wxString::Format(_("This computer's addresses: %s"), where));
        m_rate->SetLabel(wxString());
    }
    // Long texts wrap within the column rather than widen it.
    m_addresses->Wrap(FromDIP(kTextWidth));
    if (onStateChange) {
        onStateChange(statusText());
    }
    Layout();
}

void ServerPanel::poll() {
    if (!m_server) {
        return;
    }
    if (m_scans) {
        auto batch = m_scans->since(m_scansSeen);
        m_scansSeen = batch.next;
        if (!batch.records.empty()) {
            m_feed->Freeze();
            for (const auto& scan : batch.records) {
                m_feed->InsertItem(0, clockTime(scan.when));
                m_feed->SetItem(0, 1, fromUtf8(scan.device));
                m_feed->SetItem(0, 2, scan.ticket.empty() ? _("(unknown code)") : fromUtf8(scan.ticket));
                m_feed->SetItem(0, 3, scanResult(scan));
                m_feed->SetItem(0, 4, fromUtf8(scan.list));
            }
            while (m_feed->GetItemCount() > kFeedRows) {
                m_feed->DeleteItem(m_feed->GetItemCount() - 1);
            }
            m_feed->Thaw();
        }
    }
    const auto stats = m_server->stats();
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - m_lastPoll).count();
    if (seconds >= 0.9) {
        const double perSecond = static_cast<double>(stats.requests - std::min(stats.requests, m_lastRequests)) / seconds;
        m_lastRequests = stats.requests;
        m_lastPoll = now;
        m_rate->SetLabel(wxString::Format(_("%.1f requests per second; %llu since the start, %llu refused, %llu "
                                            "failed"),
                                          perSecond, static_cast<unsigned long long>(stats.requests),
                                          static_cast<unsigned long long>(stats.clientErrors),
                                          static_cast<unsigned long long>(stats.serverErrors)));
        m_rate->Wrap(FromDIP(kTextWidth));
    }
}

long ServerPanel::selectedRow(wxListCtrl* list) { return list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

void ServerPanel::say(const wxString& text) {
    m_message->SetLabel(text);
    m_message->Wrap(m_message->GetSize().x > 0 ? m_message->GetSize().x : FromDIP(280));
    m_message->SetToolTip(text);
    Layout();
}

void ServerPanel::updateButtons() {
    m_start->Enable(!m_server && !m_switching);
    m_stop->Enable(m_server != nullptr && !m_switching);
    m_interface->Enable(!m_server && !m_switching);
    m_portField->Enable(!m_server && !m_switching);
    m_pair->Enable(serving() && m_loaded.event.has_value());
    const long device = selectedRow(m_devices);
    m_revoke->Enable(device >= 0 && static_cast<std::size_t>(device) < m_loaded.devices.size() &&
                     !m_loaded.devices[static_cast<std::size_t>(device)].revoked());
    m_createToken->Enable(m_loaded.event.has_value() && !m_tokenName->GetValue().Strip(wxString::both).empty() &&
                          !tokenPermissions().empty());
    const long token = selectedRow(m_tokens);
    m_revokeToken->Enable(token >= 0 && static_cast<std::size_t>(token) < m_loaded.tokens.size() &&
                          !m_loaded.tokens[static_cast<std::size_t>(token)].revoked);
}

} // namespace boxoffice::gui
