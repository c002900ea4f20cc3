// The Server tab. Will control the LAN server that scanners talk to.
// This version shows what the tab is for and that it is not available yet; it has no
// controls. Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include <wx/panel.h>

namespace boxoffice::gui {

class ServerPanel : public wxPanel {
public:
    explicit ServerPanel(wxWindow* parent);
};

} // namespace boxoffice::gui
