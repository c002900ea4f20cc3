// The Designer tab's "Blank page" dialog: the size of a blank background for a layout, one of the
// papers tickets are printed on (A4, A5, A6, Letter, 4 x 6 in; upright or landscape) or a width
// and height of its own in millimetres. The sizes are exact (render/BackgroundPdf.h). The dialog
// only asks: the panel makes the PDF (BackgroundActions.cpp). Created on the stack; UI thread only.
#pragma once

#include "boxoffice/render/Background.h"

#include <vector>
#include <wx/dialog.h>

class wxCheckBox;
class wxChoice;
class wxSpinCtrlDouble;

namespace boxoffice::gui {

class PageSizeDialog : public wxDialog {
public:
    // Starts on the paper `current` is (either way round), else on a custom size of `current`.
    PageSizeDialog(wxWindow* parent, render::PageSize current);

    // The size chosen, in points.
    render::PageSize pageSize() const;

    // The controls, for tests: the paper (its last entry is the custom size), landscape, and the
    // custom width and height in millimetres.
    wxChoice& paper() { return *m_paper; }
    wxCheckBox& landscape() { return *m_landscape; }
    wxSpinCtrlDouble& widthMm() { return *m_width; }
    wxSpinCtrlDouble& heightMm() { return *m_height; }
    // The paper entry for `size` (upright), or the custom entry.
    int paperIndex(render::PageSize size) const;

private:
    // Shows the chosen paper's size in the width and height, enabled only for a custom size.
    void showSize();
    bool custom() const;

    std::vector<render::PageSize> m_sizes;  // upright, one per paper entry but the custom one
    wxChoice* m_paper = nullptr;
    wxCheckBox* m_landscape = nullptr;
    wxSpinCtrlDouble* m_width = nullptr;
    wxSpinCtrlDouble* m_height = nullptr;
};

} // namespace boxoffice::gui
