// The Designer's rulers and guides on the demo event's default layout under Xvfb, driven with the
// mouse (wxUIActionSimulator) as a person would: the rulers' 0 mm is the page's corner and their
// ticks are drawn where the canvas puts those millimetres, also after zooming in and scrolling; a
// drag from the left ruler onto the page makes a vertical guide where it was dropped; the QR code
// dragged to within a millimetre of the guide lands on it; the guide dragged along moves, dragged
// back onto its ruler is gone; the Add guide dialog makes a horizontal guide without the mouse. A
// screenshot of a guide being dragged is saved under the build folder.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/layout/Geometry.h"
#include "designer/DesignerCanvas.h"
#include "designer/DesignerPanel.h"
#include "designer/GuideDialog.h"
#include "designer/Rulers.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <wx/choice.h>
#include <wx/dcmemory.h>
#include <wx/radiobox.h>
#include <wx/spinctrl.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using layout::Length;
using layout::Point;
using test::DesignerOnDemo;
using test::DialogAnswers;
using test::settle;
using test::waitUntil;
using test::widget;

void waitForPicture(gui::MainFrame& frame, gui::DesignerCanvas& canvas, int after) {
    waitUntil(frame, [&] { return canvas.pictures() > after && !canvas.rendering(); });
    REQUIRE(canvas.pictures() > after);
    REQUIRE_FALSE(canvas.rendering());
}

// Presses the left button at `from`, moves to `to` in steps and, unless `hold`, lets go there.
void drag(wxPoint from, wxPoint to, bool hold = false) {
    wxUIActionSimulator mouse;
    mouse.MouseMove(from);
    settle();
    mouse.MouseDown();
    settle();
    for (int step = 1; step <= 8; ++step) {
        mouse.MouseMove(from + wxPoint((to.x - from.x) * step / 8, (to.y - from.y) * step / 8));
        settle();
    }
    if (!hold) {
        mouse.MouseUp();
        settle();
    }
}

// What `ruler` draws, as it paints itself. (The screen itself is read once, for the screenshot:
// under Xvfb a second read of the screen gives the first one's pixels again.)
wxImage drawn(gui::Ruler& ruler) {
    wxBitmap bitmap(ruler.GetClientSize(), 24);
    {
        wxMemoryDC memory(bitmap);
        ruler.draw(memory);
    }
    return bitmap.ConvertToImage();
}

// A tick's grey, also where a line is smoothed over two pixels; the ruler's ground is near white.
bool dark(const wxImage& image, int x, int y) {
    return image.GetRed(x, y) + image.GetGreen(x, y) + image.GetBlue(x, y) < 3 * 0xc0;
}

// The page's top left corner, where both rulers count from.
Point pageCorner(const gui::DesignerCanvas& canvas) { return Point{Length{}, Length::pt(canvas.pageSize().height)}; }

// Where `mm` from the page's left (top) edge is on the screen, as the canvas draws the page.
int canvasX(const gui::DesignerCanvas& canvas, double mm) { return canvas.pageToScreen(Point{Length::mm(mm), Length{}}).x; }
int canvasY(const gui::DesignerCanvas& canvas, double mm) {
    return canvas.pageToScreen(Point{Length{}, Length::pt(canvas.pageSize().height) - Length::mm(mm)}).y;
}

// The rulers, as last painted, agree with the canvas on where 0, 10 and 100 mm are, and the top
// ruler draws its ticks there: a tick at 10 mm, none half way to the next one.
void checkRulers(gui::DesignerCanvas& canvas, gui::Ruler& top, gui::Ruler& left) {
    const wxPoint corner = canvas.pageToScreen(pageCorner(canvas));
    CHECK(top.screenOf(0) == corner.x);
    CHECK(left.screenOf(0) == corner.y);
    for (const double mm : {10.0, 100.0}) {
        CHECK(std::abs(top.screenOf(mm) - canvasX(canvas, mm)) <= 1);
        CHECK(std::abs(left.screenOf(mm) - canvasY(canvas, mm)) <= 1);
    }
    const int x0 = top.GetScreenPosition().x;
    const int tick = top.screenOf(10) - x0;
    const int between = (top.screenOf(10) + top.screenOf(10.0 + top.tickStep())) / 2 - x0;
    const wxImage pixels = drawn(top);
    const int row = pixels.GetHeight() - 3;  // in every tick, above the ruler's edge line
    REQUIRE(tick >= 0);
    REQUIRE(between < pixels.GetWidth());
    CHECK(dark(pixels, tick, row));
    CHECK_FALSE(dark(pixels, between, row));
}

} // namespace

TEST_CASE("the Designer's rulers follow the page, and guides dragged from them snap what is dragged") {
    test::TempDir tmp;
    DesignerOnDemo on(tmp / "rulers.sqlite");
    auto& window = on.window();
    auto& canvas = on.panel->canvas();
    const auto& doc = *on.panel->document();
    waitForPicture(window, canvas, 0);
    auto& top = widget<gui::Ruler>(window, "designer.ruler.top");
    auto& left = widget<gui::Ruler>(window, "designer.ruler.left");
    REQUIRE(top.IsShownOnScreen());
    REQUIRE(left.IsShownOnScreen());
    CHECK_FALSE(top.GetToolTipText().empty());  // what a screen reader reads as its description
    CHECK(top.GetLabel() == "Horizontal ruler");
    waitUntil(window, [&] { return top.paints() > 0 && left.paints() > 0; });
    wxUIActionSimulator().MouseMove(window.GetScreenRect().GetBottomRight() - wxPoint(5, 5));  // no pointer mark
    settle();

    // At the fitting zoom: whole millimetres are too close for ticks.
    REQUIRE(canvas.fitting());
    checkRulers(canvas, top, left);
    CHECK(top.tickStep() > 1);
    const double pixelMm = 1.0 / (canvas.pixelsPerPoint() * Length::kPointsPerMm);

    // A drag from the left ruler onto the page: a vertical guide at about 50 mm, its place shown
    // while it is dragged.
    const wxPoint onRuler(left.GetScreenRect().GetX() + left.GetSize().x / 2, canvasY(canvas, 150));
    REQUIRE(left.GetScreenRect().Contains(onRuler));
    const wxPoint at50(canvasX(canvas, 50), canvasY(canvas, 150));
    drag(onRuler, at50, true);
    const auto dragged = canvas.draggedGuide();
    REQUIRE(dragged.has_value());
    CHECK(dragged->vertical);
    CHECK(canvas.pointer().has_value());
    wxUIActionSimulator().MouseUp();
    settle();
    CHECK_FALSE(canvas.draggedGuide().has_value());
    REQUIRE(canvas.guides().size() == 1);
    const layout::Guide guide = canvas.guides().front();
    CHECK(guide.vertical);
    INFO("a pixel is " << pixelMm << " mm; the guide is at " << guide.at.toMm() << " mm");
    CHECK(std::abs(guide.at.toMm() - 50.0) <= pixelMm + 0.05);
    CHECK(std::abs(canvas.rulerMm(guide) - guide.at.toMm()) < 1e-9);  // x counts from the left either way
    CHECK_FALSE(on.panel->modified());  // guides are not the layout's

    // The QR code dragged so that its left edge comes within a millimetre of the guide: it lands on
    // the guide (the drag chosen so that nothing else is as near).
    const std::size_t qr = test::qrCodeOf(doc.layout());
    const layout::Bounds box = doc.frame(qr).box;
    const wxPoint from = canvas.pageToScreen(Point{box.centerX(), box.centerY()});
    const auto targets = test::snapTargetsBesides(doc, qr, canvas);
    const Length pixel = Length::pt(1.0 / canvas.pixelsPerPoint());
    const int towards = static_cast<int>(std::lround((guide.at + Length::mm(0.6) - box.left).toPt() * canvas.pixelsPerPoint()));
    wxPoint to;
    bool found = false;
    for (int y = 0; y <= 90 && !found; y += 3) {
        for (int x = towards - 1; x <= towards + 1 && !found; ++x) {
            to = from + wxPoint(x, y);
            const Length dx = canvas.screenToPage(to).x - canvas.screenToPage(from).x;
            const Length dy = canvas.screenToPage(to).y - canvas.screenToPage(from).y;
            const double gap = std::abs((box.left + dx - guide.at).toMm());
            auto onGuide = [&](double pixels) {
                const auto snap = layout::snapMove(box, dx, dy, targets, pixel * pixels);
                return std::abs((box.left + snap.dx - guide.at).toPt()) < 1e-9;
            };
            found = gap > 0.1 && gap < 1.0 && onGuide(3.0) && onGuide(7.0);
        }
    }
    REQUIRE(found);
    const int pictures = canvas.pictures();
    drag(from, to);
    waitForPicture(window, canvas, pictures);
    CHECK(doc.selection() == std::vector<std::size_t>{qr});
    CHECK(layout::base(doc.element(qr)).left.toMm() == Approx(guide.at.toMm()).margin(1e-9));
    CHECK(on.panel->undoText() == "Undo Move 1 element");

    // Zoomed in to 200 % and scrolled down: the rulers still count from the page's corner, with a
    // tick every millimetre and a number every ten.
    {
        const int picturesNow = canvas.pictures();
        test::chooseEntry(widget<wxChoice>(window, "designer.zoom"), "200 %");
        waitForPicture(window, canvas, picturesNow);
        REQUIRE(canvas.zoom() == 2.0);
    }
    // The pointer away from the canvas: only the scroll itself may tell the rulers.
    wxUIActionSimulator().MouseMove(window.GetScreenRect().GetBottomRight() - wxPoint(5, 5));
    settle();
    const int topPaints = top.paints();
    const int leftPaints = left.paints();
    const int cornerBefore = canvas.pageToScreen(pageCorner(canvas)).y;
    canvas.Scroll(0, 60);
    waitUntil(window, [&] { return top.paints() > topPaints && left.paints() > leftPaints; });
    settle();
    REQUIRE(canvas.pageToScreen(pageCorner(canvas)).y < cornerBefore);  // it did scroll
    checkRulers(canvas, top, left);
    CHECK(top.tickStep() == 1);
    CHECK(top.labelStep() == 10);

    // The guide dragged to the right, where nothing is under the pointer: it moves.
    const wxRect view = canvas.GetScreenRect();
    wxPoint onGuide(canvasX(canvas, guide.at.toMm()), view.GetY() + view.GetHeight() / 2);
    auto nothingAt = [&](wxPoint screen) { return !doc.elementAt(1, canvas.screenToPage(screen), Length::mm(3)); };
    while (!nothingAt(onGuide) && onGuide.y < view.GetBottom() - 10) {
        onGuide.y += 10;
    }
    REQUIRE(view.Contains(onGuide));
    REQUIRE(nothingAt(onGuide));
    drag(onGuide, wxPoint(canvasX(canvas, 60), onGuide.y));
    REQUIRE(canvas.guides().size() == 1);
    CHECK(std::abs(canvas.guides().front().at.toMm() - 60.0) <= 0.3);
    CHECK(layout::base(doc.element(qr)).left.toMm() == Approx(guide.at.toMm()).margin(1e-9));  // the code stays

    // Without the mouse: a horizontal guide 115 mm from the page's top, made in the dialog.
    DialogAnswers dialogs;
    dialogs.answer = [](wxDialog& dialog) {
        auto* asked = dynamic_cast<gui::GuideDialog*>(&dialog);
        REQUIRE(asked != nullptr);
        CHECK(asked->direction().GetSelection() == 0);
        asked->direction().SetSelection(1);
        asked->showDirection();
        CHECK(asked->distance().GetMax() == Approx(297.0).margin(0.01));  // A4's height
        asked->distance().SetValue(115.0);
        return wxID_OK;
    };
    REQUIRE(gui::addGuideFromDialog(on.panel, canvas));
    CHECK(dialogs.asked == 1);
    REQUIRE(canvas.guides().size() == 2);
    const layout::Guide typed = canvas.guides().back();
    CHECK_FALSE(typed.vertical);
    CHECK(canvas.rulerMm(typed) == Approx(115.0));
    CHECK(typed.at.toMm() == Approx(297.0 - 115.0).margin(0.01));
    dialogs.answer = [](wxDialog&) { return wxID_CANCEL; };
    CHECK_FALSE(gui::addGuideFromDialog(on.panel, canvas));
    CHECK(canvas.guides().size() == 2);

    // The vertical guide dragged back onto its ruler: while over the ruler it would be dropped off
    // the canvas, and dropped there it is gone.
    const wxPoint onMoved(canvasX(canvas, canvas.guides().front().at.toMm()), onGuide.y);
    drag(onMoved, wxPoint(canvasX(canvas, 70), onGuide.y), true);
    REQUIRE(canvas.draggedGuide().has_value());
    CHECK(canvas.draggedGuide()->vertical);
    const auto shot = test::saveScreenshot(window, "designer-rulers");
    CHECK_FALSE(shot.empty());
    wxUIActionSimulator mouse;
    mouse.MouseMove(wxPoint(left.GetScreenRect().GetX() + left.GetSize().x / 2, onGuide.y));
    settle();
    CHECK_FALSE(canvas.draggedGuide().has_value());
    mouse.MouseUp();
    settle();
    REQUIRE(canvas.guides().size() == 1);
    CHECK_FALSE(canvas.guides().front().vertical);

    // Clear guides.
    canvas.clearGuides();
    CHECK(canvas.guides().empty());
}
