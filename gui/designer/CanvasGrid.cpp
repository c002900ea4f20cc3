// The Designer canvas's millimetre grid: light lines over the page every 1, 5 or 10 mm, as fine
// as the zoom allows without lines closer than about 8 pixels (layout/Grid.h), a little stronger
// every 10 mm; counted from the page's top-left corner, as the rulers are. While it shows, moving
// and resizing snap to whole millimetres from that corner, after the other elements, the page and
// the guides (Alt: not at all, as always); the arrow keys still move by their own steps. Shown and
// hidden with the Grid check box beside the zoom or Ctrl+' on the canvas. View state: remembered
// in the desk's preferences like the window's size, never written into the layout. Part of
// DesignerCanvas; UI thread only.
#include "designer/DesignerCanvas.h"

#include "boxoffice/desk/Preferences.h"

#include <algorithm>
#include <vector>
#include <wx/checkbox.h>
#include <wx/dc.h>
#include <wx/graphics.h>
#include <wx/intl.h>

namespace boxoffice::gui {

using layout::Length;
using layout::Point;

namespace {

// Moves and resizes snap to every millimetre whatever lines show: positions come out whole in the
// properties, each line shown (1, 5 or 10 mm) is among them, and where a drop lands does not
// depend on the zoom. (Snapping to the lines shown would move by 10 mm when zoomed out.)
constexpr double kSnapMm = 1.0;
constexpr double kMinGapDip = 8.0;  // lines never closer on the screen

// Blue-grey and mostly transparent: faint on a white page, still seen over a dark background.
const wxColour kMinorLine(0x3c, 0x64, 0x96, 0x26);
const wxColour kMajorLine(0x3c, 0x64, 0x96, 0x50);

// The desk preference (desk/Preferences.h): "1" while the grid shows.
constexpr const char* kGridPreference = "designer.grid";

} // namespace

void DesignerCanvas::restoreGrid() {
    m_session.run<bool>(
        this,
        [](desk::TaskContext& context) { return desk::preference(context.store, kGridPreference) == "1"; },
        [this](bool&& shown) {
            if (!m_gridChosen && shown != m_grid) {
                m_grid = shown;
                Refresh();
                if (onGrid) {
                    onGrid();
                }
            }
        },
        [](const wxString&) {});  // not remembered: the grid starts hidden
}

void DesignerCanvas::showGrid(bool show) {
    m_gridChosen = true;
    if (show == m_grid) {
        return;
    }
    m_grid = show;
    Refresh();
    if (onGrid) {
        onGrid();
    }
    m_session.run<bool>(
        this,
        [show](desk::TaskContext& context) {
            desk::setPreference(context.store, kGridPreference, show ? "1" : "0");
            return true;
        },
        [](bool&&) {}, [](const wxString&) {});  // a view not remembered is no reason to interrupt anyone
}

std::optional<layout::GridStep> DesignerCanvas::gridStep() const {
    if (!m_grid) {
        return std::nullopt;
    }
    return layout::gridStepFor(viewScale() * Length::kPointsPerMm, FromDIP(kMinGapDip));
}

void DesignerCanvas::addGridTargets(layout::SnapTargets& targets) const {
    if (m_grid) {
        targets.grid = Length::mm(kSnapMm);
        targets.gridOrigin = Point{Length{}, Length::pt(m_pageSize.height)};
    }
}

void DesignerCanvas::paintGrid(wxDC& dc) {
    const auto step = gridStep();
    if (!step) {
        return;
    }
    // Only the lines in the window, each across the part of the page shown: a few dozen lines.
    const wxRect view(CalcUnscrolledPosition(wxPoint(0, 0)), GetClientSize());
    const wxPoint pageTopLeft = toArea(Point{Length{}, Length::pt(m_pageSize.height)});
    const wxPoint pageBottomRight = toArea(Point{Length::pt(m_pageSize.width), Length{}});
    const int left = std::max(pageTopLeft.x, view.GetLeft());
    const int right = std::min(pageBottomRight.x, view.GetRight() + 1);
    const int top = std::max(pageTopLeft.y, view.GetTop());
    const int bottom = std::min(pageBottomRight.y, view.GetBottom() + 1);
    if (left >= right || top >= bottom) {
        return;
    }
    const Point viewTopLeft = toPage(wxPoint(left, top));
    const Point viewBottomRight = toPage(wxPoint(right, bottom));
    // Rows counted from the page's top edge, as the left ruler counts.
    const Length height = Length::pt(m_pageSize.height);
    const auto columns = layout::gridLines(*step, Length::pt(m_pageSize.width), viewTopLeft.x, viewBottomRight.x);
    const auto rows = layout::gridLines(*step, height, height - viewTopLeft.y, height - viewBottomRight.y);
    // Each line a box a pixel wide; the faint ones first, then the stronger ones over them.
    for (const bool major : {false, true}) {
        std::vector<wxRect> lines;
        for (const auto& line : columns) {
            if (line.major == major) {
                lines.emplace_back(toArea(Point{line.at, Length{}}).x, top, 1, bottom - top);
            }
        }
        for (const auto& line : rows) {
            if (line.major == major) {
                lines.emplace_back(left, toArea(Point{Length{}, height - line.at}).y, right - left, 1);
            }
        }
        const wxColour colour = major ? kMajorLine : kMinorLine;
        if (wxGraphicsContext* gc = dc.GetGraphicsContext()) {
            // One fill of whole pixels for them all, not smoothed: a line drawn on its own, or
            // smoothed, costs the X server a millisecond a frame more (bench_designer), and the
            // crossings are not darker.
            wxGraphicsPath path = gc->CreatePath();
            for (const wxRect& r : lines) {
                path.AddRectangle(r.x, r.y, r.width, r.height);
            }
            const wxAntialiasMode smoothing = gc->GetAntialiasMode();
            gc->SetAntialiasMode(wxANTIALIAS_NONE);
            dc.SetBrush(wxBrush(colour));
            gc->FillPath(path);
            gc->SetAntialiasMode(smoothing);
        } else {
            // A DC that does not blend (Windows' GDI): the colour as it looks over white.
            auto overWhite = [&](unsigned char c) {
                return static_cast<unsigned char>(0xff - (0xff - c) * colour.Alpha() / 0xff);
            };
            dc.SetPen(*wxTRANSPARENT_PEN);
            dc.SetBrush(wxBrush(wxColour(overWhite(colour.Red()), overWhite(colour.Green()), overWhite(colour.Blue()))));
            for (const wxRect& r : lines) {
                dc.DrawRectangle(r);
            }
        }
    }
    dc.SetBrush(*wxTRANSPARENT_BRUSH);
}

wxCheckBox* makeGridToggle(wxWindow* parent, DesignerCanvas& canvas) {
    // TRANSLATORS: a check box above the Designer's page: show a millimetre grid and snap to it.
    auto* box = new wxCheckBox(parent, wxID_ANY, _("Grid"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                               wxS("designer.grid"));
    box->SetToolTip(_("Show a millimetre grid over the page; moved and resized elements snap to whole millimetres "
                      "(hold Alt to place freely) (Ctrl+')"));
    box->SetValue(canvas.gridShown());
    box->Bind(wxEVT_CHECKBOX, [&canvas](wxCommandEvent& event) { canvas.showGrid(event.IsChecked()); });
    canvas.onGrid = [box, &canvas] { box->SetValue(canvas.gridShown()); };
    return box;
}

} // namespace boxoffice::gui
