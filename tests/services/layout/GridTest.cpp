// The designer's millimetre grid without a display: the step chosen for a zoom (never lines closer
// than the gap asked for), the lines of a page side that lie in the part shown (none on the page's
// edges, the stronger ones every 10 mm), and a box moved or resized with the grid landing on the
// lines drawn, which count from the page's top-left corner as the rulers do.
#include <catch2/catch.hpp>

#include "boxoffice/layout/Geometry.h"
#include "boxoffice/layout/Grid.h"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace boxoffice::layout;

namespace {

Length mm(double v) { return Length::mm(v); }

// Screen pixels per millimetre at `zoom` on a 96 dpi screen, as the canvas has them.
double pixelsPerMm(double zoom) { return zoom * 96.0 / 25.4; }

// The lines' places in millimetres, to a thousandth (a Length keeps points).
std::vector<double> positionsMm(const std::vector<GridLine>& lines) {
    std::vector<double> out;
    for (const auto& line : lines) {
        out.push_back(std::round(line.at.toMm() * 1000.0) / 1000.0);
    }
    return out;
}

const Length kA4Width = Length::pt(595.28);
const Length kA4Height = Length::pt(841.89);  // a hair less than 297 mm

}  // namespace

TEST_CASE("the grid is as fine as the zoom allows, its lines never closer than the gap", "[layout][grid]") {
    CHECK(gridStepFor(pixelsPerMm(3.0), 8.0) == GridStep{1, 10});  // 11.3 pixels a millimetre
    CHECK(gridStepFor(pixelsPerMm(1.0), 8.0) == GridStep{5, 10});  // 3.8: 5 mm are 18.9 pixels
    CHECK(gridStepFor(pixelsPerMm(0.25), 8.0) == GridStep{10, 50});  // 5 mm would be 4.7 pixels
    CHECK_FALSE(gridStepFor(pixelsPerMm(0.1), 8.0).has_value());     // even 10 mm are 3.8 pixels
    // A gap of exactly the minimum is enough.
    CHECK(gridStepFor(8.0, 8.0) == GridStep{1, 10});
    CHECK(gridStepFor(7.99, 8.0) == GridStep{5, 10});
    // Whatever the zoom, the chosen lines are at least the gap apart.
    for (double zoom = 0.25; zoom <= 8.0; zoom *= 1.1) {
        const auto step = gridStepFor(pixelsPerMm(zoom), 8.0);
        REQUIRE(step.has_value());
        CHECK(step->minorMm * pixelsPerMm(zoom) >= 8.0);
        CHECK(step->majorMm % step->minorMm == 0);
    }
}

TEST_CASE("a page side's grid lines are those inside the page and in the part shown", "[layout][grid]") {
    SECTION("the whole width of an A4 page, a line every 5 mm") {
        const auto lines = gridLines(GridStep{5, 10}, kA4Width, Length{}, kA4Width);
        REQUIRE(lines.size() == 41);  // 5 to 205 mm: none on the edges at 0 and 210 mm
        CHECK(lines.front() == GridLine{mm(5), false});
        CHECK(lines[1] == GridLine{mm(10), true});
        CHECK(lines.back() == GridLine{mm(205), false});
        CHECK(std::count_if(lines.begin(), lines.end(), [](const GridLine& l) { return l.major; }) == 20);
    }
    SECTION("the height of an A4 page: none on its top edge, which is a hair below 297 mm") {
        const auto lines = gridLines(GridStep{1, 10}, kA4Height, Length{}, kA4Height);
        REQUIRE(lines.size() == 296);
        CHECK(lines.back().at.toMm() == Approx(296.0));
    }
    SECTION("only the part shown, given either way round") {
        const auto lines = gridLines(GridStep{1, 10}, kA4Width, mm(12.3), mm(31));
        CHECK(positionsMm(lines) == std::vector<double>{13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31});
        CHECK(lines[7].major);  // 20 mm
        CHECK_FALSE(lines[8].major);
        CHECK(gridLines(GridStep{1, 10}, kA4Width, mm(31), mm(12.3)) == lines);
    }
    SECTION("nothing beyond the page, and nothing when the part shown is off the page") {
        const auto lines = gridLines(GridStep{10, 50}, kA4Width, mm(-80), mm(900));
        CHECK(positionsMm(lines) == std::vector<double>{10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200});
        CHECK(lines[4].major);  // 50 mm
        CHECK_FALSE(lines[0].major);
        CHECK(gridLines(GridStep{1, 10}, kA4Width, mm(-30), mm(-2)).empty());
        CHECK(gridLines(GridStep{1, 10}, kA4Width, mm(215), mm(300)).empty());
    }
}

TEST_CASE("a box snapped to the designer's grid lands on the lines drawn, counted from the top-left corner", "[layout][grid]") {
    const Length height = mm(297);
    SnapTargets targets;
    targets.grid = mm(1);
    targets.gridOrigin = Point{Length{}, height};
    const Bounds box{mm(20.4), mm(30.7), mm(25), mm(25)};
    const Snap snap = snapMove(box, mm(13.38), mm(-7.61), targets, mm(0.5));
    const Length left = box.left + snap.dx;
    const Length bottom = box.bottom + snap.dy;
    CHECK(left.toMm() == Approx(34.0));
    CHECK(bottom.toMm() == Approx(23.0));
    CHECK(snap.lines.empty());  // the grid draws itself
    // On the lines the canvas draws: columns from the left edge, rows from the top edge.
    const auto xs = positionsMm(gridLines(GridStep{1, 10}, kA4Width, mm(30), mm(40)));
    const auto ys = positionsMm(gridLines(GridStep{1, 10}, height, mm(270), mm(280)));
    CHECK(std::find(xs.begin(), xs.end(), 34.0) != xs.end());
    const double fromTop = std::round((height - bottom).toMm() * 1000.0) / 1000.0;
    CHECK(fromTop == 274.0);
    CHECK(std::find(ys.begin(), ys.end(), fromTop) != ys.end());

    // A page that is no whole number of millimetres high (US Letter, 279.4 mm): the box's bottom
    // lands a whole number of millimetres below the top, so 0.4 mm off the millimetres from below.
    const Length letter = Length::pt(792);
    targets.gridOrigin = Point{Length{}, letter};
    const Snap onLetter = snapMove(box, mm(13.38), mm(-7.61), targets, mm(0.5));
    CHECK((letter - (box.bottom + onLetter.dy)).toMm() == Approx(256.0));
    CHECK((box.bottom + onLetter.dy).toMm() == Approx(23.4));
    CHECK((box.left + onLetter.dx).toMm() == Approx(34.0));

    // A dragged edge lands on the grid from the same corner.
    const Frame frame{box, 0.0, Point{box.left, box.top()}};
    const SnapPoint resized = snapResize(frame, Handle::TopRight, Point{mm(61.7), mm(60.2)}, targets, mm(0.5));
    CHECK(resized.to.x.toMm() == Approx(62.0));
    CHECK((letter - resized.to.y).toMm() == Approx(219.0));
}
