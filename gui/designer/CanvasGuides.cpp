// The Designer canvas's guides: thin lines over the page the elements snap to, made by dragging
// from a ruler (Rulers.h) or in the Add guide dialog (GuideDialog.h), moved by dragging them, and
// removed by dropping them off the canvas (back onto their ruler). They are view state of the
// layout shown, not part of the layout file. Part of DesignerCanvas; UI thread only.
#include "designer/DesignerCanvas.h"

#include <algorithm>
#include <cmath>
#include <wx/dc.h>
#include <wx/intl.h>

namespace boxoffice::gui {

using layout::Length;
using layout::Point;

namespace {

const wxColour kGuide(0x00, 0x9b, 0xc8);
constexpr double kGuideHitPixels = 3.0;  // how near the pointer must be to take a guide
constexpr double kGuideStepMm = 0.1;     // a dragged guide lands on whole tenths of a millimetre

} // namespace

// Dragging a guide: one of the guides (`index`) or a new one from a ruler. It follows the pointer
// while the pointer is over the canvas; dropped there it stays, dropped off the canvas the guide
// is removed (a new one is not made). The guides change only on the drop.
class DesignerCanvas::GuideGesture : public Gesture {
public:
    GuideGesture(DesignerCanvas& canvas, std::optional<std::size_t> index, bool vertical)
        : Gesture(canvas), m_index(index), m_vertical(vertical) {}

    void drag(Point, const wxMouseEvent& event) override { follow(event.GetPosition()); }

    bool release(Point, const wxMouseEvent& event) override {
        follow(event.GetPosition());
        drop();
        return false;
    }

    bool cancel() override { return false; }
    bool changesDragAreaOnly() const override { return false; }

    // The pointer at `client` (the canvas window's pixels).
    void follow(wxPoint client) {
        m_client = client;
        if (!m_canvas.GetClientRect().Contains(client)) {
            m_guide.reset();
            return;
        }
        const Point p = m_canvas.toPage(m_canvas.CalcUnscrolledPosition(client));
        auto rounded = [](Length l) { return Length::mm(std::round(l.toMm() / kGuideStepMm) * kGuideStepMm); };
        // Tenths of a millimetre as the rulers count: a horizontal guide from the page's top.
        const Length top = Length::pt(m_canvas.m_pageSize.height);
        m_guide = layout::Guide{m_vertical, m_vertical ? rounded(p.x) : top - rounded(top - p.y)};
    }

    void drop() {
        auto& guides = m_canvas.m_guides;
        if (m_index && *m_index < guides.size()) {
            if (m_guide) {
                guides[*m_index] = *m_guide;
            } else {
                guides.erase(guides.begin() + static_cast<std::ptrdiff_t>(*m_index));
            }
        } else if (m_guide) {
            guides.push_back(*m_guide);
        }
    }

    std::optional<std::size_t> index() const { return m_index; }
    const std::optional<layout::Guide>& guide() const { return m_guide; }
    wxPoint client() const { return m_client; }

private:
    std::optional<std::size_t> m_index;
    bool m_vertical;
    std::optional<layout::Guide> m_guide;
    wxPoint m_client;
};

layout::SnapTargets DesignerCanvas::snapTargetsBesides(const std::vector<std::size_t>& moving) const {
    const layout::Bounds page{Length{}, Length{}, Length::pt(m_pageSize.width), Length::pt(m_pageSize.height)};
    auto targets = layout::snapTargets(m_document->layout(), m_page, moving, page, measuredHeights(m_measured), m_guides);
    addGridTargets(targets);
    return targets;
}

void DesignerCanvas::addGuide(layout::Guide guide) {
    m_guides.push_back(guide);
    Refresh();
    viewChanged();
}

void DesignerCanvas::clearGuides() {
    if (dynamic_cast<GuideGesture*>(m_gesture.get())) {
        endGesture();
    }
    m_guides.clear();
    Refresh();
    viewChanged();
}

void DesignerCanvas::startGuide(bool vertical) {
    if (!m_document || m_gesture) {
        return;
    }
    m_document->endBurst();
    m_gesture = std::make_unique<GuideGesture>(*this, std::nullopt, vertical);
}

void DesignerCanvas::dragGuide(wxPoint screen) {
    auto* gesture = dynamic_cast<GuideGesture*>(m_gesture.get());
    if (!gesture) {
        return;
    }
    const wxPoint client = ScreenToClient(screen);
    gesture->follow(client);
    m_pointer = toPage(CalcUnscrolledPosition(client));
    Refresh();
    Update();  // the guide follows the pointer at the display's rate
    viewChanged();
}

void DesignerCanvas::dropGuide(wxPoint screen) {
    auto* gesture = dynamic_cast<GuideGesture*>(m_gesture.get());
    if (!gesture) {
        return;
    }
    gesture->follow(ScreenToClient(screen));
    gesture->drop();
    m_gesture.reset();
    Refresh();
    viewChanged();
}

void DesignerCanvas::cancelGuide() {
    if (dynamic_cast<GuideGesture*>(m_gesture.get())) {
        endGesture();
    }
}

std::optional<layout::Guide> DesignerCanvas::draggedGuide() const {
    const auto* gesture = dynamic_cast<const GuideGesture*>(m_gesture.get());
    return gesture ? gesture->guide() : std::nullopt;
}

double DesignerCanvas::rulerMm(const layout::Guide& guide) const {
    return guide.vertical ? guide.at.toMm() : (Length::pt(m_pageSize.height) - guide.at).toMm();
}

std::optional<std::size_t> DesignerCanvas::guideNear(wxPoint client) const {
    return layout::guideAt(m_guides, toPage(CalcUnscrolledPosition(client)), screenLength(kGuideHitPixels));
}

bool DesignerCanvas::takeGuide(wxPoint client) {
    const auto guide = guideNear(client);
    if (!guide || m_gesture) {
        return false;
    }
    m_gesture = std::make_unique<GuideGesture>(*this, guide, m_guides[*guide].vertical);
    CaptureMouse();
    return true;
}

void DesignerCanvas::paintGuides(wxDC& dc) {
    const auto* gesture = dynamic_cast<const GuideGesture*>(m_gesture.get());
    // Across the whole window, the grey around the page too: a guide is taken anywhere along it.
    const wxRect view(CalcUnscrolledPosition(wxPoint(0, 0)), GetClientSize());
    auto line = [&](const layout::Guide& guide) {
        if (guide.vertical) {
            const int x = toArea(Point{guide.at, Length{}}).x;
            dc.DrawLine(x, view.GetTop(), x, view.GetBottom() + 1);
        } else {
            const int y = toArea(Point{Length{}, guide.at}).y;
            dc.DrawLine(view.GetLeft(), y, view.GetRight() + 1, y);
        }
    };
    dc.SetPen(wxPen(kGuide, 1));
    for (std::size_t i = 0; i < m_guides.size(); ++i) {
        if (!gesture || gesture->index() != i) {
            line(m_guides[i]);
        }
    }
    if (!gesture || !gesture->guide()) {
        return;
    }
    // The dragged guide, and beside the pointer where it would land.
    const layout::Guide& dragged = *gesture->guide();
    dc.SetPen(wxPen(kGuide, FromDIP(1) + 1));
    line(dragged);
    // TRANSLATORS: where a guide is, in millimetres from the page's left or top edge.
    const wxString text = wxString::Format(_("%.1f mm"), rulerMm(dragged));
    const wxSize extent = dc.GetTextExtent(text);
    const int pad = FromDIP(3);
    const wxSize box(extent.x + 2 * pad, extent.y + 2 * pad);
    wxPoint at = CalcUnscrolledPosition(gesture->client()) + FromDIP(wxPoint(12, 12));
    at.x = std::min(at.x, view.GetRight() - box.x);
    at.y = std::min(at.y, view.GetBottom() - box.y);
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(kGuide));
    dc.DrawRectangle(wxRect(at, box));
    dc.SetTextForeground(*wxWHITE);
    dc.DrawText(text, at.x + pad, at.y + pad);
    dc.SetBrush(*wxTRANSPARENT_BRUSH);
}

void DesignerCanvas::hover(const wxMouseEvent& event) {
    const wxPoint client = event.GetPosition();
    const bool inside = !event.Leaving() && GetClientRect().Contains(client);
    m_pointer = inside ? std::optional(toPage(CalcUnscrolledPosition(client))) : std::nullopt;
    // Over a guide where no element is: arrows across it, it can be taken.
    wxStockCursor wanted = wxCURSOR_NONE;
    if (inside && !m_gesture && m_document) {
        const auto guide = guideNear(client);
        if (guide && !m_document->elementAt(m_page, *m_pointer, screenLength(kGuideHitPixels))) {
            wanted = m_guides[*guide].vertical ? wxCURSOR_SIZEWE : wxCURSOR_SIZENS;
        }
    }
    if (wanted != m_cursor && !m_gesture) {
        m_cursor = wanted;
        SetCursor(wanted == wxCURSOR_NONE ? wxNullCursor : wxCursor(wanted));
    }
    viewChanged();
}

void DesignerCanvas::viewChanged() {
    m_viewOrigin = CalcScrolledPosition(pageOrigin());
    m_viewScale = viewScale();
    if (onView) {
        onView();
    }
}

} // namespace boxoffice::gui
