// The wxWidgets application object of `boxoffice`: reads the command line, sets up the user's
// locale, opens the store (refusing, with a message, a file it cannot open) and shows the main
// frame. Holds the exception guard of the event loop. Created by wx at start; UI thread only.
//
// Command line: --db FILE (else $BOXOFFICE_DB, else model::Store::defaultPath());
// --smoke-test: open the window, print a report of what it shows on stdout, switch through every
// event, then quit; errors go to stderr instead of message boxes (for tests under Xvfb).
#pragma once

#include <wx/app.h>
#include <wx/string.h>

class wxCmdLineParser;

namespace boxoffice::gui {

class App : public wxApp {
public:
    bool OnInit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;
    bool OnExceptionInMainLoop() override;
    void OnUnhandledException() override;
    int OnRun() override;

private:
    wxString m_dbPath;
    bool m_smokeTest = false;
    int m_exitCode = 0;
};

} // namespace boxoffice::gui
