#include "boxoffice/layout/Grid.h"

#include <algorithm>
#include <cmath>

namespace boxoffice::layout {

std::optional<GridStep> gridStepFor(double pixelsPerMm, double minGap) {
    for (const GridStep step : {GridStep{1, 10}, GridStep{5, 10}, GridStep{10, 50}}) {
        if (step.minorMm * pixelsPerMm >= minGap) {
            return step;
        }
    }
    return std::nullopt;
}

std::vector<GridLine> gridLines(GridStep step, Length extent, Length from, Length to) {
    std::vector<GridLine> lines;
    if (step.minorMm <= 0 || step.majorMm <= 0) {
        return lines;
    }
    // Strictly inside the page: a line within a hundredth of a millimetre of an edge is that edge
    // (pretix's A4, 595.28 x 841.89 pt, is a hair more than 210 mm wide and less than 297 mm high).
    constexpr double kEdgeMm = 0.01;
    constexpr double kRounding = 1e-9;  // in steps: `from` and `to` themselves are in the part shown
    const double low = std::max(std::min(from, to).toMm(), kEdgeMm);
    const double high = std::min(std::max(from, to).toMm(), extent.toMm() - kEdgeMm);
    const auto first = static_cast<long>(std::ceil(low / step.minorMm - kRounding));
    const auto last = static_cast<long>(std::floor(high / step.minorMm + kRounding));
    for (long i = first; i <= last; ++i) {
        const long mm = i * step.minorMm;
        lines.push_back(GridLine{Length::mm(static_cast<double>(mm)), mm % step.majorMm == 0});
    }
    return lines;
}

}  // namespace boxoffice::layout
