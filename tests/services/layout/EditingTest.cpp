// The designer's document without a display: geometry and hit-testing (rotated text included),
// handles, snapping, every edit, and the undo history with its labels and bursts.
#include <catch2/catch.hpp>

#include "boxoffice/layout/Editing.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/layout/Painter.h"  // the designer includes both: no name may clash

using namespace boxoffice::layout;

namespace {

Length mm(double v) { return Length::mm(v); }
Point at(double x, double y) { return Point{mm(x), mm(y)}; }

TextContainer textBox(double left, double bottom, double width, double height, double rotation = 0.0) {
    TextContainer t;
    t.base.left = mm(left);
    t.base.bottom = mm(bottom);
    t.width = mm(width);
    t.height = mm(height);
    t.style.rotation = rotation;
    t.content.content = "event_name";
    return t;
}

BarcodeArea qr(double left, double bottom, double size) {
    BarcodeArea b;
    b.base.left = mm(left);
    b.base.bottom = mm(bottom);
    b.size = mm(size);
    return b;
}

double leftMm(const Document& d, std::size_t i) { return base(d.element(i)).left.toMm(); }
double bottomMm(const Document& d, std::size_t i) { return base(d.element(i)).bottom.toMm(); }

}  // namespace

TEST_CASE("a rotated text box is hit where it is drawn, not where its unrotated box lies", "[layout][editing]") {
    // 40 x 10 mm, turned 90° clockwise about its top-left corner (10, 60): it hangs down from
    // there, covering x 0..10, y 20..60.
    Document d(Layout{{textBox(10, 50, 40, 10, 90.0)}});
    const Frame f = d.frame(0);
    CHECK(f.pivot == at(10, 60));
    const Bounds bounds = boundsOf(f);
    CHECK(bounds.left.toMm() == Approx(0.0).margin(1e-9));
    CHECK(bounds.right().toMm() == Approx(10.0));
    CHECK(bounds.bottom.toMm() == Approx(20.0));
    CHECK(bounds.top().toMm() == Approx(60.0));
    CHECK(d.elementAt(1, at(5, 30), mm(0.5)) == 0u);
    CHECK_FALSE(d.elementAt(1, at(30, 55), mm(0.5)));  // inside the unrotated box only
    CHECK_FALSE(d.elementAt(2, at(5, 30), mm(0.5)));   // another page
    // The tolerance widens the box on every side.
    CHECK_FALSE(d.elementAt(1, at(10.8, 30), mm(0.5)));
    CHECK(d.elementAt(1, at(10.8, 30), mm(1.0)) == 0u);
}

TEST_CASE("the topmost element under the pointer is picked, and clicks select as a person expects", "[layout][editing]") {
    Document d(Layout{{textBox(0, 0, 50, 50), qr(10, 10, 20), textBox(100, 100, 10, 10)}});
    CHECK(d.click(1, at(15, 15), mm(0), false) == 1u);  // the QR code lies over the box
    CHECK(d.selection() == std::vector<std::size_t>{1});
    d.click(1, at(105, 105), mm(0), true);  // Shift adds
    CHECK(d.selection() == std::vector<std::size_t>{1, 2});
    d.click(1, at(15, 15), mm(0), false);  // one of the selected: the selection stays for a drag
    CHECK(d.selection() == std::vector<std::size_t>{1, 2});
    d.click(1, at(15, 15), mm(0), true);  // Shift on a selected one takes it out
    CHECK(d.selection() == std::vector<std::size_t>{2});
    d.click(1, at(200, 200), mm(0), false);  // nothing there
    CHECK(d.selection().empty());
    // A rubber band selects what it encloses wholly.
    d.selectEnclosed(1, Bounds{mm(5), mm(5), mm(30), mm(30)}, false);
    CHECK(d.selection() == std::vector<std::size_t>{1});
    d.selectEnclosed(1, Bounds{mm(90), mm(90), mm(30), mm(30)}, true);
    CHECK(d.selection() == std::vector<std::size_t>{1, 2});
}

TEST_CASE("each element type offers the handles pretix's editor gives it", "[layout][editing]") {
    CHECK(handlesOf(textBox(0, 0, 1, 1)).size() == 9);
    CHECK(handlesOf(TextArea{}) == std::vector<Handle>{Handle::Left, Handle::Right, Handle::Rotate});
    CHECK(handlesOf(qr(0, 0, 1)).size() == 4);
    CHECK(handlesOf(ImageArea{}).size() == 8);
    CHECK(handlesOf(PoweredBy{}).size() == 4);
    // Handles turn with the text.
    const Element box = textBox(10, 50, 40, 10, 90.0);
    const Frame f = frameOf(box);
    const Point right = handlePoint(f, Handle::Right, mm(6));
    CHECK(right.x.toMm() == Approx(5.0));
    CHECK(right.y.toMm() == Approx(20.0));
    CHECK(handleAt(box, f, at(5.3, 20.2), mm(0.5), mm(6)) == Handle::Right);
    CHECK_FALSE(handleAt(box, f, at(50, 55), mm(0.5), mm(6)));  // where the unrotated handle would be
    CHECK_FALSE(handleAt(qr(0, 0, 20), frameOf(qr(0, 0, 20)), at(10, 20), mm(0.5), mm(6)));  // no edge handles
}

TEST_CASE("resizing keeps the opposite side, a QR code square and a logo's aspect", "[layout][editing]") {
    Document d(Layout{{textBox(10, 10, 40, 10), qr(100, 100, 20), PoweredBy{}}});
    REQUIRE(d.resize(0, Handle::TopRight, at(60, 30), mm(1)));
    const auto& box = std::get<TextContainer>(d.element(0));
    CHECK(box.width.toMm() == Approx(50.0));
    CHECK(box.height.toMm() == Approx(20.0));
    CHECK(leftMm(d, 0) == Approx(10.0));
    CHECK(bottomMm(d, 0) == Approx(10.0));
    // Dragging the left edge past the right one stops at the minimum size.
    REQUIRE(d.resize(0, Handle::Left, at(90, 15), mm(1)));
    CHECK(std::get<TextContainer>(d.element(0)).width.toMm() == Approx(1.0));
    CHECK(leftMm(d, 0) == Approx(59.0));

    // The QR code's bottom-left corner dragged out: the top-right corner stays, it stays square.
    REQUIRE(d.resize(1, Handle::BottomLeft, at(90, 95), mm(1)));
    const auto& code = std::get<BarcodeArea>(d.element(1));
    CHECK(code.size.toMm() == Approx(30.0));
    CHECK(leftMm(d, 1) == Approx(90.0));
    CHECK(bottomMm(d, 1) == Approx(90.0));
    CHECK_FALSE(d.resize(1, Handle::Top, at(100, 200), mm(1)));  // a QR code has no edge handles

    REQUIRE(d.resize(2, Handle::TopRight, at(30, 10), mm(1)));
    const auto& logo = std::get<PoweredBy>(d.element(2));
    CHECK(logo.size.toMm() == Approx(30.0 / kLogoAspect));
}

TEST_CASE("resizing rotated text keeps the corner opposite the handle in place", "[layout][editing]") {
    Document d(Layout{{textBox(10, 50, 40, 10, 30.0)}});
    const Frame before = d.frame(0);
    const Point fixed = handlePoint(before, Handle::TopLeft, mm(6));
    // Drag the bottom-right corner 10 mm further along the text and 5 mm further down it.
    const Point target = rotatePoint(at(60, 45), before.pivot, before.rotation);
    REQUIRE(d.resize(0, Handle::BottomRight, target, mm(1)));
    const Frame after = d.frame(0);
    CHECK(after.box.width.toMm() == Approx(50.0));
    CHECK(after.box.height.toMm() == Approx(15.0));
    const Point stayed = handlePoint(after, Handle::TopLeft, mm(6));
    CHECK(stayed.x.toMm() == Approx(fixed.x.toMm()));
    CHECK(stayed.y.toMm() == Approx(fixed.y.toMm()));
    const Point moved = handlePoint(after, Handle::BottomRight, mm(6));
    CHECK(moved.x.toMm() == Approx(target.x.toMm()));
    CHECK(moved.y.toMm() == Approx(target.y.toMm()));
}

TEST_CASE("the rotation handle turns text towards the pointer, and nothing else turns", "[layout][editing]") {
    Document d(Layout{{textBox(10, 50, 40, 10), qr(100, 100, 20)}});
    // Straight below the pivot (10, 60): the top edge points down, 90° clockwise.
    REQUIRE(d.resize(0, Handle::Rotate, at(10, 20), mm(1)));
    CHECK(std::get<TextContainer>(d.element(0)).style.rotation == Approx(90.0));
    REQUIRE(d.rotate(0, 370.04));
    CHECK(std::get<TextContainer>(d.element(0)).style.rotation == Approx(10.0));  // normalised, 0.1° steps
    CHECK_FALSE(d.rotate(1, 45.0));
}

TEST_CASE("align and distribute move the selection as the menu says", "[layout][editing]") {
    Document d(Layout{{qr(10, 10, 10), qr(30, 40, 20), qr(100, 5, 10)}});
    d.select({0, 1, 2});
    REQUIRE(d.align(Alignment::Top));
    CHECK(bottomMm(d, 0) == Approx(50.0));
    CHECK(bottomMm(d, 1) == Approx(40.0));
    CHECK(bottomMm(d, 2) == Approx(50.0));
    CHECK_FALSE(d.align(Alignment::Top));  // already aligned: no step
    REQUIRE(d.align(Alignment::CenterX));  // the selection spans 10..110: centres at 60
    CHECK(leftMm(d, 0) == Approx(55.0));
    CHECK(leftMm(d, 1) == Approx(50.0));

    Document row(Layout{{qr(0, 0, 10), qr(15, 0, 10), qr(90, 0, 10)}});
    row.select({0, 1, 2});
    REQUIRE(row.distribute(Axis::X));
    // Span 0..100 holds 30 mm of codes: two gaps of 35 mm.
    CHECK(leftMm(row, 0) == Approx(0.0));
    CHECK(leftMm(row, 1) == Approx(45.0));
    CHECK(leftMm(row, 2) == Approx(90.0));
    row.select({0, 1});
    CHECK_FALSE(row.distribute(Axis::X));  // needs three
}

TEST_CASE("z-order commands move the selection and it stays selected", "[layout][editing]") {
    Document d(Layout{{qr(0, 0, 1), qr(1, 0, 1), qr(2, 0, 1), qr(3, 0, 1)}});
    d.select({1});
    REQUIRE(d.reorder(Reorder::Forward));
    CHECK(leftMm(d, 2) == Approx(1.0));
    CHECK(d.selection() == std::vector<std::size_t>{2});
    REQUIRE(d.reorder(Reorder::ToBack));
    CHECK(leftMm(d, 0) == Approx(1.0));
    CHECK(d.selection() == std::vector<std::size_t>{0});
    CHECK_FALSE(d.reorder(Reorder::Backward));  // at the back already
    d.select({0, 1});
    REQUIRE(d.reorder(Reorder::ToFront));
    CHECK(leftMm(d, 2) == Approx(1.0));
    CHECK(leftMm(d, 3) == Approx(0.0));
    CHECK(d.selection() == std::vector<std::size_t>{2, 3});
}

TEST_CASE("a locked element stays put, is kept on delete, and unlocks with undo", "[layout][editing]") {
    Document d(Layout{{qr(0, 0, 10), qr(20, 0, 10)}});
    d.select({0});
    REQUIRE(d.setLocked(true));
    d.select({0, 1});
    REQUIRE(d.moveSelected(mm(5), mm(0)));
    CHECK(leftMm(d, 0) == Approx(0.0));
    CHECK(leftMm(d, 1) == Approx(25.0));
    CHECK_FALSE(d.resize(0, Handle::TopRight, at(50, 50), mm(1)));
    REQUIRE(d.removeSelected());
    REQUIRE(d.size() == 1);
    CHECK(d.isLocked(0));
    CHECK(d.undoLabel() == StepLabel{EditKind::Delete, 1});
    d.undo();
    d.undo();
    d.undo();
    CHECK_FALSE(d.isLocked(0));
    CHECK(d.size() == 2);
}

TEST_CASE("one drag or one burst of arrow keys is one undo step with its label", "[layout][editing]") {
    Document d(Layout{{qr(0, 0, 10), qr(20, 0, 10), qr(40, 0, 10)}});
    CHECK_FALSE(d.modified());
    d.select({0, 1, 2});
    for (int i = 0; i < 20; ++i) {
        REQUIRE(d.moveSelected(mm(0.5), mm(0.25), "drag"));
    }
    d.endBurst();
    CHECK(d.undoLabel() == StepLabel{EditKind::Move, 3});
    CHECK(leftMm(d, 0) == Approx(10.0));
    REQUIRE(d.moveSelected(mm(1), mm(0), "arrows"));
    REQUIRE(d.moveSelected(mm(1), mm(0), "arrows"));
    CHECK(d.modified());

    REQUIRE(d.undo());  // the arrow burst
    CHECK(leftMm(d, 0) == Approx(10.0));
    REQUIRE(d.undo());  // the whole drag
    CHECK(leftMm(d, 0) == Approx(0.0));
    CHECK(bottomMm(d, 1) == Approx(0.0));
    CHECK_FALSE(d.modified());
    CHECK_FALSE(d.canUndo());
    CHECK(d.redoLabel() == StepLabel{EditKind::Move, 3});
    REQUIRE(d.redo());
    CHECK(leftMm(d, 0) == Approx(10.0));
    // A new edit drops what could be redone.
    REQUIRE(d.moveSelected(mm(0), mm(1)));
    CHECK_FALSE(d.canRedo());
    d.markSaved();
    CHECK_FALSE(d.modified());
}

TEST_CASE("copy and paste go through pretix's JSON, across documents, and duplicate offsets", "[layout][editing]") {
    Document from(Layout{{textBox(10, 10, 40, 10), qr(60, 10, 20)}});
    from.select({1});
    const std::string clip = from.copy();
    CHECK(parseLayoutText(clip)->elements.size() == 1);

    Document to(Layout{{textBox(0, 0, 5, 5)}});
    auto pasted = to.paste(clip, 2);
    REQUIRE(pasted);
    CHECK(pasted.value() == 1u);
    REQUIRE(to.size() == 2);
    CHECK(base(to.element(1)).page == 2);  // the page shown, at the original coordinates
    CHECK(leftMm(to, 1) == Approx(60.0));
    CHECK(to.selection() == std::vector<std::size_t>{1});
    CHECK(to.undoLabel() == StepLabel{EditKind::Paste, 1});

    auto bad = to.paste("[{\"type\": \"nonsense\"}]", 1);
    CHECK_FALSE(bad);
    CHECK(to.size() == 2);

    REQUIRE(to.duplicate(mm(5)));
    REQUIRE(to.size() == 3);
    CHECK(leftMm(to, 2) == Approx(65.0));
    CHECK(bottomMm(to, 2) == Approx(5.0));
    CHECK(to.undoLabel() == StepLabel{EditKind::Duplicate, 1});

    REQUIRE(to.cut());
    CHECK(to.size() == 2);
    CHECK(to.undoLabel() == StepLabel{EditKind::Cut, 1});
}

TEST_CASE("a moved box snaps to other elements before the grid, and shows where", "[layout][editing]") {
    const Layout layout{{qr(50, 50, 20), qr(0, 0, 10)}};
    const Bounds page{mm(0), mm(0), mm(210), mm(297)};
    const SnapTargets targets = snapTargets(layout, 1, {1}, page);
    // The moved code's left edge comes within 0.4 mm of the other's right edge (70 mm).
    const Snap s = snapMove(Bounds{mm(0), mm(0), mm(10), mm(10)}, mm(70.4), mm(13), targets, mm(1));
    CHECK(s.dx.toMm() == Approx(70.0));
    CHECK(s.dy.toMm() == Approx(13.0));  // nothing near on y and no grid: as dragged
    REQUIRE(s.lines.size() == 1);
    CHECK(s.lines[0] == SnapLine{true, mm(70)});
    // Centres snap too: the other's centre is at y = 60.
    const Snap centre = snapMove(Bounds{mm(0), mm(0), mm(10), mm(10)}, mm(120), mm(54.7), targets, mm(1));
    CHECK(centre.dy.toMm() == Approx(55.0));

    SnapTargets grid = targets;
    grid.grid = mm(5);
    const Snap gridded = snapMove(Bounds{mm(0), mm(0), mm(10), mm(10)}, mm(121.2), mm(33.9), grid, mm(1));
    CHECK(gridded.dx.toMm() == Approx(120.0));
    CHECK(gridded.dy.toMm() == Approx(35.0));
    CHECK(gridded.lines.empty());
}

TEST_CASE("a property set on several selected elements is one step that names it and counts them", "[layout][editing]") {
    TextContainer small = textBox(0, 0, 50, 10);
    small.style.fontSize = 10.0;
    TextContainer large = textBox(0, 20, 50, 10);
    large.style.fontSize = 16.0;
    TextContainer locked = textBox(0, 40, 50, 10);
    TextArea legacy;
    legacy.width = mm(40);
    legacy.style.fontSize = 12.0;
    Document d(Layout{{small, qr(60, 0, 20), large, locked, legacy}});
    d.select({0, 3});
    REQUIRE(d.setLocked(true));
    d.select({0, 1, 2, 3, 4});
    auto fontSize = [](double size) {
        return [size](Element& e) {
            if (auto* t = std::get_if<TextContainer>(&e)) {
                t->style.fontSize = size;
            } else if (auto* a = std::get_if<TextArea>(&e)) {
                a->style.fontSize = size;
            }
        };
    };
    // The QR code has no font, the locked text stays: two texts and the legacy one change.
    REQUIRE(d.changeSelected(Property::FontSize, fontSize(20.0)));
    CHECK(d.undoLabel() == StepLabel{EditKind::Change, 2, Property::FontSize});
    CHECK(std::get<TextContainer>(d.element(0)).style.fontSize == 10.0);  // locked
    CHECK(std::get<TextContainer>(d.element(2)).style.fontSize == 20.0);
    CHECK(std::get<TextContainer>(d.element(3)).style.fontSize == 13.0);  // locked
    CHECK(std::get<TextArea>(d.element(4)).style.fontSize == 20.0);
    CHECK(d.element(1) == Element{qr(60, 0, 20)});
    // Nothing left to change: no step.
    CHECK_FALSE(d.changeSelected(Property::FontSize, fontSize(20.0)));
    // One undo puts every element back.
    REQUIRE(d.undo());
    CHECK(std::get<TextContainer>(d.element(2)).style.fontSize == 16.0);
    CHECK(std::get<TextArea>(d.element(4)).style.fontSize == 12.0);
    CHECK(d.undoLabel() == StepLabel{EditKind::Lock, 2});  // the step before it
    REQUIRE(d.redo());
    CHECK(std::get<TextContainer>(d.element(2)).style.fontSize == 20.0);

    // A burst (a colour typed character by character) is one step however many edits it has.
    auto red = [](int r) {
        return [r](Element& e) {
            if (auto* t = std::get_if<TextContainer>(&e)) {
                t->style.color.r = r;
            }
        };
    };
    REQUIRE(d.changeSelected(Property::Color, red(100), "color"));
    REQUIRE(d.changeSelected(Property::Color, red(200), "color"));
    d.endBurst();
    CHECK(d.undoLabel() == StepLabel{EditKind::Change, 1, Property::Color});
    REQUIRE(d.undo());
    CHECK(std::get<TextContainer>(d.element(2)).style.color.r == 0);
    CHECK(std::get<TextContainer>(d.element(2)).style.fontSize == 20.0);

    // One element changed through change() names its property too.
    TextContainer renamed = std::get<TextContainer>(d.element(2));
    renamed.style.font.family = "DejaVu Sans";
    REQUIRE(d.change(2, renamed, {}, Property::FontFamily));
    CHECK(d.undoLabel() == StepLabel{EditKind::Change, 1, Property::FontFamily});
}
