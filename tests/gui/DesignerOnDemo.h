// What the Designer tab's GUI tests share: the demo event in a new store with the main frame on
// it showing the Designer tab and the default layout open, and a hook that answers the modal
// dialogs the tab shows, as a person would. Main thread only.
#pragma once

#include "Driving.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/Importer.h"
#include "designer/DesignerPanel.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <wx/modalhook.h>
#include <wx/notebook.h>
#include <wx/uiaction.h>

namespace boxoffice::test {

// Answers every modal dialog with `answer` instead of showing it, counting them.
class DialogAnswers : public wxModalDialogHook {
public:
    DialogAnswers() { Register(); }
    ~DialogAnswers() override { Unregister(); }
    std::function<int(wxDialog&)> answer;
    int asked = 0;

protected:
    int Enter(wxDialog* dialog) override {
        ++asked;
        REQUIRE(answer);
        return answer(*dialog);
    }
    void Exit(wxDialog*) override {}
};

struct DesignerOnDemo {
    explicit DesignerOnDemo(const std::filesystem::path& file) : db(file) {
        {
            model::Store store(db);
            const auto demo = importer::ensureDemoEvent(store);
            REQUIRE(demo);
            eventId = demo->eventId;
        }
        frame = std::make_unique<FrameUnderTest>(db);
        auto& window = frame->frame();
        window.SetSize(wxSize(1280, 800));
        settle();
        window.SetFocus();
        wxUIActionSimulator keyboard;
        keyboard.Char('3', wxMOD_CONTROL);  // View > Designer
        settle();
        REQUIRE(widget<wxNotebook>(window, "notebook").GetSelection() == 2);
        panel = dynamic_cast<gui::DesignerPanel*>(wxWindow::FindWindowByName("designer", &window));
        REQUIRE(panel != nullptr);
        waitUntil(window, [&] { return panel->document() != nullptr && panel->layoutId().has_value(); });
        REQUIRE(panel->document() != nullptr);
    }
    gui::MainFrame& window() { return frame->frame(); }

    std::filesystem::path db;
    model::Id eventId = 0;
    std::unique_ptr<FrameUnderTest> frame;
    gui::DesignerPanel* panel = nullptr;
};

}  // namespace boxoffice::test
