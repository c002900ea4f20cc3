#include "designer/Rulers.h"

#include "designer/DesignerCanvas.h"

#include <array>
#include <cmath>
#include <wx/dcbuffer.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/weakref.h>

namespace boxoffice::gui {

using layout::Length;
using layout::Point;

namespace {

constexpr int kThicknessDip = 20;
constexpr int kMinTickGapDip = 5;  // ticks closer than this are left out

const wxColour kBackground(0xee, 0xee, 0xee);
const wxColour kPageSpan(0xfc, 0xfc, 0xfc);
const wxColour kTicks(0x55, 0x55, 0x55);
const wxColour kSelectionSpan(0x1a, 0x73, 0xe8, 0x40);
const wxColour kPointer(0xd0, 0x1b, 0x1b);
const wxColour kGuideMark(0x00, 0x9b, 0xc8);

// The top-left square where the rulers meet: their unit.
class RulerCorner : public wxWindow {
public:
    explicit RulerCorner(wxWindow* parent)
        : wxWindow(parent, wxID_ANY, wxDefaultPosition, parent->FromDIP(wxSize(kThicknessDip, kThicknessDip)),
                   wxBORDER_NONE | wxFULL_REPAINT_ON_RESIZE, wxS("designer.ruler.corner")) {
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
            wxAutoBufferedPaintDC dc(this);
            dc.SetBackground(wxBrush(kBackground));
            dc.Clear();
            dc.SetFont(GetFont().Smaller());
            dc.SetTextForeground(kTicks);
            // TRANSLATORS: the rulers' unit, millimetres, in their corner.
            const wxString unit = _("mm");
            const wxSize extent = dc.GetTextExtent(unit);
            const wxSize size = GetClientSize();
            dc.DrawText(unit, (size.x - extent.x) / 2, (size.y - extent.y) / 2);
        });
    }
    bool AcceptsFocus() const override { return false; }
    bool AcceptsFocusFromKeyboard() const override { return false; }
};

} // namespace

Ruler::Ruler(wxWindow* parent, DesignerCanvas& canvas, wxOrientation orientation)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE | wxFULL_REPAINT_ON_RESIZE,
               orientation == wxHORIZONTAL ? wxS("designer.ruler.top") : wxS("designer.ruler.left")),
      m_canvas(canvas), m_horizontal(orientation == wxHORIZONTAL) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    const int thickness = FromDIP(kThicknessDip);
    SetMinSize(m_horizontal ? wxSize(-1, thickness) : wxSize(thickness, -1));
    // A screen reader reads the name and the tooltip as its description.
    if (m_horizontal) {
        SetLabel(_("Horizontal ruler"));
        SetToolTip(_("Millimetres from the page's left edge. Drag from here onto the page to add a horizontal "
                     "guide; drag a guide back here to remove it."));
    } else {
        SetLabel(_("Vertical ruler"));
        SetToolTip(_("Millimetres from the page's top edge. Drag from here onto the page to add a vertical "
                     "guide; drag a guide back here to remove it."));
    }
    // The left ruler makes vertical guides, moved left and right; the top one horizontal guides.
    SetCursor(wxCursor(m_horizontal ? wxCURSOR_SIZENS : wxCURSOR_SIZEWE));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
        wxAutoBufferedPaintDC dc(this);
        draw(dc);
        ++m_paints;
    });
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent&) {
        if (m_dragging || !m_canvas.document()) {
            return;
        }
        m_dragging = true;
        CaptureMouse();
        m_canvas.startGuide(!m_horizontal);
    });
    Bind(wxEVT_MOTION, [this](wxMouseEvent& event) {
        if (m_dragging) {
            m_canvas.dragGuide(ClientToScreen(event.GetPosition()));
        }
    });
    Bind(wxEVT_LEFT_UP, [this](wxMouseEvent& event) {
        if (!m_dragging) {
            return;
        }
        m_dragging = false;
        if (HasCapture()) {
            ReleaseMouse();
        }
        m_canvas.dropGuide(ClientToScreen(event.GetPosition()));
    });
    Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) {
        m_dragging = false;
        m_canvas.cancelGuide();
    });
}

int Ruler::along(double points) const { return m_zero + static_cast<int>(std::lround(points * m_scale)); }

int Ruler::screenOf(double mm) const {
    return (m_horizontal ? m_screen.x : m_screen.y) + along(Length::mm(mm).toPt());
}

void Ruler::draw(wxDC& dc) {
    dc.SetBackground(wxBrush(kBackground));
    dc.Clear();
    const wxSize size = GetClientSize();
    const int length = m_horizontal ? size.x : size.y;
    const int thickness = m_horizontal ? size.y : size.x;
    const auto page = m_canvas.pageSize();
    const double pageAlong = m_horizontal ? page.width : page.height;
    // The page's top left corner where the canvas draws it, in this ruler's pixels.
    m_screen = GetScreenPosition();
    const wxPoint corner = ScreenToClient(m_canvas.pageToScreen(Point{Length{}, Length::pt(page.height)}));
    m_zero = m_horizontal ? corner.x : corner.y;
    m_scale = m_canvas.pixelsPerPoint();
    if (m_scale <= 0.0) {
        return;
    }
    // A rectangle across the ruler from `from` to `to` (its own coordinates along it).
    auto span = [&](int from, int to, int depth) {
        const wxRect r = m_horizontal ? wxRect(from, thickness - depth, to - from, depth)
                                      : wxRect(thickness - depth, from, depth, to - from);
        dc.DrawRectangle(r);
    };
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(kPageSpan));
    span(m_zero, along(pageAlong), thickness);

    // The selection's extent, from the page's left (top) edge.
    const layout::Document* doc = m_canvas.document();
    if (doc) {
        if (const auto bounds = doc->selectionBounds()) {
            const double from = m_horizontal ? bounds->left.toPt() : page.height - bounds->top().toPt();
            const double to = m_horizontal ? bounds->right().toPt() : page.height - bounds->bottom.toPt();
            dc.SetBrush(wxBrush(kSelectionSpan));
            span(along(from), along(to) + 1, thickness);
        }
    }

    // Ticks: the finest step of 1, 5 or 10 mm (coarser when zoomed far out) that leaves room
    // between them; numbers every 10 mm, or as often as they fit.
    const double pixelsPerMm = m_scale * Length::kPointsPerMm;
    constexpr std::array kTicksMm{1, 5, 10, 50, 100};
    m_tickStep = kTicksMm.back();
    for (const int step : kTicksMm) {
        if (step * pixelsPerMm >= FromDIP(kMinTickGapDip)) {
            m_tickStep = step;
            break;
        }
    }
    dc.SetFont(GetFont().Smaller());
    const int labelRoom = dc.GetTextExtent(wxS("000")).x + FromDIP(6);
    constexpr std::array kLabelsMm{10, 50, 100, 500};
    m_labelStep = kLabelsMm.back();
    for (const int step : kLabelsMm) {
        if (step * pixelsPerMm >= labelRoom) {
            m_labelStep = step;
            break;
        }
    }
    const int halfStep = m_labelStep == 10 || m_labelStep == 100 ? m_labelStep / 2 : m_labelStep / 5;
    const int first = static_cast<int>(std::ceil(-m_zero / pixelsPerMm / m_tickStep));
    const int last = static_cast<int>(std::floor((length - m_zero) / pixelsPerMm / m_tickStep));
    dc.SetPen(wxPen(kTicks, 1));
    dc.SetTextForeground(kTicks);
    for (int k = first; k <= last; ++k) {
        const int mm = k * m_tickStep;
        const int at = along(Length::mm(mm).toPt());
        const bool labelled = mm % m_labelStep == 0;
        const int depth = labelled ? thickness : mm % halfStep == 0 ? thickness / 2 : thickness / 4;
        if (m_horizontal) {
            dc.DrawLine(at, thickness - depth, at, thickness);
        } else {
            dc.DrawLine(thickness - depth, at, thickness, at);
        }
        if (labelled) {
            const wxString number = wxString::Format(wxS("%d"), mm);
            if (m_horizontal) {
                dc.DrawText(number, at + FromDIP(2), 0);
            } else {
                // Turned to read upwards, after its tick.
                dc.DrawRotatedText(number, 0, at + FromDIP(2) + dc.GetTextExtent(number).x, 90);
            }
        }
    }

    // The guides running across this ruler's direction, and the one being dragged.
    const int mark = FromDIP(4);
    auto guideMark = [&](const layout::Guide& guide) {
        if (guide.vertical != m_horizontal) {
            return;
        }
        const int at = along(Length::mm(m_canvas.rulerMm(guide)).toPt());
        const std::array<wxPoint, 3> triangle =
            m_horizontal ? std::array{wxPoint(at - mark, thickness - mark), wxPoint(at + mark, thickness - mark), wxPoint(at, thickness)}
                         : std::array{wxPoint(thickness - mark, at - mark), wxPoint(thickness - mark, at + mark), wxPoint(thickness, at)};
        dc.DrawPolygon(static_cast<int>(triangle.size()), triangle.data());
    };
    dc.SetPen(wxPen(kGuideMark, 1));
    dc.SetBrush(wxBrush(kGuideMark));
    for (const auto& guide : m_canvas.guides()) {
        guideMark(guide);
    }
    if (const auto dragged = m_canvas.draggedGuide()) {
        guideMark(*dragged);
    }

    // Where the mouse pointer is.
    if (const auto pointer = m_canvas.pointer()) {
        const int at = along(m_horizontal ? pointer->x.toPt() : page.height - pointer->y.toPt());
        dc.SetPen(wxPen(kPointer, 1));
        if (m_horizontal) {
            dc.DrawLine(at, 0, at, thickness);
        } else {
            dc.DrawLine(0, at, thickness, at);
        }
    }
    // The edge towards the canvas.
    dc.SetPen(wxPen(kTicks, 1));
    if (m_horizontal) {
        dc.DrawLine(0, thickness - 1, length, thickness - 1);
    } else {
        dc.DrawLine(thickness - 1, 0, thickness - 1, length);
    }
}

wxSizer* withRulers(wxWindow* parent, DesignerCanvas& canvas) {
    auto* top = new Ruler(parent, canvas, wxHORIZONTAL);
    auto* left = new Ruler(parent, canvas, wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, 0, 0);
    grid->AddGrowableCol(1);
    grid->AddGrowableRow(1);
    grid->Add(new RulerCorner(parent), 0, wxEXPAND);
    grid->Add(top, 0, wxEXPAND);
    grid->Add(left, 0, wxEXPAND);
    grid->Add(&canvas, 1, wxEXPAND);
    canvas.onView = [top = wxWeakRef<Ruler>(top), left = wxWeakRef<Ruler>(left)] {
        for (Ruler* ruler : {top.get(), left.get()}) {
            if (ruler) {
                ruler->Refresh();
            }
        }
    };
    return grid;
}

} // namespace boxoffice::gui
