// What the Designer tab's GUI tests share: the demo event in a new store with the main frame on
// it showing the Designer tab and the default layout open, a hook that answers the modal
// dialogs the tab shows, as a person would, and what the canvas snaps a moved element to.
// Main thread only.
#pragma once

#include "Driving.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/Importer.h"
#include "designer/DesignerCanvas.h"
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

// The index of the first QR code of `layout` (the default layout has one).
inline std::size_t qrCodeOf(const layout::Layout& layout) {
    for (std::size_t i = 0; i < layout.elements.size(); ++i) {
        if (std::holds_alternative<layout::BarcodeArea>(layout.elements[i])) {
            return i;
        }
    }
    FAIL("the layout has no QR code");
    return 0;
}

// What the canvas snaps element `moving` to, worked out apart from the canvas's own code: the
// other elements' edges and centres (with the document's own frames), the page's, the guides.
inline layout::SnapTargets snapTargetsBesides(const layout::Document& doc, std::size_t moving,
                                              const gui::DesignerCanvas& canvas) {
    using layout::Length;
    const auto page = canvas.pageSize();
    layout::SnapTargets targets;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        if (i != moving) {
            const auto b = layout::boundsOf(doc.frame(i));
            targets.xs.insert(targets.xs.end(), {b.left, b.centerX(), b.right()});
            targets.ys.insert(targets.ys.end(), {b.bottom, b.centerY(), b.top()});
        }
    }
    targets.xs.insert(targets.xs.end(), {Length{}, Length::pt(page.width / 2), Length::pt(page.width)});
    targets.ys.insert(targets.ys.end(), {Length{}, Length::pt(page.height / 2), Length::pt(page.height)});
    for (const auto& guide : canvas.guides()) {
        (guide.vertical ? targets.xs : targets.ys).push_back(guide.at);
    }
    return targets;
}

}  // namespace boxoffice::test
