// The Print tab. Will print tickets and badges at the desk.
// This version shows what the tab is for and that it is not available yet; it has no
// controls. Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include <wx/panel.h>

namespace boxoffice::gui {

class PrintPanel : public wxPanel {
public:
    explicit PrintPanel(wxWindow* parent);
};

} // namespace boxoffice::gui
