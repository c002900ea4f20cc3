// The Designer's guides without a mouse: the Add guide dialog (a horizontal or vertical guide at
// a distance in millimetres from the page's top or left edge, as the rulers count) and the Guides
// button beside the arrange buttons, whose menu offers Add guide... and Clear guides. The dialog
// only asks; the canvas keeps the guides (DesignerCanvas::addGuide). UI thread only.
#pragma once

#include "boxoffice/layout/Geometry.h"
#include "boxoffice/render/Background.h"

#include <wx/dialog.h>

class wxButton;
class wxRadioBox;
class wxSpinCtrlDouble;
class wxStaticText;

namespace boxoffice::gui {

class DesignerCanvas;

class GuideDialog : public wxDialog {
public:
    // For a page of `page` points: the distance goes up to its width or height. Starts on a
    // vertical guide at the middle of the page.
    GuideDialog(wxWindow* parent, render::PageSize page);

    // The guide asked for, in page coordinates (a horizontal guide's y from the page's bottom, as
    // the layout counts).
    layout::Guide guide() const;

    // The controls, for tests: the direction (0 vertical, 1 horizontal) and the distance in mm.
    wxRadioBox& direction() { return *m_direction; }
    wxSpinCtrlDouble& distance() { return *m_distance; }
    // After a change of direction() made without an event: the label and range follow it.
    void showDirection();

private:
    render::PageSize m_page;
    wxRadioBox* m_direction = nullptr;
    wxStaticText* m_distanceLabel = nullptr;
    wxSpinCtrlDouble* m_distance = nullptr;
};

// Asks for a guide with GuideDialog and adds it to `canvas`. False when cancelled or when the
// canvas shows no layout.
bool addGuideFromDialog(wxWindow* parent, DesignerCanvas& canvas);

// The Guides button ("designer.guides") for the Designer's tool bar: its menu adds a guide with
// the dialog or clears the guides.
wxButton* makeGuidesButton(wxWindow* parent, DesignerCanvas& canvas);

} // namespace boxoffice::gui
