// "Print these tickets": sent by a panel (the order browser's Print ticket action) up to the main
// frame, which shows the Print tab with them chosen. Panels never call each other; the frame
// passes such requests on. UI thread only.
#pragma once

#include "boxoffice/model/Types.h"

#include <vector>
#include <wx/event.h>

namespace boxoffice::gui {

class PrintRequestEvent : public wxCommandEvent {
public:
    PrintRequestEvent(wxEventType type, std::vector<model::Id> positions, const wxString& label);
    wxEvent* Clone() const override { return new PrintRequestEvent(*this); }

    const std::vector<model::Id>& positions() const { return m_positions; }
    const wxString& label() const { return m_label; }

private:
    std::vector<model::Id> m_positions;
    wxString m_label;
};

wxDECLARE_EVENT(EVT_PRINT_REQUEST, PrintRequestEvent);

} // namespace boxoffice::gui
