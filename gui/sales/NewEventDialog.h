// File > New event...: an event run without a pretix server, with what it needs to sell at the
// desk at once: the organizer, the event (name, slug, date and time, time zone, currency,
// location), a first product with its price sold at the desk (sales::kDeskSalesChannel), a quota
// of the capacity, and an entrance check-in list (admitting desk buyers at once if chosen).
// Create runs sales::saveEvent, saveItem, saveQuota and checkin::saveList on a session worker;
// the services' field errors appear beside their fields. After a step failed, the next Create
// updates what the earlier steps made rather than making it twice.
// Modeless, so the window behind stays alive; it destroys itself when closed. UI thread only.
#pragma once

#include "boxoffice/gui/Session.h"
#include "boxoffice/model/Types.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <wx/dialog.h>

class wxButton;
class wxCheckBox;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class NewEventDialog : public wxDialog {
public:
    NewEventDialog(wxWindow* parent, Session& session);

    // Called with the new event's ID once everything was made, just before the dialog closes.
    std::function<void(model::Id eventId)> onCreated;

    // Shows `message` beside the field `key` ("event_name", "price", ...: the fields' names after
    // "newEvent."); an unknown key below the fields.
    void showError(const std::string& key, const wxString& message);

private:
    struct Form;
    struct Made {
        model::Id event = 0, item = 0, quota = 0, list = 0;
        std::string step;                    // "event", "item", "quota", "list": where it stopped
        std::optional<model::Error> error;   // nullopt: all made
    };
    wxTextCtrl* addField(wxWindow* parent, wxSizer* grid, const wxString& label, const char* key,
                         const wxString& value = wxString());
    void create();
    std::optional<Form> readForm();
    void showMade(Made&& made);
    void clearErrors();

    Session& m_session;
    std::map<std::string, wxTextCtrl*> m_fields;
    std::map<std::string, wxStaticText*> m_errors;
    wxCheckBox* m_autoCheckin = nullptr;
    wxButton* m_create = nullptr;
    bool m_slugTyped = false;
    bool m_organizerSlugTyped = false;
    bool m_busy = false;
    Made m_made;  // what earlier Creates made, updated on the next one
};

}  // namespace boxoffice::gui
