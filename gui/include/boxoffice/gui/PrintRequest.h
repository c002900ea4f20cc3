// Requests a panel sends up to the main frame, which passes them on (panels never call each
// other). "Print these tickets": sent by a panel (the order browser's Print ticket action) up to the main
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

// "Show this event": sent by a panel that brought a new event into the store (the Sync tab's
// first sync of a remote) up to the main frame, which opens it.
class ShowEventRequest : public wxCommandEvent {
public:
    ShowEventRequest(wxEventType type, model::Id eventId) : wxCommandEvent(type), m_eventId(eventId) {}
    wxEvent* Clone() const override { return new ShowEventRequest(*this); }
    model::Id eventId() const { return m_eventId; }

private:
    model::Id m_eventId;
};

wxDECLARE_EVENT(EVT_SHOW_EVENT_REQUEST, ShowEventRequest);

} // namespace boxoffice::gui
