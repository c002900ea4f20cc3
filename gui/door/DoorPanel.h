// The Door tab: admits people. One large input takes what a keyboard-wedge barcode scanner types
// (the ticket's secret, then Enter) or a typed secret; the answer fills the panel: green with the
// attendee's name and product when admitted, amber when the ticket needs attention or questions
// must be answered first, red with the reason (unknown, unpaid, canceled, already checked in, and
// when) otherwise. Entry or exit, on the chosen check-in list. Each scan goes through the same
// redeem service as the scanners' API (checkin::redeem) on a worker, so it is refused with the
// same reasons and admitted exactly once. F11 (or View > Door mode) shows it full screen.
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Item.h"

#include <map>
#include <vector>

class wxChoice;
class wxRadioBox;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

class DoorPanel : public StorePanel {
public:
    DoorPanel(wxWindow* parent, Session& session);

    // Puts the cursor in the scan field, ready for the next ticket.
    void focusScan();

private:
    struct Loaded {
        std::vector<model::CheckinList> lists;
        std::map<model::Id, model::Item> items;
    };
    void doReload() override;
    void scan();
    void showResult(const checkin::RedeemResult& result);
    void showVerdict(const wxColour& colour, const wxString& headline, const wxString& details);

    wxChoice* m_list = nullptr;
    wxRadioBox* m_direction = nullptr;
    wxTextCtrl* m_code = nullptr;
    wxPanel* m_verdict = nullptr;
    wxStaticText* m_headline = nullptr;
    wxStaticText* m_details = nullptr;
    std::vector<model::CheckinList> m_lists;
    std::map<model::Id, model::Item> m_items;
    desk::TaskHandle m_load;
};

} // namespace boxoffice::gui
