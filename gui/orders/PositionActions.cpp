#include "orders/PositionActions.h"

#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/model/CheckinRepository.h"
#include "checkin/QuestionDialog.h"
#include "checkin/RedeemText.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/weakref.h>
#include <wx/wrapsizer.h>

namespace boxoffice::gui {

PositionActions::PositionActions(wxWindow* parent, Session& session,
                                 std::function<std::optional<model::OrderPosition>()> selected)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("orders.actions")),
      m_session(session), m_selected(std::move(selected)) {
    m_list = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                          wxS("orders.checkinList"));
    m_checkIn = new wxButton(this, wxID_ANY, _("Check &in"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                             wxS("orders.checkIn"));
    m_checkOut = new wxButton(this, wxID_ANY, _("Check &out"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("orders.checkOut"));
    m_annul = new wxButton(this, wxID_ANY, _("&Take back check-in"), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, wxS("orders.annul"));
    m_copy = new wxButton(this, wxID_ANY, _("&Copy secret"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          wxS("orders.copySecret"));
    m_result = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                wxS("orders.actionResult"));

    // The list, then the buttons (flowing onto more lines where the panel is narrow), then what
    // the last action did.
    auto* listRow = new wxBoxSizer(wxHORIZONTAL);
    listRow->Add(new wxStaticText(this, wxID_ANY, _("On &list:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    listRow->Add(m_list, 1, wxALIGN_CENTER_VERTICAL);
    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    for (auto* button : {m_checkIn, m_checkOut, m_annul, m_copy}) {
        buttons->Add(button, 0, wxRIGHT | wxTOP, 4);
    }
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(listRow, 0, wxEXPAND);
    column->Add(buttons, 0, wxEXPAND | wxTOP, 4);
    column->Add(m_result, 0, wxEXPAND | wxTOP, 4);
    SetSizer(column);

    m_checkIn->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { redeem(model::CheckinType::Entry); });
    m_checkOut->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { redeem(model::CheckinType::Exit); });
    m_annul->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { annul(); });
    m_copy->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const auto position = m_selected();
        if (position && wxTheClipboard->Open()) {
            wxTheClipboard->SetData(new wxTextDataObject(fromUtf8(position->secret)));
            wxTheClipboard->Close();
            say(_("Secret copied."));
        }
    });
    update();
}

void PositionActions::setLists(model::Id eventId, std::vector<model::CheckinList> lists) {
    const auto chosen = chosenList();
    m_eventId = eventId;
    m_lists = std::move(lists);
    m_list->Clear();
    int select = m_lists.empty() ? wxNOT_FOUND : 0;
    for (std::size_t i = 0; i < m_lists.size(); ++i) {
        m_list->Append(fromUtf8(m_lists[i].name));
        if (chosen && m_lists[i].id == *chosen) {
            select = static_cast<int>(i);
        }
    }
    m_list->SetSelection(select);
    update();
}

std::optional<model::Id> PositionActions::chosenList() const {
    const int selected = m_list->GetSelection();
    if (selected < 0 || static_cast<std::size_t>(selected) >= m_lists.size()) {
        return std::nullopt;
    }
    return m_lists[static_cast<std::size_t>(selected)].id;
}

void PositionActions::update() {
    const bool position = m_selected().has_value();
    const bool list = chosenList().has_value();
    m_checkIn->Enable(position && list);
    m_checkOut->Enable(position && list);
    m_annul->Enable(position && list);
    m_copy->Enable(position);
}

void PositionActions::say(const wxString& text) {
    m_result->SetLabel(text);
    Layout();
}

void PositionActions::redeem(model::CheckinType type) {
    const auto position = m_selected();
    const auto list = chosenList();
    if (!position || !list) {
        return;
    }
    checkin::RedeemRequest request;
    request.code = position->secret;
    request.listId = *list;
    request.type = type;
    request.device = "desk";
    submit(std::move(request));
}

void PositionActions::submit(checkin::RedeemRequest request) {
    m_session.runUrgent<model::Result<checkin::RedeemResult>>(
        this, [event = m_eventId, request](desk::TaskContext& context) {
            return checkin::redeem(context.store, event, request);
        },
        [this, request](model::Result<checkin::RedeemResult>&& result) {
            if (!result) {
                say(fromUtf8(result.error().message));
            } else if (result->status == checkin::Status::Ok) {
                say(request.type == model::CheckinType::Exit ? _("Checked out.") : _("Checked in."));
            } else if (result->status == checkin::Status::Incomplete) {
                say(_("This ticket's check-in questions must be answered first."));
                std::string who;
                if (result->ticket) {
                    who = result->ticket->smartAttendeeName().value_or(std::string());
                }
                // Parented to the frame, so that nothing here is touched if this panel goes meanwhile.
                wxWeakRef<wxWindow> alive(this);
                QuestionDialog dialog(wxGetTopLevelParent(this), fromUtf8(who), std::move(result->questions));
                const int ended = dialog.ShowModal();
                if (!alive) {
                    return;
                }
                if (ended != wxID_OK) {
                    say(_("Not checked in: the check-in questions were not answered."));
                    return;
                }
                auto answered = request;
                answered.answers = dialog.answers();
                submit(std::move(answered));
            } else {
                say(wxString::Format(_("Refused: %s."), refusalText(result->reason)));
            }
        });
}

void PositionActions::annul() {
    const auto position = m_selected();
    const auto list = chosenList();
    if (!position || !list) {
        return;
    }
    m_session.runUrgent<model::Result<bool>>(
        this,
        [event = m_eventId, positionId = position->id, listId = *list](desk::TaskContext& context) -> model::Result<bool> {
            const auto checkins = model::CheckinRepository(context.store).forPosition(positionId, listId);
            if (checkins.empty()) {
                return false;
            }
            const auto latest = std::max_element(checkins.begin(), checkins.end(),
                                                 [](const auto& a, const auto& b) { return a.datetime < b.datetime; });
            return checkin::annulCheckin(context.store, event, latest->id);
        },
        [this](model::Result<bool>&& annulled) {
            if (!annulled) {
                say(fromUtf8(annulled.error().message));
            } else {
                say(annulled.value() ? _("Check-in taken back.") : _("This ticket has no check-in on this list."));
            }
        });
}

} // namespace boxoffice::gui
