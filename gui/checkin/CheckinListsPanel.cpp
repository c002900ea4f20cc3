#include "checkin/CheckinListsPanel.h"

#include "boxoffice/checkin/Arrivals.h"
#include "boxoffice/checkin/CheckinExport.h"
#include "boxoffice/gui/EmptyState.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "checkin/ArrivalsChart.h"
#include "checkin/CheckinListEditor.h"

#include <filesystem>
#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {
enum Column : long { Name, Products, Pending, Positions, CheckedIn };

// What the status task reads for the selected list.
struct ListView {
    std::optional<checkin::ListStatus> status;
    checkin::Arrivals arrivals;
};

} // namespace

CheckinListsPanel::CheckinListsPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("checkinLists"),
                 {model::Change::Kind::Event, model::Change::Kind::Orders, model::Change::Kind::CheckinLists,
                  model::Change::Kind::Checkins}) {
    m_empty = new EmptyState(this, _("No check-in lists"),
                             _("A check-in list says which tickets a gate admits and counts who came in. "
                               "Make one with \"New list\", or get the event's lists with a pretix "
                               "import (boxoffice-cli import-pretix FILE) or a sync; they appear here by "
                               "themselves."),
                             wxS("checkinLists.empty"));
    m_lists = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                             wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES, wxDefaultValidator,
                             wxS("checkinLists.list"));
    m_lists->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(200));
    m_lists->AppendColumn(_("Products"), wxLIST_FORMAT_LEFT, FromDIP(110));
    m_lists->AppendColumn(_("Pending orders"), wxLIST_FORMAT_LEFT, FromDIP(110));
    m_lists->AppendColumn(_("Positions"), wxLIST_FORMAT_RIGHT, FromDIP(80));
    m_lists->AppendColumn(_("Checked in"), wxLIST_FORMAT_RIGHT, FromDIP(80));
    m_new = new wxButton(this, wxID_NEW, _("&New list"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("checkinLists.new"));
    m_duplicate = new wxButton(this, wxID_ANY, _("D&uplicate"), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, wxS("checkinLists.duplicate"));
    m_delete = new wxButton(this, wxID_DELETE, _("&Delete..."), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, wxS("checkinLists.delete"));
    auto* arrivalsHeading = new wxStaticText(this, wxID_ANY, _("Arrivals"), wxDefaultPosition, wxDefaultSize, 0,
                                             wxS("checkinLists.arrivalsHeading"));
    arrivalsHeading->SetFont(arrivalsHeading->GetFont().Bold());
    m_export = new wxButton(this, wxID_ANY, _("E&xport check-ins..."), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, wxS("checkinLists.export"));
    m_export->SetToolTip(_("Save the list's check-ins as a CSV file for a spreadsheet"));
    m_arrivalsSummary = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                         wxS("checkinLists.arrivalsSummary"));
    m_chart = new ArrivalsChart(this, wxS("checkinLists.arrivals"));
    m_exportResult = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                      wxS("checkinLists.exportResult"));
    m_editor = new CheckinListEditor(this); // after the arrivals: Tab goes down the left column first

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(m_new, 0, wxRIGHT, 8);
    buttons->Add(m_duplicate, 0, wxRIGHT, 8);
    buttons->Add(m_delete, 0);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(buttons, 0, wxALL, 8);
    left->Add(m_empty, 1, wxEXPAND);
    left->Add(m_lists, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    auto* arrivalsHead = new wxBoxSizer(wxHORIZONTAL);
    arrivalsHead->Add(arrivalsHeading, 1, wxALIGN_CENTER_VERTICAL);
    arrivalsHead->Add(m_export, 0);
    m_arrivalsBox = new wxBoxSizer(wxVERTICAL);
    m_arrivalsBox->Add(arrivalsHead, 0, wxEXPAND | wxBOTTOM, 4);
    m_arrivalsBox->Add(m_arrivalsSummary, 0, wxEXPAND | wxBOTTOM, 4);
    m_arrivalsBox->Add(m_chart, 1, wxEXPAND);
    m_arrivalsBox->Add(m_exportResult, 0, wxEXPAND | wxTOP, 4);
    left->Add(m_arrivalsBox, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(left, 3, wxEXPAND);
    row->Add(m_editor, 2, wxEXPAND);
    SetSizer(row);
    m_lists->Hide();
    m_editor->Hide();
    row->Hide(m_arrivalsBox, true);
    m_duplicate->Disable();
    m_delete->Disable();

    m_lists->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { guardedCall([this] { editSelected(); }, this); });
    m_new->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { startNew(std::nullopt); });
    m_duplicate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (const auto* list = selectedList()) {
            startNew(*list);
        }
    });
    m_delete->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { removeSelected(); });
    m_editor->onSave = [this] { save(); };
    m_export->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { guardedCall([this] { exportSelected(); }, this); });
    askExportPath = [this](const wxString& suggestedName) {
        wxFileDialog dialog(this, _("Export check-ins"), wxString(), suggestedName, _("CSV files (*.csv)|*.csv"),
                            wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
}

void CheckinListsPanel::doReload() {
    // The lists' counts read every position of the event: on a worker.
    m_load.cancel();
    m_load = session().run<Loaded>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            Loaded loaded;
            if (event != 0) {
                loaded.lists = model::CheckinRepository(context.store).lists(event);
                model::EventRepository events(context.store);
                loaded.items = events.items(event);
                loaded.dates = events.subEvents(event);
            }
            return loaded;
        },
        [this](Loaded&& loaded) { showLoaded(std::move(loaded)); });
}

void CheckinListsPanel::showLoaded(Loaded&& loaded) {
    const model::Id keep = m_keepSelected != 0 ? m_keepSelected
                                               : (selectedList() != nullptr ? selectedList()->id : 0);
    m_keepSelected = 0;
    const bool editingNew = m_editor->IsShown() && m_editor->listId() == 0;
    m_shown = std::move(loaded.lists);
    m_editor->setChoices(std::move(loaded.items), std::move(loaded.dates));
    m_lists->DeleteAllItems();
    long row = 0;
    for (const auto& list : m_shown) {
        m_lists->InsertItem(row, fromUtf8(list.name));
        m_lists->SetItem(row, Products,
                         list.allProducts
                             ? _("All products")
                             : wxString::Format(wxPLURAL("%lld product", "%lld products",
                                                         static_cast<unsigned>(list.limitProducts.size())),
                                                static_cast<long long>(list.limitProducts.size())));
        m_lists->SetItem(row, Pending, list.includePending ? _("Admitted") : _("Not admitted"));
        m_lists->SetItem(row, Positions,
                         wxString::Format(wxS("%lld"), static_cast<long long>(list.positionCount)));
        m_lists->SetItem(row, CheckedIn,
                         wxString::Format(wxS("%lld"), static_cast<long long>(list.checkinCount)));
        ++row;
    }
    m_empty->Show(m_shown.empty());
    m_lists->Show(!m_shown.empty());
    bool selected = false;
    for (long r = 0; r < static_cast<long>(m_shown.size()) && keep != 0 && !editingNew; ++r) {
        if (m_shown[static_cast<std::size_t>(r)].id == keep) {
            m_lists->SetItemState(r, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                  wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            selected = true;
            showStatusOf(keep); // live counts: a reload follows every check-in
        }
    }
    if (!selected && !editingNew) {
        m_editor->Hide();
        showArrivals(false);
    }
    m_duplicate->Enable(selected);
    m_delete->Enable(selected);
    Layout();
}

const model::CheckinList* CheckinListsPanel::selectedList() const {
    const long row = m_lists->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_shown.size()) {
        return nullptr;
    }
    return &m_shown[static_cast<std::size_t>(row)];
}

void CheckinListsPanel::editSelected() {
    const auto* list = selectedList();
    m_duplicate->Enable(list != nullptr);
    m_delete->Enable(list != nullptr);
    if (list == nullptr) {
        return;
    }
    m_editor->edit(*list);
    m_editor->Show();
    // A reload shows the same list again: what its export said stays.
    if (list->id != m_exportedList) {
        m_exportResult->SetLabel(wxString());
    }
    showStatusOf(list->id);
    Layout();
}

void CheckinListsPanel::showStatusOf(model::Id listId) {
    m_status.cancel();
    m_status = session().run<ListView>(
        this,
        [event = eventId(), listId](desk::TaskContext& context) {
            ListView view;
            view.status = checkin::listStatus(context.store, event, listId);
            if (view.status) {
                view.arrivals = checkin::arrivals(context.store, event, listId);
            }
            return view;
        },
        [this](ListView&& view) {
            m_editor->showStatus(view.status);
            m_chart->setArrivals(std::move(view.arrivals));
            m_arrivalsSummary->SetLabel(m_chart->summary());
            showArrivals(view.status.has_value());
        });
}

void CheckinListsPanel::showArrivals(bool shown) {
    if (m_chart->IsShown() != shown) {
        GetSizer()->Show(m_arrivalsBox, shown, true); // the box is nested: look for it recursively
        Layout();
    }
}

void CheckinListsPanel::startNew(const std::optional<model::CheckinList>& copyOf) {
    model::CheckinList list = copyOf.value_or(model::CheckinList{});
    list.id = 0;
    list.eventId = eventId();
    if (copyOf) {
        list.name = wxString::Format(_("%s (copy)"), fromUtf8(copyOf->name)).utf8_string();
    }
    m_status.cancel(); // the status of the list selected before must not arrive now
    showArrivals(false);
    for (long r = m_lists->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); r >= 0;
         r = m_lists->GetNextItem(r, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)) {
        m_lists->SetItemState(r, 0, wxLIST_STATE_SELECTED);
    }
    m_editor->edit(list);
    m_editor->showStatus(std::nullopt);
    m_editor->Show();
    m_duplicate->Disable();
    m_delete->Disable();
    Layout();
    m_editor->SetFocus();
}

void CheckinListsPanel::save() {
    model::CheckinList list = m_editor->list();
    list.eventId = eventId();
    session().run<model::Result<model::CheckinList>>(
        this, [list](desk::TaskContext& context) { return checkin::saveList(context.store, list); },
        [this](model::Result<model::CheckinList>&& saved) {
            if (!saved) {
                m_editor->showErrors(saved.error().fields,
                                     saved.error().fields.empty() ? fromUtf8(saved.error().message) : wxString());
                return;
            }
            // The commit published the change: the reload that follows selects the saved list.
            m_keepSelected = saved->id;
            m_editor->edit(saved.value());
            showStatusOf(saved->id);
        });
}

void CheckinListsPanel::removeSelected() {
    const auto* list = selectedList();
    if (list == nullptr) {
        return;
    }
    const wxString question = wxString::Format(
        _("Delete the check-in list \"%s\" and the %lld check-ins made on it? This cannot be undone."),
        fromUtf8(list->name), static_cast<long long>(list->checkinCount));
    if (!confirm(question, _("Delete"), this)) {
        return;
    }
    session().run<model::Result<bool>>(
        this,
        [event = eventId(), id = list->id](desk::TaskContext& context) {
            return checkin::deleteList(context.store, event, id);
        },
        [this](model::Result<bool>&& removed) {
            if (!removed) {
                showError(fromUtf8(removed.error().message), this);
                return;
            }
            m_editor->Hide();
            showArrivals(false);
            Layout();
        });
}

void CheckinListsPanel::exportSelected() {
    const auto* list = selectedList();
    if (list == nullptr || !askExportPath) {
        return;
    }
    const wxString path = askExportPath(suggestedFileName(fromUtf8(list->name), wxS("checkin-list"), wxS("-checkins.csv")));
    if (path.empty()) {
        return;
    }
    m_export->Disable();
    m_exportedList = list->id;
    m_exportResult->SetLabel(_("Saving the check-ins..."));
    auto failed = [this, path](const wxString& reason) {
        m_export->Enable(selectedList() != nullptr);
        const wxString message = wxString::Format(_("The check-ins were not saved to %s: %s"), path, reason);
        m_exportResult->SetLabel(message);
        Layout();
        showError(message, this);
    };
    m_exporting = session().run<model::Result<std::int64_t>>(
        this,
        [event = eventId(), id = list->id, file = toPath(path), language = uiLanguage()](desk::TaskContext& context) {
            return checkin::exportCheckinsCsvFile(context.store, event, id, file, language);
        },
        [this, path, failed](model::Result<std::int64_t>&& written) {
            if (!written) {
                failed(written.error().code == model::ErrorCode::NotFound
                           ? _("the check-in list no longer exists.")
                           : fromUtf8(written.error().message));
                return;
            }
            m_export->Enable(selectedList() != nullptr);
            const auto count = static_cast<long long>(written.value());
            m_exportResult->SetLabel(wxString::Format(
                wxPLURAL("Saved %lld check-in to %s.", "Saved %lld check-ins to %s.", static_cast<unsigned>(count)),
                count, path));
            Layout();
        },
        failed);
}

} // namespace boxoffice::gui
