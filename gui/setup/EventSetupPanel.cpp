#include "setup/EventSetupPanel.h"

#include "boxoffice/gui/EmptyState.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/model/EventRepository.h"
#include "setup/CategoryForm.h"
#include "setup/EventForm.h"
#include "setup/EventTime.h"
#include "setup/GroupPage.h"
#include "setup/ProductForm.h"
#include "setup/QuestionForm.h"
#include "setup/QuotaForm.h"

#include <algorithm>
#include <wx/listbox.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {

// The pages of the book on the right, in the order they are added.
enum Page { GroupPageIndex, EventPage, CategoryPage, ProductPage, QuotaPage, QuestionPage };

// Objects are indented under their group's heading.
const wxString kIndent = wxS("    ");

std::string timeText(const std::optional<model::Timestamp>& t, const std::string& zone) {
    if (!t) {
        return {};
    }
    if (auto text = localText(*t, zone)) {
        return *text;
    }
    return localText(*t, "UTC").value_or(std::string());  // a zone the system does not know
}

// Reads what the tab shows of `eventId` (0: nothing). On a worker.
SetupSnapshot readSnapshot(model::Store& store, model::Id eventId, bool withZones) {
    SetupSnapshot s;
    model::EventRepository events(store);
    const auto event = eventId != 0 ? events.eventById(eventId) : std::nullopt;
    if (!event) {
        return s;
    }
    s.eventId = eventId;
    s.event = *event;
    const auto organizer = events.organizerBySlug(event->organizerSlug);
    s.organizer = {event->organizerSlug, organizer ? organizer->name : event->organizerSlug};
    s.times = {timeText(event->dateFrom, event->timezone), timeText(event->dateTo, event->timezone),
               timeText(event->dateAdmission, event->timezone)};
    s.categories = events.categories(eventId);
    s.items = events.items(eventId);
    s.quotas = events.quotas(eventId);
    s.questions = events.questions(eventId);
    if (withZones) {
        s.zones = zoneNames();
    }
    return s;
}

// A new object of the event, as its "New ..." form starts.
template <class T>
T newOf(model::Id eventId) {
    T object;
    object.eventId = eventId;
    return object;
}

} // namespace

EventSetupPanel::EventSetupPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("setup"), {model::Change::Kind::Event}) {
    m_empty = new EmptyState(this, _("No event is open"),
                             _("Choose an event above, or make one with File > New event (Ctrl+Shift+N). Its "
                               "products, prices, quotas and questions are then set up here."),
                             wxS("setup.empty"));
    auto* content = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("setup.content"));
    m_content = content;
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(new wxStaticText(content, wxID_ANY, _("&What to set up:")), 0, wxBOTTOM, FromDIP(4));
    m_outline = new wxListBox(content, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(270, -1)), 0, nullptr,
                              wxLB_SINGLE | wxLB_NEEDED_SB, wxDefaultValidator, wxS("setup.outline"));
    left->Add(m_outline, 1, wxEXPAND);
    m_pages = new wxSimplebook(content, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("setup.pages"));
    m_group = new GroupPage(m_pages);
    m_eventForm = new EventForm(m_pages);
    m_categoryForm = new CategoryForm(m_pages);
    m_productForm = new ProductForm(m_pages);
    m_quotaForm = new QuotaForm(m_pages);
    m_questionForm = new QuestionForm(m_pages);
    for (wxWindow* page : std::initializer_list<wxWindow*>{m_group, m_eventForm, m_categoryForm, m_productForm,
                                                            m_quotaForm, m_questionForm}) {
        m_pages->AddPage(page, wxString());
    }
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(left, 0, wxEXPAND | wxALL, FromDIP(8));
    row->Add(m_pages, 1, wxEXPAND | wxTOP | wxBOTTOM | wxRIGHT, FromDIP(4));
    content->SetSizer(row);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(m_empty, 1, wxEXPAND);
    column->Add(m_content, 1, wxEXPAND);
    SetSizer(column);
    m_content->Hide();

    for (SetupForm* form : std::initializer_list<SetupForm*>{m_eventForm, m_categoryForm, m_productForm, m_quotaForm,
                                                             m_questionForm}) {
        form->onSave = [this] { guardedCall([this] { save(); }, this); };
        form->onRevert = [this] { guardedCall([this] { revert(); }, this); };
    }
    m_group->onNew = [this] {
        if (m_shown) {
            selectEntry({m_shown->kind, 0, false});
        }
    };
    m_outline->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { guardedCall([this] { onOutlineChoice(); }, this); });
    askDiscard = [this](const wxString& question) { return confirm(question, _("Discard"), this); };
}

void EventSetupPanel::focusStart() {
    if (m_content->IsShown()) {
        m_outline->SetFocus();
    }
}

void EventSetupPanel::doReload() {
    m_load.cancel();
    m_load = session().run<SetupSnapshot>(
        this,
        [event = eventId(), withZones = m_zones.empty()](desk::TaskContext& context) {
            return readSnapshot(context.store, event, withZones);
        },
        [this](SetupSnapshot&& s) { showSnapshot(std::move(s)); });
}

void EventSetupPanel::showSnapshot(SetupSnapshot&& s) {
    const bool open = s.eventId != 0;
    m_empty->Show(!open);
    m_content->Show(open);
    Layout();
    if (!open) {
        m_snapshot = SetupSnapshot();
        m_shown.reset();
        return;
    }
    const bool otherEvent = s.eventId != m_snapshot.eventId;
    m_snapshot = std::move(s);
    if (!m_snapshot.zones.empty()) {
        m_zones = m_snapshot.zones;
        m_eventForm->setZones(m_zones);
    }
    if (otherEvent || !m_shown || !exists(*m_shown)) {
        m_shown = Entry{Kind::Event, m_snapshot.eventId, false};
        fillOutline();
        showEntry(*m_shown);
        return;
    }
    fillOutline();
    refreshShownForm();
}

// After a reload: the form shows the stored object afresh, unless the person changed it (then
// only the choices it offers follow the store, keeping what was ticked).
void EventSetupPanel::refreshShownForm() {
    SetupForm* form = formOf(m_shown->kind);
    if (m_shown->heading || form == nullptr || (!form->dirty() && !m_saving)) {
        showEntry(*m_shown);
        return;
    }
    m_productForm->setChoices(m_snapshot.categories);
    m_quotaForm->setChoices(m_snapshot.items);
    m_questionForm->setChoices(m_snapshot.items);
}

bool EventSetupPanel::exists(const Entry& e) const {
    const auto has = [&e](const auto& objects) {
        return std::any_of(objects.begin(), objects.end(), [&e](const auto& o) { return o.id == e.id; });
    };
    if (e.heading || e.id == 0 || e.kind == Kind::Event) {
        return true;
    }
    switch (e.kind) {
    case Kind::Category:
        return has(m_snapshot.categories);
    case Kind::Product:
        return has(m_snapshot.items);
    case Kind::Quota:
        return has(m_snapshot.quotas);
    case Kind::Question:
        return has(m_snapshot.questions);
    case Kind::Event:
        break;
    }
    return true;
}

void EventSetupPanel::fillOutline() {
    m_entries.clear();
    wxArrayString lines;
    const auto& s = m_snapshot;
    m_entries.push_back({Kind::Event, s.eventId, false});
    lines.Add(wxString::Format(_("Event: %s"), localized(s.event.name)));
    std::vector<std::pair<model::Id, wxString>> objects;
    for (const auto& c : s.categories) {
        objects.emplace_back(c.id, c.isAddon ? wxString::Format(_("%s (add-ons)"), localized(c.name)) : localized(c.name));
    }
    addGroup(Kind::Category, _("Categories"), _("New category..."), objects, lines);
    objects.clear();
    for (const auto& item : s.items) {
        objects.emplace_back(item.id, localized(item.name));
    }
    addGroup(Kind::Product, _("Products"), _("New product..."), objects, lines);
    objects.clear();
    for (const auto& q : s.quotas) {
        const wxString size = q.size ? wxString::Format(wxS("%lld"), static_cast<long long>(*q.size)) : _("unlimited");
        objects.emplace_back(q.id, wxString::Format(wxS("%s (%s)"), fromUtf8(q.name), size));
    }
    addGroup(Kind::Quota, _("Quotas"), _("New quota..."), objects, lines);
    objects.clear();
    for (const auto& q : s.questions) {
        objects.emplace_back(q.id, localized(q.question));
    }
    addGroup(Kind::Question, _("Questions"), _("New question..."), objects, lines);
    m_outline->Set(lines);
    if (m_shown) {
        const auto at = std::find(m_entries.begin(), m_entries.end(), *m_shown);
        m_outline->SetSelection(at != m_entries.end() ? static_cast<int>(at - m_entries.begin()) : wxNOT_FOUND);
    }
}

void EventSetupPanel::addGroup(Kind kind, const wxString& heading, const wxString& newLabel,
                               const std::vector<std::pair<model::Id, wxString>>& objects, wxArrayString& lines) {
    m_entries.push_back({kind, 0, true});
    lines.Add(heading);
    for (const auto& [id, label] : objects) {
        m_entries.push_back({kind, id, false});
        lines.Add(kIndent + (label.empty() ? _("(no name)") : label));
    }
    m_entries.push_back({kind, 0, false});
    lines.Add(kIndent + newLabel);
}

bool EventSetupPanel::mayClose() {
    SetupForm* form = m_shown && !m_shown->heading ? formOf(m_shown->kind) : nullptr;
    return form == nullptr || !form->dirty() ||
           askDiscard(_("The changes made on the Event tab have not been saved. Close the window and discard them?"));
}

void EventSetupPanel::onOutlineChoice() {
    const int index = m_outline->GetSelection();
    if (index < 0 || static_cast<std::size_t>(index) >= m_entries.size()) {
        return;
    }
    const Entry chosen = m_entries[static_cast<std::size_t>(index)];
    if (m_shown && chosen == *m_shown) {
        return;
    }
    SetupForm* form = m_shown && !m_shown->heading ? formOf(m_shown->kind) : nullptr;
    if (form != nullptr && form->dirty() &&
        !askDiscard(_("The changes made here have not been saved. Discard them?"))) {
        // Back on what is being edited, once the list box has finished changing its selection.
        CallAfter([this] { fillOutline(); });
        return;
    }
    showEntry(chosen);
}

void EventSetupPanel::selectEntry(const Entry& entry) {
    const auto at = std::find(m_entries.begin(), m_entries.end(), entry);
    if (at != m_entries.end()) {
        m_outline->SetSelection(static_cast<int>(at - m_entries.begin()));
    }
    showEntry(entry);
    if (SetupForm* form = formOf(entry.kind); form != nullptr && !entry.heading) {
        form->focusFirst();
    }
}

SetupForm* EventSetupPanel::formOf(Kind kind) const {
    switch (kind) {
    case Kind::Event:
        return m_eventForm;
    case Kind::Category:
        return m_categoryForm;
    case Kind::Product:
        return m_productForm;
    case Kind::Quota:
        return m_quotaForm;
    case Kind::Question:
        return m_questionForm;
    }
    return nullptr;
}

void EventSetupPanel::showEntry(const Entry& e) {
    m_shown = e;
    if (e.heading) {
        showGroup(e.kind);
        return;
    }
    const auto& s = m_snapshot;
    const auto find = [&e](const auto& objects, auto fresh) {
        const auto it = std::find_if(objects.begin(), objects.end(), [&e](const auto& o) { return o.id == e.id; });
        return it != objects.end() ? *it : fresh;
    };
    const std::string& language = s.event.locale;
    switch (e.kind) {
    case Kind::Event:
        m_eventForm->edit(s);
        m_pages->SetSelection(EventPage);
        break;
    case Kind::Category:
        m_categoryForm->edit(find(s.categories, newOf<model::Category>(s.eventId)), language);
        m_pages->SetSelection(CategoryPage);
        break;
    case Kind::Product: {
        // A new product sells where its event does.
        m_productForm->setChoices(s.categories);
        auto item = newOf<model::Item>(s.eventId);
        item.salesChannels = s.event.salesChannels;
        m_productForm->edit(find(s.items, item), language);
        m_pages->SetSelection(ProductPage);
        break;
    }
    case Kind::Quota:
        m_quotaForm->setChoices(s.items);
        m_quotaForm->edit(find(s.quotas, newOf<model::Quota>(s.eventId)));
        m_pages->SetSelection(QuotaPage);
        break;
    case Kind::Question:
        m_questionForm->setChoices(s.items);
        m_questionForm->edit(find(s.questions, newOf<model::Question>(s.eventId)), language);
        m_pages->SetSelection(QuestionPage);
        break;
    }
}

void EventSetupPanel::showGroup(Kind kind) {
    switch (kind) {
    case Kind::Category:
        m_group->show(_("Categories"),
                      _("Categories group the products. Products of an add-on category are not sold on their own "
                        "but chosen with a ticket of another product (a programme, a parking space)."),
                      _("&New category"));
        break;
    case Kind::Product:
        m_group->show(_("Products"),
                      _("Products are what the event sells: tickets, and add-ons sold with them. A product may come "
                        "in variations with prices of their own (regular, reduced)."),
                      _("&New product"));
        break;
    case Kind::Quota:
        m_group->show(_("Quotas"),
                      _("A quota is how many tickets of some products may be sold together, such as the seats of "
                        "a hall. A product in no quota is not on sale."),
                      _("&New quota"));
        break;
    case Kind::Question:
        m_group->show(_("Questions"),
                      _("Questions are asked of each ticket's buyer at the desk, or at the door during check-in."),
                      _("&New question"));
        break;
    case Kind::Event:
        break;
    }
    m_pages->SetSelection(GroupPageIndex);
}

} // namespace boxoffice::gui
