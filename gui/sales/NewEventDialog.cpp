#include "sales/NewEventDialog.h"

#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/model/Decimal.h"
#include "boxoffice/sales/EventSetup.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/datetime.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

// The form's fields by key; the services' field names map onto these.
constexpr const char* kOrganizerName = "organizer_name";
constexpr const char* kOrganizerSlug = "organizer_slug";
constexpr const char* kEventName = "event_name";
constexpr const char* kEventSlug = "event_slug";
constexpr const char* kDate = "date";
constexpr const char* kTime = "time";
constexpr const char* kTimezone = "timezone";
constexpr const char* kCurrency = "currency";
constexpr const char* kLocation = "location";
constexpr const char* kProduct = "product";
constexpr const char* kPrice = "price";
constexpr const char* kCapacity = "capacity";
constexpr const char* kOther = "other";

// "Spring Concert 2027" -> "spring-concert-2027": what pretix suggests for a slug.
wxString slugOf(const wxString& name) {
    wxString slug;
    for (const wxUniChar c : name.Lower()) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (plain) {
            slug += c;
        } else if (!slug.empty() && slug.Last() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.Last() == '-') {
        slug.RemoveLast();
    }
    return slug;
}

// This computer's time zone as an IANA name, which the event's times are shown in by default.
wxString systemTimezone() {
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0' && *tz != ':') {
        return wxString::FromUTF8(tz);
    }
    std::ifstream file("/etc/timezone");
    std::string name;
    if (file >> name && !name.empty()) {
        return wxString::FromUTF8(name);
    }
    std::error_code error;
    const auto target = std::filesystem::read_symlink("/etc/localtime", error).string();
    if (const auto at = target.find("zoneinfo/"); !error && at != std::string::npos) {
        return wxString::FromUTF8(target.substr(at + 9));
    }
    return wxS("UTC");
}

// Where each service's field error is shown, per step.
std::string formKey(const std::string& step, const std::string& field) {
    if (step == "event") {
        static const std::map<std::string, std::string> keys = {
            {"organizer.name", kOrganizerName}, {"organizer.slug", kOrganizerSlug}, {"name", kEventName},
            {"slug", kEventSlug},               {"date_from", kDate},               {"timezone", kTimezone},
            {"currency", kCurrency}};
        const auto it = keys.find(field);
        return it != keys.end() ? it->second : kOther;
    }
    if (step == "item") {
        return field == "name" ? kProduct : field == "default_price" ? kPrice : kOther;
    }
    if (step == "quota") {
        return field == "size" ? kCapacity : kOther;
    }
    return kOther;
}

} // namespace

struct NewEventDialog::Form {
    sales::OrganizerDraft organizer;
    model::Event event;
    model::Item item;
    model::Quota quota;
    model::CheckinList list;
};

NewEventDialog::NewEventDialog(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, _("New event"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("newEvent")),
      m_session(session) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(3, FromDIP(wxSize(8, 4)));
    grid->AddGrowableCol(1);
    // Tomorrow at 19:00 is as good a first guess as any.
    const wxDateTime tomorrow = wxDateTime::Today() + wxDateSpan::Day();
    addField(this, grid, _("Organi&zer:"), kOrganizerName);
    addField(this, grid, _("Organizer short name (slug):"), kOrganizerSlug);
    addField(this, grid, _("&Event name:"), kEventName);
    addField(this, grid, _("Event short name (slu&g):"), kEventSlug);
    addField(this, grid, _("&Date (YYYY-MM-DD):"), kDate, tomorrow.FormatISODate());
    addField(this, grid, _("Start &time (HH:MM):"), kTime, wxS("19:00"));
    addField(this, grid, _("Time &zone:"), kTimezone, systemTimezone());
    addField(this, grid, _("C&urrency:"), kCurrency, wxS("EUR"));
    addField(this, grid, _("&Location:"), kLocation);
    addField(this, grid, _("First &product:"), kProduct, _("Admission"));
    addField(this, grid, _("P&rice:"), kPrice, wxS("0.00"));
    addField(this, grid, _("&Capacity (empty: unlimited):"), kCapacity);
    column->Add(grid, 1, wxEXPAND | wxALL, FromDIP(10));
    m_autoCheckin = new wxCheckBox(this, wxID_ANY, _("Check in tickets sold at the desk at &once"), wxDefaultPosition,
                                   wxDefaultSize, 0, wxDefaultValidator, wxS("newEvent.autoCheckin"));
    column->Add(m_autoCheckin, 0, wxLEFT | wxRIGHT, FromDIP(10));
    auto* other = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   wxS("newEvent.error"));
    other->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    m_errors[kOther] = other;
    column->Add(other, 0, wxEXPAND | wxALL, FromDIP(10));
    auto* buttons = new wxStdDialogButtonSizer;
    m_create = new wxButton(this, wxID_OK, _("C&reate event"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, wxS("newEvent.create"));
    m_create->SetDefault();
    buttons->AddButton(m_create);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel"), wxDefaultPosition, wxDefaultSize, 0,
                                    wxDefaultValidator, wxS("newEvent.cancel")));
    buttons->Realize();
    column->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(column);

    // The slugs follow the names until typed in themselves.
    m_fields[kEventName]->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!m_slugTyped) {
            m_fields[kEventSlug]->ChangeValue(slugOf(m_fields[kEventName]->GetValue()));
        }
    });
    m_fields[kOrganizerName]->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!m_organizerSlugTyped) {
            m_fields[kOrganizerSlug]->ChangeValue(slugOf(m_fields[kOrganizerName]->GetValue()));
        }
    });
    m_fields[kEventSlug]->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_slugTyped = true; });
    m_fields[kOrganizerSlug]->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_organizerSlugTyped = true; });
    m_create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { create(); }, this); });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Destroy(); });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Destroy(); }, wxID_CANCEL);
    m_fields[kOrganizerName]->SetFocus();
}

wxTextCtrl* NewEventDialog::addField(wxWindow* parent, wxSizer* grid, const wxString& label, const char* key,
                                     const wxString& value) {
    auto* field = new wxTextCtrl(parent, wxID_ANY, value, wxDefaultPosition, FromDIP(wxSize(240, -1)),
                                 wxTE_PROCESS_ENTER, wxDefaultValidator, wxString::Format(wxS("newEvent.%s"), key));
    // Enter in any field creates, as the default button would (not every platform passes a
    // text field's Enter to a modeless dialog's default button).
    field->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { guardedCall([this] { create(); }, this); });
    auto* error = new wxStaticText(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   wxString::Format(wxS("newEvent.%s.error"), key));
    error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    // The label is created first so that screen readers name the field after it.
    grid->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(field, 1, wxEXPAND);
    grid->Add(error, 0, wxALIGN_CENTER_VERTICAL);
    m_fields[key] = field;
    m_errors[key] = error;
    return field;
}

void NewEventDialog::showError(const std::string& key, const wxString& message) {
    auto it = m_errors.find(key);
    auto* label = it != m_errors.end() ? it->second : m_errors.at(kOther);
    const wxString old = label->GetLabel();
    label->SetLabel(old.empty() ? message : old + wxS("\n") + message);
    if (it != m_errors.end() && key != kOther && m_fields.count(key) > 0 && !m_busy) {
        m_fields[key]->SetFocus();
    }
}

void NewEventDialog::clearErrors() {
    for (auto& [key, label] : m_errors) {
        label->SetLabel(wxString());
    }
}

std::optional<NewEventDialog::Form> NewEventDialog::readForm() {
    const auto text = [this](const char* key) {
        return std::string(m_fields[key]->GetValue().Strip(wxString::both).utf8_string());
    };
    bool ok = true;
    Form form;
    form.organizer = {text(kOrganizerSlug), text(kOrganizerName)};
    auto& e = form.event;
    e.id = m_made.event;
    e.name = model::I18nString::plain(text(kEventName));
    e.slug = text(kEventSlug);
    e.currency = std::string(wxString::FromUTF8(text(kCurrency)).Upper().utf8_string());
    e.timezone = text(kTimezone);
    if (!text(kLocation).empty()) {
        e.location = model::I18nString::plain(text(kLocation));
    }
    e.salesChannels = {"web", sales::kDeskSalesChannel};
    // The date and time as this computer's clock shows them, like every time in the desk.
    wxDateTime start;
    wxString::const_iterator end;
    const wxString typed = m_fields[kDate]->GetValue().Strip(wxString::both) + wxS(" ") +
                           m_fields[kTime]->GetValue().Strip(wxString::both);
    if (!start.ParseFormat(typed, wxS("%Y-%m-%d %H:%M"), &end) || end != typed.end()) {
        showError(kDate, _("Enter the date as 2027-04-17 and the time as 19:00."));
        ok = false;
    } else {
        e.dateFrom = model::Timestamp{std::chrono::seconds{start.GetTicks()}};
    }
    auto& item = form.item;
    item.id = m_made.item;
    item.name = model::I18nString::plain(text(kProduct));
    item.salesChannels = {"web", sales::kDeskSalesChannel};
    wxString price = m_fields[kPrice]->GetValue().Strip(wxString::both);
    price.Replace(wxS(","), wxS("."));
    if (const auto parsed = model::Money::parse(std::string(price.utf8_string()))) {
        item.defaultPrice = *parsed;
    } else {
        showError(kPrice, _("Enter a price such as 12.50."));
        ok = false;
    }
    auto& quota = form.quota;
    quota.id = m_made.quota;
    quota.name = text(kProduct);
    if (const std::string capacity = text(kCapacity); !capacity.empty()) {
        long long size = -1;
        if (!wxString::FromUTF8(capacity).ToLongLong(&size) || size < 0) {
            showError(kCapacity, _("Enter a whole number of places, or leave it empty for no limit."));
            ok = false;
        } else {
            quota.size = size;
        }
    }
    auto& list = form.list;
    list.id = m_made.list;
    list.name = std::string(_("Entrance").utf8_string());
    if (m_autoCheckin->GetValue()) {
        list.autoCheckinSalesChannels = {sales::kDeskSalesChannel};
    }
    return ok ? std::optional<Form>(std::move(form)) : std::nullopt;
}

void NewEventDialog::create() {
    if (m_busy) {
        return;
    }
    clearErrors();
    auto form = readForm();
    if (!form) {
        Layout();
        Fit();  // room for the errors beside their fields
        return;
    }
    m_busy = true;
    m_create->Enable(false);
    m_session.run<Made>(
        this,
        [form = std::move(*form), made = m_made](desk::TaskContext& context) mutable {
            // Step by step, keeping what each made: a later failure leaves the earlier steps to
            // be updated by the next Create.
            const auto failed = [&made](const char* step, model::Error error) {
                made.step = step;
                made.error = std::move(error);
                return made;
            };
            auto event = sales::saveEvent(context.store, form.organizer, form.event);
            if (!event) {
                return failed("event", event.error());
            }
            made.event = event->id;
            form.item.eventId = made.event;
            auto item = sales::saveItem(context.store, form.item);
            if (!item) {
                return failed("item", item.error());
            }
            made.item = item->id;
            form.quota.eventId = made.event;
            form.quota.items = {made.item};
            auto quota = sales::saveQuota(context.store, form.quota);
            if (!quota) {
                return failed("quota", quota.error());
            }
            made.quota = quota->id;
            form.list.eventId = made.event;
            auto list = checkin::saveList(context.store, form.list);
            if (!list) {
                return failed("list", list.error());
            }
            made.list = list->id;
            return made;
        },
        [this](Made&& made) { showMade(std::move(made)); },
        [this](const wxString& error) {
            m_busy = false;
            m_create->Enable(true);
            showError(kOther, error);
        });
}

void NewEventDialog::showMade(Made&& made) {
    m_busy = false;
    m_create->Enable(true);
    m_made = made;
    if (made.error) {
        const auto& error = *made.error;
        for (const auto& [field, messages] : error.fields) {
            for (const auto& message : messages) {
                showError(formKey(made.step, field), fromUtf8(message));
            }
        }
        if (error.fields.empty()) {
            showError(kOther, fromUtf8(error.message));
        }
        Layout();
        Fit();
        return;
    }
    if (onCreated) {
        onCreated(made.event);
    }
    Destroy();
}

}  // namespace boxoffice::gui
