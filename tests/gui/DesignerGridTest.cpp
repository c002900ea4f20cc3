// The Designer's millimetre grid, Fit width and pinch zoom on the demo event's default layout under
// Xvfb, driven as a person would. The grid: shown by its check box (remembered in the desk's
// preferences) and shown and hidden with Ctrl+' on the canvas; the QR code dragged with the mouse
// lands off the millimetres with the grid hidden and on whole millimetres with it shown, a text's
// right edge dragged by its handle too, an Alt+arrow still moves by a tenth of a millimetre; the
// lines are drawn, the stronger ones every 10 mm (the canvas drawn into a bitmap). Fit width: the page's width fills the canvas,
// which scrolls down, also after the window narrows, until another zoom is chosen. A pinch (a
// wxZoomGestureEvent as a touchpad sends it, which Xvfb has not): the zoom follows the fingers'
// factor within 25-800 %, the zoom choice with it, and the page point under the fingers stays
// under them. Each test saves a screenshot under the build folder.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/desk/Preferences.h"
#include "boxoffice/layout/Geometry.h"
#include "boxoffice/layout/Grid.h"
#include "designer/DesignerCanvas.h"
#include "designer/DesignerPanel.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dcmemory.h>
#include <wx/image.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using layout::Length;
using layout::Point;
using test::DesignerOnDemo;
using test::settle;
using test::waitUntil;
using test::widget;

constexpr int kMarginDip = 24;  // the canvas's grey around the page

void waitForPicture(gui::MainFrame& frame, gui::DesignerCanvas& canvas, int after) {
    waitUntil(frame, [&] { return canvas.pictures() > after && !canvas.rendering(); });
    REQUIRE(canvas.pictures() > after);
    REQUIRE_FALSE(canvas.rendering());
}

void chooseZoom(gui::MainFrame& frame, gui::DesignerCanvas& canvas, const char* entry) {
    const int pictures = canvas.pictures();
    test::chooseEntry(widget<wxChoice>(frame, "designer.zoom"), wxString::FromUTF8(entry));
    waitForPicture(frame, canvas, pictures);
}

// Presses the left button at `from`, moves to `to` in steps and lets go there.
void drag(wxPoint from, wxPoint to) {
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

// How far a length is from the nearest whole millimetre.
double offMm(Length l) { return std::abs(l.toMm() - std::round(l.toMm())); }

// The page point under a point of the canvas window, and where a page point is in the window.
Point pageAt(const gui::DesignerCanvas& canvas, wxPoint client) { return canvas.screenToPage(canvas.ClientToScreen(client)); }
wxPoint clientOf(const gui::DesignerCanvas& canvas, Point p) { return canvas.ScreenToClient(canvas.pageToScreen(p)); }

// A pinch as the platform reports one: a factor from the gesture's start, at `client`.
void pinch(gui::DesignerCanvas& canvas, wxPoint client, double factor, bool start = false, bool end = false) {
    wxZoomGestureEvent event(canvas.GetId());
    event.SetEventObject(&canvas);
    event.SetPosition(client);
    event.SetZoomFactor(factor);
    event.SetGestureStart(start);
    event.SetGestureEnd(end);
    canvas.ProcessWindowEvent(event);
}

// The page's width on the screen, in pixels.
int pageWidthOnScreen(const gui::DesignerCanvas& canvas) {
    return canvas.pageToScreen(Point{Length::pt(canvas.pageSize().width), Length{}}).x -
           canvas.pageToScreen(Point{Length{}, Length{}}).x;
}

} // namespace

TEST_CASE("the Designer's grid shows with its check box or Ctrl+', and what is dragged lands on whole millimetres") {
    test::TempDir tmp;
    DesignerOnDemo on(tmp / "grid.sqlite");
    auto& window = on.window();
    auto& canvas = on.panel->canvas();
    const auto& doc = *on.panel->document();
    waitForPicture(window, canvas, 0);
    auto& grid = widget<wxCheckBox>(window, "designer.grid");
    CHECK(grid.GetLabel() == "Grid");
    CHECK_FALSE(grid.GetToolTipText().empty());  // what a screen reader reads as its description
    CHECK_FALSE(grid.GetValue());
    CHECK_FALSE(canvas.gridShown());
    CHECK_FALSE(canvas.gridStep().has_value());

    // At 100 %: a drag of the QR code where neither another element nor the page is within
    // snapping reach, and that leaves it between the millimetres.
    chooseZoom(window, canvas, "100 %");
    const std::size_t qr = test::qrCodeOf(doc.layout());
    const auto before = layout::base(doc.element(qr));
    const layout::Bounds box = doc.frame(qr).box;
    const wxPoint from = canvas.pageToScreen(Point{box.centerX(), box.centerY()});
    const Length pixel = Length::pt(1.0 / canvas.pixelsPerPoint());
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
            found = layout::snapMove(box, dx, dy, targets, pixel * 7.0).lines.empty() && offMm(box.left + dx) > 0.15 &&
                    offMm(box.bottom + dy) > 0.15;
        }
    }
    REQUIRE(found);
    INFO("dragged by " << dx.toMm() << " mm, " << dy.toMm() << " mm from " << before.left.toMm() << ", "
                       << before.bottom.toMm());

    // The grid hidden: the code lands where the pointer took it, between the millimetres.
    int pictures = canvas.pictures();
    drag(from, to);
    waitForPicture(window, canvas, pictures);
    REQUIRE(doc.selection() == std::vector<std::size_t>{qr});
    CHECK(layout::base(doc.element(qr)).left.toMm() == Approx((before.left + dx).toMm()).margin(0.01));
    CHECK(layout::base(doc.element(qr)).bottom.toMm() == Approx((before.bottom + dy).toMm()).margin(0.01));
    CHECK(offMm(layout::base(doc.element(qr)).left) > 0.1);
    CHECK(offMm(layout::base(doc.element(qr)).bottom) > 0.1);
    wxUIActionSimulator keyboard;
    keyboard.Char('z', wxMOD_CONTROL);
    settle();
    REQUIRE(layout::base(doc.element(qr)) == before);

    // The check box shows it: at 100 % a line every 5 mm (1 mm would be under 8 pixels apart).
    test::clickWindow(grid);
    CHECK(grid.GetValue());
    REQUIRE(canvas.gridShown());
    CHECK(canvas.gridStep() == layout::GridStep{5, 10});
    CHECK_FALSE(on.panel->modified());  // view state, not the layout's
    test::waitForTasks(window);
    {
        model::Store store(on.db);
        CHECK(desk::preference(store, "designer.grid") == std::optional<std::string>("1"));
    }

    // The same drag: the code's lower-left corner lands on whole millimetres, the nearest ones.
    pictures = canvas.pictures();
    drag(from, to);
    waitForPicture(window, canvas, pictures);
    REQUIRE(doc.selection() == std::vector<std::size_t>{qr});
    const auto gridded = layout::base(doc.element(qr));
    INFO("with the grid at " << gridded.left.toMm() << ", " << gridded.bottom.toMm());
    // (From the page's top, which pretix's A4 has a hair below 297 mm; the file keeps hundredths.)
    CHECK(offMm(gridded.left) < 1e-3);
    CHECK(offMm(gridded.bottom) < 1e-3);
    CHECK(std::abs((gridded.left - before.left - dx).toMm()) <= 0.5 + 1e-6);
    CHECK(std::abs((gridded.bottom - before.bottom - dy).toMm()) <= 0.5 + 1e-6);
    CHECK(on.panel->undoText() == "Undo Move 1 element");

    // The arrow keys are not snapped: Alt+Right moves it a tenth of a millimetre off the grid.
    canvas.SetFocus();
    settle();
    keyboard.Char(WXK_RIGHT, wxMOD_ALT);
    settle();
    CHECK((layout::base(doc.element(qr)).left - gridded.left).toMm() == Approx(0.1).margin(1e-9));

    // A text's right edge dragged by its handle lands on a whole millimetre too. The text is the
    // second of pretix's default layout (17.5 mm from the left, 110 mm wide), selected by a click.
    const std::size_t text = 1;
    REQUIRE(std::holds_alternative<layout::TextArea>(doc.element(text)));
    const layout::Frame frame = doc.frame(text);
    test::clickAt(canvas.pageToScreen(Point{frame.box.left + Length::mm(5), frame.box.centerY()}));
    REQUIRE(doc.selection() == std::vector<std::size_t>{text});
    const wxPoint handle = canvas.pageToScreen(layout::handlePoint(frame, layout::Handle::Right, Length{}));
    const auto textTargets = test::snapTargetsBesides(doc, text, canvas);
    wxPoint handleTo;
    found = false;
    for (int x = 20; x <= 120 && !found; x += 2) {
        handleTo = handle + wxPoint(x, 0);
        const Point p = canvas.screenToPage(handleTo);
        found = layout::snapResize(frame, layout::Handle::Right, p, textTargets, pixel * 7.0).lines.empty() &&
                offMm(p.x) > 0.15;
    }
    REQUIRE(found);
    pictures = canvas.pictures();
    drag(handle, handleTo);
    waitForPicture(window, canvas, pictures);
    const Length right = doc.frame(text).box.right();
    INFO("the text's right edge dragged to " << canvas.screenToPage(handleTo).x.toMm() << " mm is at " << right.toMm()
                                            << " mm");
    CHECK(offMm(right) < 1e-3);
    CHECK(std::abs((right - canvas.screenToPage(handleTo).x).toMm()) <= 0.5 + 1e-6);
    CHECK(on.panel->undoText() == "Undo Resize 1 element");

    // Ctrl+' on the canvas hides it and shows it again; the check box follows.
    canvas.SetFocus();
    settle();
    keyboard.Char('\'', wxMOD_CONTROL);
    settle();
    CHECK_FALSE(canvas.gridShown());
    CHECK_FALSE(grid.GetValue());
    keyboard.Char('\'', wxMOD_CONTROL);
    settle();
    REQUIRE(canvas.gridShown());
    CHECK(grid.GetValue());

    // Undone, the resize and both moves: the layout as it was, the grid still shown.
    for (int step = 0; step < 3; ++step) {
        keyboard.Char('z', wxMOD_CONTROL);
        settle();
    }
    CHECK(layout::base(doc.element(qr)) == before);
    CHECK(doc.frame(text).box == frame.box);
    CHECK_FALSE(on.panel->modified());
    CHECK(canvas.gridShown());

    // Zoomed in to 300 %: a line every millimetre.
    chooseZoom(window, canvas, "300 %");
    CHECK(canvas.gridStep() == layout::GridStep{1, 10});
    chooseZoom(window, canvas, "25 %");
    CHECK(canvas.gridStep() == layout::GridStep{10, 50});

    // Back at 100 % the lines are on the screen: along a stretch of the page below the ticket
    // (plain white in pretix's background), the 100 mm line darker than the page beside it, and
    // darker than the 95 mm one (every 10 mm a stronger line).
    chooseZoom(window, canvas, "100 %");
    CHECK(canvas.gridStep() == layout::GridStep{5, 10});
    {
        // The ticket's lower half and the white below it in the middle of the window.
        const wxPoint area = canvas.CalcUnscrolledPosition(clientOf(canvas, Point{Length::mm(100), Length::mm(175)}));
        const wxSize client = canvas.GetClientSize();
        const int unit = canvas.FromDIP(10);
        canvas.Scroll(std::max(0, (area.x - client.x / 2) / unit), std::max(0, (area.y - client.y / 2) / unit));
    }
    wxUIActionSimulator().MouseMove(window.GetScreenRect().GetBottomRight() - wxPoint(5, 5));
    settle();
    const auto shot = test::saveScreenshot(window, "designer-grid");
    CHECK_FALSE(shot.empty());
    // What the canvas draws, as it paints itself (the screen is read once a process: see
    // saveScreenshot).
    wxBitmap bitmap(canvas.GetClientSize(), 24);
    {
        wxMemoryDC memory(bitmap);
        canvas.draw(memory);
    }
    const wxImage image = bitmap.ConvertToImage();
    auto brightness = [&](Point p, int shift) {
        const wxPoint at = clientOf(canvas, p) + wxPoint(shift, 0);
        REQUIRE(wxRect(image.GetSize()).Contains(at));
        return image.GetRed(at.x, at.y) + image.GetGreen(at.x, at.y) + image.GetBlue(at.x, at.y);
    };
    int darker = 0;
    int stronger = 0;
    for (int k = 0; k < 10; ++k) {
        const Point on100{Length::mm(100), Length::mm(145.5 + k)};
        const Point on95{Length::mm(95), on100.y};
        const int line = brightness(on100, 0);
        const int page = brightness(on100, 3);
        darker += line < page && page > 3 * 0xf0 ? 1 : 0;  // the page beside it white
        stronger += line < brightness(on95, 0) ? 1 : 0;
    }
    CHECK(darker == 10);
    CHECK(stronger == 10);
}

TEST_CASE("the Designer's Fit width fills the canvas with the page's width, and a pinch zooms around the fingers") {
    test::TempDir tmp;
    DesignerOnDemo on(tmp / "zoom.sqlite");
    auto& window = on.window();
    auto& canvas = on.panel->canvas();
    waitForPicture(window, canvas, 0);
    auto& zoom = widget<wxChoice>(window, "designer.zoom");
    CHECK(zoom.GetString(0) == "Fit page");
    CHECK(zoom.GetString(1) == "Fit width");
    REQUIRE(canvas.fitting());

    // Fit width: the page's width fills the canvas but for the grey margins; no scrolling sideways,
    // the rest of the page below.
    chooseZoom(window, canvas, "Fit width");
    CHECK(canvas.fit() == gui::DesignerCanvas::Fit::Width);
    CHECK_FALSE(canvas.fitting());
    CHECK(zoom.GetStringSelection() == "Fit width");
    const int margin = 2 * canvas.FromDIP(kMarginDip);
    auto fillsWidth = [&] {
        INFO("page " << pageWidthOnScreen(canvas) << " pixels wide in a canvas " << canvas.GetClientSize().x
                     << " wide, scrolling over " << canvas.GetVirtualSize().x << " x " << canvas.GetVirtualSize().y);
        CHECK(std::abs(pageWidthOnScreen(canvas) - (canvas.GetClientSize().x - margin)) <= 3);
        CHECK(canvas.GetVirtualSize().x <= canvas.GetClientSize().x);
        CHECK(canvas.GetVirtualSize().y > canvas.GetClientSize().y);
    };
    fillsWidth();
    const double wide = canvas.zoom();
    CHECK(wide > canvas.fitZoom(gui::DesignerCanvas::Fit::Page));

    // The window narrower: the zoom follows, the choice still says Fit width.
    int pictures = canvas.pictures();
    window.SetSize(wxSize(1100, 800));
    waitForPicture(window, canvas, pictures);
    settle();
    CHECK(canvas.zoom() < wide);
    CHECK(canvas.fit() == gui::DesignerCanvas::Fit::Width);
    CHECK(zoom.GetStringSelection() == "Fit width");
    fillsWidth();
    const auto shot = test::saveScreenshot(window, "designer-fit-width");
    CHECK_FALSE(shot.empty());

    // Another zoom chosen: the window's size no longer changes it.
    chooseZoom(window, canvas, "100 %");
    CHECK(canvas.fit() == gui::DesignerCanvas::Fit::None);
    window.SetSize(wxSize(1280, 800));
    settle();
    CHECK(canvas.zoom() == 1.0);

    // A pinch over the page, the fingers spreading to twice their distance: 200 %, and the page
    // point that was under them is still there (as near as the scroll unit of 10 pixels allows).
    const wxPoint fingers(canvas.GetClientSize().x / 2, canvas.GetClientSize().y / 2);
    const Point under = pageAt(canvas, fingers);
    const int unit = canvas.FromDIP(10);
    auto stillUnder = [&](Point p, wxPoint client) {
        const wxPoint now = clientOf(canvas, p);
        INFO("the page point is at " << now.x << "," << now.y << ", the fingers at " << client.x << "," << client.y);
        CHECK(std::abs(now.x - client.x) <= unit / 2 + 1);
        CHECK(std::abs(now.y - client.y) <= unit / 2 + 1);
    };
    pictures = canvas.pictures();
    pinch(canvas, fingers, 1.0, true);
    CHECK(canvas.zoom() == 1.0);
    pinch(canvas, fingers, 1.5);
    CHECK(canvas.zoom() == Approx(1.5));
    stillUnder(under, fingers);
    pinch(canvas, fingers, 2.0, false, true);
    waitForPicture(window, canvas, pictures);
    CHECK(canvas.zoom() == Approx(2.0));
    CHECK(zoom.GetStringSelection() == "200 %");
    stillUnder(under, fingers);

    // The fingers moving while they pinch: the page point under them at the start goes with them.
    const wxPoint moved = fingers + wxPoint(-60, 40);
    const Point under2 = pageAt(canvas, fingers);
    pinch(canvas, fingers, 1.0, true);
    pinch(canvas, moved, 1.25, false, true);
    CHECK(canvas.zoom() == Approx(2.5));
    CHECK(zoom.GetStringSelection() == "250 %");  // between the steps: an entry of its own
    stillUnder(under2, moved);

    // No further than 800 % and 25 %.
    pinch(canvas, fingers, 1.0, true);
    pinch(canvas, fingers, 10.0, false, true);
    CHECK(canvas.zoom() == gui::DesignerCanvas::kMaxZoom);
    CHECK(zoom.GetStringSelection() == "800 %");
    pictures = canvas.pictures();
    pinch(canvas, fingers, 1.0, true);
    pinch(canvas, fingers, 0.001, false, true);
    waitForPicture(window, canvas, pictures);
    CHECK(canvas.zoom() == gui::DesignerCanvas::kMinZoom);
    CHECK(zoom.GetStringSelection() == "25 %");
}
