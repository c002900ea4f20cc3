// The Designer tab on a real store in this process on the Xvfb display: the demo event's default
// layout opens, drawn by the renderer; its QR code dragged with the mouse (wxUIActionSimulator)
// lands where the pointer took it, in the document and, after Save, in the stored layout; Ctrl+Z
// puts it back (the Undo button said "Undo Move 1 element"), the Edit menu names and takes the
// steps too, an arrow key moves it 1 mm; a screenshot of the designer is saved under the build
// folder. Pre-flight, after a person moved a text towards the page's edge and set a new text
// box's font too small: both problems listed, and activating one selects its element and shows
// the ticket that has it worst.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/LayoutRepository.h"
#include "designer/DesignerCanvas.h"
#include "designer/DesignerPanel.h"
#include "designer/PreflightPanel.h"
#include "designer/StepText.h"

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using layout::Length;
using layout::Point;
using test::settle;
using test::waitUntil;
using test::widget;

// Waits until the canvas shows a picture of the document as it is now.
void waitForPicture(gui::MainFrame& frame, gui::DesignerCanvas& canvas, int after) {
    waitUntil(frame, [&] { return canvas.pictures() > after && !canvas.rendering(); });
    REQUIRE(canvas.pictures() > after);
    REQUIRE_FALSE(canvas.rendering());
}

} // namespace

TEST_CASE("the Designer drags the default layout's QR code, saves it, undoes the move and moves it with an arrow key") {
    test::TempDir tmp;
    const auto db = tmp / "designer.sqlite";
    model::Id eventId = 0;
    {
        model::Store store(db);
        const auto demo = importer::ensureDemoEvent(store);
        REQUIRE(demo);
        eventId = demo->eventId;
    }

    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    settle();
    wxUIActionSimulator keyboard;
    window.SetFocus();
    keyboard.Char('3', wxMOD_CONTROL);  // View > Designer
    settle();
    auto& notebook = widget<wxNotebook>(window, "notebook");
    REQUIRE(notebook.GetSelection() == 2);
    auto* panel = dynamic_cast<gui::DesignerPanel*>(wxWindow::FindWindowByName("designer", &window));
    REQUIRE(panel != nullptr);
    auto& canvas = panel->canvas();
    waitUntil(window, [&] { return panel->document() != nullptr && canvas.pictures() > 0 && !canvas.rendering(); });
    REQUIRE(panel->document() != nullptr);
    REQUIRE(panel->layoutId().has_value());
    REQUIRE(canvas.pictures() > 0);
    CHECK(canvas.fitting());
    CHECK(canvas.pageSize().width == Approx(595.28).margin(0.01));  // pretix's default background: A4
    CHECK(widget<wxStaticText>(window, "designer.state").GetLabel() == "All changes saved");
    CHECK_FALSE(widget<wxButton>(window, "designer.undo").IsEnabled());
    const auto& doc = *panel->document();
    CHECK(doc.layout() == layout::defaultLayout());

    // At 100 % (the zoom choice), a drag from the middle of the QR code to a place where nothing
    // snaps (at the fitting zoom the snapping distance of five pixels covers most of the page).
    {
        const int picturesNow = canvas.pictures();
        test::chooseEntry(widget<wxChoice>(window, "designer.zoom"), "100 %");
        waitForPicture(window, canvas, picturesNow);
        CHECK(canvas.zoom() == 1.0);
        CHECK_FALSE(canvas.fitting());
    }
    const std::size_t qr = test::qrCodeOf(doc.layout());
    const auto before = layout::base(doc.element(qr));
    const auto box = doc.frame(qr).box;
    const wxPoint from = canvas.pageToScreen(Point{box.centerX(), box.centerY()});
    const Length pixel = canvas.screenToPage(from + wxPoint(1, 0)).x - canvas.screenToPage(from).x;
    REQUIRE(pixel > Length{});
    const auto targets = test::snapTargetsBesides(doc, qr, canvas);
    wxPoint to;
    Length dx, dy;
    bool found = false;
    for (int x = -40; x >= -160 && !found; x -= 3) {
        for (int y = 30; y <= 150 && !found; y += 3) {
            to = from + wxPoint(x, y);
            dx = canvas.screenToPage(to).x - canvas.screenToPage(from).x;
            dy = canvas.screenToPage(to).y - canvas.screenToPage(from).y;
            // Seven pixels of tolerance where the canvas snaps within five.
            found = layout::snapMove(box, dx, dy, targets, pixel * 7.0).lines.empty();
        }
    }
    INFO("a pixel is " << pixel.toMm() << " mm; zoom " << canvas.zoom() << "; canvas " << canvas.GetClientSize().x << "x" << canvas.GetClientSize().y << "; from " << from.x << "," << from.y);
    REQUIRE(found);
    const int picturesBefore = canvas.pictures();
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(from);
        settle();
        mouse.MouseDown();
        settle();
        for (int step = 1; step <= 8; ++step) {
            mouse.MouseMove(from + wxPoint((to.x - from.x) * step / 8, (to.y - from.y) * step / 8));
            settle();
        }
        mouse.MouseUp();
        settle();
    }
    waitForPicture(window, canvas, picturesBefore);
    REQUIRE(doc.selection() == std::vector<std::size_t>{qr});
    const auto moved = layout::base(doc.element(qr));
    INFO("dragged by " << dx.toMm() << " mm, " << dy.toMm() << " mm; now at " << moved.left.toMm() << ", "
                       << moved.bottom.toMm());
    CHECK(std::abs((moved.left - before.left - dx).toMm()) < 0.5);
    CHECK(std::abs((moved.bottom - before.bottom - dy).toMm()) < 0.5);
    CHECK(dx.toMm() < -10.0);  // it really went somewhere
    CHECK(dy.toMm() < -10.0);  // down the page: y grows upwards
    // One drag, one step, and the buttons say so.
    CHECK(panel->undoText() == "Undo Move 1 element");
    CHECK(widget<wxButton>(window, "designer.undo").GetToolTipText() == "Undo Move 1 element (Ctrl+Z)");
    CHECK(panel->modified());
    CHECK(widget<wxStaticText>(window, "designer.state").GetLabel() == "Unsaved changes");
    CHECK(notebook.GetPageText(2) == "Designer *");

    // Saved: the stored layout has the QR code where it was dropped.
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    REQUIRE_FALSE(panel->modified());
    CHECK(widget<wxStaticText>(window, "designer.state").GetLabel() == "All changes saved");
    CHECK(notebook.GetPageText(2) == "Designer");
    {
        model::Store store(db);
        const auto stored = model::LayoutRepository(store).byId(eventId, *panel->layoutId());
        REQUIRE(stored);
        auto parsed = layout::parseLayout(stored->layout);
        REQUIRE(parsed);
        REQUIRE(parsed->elements.size() == doc.size());
        const auto saved = layout::base(parsed->elements[qr]);
        CHECK(std::abs((saved.left - before.left - dx).toMm()) < 0.5);
        CHECK(std::abs((saved.bottom - before.bottom - dy).toMm()) < 0.5);
    }
    // The reload the save caused kept the document (and its history).
    CHECK(panel->document() == &doc);
    CHECK(panel->undoText() == "Undo Move 1 element");

    // Ctrl+Z on the canvas puts it back.
    canvas.SetFocus();
    settle();
    keyboard.Char('z', wxMOD_CONTROL);
    settle();
    CHECK(layout::base(doc.element(qr)) == before);
    CHECK(panel->redoText() == "Redo Move 1 element");
    CHECK(panel->modified());

    // The Edit menu names the steps as the buttons do, and its items take them.
    auto& menus = *window.GetMenuBar();
    auto chooseMenu = [&](int id) {
        window.DoMenuUpdates();
        REQUIRE(menus.IsEnabled(id));
        wxCommandEvent choose(wxEVT_MENU, id);
        choose.SetEventObject(&window);
        window.ProcessWindowEvent(choose);
        settle();
    };
    window.DoMenuUpdates();
    CHECK(menus.GetLabel(gui::MainFrame::kRedoId) == "&Redo Move 1 element");
    CHECK(menus.GetLabel(gui::MainFrame::kUndoId) == "&Undo");
    CHECK_FALSE(menus.IsEnabled(gui::MainFrame::kUndoId));
    chooseMenu(gui::MainFrame::kRedoId);
    CHECK(layout::base(doc.element(qr)) == moved);
    window.DoMenuUpdates();
    CHECK(menus.GetLabel(gui::MainFrame::kUndoId) == "&Undo Move 1 element");
    chooseMenu(gui::MainFrame::kUndoId);
    CHECK(layout::base(doc.element(qr)) == before);
    canvas.SetFocus();
    settle();

    // An arrow key moves the selection 1 mm.
    REQUIRE(doc.selection() == std::vector<std::size_t>{qr});
    keyboard.Char(WXK_RIGHT);
    settle();
    const auto nudged = layout::base(doc.element(qr));
    CHECK((nudged.left - before.left).toMm() == Approx(1.0).margin(1e-9));
    CHECK(nudged.bottom == before.bottom);
    CHECK(panel->undoText() == "Undo Move 1 element");

    // Ctrl+0 fits the page again; the picture follows, then the screenshot.
    keyboard.Char('0', wxMOD_CONTROL);
    settle();
    CHECK(canvas.fitting());
    CHECK(widget<wxChoice>(window, "designer.zoom").GetStringSelection() == "Fit page");
    waitUntil(window, [&] { return !canvas.rendering(); });
    REQUIRE_FALSE(canvas.rendering());
    // The pointer out of the way (a tooltip of the last button it was on would cover the tools).
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(canvas.GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-default-layout").empty());
}

namespace {

// Types `value` into the properties' spin control `name` and presses Enter, as a person does.
void typeInto(gui::MainFrame& window, const char* name, const char* value) {
    auto& spin = widget<wxSpinCtrlDouble>(window, name);
    REQUIRE(spin.IsShownOnScreen());
    // Scrolled into view in the properties, as tabbing to it does.
    spin.SetFocus();
    settle();
    // Into its text, left of the buttons that step the value.
    test::clickAt(spin.GetScreenRect().GetPosition() + wxPoint(spin.FromDIP(12), spin.GetSize().y / 2));
    wxUIActionSimulator keyboard;
    keyboard.Char('a', wxMOD_CONTROL);
    settle();
    keyboard.Text(value);
    keyboard.Char(WXK_RETURN);
    settle();
}

} // namespace

TEST_CASE("the Designer's pre-flight lists the problems of the layout as edited and shows the ticket of one") {
    test::TempDir tmp;
    const auto db = tmp / "preflight.sqlite";
    {
        model::Store store(db);
        REQUIRE(importer::ensureDemoEvent(store));
    }
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    window.SetSize(wxSize(1280, 800));
    settle();
    wxUIActionSimulator keyboard;
    window.SetFocus();
    keyboard.Char('3', wxMOD_CONTROL);  // View > Designer
    settle();
    auto* panel = dynamic_cast<gui::DesignerPanel*>(wxWindow::FindWindowByName("designer", &window));
    REQUIRE(panel != nullptr);
    auto& canvas = panel->canvas();
    waitUntil(window, [&] { return panel->document() != nullptr && canvas.pictures() > 0 && !canvas.rendering(); });
    REQUIRE(panel->document() != nullptr);
    const auto& doc = *panel->document();
    auto& preflight = panel->preflight();
    CHECK(widget<wxButton>(window, "designer.preflight.run").IsEnabled());
    CHECK_FALSE(widget<wxButton>(window, "designer.preflight.cancel").IsEnabled());
    CHECK(widget<wxSpinCtrlDouble>(window, "designer.preflight.minFont").GetValue() == 6.0);
    CHECK(widget<wxSpinCtrl>(window, "designer.preflight.dpi").GetValue() == 300);

    // The attendee's name (the default layout's third text) clicked on the canvas and moved to
    // 180 mm from the left in the properties: the names reach past the page's right edge.
    const std::size_t name = 2;
    REQUIRE(std::get<layout::TextArea>(doc.element(name)).content.content == "attendee_name");
    {
        const auto box = doc.frame(name).box;
        test::clickAt(canvas.pageToScreen(Point{box.left + Length::mm(5), box.centerY()}));
    }
    REQUIRE(doc.selection() == std::vector<std::size_t>{name});
    typeInto(window, "designer.prop.x", "180");
    REQUIRE(layout::base(doc.element(name)).left.toMm() == Approx(180.0).margin(0.01));

    // A new text box (selected once added) with its font at 3 pt, below the legible 6 pt.
    test::clickButton(window, "designer.add.textbox");
    const std::size_t box = doc.size() - 1;
    REQUIRE(std::holds_alternative<layout::TextContainer>(doc.element(box)));
    REQUIRE(doc.selection() == std::vector<std::size_t>{box});
    typeInto(window, "designer.prop.fontsize", "3");
    REQUIRE(std::get<layout::TextContainer>(doc.element(box)).style.fontSize == Approx(3.0));
    REQUIRE(panel->modified());

    // Cancel, pressed as the check starts, stops it at its first ticket and says so.
    auto press = [&](const char* button) {
        auto& b = widget<wxButton>(window, button);
        REQUIRE(b.IsEnabled());
        wxCommandEvent click(wxEVT_BUTTON, b.GetId());
        click.SetEventObject(&b);
        b.ProcessWindowEvent(click);
    };
    press("designer.preflight.run");
    REQUIRE(preflight.running());
    CHECK_FALSE(widget<wxButton>(window, "designer.preflight.run").IsEnabled());
    press("designer.preflight.cancel");
    waitUntil(window, [&] { return !preflight.running(); });
    REQUIRE_FALSE(preflight.running());
    // (At its first ticket unless the worker was quicker than the click: the count may differ.)
    CHECK(widget<wxStaticText>(window, "designer.preflight.summary").GetLabel().Matches("Cancelled after * ticket*"));
    CHECK_FALSE(widget<wxButton>(window, "designer.preflight.cancel").IsEnabled());

    // Pre-flight checks the layout as edited, not as stored. The simulated click arrives a moment
    // later: until then the cancelled run's summary stands.
    test::clickButton(window, "designer.preflight.run");
    waitUntil(window, [&] {
        return !preflight.running() &&
               !widget<wxStaticText>(window, "designer.preflight.summary").GetLabel().StartsWith("Cancelled");
    }, 60);
    REQUIRE_FALSE(preflight.running());
    const auto& rows = preflight.rows();
    auto& list = preflight.list();
    REQUIRE(list.GetItemCount() == static_cast<int>(rows.size()));
    auto rowOf = [&](render::PreflightKind kind, std::size_t element) -> long {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i].problem.kind == kind && rows[i].problem.element == element) {
                return static_cast<long>(i);
            }
        }
        return -1;
    };
    const long small = rowOf(render::PreflightKind::TextTooSmall, box);
    const long off = rowOf(render::PreflightKind::OffPage, name);
    REQUIRE(small >= 0);
    REQUIRE(off >= 0);
    const auto summary = widget<wxStaticText>(window, "designer.preflight.summary").GetLabel();
    INFO("summary: " << summary);
    CHECK(summary.Matches(wxString::Format(wxS("%zu problems in * tickets"), rows.size())));
    CHECK(list.GetItemText(small, 0) == "Text too small");
    CHECK(list.GetItemText(small, 1).StartsWith(wxString::Format(wxS("%zu: Text box, "), box + 1)));
    CHECK(list.GetItemText(small, 4).StartsWith("set to 3 pt"));
    const auto& offRow = rows[static_cast<std::size_t>(off)];
    REQUIRE(offRow.problem.positionId.has_value());
    REQUIRE(offRow.ticket != nullptr);
    CHECK(offRow.problem.tickets > 0);
    CHECK(list.GetItemText(off, 0) == "Off the page");
    CHECK(list.GetItemText(off, 1) == "3: Text (legacy), Attendee name");
    CHECK(list.GetItemText(off, 3).StartsWith(wxString::FromUTF8(offRow.ticket->order.code) + "-"));
    CHECK(list.GetItemText(off, 4).StartsWith("off the page by "));
    CHECK(list.GetItemText(off, 4).Contains(" mm"));

    // Enter on the row selects the name on the canvas and shows that ticket's data.
    const int picturesBefore = canvas.pictures();
    test::selectRow(list, off);
    keyboard.Char(WXK_RETURN);
    settle();
    CHECK(doc.selection() == std::vector<std::size_t>{name});
    REQUIRE(canvas.ticket() != nullptr);
    CHECK(canvas.ticket()->position.id == *offRow.problem.positionId);
    waitForPicture(window, canvas, picturesBefore);
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(canvas.GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-preflight").empty());
}

TEST_CASE("the designer's undo labels name the step and how many elements it touched") {
    CHECK(gui::stepText({layout::EditKind::Move, 1}) == "Move 1 element");
    CHECK(gui::stepText({layout::EditKind::Move, 3}) == "Move 3 elements");
    CHECK(gui::stepText({layout::EditKind::Change, 1}) == "Change 1 element");
    CHECK(gui::stepText({layout::EditKind::Replace, 11}) == "Replace the layout");
    CHECK(gui::undoText(layout::StepLabel{layout::EditKind::Delete, 2}) == "Undo Delete 2 elements");
    CHECK(gui::redoText(layout::StepLabel{layout::EditKind::Paste, 1}) == "Redo Paste 1 element");
    // A removed page is named by its number, however many elements went with it.
    CHECK(gui::undoText(layout::StepLabel{layout::EditKind::RemovePage, 3, layout::Property::Unnamed, 2}) ==
          "Undo Remove page 2");
    CHECK(gui::undoText(std::nullopt) == "Undo");
    CHECK(gui::redoText(std::nullopt) == "Redo");
}
