#include "print/CalibrationDialog.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/printing/Calibration.h"
#include "boxoffice/printing/Printers.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

wxString describe(const std::optional<render::PageTransform>& t) {
    if (!t) {
        return _("Not calibrated: pages are printed as they are.");
    }
    return wxString::Format(_("Now: moved %.1f mm right and %.1f mm down, scaled %.1f %% wide and %.1f %% high."),
                            t->offsetXMm, t->offsetYMm, t->scaleX * 100, t->scaleY * 100);
}

} // namespace

CalibrationDialog::CalibrationDialog(wxWindow* parent, Session& session, std::string printer, double widthPt,
                                     double heightPt)
    : wxDialog(parent, wxID_ANY, _("Calibrate the printer"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("print.calibration")),
      m_session(session), m_printer(std::move(printer)), m_paper(printing::paperKey(widthPt, heightPt)),
      m_widthPt(widthPt), m_heightPt(heightPt) {
    const double width = widthPt / kPointsPerMm;
    const double height = heightPt / kPointsPerMm;
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        wxString::Format(_("Printer %s, paper %.1f x %.1f mm.\n\n1. Print the test page.\n2. Measure from the paper's "
                           "left edge and from its top edge to the centre of each crosshair.\n3. Enter the numbers "
                           "and save: every page printed on this printer and paper is then corrected."),
                         fromUtf8(m_printer), width, height));
    intro->Wrap(FromDIP(460));
    column->Add(intro, 0, wxALL, FromDIP(10));
    auto* testPage = new wxButton(this, wxID_ANY, _("Print &test page"), wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, wxS("calibration.testPage"));
    column->Add(testPage, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));

    auto* grid = new wxFlexGridSizer(3, FromDIP(wxSize(8, 6)));
    const auto field = [&](const wxString& label, double expected, double limit, const char* name) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        auto* spin = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                          wxSP_ARROW_KEYS, 0, limit, expected, 0.1, wxString::FromUTF8(name));
        spin->SetDigits(1);
        grid->Add(spin, 0);
        grid->Add(new wxStaticText(this, wxID_ANY, wxString::Format(_("mm (exactly: %.1f)"), expected)), 0,
                  wxALIGN_CENTER_VERTICAL);
        return spin;
    };
    m_firstX = field(_("Crosshair 1 from the &left edge:"), printing::kTestMarkMm, width, "calibration.firstX");
    m_firstY = field(_("Crosshair 1 from the t&op edge:"), printing::kTestMarkMm, height, "calibration.firstY");
    m_secondX = field(_("Crosshair 2 from the l&eft edge:"), width - printing::kTestMarkMm, width, "calibration.secondX");
    m_secondY = field(_("Crosshair 2 from the to&p edge:"), height - printing::kTestMarkMm, height, "calibration.secondY");
    column->Add(grid, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    m_current = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                 wxS("calibration.current"));
    column->Add(m_current, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    m_message = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                 wxS("calibration.message"));
    column->Add(m_message, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* forgetButton = new wxButton(this, wxID_ANY, _("&Forget calibration"), wxDefaultPosition, wxDefaultSize, 0,
                                      wxDefaultValidator, wxS("calibration.forget"));
    auto* saveButton = new wxButton(this, wxID_SAVE, _("&Save"), wxDefaultPosition, wxDefaultSize, 0,
                                    wxDefaultValidator, wxS("calibration.save"));
    auto* close = new wxButton(this, wxID_CANCEL, _("Close"));
    buttons->Add(forgetButton, 0, wxRIGHT, FromDIP(6));
    buttons->AddStretchSpacer();
    buttons->Add(saveButton, 0, wxRIGHT, FromDIP(6));
    buttons->Add(close);
    column->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(column);
    saveButton->SetDefault();

    testPage->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printTestPage(); });
    saveButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    forgetButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { forget(); });
    showCurrent();
}

void CalibrationDialog::showCurrent() {
    m_task = m_session.run<std::optional<render::PageTransform>>(
        this,
        [printer = m_printer, paper = m_paper](desk::TaskContext& context) {
            return printing::calibration(context.store, printer, paper);
        },
        [this](std::optional<render::PageTransform>&& t) {
            m_current->SetLabel(describe(t));
            m_current->Wrap(FromDIP(460));
            Fit();
        });
}

void CalibrationDialog::say(const wxString& text) {
    m_message->SetLabel(text);
    m_message->Wrap(FromDIP(460));
    Fit();
}

void CalibrationDialog::printTestPage() {
    say(_("Printing the test page..."));
    m_task = m_session.run<model::Result<int>>(
        this,
        [printer = m_printer, width = m_widthPt, height = m_heightPt](desk::TaskContext&) -> model::Result<int> {
            const auto file = std::filesystem::temp_directory_path() /
                              ("boxoffice-test-page-" +
                               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".pdf");
            auto written = printing::writeTestPage(file, width, height, printer);
            if (!written) {
                return written.error();
            }
            auto job = printing::spoolPdf({printer, file, "Box Office test page", width, height, 1});
            std::error_code ec;
            std::filesystem::remove(file, ec);
            return job;
        },
        [this](model::Result<int>&& job) {
            say(job ? _("The test page went to the printer. Measure it and enter the numbers.")
                    : fromUtf8(job.error().message));
        });
}

void CalibrationDialog::save() {
    printing::Measurement m;
    m.firstXMm = m_firstX->GetValue();
    m.firstYMm = m_firstY->GetValue();
    m.secondXMm = m_secondX->GetValue();
    m.secondYMm = m_secondY->GetValue();
    auto transform = printing::calibrationFromMeasurement(m, m_widthPt / kPointsPerMm, m_heightPt / kPointsPerMm);
    if (!transform) {
        wxString text = fromUtf8(transform.error().message);
        for (const auto& [field, problems] : transform.error().fields) {
            for (const auto& problem : problems) {
                text += wxS("\n") + fromUtf8(problem);
            }
        }
        say(text);
        return;
    }
    m_task = m_session.run<bool>(
        this,
        [printer = m_printer, paper = m_paper, t = transform.value()](desk::TaskContext& context) {
            printing::setCalibration(context.store, printer, paper, t);
            return true;
        },
        [this](bool&&) {
            say(_("Saved: pages printed here are corrected from now on."));
            showCurrent();
        });
}

void CalibrationDialog::forget() {
    m_task = m_session.run<bool>(
        this,
        [printer = m_printer, paper = m_paper](desk::TaskContext& context) {
            printing::setCalibration(context.store, printer, paper, {});
            return true;
        },
        [this](bool&&) {
            say(_("Forgotten: pages are printed as they are."));
            showCurrent();
        });
}

} // namespace boxoffice::gui
