// The Sales tab and File > New event on a real store in this process on the Xvfb display, driven
// with the keyboard as a person at the desk does: Ctrl+7, a shift started by typing a name and
// Enter, tickets added with Enter, names and the required answer typed ticket by ticket, a sale
// refused for a missing answer keeping the cart, cash 50 and Enter; then the order in the store,
// the change, the tickets saved as PDF and the order canceled. A ticket with its Programme add-on
// chosen by keyboard, refused while another desk sells the last programme (the problem on the
// add-on's line), then sold and printed at once through a real CUPS queue (cups-pdf); the shift
// report saved as PDF and CSV. The New event dialog is filled in field by field with Tab and
// creates an event the desk opens and can sell.
#include "../services/sales/SpringConcert.h"
#include "CupsQueue.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/checkin/Lists.h"
#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PrintLog.h"
#include "boxoffice/sales/EventSetup.h"
#include "boxoffice/sales/Shifts.h"
#include "sales/SalesPanel.h"

#include <catch2/catch.hpp>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/datetime.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using test::settle;
using test::waitUntil;
using test::widget;

// Whether the keyboard is in `window` (a list's focus is on its inner window).
bool focusIn(wxWindow& window) {
    for (wxWindow* w = wxWindow::FindFocus(); w != nullptr; w = w->GetParent()) {
        if (w == &window) {
            return true;
        }
    }
    return false;
}

// The name of the control that has the keyboard, for a failure's message.
std::string focusedName() {
    const wxWindow* focus = wxWindow::FindFocus();
    return focus != nullptr ? std::string(focus->GetName().utf8_string()) : std::string("(none)");
}

// Presses a key (with modifiers) and lets the window and the workers handle it.
void press(gui::MainFrame& frame, int key, int modifiers = wxMOD_NONE) {
    wxUIActionSimulator keys;
    keys.Char(key, modifiers);
    settle();
    test::waitForTasks(frame);
}

void type(gui::MainFrame& frame, const char* text) {
    wxUIActionSimulator keys;
    keys.Text(text);
    settle();
    test::waitForTasks(frame);
}

wxString label(wxWindow& frame, const char* name) { return widget<wxStaticText>(frame, name).GetLabel(); }

// Tab until the keyboard is in `target` (at most `presses` times).
void tabTo(gui::MainFrame& frame, wxWindow& target, int presses = 12) {
    for (int i = 0; i < presses && !focusIn(target); ++i) {
        press(frame, WXK_TAB);
    }
}

// Presses a button as its mnemonic does, without the mouse.
void pressButton(wxWindow& frame, const char* name) {
    auto& button = widget<wxButton>(frame, name);
    REQUIRE(button.IsEnabled());
    wxCommandEvent click(wxEVT_BUTTON, button.GetId());
    click.SetEventObject(&button);
    button.ProcessWindowEvent(click);
}

// The Programmes quota of Spring Concert resized (nullopt: unlimited), as another desk's set-up would.
void resizeProgrammes(model::Store& store, model::Id eventId, std::optional<std::int64_t> size) {
    for (auto quota : model::EventRepository(store).quotas(eventId)) {
        if (quota.name == "Programmes") {
            quota.size = size;
            REQUIRE(sales::saveQuota(store, quota));
            return;
        }
    }
    FAIL("no Programmes quota");
}

} // namespace

TEST_CASE("the Sales tab sells three tickets by keyboard, keeps the cart on an error and saves the tickets as PDF") {
    test::TempDir tmp;
    const auto db = tmp / "sales.sqlite";
    test::SpringConcert c;
    {
        model::Store store(db);
        c = test::setUpSpringConcert(store);
        REQUIRE(sales::endShift(store, c.shift));  // the desk starts its own
    }
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    settle();
    REQUIRE(frame->currentEvent() == c.eventId);
    auto* panel = dynamic_cast<gui::SalesPanel*>(wxWindow::FindWindowByName("sales", &window));
    REQUIRE(panel != nullptr);

    // Ctrl+7 shows the tab with the cursor in the operator field: a name and Enter start a shift.
    window.SetFocus();
    press(window, '7', wxMOD_CONTROL);
    REQUIRE(widget<wxNotebook>(window, "notebook").GetSelection() == 6);
    auto& operatorField = widget<wxTextCtrl>(window, "sales.operator");
    waitUntil(window, [&] { return focusIn(operatorField); }, 5);
    REQUIRE(focusIn(operatorField));
    CHECK(label(window, "sales.shiftState").StartsWith("No shift is open"));
    type(window, "Bob");
    press(window, WXK_RETURN);
    waitUntil(window, [&] { return label(window, "sales.shiftState").StartsWith("Shift of Bob since "); });
    CHECK(label(window, "sales.shiftState").StartsWith("Shift of Bob since "));

    // The products with price and places left; the first is chosen and has the keyboard.
    auto& products = widget<wxListCtrl>(window, "sales.products");
    REQUIRE(products.GetItemCount() == 3);  // the Programme is an add-on: not sold on its own
    CHECK(products.GetItemText(0, 0) == "Regular");
    CHECK(products.GetItemText(0, 1) == "15.00 EUR");
    CHECK(products.GetItemText(0, 2) == "120");
    CHECK(products.GetItemText(1, 0) == "Reduced");
    REQUIRE(focusIn(products));

    // Two Regular: Tab to the quantity, 2, Enter. One Reduced: back, Down, Enter.
    press(window, WXK_TAB);
    REQUIRE(focusIn(widget<wxTextCtrl>(window, "sales.quantity")));
    type(window, "2");
    press(window, WXK_RETURN);
    REQUIRE(panel->cart().size() == 2);
    press(window, WXK_TAB, wxMOD_SHIFT);
    REQUIRE(focusIn(products));
    press(window, WXK_DOWN);
    press(window, WXK_RETURN);
    REQUIRE(panel->cart().size() == 3);
    CHECK(panel->cart().lines()[2].label == "Reduced");
    CHECK(label(window, "sales.total") == "Total: 40.00 EUR");

    // To the cart (quantity, Add, cart), its first ticket, then name, Enter, answer, Enter ...
    auto& cart = widget<wxListCtrl>(window, "sales.cart");
    for (int i = 0; i < 3; ++i) {
        press(window, WXK_TAB);
    }
    REQUIRE(focusIn(cart));
    press(window, WXK_HOME);
    REQUIRE(cart.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == 0);
    press(window, WXK_TAB);
    auto& name = widget<wxTextCtrl>(window, "sales.name");
    REQUIRE(focusIn(name));
    const auto answerName = wxString::Format("sales.answer.%lld", static_cast<long long>(c.question));
    // Looked up each time: the answer fields are made again when the chosen ticket changes.
    const auto answer = [&]() -> wxTextCtrl& { return widget<wxTextCtrl>(window, answerName.utf8_str()); };
    type(window, "Clara Schumann");
    press(window, WXK_RETURN);
    REQUIRE(focusIn(answer()));
    type(window, "RADIO");
    press(window, WXK_RETURN);
    REQUIRE(cart.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == 1);
    REQUIRE(focusIn(name));
    type(window, "Robert Schumann");
    press(window, WXK_RETURN);
    type(window, "POSTER");  // an option's identifier
    press(window, WXK_RETURN);
    REQUIRE(cart.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == 2);
    type(window, "Johannes Brahms");
    press(window, WXK_RETURN);
    press(window, WXK_RETURN);  // the third ticket's answer left out
    auto& given = widget<wxTextCtrl>(window, "sales.given");
    REQUIRE(focusIn(given));

    // Cash 50: the change shows as it is typed. Enter pays, and the missing answer is refused
    // beside its field with everything typed kept.
    type(window, "50");
    CHECK(label(window, "sales.change") == "Change: 10.00 EUR");
    press(window, WXK_RETURN);
    waitUntil(window, [&] { return !label(window, "sales.cartError").empty(); });
    INFO(label(window, "sales.cartError").utf8_string());
    CHECK(label(window, "sales.cartError") == "Ticket 3, How did you hear about us?: This field is required.");
    REQUIRE(panel->cart().size() == 3);
    CHECK(panel->cart().lines()[0].attendeeName == "Clara Schumann");
    CHECK(panel->cart().lines()[1].answers.at(c.question) == "POSTER");
    CHECK(cart.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == 2);
    CHECK(cart.GetItemText(2, 3) == "Johannes Brahms");
    CHECK(widget<wxStaticText>(window, "sales.answerError").GetLabel() == "This field is required.");
    CHECK(panel->lastOrderCode().empty());
    CHECK_FALSE(test::saveScreenshot(window, "sales-cart-refused").empty());

    // Answered (Tab to the name, Enter to the answer), Enter on to the amount, Enter pays.
    REQUIRE(focusIn(cart));
    press(window, WXK_TAB);
    INFO("after Tab: " << focusedName());
    REQUIRE(focusIn(name));
    press(window, WXK_RETURN);
    INFO("after Enter: " << focusedName());
    REQUIRE(focusIn(answer()));
    type(window, "FRIENDS");
    press(window, WXK_RETURN);
    REQUIRE(focusIn(given));
    press(window, WXK_RETURN);
    waitUntil(window, [&] { return !panel->lastOrderCode().empty(); });
    const std::string code = panel->lastOrderCode();
    REQUIRE(code.size() == 5);
    CHECK(label(window, "sales.lastSale") == wxString::Format("Order %s: 3 tickets, 40.00 EUR paid. Change: 10.00 EUR", code));
    CHECK(panel->cart().empty());
    CHECK(label(window, "sales.cartError").empty());
    {
        model::Store store(db);
        const auto order = model::OrderRepository(store).byCode(c.eventId, code);
        REQUIRE(order);
        CHECK(order->status == model::OrderStatus::Paid);
        CHECK(order->salesChannel == sales::kDeskSalesChannel);
        CHECK(order->total.minor() == 40'00);
        REQUIRE(order->positions.size() == 3);
        CHECK(order->positions[0].attendeeName == "Clara Schumann");
        CHECK(order->positions[2].attendeeName == "Johannes Brahms");
        CHECK(order->positions[2].itemId == c.reduced);
    }
    // The places left follow the sale.
    waitUntil(window, [&] { return products.GetItemText(0, 2) == "117"; });
    CHECK(products.GetItemText(0, 2) == "117");

    // The tickets saved as PDF from the keyboard: the cursor waits on Print (or, without a
    // printer, on Save PDF).
    const auto pdf = tmp / "tickets.pdf";
    wxString suggested;
    panel->askPdfPath = [&](const wxString& proposed) {
        suggested = proposed;
        return wxString(pdf.string());
    };
    auto& savePdf = widget<wxButton>(window, "sales.savePdf");
    if (!focusIn(savePdf)) {
        REQUIRE(focusIn(widget<wxButton>(window, "sales.print")));
        press(window, WXK_TAB);
    }
    REQUIRE(focusIn(savePdf));
    press(window, WXK_SPACE);
    waitUntil(window, [&] { return label(window, "sales.status").StartsWith("Saved"); });
    CHECK(suggested == wxString(code + ".pdf"));
    CHECK(label(window, "sales.status") == wxString::Format("Saved the tickets of order %s to %s.", code, pdf.string()));
    REQUIRE(std::filesystem::exists(pdf));
    const auto text = test::run({"/usr/bin/pdftotext", pdf.string(), "-"});
    CHECK(text.exitCode == 0);
    CHECK(text.out.find("Clara Schumann") != std::string::npos);
    CHECK(text.out.find("Spring Concert") != std::string::npos);

    // Cancel order..., answered through its seam: canceled with the cash paid back.
    panel->askCancel = [&] { return gui::SalesPanel::CancelAnswer{code, "Changed plans", sales::PaymentMethod::Cash}; };
    auto& cancel = widget<wxButton>(window, "sales.cancelOrder");
    wxCommandEvent click(wxEVT_BUTTON, cancel.GetId());
    click.SetEventObject(&cancel);
    cancel.ProcessWindowEvent(click);
    waitUntil(window, [&] { return label(window, "sales.status").Contains("canceled"); });
    CHECK(label(window, "sales.status") == wxString::Format("Order %s was canceled; 40.00 EUR paid back.", code));
    {
        model::Store store(db);
        CHECK(model::OrderRepository(store).byCode(c.eventId, code)->status == model::OrderStatus::Canceled);
    }
    waitUntil(window, [&] { return products.GetItemText(0, 2) == "120"; });
    CHECK(products.GetItemText(0, 2) == "120");
}

TEST_CASE("the Sales tab sells a ticket with an add-on by keyboard, prints it at once when paid and saves the shift report as PDF") {
    const auto printOutput = test::ensurePdfQueue();
    (void)printOutput;
    test::TempDir tmp;
    const auto db = tmp / "addons.sqlite";
    test::SpringConcert c;
    {
        model::Store store(db);
        c = test::setUpSpringConcert(store);  // Alice's shift stays open: the desk sells in it
        resizeProgrammes(store, c.eventId, 1);  // one programme left
    }
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    settle();
    auto* panel = dynamic_cast<gui::SalesPanel*>(wxWindow::FindWindowByName("sales", &window));
    REQUIRE(panel != nullptr);
    window.SetFocus();
    press(window, '7', wxMOD_CONTROL);
    auto& products = widget<wxListCtrl>(window, "sales.products");
    waitUntil(window, [&] { return focusIn(products); }, 5);
    REQUIRE(focusIn(products));
    CHECK(label(window, "sales.shiftState").StartsWith("Shift of Alice since "));

    // One Regular (Enter on the product), to the cart and its name and answer with Tab.
    press(window, WXK_RETURN);
    REQUIRE(panel->cart().size() == 1);
    auto& cart = widget<wxListCtrl>(window, "sales.cart");
    tabTo(window, cart, 3);
    REQUIRE(focusIn(cart));
    press(window, WXK_HOME);
    press(window, WXK_TAB);
    REQUIRE(focusIn(widget<wxTextCtrl>(window, "sales.name")));
    type(window, "Clara Schumann");
    press(window, WXK_TAB);
    const auto answerName = wxString::Format("sales.answer.%lld", static_cast<long long>(c.question));
    REQUIRE(focusIn(widget<wxTextCtrl>(window, answerName.utf8_str())));
    type(window, "RADIO");

    // The Regular's add-ons come next: the Programme with its price and the category's limit;
    // a quantity and Enter put it under the ticket.
    press(window, WXK_TAB);
    auto& addon = widget<wxChoice>(window, "sales.addon");
    REQUIRE(addon.IsShownOnScreen());
    // wxGTK does not report the keyboard in a wxChoice (it is in GTK's button inside it): the
    // cursor left the answer, and the next Tab lands in the add-on's quantity.
    CHECK_FALSE(focusIn(widget<wxTextCtrl>(window, answerName.utf8_str())));
    REQUIRE(addon.GetCount() == 1);
    CHECK(addon.GetString(0) == wxString::FromUTF8("Programme \u2013 3.00 EUR"));
    CHECK(label(window, "sales.addonRules") == "Extras: up to 1 per ticket");
    press(window, WXK_TAB);
    REQUIRE(focusIn(widget<wxTextCtrl>(window, "sales.addonQuantity")));
    type(window, "1");
    press(window, WXK_RETURN);
    REQUIRE(panel->cart().size() == 2);
    CHECK(panel->cart().lines()[1].label == "Programme");
    CHECK(panel->cart().lines()[1].addonTo == std::optional<std::size_t>(0));
    CHECK(cart.GetItemText(0, 0) == "1");
    CHECK(cart.GetItemText(1, 0).empty());  // no number of its own: indented under ticket 1
    CHECK(cart.GetItemText(1, 1) == wxString::FromUTF8("\u2003+ Programme"));
    CHECK(cart.GetItemText(1, 2) == "3.00 EUR");
    CHECK(cart.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == 0);  // the ticket stays chosen
    CHECK(label(window, "sales.total") == "Total: 18.00 EUR");

    // Print tickets when paid, on the test queue; remembered for the next start.
    auto& printer = widget<wxChoice>(window, "sales.printer");
    waitUntil(window, [&] { return printer.FindString(test::kPdfQueue) != wxNOT_FOUND; }, 10);
    REQUIRE(printer.FindString(test::kPdfQueue) != wxNOT_FOUND);
    printer.SetSelection(printer.FindString(test::kPdfQueue));
    auto& printOnPay = widget<wxCheckBox>(window, "sales.printOnPay");
    printOnPay.SetValue(true);
    wxCommandEvent ticked(wxEVT_CHECKBOX, printOnPay.GetId());
    ticked.SetEventObject(&printOnPay);
    ticked.SetInt(1);
    printOnPay.ProcessWindowEvent(ticked);
    test::waitForTasks(window);

    // Another desk sells the last programme: Pay is refused, the problem on the add-on's line.
    {
        model::Store store(db);
        auto regular = test::ticket(c, c.regular);
        sales::SalePosition programme;
        programme.itemId = c.programme;
        programme.addonTo = 0;
        REQUIRE(sales::sell(store, test::cashSale(c, {regular, programme}, 18'00)));
    }
    auto& given = widget<wxTextCtrl>(window, "sales.given");
    tabTo(window, given);
    REQUIRE(focusIn(given));
    type(window, "20");
    press(window, WXK_RETURN);
    waitUntil(window, [&] { return !label(window, "sales.cartError").empty(); });
    const wxString soldOut = "Sold out: no tickets left of quota \"Programmes\".";
    CHECK(label(window, "sales.cartError") == "Ticket 1, add-on Programme: " + soldOut);
    CHECK(cart.GetItemText(1, 3) == soldOut);
    CHECK(cart.GetItemTextColour(1) != cart.GetItemTextColour(0));
    CHECK(cart.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == 1);
    REQUIRE(panel->cart().size() == 2);
    CHECK(panel->lastOrderCode().empty());
    // One screenshot per process: saveScreenshot gives the first picture again after that.
    CHECK_FALSE(test::saveScreenshot(window, "sales-addon-cart").empty());

    // More programmes printed: Pay again sells, and the tickets print at once.
    {
        model::Store store(db);
        resizeProgrammes(store, c.eventId, std::nullopt);
    }
    tabTo(window, given);
    REQUIRE(focusIn(given));
    press(window, WXK_RETURN);
    waitUntil(window, [&] { return !panel->lastOrderCode().empty(); });
    const std::string code = panel->lastOrderCode();
    REQUIRE(code.size() == 5);
    CHECK(label(window, "sales.lastSale") == wxString::Format("Order %s: 1 ticket, 18.00 EUR paid. Change: 2.00 EUR", code));
    auto& status = widget<wxStaticText>(window, "sales.status");
    waitUntil(window, [&] { return status.GetLabel().StartsWith("Printed"); }, 60);
    INFO(status.GetLabel().utf8_string());
    CHECK(status.GetLabel() == wxString::Format("Printed the tickets of order %s on %s.", code, test::kPdfQueue));
    {
        model::Store store(db);
        const auto order = model::OrderRepository(store).byCode(c.eventId, code);
        REQUIRE(order);
        REQUIRE(order->positions.size() == 2);
        CHECK(order->positions[0].itemId == c.regular);
        CHECK(order->positions[0].attendeeName == "Clara Schumann");
        CHECK(!order->positions[0].addonTo);
        CHECK(order->positions[1].itemId == c.programme);
        CHECK(order->positions[1].addonTo == std::optional<model::Id>(order->positions[0].id));
        CHECK(order->positions[1].price.minor() == 3'00);
        const auto runs = model::PrintLogRepository(store).runs(c.eventId);
        REQUIRE(runs.size() == 1);
        CHECK(runs.front().printer == test::kPdfQueue);
        CHECK(runs.front().positions == 2);
        CHECK(desk::preference(store, "sales.print_on_pay") == std::optional<std::string>("1"));
    }

    // Without a printer chosen, the next sale is made and the status says nothing was printed.
    printer.SetSelection(wxNOT_FOUND);
    products.SetFocus();
    settle();
    press(window, WXK_DOWN);
    press(window, WXK_RETURN);  // one Reduced
    REQUIRE(panel->cart().size() == 1);
    tabTo(window, cart, 3);
    press(window, WXK_TAB);
    press(window, WXK_RETURN);  // from the name to the answer
    type(window, "POSTER");
    press(window, WXK_RETURN);  // the last ticket: on to the amount
    REQUIRE(focusIn(given));
    type(window, "10");
    press(window, WXK_RETURN);
    waitUntil(window, [&] { return panel->lastOrderCode() != code; });
    CHECK(panel->lastOrderCode() != code);
    CHECK(status.GetLabel() == "The tickets were not printed: no printer is chosen. Save them as PDF instead.");

    // The shift report, through the save dialog's seam: PDF by default, CSV by its name.
    const auto pdf = tmp / "shift.pdf";
    wxString suggested;
    panel->askReportPath = [&](const wxString& proposed) {
        suggested = proposed;
        return wxString(pdf.string());
    };
    pressButton(window, "sales.shiftReport");
    waitUntil(window, [&] { return status.GetLabel().StartsWith("Shift report saved"); });
    CHECK(suggested == "shift-Alice.pdf");
    CHECK(status.GetLabel() == wxString::Format("Shift report saved to %s.", pdf.string()));
    REQUIRE(std::filesystem::exists(pdf));
    const auto text = test::run({"/usr/bin/pdftotext", "-layout", pdf.string(), "-"});
    CHECK(text.exitCode == 0);
    INFO(text.out);
    CHECK(text.out.find("Alice") != std::string::npos);
    CHECK(text.out.find("Shift report") != std::string::npos);
    CHECK(text.out.find("Programme") != std::string::npos);
    const auto csv = tmp / "shift.csv";
    panel->askReportPath = [&](const wxString&) { return wxString(csv.string()); };
    pressButton(window, "sales.shiftReport");
    waitUntil(window, [&] { return status.GetLabel() == wxString::Format("Shift report saved to %s.", csv.string()); });
    REQUIRE(std::filesystem::exists(csv));
    CHECK(test::readFile(csv).rfind("section,name,count,amount\r\n", 0) == 0);
}

TEST_CASE("File, New event filled in by keyboard creates an event the desk opens and sells") {
    test::TempDir tmp;
    const auto db = tmp / "new-event.sqlite";
    {
        model::Store store(db);
        (void)test::setUpSpringConcert(store);
    }
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    settle();
    window.SetFocus();
    press(window, 'N', wxMOD_CONTROL | wxMOD_SHIFT);
    auto* dialog = dynamic_cast<wxDialog*>(wxWindow::FindWindowByName("newEvent"));
    REQUIRE(dialog != nullptr);
    waitUntil(window, [&] { return focusIn(widget<wxTextCtrl>(*dialog, "newEvent.organizer_name")); }, 5);
    REQUIRE(focusIn(widget<wxTextCtrl>(*dialog, "newEvent.organizer_name")));

    // Each field reached with Tab; a field's text is selected as Tab arrives, so typing replaces it.
    const std::pair<const char*, const char*> fields[] = {
        {"organizer_name", "Jazz Club"}, {"organizer_slug", nullptr},         {"event_name", "Late Night Jazz"},
        {"event_slug", nullptr},         {"date", "2027-05-01"},              {"time", "20:30"},
        {"timezone", "Europe/Berlin"},   {"currency", "eur"},                 {"location", "The Cellar"},
        {"product", "Standing"},         {"price", "twelve"},                 {"capacity", "80"}};
    for (const auto& [key, text] : fields) {
        const auto fieldName = std::string("newEvent.") + key;
        INFO(fieldName);
        REQUIRE(focusIn(widget<wxTextCtrl>(*dialog, fieldName.c_str())));
        if (text != nullptr) {
            type(window, text);
        }
        press(window, WXK_TAB);
    }
    // The slugs followed the names.
    CHECK(widget<wxTextCtrl>(*dialog, "newEvent.organizer_slug").GetValue() == "jazz-club");
    CHECK(widget<wxTextCtrl>(*dialog, "newEvent.event_slug").GetValue() == "late-night-jazz");
    auto& autoCheckin = widget<wxCheckBox>(*dialog, "newEvent.autoCheckin");
    REQUIRE(focusIn(autoCheckin));
    press(window, WXK_SPACE);
    CHECK(autoCheckin.GetValue());

    // Enter in a field creates; the price is refused beside its field, which gets the cursor.
    press(window, WXK_TAB, wxMOD_SHIFT);
    REQUIRE(focusIn(widget<wxTextCtrl>(*dialog, "newEvent.capacity")));
    press(window, WXK_RETURN);
    CHECK(widget<wxStaticText>(*dialog, "newEvent.price.error").GetLabel() == "Enter a price such as 12.50.");
    auto& price = widget<wxTextCtrl>(*dialog, "newEvent.price");
    REQUIRE(focusIn(price));
    CHECK_FALSE(test::saveScreenshot(*dialog, "new-event-dialog").empty());
    press(window, 'A', wxMOD_CONTROL);
    type(window, "12.50");
    CHECK(price.GetValue() == "12.50");
    press(window, WXK_RETURN);
    waitUntil(window, [&] { return wxWindow::FindWindowByName("newEvent") == nullptr; });
    REQUIRE(wxWindow::FindWindowByName("newEvent") == nullptr);

    // The frame shows the new event, stored as typed, with what selling at the desk needs.
    model::Store store(db);
    const auto event = model::EventRepository(store).eventBySlug("jazz-club", "late-night-jazz");
    REQUIRE(event);
    CHECK(frame->currentEvent() == event->id);
    CHECK(event->name.text("en") == "Late Night Jazz");
    CHECK(event->currency == "EUR");
    CHECK(event->timezone == "Europe/Berlin");
    CHECK(event->location.text("en") == "The Cellar");
    REQUIRE(event->dateFrom);
    const wxDateTime start(1, wxDateTime::May, 2027, 20, 30);
    CHECK(std::chrono::duration_cast<std::chrono::seconds>(event->dateFrom->time_since_epoch()).count() ==
          start.GetTicks());
    const auto items = model::EventRepository(store).items(event->id);
    REQUIRE(items.size() == 1);
    CHECK(items[0].defaultPrice.minor() == 12'50);
    const auto quotas = model::EventRepository(store).quotas(event->id);
    REQUIRE(quotas.size() == 1);
    CHECK(quotas[0].size == 80);
    const auto lists = model::CheckinRepository(store).lists(event->id);
    REQUIRE(lists.size() == 1);
    CHECK(lists[0].autoCheckinSalesChannels == std::vector<std::string>{sales::kDeskSalesChannel});

    // The Sales tab offers its product.
    press(window, '7', wxMOD_CONTROL);
    auto& products = widget<wxListCtrl>(window, "sales.products");
    waitUntil(window, [&] { return products.GetItemCount() == 1; });
    REQUIRE(products.GetItemCount() == 1);
    CHECK(products.GetItemText(0, 0) == "Standing");
    CHECK(products.GetItemText(0, 1) == "12.50 EUR");
    CHECK(products.GetItemText(0, 2) == "80");
}
