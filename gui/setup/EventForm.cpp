#include "setup/EventForm.h"

#include "boxoffice/gui/Format.h"
#include "setup/ChannelBoxes.h"

#include <wx/arrstr.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

EventForm::EventForm(wxWindow* parent) : SetupForm(parent, "event", _("Event")) {
    m_organizer = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   controlName("organizer"));
    column()->Insert(1, m_organizer, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    const wxString timeHint = _("e.g. 2027-04-17 19:00");
    m_name = addRow(_("&Name:"), "name", [&] { return makeText("name"); });
    m_slug = addRow(_("Short name (slu&g):"), "slug", [&] { return makeText("slug", _("used in addresses, e.g. spring-concert")); });
    m_from = addRow(_("St&arts:"), "date_from", [&] { return makeText("date_from", timeHint); });
    m_to = addRow(_("&Ends:"), "date_to", [&] { return makeText("date_to", _("optional")); });
    m_admission = addRow(_("A&dmission from:"), "date_admission", [&] { return makeText("date_admission", _("optional")); });
    m_zone = addRow(_("Time &zone:"), "timezone", [&] { return makeText("timezone", _("e.g. Europe/Berlin")); });
    m_currency = addRow(_("C&urrency:"), "currency", [&] { return makeText("currency", _("e.g. EUR")); });
    m_location = addRow(_("&Location:"), "location", [&] { return makeText("location"); });
    m_channels = addRow(_("Sold through:"), "sales_channels",
                        [&] { return new ChannelBoxes(this, controlName("channels")); });

    const wxString clocks = eventZonesKnown()
                                ? _("Times are on the clocks of the event's time zone.")
                                : _("Times are on this computer's clocks.");
    auto* notes = new wxStaticText(this, wxID_ANY,
                                   clocks + wxS("\n") +
                                       _("Check-in lists are made and changed in the Check-in lists tab (Ctrl+2)."),
                                   wxDefaultPosition, wxDefaultSize, 0, controlName("notes"));
    column()->Add(notes, 0, wxLEFT | wxRIGHT, FromDIP(10));
    finish();
}

void EventForm::setZones(const std::vector<std::string>& zones) {
    if (m_zonesSet || zones.empty()) {
        return;
    }
    wxArrayString names;
    for (const auto& zone : zones) {
        names.Add(fromUtf8(zone));
    }
    m_zone->AutoComplete(names);
    m_zonesSet = true;
}

void EventForm::edit(const SetupSnapshot& s) {
    m_event = s.event;
    m_organizerDraft = s.organizer;
    m_organizer->SetLabel(wxString::Format(_("Organizer: %s"), fromUtf8(s.organizer.name)));
    m_name->ChangeValue(editableText(s.event.name));
    m_slug->ChangeValue(fromUtf8(s.event.slug));
    m_from->ChangeValue(fromUtf8(s.times.from));
    m_to->ChangeValue(fromUtf8(s.times.to));
    m_admission->ChangeValue(fromUtf8(s.times.admission));
    m_zone->ChangeValue(fromUtf8(s.event.timezone));
    m_currency->ChangeValue(fromUtf8(s.event.currency));
    m_location->ChangeValue(editableText(s.event.location));
    m_channels->setChannels(s.event.salesChannels);
    setNew(false);
    setDirty(false);
    clearErrors();
}

std::optional<EventForm::Draft> EventForm::draft() {
    Draft d{m_organizerDraft, m_event, {}, {}, {}};
    auto& e = d.event;
    e.name = editedText(e.name, m_name->GetValue(), e.locale);
    e.slug = trimmed(m_slug->GetValue());
    e.timezone = trimmed(m_zone->GetValue());
    e.currency = trimmed(m_currency->GetValue().Upper());
    e.location = editedText(e.location, m_location->GetValue(), e.locale);
    e.salesChannels = m_channels->channels();
    FormErrors errors;
    // An empty end or admission is "not set"; a start is required, which the service says.
    const auto readTime = [&errors](wxTextCtrl* field, const char* key, std::optional<WallTime>& out) {
        const std::string text = trimmed(field->GetValue());
        if (text.empty()) {
            return;
        }
        out = parseWallTime(text);
        if (!out) {
            errors[key].push_back(_("Enter the date and time as 2027-04-17 19:00."));
        }
    };
    readTime(m_from, "date_from", d.from);
    readTime(m_to, "date_to", d.to);
    readTime(m_admission, "date_admission", d.admission);
    if (!errors.empty()) {
        showErrors(errors);
        return std::nullopt;
    }
    return d;
}

} // namespace boxoffice::gui
