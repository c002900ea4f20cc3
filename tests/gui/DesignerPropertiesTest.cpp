// The Designer's properties and preview on the demo event under Xvfb, driven with the mouse and
// keyboard (wxUIActionSimulator). Two texts selected on the canvas with Shift: a size they do not
// share shows empty and the spin's arrows change nothing there; a font size and a colour typed
// once change both, each one undo step that puts both back. A new text box's line height, font,
// auto-resize and word splitting reach the stored layout JSON after Save. A custom text with an
// unknown placeholder shows the error line beside the field and is not applied; corrected, it
// is. On a layout with a two-page background the page field moves the QR code to page 2, and a
// font this computer lacks is shown as missing and kept. The preview search finds a ticket by
// its attendee's name and the canvas draws that ticket; an add-on without a name of its own
// shows its parent's, as printed; "Sample ticket" goes back to the ticket the designer opened
// with. A QR code takes a colour typed as hex (one undo step), stored as pretix's "color".
// Screenshots "designer-properties" and "designer-preview" under the build folder.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "RenderFixture.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/pdf/Layouts.h"
#include "boxoffice/render/TicketLoader.h"
#include "designer/DesignerCanvas.h"
#include "designer/DesignerPanel.h"
#include "designer/PropertiesPanel.h"
#include "designer/StepText.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <map>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/spinctrl.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using layout::Length;
using layout::Point;
using test::DesignerOnDemo;
using test::settle;
using test::waitUntil;
using test::widget;

// Types `text` on the keyboard of the X server (a US layout): the characters that need Shift
// get it.
void typeText(const std::string& text) {
    static const std::map<char, char> shifted{{'{', '['}, {'}', ']'}, {'#', '3'}, {'_', '-'}, {':', ';'}};
    wxUIActionSimulator keyboard;
    for (const char c : text) {
        if (const auto it = shifted.find(c); it != shifted.end()) {
            keyboard.Char(it->second, wxMOD_SHIFT);
        } else {
            keyboard.Char(c, std::isupper(static_cast<unsigned char>(c)) ? wxMOD_SHIFT : wxMOD_NONE);
        }
    }
    settle();
}

// Brings a control of the scrolled properties into view, as tabbing to it does.
void reveal(wxWindow& control) {
    REQUIRE(control.IsShownOnScreen());
    REQUIRE(control.IsEnabled());
    control.SetFocus();
    settle();
}

// Clicks a control of the properties, scrolled into view.
void clickControl(wxWindow& control) {
    reveal(control);
    test::clickWindow(control);
}

// Clicks into the text of `control` (left of a spin's buttons), selects what it holds and types
// `text`, then Enter.
void typeInto(wxWindow& control, const std::string& text) {
    reveal(control);
    test::clickAt(control.GetScreenRect().GetPosition() + wxPoint(control.FromDIP(12), control.GetSize().y / 2));
    wxUIActionSimulator keyboard;
    keyboard.Char('a', wxMOD_CONTROL);
    settle();
    typeText(text);
    keyboard.Char(WXK_RETURN);
    settle();
}

// Picks `at` in a choice as its list would: the selection and the event it sends.
void choose(wxChoice& choice, int at) {
    REQUIRE(at != wxNOT_FOUND);
    reveal(choice);
    choice.SetSelection(at);
    wxCommandEvent event(wxEVT_CHOICE, choice.GetId());
    event.SetEventObject(&choice);
    event.SetInt(at);
    choice.ProcessWindowEvent(event);
    settle();
}

// Clicks element `index` on the canvas (Shift held: added to the selection).
void clickElement(gui::DesignerCanvas& canvas, const layout::Document& doc, std::size_t index, bool shift = false) {
    const auto box = doc.frame(index).box;
    const wxPoint at = canvas.pageToScreen(Point{box.left + Length::mm(5), box.centerY()});
    wxUIActionSimulator mouse;
    mouse.MouseMove(at);
    settle();
    if (shift) {
        mouse.KeyDown(WXK_SHIFT);
    }
    mouse.MouseClick();
    if (shift) {
        mouse.KeyUp(WXK_SHIFT);
    }
    settle();
}

const layout::TextStyle& styleAt(const layout::Document& doc, std::size_t index) {
    if (const auto* t = std::get_if<layout::TextContainer>(&doc.element(index))) {
        return t->style;
    }
    return std::get<layout::TextArea>(doc.element(index)).style;
}

gui::PropertiesPanel& propertiesOf(gui::MainFrame& window) {
    auto* panel = dynamic_cast<gui::PropertiesPanel*>(wxWindow::FindWindowByName(wxS("designer.properties"), &window));
    REQUIRE(panel != nullptr);
    return *panel;
}

void waitForPicture(gui::MainFrame& window, gui::DesignerCanvas& canvas, int after) {
    waitUntil(window, [&] { return canvas.pictures() > after && !canvas.rendering(); });
    REQUIRE(canvas.pictures() > after);
}

bool ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

} // namespace

TEST_CASE("the Designer's properties change several texts at once and save what a text box has") {
    test::TempDir tmp;
    DesignerOnDemo demo(tmp / "properties.sqlite");
    auto& window = demo.window();
    auto& canvas = demo.panel->canvas();
    const auto& doc = *demo.panel->document();
    auto& properties = propertiesOf(window);
    waitUntil(window, [&] { return canvas.pictures() > 0 && !canvas.rendering() && !properties.fontFamilies().empty(); });
    REQUIRE_FALSE(properties.fontFamilies().empty());

    // The event's name (16 pt) and the attendee's name (13 pt), the second with Shift.
    const std::size_t eventName = 0, attendee = 2;
    REQUIRE(std::get<layout::TextArea>(doc.element(eventName)).content.content == "event_name");
    REQUIRE(std::get<layout::TextArea>(doc.element(attendee)).content.content == "attendee_name");
    clickElement(canvas, doc, eventName);
    clickElement(canvas, doc, attendee, true);
    REQUIRE(doc.selection() == std::vector<std::size_t>{eventName, attendee});
    CHECK(widget<wxStaticText>(window, "designer.prop.heading").GetLabel() == "2 elements selected");
    auto& fontSize = widget<wxSpinCtrlDouble>(window, "designer.prop.fontsize");
    CHECK(fontSize.IsShownOnScreen());
    CHECK(fontSize.GetTextValue().empty());  // 16 and 13: no size they share
    CHECK(widget<wxChoice>(window, "designer.prop.fontfamily").GetStringSelection() == "Open Sans");

    // Its arrows start from nothing: they change nothing, and the field stays empty.
    reveal(fontSize);
    test::clickAt(fontSize.GetScreenRect().GetTopRight() + wxPoint(-fontSize.FromDIP(18), fontSize.GetSize().y / 2));
    CHECK(styleAt(doc, eventName).fontSize == Approx(16.0));
    CHECK(styleAt(doc, attendee).fontSize == Approx(13.0));
    CHECK(fontSize.GetTextValue().empty());
    CHECK_FALSE(demo.panel->document()->canUndo());

    // One size typed: both texts have it, one step.
    typeInto(fontSize, "20");
    CHECK(styleAt(doc, eventName).fontSize == Approx(20.0));
    CHECK(styleAt(doc, attendee).fontSize == Approx(20.0));
    CHECK(demo.panel->undoText() == "Undo Change font size of 2 elements");
    CHECK(fontSize.GetValue() == Approx(20.0));

    // One colour typed as hex: both, the alpha of the file kept.
    const double alpha = styleAt(doc, eventName).color.alpha;
    typeInto(widget<wxTextCtrl>(window, "designer.prop.color.text"), "#C01020");
    CHECK(styleAt(doc, eventName).color == layout::Color{0xc0, 0x10, 0x20, alpha});
    CHECK(styleAt(doc, attendee).color == layout::Color{0xc0, 0x10, 0x20, alpha});
    CHECK(demo.panel->undoText() == "Undo Change colour of 2 elements");
    CHECK(doc.selection() == std::vector<std::size_t>{eventName, attendee});
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(canvas.GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-properties").empty());

    // Undo takes the colour back from both, the next undo the size.
    test::clickButton(window, "designer.undo");
    CHECK(styleAt(doc, eventName).color == layout::Color{0, 0, 0, alpha});
    CHECK(styleAt(doc, attendee).color == layout::Color{0, 0, 0, alpha});
    CHECK(styleAt(doc, attendee).fontSize == Approx(20.0));
    CHECK(widget<wxTextCtrl>(window, "designer.prop.color.text").GetValue() == "#000000");
    test::clickButton(window, "designer.undo");
    CHECK(styleAt(doc, eventName).fontSize == Approx(16.0));
    CHECK(styleAt(doc, attendee).fontSize == Approx(13.0));

    // A new text box: line height, another font, no auto-resize, no splitting of long words.
    test::clickButton(window, "designer.add.textbox");
    const std::size_t box = doc.size() - 1;
    REQUIRE(doc.selection() == std::vector<std::size_t>{box});
    typeInto(widget<wxSpinCtrlDouble>(window, "designer.prop.lineheight"), "1.5");
    CHECK(std::get<layout::TextContainer>(doc.element(box)).lineHeight == Approx(1.5));
    CHECK(demo.panel->undoText() == "Undo Change line height of 1 element");
    const auto& families = properties.fontFamilies();
    const auto other = std::find_if(families.begin(), families.end(), [](const std::string& f) { return f == "DejaVu Sans"; });
    const std::string family = other != families.end() ? *other : families.front() != "Open Sans" ? families.front() : families.back();
    REQUIRE(family != "Open Sans");
    auto& familyChoice = widget<wxChoice>(window, "designer.prop.fontfamily");
    choose(familyChoice, familyChoice.FindString(wxString::FromUTF8(family)));
    CHECK(styleAt(doc, box).font.family == family);
    clickControl(widget<wxCheckBox>(window, "designer.prop.autoresize"));
    clickControl(widget<wxCheckBox>(window, "designer.prop.splitlongwords"));
    CHECK_FALSE(std::get<layout::TextContainer>(doc.element(box)).autoResize);
    CHECK_FALSE(std::get<layout::TextContainer>(doc.element(box)).splitLongWords);

    // Custom text: a placeholder no variable has is shown beside the field and not applied.
    auto& content = widget<wxChoice>(window, "designer.prop.content");
    choose(content, content.FindString("Other..."));
    REQUIRE(std::get<layout::TextContainer>(doc.element(box)).content.content == "other");
    auto& text = widget<wxTextCtrl>(window, "designer.prop.text");
    auto& error = widget<wxStaticText>(window, "designer.prop.textError");
    CHECK_FALSE(error.IsShownOnScreen());
    clickControl(text);
    typeText("Hi {atendee_name}");
    CHECK(text.GetValue() == "Hi {atendee_name}");
    CHECK(error.IsShownOnScreen());
    CHECK(error.GetLabel().Contains("{atendee_name}"));
    CHECK(std::get<layout::TextContainer>(doc.element(box)).content.text != "Hi {atendee_name}");
    // Corrected: applied, the line gone, and the sample shows the ticket's name.
    wxUIActionSimulator keyboard;
    keyboard.Char('a', wxMOD_CONTROL);
    settle();
    typeText("Hi {attendee_name}");
    CHECK(std::get<layout::TextContainer>(doc.element(box)).content.text == "Hi {attendee_name}");
    CHECK_FALSE(error.IsShownOnScreen());
    const auto* ticket = canvas.ticket();
    REQUIRE(ticket != nullptr);
    REQUIRE(ticket->position.attendeeName.has_value());
    CHECK(widget<wxStaticText>(window, "designer.prop.sample").GetLabel() ==
          wxString::FromUTF8("Hi " + *ticket->position.attendeeName));

    // Saved: the stored layout JSON has them.
    canvas.SetFocus();
    settle();
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !demo.panel->saving() && !demo.panel->modified(); });
    REQUIRE_FALSE(demo.panel->modified());
    model::Store store(demo.db);
    const auto stored = model::LayoutRepository(store).byId(demo.eventId, *demo.panel->layoutId());
    REQUIRE(stored);
    REQUIRE(stored->layout.is_array());
    REQUIRE(stored->layout.size() == doc.size());
    const auto& json = stored->layout.back();
    CHECK(json.at("type") == "textcontainer");
    CHECK(json.at("fontfamily") == family);
    const auto& lineHeight = json.at("lineheight");
    CHECK((lineHeight.is_string() ? std::stod(lineHeight.get<std::string>()) : lineHeight.get<double>()) == Approx(1.5));
    CHECK(json.at("autoresize") == false);
    CHECK(json.at("splitlongwords") == false);
    CHECK(json.at("text") == "Hi {attendee_name}");
}

TEST_CASE("the Designer's page field moves an element to the second page of a two-page background") {
    test::TempDir tmp;
    DesignerOnDemo demo(tmp / "pages.sqlite");
    auto& window = demo.window();
    model::Id twoPages = 0;
    {
        // A layout for a ticket on two pages: its terms on the second.
        model::Store store(demo.db);
        model::StoredFile file;
        file.filename = "two-pages.pdf";
        file.contentType = "application/pdf";
        file.data = test::minimalPdf(2, 595.28, 841.89);
        auto background = pdf::storeUpload(store, file);
        REQUIRE(background);
        auto layoutJson = nlohmann::json::parse(layout::toJsonText(layout::defaultLayout(), -1));
        // Its event name in a font this computer lacks (imported from a pretix with a font plugin).
        layoutJson[0]["fontfamily"] = "Bogus Sans 7f3a";
        layoutJson.push_back(nlohmann::json::parse(
            R"({"type":"textcontainer","page":2,"left":"20.00","bottom":"250.00","width":"170.00","height":"20.00",
                "content":"other","text":"Terms","text_i18n":{},"fontsize":"10.0","fontfamily":"Open Sans","bold":false,
                "italic":false,"color":[0,0,0,1],"align":"left","verticalalign":"top","lineheight":1,"rotation":0})"));
        pdf::LayoutEdit edit;
        edit.name = "Two pages";
        edit.layout = layoutJson;
        edit.background = background->id;
        auto made = pdf::saveLayout(store, demo.eventId, std::nullopt, edit, pdf::EditMode::Replace);
        REQUIRE(made);
        twoPages = made->id;
    }
    auto& layouts = widget<wxChoice>(window, "designer.layout");
    waitUntil(window, [&] { return layouts.FindString("Two pages") != wxNOT_FOUND; });
    choose(layouts, layouts.FindString("Two pages"));
    waitUntil(window, [&] { return demo.panel->layoutId() == twoPages && demo.panel->document() != nullptr; });
    REQUIRE(demo.panel->layoutId() == twoPages);
    const auto& doc = *demo.panel->document();
    REQUIRE(doc.pageCount() == 2);
    auto& canvas = demo.panel->canvas();
    waitUntil(window, [&] { return canvas.pictures() > 0 && !canvas.rendering(); });

    // The missing font is shown, and kept.
    clickElement(canvas, doc, 0);
    REQUIRE(doc.selection() == std::vector<std::size_t>{0});
    CHECK(widget<wxChoice>(window, "designer.prop.fontfamily").GetStringSelection() ==
          "Bogus Sans 7f3a (missing: prints in Open Sans)");

    const std::size_t qr = 9;
    REQUIRE(std::holds_alternative<layout::BarcodeArea>(doc.element(qr)));
    clickElement(canvas, doc, qr);
    REQUIRE(doc.selection() == std::vector<std::size_t>{qr});
    auto& page = widget<wxSpinCtrl>(window, "designer.prop.page");
    CHECK(page.GetValue() == 1);
    CHECK(page.GetMax() == 2);
    const auto before = layout::base(doc.element(qr));
    typeInto(page, "2");
    CHECK(layout::base(doc.element(qr)).page == 2);
    CHECK(layout::base(doc.element(qr)).left == before.left);
    CHECK(layout::base(doc.element(qr)).bottom == before.bottom);
    CHECK(demo.panel->undoText() == "Undo Move 1 element to another page");
    // Nothing else moved.
    for (std::size_t i = 0; i + 1 < doc.size(); ++i) {
        CHECK(layout::base(doc.element(i)).page == (i == qr ? 2 : 1));
    }
    CHECK(styleAt(doc, 0).font.family == "Bogus Sans 7f3a");
}

TEST_CASE("the Designer's preview shows a ticket found by its attendee's name, an add-on with its parent's name") {
    test::TempDir tmp;
    DesignerOnDemo demo(tmp / "preview.sqlite");
    auto& window = demo.window();
    auto& canvas = demo.panel->canvas();
    const auto& doc = *demo.panel->document();
    waitUntil(window, [&] { return canvas.pictures() > 0 && !canvas.rendering(); });

    // From the demo's orders: a ticket whose attendee has an ASCII name (the keyboard types it),
    // and an add-on without a name of its own whose parent has one.
    model::OrderPosition named, addon, parent;
    model::Id previewPosition = 0;
    {
        model::Store store(demo.db);
        for (const auto& order : model::OrderRepository(store).list(demo.eventId, {})) {
            for (const auto& p : order.positions) {
                if (p.canceled) {
                    continue;
                }
                if (named.id == 0 && !p.addonTo && p.attendeeName && p.attendeeName->size() > 6 && ascii(*p.attendeeName)) {
                    named = p;
                }
                if (addon.id == 0 && p.addonTo && (!p.attendeeName || p.attendeeName->empty())) {
                    for (const auto& q : order.positions) {
                        if (q.id == *p.addonTo && q.attendeeName && !q.attendeeName->empty()) {
                            addon = p;
                            parent = q;
                        }
                    }
                }
            }
        }
        auto preview = render::TicketLoader(store).preview(demo.eventId);
        REQUIRE(preview);
        previewPosition = preview->position.id;
    }
    REQUIRE(named.id != 0);
    REQUIRE(addon.id != 0);
    REQUIRE(previewPosition != named.id);

    auto& search = widget<wxSearchCtrl>(window, "designer.preview");
    auto& results = widget<wxListBox>(window, "designer.preview.results");
    auto& status = widget<wxStaticText>(window, "designer.preview.status");
    CHECK_FALSE(results.IsShownOnScreen());
    // The attendee's name as a person types it; Enter takes the first ticket found.
    test::clickWindow(search);
    typeText(*named.attendeeName);
    waitUntil(window, [&] { return results.IsShownOnScreen() && results.GetCount() > 1; });
    REQUIRE(results.GetCount() > 1);
    CHECK(results.GetString(0) == "Sample ticket");
    std::optional<int> row;
    for (unsigned i = 1; i < results.GetCount() && !row; ++i) {
        if (results.GetString(i).StartsWith(wxString::FromUTF8(named.orderCode + "-" + std::to_string(named.positionid) + ", "))) {
            row = static_cast<int>(i);
        }
    }
    REQUIRE(row.has_value());
    wxUIActionSimulator keyboard;
    // The list picks its first ticket; arrows move to the one wanted.
    for (int at = results.GetSelection(); at != *row; at += at < *row ? 1 : -1) {
        keyboard.Char(at < *row ? WXK_DOWN : WXK_UP);
        settle();
    }
    REQUIRE(results.GetSelection() == *row);
    int pictures = canvas.pictures();
    keyboard.Char(WXK_RETURN);
    waitUntil(window, [&] { return canvas.ticket() && canvas.ticket()->position.id == named.id; });
    REQUIRE(canvas.ticket() != nullptr);
    CHECK(canvas.ticket()->position.id == named.id);
    CHECK(canvas.ticket()->position.attendeeName == named.attendeeName);
    CHECK(canvas.ticket()->order.code == named.orderCode);
    waitForPicture(window, canvas, pictures);
    CHECK(status.GetLabel() == wxString::FromUTF8("Showing ticket " + named.orderCode + "-" +
                                                  std::to_string(named.positionid) + ", " + *named.attendeeName));
    // The attendee's text shows that name.
    clickElement(canvas, doc, 2);
    REQUIRE(doc.selection() == std::vector<std::size_t>{2});
    CHECK(widget<wxStaticText>(window, "designer.prop.sample").GetLabel() == wxString::FromUTF8(*named.attendeeName));

    // The add-on, found by its order's code: its parent's name, as its ticket prints.
    test::clickWindow(search);
    keyboard.Char('a', wxMOD_CONTROL);
    settle();
    typeText(addon.orderCode);
    const wxString addonRow = wxString::FromUTF8(addon.orderCode + "-" + std::to_string(addon.positionid) + ", ");
    auto rowOf = [&](const wxString& start) -> int {
        for (unsigned i = 1; i < results.GetCount(); ++i) {
            if (results.GetString(i).StartsWith(start)) {
                return static_cast<int>(i);
            }
        }
        return wxNOT_FOUND;
    };
    waitUntil(window, [&] { return rowOf(addonRow) != wxNOT_FOUND; });
    const int addonAt = rowOf(addonRow);
    REQUIRE(addonAt != wxNOT_FOUND);
    CHECK(results.GetString(static_cast<unsigned>(addonAt)).Contains(wxString::FromUTF8(*parent.attendeeName)));
    CHECK(results.GetString(static_cast<unsigned>(addonAt)).EndsWith("(add-on)"));
    for (int at = results.GetSelection(); at != addonAt; at += at < addonAt ? 1 : -1) {
        keyboard.Char(at < addonAt ? WXK_DOWN : WXK_UP);
        settle();
    }
    pictures = canvas.pictures();
    keyboard.Char(WXK_RETURN);
    waitUntil(window, [&] { return canvas.ticket() && canvas.ticket()->position.id == addon.id; });
    REQUIRE(canvas.ticket()->position.id == addon.id);
    REQUIRE(canvas.ticket()->parent.has_value());
    CHECK(canvas.ticket()->parent->id == parent.id);
    CHECK(layout::Resolver(*canvas.ticket()).text(layout::Content{"attendee_name", {}, {}}, std::nullopt) ==
          *parent.attendeeName);
    waitForPicture(window, canvas, pictures);
    CHECK(status.GetLabel().EndsWith(wxString::FromUTF8(", " + *parent.attendeeName)));
    CHECK(widget<wxStaticText>(window, "designer.prop.sample").GetLabel() == wxString::FromUTF8(*parent.attendeeName));
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(canvas.GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-preview").empty());

    // "Sample ticket" goes back to the ticket the designer opened with.
    test::clickWindow(search);
    for (int at = results.GetSelection(); at > 0; --at) {
        keyboard.Char(WXK_UP);
        settle();
    }
    REQUIRE(results.GetSelection() == 0);
    keyboard.Char(WXK_RETURN);
    waitUntil(window, [&] { return canvas.ticket() && canvas.ticket()->position.id == previewPosition; });
    CHECK(canvas.ticket()->position.id == previewPosition);
    // Esc empties the search and closes the list.
    keyboard.Char(WXK_ESCAPE);
    settle();
    CHECK(search.GetValue().empty());
    CHECK_FALSE(results.IsShownOnScreen());
}

TEST_CASE("the Designer gives a QR code a colour, saved as pretix's color") {
    test::TempDir tmp;
    DesignerOnDemo demo(tmp / "qrcolour.sqlite");
    auto& window = demo.window();
    auto& canvas = demo.panel->canvas();
    const auto& doc = *demo.panel->document();
    waitUntil(window, [&] { return canvas.pictures() > 0 && !canvas.rendering(); });
    const std::size_t qr = test::qrCodeOf(doc.layout());
    REQUIRE_FALSE(std::get<layout::BarcodeArea>(doc.element(qr)).color.has_value());

    // Clicked: the colour row shows black, the colour a QR code without one prints in.
    clickElement(canvas, doc, qr);
    REQUIRE(doc.selection() == std::vector<std::size_t>{qr});
    CHECK(widget<wxStaticText>(window, "designer.prop.heading").GetLabel() == "QR code");
    auto& hex = widget<wxTextCtrl>(window, "designer.prop.color.text");
    CHECK(hex.IsShownOnScreen());
    CHECK(hex.GetValue() == "#000000");

    typeInto(hex, "#204080");
    const auto& colour = std::get<layout::BarcodeArea>(doc.element(qr)).color;
    REQUIRE(colour.has_value());
    CHECK(*colour == layout::Color{0x20, 0x40, 0x80, 1.0});
    CHECK(demo.panel->undoText() == "Undo Change colour of 1 element");

    // Undo: no colour again, as the file had it; redo brings it back.
    test::clickButton(window, "designer.undo");
    CHECK_FALSE(std::get<layout::BarcodeArea>(doc.element(qr)).color.has_value());
    CHECK(hex.GetValue() == "#000000");
    test::clickButton(window, "designer.redo");
    REQUIRE(std::get<layout::BarcodeArea>(doc.element(qr)).color.has_value());

    canvas.SetFocus();
    settle();
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !demo.panel->saving() && !demo.panel->modified(); });
    REQUIRE_FALSE(demo.panel->modified());
    model::Store store(demo.db);
    const auto stored = model::LayoutRepository(store).byId(demo.eventId, *demo.panel->layoutId());
    REQUIRE(stored);
    const auto& json = stored->layout.at(qr);
    CHECK(json.at("type") == "barcodearea");
    REQUIRE(json.contains("color"));
    CHECK(json.at("color").at(0) == 0x20);
    CHECK(json.at("color").at(1) == 0x40);
    CHECK(json.at("color").at(2) == 0x80);
}
