#include "boxoffice/printing/Calibration.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/core.h>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "boxoffice/model/TokenRepository.h"

namespace boxoffice::printing {

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kMaxScaleError = 0.2;

std::string settingKey(const std::string& printer, const std::string& paper) {
    return "print.calibration/" + printer + "/" + paper;
}

}  // namespace

std::string paperKey(double widthPt, double heightPt) {
    const auto mm = [](double pt) { return std::round(pt / kPointsPerMm * 10) / 10; };
    return fmt::format("{:g}x{:g}", mm(widthPt), mm(heightPt));
}

model::Result<render::PageTransform> calibrationFromMeasurement(const Measurement& m, double pageWidthMm,
                                                                double pageHeightMm) {
    model::FieldErrors errors;
    const auto onPaper = [&](const char* field, double value, double limit) {
        if (!std::isfinite(value) || value < 0 || value > limit) {
            errors[field].push_back(fmt::format("Must be between 0 and {:g} mm (on the paper).", limit));
        }
    };
    onPaper("first_x", m.firstXMm, pageWidthMm);
    onPaper("first_y", m.firstYMm, pageHeightMm);
    if (m.secondXMm) {
        onPaper("second_x", *m.secondXMm, pageWidthMm);
    }
    if (m.secondYMm) {
        onPaper("second_y", *m.secondYMm, pageHeightMm);
    }
    if (!errors.empty()) {
        return model::Error::badInput("The measured values are not on the paper.", std::move(errors));
    }
    // The printer puts a point p of the page at s * p + e on the paper (each axis); the correction
    // draws p at (p - e) / s, so that it lands where the page says.
    const auto axis = [&](const char* field, double first, std::optional<double> second, double size,
                          double& scale, double& shift) {
        const double a = kTestMarkMm;
        const double b = size - kTestMarkMm;
        double s = 1;
        if (second) {
            s = (*second - first) / (b - a);
            if (!(std::abs(s - 1) <= kMaxScaleError)) {
                errors[field].push_back(
                    "The crosshairs are too far apart or too close together for this paper size: measure again.");
                return;
            }
        }
        const double e = first - s * a;
        scale = 1 / s;
        shift = -e / s;
    };
    render::PageTransform t;
    axis("second_x", m.firstXMm, m.secondXMm, pageWidthMm, t.scaleX, t.offsetXMm);
    axis("second_y", m.firstYMm, m.secondYMm, pageHeightMm, t.scaleY, t.offsetYMm);
    if (!errors.empty()) {
        return model::Error::badInput("The measured values do not fit the test page.", std::move(errors));
    }
    return t;
}

std::optional<render::PageTransform> calibration(model::Store& store, const std::string& printer,
                                                 const std::string& paper) {
    const auto value = model::SettingsRepository(store).get(settingKey(printer, paper));
    if (!value) {
        return std::nullopt;
    }
    std::istringstream in(*value);
    in.imbue(std::locale::classic());
    render::PageTransform t;
    if (!(in >> t.offsetXMm >> t.offsetYMm >> t.scaleX >> t.scaleY) || t.scaleX <= 0 || t.scaleY <= 0) {
        return std::nullopt;  // not written by this version: printed uncorrected
    }
    return t;
}

void setCalibration(model::Store& store, const std::string& printer, const std::string& paper,
                    const render::PageTransform& t) {
    model::SettingsRepository settings(store);
    if (t.identity()) {
        settings.remove(settingKey(printer, paper));
        return;
    }
    settings.set(settingKey(printer, paper),
                 fmt::format("{:.4f} {:.4f} {:.6f} {:.6f}", t.offsetXMm, t.offsetYMm, t.scaleX, t.scaleY));
}

model::Result<bool> writeTestPage(const std::filesystem::path& file, double widthPt, double heightPt,
                                  const std::string& printer) {
    cairo_surface_t* surface = cairo_pdf_surface_create(file.c_str(), widthPt, heightPt);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Box Office printer test page");
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, kPointsPerMm, kPointsPerMm);  // millimetres from here on
    const double width = widthPt / kPointsPerMm;
    const double height = heightPt / kPointsPerMm;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.15);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 2.5);
    // Rulers: a mark every millimetre from the edge, longer every 5 and 10, numbered every 10.
    const auto ruler = [&](double length, bool horizontal) {
        for (int mm = 1; mm < static_cast<int>(length); ++mm) {
            const double mark = mm % 10 == 0 ? 6 : mm % 5 == 0 ? 4 : 2;
            if (horizontal) {
                cairo_move_to(cr, mm, 0);
                cairo_line_to(cr, mm, mark);
            } else {
                cairo_move_to(cr, 0, mm);
                cairo_line_to(cr, mark, mm);
            }
            if (mm % 10 == 0 && mm > 10) {
                const std::string label = std::to_string(mm);
                horizontal ? cairo_move_to(cr, mm + 0.5, 9) : cairo_move_to(cr, 7, mm - 0.5);
                cairo_show_text(cr, label.c_str());
            }
        }
        cairo_stroke(cr);
    };
    ruler(width, true);
    ruler(height, false);
    const auto crosshair = [&](double x, double y, const char* name) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, 3, 0, 2 * M_PI);
        cairo_move_to(cr, x - 6, y);
        cairo_line_to(cr, x + 6, y);
        cairo_move_to(cr, x, y - 6);
        cairo_line_to(cr, x, y + 6);
        cairo_stroke(cr);
        cairo_move_to(cr, x + 4, y - 4);
        cairo_show_text(cr, name);
    };
    crosshair(kTestMarkMm, kTestMarkMm, "1");
    crosshair(width - kTestMarkMm, height - kTestMarkMm, "2");
    const std::string lines[] = {
        fmt::format("Box Office test page: {}, paper {:.1f} x {:.1f} mm", printer, width, height),
        "Measure from the paper's left edge and from its top edge to the centre of each crosshair.",
        fmt::format("Printed exactly: crosshair 1 at {:.1f} and {:.1f} mm, crosshair 2 at {:.1f} and {:.1f} mm.",
                    kTestMarkMm, kTestMarkMm, width - kTestMarkMm, height - kTestMarkMm),
        "Enter the four numbers in Box Office: every page printed here is then moved and scaled to match."};
    double y = std::min(45.0, height / 2);
    cairo_set_font_size(cr, std::min(3.5, width / 60));
    for (const auto& line : lines) {
        cairo_move_to(cr, 15, y);
        cairo_show_text(cr, line.c_str());
        y += 6;
    }
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        return model::Error{model::ErrorCode::Io,
                            fmt::format("Cannot write the test page {}: {}", file.string(), cairo_status_to_string(status)),
                            {}};
    }
    return true;
}

}  // namespace boxoffice::printing
