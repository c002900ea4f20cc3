#include "print/PrintPanel.h"

#include "boxoffice/gui/EmptyState.h"

#include <wx/sizer.h>

namespace boxoffice::gui {

PrintPanel::PrintPanel(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("print")) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new EmptyState(
                    this, _("Printing"),
                    _("Here you will print tickets and badges for selected orders or a whole check-in list, "
                      "on paper or to PDF. Printing is not available yet in this version of Box Office."),
                    wxS("print.empty")),
                1, wxEXPAND);
    SetSizer(column);
}

} // namespace boxoffice::gui
