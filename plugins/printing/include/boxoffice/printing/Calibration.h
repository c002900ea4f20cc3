// Printer calibration: many printers do not print where the page says, by a few millimetres, and
// some enlarge or shrink slightly. A calibration is kept per printer and paper size and applied
// to every page printed there (render::PageTransform), so a ticket's fields land on the pre-printed
// card or the label stock. It is found with a test page: a ruler along two edges and two
// crosshairs at known places; the user measures where the crosshairs came out.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "boxoffice/model/Store.h"
#include "boxoffice/render/TicketDocument.h"

namespace boxoffice::printing {

// "210x297" (millimetres, to a tenth) for a page size in points.
std::string paperKey(double widthPt, double heightPt);

// Where the test page draws its crosshairs: the first this far from the top left corner, the
// second this far from the bottom right corner (millimetres).
inline constexpr double kTestMarkMm = 20.0;

// What the user measured on a printed test page, in millimetres from the paper's left and top
// edges: where the centre of the first crosshair is, and (optional, for the scale) where the
// second one is. The expected values are kTestMarkMm and the page size minus kTestMarkMm.
struct Measurement {
    double firstXMm = kTestMarkMm;
    double firstYMm = kTestMarkMm;
    std::optional<double> secondXMm;
    std::optional<double> secondYMm;
};

// The correction that makes the printer put every point where the page says. BadInput when the
// numbers cannot come from the test page (a crosshair off the paper, a scale beyond 20 %).
model::Result<render::PageTransform> calibrationFromMeasurement(const Measurement& measured, double pageWidthMm,
                                                                double pageHeightMm);

// The calibration kept for a printer and paper, if any.
std::optional<render::PageTransform> calibration(model::Store& store, const std::string& printer,
                                                 const std::string& paper);
// Keeps `transform` for the printer and paper (identity: forgets it). A use case: its own write.
void setCalibration(model::Store& store, const std::string& printer, const std::string& paper,
                    const render::PageTransform& transform);

// Writes the test page of `widthPt` x `heightPt`: rulers with millimetre marks along the top and
// left edges, the two crosshairs, and what to measure, in words. Io error when it cannot be written.
model::Result<bool> writeTestPage(const std::filesystem::path& file, double widthPt, double heightPt,
                                  const std::string& printer);

}  // namespace boxoffice::printing
