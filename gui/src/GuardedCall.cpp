#include "boxoffice/gui/GuardedCall.h"

#include "boxoffice/gui/Format.h"

#include <cstdio>
#include <exception>
#include <wx/msgdlg.h>

namespace boxoffice::gui {

namespace {
bool g_toStderr = false;
}

void setMessagesToStderr(bool toStderr) {
    g_toStderr = toStderr;
}
bool messagesToStderr() {
    return g_toStderr;
}

void showError(const wxString& message, wxWindow* parent) {
    if (g_toStderr) {
        std::fprintf(stderr, "%s\n", message.utf8_string().c_str());
        return;
    }
    // While one message is up, timers and change notifications keep running: a second error
    // goes to stderr instead of stacking another modal box on the first.
    static bool showing = false;
    if (showing) {
        std::fprintf(stderr, "%s\n", message.utf8_string().c_str());
        return;
    }
    showing = true;
    wxMessageBox(message, _("Box Office"), wxOK | wxICON_ERROR, parent);
    showing = false;
}

bool confirm(const wxString& question, const wxString& action, wxWindow* parent) {
    if (g_toStderr) {
        std::fprintf(stderr, "%s [%s]\n", question.utf8_string().c_str(), action.utf8_string().c_str());
        return true;
    }
    wxMessageDialog dialog(parent, question, _("Box Office"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    dialog.SetYesNoLabels(action, _("Cancel"));
    return dialog.ShowModal() == wxID_YES;
}

void reportException(std::exception_ptr error, wxWindow* parent) {
    wxString what;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        what = fromUtf8(e.what());
    } catch (...) {
        what = _("An unknown error occurred.");
    }
    showError(
        wxString::Format(_("Something went wrong:\n\n%s\n\nThe last action may not have completed."), what),
        parent);
}

} // namespace boxoffice::gui
