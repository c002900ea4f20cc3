// The Check-in lists tab: a read-only list of the open event's check-in lists (which tickets a
// gate admits) with how many positions each covers and how many have been checked in.
// With no lists it says where lists come from. The lists and their counts are read on a worker.
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Checkin.h"

#include <vector>

class wxListCtrl;

namespace boxoffice::gui {

class EmptyState;

class CheckinListsPanel : public StorePanel {
public:
    CheckinListsPanel(wxWindow* parent, Session& session);

private:
    void doReload() override;
    void showLists(const std::vector<model::CheckinList>& lists);

    EmptyState* m_empty = nullptr;
    wxListCtrl* m_lists = nullptr;
    desk::TaskHandle m_load;
};

} // namespace boxoffice::gui
