#include "boxoffice/layout/Geometry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <span>

namespace boxoffice::layout {

namespace {

Length oneLine(const TextArea& area) {
    return Length::pt(area.style.fontSize * 1.15 * area.lineHeight.value_or(1.0));
}

// The frame of a box whose pivot is its top-left corner.
Frame topLeftPivoted(Bounds box, double rotation) {
    return Frame{box, rotation, Point{box.left, box.top()}};
}

// `p` in the frame's own, unrotated coordinates.
Point unrotate(const Frame& frame, Point p) { return rotatePoint(p, frame.pivot, -frame.rotation); }

}  // namespace

Bounds unite(const Bounds& a, const Bounds& b) {
    const Length left = std::min(a.left, b.left);
    const Length bottom = std::min(a.bottom, b.bottom);
    return Bounds{left, bottom, std::max(a.right(), b.right()) - left, std::max(a.top(), b.top()) - bottom};
}

Frame frameOf(const Element& element, const TextAreaHeight& measure) {
    struct Visitor {
        const TextAreaHeight& measure;
        Frame operator()(const TextContainer& e) const {
            return topLeftPivoted(Bounds{e.base.left, e.base.bottom, e.width, e.height}, e.style.rotation);
        }
        Frame operator()(const TextArea& e) const {
            const Length height = measure ? measure(e) : oneLine(e);
            // Downward text hangs from its anchor; the legacy kind stands on it (§6.5).
            const Length bottom = e.downward ? e.base.bottom - height : e.base.bottom;
            return topLeftPivoted(Bounds{e.base.left, bottom, e.width, height}, e.style.rotation);
        }
        Frame operator()(const BarcodeArea& e) const {
            return topLeftPivoted(Bounds{e.base.left, e.base.bottom, e.size, e.size}, 0.0);
        }
        Frame operator()(const ImageArea& e) const {
            return topLeftPivoted(Bounds{e.base.left, e.base.bottom, e.width, e.height}, 0.0);
        }
        Frame operator()(const PoweredBy& e) const {
            return topLeftPivoted(Bounds{e.base.left, e.base.bottom, e.size * kLogoAspect, e.size}, 0.0);
        }
    };
    return std::visit(Visitor{measure}, element);
}

// Clockwise on paper with y up: (dx, dy) turns to (dx cos + dy sin, -dx sin + dy cos).
Point rotatePoint(Point p, Point pivot, double degrees) {
    if (degrees == 0.0) {
        return p;
    }
    const double a = degrees * std::numbers::pi / 180.0;
    const double dx = (p.x - pivot.x).toPt();
    const double dy = (p.y - pivot.y).toPt();
    return Point{pivot.x + Length::pt(dx * std::cos(a) + dy * std::sin(a)),
                 pivot.y + Length::pt(-dx * std::sin(a) + dy * std::cos(a))};
}

Bounds boundsOf(const Frame& frame) {
    if (frame.rotation == 0.0) {
        return frame.box;
    }
    const Bounds& b = frame.box;
    const std::array<Point, 4> corners{Point{b.left, b.bottom}, Point{b.right(), b.bottom}, Point{b.left, b.top()},
                                       Point{b.right(), b.top()}};
    Point first = rotatePoint(corners[0], frame.pivot, frame.rotation);
    Bounds out{first.x, first.y, Length{}, Length{}};
    for (const auto& corner : corners) {
        const Point p = rotatePoint(corner, frame.pivot, frame.rotation);
        out = unite(out, Bounds{p.x, p.y, Length{}, Length{}});
    }
    return out;
}

bool hits(const Frame& frame, Point p, Length tolerance) {
    const Point local = unrotate(frame, p);
    const Bounds& b = frame.box;
    const Bounds widened{b.left - tolerance, b.bottom - tolerance, b.width + tolerance * 2.0, b.height + tolerance * 2.0};
    return widened.contains(local);
}

namespace {
constexpr std::array kCorners{Handle::TopLeft, Handle::TopRight, Handle::BottomRight, Handle::BottomLeft};
constexpr std::array kAll{Handle::TopLeft,     Handle::Top,    Handle::TopRight,   Handle::Right,
                          Handle::BottomRight, Handle::Bottom, Handle::BottomLeft, Handle::Left};
}  // namespace

std::vector<Handle> handlesOf(const Element& element) {
    struct Visitor {
        std::vector<Handle> operator()(const TextContainer&) const {
            std::vector<Handle> out(kAll.begin(), kAll.end());
            out.push_back(Handle::Rotate);
            return out;
        }
        std::vector<Handle> operator()(const TextArea&) const { return {Handle::Left, Handle::Right, Handle::Rotate}; }
        std::vector<Handle> operator()(const BarcodeArea&) const { return {kCorners.begin(), kCorners.end()}; }
        std::vector<Handle> operator()(const ImageArea&) const { return {kAll.begin(), kAll.end()}; }
        std::vector<Handle> operator()(const PoweredBy&) const { return {kCorners.begin(), kCorners.end()}; }
    };
    return std::visit(Visitor{}, element);
}

Point handlePoint(const Frame& frame, Handle handle, Length rotateReach) {
    const Bounds& b = frame.box;
    Point p;
    switch (handle) {
        case Handle::TopLeft: p = {b.left, b.top()}; break;
        case Handle::Top: p = {b.centerX(), b.top()}; break;
        case Handle::TopRight: p = {b.right(), b.top()}; break;
        case Handle::Right: p = {b.right(), b.centerY()}; break;
        case Handle::BottomRight: p = {b.right(), b.bottom}; break;
        case Handle::Bottom: p = {b.centerX(), b.bottom}; break;
        case Handle::BottomLeft: p = {b.left, b.bottom}; break;
        case Handle::Left: p = {b.left, b.centerY()}; break;
        case Handle::Rotate: p = {b.centerX(), b.top() + rotateReach}; break;
    }
    return rotatePoint(p, frame.pivot, frame.rotation);
}

std::optional<Handle> handleAt(const Element& element, const Frame& frame, Point p, Length tolerance,
                               Length rotateReach) {
    auto handles = handlesOf(element);
    // Corners win where a small box puts an edge's middle near a corner.
    std::stable_partition(handles.begin(), handles.end(), [](Handle h) {
        return h == Handle::TopLeft || h == Handle::TopRight || h == Handle::BottomLeft || h == Handle::BottomRight;
    });
    for (Handle h : handles) {
        const Point at = handlePoint(frame, h, rotateReach);
        if (std::abs((at.x - p.x).toPt()) <= tolerance.toPt() && std::abs((at.y - p.y).toPt()) <= tolerance.toPt()) {
            return h;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> guideAt(const Guides& guides, Point p, Length tolerance) {
    std::optional<std::size_t> found;
    double best = tolerance.toPt();
    for (std::size_t i = 0; i < guides.size(); ++i) {
        const Length along = guides[i].vertical ? p.x : p.y;
        const double distance = std::abs((along - guides[i].at).toPt());
        if (distance <= best) {
            best = distance;
            found = i;
        }
    }
    return found;
}

SnapTargets snapTargets(const Layout& layout, int page, const std::vector<std::size_t>& moving, Bounds pageRect,
                        const TextAreaHeight& measure, const Guides& guides) {
    SnapTargets t;
    auto addRect = [&t](const Bounds& r) {
        t.xs.insert(t.xs.end(), {r.left, r.centerX(), r.right()});
        t.ys.insert(t.ys.end(), {r.bottom, r.centerY(), r.top()});
    };
    addRect(pageRect);
    for (std::size_t i = 0; i < layout.elements.size(); ++i) {
        const auto& element = layout.elements[i];
        if (base(element).page != page || std::find(moving.begin(), moving.end(), i) != moving.end()) {
            continue;
        }
        addRect(boundsOf(frameOf(element, measure)));
    }
    for (const Guide& guide : guides) {
        (guide.vertical ? t.xs : t.ys).push_back(guide.at);
    }
    return t;
}

namespace {

struct AxisSnap {
    Length offset;
    std::optional<Length> line;
};

// Snaps one axis: `edges` are what may snap before the move (a moved box's low edge, centre and
// high edge; a dragged edge), the first of them the one the grid takes; the grid's lines pass
// through `origin`.
AxisSnap snapAxis(std::span<const Length> edges, Length offset, const std::vector<Length>& targets,
                  std::optional<Length> grid, Length origin, Length tolerance) {
    std::optional<double> best;
    AxisSnap out{offset, std::nullopt};
    for (Length edge : edges) {
        const Length moved = edge + offset;
        for (Length target : targets) {
            const double distance = std::abs((target - moved).toPt());
            if (distance <= tolerance.toPt() && (!best || distance < *best)) {
                best = distance;
                out = AxisSnap{offset + (target - moved), target};
            }
        }
    }
    if (!best && grid && grid->toPt() > 0.0) {
        const Length low = edges[0] + offset;
        const double steps = std::round((low - origin).toPt() / grid->toPt());
        out.offset = offset + (origin + Length::pt(steps * grid->toPt()) - low);
    }
    return out;
}

}  // namespace

Snap snapMove(const Bounds& box, Length dx, Length dy, const SnapTargets& targets, Length tolerance) {
    const std::array xEdges{box.left, box.centerX(), box.right()};
    const std::array yEdges{box.bottom, box.centerY(), box.top()};
    const AxisSnap x = snapAxis(xEdges, dx, targets.xs, targets.grid, targets.gridOrigin.x, tolerance);
    const AxisSnap y = snapAxis(yEdges, dy, targets.ys, targets.grid, targets.gridOrigin.y, tolerance);
    Snap out{x.offset, y.offset, {}};
    if (x.line) {
        out.lines.push_back(SnapLine{true, *x.line});
    }
    if (y.line) {
        out.lines.push_back(SnapLine{false, *y.line});
    }
    return out;
}

SnapPoint snapResize(const Frame& frame, Handle handle, Point to, const SnapTargets& targets, Length tolerance) {
    SnapPoint out{to, {}};
    if (handle == Handle::Rotate || frame.rotation != 0.0) {
        return out;
    }
    const bool movesX = handle != Handle::Top && handle != Handle::Bottom;
    const bool movesY = handle != Handle::Left && handle != Handle::Right;
    if (movesX) {
        const std::array edge{to.x};
        const AxisSnap x = snapAxis(edge, Length{}, targets.xs, targets.grid, targets.gridOrigin.x, tolerance);
        out.to.x = to.x + x.offset;
        if (x.line) {
            out.lines.push_back(SnapLine{true, *x.line});
        }
    }
    if (movesY) {
        const std::array edge{to.y};
        const AxisSnap y = snapAxis(edge, Length{}, targets.ys, targets.grid, targets.gridOrigin.y, tolerance);
        out.to.y = to.y + y.offset;
        if (y.line) {
            out.lines.push_back(SnapLine{false, *y.line});
        }
    }
    return out;
}

}  // namespace boxoffice::layout
