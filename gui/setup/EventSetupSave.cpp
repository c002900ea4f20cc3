// The Event tab's Save and Revert: each form's values through its use case of
// sales/EventSetup.h on a session worker (EventSetupPanel.h).
#include "boxoffice/sales/EventSetup.h"
#include "setup/CategoryForm.h"
#include "setup/EventForm.h"
#include "setup/EventSetupPanel.h"
#include "setup/EventTime.h"
#include "setup/ProductForm.h"
#include "setup/QuestionForm.h"
#include "setup/QuotaForm.h"

namespace boxoffice::gui {

namespace {

// Said by the worker when the event's time zone is not one the system knows; translated with the
// services' messages (FormText.cpp).
constexpr const char* kUnknownZone = "This time zone is not known on this computer.";

// The event of `draft` with its times in UTC, saved. On a worker.
model::Result<model::Event> storeEvent(model::Store& store, const EventForm::Draft& draft) {
    model::Event event = draft.event;
    const auto utc = [&event](const std::optional<WallTime>& wall, std::optional<model::Timestamp>& out) {
        out.reset();
        if (!wall) {
            return true;
        }
        out = utcOf(*wall, event.timezone);
        return out.has_value();
    };
    const bool known = utc(draft.from, event.dateFrom) && utc(draft.to, event.dateTo) &&
                       utc(draft.admission, event.dateAdmission);
    if (!known) {
        return model::Error::badInput("Invalid data.", {{"timezone", {kUnknownZone}}});
    }
    return sales::saveEvent(store, draft.organizer, event);
}

std::string wallText(const std::optional<WallTime>& t) { return t ? formatWallTime(*t) : std::string(); }

} // namespace

void EventSetupPanel::save() {
    if (m_saving || !m_shown || m_shown->heading) {
        return;
    }
    switch (m_shown->kind) {
    case Kind::Event:
        saveEvent();
        break;
    case Kind::Category:
        saveCategory();
        break;
    case Kind::Product:
        saveProduct();
        break;
    case Kind::Quota:
        saveQuota();
        break;
    case Kind::Question:
        saveQuestion();
        break;
    }
}

template <class T>
void EventSetupPanel::runSave(SetupForm* form, std::function<model::Result<T>(model::Store&)> work,
                              std::function<void(T&&)> saved) {
    m_saving = true;
    form->setBusy(true);
    m_save = session().run<model::Result<T>>(
        this, [work = std::move(work)](desk::TaskContext& context) { return work(context.store); },
        [this, form, saved = std::move(saved)](model::Result<T>&& result) {
            m_saving = false;
            form->setBusy(false);
            if (!result) {
                showRefusal(form, result.error());
                return;
            }
            saved(std::move(result.value()));
            reload();
        },
        [this, form](const wxString& error) {
            m_saving = false;
            form->setBusy(false);
            form->showErrors({{std::string(), {error}}});
        });
}

void EventSetupPanel::showRefusal(SetupForm* form, const model::Error& error) {
    if (error.fields.empty()) {
        form->showErrors({{std::string(), {serviceText(error.message)}}});
    } else {
        form->showErrors(serviceErrors(error.fields));
    }
}

void EventSetupPanel::saveEvent() {
    auto draft = m_eventForm->draft();
    if (!draft) {
        return;
    }
    const EventTimes typed{wallText(draft->from), wallText(draft->to), wallText(draft->admission)};
    runSave<model::Event>(
        m_eventForm, [draft = *draft](model::Store& store) { return storeEvent(store, draft); },
        [this, typed](model::Event&& event) {
            m_snapshot.event = std::move(event);
            m_snapshot.times = typed;
            m_eventForm->edit(m_snapshot);
        });
}

void EventSetupPanel::saveCategory() {
    runSave<model::Category>(
        m_categoryForm,
        [draft = m_categoryForm->draft()](model::Store& store) { return sales::saveCategory(store, draft); },
        [this](model::Category&& category) {
            m_shown = Entry{Kind::Category, category.id, false};
            m_categoryForm->edit(category, m_snapshot.event.locale);
        });
}

void EventSetupPanel::saveProduct() {
    auto draft = m_productForm->draft();
    if (!draft) {
        return;
    }
    runSave<model::Item>(
        m_productForm, [draft = *draft](model::Store& store) { return sales::saveItem(store, draft); },
        [this](model::Item&& item) {
            // The stored variations have their IDs now: the next Save updates them.
            m_shown = Entry{Kind::Product, item.id, false};
            m_productForm->edit(item, m_snapshot.event.locale);
        });
}

void EventSetupPanel::saveQuota() {
    auto draft = m_quotaForm->draft();
    if (!draft) {
        return;
    }
    runSave<model::Quota>(
        m_quotaForm, [draft = *draft](model::Store& store) { return sales::saveQuota(store, draft); },
        [this](model::Quota&& quota) {
            m_shown = Entry{Kind::Quota, quota.id, false};
            m_quotaForm->edit(quota);
        });
}

void EventSetupPanel::saveQuestion() {
    runSave<model::Question>(
        m_questionForm,
        [draft = m_questionForm->draft()](model::Store& store) { return sales::saveQuestion(store, draft); },
        [this](model::Question&& question) {
            m_shown = Entry{Kind::Question, question.id, false};
            m_questionForm->edit(question, m_snapshot.event.locale);
        });
}

void EventSetupPanel::revert() {
    if (m_shown && !m_saving) {
        showEntry(*m_shown);
    }
}

} // namespace boxoffice::gui
