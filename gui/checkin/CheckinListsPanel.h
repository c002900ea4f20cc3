// The Check-in lists tab: the open event's check-in lists (which tickets a gate admits) with how
// many positions each covers and how many were checked in, and beside them an editor to create,
// change, duplicate and delete lists. Every write goes through the check-in list service
// (checkin/ListEditing.h) on a worker, validated by the same rules as the API; reads run on
// workers too. With no lists it says where lists come from and how to make one.
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/checkin/Lists.h"
#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"

#include <optional>
#include <vector>

class wxButton;
class wxListCtrl;

namespace boxoffice::gui {

class CheckinListEditor;
class EmptyState;

class CheckinListsPanel : public StorePanel {
public:
    CheckinListsPanel(wxWindow* parent, Session& session);

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
    const model::CheckinList* selectedList() const;

    EmptyState* m_empty = nullptr;
    wxListCtrl* m_lists = nullptr;
    wxButton* m_new = nullptr;
    wxButton* m_duplicate = nullptr;
    wxButton* m_delete = nullptr;
    CheckinListEditor* m_editor = nullptr;
    std::vector<model::CheckinList> m_shown;
    model::Id m_keepSelected = 0;  // the list to select after the next reload
    desk::TaskHandle m_load;
    desk::TaskHandle m_status;
};

} // namespace boxoffice::gui
