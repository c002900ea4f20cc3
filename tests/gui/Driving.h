// Driving the real window in GUI tests as a person does: finding a control by its name, moving
// the mouse and clicking with wxUIActionSimulator, and letting the X server and the UI thread
// deliver what that caused. Main thread only.
#pragma once

#include "WxSession.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/uiaction.h>
#include <wx/window.h>

namespace boxoffice::test {

// The control named `name` (its wx name) under `parent`; the test fails without one.
template <class T>
T& widget(wxWindow& parent, const char* name) {
    auto* window = dynamic_cast<T*>(wxWindow::FindWindowByName(wxString::FromUTF8(name), &parent));
    REQUIRE(window != nullptr);
    return *window;
}

// Lets the X server deliver what the simulator sent and the UI thread handle it.
inline void settle() {
    for (int round = 0; round < 15; ++round) {
        wxYield();
        runPendingUiWork();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// Moves the mouse to `where` (screen coordinates) and clicks the left button.
inline void clickAt(wxPoint where) {
    wxUIActionSimulator mouse;
    mouse.MouseMove(where);
    settle();
    mouse.MouseClick();
    settle();
}

// Clicks the middle of a control that is on the screen.
inline void clickWindow(wxWindow& window) {
    REQUIRE(window.IsShownOnScreen());
    clickAt(window.GetScreenRect().GetPosition() + window.GetSize() / 2);
}

// Clicks the button named `name`, which must be enabled.
inline void clickButton(wxWindow& frame, const char* name) {
    auto& button = widget<wxButton>(frame, name);
    REQUIRE(button.IsEnabled());
    clickWindow(button);
}

}  // namespace boxoffice::test
