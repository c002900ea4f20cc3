#include "orders/PositionActions.h"

#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/PrintRequest.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/TicketLoader.h"
#include "checkin/QuestionDialog.h"
#include "checkin/RedeemText.h"

#include <algorithm>
#include <vector>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/sizer.h>
#include <wx/filedlg.h>
#include <wx/stattext.h>
#include <wx/utils.h>
#include <wx/weakref.h>

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
    m_savePdf = new wxButton(this, wxID_ANY, _("&Save ticket as PDF..."), wxDefaultPosition, wxDefaultSize, 0,
                             wxDefaultValidator, wxS("orders.saveTicket"));
    m_print = new wxButton(this, wxID_ANY, _("&Print ticket..."), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, wxS("orders.printTicket"));
    m_print->SetToolTip(_("Shows the ticket in the Print tab, to print it on a printer of the system"));
    m_openRemote = new wxButton(this, wxID_ANY, _("Open in pretix"), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, wxS("orders.openRemote"));
    m_result = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                wxS("orders.actionResult"));
    askPdfPath = [this](const wxString& suggested) {
        wxFileDialog dialog(this, _("Save the ticket as PDF"), wxString(), suggested, _("PDF files (*.pdf)|*.pdf"),
                            wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    openUrl = [](const wxString& url) { wxLaunchDefaultBrowser(url); };

    // The list, then the buttons in three rows, then what
    // the last action did.
    auto* listRow = new wxBoxSizer(wxHORIZONTAL);
    listRow->Add(new wxStaticText(this, wxID_ANY, _("On &list:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    listRow->Add(m_list, 1, wxALIGN_CENTER_VERTICAL);
    // In rows of their own (a wrapping sizer asks for the height of one button per line and
    // squeezes the order's details above it).
    auto* buttons = new wxBoxSizer(wxVERTICAL);
    for (const auto& row : {std::vector<wxButton*>{m_checkIn, m_checkOut, m_annul},
                            std::vector<wxButton*>{m_copy, m_openRemote},
                            std::vector<wxButton*>{m_savePdf, m_print}}) {
        auto* line = new wxBoxSizer(wxHORIZONTAL);
        for (auto* button : row) {
            line->Add(button, 0, wxRIGHT | wxTOP, 4);
        }
        buttons->Add(line);
    }
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(listRow, 0, wxEXPAND);
    column->Add(buttons, 0, wxEXPAND | wxTOP, 4);
    column->Add(m_result, 0, wxEXPAND | wxTOP, 4);
    SetSizer(column);

    m_checkIn->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { redeem(model::CheckinType::Entry); });
    m_checkOut->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { redeem(model::CheckinType::Exit); });
    m_annul->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { annul(); });
    m_savePdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const auto position = m_selected();
        if (!position || !askPdfPath) {
            return;
        }
        const wxString path = askPdfPath(wxString::Format(wxS("%s-%d.pdf"), fromUtf8(position->orderCode),
                                                          position->positionid));
        if (path.empty()) {
            return;
        }
        renderTicket(std::filesystem::path(path.fn_str().data()),
                     [this](const wxString& file) { say(wxString::Format(_("Ticket saved to %s."), file)); });
    });
    m_print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const auto position = m_selected();
        if (!position) {
            return;
        }
        // The Print tab prints it: the main frame shows the tab with this ticket chosen.
        PrintRequestEvent request(EVT_PRINT_REQUEST, {position->id},
                                  wxString::Format(_("ticket %s-%d"), fromUtf8(position->orderCode), position->positionid));
        request.SetEventObject(this);
        ProcessWindowEvent(request);
    });
    m_openRemote->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const auto position = m_selected();
        if (position && !m_remoteEventUrl.empty() && openUrl) {
            openUrl(fromUtf8(m_remoteEventUrl + "orders/" + position->orderCode + "/"));
        }
    });
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
    m_savePdf->Enable(position);
    m_print->Enable(position);
    m_openRemote->Enable(position && !m_remoteEventUrl.empty());
    m_openRemote->Show(!m_remoteEventUrl.empty());
}

void PositionActions::setRemoteEventUrl(std::string url) {
    m_remoteEventUrl = std::move(url);
    update();
    Layout();
}

void PositionActions::renderTicket(const std::filesystem::path& file, std::function<void(const wxString&)> done) {
    const auto position = m_selected();
    if (!position) {
        return;
    }
    say(_("Rendering the ticket..."));
    m_session.run<model::Result<render::RenderSummary>>(
        this,
        [event = m_eventId, positionId = position->id, file](desk::TaskContext& context)
            -> model::Result<render::RenderSummary> {
            render::TicketLoader loader(context.store);
            auto jobs = loader.jobs(event, {positionId});
            if (!jobs) {
                return jobs.error();
            }
            return render::renderTickets(jobs.value(), file, {}, context.stop);
        },
        [this, file, done](model::Result<render::RenderSummary>&& rendered) {
            if (!rendered) {
                say(wxString::Format(_("The ticket could not be rendered: %s"), fromUtf8(rendered.error().message)));
                return;
            }
            done(wxString(file.wstring()));
        });
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
