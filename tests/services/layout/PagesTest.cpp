// The designer's document and its pages: moving elements to another page, the background as part
// of the history (replaced, a page added, undone and redone, one step each, the elements where
// they were), what counts as unsaved, a background stored while its step is in the history, and
// a page removed (its elements with it, later pages moved up, the background's page with it when
// the background has it; one step; refused for the only page, a locked element, the background's
// only page).
#include <catch2/catch.hpp>

#include "boxoffice/layout/Editing.h"

using namespace boxoffice::layout;

namespace {

TextContainer textOn(int page, double left, double bottom) {
    TextContainer t;
    t.base.page = page;
    t.base.left = Length::mm(left);
    t.base.bottom = Length::mm(bottom);
    t.width = Length::mm(40);
    t.height = Length::mm(10);
    t.content.content = "event_name";
    return t;
}

SharedBackground pdfOf(int pages, unsigned char tag, std::optional<std::string> storedId = std::nullopt) {
    BackgroundFile file;
    file.pdf = {'%', 'P', 'D', 'F', tag};
    file.pages = pages;
    file.storedId = std::move(storedId);
    return std::make_shared<const BackgroundFile>(std::move(file));
}

}  // namespace

TEST_CASE("the pages of a document: the background's, and any page an element names beyond them", "[layout][editing]") {
    Document none(Layout{{textOn(1, 10, 10)}});
    CHECK(none.background()->pdf.empty());
    CHECK(none.printedPages() == 1);
    CHECK(none.pageCount() == 1);

    Document two(Layout{{textOn(1, 10, 10)}}, {}, pdfOf(2, 'a'));
    CHECK(two.printedPages() == 2);
    CHECK(two.pageCount() == 2);

    // An element on page 4 of a two-page background: shown, so it can be moved, but not printed.
    Document beyond(Layout{{textOn(4, 10, 10)}}, {}, pdfOf(2, 'a'));
    CHECK(beyond.printedPages() == 2);
    CHECK(beyond.pageCount() == 4);
}

TEST_CASE("moving the selection to another page keeps its position and is one step", "[layout][editing]") {
    Document d(Layout{{textOn(1, 10, 20), textOn(1, 30, 40), textOn(1, 50, 60)}}, {}, pdfOf(2, 'a'));
    d.select({1});
    d.setLocked(true);
    d.select({0, 1, 2});
    const Layout before = d.layout();

    REQUIRE(d.moveSelectedToPage(2));
    CHECK(d.undoLabel() == StepLabel{EditKind::MoveToPage, 2});
    CHECK(base(d.element(0)).page == 2);
    CHECK(base(d.element(1)).page == 1);  // locked: stays
    CHECK(base(d.element(2)).page == 2);
    CHECK(base(d.element(0)).left.toMm() == Approx(10));
    CHECK(base(d.element(2)).bottom.toMm() == Approx(60));
    CHECK(d.selection() == std::vector<std::size_t>{0, 1, 2});
    CHECK(d.pageCount() == 2);

    // Already there: nothing to do, no step.
    d.select({0});
    CHECK_FALSE(d.moveSelectedToPage(2));
    // Below the first page means the first page.
    REQUIRE(d.moveSelectedToPage(0));
    CHECK(base(d.element(0)).page == 1);

    REQUIRE(d.undo());
    REQUIRE(d.undo());
    CHECK(d.layout() == before);
    REQUIRE(d.undo());  // the lock
    CHECK_FALSE(d.modified());
}

TEST_CASE("a new background is one step, keeps the elements where they are, and undoes", "[layout][editing]") {
    const SharedBackground stored = pdfOf(1, 'a', "file:a");
    Document d(Layout{{textOn(1, 12.5, 30)}}, {}, stored);
    const Layout elements = d.layout();
    CHECK_FALSE(d.modified());

    // The same one again is no change.
    CHECK_FALSE(d.setBackground(stored));
    CHECK_FALSE(d.canUndo());

    const SharedBackground a6 = pdfOf(1, 'b');
    REQUIRE(d.setBackground(a6));
    CHECK(d.background() == a6);
    CHECK(d.layout() == elements);
    CHECK(d.modified());
    CHECK(d.undoLabel() == StepLabel{EditKind::Background, 0});

    // A page added: the same background one page longer, its own step.
    const SharedBackground longer = pdfOf(2, 'b');
    REQUIRE(d.setBackground(longer, EditKind::AddPage));
    CHECK(d.undoLabel() == StepLabel{EditKind::AddPage, 0});
    CHECK(d.pageCount() == 2);
    d.add(textOn(2, 20, 20));
    CHECK(d.pageCount() == 2);

    // Undo goes back step by step; the element added on page 2 goes with its step.
    REQUIRE(d.undo());
    CHECK(d.background() == longer);
    CHECK(d.layout() == elements);
    REQUIRE(d.undo());
    CHECK(d.background() == a6);
    CHECK(d.pageCount() == 1);
    REQUIRE(d.undo());
    CHECK(d.background() == stored);
    CHECK_FALSE(d.modified());
    REQUIRE(d.redo());
    CHECK(d.background() == a6);
    CHECK(d.modified());

    // Removing the background: none, once; removing it again is nothing.
    REQUIRE(d.setBackground(nullptr));
    CHECK(d.background()->pdf.empty());
    CHECK(d.printedPages() == 1);
    CHECK_FALSE(d.setBackground(nullptr));
    REQUIRE(d.undo());
    CHECK(d.background() == a6);
}

TEST_CASE("a replacement can bring its background along, as one step", "[layout][editing]") {
    Document d(Layout{{textOn(1, 10, 10)}});
    const Layout imported{{textOn(1, 1, 1), textOn(2, 2, 2)}};
    const SharedBackground two = pdfOf(2, 'c');
    d.replace(imported, two);
    CHECK(d.layout() == imported);
    CHECK(d.background() == two);
    CHECK(d.undoLabel() == StepLabel{EditKind::Replace, 2});
    REQUIRE(d.undo());
    CHECK(d.background()->pdf.empty());
    CHECK_FALSE(d.canUndo());
    // Without one, the background stays.
    REQUIRE(d.redo());
    d.replace(Layout{});
    CHECK(d.background() == two);
}

TEST_CASE("a background stored by a save is the one the document and its history name", "[layout][editing]") {
    Document d(Layout{{textOn(1, 10, 10)}});
    const SharedBackground fresh = pdfOf(1, 'd');
    REQUIRE(d.setBackground(fresh));
    d.add(textOn(1, 40, 40));

    // The save stored it: the same PDF with its ID.
    auto copy = *fresh;
    copy.storedId = "file:d";
    const auto storedFile = std::make_shared<const BackgroundFile>(std::move(copy));
    d.backgroundStored(fresh, storedFile);
    CHECK(d.background() == storedFile);
    d.markSaved();
    CHECK_FALSE(d.modified());

    // Undo and redo over the background's step land on the stored one, never the unstored one.
    REQUIRE(d.undo());
    REQUIRE(d.undo());
    CHECK(d.background()->pdf.empty());
    REQUIRE(d.redo());
    CHECK(d.background() == storedFile);
    CHECK(d.background()->storedId == "file:d");
    REQUIRE(d.redo());
    CHECK_FALSE(d.modified());

    // Another document's background is no business of this one.
    d.backgroundStored(pdfOf(1, 'e'), pdfOf(1, 'e', "file:e"));
    CHECK(d.background() == storedFile);
}

TEST_CASE("removing a page deletes its elements and moves the later pages up, as one step", "[layout][editing]") {
    // No background PDF: one blank page prints, the others are the elements' own.
    Document d(Layout{{textOn(1, 10, 10), textOn(2, 20, 20), textOn(3, 30, 30), textOn(2, 40, 40), textOn(3, 50, 50)}});
    d.select({4});
    d.setLocked(true);  // a locked element on a later page moves up with its page
    d.select({1, 2});
    REQUIRE(d.pageCount() == 3);
    CHECK(d.elementsOn(2) == 2);
    CHECK_FALSE(d.backgroundHas(2));
    const Layout before = d.layout();
    const auto undoneBefore = d.undoLabel();

    REQUIRE(d.removePage(2));
    CHECK(d.undoLabel() == StepLabel{EditKind::RemovePage, 2, Property::Unnamed, 2});
    REQUIRE(d.size() == 3);
    CHECK(base(d.element(0)).page == 1);
    CHECK(base(d.element(1)).page == 2);  // was page 3
    CHECK(base(d.element(1)).left.toMm() == Approx(30));
    CHECK(base(d.element(2)).page == 2);
    CHECK(base(d.element(2)).bottom.toMm() == Approx(50));
    CHECK(d.isLocked(2));
    CHECK_FALSE(d.isLocked(1));
    CHECK(d.selection().empty());
    CHECK(d.pageCount() == 2);
    CHECK(d.background()->pdf.empty());
    CHECK(d.modified());

    // Undo brings the page, its elements, the selection and the lock back.
    REQUIRE(d.undo());
    CHECK(d.layout() == before);
    CHECK(d.selection() == std::vector<std::size_t>{1, 2});
    CHECK(d.isLocked(4));
    CHECK(d.undoLabel() == undoneBefore);
    REQUIRE(d.redo());
    CHECK(d.size() == 3);
    CHECK(d.pageCount() == 2);

    // An empty page goes too (nothing deleted), and the first page can go like any other.
    Document gap(Layout{{textOn(1, 10, 10), textOn(3, 30, 30)}});
    REQUIRE(gap.removePage(2));
    CHECK(gap.undoLabel() == StepLabel{EditKind::RemovePage, 0, Property::Unnamed, 2});
    CHECK(base(gap.element(1)).page == 2);
    REQUIRE(gap.removePage(1));
    REQUIRE(gap.size() == 1);
    CHECK(base(gap.element(0)).page == 1);
    CHECK(base(gap.element(0)).left.toMm() == Approx(30));
}

TEST_CASE("a page the background PDF has goes with the background's page", "[layout][editing]") {
    const SharedBackground three = pdfOf(3, 'a', "file:a");
    Document d(Layout{{textOn(1, 10, 10), textOn(2, 20, 20), textOn(3, 30, 30)}}, {}, three);
    REQUIRE(d.backgroundHas(2));
    CHECK_FALSE(d.backgroundHas(4));

    // The background without the page is needed, one page shorter.
    CHECK_FALSE(d.removePage(2));
    CHECK_FALSE(d.removePage(2, pdfOf(3, 'b')));
    CHECK_FALSE(d.removePage(2, pdfOf(1, 'b')));
    CHECK_FALSE(d.canUndo());
    const SharedBackground two = pdfOf(2, 'b');
    REQUIRE(d.removePage(2, two));
    CHECK(d.background() == two);
    CHECK(d.printedPages() == 2);
    CHECK(d.pageCount() == 2);
    REQUIRE(d.size() == 2);
    CHECK(base(d.element(1)).page == 2);
    CHECK(base(d.element(1)).left.toMm() == Approx(30));
    CHECK(d.undoLabel() == StepLabel{EditKind::RemovePage, 1, Property::Unnamed, 2});

    REQUIRE(d.undo());
    CHECK(d.background() == three);
    CHECK(d.size() == 3);
    CHECK_FALSE(d.modified());

    // A page beyond the background's wants no background.
    Document beyond(Layout{{textOn(1, 10, 10), textOn(3, 30, 30)}}, {}, pdfOf(2, 'c'));
    CHECK_FALSE(beyond.removePage(3, pdfOf(1, 'c')));
    REQUIRE(beyond.removePage(3));
    CHECK(beyond.pageCount() == 2);
    CHECK(beyond.size() == 1);
}

TEST_CASE("a page is not removed when it is the only one, holds a locked element or is the background's only page",
          "[layout][editing]") {
    Document one(Layout{{textOn(1, 10, 10)}});
    CHECK_FALSE(one.removePage(1));
    CHECK_FALSE(one.removePage(0));
    CHECK_FALSE(one.removePage(2));

    Document locked(Layout{{textOn(1, 10, 10), textOn(2, 20, 20)}});
    locked.select({1});
    locked.setLocked(true);
    CHECK(locked.lockedOn(2));
    CHECK_FALSE(locked.lockedOn(1));
    CHECK_FALSE(locked.removePage(2));
    CHECK(locked.size() == 2);
    REQUIRE(locked.removePage(1));  // the locked element's page moves up
    CHECK(base(locked.element(0)).page == 1);
    CHECK(locked.isLocked(0));

    // A one-page background PDF with an element beyond it: its page cannot go (a background has
    // at least one page), the page beyond it can.
    Document single(Layout{{textOn(1, 10, 10), textOn(2, 20, 20)}}, {}, pdfOf(1, 'd'));
    CHECK_FALSE(single.removePage(1, pdfOf(0, 'd')));
    CHECK_FALSE(single.canUndo());
    REQUIRE(single.removePage(2));
    CHECK(single.pageCount() == 1);
}
