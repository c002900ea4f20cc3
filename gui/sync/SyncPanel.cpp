#include "sync/SyncPanel.h"

#include "boxoffice/gui/EmptyState.h"

#include <wx/sizer.h>

namespace boxoffice::gui {

SyncPanel::SyncPanel(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("sync")) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(
        new EmptyState(
            this, _("Synchronisation with pretix"),
            _("Here you will connect to your pretix server, download orders and check-in lists, and upload "
              "the check-ins made here. Synchronisation is not available yet in this version of Box Office; "
              "until then, import a pretix export with boxoffice-cli import-pretix FILE."),
            wxS("sync.empty")),
        1, wxEXPAND);
    SetSizer(column);
}

} // namespace boxoffice::gui
