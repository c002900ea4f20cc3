#include "designer/DesignerPanel.h"

#include "boxoffice/gui/EmptyState.h"

#include <wx/sizer.h>

namespace boxoffice::gui {

DesignerPanel::DesignerPanel(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("designer")) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(
        new EmptyState(
            this, _("Ticket designer"),
            _("Here you will lay out the ticket: text, event and attendee details, the QR code and images, "
              "placed on the page. The designer is not available yet in this version of Box Office."),
            wxS("designer.empty")),
        1, wxEXPAND);
    SetSizer(column);
}

} // namespace boxoffice::gui
