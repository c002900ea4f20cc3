// The main frame on a real store, in this process, on the Xvfb display: what it shows, the event
// switcher, the Orders panel's filters and selection, and how changes reach the panels.
#include "boxoffice/gui/MainFrame.h"

#include "Browser.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/TokenRepository.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <thread>
#include <string>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/textctrl.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>

using namespace boxoffice;

namespace {

using test::widget;

// Presses a button as a click would: its command event, handled by the window.
void click(wxWindow& frame, const char* name) {
    auto& button = widget<wxButton>(frame, name);
    REQUIRE(button.IsEnabled());
    wxCommandEvent event(wxEVT_BUTTON, button.GetId());
    event.SetEventObject(&button);
    button.ProcessWindowEvent(event);
}

// A paid order of the event; the first check-in list (all products) admits its tickets.
model::Order firstPaidOrder(model::Store& store, model::Id eventId) {
    model::OrderQuery paid;
    paid.status = model::OrderStatus::Paid;
    paid.limit = 1;
    auto orders = model::OrderRepository(store).list(eventId, paid);
    REQUIRE_FALSE(orders.empty());
    return std::move(orders.front());
}

bool shown(wxWindow& frame, const char* name) {
    return widget<wxWindow>(frame, name).IsShown();
}

model::Id addEmptyEvent(const std::filesystem::path& db, const std::string& slug, const std::string& name) {
    model::Store store(db);
    model::EventRepository events(store);
    model::Event event;
    event.organizerId = events.upsertOrganizer("localclub", "Local club");
    event.slug = slug;
    event.name = model::I18nString::plain(name);
    events.upsertEvent(event);
    return event.id;
}

wxString expectedTitle(const std::filesystem::path& db, model::Id eventId) {
    model::Store store(db);
    const auto event = model::EventRepository(store).eventById(eventId);
    REQUIRE(event);
    return wxString::FromUTF8("Box Office \u2014 ") + gui::localized(event->name);
}

void select(wxChoice& choice, int index) {
    choice.SetSelection(index);
    wxCommandEvent event(wxEVT_CHOICE, choice.GetId());
    event.SetEventObject(&choice);
    event.SetInt(index);
    choice.ProcessWindowEvent(event);
}

int indexOf(gui::MainFrame& frame, model::Id eventId) {
    const auto& events = frame.events();
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].id == eventId) {
            return static_cast<int>(i);
        }
    }
    FAIL("event not in the switcher");
    return -1;
}

} // namespace

TEST_CASE("first start creates the demo event and shows it in every part of the window") {
    test::TempDir tmp;
    const auto db = tmp / "first.sqlite";
    test::FrameUnderTest frame(db);

    const model::Id demo = frame->currentEvent();
    REQUIRE(demo != 0);
    CHECK(frame->IsShown());
    CHECK(frame->GetTitle() == expectedTitle(db, demo));

    auto& notebook = widget<wxNotebook>(frame.frame(), "notebook");
    REQUIRE(notebook.GetPageCount() == 8);
    CHECK(notebook.GetPageText(0) == "Orders");
    CHECK(notebook.GetPageText(1) == "Check-in lists");
    CHECK(notebook.GetPageText(2) == "Designer");
    CHECK(notebook.GetPageText(3) == "Print");
    CHECK(notebook.GetPageText(4) == "Server");
    CHECK(notebook.GetPageText(5) == "Sync");
    CHECK(notebook.GetPageText(6) == "Sales");
    CHECK(notebook.GetPageText(7) == "Event");

    auto& choice = widget<wxChoice>(frame.frame(), "eventChoice");
    CHECK(choice.GetCount() == 1);
    CHECK(choice.GetSelection() == 0);

    model::Store store(db);
    const auto orderCount = model::OrderRepository(store).count(demo, {});
    CHECK(orderCount >= 250);
    CHECK(static_cast<int>(test::browserRows(frame.frame())) == orderCount);
    CHECK_FALSE(shown(frame.frame(), "orders.empty"));
    const auto lists = model::CheckinRepository(store).lists(demo);
    CHECK_FALSE(lists.empty());
    CHECK(widget<wxListCtrl>(frame.frame(), "checkinLists.list").GetItemCount() ==
          static_cast<int>(lists.size()));
    CHECK(frame->GetStatusBar()->GetStatusText(0).Contains("first.sqlite"));
    CHECK(frame->GetStatusBar()->GetStatusText(1) ==
          wxString::Format("%lld orders", static_cast<long long>(orderCount)));
    const auto admission = model::CheckinRepository(store).admission(demo);
    CHECK(admission.expected > 0);
    CHECK(frame->GetStatusBar()->GetStatusText(2) ==
          wxString::Format("%lld of %lld checked in", static_cast<long long>(admission.checkedIn),
                           static_cast<long long>(admission.expected)));
    CHECK(frame->GetStatusBar()->GetStatusText(3) == "LAN server: off");
    CHECK(frame->GetStatusBar()->GetStatusText(4) == "Not synced");
    CHECK(model::SettingsRepository(store).get(gui::MainFrame::kLastEventKey) == std::to_string(demo));
    CHECK_FALSE(test::saveScreenshot(frame.frame(), "first-start-orders").empty());
    auto& tabs = widget<wxNotebook>(frame.frame(), "notebook");
    tabs.SetSelection(1);
    CHECK(tabs.GetSelection() == 1);
    CHECK(shown(frame.frame(), "checkinLists.list"));
}

TEST_CASE("the event switcher lists every event and switching reopens the panels on it") {
    test::TempDir tmp;
    const auto db = tmp / "two.sqlite";
    model::Id demo = 0;
    {
        model::Store store(db);
        auto created = importer::ensureDemoEvent(store);
        REQUIRE(created);
        demo = created->eventId;
    }
    const model::Id spring = addEmptyEvent(db, "spring", "Spring Fair");
    test::FrameUnderTest frame(db);

    auto& choice = widget<wxChoice>(frame.frame(), "eventChoice");
    REQUIRE(choice.GetCount() == 2);
    CHECK(choice.GetString(static_cast<unsigned>(indexOf(frame.frame(), spring))) == "Spring Fair");

    select(choice, indexOf(frame.frame(), spring));
    test::waitForTasks(frame.frame());
    CHECK(frame->currentEvent() == spring);
    CHECK(frame->GetTitle() == wxString::FromUTF8("Box Office \u2014 Spring Fair"));
    CHECK(static_cast<int>(test::browserRows(frame.frame())) == 0);
    CHECK(shown(frame.frame(), "orders.empty"));
    CHECK(shown(frame.frame(), "checkinLists.empty"));
    CHECK(frame->GetStatusBar()->GetStatusText(1) == "0 orders");
    {
        model::Store store(db);
        CHECK(model::SettingsRepository(store).get(gui::MainFrame::kLastEventKey) == std::to_string(spring));
    }

    select(choice, indexOf(frame.frame(), demo));
    test::waitForTasks(frame.frame());
    CHECK(frame->currentEvent() == demo);
    CHECK(frame->GetTitle() == expectedTitle(db, demo));
    CHECK(static_cast<int>(test::browserRows(frame.frame())) >= 250);
    CHECK_FALSE(shown(frame.frame(), "orders.empty"));
}

TEST_CASE("the window opens the event that was shown last") {
    test::TempDir tmp;
    const auto db = tmp / "last.sqlite";
    {
        model::Store store(db);
        REQUIRE(importer::ensureDemoEvent(store));
    }
    const model::Id spring = addEmptyEvent(db, "spring", "Spring Fair");
    {
        model::Store store(db);
        model::SettingsRepository(store).set(gui::MainFrame::kLastEventKey, std::to_string(spring));
    }
    test::FrameUnderTest frame(db);
    CHECK(frame->currentEvent() == spring);
    CHECK(frame->GetTitle() == wxString::FromUTF8("Box Office \u2014 Spring Fair"));
}

TEST_CASE("the orders panel filters by search text and status and lists the selected order's positions") {
    test::TempDir tmp;
    const auto db = tmp / "filter.sqlite";
    test::FrameUnderTest frame(db);
    const model::Id demo = frame->currentEvent();
    model::Store store(db);
    model::OrderRepository orders(store);

    const auto all = orders.list(demo, {});
    REQUIRE(all.size() > 10);
    const std::string code = all[all.size() / 2].code;

    widget<wxSearchCtrl>(frame.frame(), "orders.search").SetValue(wxString::FromUTF8(code));
    test::waitForTasks(frame.frame());
    model::OrderQuery byCode;
    byCode.search = code;
    byCode.ordering = "-datetime";
    const auto found = orders.list(demo, byCode);
    REQUIRE_FALSE(found.empty());
    REQUIRE(test::browserRows(frame.frame()) >= 1);
    CHECK(test::browserCell(frame.frame(), 0, 0) == wxString::FromUTF8(found.front().code));

    test::selectBrowserRow(frame.frame(), 0);
    test::waitForTasks(frame.frame());
    auto& positions = test::positionsList(frame.frame());
    CHECK(positions.GetItemCount() == static_cast<int>(found.front().positions.size()));
    CHECK(positions.GetTextValue(0, 2) == wxString::FromUTF8(found.front().positions.front().secret));
    CHECK(widget<wxTextCtrl>(frame.frame(), "orders.details").GetValue().Contains(wxString::FromUTF8(code)));
    CHECK_FALSE(test::saveScreenshot(frame.frame(), "orders-search-by-code").empty());

    widget<wxSearchCtrl>(frame.frame(), "orders.search").SetValue(wxString());
    test::waitForTasks(frame.frame());
    CHECK(test::browserRows(frame.frame()) == all.size());
    select(widget<wxChoice>(frame.frame(), "orders.status"), 2); // "Paid"
    test::waitForTasks(frame.frame());
    model::OrderQuery paid;
    paid.status = model::OrderStatus::Paid;
    const auto paidCount = orders.count(demo, paid);
    CHECK(paidCount > 0);
    CHECK(paidCount < static_cast<std::int64_t>(all.size()));
    CHECK(test::browserRows(frame.frame()) == paidCount);
    CHECK(test::browserCell(frame.frame(), 0, 1) == "Paid");
}

TEST_CASE("changes reach the window: from this process through the change feed, from others by polling") {
    test::TempDir tmp;
    const auto db = tmp / "changes.sqlite";
    test::FrameUnderTest frame(db);
    const model::Id demo = frame->currentEvent();
    auto& lists = widget<wxListCtrl>(frame.frame(), "checkinLists.list");
    const int before = lists.GetItemCount();

    SECTION("a change published on the feed refreshes the panel") {
        model::Store& store = frame->store();
        model::CheckinList list;
        list.eventId = demo;
        list.name = "Side entrance";
        model::CheckinRepository(store).upsertList(list);
        CHECK(lists.GetItemCount() == before);
        model::ChangeFeed::instance().publish({model::Change::Kind::CheckinLists, demo});
        test::waitForTasks(frame.frame());
        CHECK(lists.GetItemCount() == before + 1);
    }
    SECTION("a change made by another connection shows up at the next poll") {
        CHECK_FALSE(frame->checkForOutsideChanges());
        addEmptyEvent(db, "spring", "Spring Fair");
        CHECK(frame->checkForOutsideChanges());
        CHECK(widget<wxChoice>(frame.frame(), "eventChoice").GetCount() == 2);
        CHECK(frame->currentEvent() == demo);
    }
}

TEST_CASE("a change published after the window is gone reaches no window") {
    test::ensureWx();
    int delivered = 0;
    auto subscription = std::make_unique<gui::ChangeSubscription>([&](const model::Change&) { ++delivered; });
    model::ChangeFeed::instance().publish({model::Change::Kind::Orders, 1}); // queued, not yet run
    subscription.reset();                                                      // its window is gone
    model::ChangeFeed::instance().publish({model::Change::Kind::Orders, 1});
    test::runPendingUiWork();
    CHECK(delivered == 0);

    // The same hop to a subscription that still exists does arrive.
    gui::ChangeSubscription live([&](const model::Change&) { ++delivered; });
    model::ChangeFeed::instance().publish({model::Change::Kind::Orders, 1});
    CHECK(delivered == 0); // not on the publishing call, on the UI thread's next turn
    test::runPendingUiWork();
    CHECK(delivered == 1);
}

TEST_CASE("a task's result reaches its window on the UI thread only while the window exists") {
    test::TempDir tmp;
    test::FrameUnderTest frame(tmp / "tasks.sqlite");
    auto& session = frame->session();
    const auto uiThread = std::this_thread::get_id();
    std::atomic<bool> release{false};
    std::thread::id workedOn;
    auto* gone = new wxPanel(&frame.frame());
    int goneDelivered = 0;
    session.run<int>(
        gone,
        [&](desk::TaskContext&) {
            workedOn = std::this_thread::get_id();
            while (!release) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return 1;
        },
        [&](int&&) { ++goneDelivered; });
    gone->Destroy(); // while its task still runs
    release = true;
    test::waitForTasks(frame.frame());
    CHECK(goneDelivered == 0);
    CHECK(workedOn != uiThread);

    std::optional<std::thread::id> deliveredOn;
    std::int64_t orders = -1;
    const model::Id event = frame->currentEvent();
    session.run<std::int64_t>(
        &frame.frame(),
        [event](desk::TaskContext& context) { return model::OrderRepository(context.store).count(event, {}); },
        [&](std::int64_t&& count) {
            orders = count;
            deliveredOn = std::this_thread::get_id();
        });
    test::waitForTasks(frame.frame());
    CHECK(orders == model::OrderRepository(frame->store()).count(event, {}));
    CHECK(deliveredOn == uiThread);

    // A cancelled task delivers nothing, and its running SQL is interrupted.
    bool cancelledDelivered = false;
    std::atomic<bool> started{false};
    auto handle = session.run<int>(
        &frame.frame(),
        [&](desk::TaskContext& context) {
            started = true;
            // A query that runs until it is interrupted.
            context.store.db().exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                    "SELECT count(*) FROM n");
            return 1;
        },
        [&](int&&) { cancelledDelivered = true; });
    while (!started) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    handle.cancel();
    test::waitForTasks(frame.frame());
    CHECK_FALSE(cancelledDelivered);
}

TEST_CASE("the check-in list editor creates, refuses, saves and deletes lists through the list service") {
    test::TempDir tmp;
    const auto db = tmp / "editor.sqlite";
    test::FrameUnderTest frame(db);
    const model::Id demo = frame->currentEvent();
    auto& window = frame.frame();
    widget<wxNotebook>(window, "notebook").SetSelection(1);
    auto& lists = widget<wxListCtrl>(window, "checkinLists.list");
    const int before = lists.GetItemCount();
    REQUIRE(before > 0);
    auto countLists = [&] { return model::CheckinRepository(frame->store()).lists(demo).size(); };
    const auto storedBefore = countLists();

    // A new list without a name is refused, in the service's words, beside the field.
    click(window, "checkinLists.new");
    CHECK(shown(window, "checkinLists.editor"));
    click(window, "checkinLists.save");
    test::waitForTasks(window);
    CHECK(widget<wxStaticText>(window, "checkinLists.error.name").GetLabel() == "This field may not be blank.");
    CHECK(countLists() == storedBefore);

    // Named, for the first product only: saved, listed and selected, with its counts.
    widget<wxTextCtrl>(window, "checkinLists.name").SetValue("Side door");
    auto& all = widget<wxCheckBox>(window, "checkinLists.allProducts");
    all.SetValue(false);
    wxCommandEvent toggled(wxEVT_CHECKBOX, all.GetId());
    toggled.SetEventObject(&all);
    all.ProcessWindowEvent(toggled);
    auto& products = widget<wxCheckListBox>(window, "checkinLists.products");
    REQUIRE(products.IsEnabled());
    REQUIRE(products.GetCount() > 1);
    products.Check(0);
    click(window, "checkinLists.save");
    test::waitForTasks(window);
    CHECK(widget<wxStaticText>(window, "checkinLists.error.name").GetLabel().empty());
    REQUIRE(countLists() == storedBefore + 1);
    const auto stored = model::CheckinRepository(frame->store()).lists(demo);
    const auto side = std::find_if(stored.begin(), stored.end(), [](const auto& l) { return l.name == "Side door"; });
    REQUIRE(side != stored.end());
    CHECK_FALSE(side->allProducts);
    CHECK(side->limitProducts.size() == 1);
    CHECK(lists.GetItemCount() == before + 1);
    const long selected = lists.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    REQUIRE(selected >= 0);
    CHECK(lists.GetItemText(selected, 0) == "Side door");
    test::waitForTasks(window);
    INFO(widget<wxStaticText>(window, "checkinLists.summary").GetLabel().utf8_string());
    CHECK(widget<wxStaticText>(window, "checkinLists.summary").GetLabel().StartsWith("Checked in 0 of "));
    CHECK(widget<wxListCtrl>(window, "checkinLists.counts").GetItemCount() >= 1);
    CHECK_FALSE(test::saveScreenshot(window, "checkin-list-editor").empty());

    // Deleted after the confirmation (which a self-test answers on stderr).
    click(window, "checkinLists.delete");
    test::waitForTasks(window);
    CHECK(countLists() == storedBefore);
    CHECK(lists.GetItemCount() == before);
}

TEST_CASE("door mode admits a ticket once, through the redeem service, and says why it refuses one") {
    test::TempDir tmp;
    const auto db = tmp / "door.sqlite";
    test::FrameUnderTest frame(db);
    const model::Id demo = frame->currentEvent();
    auto& window = frame.frame();

    const auto order = firstPaidOrder(frame->store(), demo);
    const auto& position = order.positions.front();

    frame->setDoorMode(true);
    test::waitForTasks(window);
    CHECK(frame->doorMode());
    CHECK(shown(window, "door.code"));
    CHECK_FALSE(shown(window, "notebook"));
    auto& code = widget<wxTextCtrl>(window, "door.code");
    auto& headline = widget<wxStaticText>(window, "door.headline");
    auto& details = widget<wxStaticText>(window, "door.details");
    // What a keyboard-wedge scanner does: types the secret, then Enter.
    auto scan = [&](const std::string& secret) {
        code.SetValue(wxString::FromUTF8(secret));
        wxCommandEvent enter(wxEVT_TEXT_ENTER, code.GetId());
        enter.SetEventObject(&code);
        enter.SetString(code.GetValue());
        code.ProcessWindowEvent(enter);
        test::waitForTasks(window);
    };

    scan(position.secret);
    CHECK((headline.GetLabel() == "Welcome" || headline.GetLabel() == "Attention"));
    const auto checkins = model::CheckinRepository(frame->store()).forPosition(position.id);
    REQUIRE(checkins.size() == 1);
    CHECK(checkins.front().device == "desk");
    CHECK(code.GetValue().empty()); // ready for the next ticket
    CHECK_FALSE(test::saveScreenshot(window, "door-admitted").empty());

    scan(position.secret);
    CHECK(headline.GetLabel() == "Already checked in");
    CHECK(details.GetLabel().Contains("desk"));
    CHECK(model::CheckinRepository(frame->store()).forPosition(position.id).size() == 1);

    scan("no-such-ticket-secret");
    CHECK(headline.GetLabel() == "Unknown ticket");
    // The strip keeps the last scans, newest first.
    auto& recent = widget<wxListBox>(window, "door.recent");
    REQUIRE(recent.GetCount() == 3);
    CHECK(recent.GetString(0).Contains("Unknown ticket"));
    CHECK(recent.GetString(1).Contains("Already checked in"));
    CHECK(recent.GetString(2).Contains("Welcome"));

    frame->setDoorMode(false);
    CHECK(shown(window, "notebook"));
    CHECK_FALSE(frame->doorMode());
}

TEST_CASE("a position is checked in, refused a second time and taken back from the orders tab") {
    test::TempDir tmp;
    const auto db = tmp / "actions.sqlite";
    test::FrameUnderTest frame(db);
    const model::Id demo = frame->currentEvent();
    auto& window = frame.frame();
    const auto order = firstPaidOrder(frame->store(), demo);
    const auto& position = order.positions.front();

    widget<wxSearchCtrl>(window, "orders.search").SetValue(wxString::FromUTF8(order.code));
    test::waitForTasks(window);
    REQUIRE(test::browserRows(window) == 1);
    test::selectBrowserRow(window, 0);
    test::waitForTasks(window);
    auto& positions = test::positionsList(window);
    REQUIRE(positions.GetItemCount() >= 1);
    test::selectPosition(window, 0);
    test::waitForTasks(window);
    auto& result = widget<wxStaticText>(window, "orders.actionResult");

    click(window, "orders.checkIn");
    test::waitForTasks(window);
    CHECK(result.GetLabel() == "Checked in.");
    const auto checkins = model::CheckinRepository(frame->store()).forPosition(position.id);
    REQUIRE(checkins.size() == 1);
    CHECK(checkins.front().device == "desk");
    // The reload that the check-in caused keeps the position selected and shows its state.
    CHECK(positions.GetSelectedRow() == 0);
    CHECK(positions.GetTextValue(0, 3).StartsWith("Checked in"));
    CHECK_FALSE(test::saveScreenshot(window, "orders-position-checked-in").empty());

    click(window, "orders.checkIn");
    test::waitForTasks(window);
    CHECK(result.GetLabel() == "Refused: Already checked in.");
    CHECK(model::CheckinRepository(frame->store()).forPosition(position.id).size() == 1);

    click(window, "orders.annul");
    test::waitForTasks(window);
    CHECK(result.GetLabel() == "Check-in taken back.");
    CHECK(model::CheckinRepository(frame->store()).forPosition(position.id).empty());
    CHECK(positions.GetTextValue(0, 3) == "Not checked in");

    // The same action from the Ticket menu (Ctrl+Return), as the keyboard reaches it.
    auto* bar = frame->GetMenuBar();
    const int checkInItem = bar->FindMenuItem("Ticket", "Check in");
    REQUIRE(checkInItem == gui::MainFrame::kFirstTicketActionId);
    CHECK(bar->FindItem(checkInItem)->GetItemLabel().Contains("Ctrl+Return"));
    wxCommandEvent menu(wxEVT_MENU, checkInItem);
    frame->ProcessWindowEvent(menu);
    test::waitForTasks(window);
    CHECK(result.GetLabel() == "Checked in.");
    CHECK(model::CheckinRepository(frame->store()).forPosition(position.id).size() == 1);
}

TEST_CASE("the window remembers its size and the tab shown, and View lists the tabs with their keys") {
    test::TempDir tmp;
    const auto db = tmp / "layout.sqlite";
    const auto settle = [](test::FrameUnderTest& frame, int milliseconds) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds);
        while (std::chrono::steady_clock::now() < until) {
            wxYield();
            test::runPendingUiWork();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        test::waitForTasks(frame.frame());
    };
    {
        test::FrameUnderTest frame(db);
        frame->SetSize(wxSize(900, 650));
        // View > Check-in lists (Ctrl+2), as the menu sends it.
        const int item = frame->GetMenuBar()->FindMenuItem("View", "Check-in lists");
        REQUIRE(item == gui::MainFrame::kFirstTabId + 1);
        CHECK(frame->GetMenuBar()->FindItem(item)->GetItemLabel().Contains("Ctrl+2"));
        wxCommandEvent menu(wxEVT_MENU, item);
        frame->ProcessWindowEvent(menu);
        CHECK(widget<wxNotebook>(frame.frame(), "notebook").GetSelection() == 1);
        settle(frame, 1500);  // remembered a second after the last change
    }
    {
        model::Store store(db);
        const auto window = model::SettingsRepository(store).get("gui.window");
        REQUIRE(window);
        CHECK(window->find(",900,650,0") != std::string::npos);
        CHECK(model::SettingsRepository(store).get("gui.tab") == "1");
    }
    test::FrameUnderTest again(db);
    CHECK(again->GetSize() == wxSize(900, 650));
    CHECK(widget<wxNotebook>(again.frame(), "notebook").GetSelection() == 1);
}

TEST_CASE("File > Import reads a pretix export, refuses a truncated one and changes nothing then") {
    test::TempDir tmp;
    const auto db = tmp / "import.sqlite";
    test::FrameUnderTest frame(db);
    const auto eventsBefore = frame->events().size();
    const std::int64_t versionBefore = [&] {
        model::Store store(db);
        return model::OrderRepository(store).count(frame->currentEvent(), {});
    }();

    // A generated export of a second event, and the same file cut in the middle.
    importer::GeneratorOptions options;
    options.orders = 40;
    options.organizerSlug = "fair";
    options.eventSlug = "autumn";
    options.eventName = "Autumn Fair";
    const std::string text = importer::generateExport(options).dump();
    const auto good = tmp / "autumn_pretixdata.json";
    const auto cut = tmp / "cut_pretixdata.json";
    test::writeFile(good, text);
    test::writeFile(cut, text.substr(0, text.size() / 2));

    // The menu asks for the file (answered here) and imports it on a worker.
    wxString asked = wxString(cut.string());
    frame->askImportPath = [&] { return asked; };
    const auto importThrough = [&] {
        wxCommandEvent menu(wxEVT_MENU, gui::MainFrame::kImportId);
        frame->ProcessWindowEvent(menu);
        test::waitForTasks(frame.frame());
    };
    importThrough();
    CHECK_FALSE(frame->importing());
    CHECK(frame->GetStatusBar()->GetStatusText(0) == "The import failed; nothing was changed.");
    CHECK(frame->events().size() == eventsBefore);
    {
        model::Store store(db);
        CHECK(model::EventRepository(store).events().size() == eventsBefore);
        CHECK(model::OrderRepository(store).count(frame->currentEvent(), {}) == versionBefore);
    }

    asked = wxString(good.string());
    importThrough();
    CHECK(frame->events().size() == eventsBefore + 1);
    CHECK(frame->GetTitle() == wxString::FromUTF8("Box Office \u2014 Autumn Fair"));
    CHECK(frame->GetStatusBar()->GetStatusText(0).StartsWith("Imported 40 orders"));
    test::waitForTasks(frame.frame());
    CHECK(test::browserRows(frame.frame()) == 40);
    CHECK_FALSE(test::saveScreenshot(frame.frame(), "import-from-file-menu").empty());

    // File > Export writes the open event; a fresh store importing it has the same orders.
    const auto exported = tmp / "again.json";
    wxString offered;
    frame->askExportPath = [&](const wxString& suggested) {
        offered = suggested;
        return wxString(exported.string());
    };
    wxCommandEvent menu(wxEVT_MENU, gui::MainFrame::kExportId);
    frame->ProcessWindowEvent(menu);
    test::waitForTasks(frame.frame());
    CHECK(offered == "autumn_pretixdata.json");
    INFO(frame->GetStatusBar()->GetStatusText(0).utf8_string());
    CHECK(frame->GetStatusBar()->GetStatusText(0).StartsWith("Exported 40 orders"));
    model::Store fresh(tmp / "fresh.sqlite");
    const auto reimported = importer::importPretixJson(fresh, exported);
    REQUIRE(reimported);
    CHECK(reimported->orders == 40);
    CHECK(reimported->eventName == "Autumn Fair");
}
