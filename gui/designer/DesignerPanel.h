// The Designer tab. Will let you design ticket layouts.
// This version shows what the tab is for and that it is not available yet; it has no
// controls. Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include <wx/panel.h>

namespace boxoffice::gui {

class DesignerPanel : public wxPanel {
public:
    explicit DesignerPanel(wxWindow* parent);
};

} // namespace boxoffice::gui
