#include "designer/DesignerCanvas.h"

#include "boxoffice/gui/Format.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <numbers>
#include <string>
#include <wx/dcbuffer.h>
#include <wx/image.h>

namespace boxoffice::gui {

using layout::Length;
using layout::Point;

namespace {

constexpr double kHitPixels = 3.0;     // how near a click must be to an element
constexpr double kHandlePixels = 5.0;  // how near to a handle
constexpr double kRotateReachPixels = 22.0;
constexpr double kSnapPixels = 5.0;
constexpr double kDragStartPixels = 3.0;  // a press that moves less is a click
constexpr double kMaxPicturePixels = 8e6;
constexpr int kKeyPauseMs = 700;

const wxColour kSelection(0x1a, 0x73, 0xe8);
const wxColour kOutline(0xae, 0xcb, 0xfa);
const wxColour kLocked(0x9a, 0x9a, 0x9a);
const wxColour kSnap(0xd0, 0x1b, 0xb8);

const unsigned char kUnprintedGrey = 0xd8;  // a page that prints nothing

int burstCounter = 0;

std::string nextBurst(const char* what) { return std::string(what) + "-" + std::to_string(++burstCounter); }

// Page `page` of `background` at `scale`; a page the background lacks in grey, the size of its pages.
model::Result<render::PagePixels> pagePixels(const layout::SharedBackground& background, int page, double scale) {
    static const std::vector<unsigned char> none;
    const auto& pdf = background ? background->pdf : none;
    auto pixels = render::rasterizeBackground(pdf, page - 1, scale);
    if (pixels || pixels.error().code != model::ErrorCode::NotFound || page <= 1) {
        return pixels;
    }
    auto first = render::rasterizeBackground(pdf, 0, scale);
    if (first) {
        std::fill(first->rgb.begin(), first->rgb.end(), kUnprintedGrey);
    }
    return first;
}

} // namespace

layout::TextAreaHeight measuredHeights(std::shared_ptr<const MeasuredTexts> measured) {
    return [measured = std::move(measured)](const layout::TextArea& area) {
        const layout::TextArea key = render::measureKey(area);
        for (const auto& m : *measured) {
            if (m.area == key) {
                return m.height;
            }
        }
        return Length::pt(area.style.fontSize * 1.15 * area.lineHeight.value_or(1.0));
    };
}

// Dragging the selection: one undo step, snapped to the other elements, the page and the guides
// unless Alt is held.
class DesignerCanvas::MoveGesture : public Gesture {
public:
    MoveGesture(DesignerCanvas& canvas, Point start, wxPoint pressed)
        : Gesture(canvas), m_start(start), m_pressed(pressed), m_burst(nextBurst("drag")) {
        m_bounds = document().selectionBounds().value_or(layout::Bounds{});
        m_targets = canvas.snapTargetsBesides(document().selection());
    }

    void drag(Point p, const wxMouseEvent& event) override {
        if (!m_started) {
            const wxPoint d = event.GetPosition() - m_pressed;
            if (std::hypot(d.x, d.y) < m_canvas.FromDIP(kDragStartPixels)) {
                return;
            }
            m_started = true;
        }
        Length dx = p.x - m_start.x;
        Length dy = p.y - m_start.y;
        m_canvas.m_snapLines.clear();
        if (!event.AltDown()) {
            auto snap = layout::snapMove(m_bounds, dx, dy, m_targets, m_canvas.screenLength(kSnapPixels));
            dx = snap.dx;
            dy = snap.dy;
            m_canvas.m_snapLines = std::move(snap.lines);
        }
        if (document().moveSelected(dx - m_applied.x, dy - m_applied.y, m_burst)) {
            m_applied = Point{dx, dy};
            m_moved = true;
        }
    }

    bool release(Point, const wxMouseEvent&) override { return m_moved; }

private:
    Point m_start;
    wxPoint m_pressed;
    std::string m_burst;
    layout::Bounds m_bounds;
    layout::SnapTargets m_targets;
    Point m_applied;
    bool m_started = false;
    bool m_moved = false;
};

// Dragging a handle of the one selected element: resizes it, the edges it moves snapped like a
// move (unless Alt is held), or turns it (the rotation handle).
class DesignerCanvas::HandleGesture : public Gesture {
public:
    HandleGesture(DesignerCanvas& canvas, std::size_t index, layout::Handle handle)
        : Gesture(canvas), m_index(index), m_handle(handle), m_burst(nextBurst("handle")),
          m_targets(canvas.snapTargetsBesides({index})) {}

    void drag(Point p, const wxMouseEvent& event) override {
        if (m_handle == layout::Handle::Rotate && event.ShiftDown()) {
            // Shift: whole multiples of 15 degrees.
            const auto frame = document().frame(m_index);
            const double degrees = -std::atan2((p.y - frame.pivot.y).toPt(), (p.x - frame.pivot.x).toPt()) * 180.0 / std::numbers::pi;
            m_changed |= document().rotate(m_index, std::round(degrees / 15.0) * 15.0, m_burst);
            return;
        }
        auto snap = event.AltDown() ? layout::SnapPoint{p, {}}
                                    : layout::snapResize(document().frame(m_index), m_handle, p, m_targets,
                                                         m_canvas.screenLength(kSnapPixels));
        m_changed |= document().resize(m_index, m_handle, snap.to, Length::mm(1), m_burst);
        // A code or logo keeps its aspect: only the snaps its box still meets are drawn.
        const auto box = document().frame(m_index).box;
        std::erase_if(snap.lines, [&](const layout::SnapLine& line) {
            auto meets = [&](Length edge) { return std::abs((edge - line.at).toPt()) < 1e-6; };
            return line.vertical ? !meets(box.left) && !meets(box.right()) : !meets(box.bottom) && !meets(box.top());
        });
        m_canvas.m_snapLines = std::move(snap.lines);
    }

    bool release(Point, const wxMouseEvent&) override { return m_changed; }

private:
    std::size_t m_index;
    layout::Handle m_handle;
    std::string m_burst;
    layout::SnapTargets m_targets;
    bool m_changed = false;
};

// A rubber band: selects what it wholly encloses.
class DesignerCanvas::BandGesture : public Gesture {
public:
    BandGesture(DesignerCanvas& canvas, Point start, bool extend) : Gesture(canvas), m_start(start), m_extend(extend) {}

    void drag(Point p, const wxMouseEvent&) override { m_canvas.m_band = band(p); }

    bool release(Point p, const wxMouseEvent&) override {
        const layout::Bounds r = band(p);
        if (r.width > m_canvas.screenLength(2) || r.height > m_canvas.screenLength(2)) {
            document().selectEnclosed(m_canvas.m_page, r, m_extend);
        }
        return false;
    }

private:
    layout::Bounds band(Point p) const {
        const Length left = std::min(p.x, m_start.x);
        const Length bottom = std::min(p.y, m_start.y);
        return layout::Bounds{left, bottom, std::max(p.x, m_start.x) - left, std::max(p.y, m_start.y) - bottom};
    }
    Point m_start;
    bool m_extend;
};

DesignerCanvas::DesignerCanvas(wxWindow* parent, Session& session, std::shared_ptr<MeasuredTexts> measured)
    : wxScrolled<wxWindow>(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxHSCROLL | wxVSCROLL | wxWANTS_CHARS | wxFULL_REPAINT_ON_RESIZE, wxS("designer.canvas")),
      m_session(session), m_measured(std::move(measured)), m_renderer(std::make_shared<render::CanvasRenderer>()),
      m_keyPause(this) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    // Scrolling starts once the window has a size of its own (on_size below): GTK complains about
    // scroll bars squeezed into the few pixels a page of the notebook has while the frame is built.
    SetScrollRate(0, 0);
    SetMinSize(FromDIP(wxSize(300, 300)));
    SetLabel(_("Ticket page"));
    restoreGrid();
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
    Bind(wxEVT_LEFT_DOWN, &DesignerCanvas::onMouseDown, this);
    Bind(wxEVT_LEFT_DCLICK, &DesignerCanvas::onMouseDown, this);
    Bind(wxEVT_MOTION, &DesignerCanvas::onMouseMove, this);
    Bind(wxEVT_LEFT_UP, &DesignerCanvas::onMouseUp, this);
    Bind(wxEVT_MOUSEWHEEL, &DesignerCanvas::onWheel, this);
    // Pinching zooms where the platform reports it (touchpads, touch screens).
    EnableTouchEvents(wxTOUCH_ZOOM_GESTURE);
    Bind(wxEVT_GESTURE_ZOOM, &DesignerCanvas::onZoomGesture, this);
    Bind(wxEVT_KEY_DOWN, &DesignerCanvas::onKey, this);
    Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) { endGesture(); });
    Bind(wxEVT_LEAVE_WINDOW, [this](wxMouseEvent& event) { hover(event); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        const wxSize client = GetClientSize();
        if (client.x < FromDIP(100) || client.y < FromDIP(100)) {
            return;
        }
        int unitX = 0, unitY = 0;
        GetScrollPixelsPerUnit(&unitX, &unitY);
        if (unitX == 0) {
            SetScrollRate(FromDIP(10), FromDIP(10));
        }
        if (refit()) {
            requestPicture();
        }
        updateVirtualSize();
        Refresh();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (m_document) {
            m_document->endBurst();
        }
    }, m_keyPause.GetId());
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& event) {
        event.Skip();
        Refresh();
    });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
        event.Skip();
        Refresh();
    });
}

DesignerCanvas::~DesignerCanvas() {
    if (HasCapture()) {
        ReleaseMouse();
    }
}

void DesignerCanvas::setDocument(layout::Document* document, std::shared_ptr<const CanvasDesign> design, int page) {
    endGesture();
    const bool newDesign = design != m_design;
    m_document = document;
    m_design = std::move(design);
    if (newDesign) {
        ++m_generation;
        m_background.reset();
        m_picture = wxBitmap();
        m_problem.clear();
        m_page = std::max(page, 1);
    }
    requestPicture();
    Refresh();
    viewChanged();
}

void DesignerCanvas::setPage(int page) {
    page = std::max(page, 1);
    if (page == m_page) {
        return;
    }
    endGesture();
    m_page = page;
    // The other page's picture is not this one's: nothing until this one is drawn.
    ++m_generation;
    m_picture = wxBitmap();
    m_problem.clear();
    requestPicture();
    Refresh();
    viewChanged();
}

void DesignerCanvas::documentChanged() {
    requestPicture();
    Refresh();
    viewChanged();
}

void DesignerCanvas::selectionChanged() {
    Refresh();
    viewChanged();
}

void DesignerCanvas::showTicket(const layout::TicketData& data) {
    if (!m_document || !m_design) {
        return;
    }
    // The same background: its pixels are kept, only the elements are drawn again.
    auto next = std::make_shared<CanvasDesign>();
    next->background = m_design->background;
    next->data = data;
    m_design = std::move(next);
    requestPicture();
    Refresh();
}

double DesignerCanvas::pictureScale() const {
    const double cap = std::sqrt(kMaxPicturePixels / std::max(1.0, m_pageSize.width * m_pageSize.height));
    return std::min(viewScale(), cap);
}

void DesignerCanvas::requestPicture() {
    if (!m_document || !m_design) {
        return;
    }
    if (!IsShownOnScreen()) {
        // Made when the tab is shown (its first paint): no work for a page nobody sees.
        m_deferred = true;
        return;
    }
    if (m_rendering) {
        m_renderAgain = true;
        return;
    }
    startPicture();
}

void DesignerCanvas::startPicture() {
    m_rendering = true;
    m_renderAgain = false;
    const int generation = m_generation;
    const double scale = pictureScale();
    if (!m_background || std::abs(m_background->scale - scale) > 1e-9 || m_backgroundPage != m_page) {
        // The background at this zoom, once; the pictures then only paint the elements over it.
        m_task = m_session.run<model::Result<render::PagePixels>>(
            this,
            [design = m_design, page = m_page, scale](desk::TaskContext&) { return pagePixels(design->background, page, scale); },
            [this, generation](model::Result<render::PagePixels>&& background) {
                m_rendering = false;
                if (generation != m_generation) {
                    requestPicture();
                    return;
                }
                if (!background) {
                    m_problem = fromUtf8(background.error().message);
                    m_picture = wxBitmap();
                    Refresh();
                    return;
                }
                const bool resized = background->page.width != m_pageSize.width || background->page.height != m_pageSize.height;
                m_pageSize = background->page;
                m_backgroundPage = m_page;
                m_background = std::make_shared<const render::PagePixels>(std::move(background.value()));
                if (resized) {
                    refit();
                    updateVirtualSize();
                    Refresh();
                }
                startPicture();
            },
            [this](const wxString& error) {
                m_rendering = false;
                m_problem = error;
                Refresh();
            });
        return;
    }
    m_task = m_session.run<render::CanvasPicture>(
        this,
        [renderer = m_renderer, layout = m_document->layout(), page = m_page, design = m_design,
         background = m_background](desk::TaskContext&) { return renderer->render(layout, page, design->data, *background); },
        [this, generation](render::CanvasPicture&& picture) {
            m_rendering = false;
            if (generation == m_generation) {
                const auto& pixels = picture.pixels;
                wxImage image(pixels.width, pixels.height, false);
                std::memcpy(image.GetData(), pixels.rgb.data(), pixels.rgb.size());
                m_picture = wxBitmap(image);
                m_pictureScale = pixels.scale;
                *m_measured = std::move(picture.textAreas);
                m_problem.clear();
                ++m_pictures;
                Refresh();
            }
            if (m_renderAgain || generation != m_generation) {
                requestPicture();
            }
        },
        [this](const wxString& error) {
            m_rendering = false;
            m_problem = error;
            Refresh();
        });
}

void DesignerCanvas::paint() {
    if (m_deferred) {
        m_deferred = false;
        CallAfter([this] { requestPicture(); });
    }
    if (CalcScrolledPosition(pageOrigin()) != m_viewOrigin || viewScale() != m_viewScale) {
        viewChanged();  // scrolled
    }
    wxAutoBufferedPaintDC dc(this);
    draw(dc);
}

void DesignerCanvas::draw(wxDC& dc) {
    dc.SetBackground(wxBrush(wxColour(0x8c, 0x8c, 0x8c)));
    dc.Clear();
    DoPrepareDC(dc);
    const wxPoint o = pageOrigin();
    const double s = viewScale();
    const wxSize page(static_cast<int>(std::ceil(m_pageSize.width * s)), static_cast<int>(std::ceil(m_pageSize.height * s)));
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(wxColour(0x60, 0x60, 0x60)));
    dc.DrawRectangle(o.x + FromDIP(3), o.y + FromDIP(3), page.x, page.y);
    dc.SetBrush(*wxWHITE_BRUSH);
    dc.DrawRectangle(o.x, o.y, page.x, page.y);
    if (m_picture.IsOk() && m_pictureScale > 0) {
        const double f = s / m_pictureScale;
        if (std::abs(f - 1.0) < 1e-9) {
            dc.DrawBitmap(m_picture, o);
        } else {
            // Enlarged or shrunk until the picture at this zoom arrives (or, above the cap, for good).
            dc.SetUserScale(f, f);
            dc.DrawBitmap(m_picture, static_cast<int>(std::lround(o.x / f)), static_cast<int>(std::lround(o.y / f)));
            dc.SetUserScale(1, 1);
        }
    } else {
        const wxString text = !m_problem.empty() ? m_problem : m_document ? _("Drawing the page...") : wxString();
        dc.SetTextForeground(wxColour(0x60, 0x60, 0x60));
        const wxSize extent = dc.GetMultiLineTextExtent(text);
        dc.DrawText(text, o.x + (page.x - extent.x) / 2, o.y + std::min(page.y / 2, FromDIP(80)));
    }
    if (m_document) {
        paintGrid(dc);
        paintOverlay(dc);
    }
}

void DesignerCanvas::outline(wxDC& dc, const layout::Frame& frame) {
    const auto& b = frame.box;
    const std::array<Point, 4> corners{Point{b.left, b.top()}, Point{b.right(), b.top()}, Point{b.right(), b.bottom},
                                       Point{b.left, b.bottom}};
    std::array<wxPoint, 4> points;
    for (std::size_t i = 0; i < corners.size(); ++i) {
        points[i] = toArea(layout::rotatePoint(corners[i], frame.pivot, frame.rotation));
    }
    dc.DrawPolygon(static_cast<int>(points.size()), points.data());
}

void DesignerCanvas::paintOverlay(wxDC& dc) {
    auto& doc = *m_document;
    const auto& selection = doc.selection();
    auto selected = [&](std::size_t i) { return std::binary_search(selection.begin(), selection.end(), i); };
    dc.SetBrush(*wxTRANSPARENT_BRUSH);
    // Every element's outline, faintly: texts that print nothing for this ticket stay findable.
    for (std::size_t i = 0; i < doc.size(); ++i) {
        if (layout::base(doc.element(i)).page != m_page || selected(i)) {
            continue;
        }
        dc.SetPen(wxPen(doc.isLocked(i) ? kLocked : kOutline, 1, wxPENSTYLE_DOT));
        outline(dc, doc.frame(i));
    }
    for (std::size_t i : selection) {
        if (layout::base(doc.element(i)).page != m_page) {
            continue;
        }
        dc.SetPen(wxPen(doc.isLocked(i) ? kLocked : kSelection, FromDIP(1) + 1));
        outline(dc, doc.frame(i));
    }
    // Handles of the one selected element.
    if (selection.size() == 1 && !doc.isLocked(selection.front()) && layout::base(doc.element(selection.front())).page == m_page) {
        const auto index = selection.front();
        const auto frame = doc.frame(index);
        const Length reach = screenLength(kRotateReachPixels);
        const int half = FromDIP(4);
        for (const auto handle : layout::handlesOf(doc.element(index))) {
            const wxPoint at = toArea(layout::handlePoint(frame, handle, reach));
            if (handle == layout::Handle::Rotate) {
                const wxPoint top = toArea(layout::handlePoint(frame, layout::Handle::Top, Length{}));
                dc.SetPen(wxPen(kSelection, 1));
                dc.DrawLine(top, at);
                dc.SetBrush(*wxWHITE_BRUSH);
                dc.SetPen(wxPen(kSelection, FromDIP(1) + 1));
                dc.DrawCircle(at, half + 1);
            } else {
                dc.SetBrush(*wxWHITE_BRUSH);
                dc.SetPen(wxPen(kSelection, FromDIP(1) + 1));
                dc.DrawRectangle(at.x - half, at.y - half, 2 * half + 1, 2 * half + 1);
            }
        }
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
    }
    if (m_band) {
        const wxPoint a = toArea(Point{m_band->left, m_band->top()});
        const wxPoint b = toArea(Point{m_band->right(), m_band->bottom});
        dc.SetPen(wxPen(kSelection, 1, wxPENSTYLE_SHORT_DASH));
        dc.SetBrush(wxBrush(wxColour(0x1a, 0x73, 0xe8, 0x28)));
        dc.DrawRectangle(wxRect(a, b));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
    }
    paintGuides(dc);
    if (!m_snapLines.empty()) {
        const wxPoint topLeft = toArea(Point{Length{}, Length::pt(m_pageSize.height)});
        const wxPoint bottomRight = toArea(Point{Length::pt(m_pageSize.width), Length{}});
        dc.SetPen(wxPen(kSnap, 1));
        for (const auto& line : m_snapLines) {
            if (line.vertical) {
                const int x = toArea(Point{line.at, Length{}}).x;
                dc.DrawLine(x, topLeft.y, x, bottomRight.y);
            } else {
                const int y = toArea(Point{Length{}, line.at}).y;
                dc.DrawLine(topLeft.x, y, bottomRight.x, y);
            }
        }
    }
}

void DesignerCanvas::onMouseDown(wxMouseEvent& event) {
    SetFocus();
    if (!m_document || m_gesture) {
        return;
    }
    m_document->endBurst();
    m_keyPause.Stop();
    const Point p = toPage(CalcUnscrolledPosition(event.GetPosition()));
    const auto& selection = m_document->selection();
    if (selection.size() == 1 && !m_document->isLocked(selection.front()) &&
        layout::base(m_document->element(selection.front())).page == m_page) {
        const auto index = selection.front();
        if (const auto handle = layout::handleAt(m_document->element(index), m_document->frame(index), p,
                                                 screenLength(kHandlePixels), screenLength(kRotateReachPixels))) {
            m_gesture = std::make_unique<HandleGesture>(*this, index, *handle);
            CaptureMouse();
            return;
        }
    }
    if (!m_document->elementAt(m_page, p, screenLength(kHitPixels)) && takeGuide(event.GetPosition())) {
        return;
    }
    const bool extend = event.ShiftDown() || event.ControlDown();
    const auto hit = m_document->click(m_page, p, screenLength(kHitPixels), extend);
    if (hit && !extend && std::binary_search(m_document->selection().begin(), m_document->selection().end(), *hit)) {
        m_gesture = std::make_unique<MoveGesture>(*this, p, event.GetPosition());
    } else if (!hit) {
        m_gesture = std::make_unique<BandGesture>(*this, p, extend);
    }
    if (m_gesture) {
        CaptureMouse();
    }
    changed(false);
    Refresh();
}

void DesignerCanvas::onMouseMove(wxMouseEvent& event) {
    hover(event);
    if (!m_gesture || !m_document) {
        event.Skip();
        return;
    }
    if (m_gesture->changesDragAreaOnly()) {
        auto area = dragArea();
        m_gesture->drag(toPage(CalcUnscrolledPosition(event.GetPosition())), event);
        const auto after = dragArea();
        area.insert(area.end(), after.begin(), after.end());
        for (const wxRect& r : area) {
            RefreshRect(r, false);
        }
    } else {
        m_gesture->drag(toPage(CalcUnscrolledPosition(event.GetPosition())), event);
        Refresh();
    }
    Update();  // the overlay follows the pointer at the display's rate
}

std::vector<wxRect> DesignerCanvas::dragArea() const {
    std::vector<wxRect> area;
    if (!m_document) {
        return area;
    }
    const auto& doc = *m_document;
    // The handles' half size, the selection's pen and a pixel of rounding either side.
    const int margin = FromDIP(4) + FromDIP(1) + 3;
    auto client = [&](Point p) { return CalcScrolledPosition(toArea(p)); };
    const Length reach = screenLength(kRotateReachPixels);
    for (const std::size_t i : doc.selection()) {
        if (layout::base(doc.element(i)).page != m_page) {
            continue;
        }
        const auto frame = doc.frame(i);
        const auto& b = frame.box;
        wxRect r(client(layout::rotatePoint(Point{b.left, b.bottom}, frame.pivot, frame.rotation)), wxSize(1, 1));
        for (const Point corner : {Point{b.left, b.top()}, Point{b.right(), b.top()}, Point{b.right(), b.bottom}}) {
            r.Union(wxRect(client(layout::rotatePoint(corner, frame.pivot, frame.rotation)), wxSize(1, 1)));
        }
        for (const auto handle : layout::handlesOf(doc.element(i))) {
            r.Union(wxRect(client(layout::handlePoint(frame, handle, reach)), wxSize(1, 1)));
        }
        area.push_back(r.Inflate(margin));
    }
    if (m_band) {
        area.push_back(wxRect(client(Point{m_band->left, m_band->top()}), client(Point{m_band->right(), m_band->bottom}))
                           .Inflate(2));
    }
    if (!m_snapLines.empty()) {
        const wxPoint topLeft = client(Point{Length{}, Length::pt(m_pageSize.height)});
        const wxPoint bottomRight = client(Point{Length::pt(m_pageSize.width), Length{}});
        for (const auto& line : m_snapLines) {
            if (line.vertical) {
                const int x = client(Point{line.at, Length{}}).x;
                area.emplace_back(wxPoint(x - 2, topLeft.y - 2), wxPoint(x + 2, bottomRight.y + 2));
            } else {
                const int y = client(Point{Length{}, line.at}).y;
                area.emplace_back(wxPoint(topLeft.x - 2, y - 2), wxPoint(bottomRight.x + 2, y + 2));
            }
        }
    }
    return area;
}

void DesignerCanvas::onMouseUp(wxMouseEvent& event) {
    if (!m_gesture || !m_document) {
        event.Skip();
        return;
    }
    auto gesture = std::move(m_gesture);
    const bool edited = gesture->release(toPage(CalcUnscrolledPosition(event.GetPosition())), event);
    gesture.reset();
    if (HasCapture()) {
        ReleaseMouse();
    }
    m_document->endBurst();
    m_snapLines.clear();
    m_band.reset();
    changed(edited);
    if (edited) {
        requestPicture();
    }
    Refresh();
}

void DesignerCanvas::endGesture() {
    if (!m_gesture) {
        return;
    }
    // What a drag cut short had done stays, as one step.
    const bool edited = m_gesture->cancel();
    m_gesture.reset();
    if (HasCapture()) {
        ReleaseMouse();
    }
    if (m_document) {
        m_document->endBurst();
    }
    m_snapLines.clear();
    m_band.reset();
    changed(edited);
    if (edited) {
        requestPicture();
    }
    Refresh();
}

void DesignerCanvas::onKey(wxKeyEvent& event) {
    const int code = event.GetKeyCode();
    if (event.ControlDown() && !event.AltDown()) {
        switch (code) {
            case 'A': if (onCommand) onCommand(wxID_SELECTALL); return;
            case 'C': if (onCommand) onCommand(wxID_COPY); return;
            case 'X': if (onCommand) onCommand(wxID_CUT); return;
            case 'V': if (onCommand) onCommand(wxID_PASTE); return;
            case 'D': if (onCommand) onCommand(wxID_DUPLICATE); return;
            case 'Z': if (onCommand) onCommand(event.ShiftDown() ? wxID_REDO : wxID_UNDO); return;
            case 'Y': if (onCommand) onCommand(wxID_REDO); return;
            case '+':
            case '=':
            case WXK_NUMPAD_ADD: setZoom(m_zoom * 1.25); return;
            case '-':
            case WXK_NUMPAD_SUBTRACT: setZoom(m_zoom / 1.25); return;
            case '0':
            case WXK_NUMPAD0: zoomToFit(); return;
            case '\'': showGrid(!m_grid); return;
            default: break;
        }
        event.Skip();
        return;
    }
    Length dx, dy;
    const Length step = Length::mm(event.AltDown() ? 0.1 : event.ShiftDown() ? 10.0 : 1.0);
    switch (code) {
        case WXK_LEFT: case WXK_NUMPAD_LEFT: dx = Length{} - step; break;
        case WXK_RIGHT: case WXK_NUMPAD_RIGHT: dx = step; break;
        case WXK_UP: case WXK_NUMPAD_UP: dy = step; break;  // y grows upwards on the page
        case WXK_DOWN: case WXK_NUMPAD_DOWN: dy = Length{} - step; break;
        case WXK_DELETE: case WXK_NUMPAD_DELETE: case WXK_BACK:
            if (onCommand) {
                onCommand(wxID_DELETE);
            }
            return;
        case WXK_ESCAPE:
            if (m_gesture) {
                endGesture();
            } else if (m_document && !m_document->selection().empty()) {
                m_document->clearSelection();
                changed(false);
                Refresh();
            }
            return;
        default: event.Skip(); return;
    }
    if (!m_document || m_gesture) {
        return;
    }
    // One step for the whole burst of presses; a pause of the keys ends it.
    if (m_document->moveSelected(dx, dy, "keys")) {
        m_keyPause.StartOnce(kKeyPauseMs);
        changed(true);
        requestPicture();
        Refresh();
    }
}

void DesignerCanvas::changed(bool edited) {
    if (onChanged) {
        onChanged(edited);
    }
    viewChanged();
}

} // namespace boxoffice::gui
