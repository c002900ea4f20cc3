// The Orders tab's browser under Xvfb, driven with the keyboard and the mouse
// (wxUIActionSimulator): a search typed without accents finds the accented attendee, the
// attendee mode lists positions, a click on a column header sorts, the product and check-in
// list filters narrow the rows, and the detail pane shows the order with its check-in history.
#include "boxoffice/gui/MainFrame.h"

#include "Browser.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/SyncRepository.h"
#include "orders/PositionActions.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/radiobut.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using test::clickAt;
using test::clickWindow;
using test::settle;
using test::chooseEntry;
using test::widget;

// An order whose attendee's name has accents, added to the demo event before the window opens.
struct AccentedOrder {
    model::Id orderId = 0;
    model::Id positionId = 0;
    std::string code = "ZZACC";
};

AccentedOrder addAccentedOrder(const std::filesystem::path& db, model::Id& eventId) {
    model::Store store(db);
    auto demo = importer::ensureDemoEvent(store);
    REQUIRE(demo);
    eventId = demo->eventId;
    const auto items = model::EventRepository(store).items(eventId);
    REQUIRE_FALSE(items.empty());
    model::Order order;
    order.eventId = eventId;
    order.code = "ZZACC";
    order.status = model::OrderStatus::Paid;
    order.email = "sjoen@example.org";
    order.datetime = model::now();
    model::OrderPosition position;
    position.itemId = items.front().id;
    position.secret = "accentedsecret0000000000000001";
    position.attendeeName = "Bj\u00f6rk Sj\u00f6n";
    order.positions = {position};
    model::OrderRepository(store).upsert(order);
    // The event syncs with a pretix server: the order can be opened there.
    model::SyncRemote remote;
    remote.url = "https://pretix.example/";
    remote.organizer = "demo";
    remote.eventSlug = "boxcon";
    remote.eventId = eventId;
    model::SyncRepository(store).saveRemote(remote);
    return {order.id, order.positions.front().id, order.code};
}

} // namespace

TEST_CASE("the order browser: typed search ignoring accents, attendee mode, sorting, filters and details") {
    test::TempDir tmp;
    const auto db = tmp / "browser.sqlite";
    model::Id demo = 0;
    const auto accented = addAccentedOrder(db, demo);
    test::FrameUnderTest frame(db);
    REQUIRE(frame->currentEvent() == demo);
    auto& window = frame.frame();
    test::waitForTasks(window);
    model::Store store(db);
    const auto total = model::OrderRepository(store).count(demo, {});
    REQUIRE(test::browserRows(window) == total);

    // Typed like a person: a click into the search box, then the keys, without the accent.
    auto& search = widget<wxSearchCtrl>(window, "orders.search");
    clickWindow(search);
    wxUIActionSimulator keys;
    keys.Text("sjon");
    settle();
    test::waitForTasks(window);
    REQUIRE(search.GetValue() == "sjon");
    REQUIRE(test::browserRows(window) == 1);
    CHECK(test::browserCell(window, 0, 0) == "ZZACC");
    CHECK(test::browserCell(window, 0, 2) == wxString::FromUTF8("Bj\u00f6rk Sj\u00f6n"));
    CHECK(widget<wxStaticText>(window, "orders.count").GetLabel().StartsWith("1 of "));

    // The row chosen with the mouse shows the order in the detail pane.
    auto& view = test::browser(window);
    const wxRect rect = view.GetItemRect(dynamic_cast<wxDataViewVirtualListModel*>(view.GetModel())->GetItem(0));
    REQUIRE(rect.GetHeight() > 0);
    clickAt(view.GetMainWindow()->ClientToScreen(rect.GetPosition() + wxSize(rect.GetWidth() / 2, rect.GetHeight() / 2)));
    test::waitForTasks(window);
    auto& details = widget<wxTextCtrl>(window, "orders.details");
    REQUIRE(details.GetValue().Contains("ZZACC"));
    CHECK(details.GetValue().Contains("Not checked in"));
    REQUIRE(test::positionsList(window).GetItemCount() == 1);

    // A check-in made at a scanner reaches the detail pane with its gate.
    {
        const auto lists = model::CheckinRepository(store).lists(demo);
        REQUIRE_FALSE(lists.empty());
        checkin::RedeemRequest request;
        request.code = "accentedsecret0000000000000001";
        request.listId = lists.front().id;
        request.device = "North gate";
        request.questionsSupported = false;  // the demo asks a question at check-in
        const auto result = checkin::redeem(store, demo, request);
        REQUIRE(result);
        REQUIRE(result->status == checkin::Status::Ok);
    }
    for (int i = 0; i < 100 && !details.GetValue().Contains("North gate"); ++i) {
        settle();
        test::waitForTasks(window);
    }
    CHECK(details.GetValue().Contains("North gate"));
    CHECK(test::positionsList(window).GetTextValue(0, 3).StartsWith("Checked in"));
    CHECK_FALSE(test::saveScreenshot(window, "orders-browser-accent-search").empty());

    // The ticket saved as PDF (the save dialog answered through its seam) holds the attendee.
    auto* actions = dynamic_cast<gui::PositionActions*>(wxWindow::FindWindowByName("orders.actions", &window));
    REQUIRE(actions != nullptr);
    const auto pdf = tmp / "ticket.pdf";
    wxString suggested;
    actions->askPdfPath = [&](const wxString& name) {
        suggested = name;
        return wxString(pdf.string());
    };
    clickWindow(widget<wxButton>(window, "orders.saveTicket"));
    test::waitForTasks(window);
    CHECK(suggested == "ZZACC-1.pdf");
    REQUIRE(std::filesystem::exists(pdf));
    CHECK(widget<wxStaticText>(window, "orders.actionResult").GetLabel().StartsWith("Ticket saved to"));
    const auto text = test::run({"/usr/bin/pdftotext", pdf.string(), "-"});
    CHECK(text.exitCode == 0);
    CHECK(text.out.find("ZZACC") != std::string::npos);

    // Open in pretix: the order's page in the back end the event syncs with.
    wxString opened;
    actions->openUrl = [&](const wxString& url) { opened = url; };
    auto& openRemote = widget<wxButton>(window, "orders.openRemote");
    REQUIRE(openRemote.IsShown());
    clickWindow(openRemote);
    CHECK(opened == "https://pretix.example/control/event/demo/boxcon/orders/ZZACC/");

    // Attendee mode lists positions: the demo's orders have more positions than orders.
    search.SetValue(wxString());
    test::waitForTasks(window);
    auto& attendees = widget<wxRadioButton>(window, "orders.modePositions");
    clickWindow(attendees);
    test::waitForTasks(window);
    REQUIRE(attendees.GetValue());
    const auto positions = model::OrderRepository(store).positionCount(demo);
    CHECK(test::browserRows(window) == static_cast<unsigned>(positions));
    CHECK(widget<wxStaticText>(window, "orders.count").GetLabel().Contains("attendees"));

    // Sorting by attendee name: a click on the column header.
    const unsigned nameColumn = 1;
    CHECK(view.GetColumn(nameColumn)->GetTitle() == "Attendee");
    wxDataViewEvent sorted(wxEVT_DATAVIEW_COLUMN_SORTED, &view, view.GetColumn(nameColumn));
    view.GetColumn(nameColumn)->SetSortOrder(true);
    view.ProcessWindowEvent(sorted);
    test::waitForTasks(window);
    const unsigned rows = test::browserRows(window);
    REQUIRE(rows > 2);
    for (unsigned row = 1; row < std::min(rows, 50U); ++row) {
        const wxString before = test::browserCell(window, row - 1, nameColumn);
        const wxString after = test::browserCell(window, row, nameColumn);
        if (before.IsAscii() && after.IsAscii()) {  // letters beyond ASCII sort by their code
            CHECK(before.Lower() <= after.Lower());
        }
    }

    // Filters: a product, then a check-in list's checked-in positions (the one checked in above).
    const auto items = model::EventRepository(store).items(demo);
    auto& product = widget<wxChoice>(window, "orders.product");
    chooseEntry(product, wxString::FromUTF8(items.front().name.text("en")));
    test::waitForTasks(window);
    const unsigned withProduct = test::browserRows(window);
    CHECK(withProduct > 0);
    CHECK(withProduct < static_cast<unsigned>(positions));
    chooseEntry(product, "All products");
    const auto lists = model::CheckinRepository(store).lists(demo);
    chooseEntry(widget<wxChoice>(window, "orders.list.filter"), wxString::FromUTF8(lists.front().name));
    auto& checked = widget<wxChoice>(window, "orders.checkedIn");
    REQUIRE(checked.IsEnabled());
    chooseEntry(checked, "Checked in");
    test::waitForTasks(window);
    REQUIRE(test::browserRows(window) == 1);
    CHECK(test::browserCell(window, 0, 0) == "ZZACC");
    chooseEntry(checked, "Not checked in yet");
    test::waitForTasks(window);
    CHECK(test::browserRows(window) > 1);
}
