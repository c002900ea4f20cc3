// The Print tab on a real store in this process on the Xvfb display: reached with Ctrl+4, it
// counts a check-in list's tickets and previews their pages (the renderer's own pages); order
// codes typed in print through a real CUPS queue (cups-pdf), the print log shows the run, and a
// second Print asks before printing again; the order browser's Print ticket brings its ticket here.
#include "Browser.h"
#include "CupsQueue.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PrintLog.h"
#include "boxoffice/printing/PrintRun.h"
#include "boxoffice/printing/Calibration.h"
#include "print/CalibrationDialog.h"
#include "print/PrintPanel.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using test::clickButton;
using test::clickWindow;
using test::settle;
using test::waitUntil;
using test::chooseEntry;
using test::widget;

// Waits until the panel has counted its choice (the count follows a short pause after a change)
// and the preview has come.
void waitForCount(gui::MainFrame& frame) {
    auto& count = widget<wxStaticText>(frame, "print.count");
    for (int i = 0; i < 250 && (count.GetLabel().empty() || count.GetLabel() == "Counting..."); ++i) {
        wxYield();  // the pause is a timer: the event loop must run
        test::runPendingUiWork();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    test::waitForTasks(frame);
    REQUIRE(count.GetLabel() != "Counting...");
}

} // namespace

TEST_CASE("the Print tab counts and previews a list's tickets, prints orders through CUPS, and asks before a reprint") {
    const auto outputFolder = test::ensurePdfQueue();
    test::TempDir tmp;
    const auto db = tmp / "print.sqlite";
    model::Id eventId = 0;
    std::vector<model::Id> onList;
    std::string code;
    {
        model::Store store(db);
        const auto demo = importer::ensureDemoEvent(store);
        REQUIRE(demo);
        eventId = demo->eventId;
        printing::Selection list;
        list.scope = printing::Selection::Scope::List;
        list.listId = model::CheckinRepository(store).lists(eventId).front().id;
        auto ids = printing::selectPositions(store, eventId, list, printing::PrintedDocument::Ticket);
        REQUIRE(ids);
        onList = ids.value();
        model::OrderQuery paid;
        paid.status = model::OrderStatus::Paid;
        for (const auto& order : model::OrderRepository(store).list(eventId, paid)) {
            if (order.positions.size() == 2 && !order.positions[0].canceled && !order.positions[1].canceled) {
                code = order.code;
                break;
            }
        }
        REQUIRE(!code.empty());
    }
    REQUIRE(onList.size() > 10);

    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    settle();
    wxUIActionSimulator keyboard;
    window.SetFocus();
    keyboard.Char('4', wxMOD_CONTROL);  // View > Print
    settle();
    REQUIRE(widget<wxNotebook>(window, "notebook").GetSelection() == 3);
    auto* panel = dynamic_cast<gui::PrintPanel*>(wxWindow::FindWindowByName("print", &window));
    REQUIRE(panel != nullptr);
    waitForCount(window);

    // A check-in list: its tickets, one page each (pretix's default layout on one A4 page).
    chooseEntry(widget<wxChoice>(window, "print.scope"), "A check-in list");
    waitForCount(window);
    CHECK(panel->ticketCount() == onList.size());
    CHECK(widget<wxStaticText>(window, "print.count").GetLabel() ==
          wxString::Format("%zu tickets, %zu pages", onList.size(), onList.size()));
    auto& pageLabel = widget<wxStaticText>(window, "print.pageLabel");
    CHECK(pageLabel.GetLabel().StartsWith(wxString::Format("Page 1 of %zu: ", onList.size())));
    // Pressed as its mnemonic (Alt+X) presses it: a mouse click may land while the preview's
    // arrival still moves the row under the pointer.
    {
        auto& next = widget<wxButton>(window, "print.nextPage");
        REQUIRE(next.IsEnabled());
        wxCommandEvent press(wxEVT_BUTTON, next.GetId());
        press.SetEventObject(&next);
        next.ProcessWindowEvent(press);
    }
    waitUntil(window, [&] { return pageLabel.GetLabel().StartsWith(wxString::Format("Page 2 of %zu: ", onList.size())); });
    CHECK(pageLabel.GetLabel().StartsWith(wxString::Format("Page 2 of %zu: ", onList.size())));
    CHECK(widget<wxWindow>(window, "print.preview").GetLabel().StartsWith("Preview of page 2 of"));
    CHECK_FALSE(test::saveScreenshot(window, "print-panel").empty());

    // Two order codes typed in (one unknown at first: said so), printed on the PDF queue.
    chooseEntry(widget<wxChoice>(window, "print.scope"), "Orders");
    auto& orders = widget<wxTextCtrl>(window, "print.orders");
    clickWindow(orders);
    orders.SetValue("nope1");  // as typed: SetValue sends the text event a key press sends
    waitForCount(window);
    INFO("typed: " << orders.GetValue().utf8_string() << "; count: "
                   << widget<wxStaticText>(window, "print.count").GetLabel().utf8_string());
    CHECK(widget<wxStaticText>(window, "print.count").GetLabel().Contains("NOPE1"));
    CHECK_FALSE(widget<wxButton>(window, "print.print").IsEnabled());
    orders.SetValue(wxString(code).Lower());  // codes are read in capitals
    waitForCount(window);
    CHECK(panel->ticketCount() == 2);
    chooseEntry(widget<wxChoice>(window, "print.printer"), test::kPdfQueue);
    int asked = 0;
    panel->askReprint = [&](const wxString& question) {
        ++asked;
        CHECK(question.StartsWith("2 of these were already printed, last on "));
        CHECK(question.Contains(test::kPdfQueue));
        return wxID_NO;
    };
    auto& status = widget<wxStaticText>(window, "print.status");
    clickButton(window, "print.print");
    waitUntil(window, [&] { return status.GetLabel().StartsWith("Printed "); });
    INFO(status.GetLabel().utf8_string());
    CHECK(status.GetLabel() == wxString::Format("Printed 2 tickets (2 pages) on %s.", test::kPdfQueue));
    CHECK(asked == 0);
    test::waitForTasks(window);
    auto& log = widget<wxListCtrl>(window, "print.log");
    REQUIRE(log.GetItemCount() == 1);
    CHECK(log.GetItemText(0, 1) == test::kPdfQueue);
    CHECK(log.GetItemText(0, 2) == "2 tickets");
    {
        model::Store store(db);
        auto runs = model::PrintLogRepository(store).runs(eventId);
        REQUIRE(runs.size() == 1);
        CHECK(runs.front().positions == 2);
    }
    // Again: the log knows them; "leave them out" prints nothing.
    clickButton(window, "print.print");
    waitUntil(window, [&] { return asked == 1 && status.GetLabel().StartsWith("Everything"); });
    CHECK(asked == 1);
    CHECK(status.GetLabel() == "Everything chosen was printed before; nothing was printed.");
    CHECK(log.GetItemCount() == 1);

    // The order browser's Print ticket: the Print tab with that ticket chosen.
    widget<wxNotebook>(window, "notebook").SetSelection(0);
    test::waitForTasks(window);
    test::selectBrowserRow(window, 0);
    test::waitForTasks(window);
    test::selectPosition(window, 0);
    test::waitForTasks(window);
    clickButton(window, "orders.printTicket");
    waitUntil(window, [&] { return widget<wxNotebook>(window, "notebook").GetSelection() == 3; });
    waitForCount(window);
    CHECK(widget<wxNotebook>(window, "notebook").GetSelection() == 3);
    CHECK(widget<wxChoice>(window, "print.scope").GetStringSelection() == "Chosen in the order browser");
    CHECK(panel->ticketCount() == 1);
    CHECK(widget<wxStaticText>(window, "print.count").GetLabel() == "1 ticket, 1 page");
}

TEST_CASE("the calibration dialog keeps the correction measured on the test page and forgets it") {
    test::TempDir tmp;
    const auto db = tmp / "calibrate.sqlite";
    {
        model::Store store(db);
        REQUIRE(importer::ensureDemoEvent(store));
    }
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    // A4; the printer put crosshair 1 at 21.5 / 18.0 mm and crosshair 2 at 191.5 / 275.0 mm: 1.5 mm right and 2 mm up.
    gui::CalibrationDialog dialog(&window, window.session(), "Desk printer", 595.2755905511812, 841.8897637795277);
    dialog.Show();
    test::waitForTasks(window);
    auto& current = widget<wxStaticText>(dialog, "calibration.current");
    CHECK(current.GetLabel() == "Not calibrated: pages are printed as they are.");
    const std::pair<const char*, double> measured[] = {
        {"calibration.firstX", 21.5}, {"calibration.firstY", 18.0}, {"calibration.secondX", 191.5},
        {"calibration.secondY", 275.0}};
    for (const auto& [name, value] : measured) {
        widget<wxSpinCtrlDouble>(dialog, name).SetValue(value);
    }
    clickButton(dialog, "calibration.save");
    waitUntil(window, [&] { return current.GetLabel().StartsWith("Now:"); });
    CHECK(widget<wxStaticText>(dialog, "calibration.message").GetLabel() ==
          "Saved: pages printed here are corrected from now on.");
    wxString now = current.GetLabel();
    now.Replace("\n", " ");  // wrapped to the dialog's width
    CHECK(now == "Now: moved -1.5 mm right and 2.0 mm down, scaled 100.0 % wide and 100.0 % high.");
    {
        model::Store store(db);
        const auto kept = printing::calibration(store, "Desk printer", "210x297");
        REQUIRE(kept);
        CHECK(kept->offsetXMm == Approx(-1.5));
        CHECK(kept->offsetYMm == Approx(2.0));
    }
    CHECK_FALSE(test::saveScreenshot(dialog, "print-calibration").empty());

    // A crosshair measured off the paper is refused with the reason, and nothing changes.
    widget<wxSpinCtrlDouble>(dialog, "calibration.secondX").SetValue(100.0);
    clickButton(dialog, "calibration.save");
    waitUntil(window, [&] { return widget<wxStaticText>(dialog, "calibration.message").GetLabel().StartsWith("The measured"); });
    CHECK(widget<wxStaticText>(dialog, "calibration.message").GetLabel().StartsWith("The measured values do not fit"));

    clickButton(dialog, "calibration.forget");
    waitUntil(window, [&] { return current.GetLabel().StartsWith("Not calibrated"); });
    CHECK(current.GetLabel() == "Not calibrated: pages are printed as they are.");
    model::Store store(db);
    CHECK_FALSE(printing::calibration(store, "Desk printer", "210x297"));
    dialog.Destroy();
}
