// Printer calibration for one printer and paper size: prints the test page (a ruler along two
// edges, two crosshairs), takes where the crosshairs came out as measured by the user, and keeps
// the correction (printing/Calibration.h) that every later page printed there gets. Also forgets
// it. The spooler and the store are used on workers. UI thread only.
#pragma once

#include "boxoffice/gui/Session.h"

#include <string>
#include <wx/dialog.h>

class wxSpinCtrlDouble;
class wxStaticText;

namespace boxoffice::gui {

class CalibrationDialog : public wxDialog {
public:
    CalibrationDialog(wxWindow* parent, Session& session, std::string printer, double widthPt, double heightPt);

    // Presses of the dialog's buttons, for tests as for people.
    void printTestPage();
    void save();
    void forget();

private:
    void showCurrent();
    void say(const wxString& text);

    Session& m_session;
    std::string m_printer;
    std::string m_paper;
    double m_widthPt;
    double m_heightPt;
    wxSpinCtrlDouble* m_firstX = nullptr;
    wxSpinCtrlDouble* m_firstY = nullptr;
    wxSpinCtrlDouble* m_secondX = nullptr;
    wxSpinCtrlDouble* m_secondY = nullptr;
    wxStaticText* m_current = nullptr;
    wxStaticText* m_message = nullptr;
    desk::TaskHandle m_task;
};

} // namespace boxoffice::gui
