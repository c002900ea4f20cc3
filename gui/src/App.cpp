#include "boxoffice/gui/App.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/gui/SmokeTest.h"
#include "boxoffice/model/Store.h"

#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <utility>
#include <wx/cmdline.h>
#include <wx/filename.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

namespace boxoffice::gui {

namespace {

// The user's language for every _() string: catalogues are looked up next to the executable's
// installation (<prefix>/share/locale) and, for a program run from its build folder, in the
// build folder's locale/ (BOXOFFICE_BUILD_LOCALE_DIR).
void loadTranslations() {
    wxUILocale::UseDefault();
    auto* translations = new wxTranslations;
    wxTranslations::Set(translations);
    const wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
    wxFileName installed(exe.GetPath(), wxString());
    installed.RemoveLastDir();
    installed.AppendDir(wxS("share"));
    installed.AppendDir(wxS("locale"));
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(installed.GetPath());
#ifdef BOXOFFICE_BUILD_LOCALE_DIR
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8(BOXOFFICE_BUILD_LOCALE_DIR));
#endif
    translations->SetLanguage(wxUILocale::GetCurrent().GetName());
    translations->AddStdCatalog();
    translations->AddCatalog(wxS("boxoffice"));
}

}  // namespace

bool App::OnInit() {
    loadTranslations();
    SetAppName(wxS("boxoffice"));
    SetAppDisplayName(_("Box Office"));
    if (!wxApp::OnInit()) { // parses the command line
        return false;
    }
    setMessagesToStderr(m_smokeTest);

    const std::filesystem::path path =
        m_dbPath.empty() ? model::Store::defaultPath()
                         : std::filesystem::path(static_cast<const char*>(m_dbPath.fn_str()));
    auto opened = model::Store::open(path); // makes the folder if needed
    if (!opened) {
        showError(wxString::Format(_("Box Office cannot open its database.\n\n%s"),
                                   fromUtf8(opened.error().message)));
        return false;
    }

    MainFrame* frame = nullptr;
    if (!guardedCall([&] { frame = new MainFrame(std::move(opened.value())); })) {
        return false;
    }
    frame->Show();
    if (m_smokeTest) {
        CallAfter([this, frame] {
            if (!guardedCall([frame] { runSmokeTest(*frame, std::cout); })) {
                m_exitCode = 1;
            }
            std::cout.flush();
            frame->Close(true);
        });
    }
    return true;
}

void App::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    parser.AddLongOption(wxS("db"),
                         _("the database file (default: $BOXOFFICE_DB, else the user data folder)"),
                         wxCMD_LINE_VAL_STRING);
    parser.AddLongSwitch(wxS("smoke-test"),
                         _("open the window, print what it shows, switch through the events and quit"));
}

bool App::OnCmdLineParsed(wxCmdLineParser& parser) {
    if (!wxApp::OnCmdLineParsed(parser)) {
        return false;
    }
    parser.Found(wxS("db"), &m_dbPath);
    m_smokeTest = parser.FoundSwitch(wxS("smoke-test")) == wxCMD_SWITCH_ON;
    return true;
}

bool App::OnExceptionInMainLoop() {
    reportException(std::current_exception(), GetTopWindow());
    return true; // keep running: the window stays usable
}

void App::OnUnhandledException() {
    reportException(std::current_exception(), nullptr);
}

int App::OnRun() {
    const int code = wxApp::OnRun();
    return m_exitCode != 0 ? m_exitCode : code;
}

} // namespace boxoffice::gui
