// The Sync tab on a real store in this process on the Xvfb display, against the project's own
// server as the remote pretix behind the sync tests' fault proxy: connect (find the organizer and
// event, test the connection), the first sync opens the event; the link drops while a ticket is
// admitted here and at the remote; after the link is back the double entry is in the inbox, is
// marked reviewed with a note, and exported as CSV. A check-in the server refuses is a conflict,
// retried into the queue and then dismissed.
#include "../services/sync/SyncFixture.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/sync/Inbox.h"
#include "boxoffice/sync/Remotes.h"
#include "sync/SyncPanel.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

using namespace boxoffice;

namespace {

using test::clickButton;
using test::clickWindow;
using test::settle;
using test::selectRow;
using test::waitUntil;
using test::widget;

wxString tabText(gui::MainFrame& frame) {
    auto& notebook = widget<wxNotebook>(frame, "notebook");
    return notebook.GetPageText(5);
}

} // namespace

TEST_CASE("the Sync tab connects, syncs, and shows a ticket admitted twice while offline until it is reviewed") {
    test::SyncFixture f;
    test::TempDir vaultDir;
    test::FrameUnderTest frame(f.dir / "local.sqlite");
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    widget<wxNotebook>(window, "notebook").SetSelection(5);
    settle();
    auto* panel = dynamic_cast<gui::SyncPanel*>(wxWindow::FindWindowByName("sync", &window));
    REQUIRE(panel != nullptr);
    panel->vault.directory = vaultDir.path();
    panel->vault.useSecretService = false;
    auto& message = widget<wxStaticText>(window, "sync.message");
    auto& state = widget<wxStaticText>(window, "sync.state");
    CHECK(state.GetLabel().StartsWith("Not connected"));

    // The server and token; the organizer and event come from the server.
    auto& url = widget<wxTextCtrl>(window, "sync.url");
    clickWindow(url);
    url.SetValue(f.proxy->url());
    widget<wxTextCtrl>(window, "sync.token").SetValue(f.token);
    clickButton(window, "sync.find");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("Found"); });
    INFO(message.GetLabel().utf8_string());
    CHECK(widget<wxChoice>(window, "sync.organizer").GetStringSelection().Contains("demo"));
    CHECK(widget<wxChoice>(window, "sync.event").GetStringSelection().Contains("fest"));
    clickButton(window, "sync.test");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("The connection works"); });
    wxString works = message.GetLabel();
    works.Replace("\n", " ");  // wrapped to the column
    CHECK(works == "The connection works: the token may sync this event.");

    // Connect: the token is kept, the first sync brings the event and the frame opens it.
    clickButton(window, "sync.connect");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("Synced:"); });
    INFO(message.GetLabel().utf8_string());
    REQUIRE(message.GetLabel().StartsWith("Synced:"));
    waitUntil(window, [&] { return window.currentEvent() == f.localEventId(); });
    REQUIRE(window.currentEvent() == f.localEventId());
    waitUntil(window, [&] { return state.GetLabel().StartsWith("Online"); });
    CHECK(state.GetLabel().StartsWith("Online - last synced "));
    CHECK_FALSE(std::filesystem::is_empty(vaultDir.path()));  // the token is kept there

    // Connected, the token field is empty: the kept token serves a test without typing it again.
    CHECK(widget<wxTextCtrl>(window, "sync.token").GetValue().empty());
    REQUIRE(widget<wxButton>(window, "sync.test").IsEnabled());
    clickButton(window, "sync.test");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("The connection works"); });
    CHECK(message.GetLabel().StartsWith("The connection works"));

    // The link drops; the same ticket is admitted at the remote's gate and at this desk.
    f.proxy->setDown(true);
    test::SyncFixture::admit(f.source, f.ids.eventId, "paidsecret0001", "gate-remote",
                             model::now() - std::chrono::minutes(10));
    test::SyncFixture::admit(f.local, f.localEventId(), "paidsecret0001", "desk", model::now() - std::chrono::minutes(5));
    clickButton(window, "sync.now");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("The sync failed"); });
    CHECK(message.GetLabel().StartsWith("The sync failed"));
    waitUntil(window, [&] { return state.GetLabel().StartsWith("Offline"); });
    CHECK(state.GetLabel().StartsWith("Offline"));
    auto& queue = widget<wxListCtrl>(window, "sync.queue");
    waitUntil(window, [&] { return queue.GetItemCount() == 1; });
    REQUIRE(queue.GetItemCount() == 1);
    CHECK(queue.GetItemText(0, 0) == "PAID1-1 Mara Lind");

    // The link is back: the upload finds the remote's admission, the double entry is in the inbox.
    f.proxy->setDown(false);
    clickButton(window, "sync.now");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("Synced:"); });
    auto& doubles = widget<wxListCtrl>(window, "sync.doubleEntries");
    waitUntil(window, [&] { return doubles.GetItemCount() == 1; });
    REQUIRE(doubles.GetItemCount() == 1);
    CHECK(doubles.GetItemText(0, 0) == "PAID1-1 Mara Lind");
    CHECK(doubles.GetItemText(0, 1).Contains("desk"));
    CHECK(doubles.GetItemText(0, 2).Contains(", "));  // the remote's time and device
    CHECK(doubles.GetItemText(0, 4) == "no");
    CHECK(tabText(window) == "Sync (1)");
    CHECK(queue.GetItemCount() == 0);
    CHECK_FALSE(test::saveScreenshot(window, "sync-double-entry").empty());

    // Reviewed with a note: the count in the tab's title goes.
    panel->askNote = [](const wxString& current) -> std::optional<wxString> {
        CHECK(current.empty());
        return wxString("Checked the ID: a friend used the ticket first.");
    };
    selectRow(doubles, 0);
    clickButton(window, "sync.review");
    waitUntil(window, [&] { return doubles.GetItemCount() == 1 && doubles.GetItemText(0, 4) == "yes"; });
    INFO("after review: " << message.GetLabel().utf8_string());
    CHECK(doubles.GetItemText(0, 4) == "yes");
    CHECK(doubles.GetItemText(0, 5) == "Checked the ID: a friend used the ticket first.");
    CHECK(tabText(window) == "Sync");

    // Exported as CSV: a header and the one row.
    const auto csv = vaultDir / "double.csv";
    panel->askExportPath = [&](const wxString&) { return wxString(csv.string()); };
    clickButton(window, "sync.export");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("Saved"); });
    const std::string text = test::readFile(csv);
    CHECK(text.find("PAID1") != std::string::npos);
    CHECK(text.find("Checked the ID") != std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);
}

TEST_CASE("a check-in the server refuses is a conflict in the Sync tab: retried into the queue, then dismissed") {
    test::SyncFixture f;
    test::TempDir vaultDir;
    sync::TokenVaultOptions vault;
    vault.directory = vaultDir.path();
    vault.useSecretService = false;
    {
        // Connected and pulled before the window opens, with the token kept where the tab looks.
        sync::RemoteSettings settings;
        settings.url = f.proxy->url();
        settings.organizer = "demo";
        settings.event = "fest";
        settings.token = f.token;
        settings.vault = vault;
        REQUIRE(sync::connectRemote(f.local, settings));
        REQUIRE(f.engine()->pull().ok());
    }
    // A ticket only this box office knows, admitted at the desk: the server refuses its upload.
    model::Order o;
    o.eventId = f.localEventId();
    o.code = "LOCAL1";
    o.status = model::OrderStatus::Paid;
    o.datetime = model::now();
    model::OrderPosition p;
    p.itemId = test::DemoIds::kDayTicket;
    p.secret = "onlyheresecret01";
    p.attendeeName = "Ada Here";
    o.positions.push_back(p);
    {
        model::Store::Transaction tx(f.local);
        model::OrderRepository(f.local).upsert(o);
        tx.commit();
    }
    const model::Id checkinId = test::SyncFixture::admit(f.local, f.localEventId(), "onlyheresecret01", "desk");

    test::FrameUnderTest frame(f.dir / "local.sqlite");
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    REQUIRE(window.currentEvent() == f.localEventId());
    widget<wxNotebook>(window, "notebook").SetSelection(5);
    settle();
    auto* panel = dynamic_cast<gui::SyncPanel*>(wxWindow::FindWindowByName("sync", &window));
    REQUIRE(panel != nullptr);
    panel->vault = vault;
    auto& message = widget<wxStaticText>(window, "sync.message");
    auto& queue = widget<wxListCtrl>(window, "sync.queue");
    auto& conflicts = widget<wxListCtrl>(window, "sync.conflicts");
    waitUntil(window, [&] { return queue.GetItemCount() == 1; });
    REQUIRE(queue.GetItemCount() == 1);
    CHECK(queue.GetItemText(0, 0) == "LOCAL1-1 Ada Here");

    clickButton(window, "sync.now");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("Synced:") && conflicts.GetItemCount() == 1; });
    INFO(message.GetLabel().utf8_string());
    REQUIRE(conflicts.GetItemCount() == 1);
    CHECK(conflicts.GetItemText(0, 0) == "LOCAL1-1 Ada Here");
    CHECK_FALSE(conflicts.GetItemText(0, 3).empty());  // the server's reason
    CHECK(queue.GetItemCount() == 0);
    CHECK(tabText(window) == "Sync (1)");

    // Retry: back in the queue, due now.
    selectRow(conflicts, 0);
    clickButton(window, "sync.retry");
    waitUntil(window, [&] { return conflicts.GetItemCount() == 0 && queue.GetItemCount() == 1; });
    CHECK(conflicts.GetItemCount() == 0);
    CHECK(queue.GetItemCount() == 1);
    CHECK(message.GetLabel() == "The check-in is back in the upload queue.");

    // Refused again; dismissed: neither a conflict nor queued, and the check-in stays.
    clickButton(window, "sync.now");
    waitUntil(window, [&] { return message.GetLabel().StartsWith("Synced:") && conflicts.GetItemCount() == 1; });
    REQUIRE(conflicts.GetItemCount() == 1);
    selectRow(conflicts, 0);
    clickButton(window, "sync.dismiss");
    waitUntil(window, [&] { return conflicts.GetItemCount() == 0; });
    CHECK(conflicts.GetItemCount() == 0);
    CHECK(queue.GetItemCount() == 0);
    CHECK(tabText(window) == "Sync");
    CHECK_FALSE(test::saveScreenshot(window, "sync-conflict-dismissed").empty());
    model::Store store(f.dir / "local.sqlite");
    CHECK(sync::conflicts(store, f.localEventId()).empty());
    CHECK(model::SyncRepository(store).queueLength(f.localEventId()) == 0);
    bool kept = false;
    for (const auto& c : model::CheckinRepository(store).byState(model::SyncState::Conflict)) {
        kept = kept || c.device == "desk";
    }
    CHECK(kept);
    (void)checkinId;
}
