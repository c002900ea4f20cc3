// The Designer's rulers: one above the canvas and one to its left, in millimetres from the page's
// top left corner, following the canvas's zoom and scroll to the pixel (0 mm at the page's edge).
// Ticks every 1, 5 or 10 mm as the zoom allows, numbers every 10 mm (50 or more when zoomed out);
// marks for the mouse pointer, the selection's extent and the guides. Pressing on a ruler and
// dragging onto the page makes a guide (DesignerCanvas::startGuide): a vertical one from the left
// ruler, a horizontal one from the top ruler. A ruler only draws and forwards the drag; the canvas
// holds what it shows. Made by withRulers() beside the canvas, owned by their parent window; UI
// thread only.
#pragma once

#include <wx/window.h>

class wxSizer;

namespace boxoffice::gui {

class DesignerCanvas;

class Ruler : public wxWindow {
public:
    // wxHORIZONTAL: the ruler above the canvas (named "designer.ruler.top"); wxVERTICAL: the one to
    // its left ("designer.ruler.left").
    Ruler(wxWindow* parent, DesignerCanvas& canvas, wxOrientation orientation);

    // Where `mm` from the page's left edge (top edge, for the left ruler) was drawn the last time
    // the ruler was painted: a screen x (y). Tests compare it with the canvas's pageToScreen.
    int screenOf(double mm) const;
    // As last painted: millimetres between two ticks, and between two numbers.
    int tickStep() const { return m_tickStep; }
    int labelStep() const { return m_labelStep; }
    // How many times the ruler has been painted.
    int paints() const { return m_paints; }

    // Draws the ruler on `dc` (its own size) as it stands now; its paint handler draws with this.
    void draw(wxDC& dc);

    bool AcceptsFocus() const override { return false; }
    bool AcceptsFocusFromKeyboard() const override { return false; }

private:
    // The ruler's own coordinate (x, or y for the left ruler) of a length from the page's left
    // (top) edge in points, as the canvas places it.
    int along(double points) const;

    DesignerCanvas& m_canvas;
    bool m_horizontal;
    int m_zero = 0;          // along() of 0 mm, as last painted
    double m_scale = 0.0;    // pixels per point, as last painted
    wxPoint m_screen;        // the ruler's top left corner on the screen, as last painted
    int m_tickStep = 0;
    int m_labelStep = 0;
    int m_paints = 0;
    bool m_dragging = false;  // a guide is being dragged from here
};

// The canvas in a grid with a ruler above it and one to its left, for the panel's sizer; the rulers
// follow the canvas through its onView.
wxSizer* withRulers(wxWindow* parent, DesignerCanvas& canvas);

} // namespace boxoffice::gui
