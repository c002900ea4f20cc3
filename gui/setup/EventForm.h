// The Event tab's form for the event itself: name, short name (slug), start, end and admission on
// the event's own clocks, time zone, currency, location and sales channels; saved with
// sales::saveEvent under the event's organizer. Says where check-in lists are edited (their own
// tab), since a new event's lists and ticket layout are made elsewhere.
// Owned by the EventSetupPanel; UI thread only.
#pragma once

#include "setup/EventTime.h"
#include "setup/SetupData.h"
#include "setup/SetupForm.h"

#include <optional>

class wxTextCtrl;

namespace boxoffice::gui {

class ChannelBoxes;

class EventForm : public SetupForm {
public:
    explicit EventForm(wxWindow* parent);

    // What Save sends to the worker, which turns the times into UTC with the zone's rules.
    struct Draft {
        sales::OrganizerDraft organizer;
        model::Event event;
        std::optional<WallTime> from, to, admission;  // nullopt: not set
    };

    // The time zone names offered as the zone is typed.
    void setZones(const std::vector<std::string>& zones);
    void edit(const SetupSnapshot& snapshot);
    // The form's values; nullopt (with the errors shown) when a time cannot be read.
    std::optional<Draft> draft();

private:
    wxTextCtrl* m_name = nullptr;
    wxTextCtrl* m_slug = nullptr;
    wxTextCtrl* m_from = nullptr;
    wxTextCtrl* m_to = nullptr;
    wxTextCtrl* m_admission = nullptr;
    wxTextCtrl* m_zone = nullptr;
    wxTextCtrl* m_currency = nullptr;
    wxTextCtrl* m_location = nullptr;
    ChannelBoxes* m_channels = nullptr;
    wxStaticText* m_organizer = nullptr;
    model::Event m_event;
    sales::OrganizerDraft m_organizerDraft;
    bool m_zonesSet = false;
};

} // namespace boxoffice::gui
