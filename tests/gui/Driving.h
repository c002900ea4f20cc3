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
#include <wx/choice.h>
#include <wx/listctrl.h>
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

// Runs the event loop until `done` holds (at most `seconds`), then until the frame's tasks are
// done: a simulated click reaches the window through the X server a moment after the call that
// made it, and the work it starts runs on the session's workers.
template <class Done>
void waitUntil(gui::MainFrame& frame, Done done, int seconds = 20) {
    for (int i = 0; i < seconds * 50 && !done(); ++i) {
        wxYield();
        runPendingUiWork();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    waitForTasks(frame);
}

// Chooses the entry labelled `entry` of `choice` (which must have it), as picking it from the
// list does: the selection and the wxEVT_CHOICE the control sends.
inline void chooseEntry(wxChoice& choice, const wxString& entry) {
    const int index = choice.FindString(entry);
    INFO(entry.utf8_string());
    REQUIRE(index != wxNOT_FOUND);
    choice.SetSelection(index);
    wxCommandEvent event(wxEVT_CHOICE, choice.GetId());
    event.SetEventObject(&choice);
    event.SetInt(index);
    choice.ProcessWindowEvent(event);
}

// Clicks row `row` of a report list and checks that it is the one selected.
inline void selectRow(wxListCtrl& list, long row) {
    wxRect rect;
    REQUIRE(list.GetItemRect(row, rect));
    clickAt(list.ClientToScreen(wxPoint(rect.x + 40, rect.y + rect.height / 2)));
    settle();
    REQUIRE(list.GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) == row);
}

}  // namespace boxoffice::test
