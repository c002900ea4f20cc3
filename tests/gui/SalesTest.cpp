// The Sales tab and File > New event on a real store in this process on the Xvfb display, driven
// with the keyboard as a person at the desk does: Ctrl+7, a shift started by typing a name and
// Enter, tickets added with Enter, names and the required answer typed ticket by ticket, a sale
// refused for a missing answer keeping the cart, cash 50 and Enter; then the order in the store,
// the change, the tickets saved as PDF and the order canceled. The New event dialog is filled in
// field by field with Tab and creates an event the desk opens and can sell.
#include "../services/sales/SpringConcert.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/checkin/Lists.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/sales/EventSetup.h"
#include "boxoffice/sales/Shifts.h"
#include "sales/SalesPanel.h"

#include <catch2/catch.hpp>
#include <wx/checkbox.h>
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
    auto& answer = widget<wxTextCtrl>(window, answerName.utf8_str());
    type(window, "Clara Schumann");
    press(window, WXK_RETURN);
    REQUIRE(focusIn(answer));
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
    press(window, WXK_RETURN);
    REQUIRE(focusIn(answer));
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
