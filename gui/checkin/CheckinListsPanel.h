// The Check-in lists tab: a read-only list of the open event's check-in lists (which tickets a
// gate admits) with how many positions each covers and how many have been checked in.
// With no lists it says where lists come from. Created and owned by the main frame's notebook;
// UI thread only.
#pragma once

#include "boxoffice/gui/StorePanel.h"

class wxListCtrl;

namespace boxoffice::gui {

class EmptyState;

class CheckinListsPanel : public StorePanel {
public:
    CheckinListsPanel(wxWindow* parent, Session& session);

private:
    void doReload() override;

    EmptyState* m_empty = nullptr;
    wxListCtrl* m_lists = nullptr;
};

} // namespace boxoffice::gui
