// The Check-in lists tab's arrivals chart and CSV export, on a real store in this process on the
// Xvfb display, driven with the mouse (wxUIActionSimulator): check-ins redeemed at known UTC
// times show as the busiest quarter hour in local time (a fixed zone, UTC+2), a new check-in
// updates the chart, and "Export check-ins..." writes the list's rows (the save dialog answered
// through the panel's askExportPath).
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/OrderRepository.h"
#include "checkin/ArrivalsChart.h"
#include "checkin/CheckinListsPanel.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using test::clickAt;
using test::clickButton;
using test::settle;
using test::widget;

// Local time is UTC+2 all year for the test ("BOX-2" in POSIX TZ terms, no tz database needed),
// so a time shown in UTC by mistake is caught.
class FixedTimeZone {
public:
    FixedTimeZone() {
        if (const char* old = std::getenv("TZ")) {
            m_old = old;
        }
        setenv("TZ", "BOX-2", 1);
        tzset();
    }
    ~FixedTimeZone() {
        if (m_old) {
            setenv("TZ", m_old->c_str(), 1);
        } else {
            unsetenv("TZ");
        }
        tzset();
    }
    FixedTimeZone(const FixedTimeZone&) = delete;
    FixedTimeZone& operator=(const FixedTimeZone&) = delete;

private:
    std::optional<std::string> m_old;
};

// Clicks the row named `name` in the Check-in lists tab's list.
void clickList(wxWindow& frame, const wxString& name) {
    auto& lists = widget<wxListCtrl>(frame, "checkinLists.list");
    const long row = lists.FindItem(-1, name);
    REQUIRE(row >= 0);
    wxRect rect;
    REQUIRE(lists.GetItemRect(row, rect));
    clickAt(lists.ClientToScreen(wxPoint(rect.x + 40, rect.y + rect.height / 2)));
    REQUIRE(lists.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == row);
}

model::Timestamp at(const std::string& iso) {
    const auto t = model::parseTimestamp(iso);
    REQUIRE(t);
    return *t;
}

// A store with the demo event and an empty list "Chart door" for all products.
struct Door {
    model::Id eventId = 0;
    model::Id listId = 0;
    std::vector<model::OrderPosition> tickets; // paid, not canceled: redeemable on the list
};

Door makeDoor(const std::filesystem::path& db) {
    model::Store store(db);
    const auto demo = importer::ensureDemoEvent(store);
    REQUIRE(demo);
    Door door;
    door.eventId = demo->eventId;
    model::CheckinList list;
    list.eventId = door.eventId;
    list.name = "Chart door";
    const auto saved = checkin::saveList(store, list);
    REQUIRE(saved);
    door.listId = saved->id;
    model::OrderQuery paid;
    paid.status = model::OrderStatus::Paid;
    paid.limit = 40;
    for (auto& order : model::OrderRepository(store).list(door.eventId, paid)) {
        for (auto& p : order.positions) {
            if (!p.canceled) {
                p.orderCode = order.code;
                door.tickets.push_back(p);
            }
        }
    }
    REQUIRE(door.tickets.size() >= 20);
    return door;
}

void redeemAt(model::Store& store, const Door& door, const model::OrderPosition& ticket,
              const std::string& when, model::CheckinType type = model::CheckinType::Entry) {
    checkin::RedeemRequest request;
    request.code = ticket.secret;
    request.listId = door.listId;
    request.type = type;
    request.datetime = at(when);
    request.questionsSupported = false;
    request.device = "gate 3";
    const auto redeemed = checkin::redeem(store, door.eventId, request);
    REQUIRE(redeemed);
    INFO(checkin::toString(redeemed->reason));
    REQUIRE(redeemed->status == checkin::Status::Ok);
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (auto end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", start)) {
        out.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    CHECK(start == text.size()); // every row ends in CRLF
    return out;
}

} // namespace

TEST_CASE("the arrivals chart names the busiest quarter hour in local time and the export writes the rows") {
    FixedTimeZone utcPlus2;
    test::TempDir tmp;
    const auto db = tmp / "arrivals.sqlite";
    const Door door = makeDoor(db);
    // What the door saw, in UTC: quarter hours 19:00 (1), 19:15 (-), 19:30 (3), 19:45 (1, and an
    // exit), 20:00 (-), 20:15 (2).
    const std::vector<std::pair<std::size_t, std::string>> entries{
        {0, "2026-06-14T19:10:00Z"}, {1, "2026-06-14T19:30:00Z"}, {2, "2026-06-14T19:37:00Z"},
        {3, "2026-06-14T19:44:59Z"}, {4, "2026-06-14T19:45:00Z"}, {5, "2026-06-14T20:20:00Z"},
        {6, "2026-06-14T20:29:00Z"}};
    {
        model::Store store(db);
        for (const auto& [ticket, when] : entries) {
            redeemAt(store, door, door.tickets[ticket], when);
        }
        redeemAt(store, door, door.tickets[1], "2026-06-14T19:50:00Z", model::CheckinType::Exit);
    }

    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    REQUIRE(frame->currentEvent() == door.eventId);
    window.SetSize(wxSize(1200, 760));
    widget<wxNotebook>(window, "notebook").SetSelection(1);
    settle();
    clickList(window, "Chart door");
    test::waitForTasks(window);

    auto& summary = widget<wxStaticText>(window, "checkinLists.arrivalsSummary");
    auto& chart = widget<gui::ArrivalsChart>(window, "checkinLists.arrivals");
    INFO(summary.GetLabel().utf8_string());
    CHECK(summary.GetLabel() == "Busiest quarter hour: 21:30-21:45, 3 entries. In all: 7 entries, 1 exit.");
    CHECK(chart.GetLabel() == summary.GetLabel()); // the chart's accessible name says the same
    CHECK(chart.IsShownOnScreen());
    REQUIRE(chart.arrivals().buckets.size() == 6);
    CHECK(chart.arrivals().buckets[3].exits == 1);
    CHECK_FALSE(test::saveScreenshot(window, "checkin-arrivals-chart").empty());

    // A check-in at the door reaches the chart through the change feed.
    {
        model::Store store(db);
        redeemAt(store, door, door.tickets[7], "2026-06-14T19:40:00Z");
    }
    test::waitForTasks(window);
    CHECK(summary.GetLabel() == "Busiest quarter hour: 21:30-21:45, 4 entries. In all: 8 entries, 1 exit.");

    // Export: the panel offers a file name from the list's name; the file has one row per check-in.
    auto* panel = dynamic_cast<gui::CheckinListsPanel*>(wxWindow::FindWindowByName("checkinLists", &window));
    REQUIRE(panel != nullptr);
    const auto file = tmp / "chart door.csv";
    wxString offered;
    panel->askExportPath = [&](const wxString& suggested) {
        offered = suggested;
        return wxString(file.string());
    };
    clickButton(window, "checkinLists.export");
    test::waitForTasks(window);
    CHECK(offered == "Chart door-checkins.csv");
    auto& result = widget<wxStaticText>(window, "checkinLists.exportResult");
    CHECK(result.GetLabel() == wxString::Format("Saved 9 check-ins to %s.", wxString(file.string())));
    const auto rows = lines(test::readFile(file));
    REQUIRE(rows.size() == 10);
    CHECK(
        rows[0] ==
        "List,Order,Position ID,Attendee name,Product,Variation,Type,Time (UTC),Device,Automatic,Sync state");
    // Oldest first: the 19:10 entry, then 19:30, 19:37, 19:40, 19:44:59, 19:45, the 19:50 exit, 20:20, 20:29.
    const std::vector<std::pair<std::size_t, std::string>> expected{
        {0, "entry,2026-06-14T19:10:00Z"}, {1, "entry,2026-06-14T19:30:00Z"},
        {2, "entry,2026-06-14T19:37:00Z"}, {7, "entry,2026-06-14T19:40:00Z"},
        {3, "entry,2026-06-14T19:44:59Z"}, {4, "entry,2026-06-14T19:45:00Z"},
        {1, "exit,2026-06-14T19:50:00Z"},  {5, "entry,2026-06-14T20:20:00Z"},
        {6, "entry,2026-06-14T20:29:00Z"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& ticket = door.tickets[expected[i].first];
        const std::string& row = rows[i + 1];
        INFO(row);
        CHECK(row.rfind("Chart door," + ticket.orderCode + "," + std::to_string(ticket.id) + ",", 0) == 0);
        CHECK(row.ends_with("," + expected[i].second + ",gate 3,no,local"));
    }

    // A folder that does not exist: the person is told, and nothing is written.
    const auto missing = tmp / "gone" / "x.csv";
    panel->askExportPath = [&](const wxString&) { return wxString(missing.string()); };
    clickButton(window, "checkinLists.export");
    test::waitForTasks(window);
    CHECK(result.GetLabel().StartsWith(
        wxString::Format("The check-ins were not saved to %s: ", wxString(missing.string()))));
    CHECK_FALSE(std::filesystem::exists(missing.parent_path()));
}

TEST_CASE(
    "a list without check-ins says so beside an empty chart, and cancelling the export writes nothing") {
    FixedTimeZone utcPlus2;
    test::TempDir tmp;
    const auto db = tmp / "quiet.sqlite";
    makeDoor(db);
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    window.SetSize(wxSize(1200, 760));
    widget<wxNotebook>(window, "notebook").SetSelection(1);
    settle();
    clickList(window, "Chart door");
    test::waitForTasks(window);

    auto& summary = widget<wxStaticText>(window, "checkinLists.arrivalsSummary");
    CHECK(summary.GetLabel() == "No check-ins on this list yet.");
    CHECK(widget<gui::ArrivalsChart>(window, "checkinLists.arrivals").arrivals().buckets.empty());
    CHECK_FALSE(test::saveScreenshot(window, "checkin-arrivals-empty").empty());

    auto* panel = dynamic_cast<gui::CheckinListsPanel*>(wxWindow::FindWindowByName("checkinLists", &window));
    REQUIRE(panel != nullptr);
    int asked = 0;
    panel->askExportPath = [&](const wxString&) {
        ++asked;
        return wxString(); // the person pressed Cancel
    };
    clickButton(window, "checkinLists.export");
    test::waitForTasks(window);
    CHECK(asked == 1);
    CHECK(widget<wxStaticText>(window, "checkinLists.exportResult").GetLabel().empty());
    CHECK(widget<wxButton>(window, "checkinLists.export").IsEnabled());
}

TEST_CASE("check-ins over more than a day show in half hours with dates, the busiest named with its date") {
    FixedTimeZone utcPlus2;
    test::TempDir tmp;
    const auto db = tmp / "days.sqlite";
    const Door door = makeDoor(db);
    // An entry every two hours from 13 June 18:00 to 14 June 20:00 UTC (26 hours: more than 96
    // quarter hours), and three more between 19:30 and 20:00 on the 14th.
    std::size_t next = 0;
    {
        model::Store store(db);
        for (auto t = at("2026-06-13T18:00:00Z"); t <= at("2026-06-14T20:00:00Z");
             t += std::chrono::hours(2)) {
            redeemAt(store, door, door.tickets[next++], model::formatTimestamp(t));
        }
        for (const char* when : {"2026-06-14T19:35:00Z", "2026-06-14T19:40:00Z", "2026-06-14T19:55:00Z"}) {
            redeemAt(store, door, door.tickets[next++], when);
        }
    }
    REQUIRE(next == 17);

    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    window.SetSize(wxSize(1200, 760));
    widget<wxNotebook>(window, "notebook").SetSelection(1);
    settle();
    clickList(window, "Chart door");
    test::waitForTasks(window);

    const auto& arrivals = widget<gui::ArrivalsChart>(window, "checkinLists.arrivals").arrivals();
    CHECK(arrivals.width == std::chrono::minutes(30));
    CHECK(arrivals.buckets.size() == 53);
    // 19:30 UTC on the 14th is 21:30 there in UTC+2; the chart spans two days, so with the date.
    const wxString day =
        wxDateTime(static_cast<time_t>(std::chrono::floor<std::chrono::seconds>(at("2026-06-14T19:30:00Z"))
                                           .time_since_epoch()
                                           .count()))
            .FormatDate();
    CHECK(widget<wxStaticText>(window, "checkinLists.arrivalsSummary").GetLabel() ==
          "Busiest 30 minutes: " + day + " 21:30-22:00, 3 entries. In all: 17 entries, 0 exits.");
    CHECK_FALSE(test::saveScreenshot(window, "checkin-arrivals-two-days").empty());
}
