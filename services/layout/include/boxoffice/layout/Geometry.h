// Where an element sits on the page and what a pointer there touches, for the designer: each
// element's box with its rotation (spec ticket-layout.md §2, §6.4-§6.6), hit-testing that
// follows rotated text, the handles each type offers (§8.3) and the snapping of a moved box to
// other elements, guides and the grid. Page coordinates in points, origin bottom left, y up, as
// the layout format has them. Free functions on value types; safe from any thread.
#pragma once

#include <functional>
#include <cstddef>
#include <optional>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Length.h"

namespace boxoffice::layout {

struct Point {
    Length x;
    Length y;
    bool operator==(const Point&) const = default;
};

// An axis-aligned rectangle in Lengths: lower-left corner and size. (Painter.h's Rect is the
// resolved one in plain points that painters receive.)
struct Bounds {
    Length left;
    Length bottom;
    Length width;
    Length height;
    Length right() const { return left + width; }
    Length top() const { return bottom + height; }
    Length centerX() const { return left + width / 2.0; }
    Length centerY() const { return bottom + height / 2.0; }
    bool contains(Point p) const { return p.x >= left && p.x <= right() && p.y >= bottom && p.y <= top(); }
    // Whether `other` lies wholly inside this rectangle (a rubber band selects what it encloses).
    bool encloses(const Bounds& other) const {
        return other.left >= left && other.right() <= right() && other.bottom >= bottom && other.top() <= top();
    }
    bool operator==(const Bounds&) const = default;
};

// The smallest rectangle holding both.
Bounds unite(const Bounds& a, const Bounds& b);

// An element's box as drawn: the unrotated box, turned clockwise by `rotation` degrees about
// `pivot` (its top-left corner, §6.6). Only text rotates; other types have rotation 0.
struct Frame {
    Bounds box;
    double rotation = 0.0;
    Point pivot;
};

// The height of a legacy text (textarea) depends on its text: the designer measures it with the
// real text layout. Without a measure, one line of the element's leading is taken.
using TextAreaHeight = std::function<Length(const TextArea&)>;

Frame frameOf(const Element& element, const TextAreaHeight& measure = {});

// `p` turned clockwise on paper by `degrees` about `pivot`.
Point rotatePoint(Point p, Point pivot, double degrees);

// The axis-aligned rectangle a frame covers (rotated corners included).
Bounds boundsOf(const Frame& frame);

// Whether `p` lies on the frame's box, the box widened by `tolerance` on every side, rotation
// followed.
bool hits(const Frame& frame, Point p, Length tolerance);

enum class Handle { TopLeft, Top, TopRight, Right, BottomRight, Bottom, BottomLeft, Left, Rotate };

// The handles an element type offers (pretix's editor, §8.3): text box every resize handle and
// rotation; legacy text left, right and rotation; QR code and logo the four corners (they stay
// square, or keep their aspect); image every resize handle, no rotation.
std::vector<Handle> handlesOf(const Element& element);

// Where a handle is drawn: resize handles on the box's corners and edge middles, the rotation
// handle `rotateReach` above the middle of the top edge; all turned with the frame.
Point handlePoint(const Frame& frame, Handle handle, Length rotateReach);

// The handle of `element` under `p` (within `tolerance`), if any; corners before edges.
std::optional<Handle> handleAt(const Element& element, const Frame& frame, Point p, Length tolerance,
                               Length rotateReach);

// A line the designer draws while a snap holds: vertical at x = `at`, or horizontal at y = `at`.
struct SnapLine {
    bool vertical = true;
    Length at;
    bool operator==(const SnapLine&) const = default;
};

// A guide the designer draws over the page: vertical at x = `at`, or horizontal at y = `at`.
// Guides are the designer's view of one open layout, not part of the layout file, so a layout
// stays as pretix writes it.
struct Guide {
    bool vertical = true;
    Length at;
    bool operator==(const Guide&) const = default;
};
using Guides = std::vector<Guide>;

// The index of the guide nearest to `p` within `tolerance` (a vertical guide by its distance in x,
// a horizontal one in y), if any.
std::optional<std::size_t> guideAt(const Guides& guides, Point p, Length tolerance);

// What a moved box may snap to: x positions (vertical lines) and y positions (horizontal lines)
// such as other elements' edges and centres, guides and the page's edges and centre; and the grid.
struct SnapTargets {
    std::vector<Length> xs;
    std::vector<Length> ys;
    std::optional<Length> grid;  // step; nullopt: no grid
    // A point the grid's lines pass through: the page's lower-left corner unless set (the
    // designer's grid counts from the top-left corner, as its rulers do).
    Point gridOrigin;
};

// The targets other elements give: every element on `page` but those in `moving` (indices),
// its bounds' left, centre and right, bottom, centre and top; plus the page's edges and centre,
// and each of `guides` (a vertical one an x, a horizontal one a y).
SnapTargets snapTargets(const Layout& layout, int page, const std::vector<std::size_t>& moving, Bounds pageRect,
                        const TextAreaHeight& measure = {}, const Guides& guides = {});

struct Snap {
    Length dx;  // the offset to move by, snapped
    Length dy;
    std::vector<SnapLine> lines;  // the snaps that held, to draw
};

// Snaps a box at `box` moved by (dx, dy): on each axis the edge or centre of the moved box
// nearest to a target within `tolerance` lands on it; without one, the box's left (bottom) edge
// lands on the grid when there is one. An element snaps to elements before the grid.
Snap snapMove(const Bounds& box, Length dx, Length dy, const SnapTargets& targets, Length tolerance);

struct SnapPoint {
    Point to;                     // where to drag the handle, snapped
    std::vector<SnapLine> lines;  // the snaps that held, to draw
};

// Snaps handle `handle` of `frame` dragged to `to` (Document::resize puts the edges the handle
// moves there): on each axis the handle moves an edge on, that edge lands on the nearest target
// within `tolerance`, else on the grid when there is one, by the same rule as snapMove. The
// rotation handle and the handles of a rotated frame do not snap.
SnapPoint snapResize(const Frame& frame, Handle handle, Point to, const SnapTargets& targets, Length tolerance);

}  // namespace boxoffice::layout
