// The Check-in lists tab: the open event's check-in lists (which tickets a gate admits) with how
// many positions each covers and how many were checked in, and beside them an editor to create,
// change, duplicate and delete lists. Every write goes through the check-in list service
// (checkin/ListEditing.h) on a worker, validated by the same rules as the API; reads run on
// workers too. With no lists it says where lists come from and how to make one.
// Below the lists, for the selected list: its arrivals per quarter hour (ArrivalsChart, with a
// summary in words), re-read with the live counts after every change, and "Export check-ins...",
// which writes the list's check-ins as CSV (checkin/CheckinExport.h) on a worker.
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/checkin/Lists.h"
#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"

#include <functional>
#include <optional>
#include <vector>

class wxButton;
class wxListCtrl;
class wxSizer;
class wxStaticText;

namespace boxoffice::gui {

class ArrivalsChart;
class CheckinListEditor;
class EmptyState;

class CheckinListsPanel : public StorePanel {
public:
    CheckinListsPanel(wxWindow* parent, Session& session);

    // Asks where to save the export, offering `suggestedName`; an empty answer cancels. By
    // default a save dialog that asks before overwriting; tests answer with a path instead.
    std::function<wxString(const wxString& suggestedName)> askExportPath;

private:
    struct Loaded {
        std::vector<model::CheckinList> lists;
        std::vector<model::Item> items;
        std::vector<model::SubEvent> dates;
    };
    void doReload() override;
    void showLoaded(Loaded&& loaded);
    void editSelected();
    void showStatusOf(model::Id listId);
    void startNew(const std::optional<model::CheckinList>& copyOf);
    void save();
    void removeSelected();
    void exportSelected();
    void showArrivals(bool shown);
    const model::CheckinList* selectedList() const;

    EmptyState* m_empty = nullptr;
    wxListCtrl* m_lists = nullptr;
    wxButton* m_new = nullptr;
    wxButton* m_duplicate = nullptr;
    wxButton* m_delete = nullptr;
    CheckinListEditor* m_editor = nullptr;
    wxSizer* m_arrivalsBox = nullptr;  // the selected list's arrivals and export
    wxStaticText* m_arrivalsSummary = nullptr;
    ArrivalsChart* m_chart = nullptr;
    wxButton* m_export = nullptr;
    wxStaticText* m_exportResult = nullptr;
    model::Id m_exportedList = 0;  // the list m_exportResult speaks of
    std::vector<model::CheckinList> m_shown;
    model::Id m_keepSelected = 0;  // the list to select after the next reload
    desk::TaskHandle m_load;
    desk::TaskHandle m_status;
    desk::TaskHandle m_exporting;
};

} // namespace boxoffice::gui
