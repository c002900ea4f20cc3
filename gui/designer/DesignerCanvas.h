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
// made again after the drop. Keys while it has the focus: arrows move by 1 mm (Shift 10 mm, Alt
// 0.1 mm; one step until the keys pause), Ctrl+wheel, Ctrl+plus/minus and Ctrl+0 zoom; editing
// shortcuts (Delete, Ctrl+A/C/X/V/D/Z/Y) go to onCommand. UI thread only.
#pragma once

#include "boxoffice/gui/Session.h"
#include "boxoffice/layout/Editing.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/render/CanvasRender.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>
#include <wx/bitmap.h>
#include <wx/scrolwin.h>
#include <wx/timer.h>

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

    // 1.0 is 100 %: the page at its printed size on a 96 dpi screen. Clamped to 25-800 %.
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    // The zoom at which the whole page fits the window.
    double fitZoom() const;
    void zoomToFit();
    bool fitting() const { return m_fitting; }

    // Where a page point is on the screen, and back (tests drive the mouse with these).
    wxPoint pageToScreen(layout::Point p) const;
    layout::Point screenToPage(wxPoint screen) const;

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

private:
    class Gesture;
    class MoveGesture;
    class HandleGesture;
    class BandGesture;

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
    void updateVirtualSize();
    void requestPicture();
    void startPicture();

    void paint();
    void paintOverlay(wxDC& dc);
    void outline(wxDC& dc, const layout::Frame& frame);
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
    bool m_fitting = true;

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
    std::vector<layout::SnapLine> m_snapLines;
    std::optional<layout::Bounds> m_band;
    wxTimer m_keyPause;  // ends an arrow-key burst
};

} // namespace boxoffice::gui
