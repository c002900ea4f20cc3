#include "door/DoorPanel.h"

#include "boxoffice/gui/Format.h"
#include "checkin/QuestionDialog.h"
#include "checkin/RedeemText.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/sound.h>
#include <wx/utils.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/weakref.h>

namespace boxoffice::gui {

namespace {

const wxColour kAdmitted(0x1B, 0x7F, 0x3B);
const wxColour kAttention(0xB2, 0x6B, 0x00);
const wxColour kRefused(0xB0, 0x1C, 0x2E);

// Shorter text is taken for a secret only: three letters already narrow the attendees down, as in
// pretixSCAN's search.
constexpr std::size_t kMinNameSearch = 3;
// A pick list longer than this asks for more of the name instead.
constexpr std::int64_t kMaxMatches = 25;

bool isEnter(int key) { return key == WXK_RETURN || key == WXK_NUMPAD_ENTER; }

// The scans the strip keeps.
constexpr unsigned kRecentScans = 10;

#if wxUSE_SOUND
// A short sound as a 16-bit mono WAV file in memory: `beeps` tones of `hertz`, each `ms` long
// with as much silence after it. Made here so that nothing has to be installed beside the app.
std::vector<unsigned char> tone(double hertz, int ms, int beeps) {
    constexpr int kRate = 22050;
    const int toneSamples = kRate * ms / 1000;
    std::vector<std::int16_t> samples;
    for (int b = 0; b < beeps; ++b) {
        for (int i = 0; i < toneSamples; ++i) {
            // Faded in and out over 5 ms, so that the speaker does not click.
            const double fade = std::min({1.0, i / (kRate * 0.005), (toneSamples - i) / (kRate * 0.005)});
            samples.push_back(static_cast<std::int16_t>(9000.0 * fade * std::sin(2.0 * M_PI * hertz * i / kRate)));
        }
        samples.insert(samples.end(), static_cast<std::size_t>(toneSamples), 0);
    }
    const auto dataBytes = static_cast<std::uint32_t>(samples.size() * 2);
    std::vector<unsigned char> wav;
    const auto put = [&wav](std::uint32_t value, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            wav.push_back(static_cast<unsigned char>(value >> (8 * i)));
        }
    };
    const auto text = [&wav](const char* four) {
        for (int i = 0; i < 4; ++i) {
            wav.push_back(static_cast<unsigned char>(four[i]));
        }
    };
    text("RIFF");
    put(36 + dataBytes, 4);
    text("WAVE");
    text("fmt ");
    put(16, 4);
    put(1, 2);  // PCM
    put(1, 2);  // mono
    put(kRate, 4);
    put(kRate * 2, 4);
    put(2, 2);
    put(16, 2);
    text("data");
    put(dataBytes, 4);
    wav.reserve(wav.size() + dataBytes);
    for (const auto sample : samples) {
        put(static_cast<std::uint16_t>(sample), 2);
    }
    return wav;
}

// One high tone for admitted, two low ones for refused; silent where the system plays none.
void sound(bool admitted) {
    static const std::vector<unsigned char> high = tone(880.0, 120, 1);
    static const std::vector<unsigned char> low = tone(220.0, 150, 2);
    const auto& wav = admitted ? high : low;
    wxSound player;
    if (player.Create(wav.size(), wav.data()) && player.IsOk()) {
        player.Play(wxSOUND_ASYNC);
    } else if (!admitted) {
        wxBell();
    }
}
#else
void sound(bool admitted) {
    if (!admitted) {
        wxBell();
    }
}
#endif

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
    m_code->SetHint(_("Scan a ticket, or type its code or a name, then Enter"));
    wxFont big = m_code->GetFont();
    big.SetPointSize(big.GetPointSize() * 2);
    m_code->SetFont(big);

    m_pick = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("door.pick"));
    auto* pickCaption = new wxStaticText(
        m_pick, wxID_ANY, _("&Matching tickets (arrow keys choose, Enter checks in, Esc cancels):"));
    m_matches = new wxListBox(m_pick, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, wxLB_SINGLE,
                              wxDefaultValidator, wxS("door.matches"));
    m_matches->SetFont(big);
    auto* pickColumn = new wxBoxSizer(wxVERTICAL);
    pickColumn->Add(pickCaption, 0, wxBOTTOM, 4);
    pickColumn->Add(m_matches, 1, wxEXPAND);
    m_pick->SetSizer(pickColumn);
    m_pick->Hide();

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
    m_recent = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(150)), 0, nullptr, wxLB_SINGLE,
                             wxDefaultValidator, wxS("door.recent"));
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(controls, 0, wxEXPAND | wxALL, 8);
    column->Add(m_code, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    column->Add(m_pick, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    column->Add(m_verdict, 1, wxEXPAND | wxALL, 8);
    column->Add(new wxStaticText(this, wxID_ANY, _("Last scans:")), 0, wxLEFT | wxRIGHT, 8);
    column->Add(m_recent, 0, wxEXPAND | wxALL, 8);
    SetSizer(column);

    m_code->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { scan(); });
    // While the pick list shows, the input steers it: the cursor stays where the scanner types.
    m_code->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (!m_pick->IsShown()) {
            event.Skip();
        } else if (event.GetKeyCode() == WXK_DOWN) {
            moveMatch(1);
        } else if (event.GetKeyCode() == WXK_UP) {
            moveMatch(-1);
        } else if (event.GetKeyCode() == WXK_ESCAPE) {
            hideMatches();
            showVerdict(GetBackgroundColour(), _("Ready"), wxString());
        } else {
            event.Skip();
        }
    });
    // The same keys when the list itself has the focus (clicked, or reached with Tab).
    m_matches->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (isEnter(event.GetKeyCode())) {
            pickMatch();
        } else if (event.GetKeyCode() == WXK_ESCAPE) {
            hideMatches();
            showVerdict(GetBackgroundColour(), _("Ready"), wxString());
            focusScan();
        } else {
            event.Skip();
        }
    });
    // Typing (or a scan) there goes to the input instead, as a new search or scan.
    m_matches->Bind(wxEVT_CHAR, [this](wxKeyEvent& event) {
        const wxChar typed = event.GetUnicodeKey();
        if (typed == WXK_NONE || typed < 32) {
            event.Skip();
            return;
        }
        hideMatches();
        m_code->SetValue(wxString(typed));
        m_code->SetFocus();
        m_code->SetInsertionPointEnd();
    });
    m_matches->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { pickMatch(); });
}

void DoorPanel::focusScan() {
    m_code->SetFocus();
    m_code->SelectAll();
}

void DoorPanel::doReload() {
    // Matches stay through a reload (a check-in elsewhere causes one), not onto another event.
    if (m_matchesEvent != eventId()) {
        hideMatches();
    }
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
    if (m_pick->IsShown() && code == m_pickQuery) {
        pickMatch();
        return;
    }
    hideMatches();
    auto request = requestFor(code);
    if (code.empty() || !request) {
        return;
    }
    m_code->Clear();
    showVerdict(GetBackgroundColour(), _("Checking..."), code);
    session().runUrgent<Lookup>(
        this,
        [event = eventId(), request = *request](desk::TaskContext& context) {
            Lookup lookup;
            model::PositionQuery positions(context.store);
            if (request.code.size() >= kMinNameSearch && !positions.bySecret(event, request.code)) {
                model::PositionFilter filter;
                filter.search = request.code;
                filter.list = request.listId;
                filter.ignoreStatus = true; // an unpaid ticket is listed, and refused with its reason
                filter.ordering = "attendee_name,order__code,positionid";
                filter.limit = kMaxMatches;
                lookup.matches = positions.rows(event, filter);
                if (!lookup.matches.empty()) {
                    return lookup;
                }
            }
            lookup.redeemed = checkin::redeem(context.store, event, request);
            return lookup;
        },
        [this, code, request = *request](Lookup&& lookup) {
            if (lookup.redeemed) {
                answer(std::move(*lookup.redeemed), request);
            } else {
                showMatches(code, std::move(lookup.matches));
            }
        });
}

std::optional<checkin::RedeemRequest> DoorPanel::requestFor(const wxString& code) const {
    const int selected = m_list->GetSelection();
    if (selected < 0 || static_cast<std::size_t>(selected) >= m_lists.size()) {
        return std::nullopt;
    }
    checkin::RedeemRequest request;
    request.code = code.utf8_string();
    request.listId = m_lists[static_cast<std::size_t>(selected)].id;
    request.type = m_direction->GetSelection() == 1 ? model::CheckinType::Exit : model::CheckinType::Entry;
    request.device = "desk";
    return request;
}

void DoorPanel::submit(checkin::RedeemRequest request) {
    session().runUrgent<model::Result<checkin::RedeemResult>>(
        this, [event = eventId(), request](desk::TaskContext& context) {
            return checkin::redeem(context.store, event, request);
        },
        [this, request](model::Result<checkin::RedeemResult>&& result) {
            answer(std::move(result), request);
        });
}

void DoorPanel::answer(model::Result<checkin::RedeemResult>&& result, checkin::RedeemRequest request) {
    if (!result) {
        showVerdict(kRefused, _("Not checked"), fromUtf8(result.error().message));
        recordScan(kRefused, _("Not checked"), fromUtf8(request.code));
    } else if (result->status == checkin::Status::Incomplete) {
        askQuestions(result.value(), std::move(request));
        return;
    } else {
        showResult(result.value());
    }
    focusScan();
}

void DoorPanel::askQuestions(const checkin::RedeemResult& result, checkin::RedeemRequest request) {
    const wxString ticket = result.ticket ? ticketText(*result.ticket) : wxString();
    showVerdict(kAttention, _("Questions to answer"), ticket);
    // Parented to the frame, so that nothing here is touched if this panel goes meanwhile.
    wxWeakRef<wxWindow> alive(this);
    QuestionDialog dialog(wxGetTopLevelParent(this), ticket, result.questions, QuestionDialog::Variant::Door);
    const int ended = dialog.ShowModal();
    if (!alive) {
        return;
    }
    if (ended != wxID_OK) {
        showVerdict(kAttention, _("Not checked in"),
                    ticket + (ticket.empty() ? wxString() : wxString(wxS("\n"))) +
                        _("The check-in questions were not answered."));
        focusScan();
        return;
    }
    request.answers = dialog.answers();
    showVerdict(GetBackgroundColour(), _("Checking..."), ticket);
    submit(std::move(request));
}

void DoorPanel::showMatches(const wxString& query, std::vector<model::PositionRow> matches) {
    m_matchRows = std::move(matches);
    wxArrayString items;
    for (const auto& row : m_matchRows) {
        wxString line = ticketText(row);
        line.Replace(wxS("\n"), wxS(" \u2013 "));
        items.Add(line + wxS(" \u2013 ") + fromUtf8(row.position.orderCode));
    }
    m_matches->Set(items);
    m_matches->SetSelection(0);
    m_pickQuery = query;
    m_matchesEvent = eventId();
    m_pick->Show();
    Layout();
    showVerdict(GetBackgroundColour(), _("Choose the ticket"),
                wxString::Format(wxPLURAL("%u ticket matches \"%s\".", "%u tickets match \"%s\".",
                                          static_cast<unsigned>(m_matchRows.size())),
                                 static_cast<unsigned>(m_matchRows.size()), query));
    // The text stays, selected: Enter picks, typing or a scan replaces it.
    m_code->ChangeValue(query);
    focusScan();
}

void DoorPanel::moveMatch(int by) {
    const int count = static_cast<int>(m_matches->GetCount());
    if (count == 0) {
        return;
    }
    const int next = std::clamp(m_matches->GetSelection() + by, 0, count - 1);
    m_matches->SetSelection(next);
    m_matches->EnsureVisible(next);
}

void DoorPanel::pickMatch() {
    const int selected = m_matches->GetSelection();
    if (!m_pick->IsShown() || selected < 0 || static_cast<std::size_t>(selected) >= m_matchRows.size()) {
        return;
    }
    const auto& row = m_matchRows[static_cast<std::size_t>(selected)];
    auto request = requestFor(fromUtf8(row.position.secret));
    const wxString ticket = ticketText(row);
    hideMatches();
    m_code->Clear();
    focusScan();
    if (!request) {
        return;
    }
    showVerdict(GetBackgroundColour(), _("Checking..."), ticket);
    submit(std::move(*request));
}

void DoorPanel::hideMatches() {
    if (!m_pick->IsShown()) {
        return;
    }
    m_pick->Hide();
    m_matches->Clear();
    m_matchRows.clear();
    m_pickQuery.clear();
    Layout();
}

wxString DoorPanel::ticketText(const model::PositionRow& ticket) const {
    const wxString who = fromUtf8(ticket.smartAttendeeName().value_or(std::string()));
    wxString product;
    const auto item = m_items.find(ticket.position.itemId);
    if (item != m_items.end()) {
        product = localized(item->second.name);
        const auto& variations = item->second.variations;
        const auto variation = std::find_if(variations.begin(), variations.end(), [&](const model::Variation& v) {
            return ticket.position.variationId && v.id == *ticket.position.variationId;
        });
        if (variation != variations.end()) {
            product += wxS(" \u2013 ") + localized(variation->value);
        }
    }
    return who.empty() ? product : (product.empty() ? who : who + wxS("\n") + product);
}

void DoorPanel::showResult(const checkin::RedeemResult& result) {
    const wxString ticket = result.ticket ? ticketText(*result.ticket) : wxString();
    switch (result.status) {
    case checkin::Status::Ok: {
        const bool exit = result.checkin && result.checkin->type == model::CheckinType::Exit;
        if (result.ticket && result.ticket->requireAttention()) {
            showVerdict(kAttention, _("Attention"), ticket);
            recordScan(kAttention, _("Attention"), ticket);
        } else {
            showVerdict(kAdmitted, exit ? _("Goodbye") : _("Welcome"), ticket);
            recordScan(kAdmitted, exit ? _("Goodbye") : _("Welcome"), ticket);
        }
        return;
    }
    case checkin::Status::Incomplete:
        showVerdict(kAttention, _("Questions to answer"), ticket);
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
    recordScan(kRefused, refusalText(result.reason), ticket);
}

void DoorPanel::recordScan(const wxColour& colour, const wxString& headline, const wxString& ticket) {
    sound(colour != kRefused);
    const wxString who = ticket.BeforeFirst('\n');
    m_recent->Insert(wxDateTime::Now().Format(wxS("%H:%M:%S")) + wxS("  ") + headline +
                         (who.empty() ? wxString() : wxS("  \u2013  ") + who),
                     0);
    while (m_recent->GetCount() > kRecentScans) {
        m_recent->Delete(m_recent->GetCount() - 1);
    }
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
