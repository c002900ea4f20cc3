// The Designer's preview ticket: a search field for the event's order positions (by order code,
// attendee name or secret, as the door's search finds them: model::PositionQuery on a session
// worker, cancelled by the next keystroke) with the tickets found listed below it. Choosing one
// loads its data with the loader printed tickets use (render::TicketLoader::load, so an add-on
// without a name of its own prints its parent's, as on paper) and the canvas draws the layout
// with it; the list's first entry, "Sample ticket", goes back to the ticket the designer opens
// with (TicketLoader::preview). A line under the field says which ticket the canvas shows.
//
// Keys in the field: Down and Up pick a ticket of the list, Enter shows it, Esc empties the
// field. Owned by the DesignerPanel; UI thread only.
#pragma once

#include "boxoffice/gui/Session.h"
#include "boxoffice/model/Types.h"

#include <functional>
#include <string>
#include <vector>
#include <wx/panel.h>

class wxListBox;
class wxSearchCtrl;
class wxStaticText;

namespace boxoffice::gui {

class DesignerCanvas;

class PreviewSearch : public wxPanel {
public:
    PreviewSearch(wxWindow* parent, Session& session, DesignerCanvas& canvas);

    // The event whose tickets are searched: the open layout's (0: none, nothing is searched).
    std::function<model::Id()> eventId;
    // Whether the open layout is the certificate: its tickets are loaded with the certificate's
    // data (certificates::previewData). Unset: tickets.
    std::function<bool()> certificate;
    // After the canvas was given the ticket chosen here.
    std::function<void()> onShown;

    // Says which ticket the canvas shows (after it got one from elsewhere too).
    void update();
    // Whether a search or the loading of a ticket is under way (tests wait for quiet).
    bool busy() const { return m_searching || m_loading; }

private:
    void search();
    void hideResults();
    // Row 0 is the sample ticket, then the tickets found.
    void choose(int row);
    void moveSelection(int by);

    Session& m_session;
    DesignerCanvas& m_canvas;
    wxSearchCtrl* m_search = nullptr;
    wxStaticText* m_status = nullptr;
    wxListBox* m_results = nullptr;
    std::vector<model::Id> m_found;  // the positions of rows 1...
    desk::TaskHandle m_searchTask;
    desk::TaskHandle m_loadTask;
    bool m_searching = false;
    bool m_loading = false;
};

} // namespace boxoffice::gui
