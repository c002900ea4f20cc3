// The designer's guides as snap targets, without a display: finding the guide under the pointer,
// a moved box landing on a guide with its edge or centre (or not, beyond the snapping distance),
// the nearest target winning, and a dragged handle's edge landing on a guide.
#include <catch2/catch.hpp>

#include "boxoffice/layout/Editing.h"
#include "boxoffice/layout/Geometry.h"

#include <algorithm>

using namespace boxoffice::layout;

namespace {

Length mm(double v) { return Length::mm(v); }

BarcodeArea qr(double left, double bottom, double size) {
    BarcodeArea b;
    b.base.left = mm(left);
    b.base.bottom = mm(bottom);
    b.size = mm(size);
    return b;
}

const Bounds kPage{mm(0), mm(0), mm(210), mm(297)};

// A 10 mm square at the page's lower left corner, moved: the page's edges are far from where the
// tests move it.
const Bounds kBox{mm(0), mm(0), mm(10), mm(10)};

}  // namespace

TEST_CASE("the guide under the pointer is the nearest one of the right direction within reach", "[layout][guides]") {
    const Guides guides{{true, mm(50)}, {false, mm(100)}, {true, mm(52)}};
    CHECK(guideAt(guides, Point{mm(50.8), mm(10)}, mm(1)) == std::size_t{0});
    CHECK(guideAt(guides, Point{mm(51.4), mm(10)}, mm(1)) == std::size_t{2});  // nearer to 52 than to 50
    CHECK(guideAt(guides, Point{mm(30), mm(100.5)}, mm(1)) == std::size_t{1});
    CHECK_FALSE(guideAt(guides, Point{mm(48.5), mm(10)}, mm(1)).has_value());
    // A horizontal guide at y = 100 is not found by an x of 100.
    CHECK_FALSE(guideAt(guides, Point{mm(100), mm(10)}, mm(1)).has_value());
    CHECK_FALSE(guideAt(Guides{}, Point{mm(50), mm(50)}, mm(1)).has_value());
}

TEST_CASE("a moved box lands on a guide within the snapping distance and not beyond it", "[layout][guides]") {
    const Layout empty;
    const Guides guides{{true, mm(50)}, {false, mm(120)}};
    const SnapTargets targets = snapTargets(empty, 1, {}, kPage, {}, guides);
    // The guides are targets beside the page's edges and centre.
    CHECK(std::find(targets.xs.begin(), targets.xs.end(), mm(50)) != targets.xs.end());
    CHECK(std::find(targets.ys.begin(), targets.ys.end(), mm(120)) != targets.ys.end());
    CHECK(std::find(targets.xs.begin(), targets.xs.end(), mm(120)) == targets.xs.end());

    // The left edge comes within 0.7 mm of the vertical guide: it lands on it.
    const Snap near = snapMove(kBox, mm(50.7), mm(30), targets, mm(1));
    CHECK(near.dx.toMm() == Approx(50.0));
    CHECK(near.dy.toMm() == Approx(30.0));
    REQUIRE(near.lines.size() == 1);
    CHECK(near.lines[0] == SnapLine{true, mm(50)});
    // The right edge too, from the other side.
    const Snap right = snapMove(kBox, mm(39.6), mm(30), targets, mm(1));
    CHECK(right.dx.toMm() == Approx(40.0));
    // 1.3 mm away, with a snapping distance of 1 mm: stays where it was dragged.
    const Snap far = snapMove(kBox, mm(51.3), mm(30), targets, mm(1));
    CHECK(far.dx.toMm() == Approx(51.3));
    CHECK(far.lines.empty());
    // Without the guides nothing is near 50 mm.
    const Snap without = snapMove(kBox, mm(50.7), mm(30), snapTargets(empty, 1, {}, kPage), mm(1));
    CHECK(without.dx.toMm() == Approx(50.7));
}

TEST_CASE("a moved box's centre lands on a guide, and the nearest target wins", "[layout][guides]") {
    const Layout layout{{qr(60, 150, 20)}};  // its left edge at 60 mm, its top at 170 mm
    const Guides guides{{false, mm(120)}, {true, mm(61.5)}};
    const SnapTargets targets = snapTargets(layout, 1, {}, kPage, {}, guides);
    // The box's middle (5 mm above its bottom) comes within 0.5 mm of the horizontal guide.
    const Snap centre = snapMove(kBox, mm(20), mm(115.5), targets, mm(1));
    CHECK(centre.dy.toMm() == Approx(115.0));
    REQUIRE(centre.lines.size() == 1);
    CHECK(centre.lines[0] == SnapLine{false, mm(120)});
    // The left edge at 61.2 mm: the guide at 61.5 is nearer than the element's edge at 60.
    const Snap nearer = snapMove(kBox, mm(61.2), mm(20), targets, mm(2));
    CHECK(nearer.dx.toMm() == Approx(61.5));
    // At 60.6 mm the element's edge is the nearer one.
    const Snap element = snapMove(kBox, mm(60.6), mm(20), targets, mm(2));
    CHECK(element.dx.toMm() == Approx(60.0));
    // Guides are snapped to before the grid.
    SnapTargets gridded = targets;
    gridded.grid = mm(5);
    CHECK(snapMove(kBox, mm(61.2), mm(20), gridded, mm(1)).dx.toMm() == Approx(61.5));
    CHECK(snapMove(kBox, mm(33.9), mm(20), gridded, mm(1)).dx.toMm() == Approx(35.0));
}

TEST_CASE("a dragged handle's edge lands on a guide", "[layout][guides]") {
    const Frame frame = frameOf(qr(20, 20, 20));  // 20 to 40 mm both ways
    const Guides guides{{true, mm(50)}, {false, mm(55)}};
    const SnapTargets targets = snapTargets(Layout{{qr(20, 20, 20)}}, 1, {0}, kPage, {}, guides);
    // The right edge dragged to 49.4 mm: onto the guide at 50; y is the pointer's, the handle
    // moves no horizontal edge.
    const SnapPoint right = snapResize(frame, Handle::Right, Point{mm(49.4), mm(55.3)}, targets, mm(1));
    CHECK(right.to.x.toMm() == Approx(50.0));
    CHECK(right.to.y.toMm() == Approx(55.3));
    REQUIRE(right.lines.size() == 1);
    CHECK(right.lines[0] == SnapLine{true, mm(50)});
    // A corner snaps both of its edges.
    const SnapPoint corner = snapResize(frame, Handle::TopRight, Point{mm(50.6), mm(54.5)}, targets, mm(1));
    CHECK(corner.to.x.toMm() == Approx(50.0));
    CHECK(corner.to.y.toMm() == Approx(55.0));
    CHECK(corner.lines.size() == 2);
    // The top edge only moves up and down.
    const SnapPoint top = snapResize(frame, Handle::Top, Point{mm(49.6), mm(54.5)}, targets, mm(1));
    CHECK(top.to.x.toMm() == Approx(49.6));
    CHECK(top.to.y.toMm() == Approx(55.0));
    // Beyond the snapping distance: where the pointer is.
    const SnapPoint far = snapResize(frame, Handle::Right, Point{mm(48.5), mm(30)}, targets, mm(1));
    CHECK(far.to.x.toMm() == Approx(48.5));
    CHECK(far.lines.empty());
    // A turned box does not snap; nor does the rotation handle.
    const Frame turned{frame.box, 30.0, Point{mm(20), mm(40)}};
    CHECK(snapResize(turned, Handle::Right, Point{mm(49.4), mm(30)}, targets, mm(1)).to.x.toMm() == Approx(49.4));
    CHECK(snapResize(frame, Handle::Rotate, Point{mm(49.4), mm(54.5)}, targets, mm(1)).lines.empty());

    // Through the document, as the canvas resizes: the text box's right edge ends on the guide.
    TextContainer box;
    box.base.left = mm(20);
    box.base.bottom = mm(20);
    box.width = mm(20);
    box.height = mm(10);
    Document doc(Layout{{box}});
    const SnapTargets others = snapTargets(doc.layout(), 1, {0}, kPage, {}, guides);
    const SnapPoint dragged = snapResize(doc.frame(0), Handle::Right, Point{mm(50.8), mm(25)}, others, mm(1));
    REQUIRE(doc.resize(0, Handle::Right, dragged.to, mm(1)));
    CHECK(doc.frame(0).box.right().toMm() == Approx(50.0));
    CHECK(doc.frame(0).box.left.toMm() == Approx(20.0));
}
