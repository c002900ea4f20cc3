#include "designer/PreflightPanel.h"

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/ReportList.h"
#include "boxoffice/render/TicketLoader.h"

#include <algorithm>
#include <string>
#include <utility>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/numformatter.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {

using render::PreflightKind;

wxString number(std::size_t n) {
    return wxNumberFormatter::ToString(static_cast<long>(n), wxNumberFormatter::Style_WithThousandsSep);
}

wxString decimal(double value) {
    return wxNumberFormatter::ToString(value, 1, wxNumberFormatter::Style_NoTrailingZeroes);
}

wxString tickets(std::size_t n) {
    return wxString::Format(wxPLURAL("%s ticket", "%s tickets", static_cast<unsigned>(n)), number(n));
}

wxString certificateCount(std::size_t n) {
    return wxString::Format(wxPLURAL("%s certificate", "%s certificates", static_cast<unsigned>(n)), number(n));
}

wxString problemText(PreflightKind kind) {
    switch (kind) {
        case PreflightKind::TextTooSmall: return _("Text too small");
        case PreflightKind::TextOverflows: return _("Text overflows");
        case PreflightKind::EmptyText: return _("Prints nothing");
        case PreflightKind::QrTooFine: return _("QR code too fine");
        case PreflightKind::OffPage: return _("Off the page");
        case PreflightKind::OverQuietZone: return _("Over a QR code");
    }
    return wxString();
}

// What an element shows: its variable's name in the catalogue's words, or "custom text".
wxString contentText(const layout::Content& content) {
    if (content.content == "other" || content.content == "other_i18n") {
        return _("custom text");
    }
    // The certificate's catalogue: the ticket's variables and the certificate's own.
    const auto& catalogue = layout::variableCatalogue(layout::CatalogueKind::Certificate);
    const auto known = std::find_if(catalogue.begin(), catalogue.end(),
                                    [&](const layout::VariableInfo& v) { return v.name == content.content; });
    return known != catalogue.end() ? wxGetTranslation(fromUtf8(known->label)) : fromUtf8(content.content);
}

// "3: Text (legacy), Attendee name": the element's number in the layout, its kind, what it shows.
wxString elementText(const layout::Layout& layout, std::size_t index) {
    if (index >= layout.elements.size()) {
        return wxString::Format(wxS("%zu"), index + 1);
    }
    const auto& element = layout.elements[index];
    wxString kind;
    wxString shows;
    if (const auto* t = std::get_if<layout::TextContainer>(&element)) {
        kind = _("Text box");
        shows = contentText(t->content);
    } else if (const auto* a = std::get_if<layout::TextArea>(&element)) {
        kind = _("Text (legacy)");
        shows = contentText(a->content);
    } else if (const auto* q = std::get_if<layout::BarcodeArea>(&element)) {
        kind = _("QR code");
        shows = q->content ? contentText(*q->content) : _("Ticket code");
    } else if (std::holds_alternative<layout::ImageArea>(element)) {
        kind = _("Image");
    } else {
        kind = _("Logo");
    }
    if (shows.empty()) {
        // TRANSLATORS: an element in the pre-flight list: its number in the layout and its kind.
        return wxString::Format(_("%zu: %s"), index + 1, kind);
    }
    // TRANSLATORS: an element in the pre-flight list: its number, its kind and what it shows.
    return wxString::Format(_("%zu: %s, %s"), index + 1, kind, shows);
}

// "ABC12-1, Ada Lovelace": the ticket (order code and position, as pretix writes it) and whose.
wxString ticketText(const PreflightRow& row) {
    if (!row.problem.positionId) {
        return wxString();
    }
    if (!row.ticket) {
        // TRANSLATORS: a ticket known only by its position's ID.
        return wxString::Format(_("position %lld"), static_cast<long long>(*row.problem.positionId));
    }
    const auto& position = row.ticket->position;
    wxString text = wxString::Format(wxS("%s-%d"), fromUtf8(row.ticket->order.code), static_cast<int>(position.positionid));
    if (position.attendeeName && !position.attendeeName->empty()) {
        text += wxS(", ") + fromUtf8(*position.attendeeName);
    }
    return text;
}

const layout::TextStyle* styleOf(const layout::Layout& layout, std::size_t index) {
    if (index >= layout.elements.size()) {
        return nullptr;
    }
    if (const auto* t = std::get_if<layout::TextContainer>(&layout.elements[index])) {
        return &t->style;
    }
    if (const auto* a = std::get_if<layout::TextArea>(&layout.elements[index])) {
        return &a->style;
    }
    return nullptr;
}

wxString detailText(const render::PreflightProblem& p, const layout::Layout& layout) {
    wxString detail;
    switch (p.kind) {
        case PreflightKind::TextTooSmall: {
            const auto* style = styleOf(layout, p.element);
            detail = style && p.value < style->fontSize - 1e-6
                         // TRANSLATORS: auto-resize makes a text smaller than legible: "shrinks to 4.5 pt".
                         ? wxString::Format(_("shrinks to %s pt"), decimal(p.value))
                         // TRANSLATORS: a text set smaller than legible: "set to 3 pt".
                         : wxString::Format(_("set to %s pt"), decimal(p.value));
            break;
        }
        case PreflightKind::TextOverflows:
            // TRANSLATORS: a text passes its box: "overflows by 12 pt".
            detail = wxString::Format(_("overflows by %s pt"), decimal(p.value));
            break;
        case PreflightKind::EmptyText: detail = _("empty for these tickets"); break;
        case PreflightKind::QrTooFine:
            detail = p.value <= 0.0 ? _("too much to encode")
                                    // TRANSLATORS: printer dots per QR code module: "3.1 dots per module".
                                    : wxString::Format(_("%s dots per module"), decimal(p.value));
            break;
        case PreflightKind::OffPage:
            // TRANSLATORS: how far an element reaches past the page: "off the page by 5 mm".
            detail = wxString::Format(_("off the page by %s mm"), decimal(layout::Length::pt(p.value).toMm()));
            break;
        case PreflightKind::OverQuietZone:
            // TRANSLATORS: an element covers a QR code or the blank margin it needs: "covers 10: QR code".
            detail = wxString::Format(_("covers %s"), p.other ? elementText(layout, *p.other) : _("a QR code"));
            break;
    }
    if (!p.text.empty() && p.kind != PreflightKind::QrTooFine) {
        // TRANSLATORS: a problem's detail and the text of the ticket that shows it.
        detail = wxString::Format(_("%s: \"%s\""), detail, fromUtf8(p.text));
    }
    return detail;
}

} // namespace

struct PreflightPanel::Outcome {
    render::PreflightReport report;
    std::vector<std::shared_ptr<const layout::TicketData>> tickets;  // per problem
    std::string error;
};

PreflightPanel::PreflightPanel(wxWindow* parent, Session& session)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("designer.preflight")),
      m_session(session) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    m_run = new wxButton(this, wxID_ANY, _("&Pre-flight"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                         wxDefaultValidator, wxS("designer.preflight.run"));
    m_run->SetToolTip(_("Check the layout as it is now against every ticket it prints: text too small or "
                        "overflowing, empty variables, QR codes too fine, elements off the page"));
    top->Add(m_run, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    m_cancel = new wxButton(this, wxID_ANY, _("Cancel"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT,
                            wxDefaultValidator, wxS("designer.preflight.cancel"));
    m_cancel->SetToolTip(_("Stop the check; what it found so far stays listed"));
    top->Add(m_cancel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    m_gauge = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, FromDIP(wxSize(120, -1)), wxGA_HORIZONTAL | wxGA_SMOOTH,
                          wxDefaultValidator, wxS("designer.preflight.progress"));
    top->Add(m_gauge, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    m_summary = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                                 wxS("designer.preflight.summary"));
    top->Add(m_summary, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    // Each label just before its control, so a screen reader reads it with the control.
    top->Add(new wxStaticText(this, wxID_ANY, _("Smallest le&gible text (pt):")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
             FromDIP(4));
    m_minFont = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                     wxSP_ARROW_KEYS, 1.0, 72.0, 6.0, 0.5, wxS("designer.preflight.minFont"));
    m_minFont->SetDigits(1);
    m_minFont->SetToolTip(_("Smallest legible text size in points: text that auto-resize makes smaller is listed"));
    top->Add(m_minFont, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    top->Add(new wxStaticText(this, wxID_ANY, _("Printer &dpi:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
    m_dpi = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 72,
                           4800, 300, wxS("designer.preflight.dpi"));
    m_dpi->SetToolTip(_("The printer's resolution in dots per inch: QR codes too fine for it are listed"));
    top->Add(m_dpi, 0, wxALIGN_CENTER_VERTICAL);
    m_onlyCheckedIn = new wxCheckBox(this, wxID_ANY, _("Only those chec&ked in"), wxDefaultPosition, wxDefaultSize, 0,
                                     wxDefaultValidator, wxS("designer.preflight.checkedIn"));
    m_onlyCheckedIn->SetValue(true);
    m_onlyCheckedIn->SetToolTip(_("Check the certificates of those checked in, for whom the Print tab prints them by "
                                  "default; untick to check everyone's, as printing certificates for everyone does"));
    top->Add(m_onlyCheckedIn, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
    m_onlyCheckedIn->Hide();
    column->Add(top, 0, wxEXPAND | wxBOTTOM, FromDIP(4));

    m_list = makeReportList(this, "designer.preflight.list",
                            {{_("Problem"), 130}, {_("Element"), 220}, {_("Tickets"), 70}, {_("Example ticket"), 190},
                             {_("Detail"), 360}});
    m_list->SetMinSize(FromDIP(wxSize(-1, 120)));
    // Shown once a pre-flight has found something: until then its room is the canvas's.
    m_list->Hide();
    column->Add(m_list, 1, wxEXPAND);
    SetSizer(column);

    m_run->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });
    m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        const long at = event.GetIndex();
        if (at < 0 || static_cast<std::size_t>(at) >= m_rows.size() || !onActivated) {
            return;
        }
        const auto& row = m_rows[static_cast<std::size_t>(at)];
        onActivated(row.problem.element, row.ticket);
    });
    m_gauge->Hide();
    updateSummary();
    updateButtons();
}

PreflightPanel::~PreflightPanel() {
    m_stop.request_stop();
    m_task.cancel();
}

void PreflightPanel::setAvailable(bool available, bool certificate) {
    if (m_available != available) {
        m_available = available;
        updateButtons();
    }
    if (m_certificate != certificate) {
        m_certificate = certificate;
        m_onlyCheckedIn->Show(certificate);
        Layout();
    }
}

void PreflightPanel::start() {
    if (m_running || !m_available || !subject) {
        return;
    }
    auto what = subject();
    if (!what) {
        return;
    }
    render::PreflightOptions options;
    options.minFontSize = m_minFont->GetValue();
    options.printerDpi = m_dpi->GetValue();
    options.pageWidthPt = what->page.width;
    options.pageHeightPt = what->page.height;
    m_checked = what->layout;
    m_checkedCertificates = what->certificate();
    m_checkedInOnly = m_checkedCertificates && m_onlyCheckedIn->GetValue();
    m_stop = std::stop_source();
    m_running = true;
    m_stale = false;
    m_report.reset();
    m_rows.clear();
    m_list->DeleteAllItems();
    showList(false);
    m_gauge->SetValue(0);
    m_gauge->Pulse();
    m_gauge->Show();
    m_summary->SetLabel(m_checkedCertificates ? _("Checking the certificates...") : _("Checking the tickets..."));
    Layout();
    updateButtons();
    const int generation = ++m_generation;
    m_task = m_session.run<Outcome>(
        this,
        [checked = std::move(*what), options, onlyCheckedIn = m_checkedInOnly,
         cancelled = m_stop.get_token()](desk::TaskContext& context) {
            // Either the Cancel button or the task's own end (the window closing) stops the run.
            std::stop_source stop;
            std::stop_callback byTask(context.stop, [&stop] { stop.request_stop(); });
            std::stop_callback byCancel(cancelled, [&stop] { stop.request_stop(); });
            render::PreflightRun run;
            if (!checked.certificate()) {
                run.layoutId = checked.layoutId;
            }
            run.stop = stop.get_token();
            run.progress = [&context](std::size_t done, std::size_t total) {
                context.progress({static_cast<std::int64_t>(done), static_cast<std::int64_t>(total), {}});
            };
            Outcome out;
            auto report = checked.certificate()
                              ? certificates::preflight(context.store, checked.eventId, checked.layout, options,
                                                        onlyCheckedIn, run)
                              : render::preflight(context.store, checked.eventId, checked.layout, options, run);
            if (!report) {
                out.error = report.error().message;
                return out;
            }
            out.report = std::move(report.value());
            // The ticket of each problem, for the example column and the canvas: a few reads. A
            // certificate's with its certificate values, so the canvas shows that certificate.
            render::TicketLoader loader(context.store);
            for (const auto& problem : out.report.problems) {
                std::shared_ptr<const layout::TicketData> ticket;
                if (problem.positionId) {
                    auto data = checked.certificate()
                                    ? certificates::previewData(context.store, checked.eventId, *problem.positionId)
                                    : loader.load(checked.eventId, *problem.positionId);
                    if (data) {
                        ticket = std::make_shared<const layout::TicketData>(std::move(data.value()));
                    }
                }
                out.tickets.push_back(std::move(ticket));
            }
            return out;
        },
        [this, generation](Outcome&& outcome) {
            if (generation == m_generation) {
                finished(std::move(outcome));
            }
        },
        [this, generation](const wxString& error) {
            if (generation == m_generation) {
                Outcome failed;
                failed.error = error.utf8_string();
                finished(std::move(failed));
            }
        },
        [this, generation](const desk::Progress& progress) {
            if (generation == m_generation && m_running) {
                showProgress(progress.done, progress.total);
            }
        });
}

void PreflightPanel::cancel() {
    if (m_running) {
        m_stop.request_stop();
        m_summary->SetLabel(_("Cancelling..."));
        m_cancel->Disable();
    }
}

void PreflightPanel::clear() {
    ++m_generation;
    if (m_running) {
        m_stop.request_stop();
        m_task.cancel();
        m_running = false;
    }
    m_stale = false;
    m_report.reset();
    m_rows.clear();
    m_list->DeleteAllItems();
    showList(false);
    m_gauge->Hide();
    updateSummary();
    updateButtons();
    Layout();
}

void PreflightPanel::layoutEdited() {
    if ((m_report || m_running) && !m_stale) {
        m_stale = true;
        if (!m_running) {
            updateSummary();
        }
    }
}

void PreflightPanel::showProgress(std::int64_t done, std::int64_t total) {
    if (total > 0) {
        m_gauge->SetRange(static_cast<int>(std::min<std::int64_t>(total, 1 << 30)));
        m_gauge->SetValue(static_cast<int>(std::min(done, total)));
        const auto all = static_cast<std::size_t>(total);
        // TRANSLATORS: pre-flight's progress: "500 of 1,234 tickets".
        m_summary->SetLabel(wxString::Format(wxPLURAL("%s of %s ticket", "%s of %s tickets",
                                                      static_cast<unsigned>(all)),
                                             number(static_cast<std::size_t>(done)), number(all)));
    } else {
        m_gauge->Pulse();
    }
}

void PreflightPanel::finished(Outcome&& outcome) {
    m_running = false;
    m_gauge->Hide();
    if (!outcome.error.empty()) {
        m_report.reset();
        m_summary->SetLabel(wxString::Format(_("Pre-flight failed: %s"), fromUtf8(outcome.error)));
    } else {
        for (std::size_t i = 0; i < outcome.report.problems.size(); ++i) {
            m_rows.push_back({outcome.report.problems[i], i < outcome.tickets.size() ? outcome.tickets[i] : nullptr});
        }
        outcome.report.problems.clear();
        m_report = std::move(outcome.report);
        fillList();
        updateSummary();
    }
    updateButtons();
    Layout();
}

void PreflightPanel::fillList() {
    m_list->Freeze();
    m_list->DeleteAllItems();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto& row = m_rows[i];
        const long at = m_list->InsertItem(static_cast<long>(i), problemText(row.problem.kind));
        m_list->SetItem(at, 1, elementText(m_checked, row.problem.element));
        // TRANSLATORS: in the pre-flight list's Tickets column: a problem of the layout itself, not of some tickets.
        m_list->SetItem(at, 2, row.problem.tickets == 0 ? _("all") : number(row.problem.tickets));
        m_list->SetItem(at, 3, ticketText(row));
        m_list->SetItem(at, 4, detailText(row.problem, m_checked));
    }
    m_list->Thaw();
    showList(!m_rows.empty());
}

void PreflightPanel::showList(bool show) {
    if (m_list->IsShown() != show) {
        m_list->Show(show);
        // The Designer lays out again: the canvas above gives the list its room, or takes it back.
        GetParent()->Layout();
    }
}

void PreflightPanel::updateSummary() {
    wxString text;
    const auto checked = [this](std::size_t n) { return m_checkedCertificates ? certificateCount(n) : tickets(n); };
    if (!m_report) {
        text = _("Check the layout against its tickets before printing.");
    } else if (m_report->canceled) {
        text = m_checkedCertificates
                   ? wxString::Format(wxPLURAL("Cancelled after %s certificate", "Cancelled after %s certificates",
                                               static_cast<unsigned>(m_report->checked)),
                                      number(m_report->checked))
                   : wxString::Format(wxPLURAL("Cancelled after %s ticket", "Cancelled after %s tickets",
                                               static_cast<unsigned>(m_report->checked)),
                                      number(m_report->checked));
    } else if (m_report->checked == 0 && m_checkedInOnly) {
        text = m_rows.empty() ? _("No problems found; no one is checked in yet.")
                              : wxString::Format(wxPLURAL("%s problem; no one is checked in yet.",
                                                          "%s problems; no one is checked in yet.",
                                                          static_cast<unsigned>(m_rows.size())),
                                                 number(m_rows.size()));
    } else if (m_report->checked == 0) {
        text = m_rows.empty() ? _("No problems found; no ticket prints with this layout yet.")
                              : wxString::Format(wxPLURAL("%s problem; no ticket prints with this layout yet.",
                                                          "%s problems; no ticket prints with this layout yet.",
                                                          static_cast<unsigned>(m_rows.size())),
                                                 number(m_rows.size()));
    } else if (m_rows.empty()) {
        // TRANSLATORS: "No problems found in 1,234 tickets" (or "in 12 certificates").
        text = wxString::Format(_("No problems found in %s"), checked(m_report->checked));
    } else {
        // TRANSLATORS: "5 problems in 1,234 tickets"; the second part is "%s ticket(s)" or "%s certificate(s)".
        text = wxString::Format(wxPLURAL("%s problem in %s", "%s problems in %s", static_cast<unsigned>(m_rows.size())),
                                number(m_rows.size()), checked(m_report->checked));
    }
    if (m_stale) {
        text += wxS(" ") + _("(The layout has changed since.)");
    }
    m_summary->SetLabel(text);
}

void PreflightPanel::updateButtons() {
    m_run->Enable(m_available && !m_running);
    m_cancel->Enable(m_running && !m_stop.stop_requested());
}

} // namespace boxoffice::gui
