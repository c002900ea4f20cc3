#include "door/DoorPanel.h"

#include "boxoffice/gui/Format.h"
#include "checkin/RedeemText.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

#include <algorithm>
#include <wx/choice.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

const wxColour kAdmitted(0x1B, 0x7F, 0x3B);
const wxColour kAttention(0xB2, 0x6B, 0x00);
const wxColour kRefused(0xB0, 0x1C, 0x2E);

} // namespace

DoorPanel::DoorPanel(wxWindow* parent, Session& session)
    : StorePanel(parent, session, wxS("door"), {model::Change::Kind::Event, model::Change::Kind::CheckinLists}) {
    m_list = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                          wxS("door.list"));
    const wxString directions[] = {_("Entry"), _("Exit")};
    m_direction = new wxRadioBox(this, wxID_ANY, _("Scan for"), wxDefaultPosition, wxDefaultSize, 2, directions, 2,
                                 wxRA_SPECIFY_COLS, wxDefaultValidator, wxS("door.direction"));
    m_code = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                            wxDefaultValidator, wxS("door.code"));
    m_code->SetHint(_("Scan a ticket or type its code, then Enter"));
    wxFont big = m_code->GetFont();
    big.SetPointSize(big.GetPointSize() * 2);
    m_code->SetFont(big);

    m_verdict = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("door.verdict"));
    m_headline = new wxStaticText(m_verdict, wxID_ANY, _("Ready"), wxDefaultPosition, wxDefaultSize,
                                  wxALIGN_CENTRE_HORIZONTAL, wxS("door.headline"));
    wxFont huge = m_headline->GetFont();
    huge.SetPointSize(huge.GetPointSize() * 3);
    huge.SetWeight(wxFONTWEIGHT_BOLD);
    m_headline->SetFont(huge);
    m_details = new wxStaticText(m_verdict, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                 wxALIGN_CENTRE_HORIZONTAL, wxS("door.details"));
    wxFont large = m_details->GetFont();
    large.SetPointSize(large.GetPointSize() * 2);
    m_details->SetFont(large);
    auto* verdictColumn = new wxBoxSizer(wxVERTICAL);
    verdictColumn->AddStretchSpacer();
    verdictColumn->Add(m_headline, 0, wxEXPAND | wxALL, 16);
    verdictColumn->Add(m_details, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 16);
    verdictColumn->AddStretchSpacer();
    m_verdict->SetSizer(verdictColumn);

    auto* controls = new wxBoxSizer(wxHORIZONTAL);
    controls->Add(new wxStaticText(this, wxID_ANY, _("Check-in &list:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    controls->Add(m_list, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 16);
    controls->Add(m_direction, 0, wxALIGN_CENTER_VERTICAL);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(controls, 0, wxEXPAND | wxALL, 8);
    column->Add(m_code, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    column->Add(m_verdict, 1, wxEXPAND | wxALL, 8);
    SetSizer(column);

    m_code->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { scan(); });
}

void DoorPanel::focusScan() {
    m_code->SetFocus();
    m_code->SelectAll();
}

void DoorPanel::doReload() {
    m_load.cancel();
    m_load = session().run<Loaded>(
        this,
        [event = eventId()](desk::TaskContext& context) {
            Loaded loaded;
            if (event != 0) {
                loaded.lists = model::CheckinRepository(context.store).listInfos(event);
                for (auto& item : model::EventRepository(context.store).items(event)) {
                    const model::Id id = item.id;
                    loaded.items.emplace(id, std::move(item));
                }
            }
            return loaded;
        },
        [this](Loaded&& loaded) {
            const int selected = m_list->GetSelection();
            const model::Id keep = selected >= 0 && static_cast<std::size_t>(selected) < m_lists.size()
                                       ? m_lists[static_cast<std::size_t>(selected)].id
                                       : 0;
            m_lists = std::move(loaded.lists);
            m_items = std::move(loaded.items);
            m_list->Clear();
            int select = m_lists.empty() ? wxNOT_FOUND : 0;
            for (std::size_t i = 0; i < m_lists.size(); ++i) {
                m_list->Append(fromUtf8(m_lists[i].name));
                if (m_lists[i].id == keep) {
                    select = static_cast<int>(i);
                }
            }
            m_list->SetSelection(select);
            m_code->Enable(!m_lists.empty());
            if (m_lists.empty()) {
                showVerdict(GetBackgroundColour(), _("No check-in list"),
                            _("Make a check-in list in the Check-in lists tab first."));
            }
        });
}

void DoorPanel::scan() {
    const wxString code = m_code->GetValue().Strip(wxString::both);
    const int selected = m_list->GetSelection();
    if (code.empty() || selected < 0 || static_cast<std::size_t>(selected) >= m_lists.size()) {
        return;
    }
    checkin::RedeemRequest request;
    request.code = code.utf8_string();
    request.listId = m_lists[static_cast<std::size_t>(selected)].id;
    request.type = m_direction->GetSelection() == 1 ? model::CheckinType::Exit : model::CheckinType::Entry;
    request.device = "desk";
    m_code->Clear();
    showVerdict(GetBackgroundColour(), _("Checking..."), code);
    session().run<model::Result<checkin::RedeemResult>>(
        this, [event = eventId(), request](desk::TaskContext& context) {
            return checkin::redeem(context.store, event, request);
        },
        [this](model::Result<checkin::RedeemResult>&& result) {
            if (!result) {
                showVerdict(kRefused, _("Not checked"), fromUtf8(result.error().message));
            } else {
                showResult(result.value());
            }
            focusScan();
        });
}

void DoorPanel::showResult(const checkin::RedeemResult& result) {
    wxString who;
    wxString product;
    if (result.ticket) {
        who = fromUtf8(result.ticket->smartAttendeeName().value_or(std::string()));
        const auto item = m_items.find(result.ticket->position.itemId);
        if (item != m_items.end()) {
            product = localized(item->second.name);
            const auto& variations = item->second.variations;
            const auto variation = std::find_if(variations.begin(), variations.end(), [&](const model::Variation& v) {
                return result.ticket->position.variationId && v.id == *result.ticket->position.variationId;
            });
            if (variation != variations.end()) {
                product += wxS(" \u2013 ") + localized(variation->value);
            }
        }
    }
    const wxString ticket = who.empty() ? product : (product.empty() ? who : who + wxS("\n") + product);
    switch (result.status) {
    case checkin::Status::Ok: {
        const bool exit = result.checkin && result.checkin->type == model::CheckinType::Exit;
        if (result.ticket && result.ticket->requireAttention()) {
            showVerdict(kAttention, _("Attention"), ticket);
        } else {
            showVerdict(kAdmitted, exit ? _("Goodbye") : _("Welcome"), ticket);
        }
        return;
    }
    case checkin::Status::Incomplete:
        showVerdict(kAttention, _("Questions to answer"),
                    ticket + wxS("\n") + _("Answer this ticket's questions at the desk (Orders tab)."));
        return;
    case checkin::Status::Error:
        break;
    }
    wxString details = ticket;
    if (result.reason == checkin::Reason::AlreadyRedeemed && !result.checkins.empty()) {
        const auto latest = std::max_element(result.checkins.begin(), result.checkins.end(),
                                             [](const auto& a, const auto& b) { return a.datetime < b.datetime; });
        details += (details.empty() ? wxString() : wxString(wxS("\n"))) +
                   wxString::Format(_("at %s (%s)"), localDateTime(latest->datetime), fromUtf8(latest->device));
    }
    showVerdict(kRefused, refusalText(result.reason), details);
}

void DoorPanel::showVerdict(const wxColour& colour, const wxString& headline, const wxString& details) {
    m_verdict->SetBackgroundColour(colour);
    const bool coloured = colour != GetBackgroundColour();
    const wxColour text = coloured ? *wxWHITE : GetForegroundColour();
    m_headline->SetForegroundColour(text);
    m_details->SetForegroundColour(text);
    m_headline->SetLabel(headline);
    m_details->SetLabel(details);
    m_verdict->Layout();
    m_verdict->Refresh();
}

} // namespace boxoffice::gui
