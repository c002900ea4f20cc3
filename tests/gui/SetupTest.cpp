// The Event tab (View > Event, Ctrl+8) on a real store in this process on the Xvfb display,
// driven with the mouse and the keyboard as a person setting up an event does: an add-on category
// "Merch"; a product "Spring Concert" with the variations Regular 15.00 and Reduced 10.00 and an
// add-on of Merch, refused first for a negative price (the message beside the price, nothing
// written, nothing typed lost); a quota "Hall" of 120 over both variations, refused first without
// a product; a required text question; the event's start typed on the clocks of its time zone,
// and leaving a changed form only after saying so. Check lists are ticked with a click on the
// box (GTK's Space on a check list did not tick reliably under Xvfb). What was saved is read back
// through the model.
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/sales/EventSetup.h"
#include "setup/EventSetupPanel.h"

#include <catch2/catch.hpp>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/listbox.h>
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

// Whether the keyboard is in `window` (or in a part of it).
bool focusIn(wxWindow& window) {
    for (wxWindow* w = wxWindow::FindFocus(); w != nullptr; w = w->GetParent()) {
        if (w == &window) {
            return true;
        }
    }
    return false;
}

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

// Clicks into a text field and replaces what it holds with `text`.
void fillIn(gui::MainFrame& frame, const char* name, const char* text) {
    auto& field = widget<wxTextCtrl>(frame, name);
    test::clickWindow(field);
    REQUIRE(focusIn(field));
    press(frame, 'A', wxMOD_CONTROL);
    type(frame, text);
    CHECK(field.GetValue() == wxString::FromUTF8(text));
}

void save(gui::MainFrame& frame) { press(frame, 'S', wxMOD_CONTROL); }

wxString label(wxWindow& frame, const char* name) { return widget<wxStaticText>(frame, name).GetLabel(); }

wxString outlineLine(wxListBox& outline, int row) { return wxString(outline.GetString(static_cast<unsigned>(row))).Trim(false); }

// Presses `key` and waits (a few seconds at most) until `moved` holds: under load the X server
// may deliver a key a moment after the call that sent it.
template <class Moved>
void pressUntil(gui::MainFrame& frame, int key, Moved moved) {
    press(frame, key);
    waitUntil(frame, moved, 5);
}

// Clicks the outline, then walks it with Home and Down to the line `text`, as a keyboard user does.
void choose(gui::MainFrame& frame, const char* text) {
    auto& outline = widget<wxListBox>(frame, "setup.outline");
    test::clickWindow(outline);
    pressUntil(frame, WXK_HOME, [&] { return outline.GetSelection() == 0; });
    for (unsigned i = 0; i < outline.GetCount() && outlineLine(outline, outline.GetSelection()) != text; ++i) {
        const int before = outline.GetSelection();
        pressUntil(frame, WXK_DOWN, [&] { return outline.GetSelection() != before; });
    }
    REQUIRE(outlineLine(outline, outline.GetSelection()) == text);
}

// Ticks line `row` of a check list with a click on its box (at the line's left end), found with
// the list's own hit test once GTK has laid the lines out.
void tick(gui::MainFrame& frame, wxCheckListBox& list, unsigned row) {
    int top = -1, bottom = -1;
    const auto findLine = [&] {
        top = bottom = -1;
        for (int y = 0; y < list.GetClientSize().GetHeight(); ++y) {
            if (list.HitTest(wxPoint(list.FromDIP(60), y)) == static_cast<int>(row)) {
                top = top < 0 ? y : top;
                bottom = y;
            }
        }
        return top >= 0;
    };
    waitUntil(frame, findLine, 5);
    REQUIRE(top >= 0);
    const bool before = list.IsChecked(row);
    test::clickAt(list.ClientToScreen(wxPoint(list.FromDIP(12), (top + bottom) / 2)));
    waitUntil(frame, [&] { return list.IsChecked(row) != before; }, 5);
    REQUIRE(list.IsChecked(row) != before);
    // GTK would take a click on the next line within its double-click time as a double click.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(600);
    while (std::chrono::steady_clock::now() < until) {
        settle();
    }
}

// An event of the Jazz Club sold online and at the desk, starting 2027-05-01 18:00 UTC in Berlin.
model::Id makeEvent(model::Store& store) {
    model::Event event;
    event.slug = "spring-concert";
    event.name = model::I18nString::plain("Spring Concert 2027");
    event.timezone = "Europe/Berlin";
    event.dateFrom = model::parseTimestamp("2027-05-01T18:00:00Z");
    event.salesChannels = {"web", sales::kDeskSalesChannel};
    auto saved = sales::saveEvent(store, {"jazz-club", "Jazz Club"}, event);
    REQUIRE(saved);
    return saved->id;
}

// The frame on the Event tab (Ctrl+8) of `eventId`, as large as the Xvfb screen.
void openTab(test::FrameUnderTest& frame, model::Id eventId) {
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    frame->switchToEvent(eventId);
    settle();
    window.SetFocus();
    press(window, '8', wxMOD_CONTROL);
    REQUIRE(widget<wxNotebook>(window, "notebook").GetSelection() == 7);
    auto& outline = widget<wxListBox>(window, "setup.outline");
    waitUntil(window, [&] { return outline.GetCount() > 0 && focusIn(outline); }, 5);
    REQUIRE(focusIn(outline));
    REQUIRE(outline.GetString(0) == "Event: Spring Concert 2027");
}

} // namespace

TEST_CASE("the Event tab makes an add-on category and a product with variations and an add-on, refusing a negative price") {
    test::TempDir tmp;
    const auto db = tmp / "setup.sqlite";
    model::Id eventId = 0;
    {
        model::Store store(db);
        eventId = makeEvent(store);
    }
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    openTab(frame, eventId);

    // New category...: "Merch", marked add-on with Space, saved with Ctrl+S.
    choose(window, "New category...");
    fillIn(window, "setup.category.name", "Merch");
    press(window, WXK_TAB);
    auto& addon = widget<wxCheckBox>(window, "setup.category.addon");
    REQUIRE(focusIn(addon));
    press(window, WXK_SPACE);
    CHECK(addon.GetValue());
    save(window);
    auto& outline = widget<wxListBox>(window, "setup.outline");
    waitUntil(window, [&] { return outline.FindString(wxS("    Merch (add-ons)")) != wxNOT_FOUND; });
    REQUIRE(outline.FindString(wxS("    Merch (add-ons)")) != wxNOT_FOUND);

    // New product...: name, a price typed wrong (negative), two variations and an add-on.
    choose(window, "New product...");
    fillIn(window, "setup.product.name", "Spring Concert");
    fillIn(window, "setup.product.default_price", "-5,00");
    auto& variations = widget<wxListCtrl>(window, "setup.product.variations.list");
    const std::pair<const char*, const char*> rows[] = {{"Regular", "15.00"}, {"Reduced", "-10,00"}};
    for (const auto& [value, price] : rows) {
        test::clickButton(window, "setup.product.variations.add");
        REQUIRE(focusIn(widget<wxTextCtrl>(window, "setup.product.variation.value")));
        type(window, value);
        press(window, WXK_TAB);
        REQUIRE(focusIn(widget<wxTextCtrl>(window, "setup.product.variation.price")));
        press(window, 'A', wxMOD_CONTROL);
        type(window, price);
    }
    REQUIRE(variations.GetItemCount() == 2);
    CHECK(variations.GetItemText(1, 0) == "Reduced");
    CHECK(variations.GetItemText(1, 1) == "-10,00");
    test::clickButton(window, "setup.product.addons.add");
    press(window, WXK_TAB);
    REQUIRE(focusIn(widget<wxTextCtrl>(window, "setup.product.addon.min")));
    press(window, WXK_TAB);
    REQUIRE(focusIn(widget<wxTextCtrl>(window, "setup.product.addon.max")));
    press(window, 'A', wxMOD_CONTROL);
    type(window, "2");
    auto& addons = widget<wxListCtrl>(window, "setup.product.addons.list");
    REQUIRE(addons.GetItemCount() == 1);
    CHECK(addons.GetItemText(0, 0) == "Merch");
    CHECK(addons.GetItemText(0, 2) == "2");

    // Refused: the message beside the price, the cursor there, the variation's under the
    // variations naming it; nothing stored, nothing typed lost.
    save(window);
    auto& price = widget<wxTextCtrl>(window, "setup.product.default_price");
    waitUntil(window, [&] { return !label(window, "setup.product.default_price.error").empty(); });
    CHECK(label(window, "setup.product.default_price.error") == "Ensure this value is greater than or equal to 0.");
    CHECK(label(window, "setup.product.variations.error") ==
          "Variation 2, price: Ensure this value is greater than or equal to 0.");
    CHECK(focusIn(price));
    CHECK(widget<wxTextCtrl>(window, "setup.product.name").GetValue() == "Spring Concert");
    CHECK(variations.GetItemCount() == 2);
    CHECK(addons.GetItemCount() == 1);
    CHECK(label(window, "setup.product.state") == "Changed, not saved.");
    {
        model::Store store(db);
        CHECK(model::EventRepository(store).items(eventId).empty());
    }
    CHECK_FALSE(test::saveScreenshot(window, "setup-product-refused").empty());

    // Corrected (the price, then the second variation chosen with the mouse) and saved: listed,
    // the form showing what is stored.
    press(window, 'A', wxMOD_CONTROL);
    type(window, "15.00");
    test::selectRow(variations, 1);
    fillIn(window, "setup.product.variation.price", "10,00");
    CHECK(variations.GetItemText(1, 1) == "10,00");
    save(window);
    waitUntil(window, [&] { return outline.FindString(wxS("    Spring Concert")) != wxNOT_FOUND; });
    REQUIRE(outline.FindString(wxS("    Spring Concert")) != wxNOT_FOUND);
    CHECK(label(window, "setup.product.default_price.error").empty());
    CHECK(label(window, "setup.product.variations.error").empty());
    CHECK(label(window, "setup.product.state").empty());
    CHECK(variations.GetItemText(1, 1) == "10.00");

    model::Store store(db);
    model::EventRepository events(store);
    const auto categories = events.categories(eventId);
    REQUIRE(categories.size() == 1);
    CHECK(categories[0].name.text("en") == "Merch");
    CHECK(categories[0].isAddon);
    const auto items = events.items(eventId);
    REQUIRE(items.size() == 1);
    const auto& item = items[0];
    CHECK(item.name.text("en") == "Spring Concert");
    CHECK(item.defaultPrice.minor() == 15'00);
    CHECK_FALSE(item.categoryId);
    CHECK(item.salesChannels == std::vector<std::string>{"web", sales::kDeskSalesChannel});
    REQUIRE(item.variations.size() == 2);
    CHECK(item.variations[0].value.text("en") == "Regular");
    CHECK(item.variations[0].defaultPrice.minor() == 15'00);
    CHECK(item.variations[1].value.text("en") == "Reduced");
    CHECK(item.variations[1].defaultPrice.minor() == 10'00);
    REQUIRE(item.addons.size() == 1);
    CHECK(item.addons[0].addonCategoryId == categories[0].id);
    CHECK(item.addons[0].minCount == 0);
    CHECK(item.addons[0].maxCount == 2);
    CHECK_FALSE(item.addons[0].priceIncluded);

    // Saved again unchanged: the variations are updated, not made twice.
    save(window);
    CHECK(model::EventRepository(store).item(eventId, item.id)->variations.size() == 2);
}

TEST_CASE("the Event tab makes a quota over both variations, refused first without a product, and a required question") {
    test::TempDir tmp;
    const auto db = tmp / "setup-quota.sqlite";
    model::Id eventId = 0;
    model::Item concert;
    {
        model::Store store(db);
        eventId = makeEvent(store);
        model::Item item;
        item.eventId = eventId;
        item.name = model::I18nString::plain("Spring Concert");
        item.salesChannels = {"web", sales::kDeskSalesChannel};
        item.variations.resize(2);
        item.variations[0].value = model::I18nString::plain("Regular");
        item.variations[0].defaultPrice = model::Money::fromMinor(15'00);
        item.variations[1].value = model::I18nString::plain("Reduced");
        item.variations[1].defaultPrice = model::Money::fromMinor(10'00);
        auto saved = sales::saveItem(store, item);
        REQUIRE(saved);
        concert = saved.value();
    }
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    openTab(frame, eventId);

    // New quota...: "Hall", 120 places, saved without a product: refused beside the products.
    choose(window, "New quota...");
    fillIn(window, "setup.quota.name", "Hall");
    press(window, WXK_TAB);
    REQUIRE(focusIn(widget<wxTextCtrl>(window, "setup.quota.size")));
    type(window, "120");
    save(window);
    waitUntil(window, [&] { return !label(window, "setup.quota.items.error").empty(); });
    CHECK(label(window, "setup.quota.items.error") == "A quota needs at least one product.");
    CHECK(widget<wxTextCtrl>(window, "setup.quota.size").GetValue() == "120");
    {
        model::Store store(db);
        CHECK(model::EventRepository(store).quotas(eventId).empty());
    }

    // Both variations ticked with Space: saved and listed.
    auto& products = widget<wxCheckListBox>(window, "setup.quota.products");
    REQUIRE(products.GetCount() == 2);
    CHECK(products.GetString(0) == wxString::FromUTF8("Spring Concert \u2013 Regular"));
    tick(window, products, 0);
    tick(window, products, 1);
    save(window);
    auto& outline = widget<wxListBox>(window, "setup.outline");
    waitUntil(window, [&] { return outline.FindString(wxS("    Hall (120)")) != wxNOT_FOUND; });
    REQUIRE(outline.FindString(wxS("    Hall (120)")) != wxNOT_FOUND);
    CHECK(label(window, "setup.quota.items.error").empty());

    // New question...: a required text question for the concert.
    choose(window, "New question...");
    fillIn(window, "setup.question.question", "Name on the badge");
    auto& required = widget<wxCheckBox>(window, "setup.question.required");
    test::clickWindow(required);
    CHECK(required.GetValue());
    tick(window, widget<wxCheckListBox>(window, "setup.question.products"), 0);
    CHECK_FALSE(widget<wxWindow>(window, "setup.question.options").IsShown());  // a text has no options
    CHECK_FALSE(test::saveScreenshot(window, "setup-question").empty());
    save(window);
    waitUntil(window, [&] { return outline.FindString(wxS("    Name on the badge")) != wxNOT_FOUND; });
    REQUIRE(outline.FindString(wxS("    Name on the badge")) != wxNOT_FOUND);

    model::Store store(db);
    model::EventRepository events(store);
    const auto quotas = events.quotas(eventId);
    REQUIRE(quotas.size() == 1);
    CHECK(quotas[0].name == "Hall");
    CHECK(quotas[0].size == 120);
    CHECK(quotas[0].items == std::vector<model::Id>{concert.id});
    CHECK(quotas[0].variations == std::vector<model::Id>{concert.variations[0].id, concert.variations[1].id});
    const auto questions = events.questions(eventId);
    REQUIRE(questions.size() == 1);
    CHECK(questions[0].question.text("en") == "Name on the badge");
    CHECK(questions[0].type == "S");
    CHECK(questions[0].required);
    CHECK_FALSE(questions[0].askDuringCheckin);
    CHECK(questions[0].items == std::vector<model::Id>{concert.id});
    CHECK_FALSE(questions[0].identifier.empty());
    CHECK(questions[0].options.empty());
}

TEST_CASE("the Event form saves the start on the clocks of the event's time zone and refuses a date it cannot read") {
    test::TempDir tmp;
    const auto db = tmp / "setup-event.sqlite";
    model::Id eventId = 0;
    {
        model::Store store(db);
        eventId = makeEvent(store);
    }
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    openTab(frame, eventId);

    // The Event line is chosen: the start shows on Berlin's clocks (18:00 UTC is 20:00 in May).
    auto& start = widget<wxTextCtrl>(window, "setup.event.date_from");
    CHECK(start.GetValue() == "2027-05-01 20:00");
    CHECK(label(window, "setup.event.notes").Contains("Check-in lists tab"));

    fillIn(window, "setup.event.date_from", "1 May 2027");
    save(window);
    CHECK(label(window, "setup.event.date_from.error") == "Enter the date and time as 2027-04-17 19:00.");
    fillIn(window, "setup.event.date_from", "2027-05-01 19:30");
    fillIn(window, "setup.event.name", "Spring Concert 2027 (second night)");
    save(window);
    waitUntil(window, [&] { return label(window, "setup.event.state").empty(); });
    CHECK(label(window, "setup.event.date_from.error").empty());
    {
        model::Store store(db);
        const auto event = model::EventRepository(store).eventById(eventId);
        REQUIRE(event);
        REQUIRE(event->dateFrom);
        CHECK(model::formatTimestamp(*event->dateFrom) == "2027-05-01T17:30:00Z");
        CHECK(event->name.text("en") == "Spring Concert 2027 (second night)");
    }
    // The outline and the window's event switcher follow the new name.
    auto& outline = widget<wxListBox>(window, "setup.outline");
    waitUntil(window, [&] { return outline.GetString(0) == "Event: Spring Concert 2027 (second night)"; });
    CHECK(outline.GetString(0) == "Event: Spring Concert 2027 (second night)");

    // A time zone the system does not know is refused beside the zone, nothing written.
    fillIn(window, "setup.event.timezone", "Europe/Atlantis");
    save(window);
    waitUntil(window, [&] { return !label(window, "setup.event.timezone.error").empty(); });
    CHECK(label(window, "setup.event.timezone.error") == "This time zone is not known on this computer.");
    CHECK_FALSE(test::saveScreenshot(window, "setup-event").empty());
    {
        model::Store store(db);
        CHECK(model::EventRepository(store).eventById(eventId)->timezone == "Europe/Berlin");
    }

    // Leaving the changed form asks first: kept when the answer is no, dropped when yes.
    auto* panel = dynamic_cast<gui::EventSetupPanel*>(wxWindow::FindWindowByName("setup", &window));
    REQUIRE(panel != nullptr);
    int asked = 0;
    bool discard = false;
    panel->askDiscard = [&](const wxString&) {
        ++asked;
        return discard;
    };
    // Closing the window asks too; kept open when the answer is no.
    CHECK_FALSE(window.Close());
    CHECK(asked == 1);
    REQUIRE(frame.alive());
    test::clickWindow(outline);
    press(window, WXK_DOWN);
    CHECK(asked == 2);
    CHECK(outline.GetSelection() == 0);
    CHECK(widget<wxTextCtrl>(window, "setup.event.timezone").GetValue() == "Europe/Atlantis");
    discard = true;
    press(window, WXK_DOWN);
    CHECK(asked == 3);
    CHECK(outline.GetSelection() == 1);
    CHECK(label(window, "setup.group.title") == "Categories");
    press(window, WXK_UP);  // back on the event: what is stored
    CHECK(widget<wxTextCtrl>(window, "setup.event.timezone").GetValue() == "Europe/Berlin");

    // No event open: the tab says how to get one instead of an empty form.
    frame->switchToEvent(0);
    test::waitForTasks(window);
    CHECK(widget<wxWindow>(window, "setup.empty").IsShown());
    CHECK_FALSE(widget<wxWindow>(window, "setup.content").IsShown());
}
