// The Door tab: admits people. One large input takes what a keyboard-wedge barcode scanner types
// (the ticket's secret, then Enter), a typed secret or an attendee's name; the answer fills the
// panel: green with the attendee's name and product when admitted, amber when the ticket needs
// attention or questions must be answered first, red with the reason (unknown, unpaid, canceled,
// already checked in, and when) otherwise. Entry or exit, on the chosen check-in list. Each scan
// goes through the same redeem service as the scanners' API (checkin::redeem) on a worker, so it
// is refused with the same reasons and admitted exactly once.
// Text that is no ticket's secret is searched for among the list's attendees (names, order codes;
// on a worker): the matches show in a pick list under the input, where the arrow keys choose,
// Enter redeems the chosen ticket and Esc cancels; typing or scanning on replaces it. When the
// list's check-in questions must be answered, the large QuestionDialog asks them right away and
// the ticket is redeemed again with the answers. Focus goes back to the input after every answer.
// F11 (or View > Door mode) shows it full screen.
// Created and owned by the main frame's notebook; UI thread only.
#pragma once

#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/gui/StorePanel.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/PositionQuery.h"

#include <map>
#include <optional>
#include <vector>

class wxChoice;
class wxListBox;
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
    // What Enter in the input found: the attendees whose names match (nothing else was looked
    // at), or else the redeem of the text as a secret.
    struct Lookup {
        std::vector<model::PositionRow> matches;
        std::optional<model::Result<checkin::RedeemResult>> redeemed;
    };
    void doReload() override;
    void scan();
    // A request for `code` on the chosen list and direction; nullopt without a list.
    std::optional<checkin::RedeemRequest> requestFor(const wxString& code) const;
    void submit(checkin::RedeemRequest request);
    void answer(model::Result<checkin::RedeemResult>&& result, checkin::RedeemRequest request);
    void askQuestions(const checkin::RedeemResult& result, checkin::RedeemRequest request);
    void showMatches(const wxString& query, std::vector<model::PositionRow> matches);
    void moveMatch(int by);
    void pickMatch();
    void hideMatches();
    // "Mara Lind\nDay ticket": the attendee and the product, as far as known.
    wxString ticketText(const model::PositionRow& ticket) const;
    void showResult(const checkin::RedeemResult& result);
    void showVerdict(const wxColour& colour, const wxString& headline, const wxString& details);

    wxChoice* m_list = nullptr;
    wxRadioBox* m_direction = nullptr;
    wxTextCtrl* m_code = nullptr;
    wxPanel* m_pick = nullptr;  // the pick list with its caption, shown while there are matches
    wxListBox* m_matches = nullptr;
    std::vector<model::PositionRow> m_matchRows;
    wxString m_pickQuery;  // the text the matches are for: Enter on it picks
    model::Id m_matchesEvent = 0;
    wxPanel* m_verdict = nullptr;
    wxStaticText* m_headline = nullptr;
    wxStaticText* m_details = nullptr;
    wxListBox* m_recent = nullptr;  // the last scans, newest first
    // Notes a verdict in the strip of recent scans and sounds it (admitted or refused).
    void recordScan(const wxColour& colour, const wxString& headline, const wxString& ticket);
    std::vector<model::CheckinList> m_lists;
    std::map<model::Id, model::Item> m_items;
    desk::TaskHandle m_load;
};

} // namespace boxoffice::gui
