#include "server/ServerPanel.h"

#include "boxoffice/gui/EmptyState.h"

#include <wx/sizer.h>

namespace boxoffice::gui {

ServerPanel::ServerPanel(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("server")) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(
        new EmptyState(
            this, _("Scanner server"),
            _("Here you will start the box office's network server, so that scanning apps at the gates can "
              "check tickets against this computer without an internet connection, and see which devices are "
              "connected. The server is not available yet in this version of Box Office."),
            wxS("server.empty")),
        1, wxEXPAND);
    SetSizer(column);
}

} // namespace boxoffice::gui
