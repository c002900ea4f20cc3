// Starts wxWidgets once per test process (the GUI tests create real windows on the X display
// that RunUnderXvfb.sh provides) and runs pending UI work on demand. Main thread only.
#pragma once

#include "boxoffice/model/Store.h"

#include <filesystem>
#include <memory>
#include <string>
#include <wx/weakref.h>
#include <wx/window.h>

class wxWindow;

namespace boxoffice::gui {
class MainFrame;
}

namespace boxoffice::test {

// Initialises wx the first time; throws when there is no display.
void ensureWx();

// Runs what is queued for the UI thread (CallAfter, posted events) until nothing is left.
void runPendingUiWork();

// Runs UI work until every task the frame's session ran has delivered its result (at most 20 s;
// then the test fails).
void waitForTasks(gui::MainFrame& frame);

// Saves what the screen shows of `window` as <build>/screenshots/<name>.png, for a person to look
// at; returns the file's path (empty when the screen could not be read). Under Xvfb with GTK 3 a
// second grab in one test may still show the window as it was at the first: take one per test.
std::filesystem::path saveScreenshot(wxWindow& window, const std::string& name);

// A shown main frame on a store at `db`, destroyed (with the store) when the object goes away,
// unless a test closed it already.
class FrameUnderTest {
public:
    explicit FrameUnderTest(const std::filesystem::path& db);
    ~FrameUnderTest();
    FrameUnderTest(const FrameUnderTest&) = delete;
    FrameUnderTest& operator=(const FrameUnderTest&) = delete;
    gui::MainFrame& frame() { return *m_frame; }
    gui::MainFrame* operator->() { return m_frame; }
    // False once the window was closed and destroyed (a test's Close() that went through).
    bool alive() const { return m_alive.get() != nullptr; }

private:
    gui::MainFrame* m_frame = nullptr;
    wxWeakRef<wxWindow> m_alive;  // the frame, cleared when it is deleted
};

} // namespace boxoffice::test
