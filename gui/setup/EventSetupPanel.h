// The Event tab: setting up the open event to sell without a pretix server. On the left an outline
// of the event (the event itself; its categories, products, quotas and questions, each group
// with "New ..."), on the right the form of what is chosen there, with Save (Ctrl+S) and Revert.
// Every read and every save runs on a session worker: the store is read in one snapshot
// (SetupSnapshot) and the forms save through the use cases of sales/EventSetup.h. A refused save
// keeps everything typed and shows each problem beside its field; the store's changes of the
// event reload the outline, and a form with changes not yet saved keeps them (leaving it asks
// first). Check-in lists stay in their own tab; the event's default ticket layout is made by
// saveEvent when the event is created (File > New event).
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "setup/SetupData.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <wx/arrstr.h>

class wxListBox;
class wxSimplebook;

namespace boxoffice::gui {

class CategoryForm;
class EmptyState;
class EventForm;
class GroupPage;
class ProductForm;
class QuestionForm;
class QuotaForm;
class SetupForm;

class EventSetupPanel : public StorePanel {
public:
    EventSetupPanel(wxWindow* parent, Session& session);

    // Puts the keyboard in the outline. Called when the tab is shown.
    void focusStart();

    // Asks whether the changes of the form shown may be dropped (leaving it for another object);
    // by default a question box. Tests answer instead.
    std::function<bool(const wxString& question)> askDiscard;

    // Closing the window with changes not saved in the form shown asks whether to discard them.
    bool mayClose() override;

    enum class Kind { Event, Category, Product, Quota, Question };

private:
    // A line of the outline: a heading of a group, an object, or a group's "New ..." (id 0).
    struct Entry {
        Kind kind = Kind::Event;
        model::Id id = 0;
        bool heading = false;
        bool operator==(const Entry&) const = default;
    };

    void doReload() override;
    void showSnapshot(SetupSnapshot&& snapshot);
    void refreshShownForm();
    void fillOutline();
    void addGroup(Kind kind, const wxString& heading, const wxString& newLabel,
                  const std::vector<std::pair<model::Id, wxString>>& objects, wxArrayString& lines);
    void onOutlineChoice();
    void selectEntry(const Entry& entry);
    void showEntry(const Entry& entry);
    void showGroup(Kind kind);
    SetupForm* formOf(Kind kind) const;
    bool exists(const Entry& entry) const;

    void save();
    void saveEvent();
    void saveCategory();
    void saveProduct();
    void saveQuota();
    void saveQuestion();
    // Runs `work` (a use case) on a worker for `form`; on success `saved` gets the stored object
    // and the outline is read again; a refusal shows its errors on the form.
    template <class T>
    void runSave(SetupForm* form, std::function<model::Result<T>(model::Store&)> work, std::function<void(T&&)> saved);
    void showRefusal(SetupForm* form, const model::Error& error);
    void revert();

    SetupSnapshot m_snapshot;
    std::vector<std::string> m_zones;
    std::vector<Entry> m_entries;
    std::optional<Entry> m_shown;  // what the form on the right shows (id 0: a new object)
    bool m_saving = false;

    EmptyState* m_empty = nullptr;
    wxWindow* m_content = nullptr;
    wxListBox* m_outline = nullptr;
    wxSimplebook* m_pages = nullptr;
    GroupPage* m_group = nullptr;
    EventForm* m_eventForm = nullptr;
    CategoryForm* m_categoryForm = nullptr;
    ProductForm* m_productForm = nullptr;
    QuotaForm* m_quotaForm = nullptr;
    QuestionForm* m_questionForm = nullptr;

    desk::TaskHandle m_load;
    desk::TaskHandle m_save;
};

} // namespace boxoffice::gui
