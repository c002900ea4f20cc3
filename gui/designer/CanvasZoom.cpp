// The Designer canvas's zoom and where the page is in its window: the page's place and the
// conversions between page points and pixels; zooming to a step, to fit the page or its width
// (following the window's size until another zoom is chosen), and around a point of the page
// that stays under the pointer (Ctrl+wheel) or under the fingers (a pinch on a touchpad or a
// touch screen, where the platform reports one). Part of DesignerCanvas; UI thread only.
#include "designer/DesignerCanvas.h"

#include <algorithm>
#include <cmath>

namespace boxoffice::gui {

using layout::Length;
using layout::Point;

namespace {

constexpr int kMarginDip = 24;  // grey around the page
constexpr double kWheelStep = 1.1;

} // namespace

double DesignerCanvas::viewScale() const { return m_zoom * FromDIP(wxSize(960, 960)).x / 720.0; }

double DesignerCanvas::fitZoom(Fit fit) const {
    // The window as it is now: when a scroll bar comes or goes, the window's size changes and the
    // zoom follows it (refit).
    const wxSize client = GetClientSize();
    // Two pixels to spare: the page's size is rounded up to whole pixels, and no scroll bar
    // should appear for it.
    const double margin = 2.0 * FromDIP(kMarginDip) + 2.0;
    const double unit = FromDIP(wxSize(960, 960)).x / 720.0;
    const double byWidth = (client.x - margin) / (m_pageSize.width * unit);
    const double zoom = fit == Fit::Width ? byWidth : std::min(byWidth, (client.y - margin) / (m_pageSize.height * unit));
    return std::clamp(zoom, 0.1, kMaxZoom);
}

void DesignerCanvas::setZoom(double zoom) {
    m_fit = Fit::None;
    const double wanted = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (std::abs(wanted - m_zoom) < 1e-9) {
        return;
    }
    m_zoom = wanted;
    updateVirtualSize();
    Refresh();
    requestPicture();
    if (onZoom) {
        onZoom();
    }
}

void DesignerCanvas::zoomToFit(Fit fit) {
    m_fit = fit;
    m_zoom = fitZoom(fit);
    updateVirtualSize();
    Scroll(0, 0);
    Refresh();
    requestPicture();
    if (onZoom) {
        onZoom();
    }
}

bool DesignerCanvas::refit() {
    if (m_fit == Fit::None) {
        return false;
    }
    const double fit = fitZoom(m_fit);
    if (std::abs(fit - m_zoom) <= 1e-6) {
        return false;
    }
    m_zoom = fit;
    if (onZoom) {
        onZoom();
    }
    return true;
}

void DesignerCanvas::updateVirtualSize() {
    const double s = viewScale();
    const int margin = FromDIP(kMarginDip);
    SetVirtualSize(static_cast<int>(std::ceil(m_pageSize.width * s)) + 2 * margin,
                   static_cast<int>(std::ceil(m_pageSize.height * s)) + 2 * margin);
    viewChanged();
}

wxPoint DesignerCanvas::pageOrigin() const {
    const wxSize client = GetClientSize();
    const double s = viewScale();
    const int margin = FromDIP(kMarginDip);
    const int width = static_cast<int>(std::ceil(m_pageSize.width * s));
    const int height = static_cast<int>(std::ceil(m_pageSize.height * s));
    return wxPoint(std::max(margin, (client.x - width) / 2), std::max(margin, (client.y - height) / 2));
}

wxPoint DesignerCanvas::toArea(Point p) const {
    const wxPoint o = pageOrigin();
    const double s = viewScale();
    return wxPoint(o.x + static_cast<int>(std::lround(p.x.toPt() * s)),
                   o.y + static_cast<int>(std::lround((m_pageSize.height - p.y.toPt()) * s)));
}

Point DesignerCanvas::toPage(wxPoint area) const {
    const wxPoint o = pageOrigin();
    const double s = viewScale();
    return Point{Length::pt((area.x - o.x) / s), Length::pt(m_pageSize.height - (area.y - o.y) / s)};
}

wxPoint DesignerCanvas::pageToScreen(Point p) const { return ClientToScreen(CalcScrolledPosition(toArea(p))); }

Point DesignerCanvas::screenToPage(wxPoint screen) const { return toPage(CalcUnscrolledPosition(ScreenToClient(screen))); }

Length DesignerCanvas::screenLength(double pixels) const { return Length::pt(FromDIP(1) * pixels / viewScale()); }

void DesignerCanvas::zoomAround(double zoom, Point anchor, wxPoint client) {
    setZoom(zoom);
    // As near as whole scroll units allow; a page smaller than the window stays in its middle.
    const wxPoint area = toArea(anchor);
    int unitX = 1, unitY = 1;
    GetScrollPixelsPerUnit(&unitX, &unitY);
    auto units = [](int pixels, int unit) {
        return std::max(0, static_cast<int>(std::lround(static_cast<double>(pixels) / std::max(1, unit))));
    };
    Scroll(units(area.x - client.x, unitX), units(area.y - client.y, unitY));
    Refresh();
}

void DesignerCanvas::onWheel(wxMouseEvent& event) {
    if (!event.ControlDown() || event.GetWheelAxis() != wxMOUSE_WHEEL_VERTICAL) {
        event.Skip();
        return;
    }
    // The page point under the pointer stays under it.
    const wxPoint pointer = event.GetPosition();
    const double factor = event.GetWheelRotation() > 0 ? kWheelStep : 1.0 / kWheelStep;
    zoomAround(m_zoom * factor, toPage(CalcUnscrolledPosition(pointer)), pointer);
}

void DesignerCanvas::onZoomGesture(wxZoomGestureEvent& event) {
    // The factor counts from the gesture's start: the zoom then, times it, with the page point
    // that was under the fingers at the start kept under them as they move.
    if (event.IsGestureStart() || !m_pinch) {
        m_pinch = Pinch{m_zoom, toPage(CalcUnscrolledPosition(event.GetPosition()))};
    }
    zoomAround(m_pinch->zoom * event.GetZoomFactor(), m_pinch->anchor, event.GetPosition());
    if (event.IsGestureEnd()) {
        m_pinch.reset();
    }
}

} // namespace boxoffice::gui
