// The Sync tab. Will connect the box office to a pretix server.
// This version shows what the tab is for and that it is not available yet; it has no
// controls. Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include <wx/panel.h>

namespace boxoffice::gui {

class SyncPanel : public wxPanel {
public:
    explicit SyncPanel(wxWindow* parent);
};

} // namespace boxoffice::gui
