#include "boxoffice/gui/SmokeTest.h"

#include "boxoffice/gui/MainFrame.h"

#include <chrono>
#include <string>
#include <wx/app.h>
#include <wx/utils.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>

namespace boxoffice::gui {

namespace {

template <class T> T* child(wxWindow& parent, const char* name) {
    return dynamic_cast<T*>(wxWindow::FindWindowByName(wxString::FromUTF8(name), &parent));
}

void line(std::ostream& out, const char* key, const wxString& value) {
    out << key << ": " << value.utf8_string() << '\n';
}

// Lets the session's workers finish what the window asked of them (at most 30 s), handling the
// UI events meanwhile, so the report shows what a person would see once the window settled.
void settle(MainFrame& frame) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (frame.session().pendingTasks() > 0 && std::chrono::steady_clock::now() < deadline) {
        wxMilliSleep(5);
        wxTheApp->Yield(true);
    }
}

void reportEvent(MainFrame& frame, std::ostream& out) {
    settle(frame);
    line(out, "title", frame.GetTitle());
    line(out, "event.id", wxString::Format(wxS("%lld"), static_cast<long long>(frame.currentEvent())));
    if (auto* choice = child<wxChoice>(frame, "eventChoice")) {
        line(out, "event.selected", choice->GetStringSelection());
    }
    if (auto* orders = child<wxDataViewCtrl>(frame, "orders.list"); orders && orders->GetModel()) {
        const auto* rows = dynamic_cast<const wxDataViewVirtualListModel*>(orders->GetModel());
        line(out, "orders.rows", wxString::Format(wxS("%u"), rows != nullptr ? rows->GetCount() : 0U));
    }
    if (auto* empty = frame.FindWindowByName(wxS("orders.empty"), &frame)) {
        line(out, "orders.empty", empty->IsShown() ? wxS("shown") : wxS("hidden"));
    }
    if (auto* lists = child<wxListCtrl>(frame, "checkinLists.list")) {
        line(out, "checkinLists.rows", wxString::Format(wxS("%d"), lists->GetItemCount()));
    }
    line(out, "status.orders", frame.GetStatusBar()->GetStatusText(1));
    line(out, "status.checkins", frame.GetStatusBar()->GetStatusText(2));
}

} // namespace

void runSmokeTest(MainFrame& frame, std::ostream& out) {
    line(out, "window.shown", frame.IsShown() ? wxS("yes") : wxS("no"));
    line(out, "status.path", frame.GetStatusBar()->GetStatusText(0));
    if (auto* notebook = child<wxNotebook>(frame, "notebook")) {
        line(out, "tabs", wxString::Format(wxS("%zu"), notebook->GetPageCount()));
        for (std::size_t i = 0; i < notebook->GetPageCount(); ++i) {
            line(out, "tab", notebook->GetPageText(i));
        }
    }
    if (auto* choice = child<wxChoice>(frame, "eventChoice")) {
        line(out, "events", wxString::Format(wxS("%u"), choice->GetCount()));
        for (unsigned i = 0; i < choice->GetCount(); ++i) {
            line(out, "event", choice->GetString(i));
        }
    }
    reportEvent(frame, out);
    // Switch through every event as the switcher would, then back to the first one shown.
    const model::Id first = frame.currentEvent();
    for (const auto& event : frame.events()) {
        frame.switchToEvent(event.id);
        line(out, "switched", wxString::Format(wxS("%lld"), static_cast<long long>(event.id)));
        reportEvent(frame, out);
    }
    frame.switchToEvent(first);
}

} // namespace boxoffice::gui
