// The Designer tab's pre-flight: the layout as edited (unsaved changes included) checked against
// every ticket the stored layout prints, with the renderer's own text measurement
// (render::preflight on a session worker). While it runs: "N of M tickets" and Cancel, which asks
// the run's stop token, so the run ends at the next ticket with what it found so far. What it
// found goes into a native report list: the problem, the element, how many tickets have it, the
// ticket that shows it worst, the detail ("shrinks to 4.5 pt"); a line above sums it up.
// Activating a row (double-click, Enter) hands its element and that ticket's data to the
// Designer panel, which selects the one and shows the other on the canvas. Options: the smallest
// legible text size and the printer's resolution.
//
// The event's certificate of attendance is checked as certificates print (certificates::preflight):
// each ticket of a paid or pending order with its certificate values (check-in date and time,
// list, attendance), and, as the Print tab prints certificates by default, only the tickets
// checked in; the option "Only those checked in", shown for the certificate alone, unticked
// checks everyone's certificate, as printing them for everyone does. The example tickets are then
// those people's certificate data (certificates::previewData), so activating a row shows their
// certificate on the canvas.
//
// Created and owned by the DesignerPanel. UI thread only; the UI thread never waits for a run.
#pragma once

#include "boxoffice/gui/Session.h"
#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/render/Background.h"
#include "boxoffice/render/Preflight.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <vector>
#include <wx/panel.h>

class wxButton;
class wxCheckBox;
class wxGauge;
class wxListCtrl;
class wxSpinCtrl;
class wxSpinCtrlDouble;
class wxStaticText;

namespace boxoffice::gui {

// What a run checks.
struct PreflightSubject {
    model::Id eventId = 0;
    // The stored layout: the tickets it prints are checked; 0: the event's certificate of
    // attendance, whose certificates are checked.
    model::Id layoutId = 0;
    layout::Layout layout;   // as edited
    render::PageSize page = render::kA4;  // the background's first page, in points
    bool certificate() const { return layoutId == 0; }
};

// A problem found, and the data of the ticket that shows it worst (null: the layout's own).
struct PreflightRow {
    render::PreflightProblem problem;
    std::shared_ptr<const layout::TicketData> ticket;
};

class PreflightPanel : public wxPanel {
public:
    PreflightPanel(wxWindow* parent, Session& session);
    ~PreflightPanel() override;

    // What a run checks now; nullopt: nothing to check (no stored layout open).
    std::function<std::optional<PreflightSubject>()> subject;
    // A row activated: the element's index in the checked layout and the ticket to show.
    std::function<void(std::size_t element, std::shared_ptr<const layout::TicketData> ticket)> onActivated;

    // The Pre-flight button: starts a run unless one is under way or there is nothing to check.
    void start();
    // The Cancel button: the run stops at its next ticket and reports what it found so far.
    void cancel();
    bool running() const { return m_running; }
    // Whether a run may start (a stored layout is open), and whether the open layout is the
    // certificate (its option "Only those checked in" shows).
    void setAvailable(bool available, bool certificate = false);
    // Another layout (or none) is open: the results go, and a run under way is abandoned.
    void clear();
    // The layout was edited after the run: the results stay, marked as older than the layout.
    void layoutEdited();

    // What the list shows, row by row, and the last finished run's report without its problems
    // (nullopt before one); tests read them.
    const std::vector<PreflightRow>& rows() const { return m_rows; }
    const std::optional<render::PreflightReport>& report() const { return m_report; }
    wxListCtrl& list() { return *m_list; }

private:
    struct Outcome;
    void finished(Outcome&& outcome);
    void showProgress(std::int64_t done, std::int64_t total);
    // The problems' list shows only with problems in it.
    void showList(bool show);
    void fillList();
    void updateSummary();
    void updateButtons();

    Session& m_session;
    bool m_available = false;
    bool m_certificate = false;  // the certificate is open
    bool m_running = false;
    bool m_stale = false;
    int m_generation = 0;  // a run abandoned by clear() delivers nothing
    std::stop_source m_stop;
    desk::TaskHandle m_task;
    std::vector<PreflightRow> m_rows;
    std::optional<render::PreflightReport> m_report;  // the last run's (its problems are in m_rows)
    layout::Layout m_checked;                          // the layout that run checked
    bool m_checkedCertificates = false;                // that run checked certificates
    bool m_checkedInOnly = false;                      // ... of those checked in only

    wxButton* m_run = nullptr;
    wxButton* m_cancel = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_summary = nullptr;
    wxSpinCtrlDouble* m_minFont = nullptr;
    wxSpinCtrl* m_dpi = nullptr;
    wxCheckBox* m_onlyCheckedIn = nullptr;
    wxListCtrl* m_list = nullptr;
};

} // namespace boxoffice::gui
