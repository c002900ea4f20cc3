// The Designer tab's canvas: one page of the layout being edited, as it prints. The picture is
// the renderer's own (render/CanvasRender.h: the PDF's cairo painter into pixels), made on a
// session worker after each change, over the background page rasterised once per zoom; while a
// picture is being made the last one stays on screen. wx draws only the overlay: element
// outlines, the selection and its handles, the rubber band, snap lines (STYLE.md, "The
// designer").
//
// The canvas holds view state only (zoom, scroll, page); the document it edits belongs to the
// panel. Each mouse gesture is a short-lived object (move, resize or rotate, rubber band); a drag
// is one undo step (a burst ended on release), drawn as outlines moving over the picture, which is
// made again after the drop. Guides (CanvasGuides.cpp) are view state too: lines over the page,
// dragged from a ruler (Rulers.h) or made in a dialog, moved by dragging, removed by dropping
// them off the canvas; moving and resizing snap to them. The millimetre grid (CanvasGrid.cpp) is
// view state as well: lines over the page as fine as the zoom allows; while it shows, moving and
// resizing snap to whole millimetres. The zoom (CanvasZoom.cpp) is a step, or follows the
// window's size to fit the page or its width; Ctrl+wheel and a pinch (on a touchpad or a touch
// screen, where the platform reports one) zoom around the point under the pointer or the fingers.
// Keys while it has the focus: arrows move by 1 mm (Shift 10 mm, Alt 0.1 mm; one step until the
// keys pause; never snapped), Ctrl+plus/minus and Ctrl+0 (fit the page) zoom, Ctrl+' shows or
// hides the grid; editing shortcuts (Delete, Ctrl+A/C/X/V/D/Z/Y) go to onCommand. Alt held while
// dragging turns snapping off. UI thread only.
#pragma once

#include "boxoffice/gui/Session.h"
#include "boxoffice/layout/Editing.h"
#include "boxoffice/layout/Grid.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/render/CanvasRender.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>
#include <wx/bitmap.h>
#include <wx/scrolwin.h>
#include <wx/timer.h>

class wxCheckBox;
class wxZoomGestureEvent;

namespace boxoffice::gui {

// What the canvas draws a layout with; shared with the workers that draw it, never changed.
struct CanvasDesign {
    layout::SharedBackground background;  // the document's (nullptr or no PDF: a blank A4 page)
    layout::TicketData data;              // the ticket whose values the elements show
};

// Legacy texts as the last picture measured them (shared with the document's frame function).
using MeasuredTexts = std::vector<render::MeasuredTextArea>;

// The height of a legacy text for the document's frames: as last measured, else one line.
layout::TextAreaHeight measuredHeights(std::shared_ptr<const MeasuredTexts> measured);

class DesignerCanvas : public wxScrolled<wxWindow> {
public:
    static constexpr double kMinZoom = 0.25;
    static constexpr double kMaxZoom = 8.0;

    DesignerCanvas(wxWindow* parent, Session& session, std::shared_ptr<MeasuredTexts> measured);
    ~DesignerCanvas() override;

    // The document to show and edit (owned by the panel; nullptr: none) and what to draw it
    // with. A new design rasterises the background again, showing page `page`.
    void setDocument(layout::Document* document, std::shared_ptr<const CanvasDesign> design, int page = 1);
    const CanvasDesign* design() const { return m_design.get(); }
    const layout::Document* document() const { return m_document; }
    // The document changed (an edit elsewhere, undo): draws again and makes a new picture.
    void documentChanged();
    // Draws the elements with the values of `data` (a ticket pre-flight names) instead of the
    // ticket they showed; the background stays. Nothing without a document shown.
    void showTicket(const layout::TicketData& data);
    // The ticket whose values the elements show (nullptr before a document is shown).
    const layout::TicketData* ticket() const { return m_design ? &m_design->data : nullptr; }

    // The page shown (1-based). A page after the background's last prints nothing (the renderer
    // prints the background's pages only, spec §6.1): it is shown grey, the size of the others,
    // with its elements, so they can be found and moved to a page that prints.
    int page() const { return m_page; }
    // Shows page `page` (at least 1): its background, and only its elements drawn, hit and selected.
    void setPage(int page);
    // The page's size in points (A4 until the background has been read).
    render::PageSize pageSize() const { return m_pageSize; }

    // 1.0 is 100 %: the page at its printed size on a 96 dpi screen. Clamped to 25-800 %; a zoom
    // set stops the zoom following the window's size.
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    // How the zoom follows the window's size: not at all (a zoom was set), so that the whole page
    // fits (Fit page, Ctrl+0), or so that the page's width fills the window and the page scrolls
    // down (Fit width).
    enum class Fit { None, Page, Width };
    Fit fit() const { return m_fit; }
    bool fitting() const { return m_fit == Fit::Page; }
    // The zoom at which the whole page (Fit::Page) or its width (Fit::Width) fits the window.
    double fitZoom(Fit fit) const;
    // Zooms to fit the page (Fit::Page) or its width (Fit::Width), and keeps it so as the window's
    // size changes until another zoom is set.
    void zoomToFit(Fit fit = Fit::Page);

    // The millimetre grid over the page (CanvasGrid.cpp), remembered in the desk's preferences.
    // While it shows, moving and resizing snap to whole millimetres (after other elements, the
    // page and the guides; not with Alt held); the arrow keys are not snapped.
    bool gridShown() const { return m_grid; }
    void showGrid(bool show);
    // The lines drawn at the current zoom (nullopt: the grid is hidden, or the page is too small
    // on the screen for even 10 mm lines).
    std::optional<layout::GridStep> gridStep() const;

    // Where a page point is on the screen, and back (tests drive the mouse with these).
    wxPoint pageToScreen(layout::Point p) const;
    layout::Point screenToPage(wxPoint screen) const;
    // Screen pixels per point at the current zoom.
    double pixelsPerPoint() const { return viewScale(); }
    // The page point under the mouse pointer (nullopt: the pointer is not over the canvas).
    std::optional<layout::Point> pointer() const { return m_pointer; }

    // The guides of the layout shown (page coordinates; kept while the panel keeps the same
    // layout open, cleared by clearGuides()). Each change draws again and tells onView.
    const layout::Guides& guides() const { return m_guides; }
    void addGuide(layout::Guide guide);
    void clearGuides();
    // A new guide dragged from a ruler, which holds the mouse: startGuide() begins it (vertical
    // from the left ruler), dragGuide() follows the pointer at `screen`, dropGuide() makes the
    // guide there when it is over the canvas (elsewhere none), cancelGuide() makes none. Nothing
    // without a document or while another gesture runs.
    void startGuide(bool vertical);
    void dragGuide(wxPoint screen);
    void dropGuide(wxPoint screen);
    void cancelGuide();
    // The guide being dragged where it would be dropped (nullopt: none, or off the canvas).
    std::optional<layout::Guide> draggedGuide() const;
    // A position in millimetres as the rulers count it: x from the page's left edge, y from its top.
    double rulerMm(const layout::Guide& guide) const;

    // Draws the canvas as it stands now on `dc`, the window's size: the page, its picture, the grid
    // and the overlay. Its paint handler draws with this; tests draw it into a bitmap.
    void draw(wxDC& dc);

    // Pictures made so far, and whether one is being made or wanted (tests wait for quiet).
    int pictures() const { return m_pictures; }
    bool rendering() const { return m_rendering || m_renderAgain || m_deferred; }

    // After the canvas edited the document or changed the selection: `edited` is true when the
    // layout changed (the panel updates the undo buttons, the properties, the unsaved mark).
    std::function<void(bool edited)> onChanged;
    // An editing shortcut pressed on the canvas: wxID_UNDO, wxID_REDO, wxID_CUT, wxID_COPY,
    // wxID_PASTE, wxID_DUPLICATE, wxID_DELETE or wxID_SELECTALL.
    std::function<void(int command)> onCommand;
    // The zoom changed (the panel's zoom choice follows).
    std::function<void()> onZoom;
    // The grid was shown or hidden (its check box follows; makeGridToggle sets this).
    std::function<void()> onGrid;
    // What the rulers show changed: zoom, scroll, size, page, selection, guides or the pointer.
    std::function<void()> onView;
    // The selection changed outside the canvas (the panel): draws it and tells onView.
    void selectionChanged();

private:
    // A mouse gesture from press to release.
    class Gesture {
    public:
        explicit Gesture(DesignerCanvas& canvas) : m_canvas(canvas) {}
        virtual ~Gesture() = default;
        virtual void drag(layout::Point p, const wxMouseEvent& event) = 0;
        // Returns whether the layout changed.
        virtual bool release(layout::Point p, const wxMouseEvent& event) = 0;
        // Cut short (Escape, the mouse taken away): returns whether what it did to the layout stays.
        virtual bool cancel() { return true; }
        // Whether a drag changes only what dragArea() covers (not so a guide, with its label).
        virtual bool changesDragAreaOnly() const { return true; }

    protected:
        DesignerCanvas& m_canvas;
        layout::Document& document() { return *m_canvas.m_document; }
    };
    class MoveGesture;
    class HandleGesture;
    class BandGesture;
    class GuideGesture;

    // Pixels per point at the current zoom, on the screen.
    double viewScale() const;
    // Pixels per point of the pictures made: the view's, capped so a picture stays below about
    // 8 million pixels (higher zooms show it enlarged).
    double pictureScale() const;
    // The page's top left corner in the scrolled area's (unscrolled) pixels.
    wxPoint pageOrigin() const;
    wxPoint toArea(layout::Point p) const;
    layout::Point toPage(wxPoint area) const;
    // A length of `pixels` on the screen, in points at the current zoom.
    layout::Length screenLength(double pixels) const;
    // What moving or resizing the elements `moving` snaps to: the other elements, the page, the
    // guides, and the grid while it shows.
    layout::SnapTargets snapTargetsBesides(const std::vector<std::size_t>& moving) const;
    // CanvasZoom.cpp: when the zoom follows the window, the zoom that fits it now; returns whether
    // it changed (onZoom told; the caller asks for a picture). zoomAround() sets `zoom` with the
    // page point `anchor` at `client` (the window's pixels), as near as scrolling allows.
    bool refit();
    void zoomAround(double zoom, layout::Point anchor, wxPoint client);
    void onZoomGesture(wxZoomGestureEvent& event);
    // CanvasGrid.cpp: the grid's state as remembered (read on a worker; a choice made meanwhile
    // wins); the grid added to what moves snap to while it shows; its lines.
    void restoreGrid();
    void addGridTargets(layout::SnapTargets& targets) const;
    void paintGrid(wxDC& dc);
    void updateVirtualSize();
    void requestPicture();
    void startPicture();

    void paint();
    void paintOverlay(wxDC& dc);
    // What a drag of the selection or of the rubber band changes on the screen, in the window's
    // pixels: the selected outlines with their handles, the band, the snap lines. A motion
    // repaints these where they were and where they are, not the whole window: the picture under
    // them stays as it is until the drop.
    std::vector<wxRect> dragArea() const;
    void outline(wxDC& dc, const layout::Frame& frame);
    // CanvasGuides.cpp: the guides over the page and the one dragged with its position; the guide
    // under a point of the window (client pixels); the pointer's place and cursor.
    void paintGuides(wxDC& dc);
    std::optional<std::size_t> guideNear(wxPoint client) const;
    // A press at `client` on a guide: starts dragging it and returns true.
    bool takeGuide(wxPoint client);
    void hover(const wxMouseEvent& event);
    void viewChanged();
    void onMouseDown(wxMouseEvent& event);
    void onMouseMove(wxMouseEvent& event);
    void onMouseUp(wxMouseEvent& event);
    void onWheel(wxMouseEvent& event);
    void onKey(wxKeyEvent& event);
    void endGesture();
    void changed(bool edited);

    Session& m_session;
    std::shared_ptr<MeasuredTexts> m_measured;
    std::shared_ptr<render::CanvasRenderer> m_renderer;
    layout::Document* m_document = nullptr;
    std::shared_ptr<const CanvasDesign> m_design;
    int m_page = 1;
    render::PageSize m_pageSize = render::kA4;
    double m_zoom = 1.0;
    Fit m_fit = Fit::Page;
    // A pinch under way: the zoom at its start and the page point then under the fingers.
    struct Pinch {
        double zoom;
        layout::Point anchor;
    };
    std::optional<Pinch> m_pinch;
    bool m_grid = false;
    bool m_gridChosen = false;  // shown or hidden by the person since the canvas was made

    // The background at the pictures' scale, and the last picture made (with its scale).
    std::shared_ptr<const render::PagePixels> m_background;
    int m_backgroundPage = 0;
    wxBitmap m_picture;
    double m_pictureScale = 0.0;
    wxString m_problem;  // why there is no picture
    bool m_rendering = false;
    bool m_renderAgain = false;
    bool m_deferred = false;  // a picture wanted while the canvas was not on the screen
    int m_generation = 0;  // a new design makes results of older ones stale
    int m_pictures = 0;
    desk::TaskHandle m_task;

    std::unique_ptr<Gesture> m_gesture;
    layout::Guides m_guides;
    std::optional<layout::Point> m_pointer;
    wxPoint m_viewOrigin;  // the page's corner in the window when onView was last told
    double m_viewScale = 0.0;
    wxStockCursor m_cursor = wxCURSOR_NONE;  // over a guide: the arrows it moves along
    std::vector<layout::SnapLine> m_snapLines;
    std::optional<layout::Bounds> m_band;
    wxTimer m_keyPause;  // ends an arrow-key burst
};

// The Grid check box for the panel's top bar (named "designer.grid"): shows and hides the canvas's
// grid, and follows it when Ctrl+' does.
wxCheckBox* makeGridToggle(wxWindow* parent, DesignerCanvas& canvas);

} // namespace boxoffice::gui
