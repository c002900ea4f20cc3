// The actions on the position selected in the Orders tab: check in or check out on a chosen
// check-in list, take back (annul) its latest check-in made here, copy its secret. Every action
// goes through the same services as the scanners' API (checkin::redeem as device "desk",
// checkin::annulCheckin) on a worker and is refused with the same reasons, shown beside the
// buttons. When the list's check-in questions are unanswered, the QuestionDialog asks them and
// the redeem runs again with the answers, which redeem stores. The ticket can also be saved as
// PDF (rendered on a worker) or sent to the Print tab (a PrintRequestEvent up to the main frame),
// and the order opened on the pretix server the event syncs with. Owned by the OrdersPanel; UI thread only.
#pragma once

#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/gui/Session.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Order.h"

#include <filesystem>
#include <functional>
#include <string>
#include <optional>
#include <vector>
#include <wx/panel.h>

class wxButton;
class wxChoice;
class wxStaticText;

namespace boxoffice::gui {

class PositionActions : public wxPanel {
public:
    // `selected` tells which position the actions are for (nullopt: none selected).
    PositionActions(wxWindow* parent, Session& session,
                    std::function<std::optional<model::OrderPosition>()> selected);

    // The event's lists to choose from (keeps the chosen one when it is still there).
    void setLists(model::Id eventId, std::vector<model::CheckinList> lists);
    // Enables the buttons for the selected position (the last result stays shown).
    void update();
    // The pretix server the event syncs with ("https://pretix.example/control/event/org/ev/"),
    // empty when it has none: "Open in pretix" opens the order there.
    void setRemoteEventUrl(std::string url);

    // Seams for tests; by default a save dialog and the system's browser and PDF viewer.
    std::function<wxString(const wxString& suggested)> askPdfPath;
    std::function<void(const wxString& url)> openUrl;

private:
    void redeem(model::CheckinType type);
    // Runs the redeem on a worker and says how it went; asks the questions when it needs answers.
    void submit(checkin::RedeemRequest request);
    void annul();
    // Renders the selected ticket to `file` on a worker; then `done` with the file.
    void renderTicket(const std::filesystem::path& file, std::function<void(const wxString&)> done);
    std::optional<model::Id> chosenList() const;
    void say(const wxString& text);

    Session& m_session;
    std::function<std::optional<model::OrderPosition>()> m_selected;
    model::Id m_eventId = 0;
    std::vector<model::CheckinList> m_lists;
    wxChoice* m_list = nullptr;
    wxButton* m_checkIn = nullptr;
    wxButton* m_checkOut = nullptr;
    wxButton* m_annul = nullptr;
    wxButton* m_copy = nullptr;
    wxButton* m_savePdf = nullptr;
    wxButton* m_print = nullptr;
    wxButton* m_openRemote = nullptr;
    std::string m_remoteEventUrl;
    wxStaticText* m_result = nullptr;
};

} // namespace boxoffice::gui
