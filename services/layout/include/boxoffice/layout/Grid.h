// The designer's millimetre grid, without a display: which lines to draw at a zoom and where. The
// lines are counted from the page's top-left corner, where the designer's rulers count from (so
// the stronger lines meet the rulers' numbers), and snapping to the grid uses the same corner
// (SnapTargets::gridOrigin in Geometry.h). On a page a whole number of millimetres high, as A4
// and most ticket sizes are, a line is a whole number of millimetres from the lower-left corner
// too, where the layout counts its positions. The grid is view state of the designer, never part
// of the layout file. Free functions on value types; safe from any thread.
#pragma once

#include <optional>
#include <vector>

#include "boxoffice/layout/Length.h"

namespace boxoffice::layout {

// A line every `minorMm`, and a stronger one every `majorMm` (a multiple of it).
struct GridStep {
    int minorMm = 1;
    int majorMm = 10;
    bool operator==(const GridStep&) const = default;
};

// The finest grid whose lines lie at least `minGap` pixels apart at `pixelsPerMm` screen pixels
// per millimetre: a line every 1 mm, else 5 mm, else 10 mm. The 1 and 5 mm grids have a stronger
// line every 10 mm; the 10 mm grid every 50 mm, where a line every 10 mm would be every line.
// nullopt when even 10 mm lines would be closer than `minGap` (a page shrunk below 25 %).
std::optional<GridStep> gridStepFor(double pixelsPerMm, double minGap);

struct GridLine {
    Length at;
    bool major = false;
    bool operator==(const GridLine&) const = default;
};

// The lines of `step` along one side of the page, `extent` long, that lie between `from` and `to`
// (the part of that side on the screen; either order), in increasing order; all three, and the
// lines' places, measured from the side's start (the left edge for x, the top edge for y). Only
// lines inside the page: none on its edges, which are drawn already, and none beyond them.
std::vector<GridLine> gridLines(GridStep step, Length extent, Length from, Length to);

}  // namespace boxoffice::layout
