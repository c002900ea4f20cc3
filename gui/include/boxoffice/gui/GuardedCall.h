// The one guard at the UI edge: runs a piece of UI work and turns an exception that escapes it
// into a message for the user instead of a crash (Audacity's GuardedCall). The wx event loop's
// own guard, App::OnExceptionInMainLoop, reports through the same reportException().
// UI thread only.
#pragma once

#include <exception>
#include <utility>
#include <wx/string.h>

class wxWindow;

namespace boxoffice::gui {

// Shows what went wrong with `error` (a modal message box; on stderr when messages are
// redirected, see setMessagesToStderr).
void reportException(std::exception_ptr error, wxWindow* parent = nullptr);

// Shows an error message to the user: a modal box, or a line on stderr when redirected.
void showError(const wxString& message, wxWindow* parent = nullptr);

// Asks the user to confirm something that cannot be undone; `action` labels the button that
// does it ("Delete"). With messages redirected (self-tests) it says so on stderr and agrees.
bool confirm(const wxString& question, const wxString& action, wxWindow* parent = nullptr);

// For self-tests without a human at the screen: errors go to stderr instead of modal boxes.
void setMessagesToStderr(bool toStderr);
bool messagesToStderr();

// Runs `work`; an exception is reported and swallowed. Returns false when one was thrown.
template <class F> bool guardedCall(F&& work, wxWindow* parent = nullptr) {
    try {
        std::forward<F>(work)();
        return true;
    } catch (...) {
        reportException(std::current_exception(), parent);
        return false;
    }
}

} // namespace boxoffice::gui
