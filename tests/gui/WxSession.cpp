#include "WxSession.h"

#include <cstdio>
#include <cstdlib>

#include "TestSupport.h"

#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/MainFrame.h"

#include <chrono>
#include <stdexcept>
#include <thread>
#include <wx/app.h>
#include <wx/init.h>
#include <wx/dcmemory.h>
#include <wx/dcscreen.h>
#include <wx/image.h>
#include <wx/log.h>

namespace boxoffice::test {

void ensureWx() {
    static const bool started = [] {
        static int argc = 1;
        static char name[] = "test_gui";
        static char* argv[] = {name, nullptr};
        wxApp::SetInstance(new wxApp());
        if (!wxEntryStart(argc, argv) || !wxTheApp->CallOnInit()) {
            throw std::runtime_error(
                "wxWidgets could not start: is there an X display (run under xvfb-run)?");
        }
        wxLog::SetActiveTarget(new wxLogStderr()); // no modal log windows in tests
        // A failed wx assertion would open a dialog nobody answers under Xvfb and the test would
        // hang until CTest's timeout: it ends the test at once, saying where.
        wxSetAssertHandler([](const wxString& file, int line, const wxString& func, const wxString& cond,
                              const wxString& msg) {
            std::fprintf(stderr, "wx assertion failed at %s:%d in %s: %s %s\n", file.utf8_str().data(), line,
                         func.utf8_str().data(), cond.utf8_str().data(), msg.utf8_str().data());
            std::fflush(stderr);
            std::abort();
        });
        wxInitAllImageHandlers();
        gui::setMessagesToStderr(true);
        return true;
    }();
    (void)started;
}

void runPendingUiWork() {
    for (int round = 0; round < 10; ++round) {
        wxTheApp->ProcessPendingEvents();
        if (!wxTheApp->HasPendingEvents()) {
            return;
        }
    }
}

void waitForTasks(gui::MainFrame& frame) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    runPendingUiWork();
    while (frame.session().pendingTasks() > 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            throw std::runtime_error("the window's tasks did not finish within 20 s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        runPendingUiWork();
    }
}

std::filesystem::path saveScreenshot(wxWindow& window, const std::string& name) {
    window.Raise();
    // Lets the X server map and paint what changed (a few rounds: GTK paints on its frame clock).
    for (int round = 0; round < 20; ++round) {
        window.Refresh();
        window.Update();
        runPendingUiWork();
        wxYield();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const wxRect rect = window.GetScreenRect();
    wxScreenDC screen;
    wxBitmap bitmap(rect.GetWidth(), rect.GetHeight(), 24);
    {
        wxMemoryDC memory(bitmap);
        memory.Blit(0, 0, rect.GetWidth(), rect.GetHeight(), &screen, rect.GetX(), rect.GetY());
    }
    const auto dir = binaryDir() / "screenshots";
    std::filesystem::create_directories(dir);
    const auto file = dir / (name + ".png");
    if (!bitmap.ConvertToImage().SaveFile(wxString(file.string()), wxBITMAP_TYPE_PNG)) {
        return {};
    }
    return file;
}

FrameUnderTest::FrameUnderTest(const std::filesystem::path& db) {
    ensureWx();
    m_frame = new gui::MainFrame(std::make_unique<model::Store>(db));
    m_alive = m_frame;
    m_frame->Show();
    waitForTasks(*m_frame);
}

FrameUnderTest::~FrameUnderTest() {
    if (!alive()) {
        return;
    }
    m_frame->Destroy();
    wxTheApp->ProcessIdle(); // deletes the frame now, not at some later idle time
    runPendingUiWork();
}

} // namespace boxoffice::test
