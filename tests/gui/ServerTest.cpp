// The Server tab on a real store in this process on the Xvfb display, driven as a person does:
// start the LAN server on a free loopback port, pair a scanner for a gate and a list, read the
// setup QR code off the screen with zbarimg, and initialize a device with it over HTTP as
// pretixSCAN does; the device appears in the list, its scans appear in the live feed, and after
// Revoke (confirmed) its next request is refused with 401. An API token is made, shown once,
// works, and is revoked. Stopping the server closes the port; the choice of address is remembered.
#include "../services/checkin/DemoData.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/model/CheckinRepository.h"
#include "server/ServerPanel.h"

#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/spinctrl.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

using namespace boxoffice;
using nlohmann::json;

namespace {

using test::clickButton;
using test::settle;
using test::selectRow;
using test::waitUntil;
using test::widget;

// The text of the one QR code in a PNG file, read with zbarimg.
std::string decodeQr(const std::filesystem::path& png) {
    const auto scan = test::run({"/usr/bin/zbarimg", "--quiet", "--raw", png.string()});
    INFO(scan.err);
    REQUIRE(scan.exitCode == 0);
    std::string text = scan.out;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

httplib::Headers deviceAuth(const std::string& token) { return {{"Authorization", "Device " + token}}; }

} // namespace

TEST_CASE("the Server tab serves, pairs a scanner by QR code, shows its scans, and revokes it") {
    test::TempDir dir;
    const auto db = dir / "desk.sqlite";
    model::Store store(db);
    const auto ids = test::createDemoData(store);
    const auto mainList = model::CheckinRepository(store).listInfo(ids.eventId, test::DemoIds::kMainList);
    REQUIRE(mainList);

    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    window.switchToEvent(ids.eventId);
    widget<wxNotebook>(window, "notebook").SetSelection(4);
    settle();
    test::waitForTasks(window);
    auto* panel = dynamic_cast<gui::ServerPanel*>(wxWindow::FindWindowByName("server", &window));
    REQUIRE(panel != nullptr);
    auto& message = widget<wxStaticText>(window, "server.message");
    CHECK(widget<wxStaticText>(window, "server.state").GetLabel() == "Stopped");
    CHECK_FALSE(widget<wxButton>(window, "server.pair").IsEnabled());

    // Start on this computer only, on a free port.
    auto& interfaces = widget<wxChoice>(window, "server.interface");
    REQUIRE(interfaces.GetCount() >= 2);
    interfaces.SetSelection(0);
    CHECK(interfaces.GetStringSelection().Contains("127.0.0.1"));
    widget<wxSpinCtrl>(window, "server.port").SetValue(0);
    clickButton(window, "server.start");
    waitUntil(window, [&] { return panel->serving(); });
    INFO(message.GetLabel().utf8_string());
    REQUIRE(panel->serving());
    const int port = panel->port();
    CHECK(port > 0);
    CHECK(widget<wxStaticText>(window, "server.state").GetLabel() == wxString::Format("Running on port %d", port));
    CHECK(widget<wxStaticText>(window, "server.addresses").GetLabel().Contains(
        wxString::Format("http://127.0.0.1:%d", port)));
    CHECK(window.GetStatusBar()->GetStatusText(3) == wxString::Format("LAN server: 127.0.0.1:%d", port));

    // Pair a scanner for Gate A on the main list: the QR code is on the screen.
    widget<wxTextCtrl>(window, "server.gate").SetValue("Gate A");
    auto& lists = widget<wxCheckListBox>(window, "server.lists");
    REQUIRE(lists.GetCount() >= 1);
    CHECK(lists.GetString(0) == wxString::FromUTF8(mainList->name));
    lists.Check(0);
    clickButton(window, "server.pair");
    auto& payloadText = widget<wxTextCtrl>(window, "server.payload");
    waitUntil(window, [&] { return !payloadText.GetValue().empty(); });
    REQUIRE_FALSE(payloadText.GetValue().empty());
    CHECK(widget<wxStaticText>(window, "server.expires").GetLabel().StartsWith("Scan it with pretixSCAN before"));
    auto& qr = widget<wxStaticBitmap>(window, "server.qr");
    CHECK(qr.GetBitmap().IsOk());
    CHECK(qr.GetBitmap().GetWidth() >= 300);
    CHECK(qr.GetSize().GetWidth() >= 300);

    // The code shown decodes to the payload. (The screen is grabbed once, at the end: under Xvfb a
    // second grab may show the window as it was at the first.)
    const auto qrFile = dir / "qr.png";
    REQUIRE(qr.GetBitmap().ConvertToImage().SaveFile(wxString(qrFile.string()), wxBITMAP_TYPE_PNG));
    const std::string decoded = decodeQr(qrFile);
    CHECK(decoded == payloadText.GetValue().utf8_string());
    const auto payload = json::parse(decoded);
    CHECK(payload["handshake_version"] == 1);
    CHECK(payload["url"] == "http://127.0.0.1:" + std::to_string(port));
    const std::string setupToken = payload["token"];

    // The scanner initializes with the setup token, as pretixSCAN does.
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10, 0);
    const json init = {{"token", setupToken},          {"hardware_brand", "Google"},
                       {"hardware_model", "Pixel 7"},   {"os_name", "Android"},
                       {"os_version", "14"},            {"software_brand", "pretixSCAN Android"},
                       {"software_version", "3.3.4"}};
    auto initialized = client.Post("/api/v1/device/initialize", init.dump(), "application/json");
    REQUIRE(initialized);
    REQUIRE(initialized->status == 200);
    const std::string deviceToken = json::parse(initialized->body).at("api_token");
    CHECK(json::parse(initialized->body)["gate"]["name"] == "Gate A");

    // It appears in the device list.
    auto& devices = widget<wxListCtrl>(window, "server.devices");
    waitUntil(window, [&] { return devices.GetItemCount() == 1 && devices.GetItemText(0, 4) == "active"; });
    REQUIRE(devices.GetItemCount() == 1);
    CHECK(devices.GetItemText(0, 0) == "Gate A scanner");
    CHECK(devices.GetItemText(0, 1) == "pretixSCAN Android 3.3.4");
    CHECK(devices.GetItemText(0, 2) == "Gate A");
    CHECK(devices.GetItemText(0, 4) == "active");

    // A scan through the check-in RPC and the same ticket again through the per-list redeem.
    const json rpc = {{"secret", "paidsecret0001"}, {"lists", {test::DemoIds::kMainList}}};
    auto admitted = client.Post("/api/v1/organizers/demo/checkinrpc/redeem/", deviceAuth(deviceToken), rpc.dump(),
                                "application/json");
    REQUIRE(admitted);
    CHECK(admitted->status == 201);
    auto again = client.Post("/api/v1/organizers/demo/events/fest/checkinlists/1/positions/paidsecret0001/redeem/",
                             deviceAuth(deviceToken), "{}", "application/json");
    REQUIRE(again);
    CHECK(again->status == 400);
    auto& feed = widget<wxListCtrl>(window, "server.feed");
    waitUntil(window, [&] { return feed.GetItemCount() == 2; });
    REQUIRE(feed.GetItemCount() == 2);
    CHECK(feed.GetItemText(1, 1) == "Gate A scanner");
    CHECK(feed.GetItemText(1, 2) == "PAID1-1 Mara Lind");
    CHECK(feed.GetItemText(1, 3) == "Admitted");
    CHECK(feed.GetItemText(1, 4) == wxString::FromUTF8(mainList->name));
    CHECK(feed.GetItemText(0, 3) == "Already checked in");  // newest first
    auto& rate = widget<wxStaticText>(window, "server.rate");
    waitUntil(window, [&] { return rate.GetLabel().Contains("requests per second"); });
    CHECK(rate.GetLabel().Contains("requests per second"));
    // Away from the buttons, so that no tooltip covers the panel in the screenshot.
    wxUIActionSimulator().MouseMove(window.GetScreenRect().GetBottomRight() - wxSize(5, 5));
    settle();
    const auto shot = test::saveScreenshot(window, "server-device-and-feed");
    REQUIRE_FALSE(shot.empty());
    CHECK(decodeQr(shot) == decoded);  // the setup code on the screen, as a scanner's camera reads it

    // Revoke, confirmed: the device's next request is refused.
    wxString asked;
    panel->askConfirm = [&](const wxString& question, const wxString& action) {
        asked = question;
        CHECK(action == "Revoke");
        return true;
    };
    selectRow(devices, 0);
    clickButton(window, "server.revoke");
    waitUntil(window, [&] { return devices.GetItemCount() == 1 && devices.GetItemText(0, 4) == "revoked"; });
    CHECK(asked.Contains("Gate A scanner"));
    CHECK(devices.GetItemText(0, 4) == "revoked");
    auto refused = client.Get("/api/v1/device/info", deviceAuth(deviceToken));
    REQUIRE(refused);
    CHECK(refused->status == 401);
    CHECK(json::parse(refused->body)["detail"] == "Device access has been revoked.");

    // An API token for another program: shown once, may do what was ticked (scanning, unless more
    // is), revoked.
    CHECK(widget<wxCheckBox>(window, "server.tokenMay.can_checkin_orders").GetValue());
    CHECK_FALSE(widget<wxCheckBox>(window, "server.tokenMay.can_view_orders").GetValue());
    widget<wxTextCtrl>(window, "server.tokenName").SetValue("Ticket shop");
    clickButton(window, "server.createToken");
    auto& secret = widget<wxTextCtrl>(window, "server.tokenSecret");
    auto& tokens = widget<wxListCtrl>(window, "server.tokens");
    waitUntil(window, [&] { return !secret.GetValue().empty() && tokens.GetItemCount() == 1; });
    REQUIRE(tokens.GetItemCount() == 1);
    CHECK(tokens.GetItemText(0, 0) == "Ticket shop");
    CHECK(tokens.GetItemText(0, 1) == "demo/fest");
    CHECK(tokens.GetItemText(0, 2) == "scan tickets");
    const std::string tokenSecret = secret.GetValue().utf8_string();
    const httplib::Headers tokenAuth = {{"Authorization", "Token " + tokenSecret}};
    auto listed = client.Get("/api/v1/organizers/demo/events/fest/checkinlists/", tokenAuth);
    REQUIRE(listed);
    CHECK(listed->status == 200);
    auto orders = client.Get("/api/v1/organizers/demo/events/fest/orders/", tokenAuth);
    REQUIRE(orders);
    CHECK(orders->status == 403);
    selectRow(tokens, 0);
    clickButton(window, "server.revokeToken");
    waitUntil(window, [&] { return tokens.GetItemCount() == 1 && tokens.GetItemText(0, 5) == "revoked"; });
    CHECK(tokens.GetItemText(0, 5) == "revoked");
    CHECK(secret.GetValue().empty());
    auto gone = client.Get("/api/v1/organizers/demo/events/fest/checkinlists/", tokenAuth);
    REQUIRE(gone);
    CHECK(gone->status == 401);

    // Stop: the port closes; the choice is remembered.
    clickButton(window, "server.stop");
    waitUntil(window, [&] { return !panel->serving() && widget<wxButton>(window, "server.start").IsEnabled(); });
    CHECK_FALSE(panel->serving());
    CHECK(widget<wxStaticText>(window, "server.state").GetLabel() == "Stopped");
    CHECK(window.GetStatusBar()->GetStatusText(3) == "LAN server: off");
    httplib::Client after("127.0.0.1", port);
    after.set_connection_timeout(2, 0);
    CHECK_FALSE(after.Get("/api/v1/version"));
    CHECK(desk::preference(store, "server.host") == "127.0.0.1");
    CHECK(desk::preference(store, "server.port") == "0");
}

TEST_CASE("closing the window stops a running server") {
    test::TempDir dir;
    const auto db = dir / "desk.sqlite";
    {
        model::Store store(db);
        test::createDemoData(store);
    }
    int port = 0;
    {
        test::FrameUnderTest frame(db);
        auto& window = frame.frame();
        widget<wxNotebook>(window, "notebook").SetSelection(4);
        settle();
        auto* panel = dynamic_cast<gui::ServerPanel*>(wxWindow::FindWindowByName("server", &window));
        REQUIRE(panel != nullptr);
        widget<wxChoice>(window, "server.interface").SetSelection(0);
        widget<wxSpinCtrl>(window, "server.port").SetValue(0);
        clickButton(window, "server.start");
        waitUntil(window, [&] { return panel->serving(); });
        REQUIRE(panel->serving());
        port = panel->port();
        httplib::Client client("127.0.0.1", port);
        auto version = client.Get("/api/v1/version");
        REQUIRE(version);
    }
    httplib::Client after("127.0.0.1", port);
    after.set_connection_timeout(2, 0);
    CHECK_FALSE(after.Get("/api/v1/version"));
}
