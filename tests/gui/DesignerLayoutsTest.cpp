// Managing the demo event's ticket layouts in the Designer tab on a real store under Xvfb: the
// default layout duplicated, the copy renamed, a product assigned to it, made the default, and
// deleted once the original is the default again; the store checked after each step. And Save
// against a layout changed behind the designer's back: the question appears, Cancel keeps the
// edit unsaved and the other change stored, Overwrite stores the designer's version. The dialogs
// (the name, the products, the question) are answered by a wxModalDialogHook, as a person would
// answer them; the Manage layout menu's items call DesignerPanel::layoutAction. And closing the
// window with unsaved changes: Cancel keeps it open, Save stores the layout and then closes it.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/pdf/Layouts.h"
#include "designer/DesignerPanel.h"
#include "designer/ProductsDialog.h"

#include <catch2/catch.hpp>
#include <functional>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

using namespace boxoffice;

namespace {

using test::settle;
using test::waitUntil;
using test::widget;
using test::DesignerOnDemo;
using test::DialogAnswers;

std::vector<model::TicketLayout> storedLayouts(const std::filesystem::path& db, model::Id eventId) {
    model::Store store(db);
    return model::LayoutRepository(store).list(eventId);
}

const model::TicketLayout* named(const std::vector<model::TicketLayout>& layouts, const std::string& name) {
    for (const auto& l : layouts) {
        if (l.name == name) {
            return &l;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("the Designer duplicates, renames, assigns products to, makes default and deletes a layout") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "layouts.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    auto& choice = widget<wxChoice>(window, "designer.layout");
    CHECK(widget<wxButton>(window, "designer.manage").IsEnabled());
    const model::Id original = *panel->layoutId();
    auto before = storedLayouts(d.db, d.eventId);
    REQUIRE(before.size() == 1);
    const std::string originalName = before.front().name;
    DialogAnswers dialogs;

    // Duplicate: the copy is stored, not the default, and opened.
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Duplicate);
    waitUntil(window, [&] { return panel->layoutId() && *panel->layoutId() != original && panel->document(); });
    REQUIRE(panel->layoutId() != original);
    const model::Id copy = *panel->layoutId();
    {
        const auto layouts = storedLayouts(d.db, d.eventId);
        REQUIRE(layouts.size() == 2);
        const auto* made = named(layouts, originalName + " (copy)");
        REQUIRE(made != nullptr);
        CHECK(made->id == copy);
        CHECK_FALSE(made->isDefault);
        CHECK(made->layout == before.front().layout);
        CHECK(made->itemAssignments.empty());
    }
    CHECK(choice.GetCount() == 3);  // the two layouts and the certificate of attendance
    CHECK(choice.GetStringSelection() == wxString::FromUTF8(originalName + " (copy)"));

    // Rename: the name typed into the dialog is stored and listed.
    dialogs.answer = [](wxDialog& dialog) {
        auto* entry = dynamic_cast<wxTextEntryDialog*>(&dialog);
        REQUIRE(entry != nullptr);
        CHECK(entry->GetValue().EndsWith(" (copy)"));
        entry->SetValue("  Balcony ");
        return wxID_OK;
    };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Rename);
    waitUntil(window, [&] { return choice.GetStringSelection() == "Balcony"; });
    CHECK(dialogs.asked == 1);
    CHECK(choice.GetStringSelection() == "Balcony");
    CHECK(named(storedLayouts(d.db, d.eventId), "Balcony") != nullptr);

    // Products: the first product checked in the dialog is assigned to the layout.
    model::Id product = 0;
    dialogs.answer = [&](wxDialog& dialog) {
        auto* products = dynamic_cast<gui::ProductsDialog*>(&dialog);
        REQUIRE(products != nullptr);
        auto& list = products->list();
        REQUIRE(list.GetCount() > 0);
        for (unsigned i = 0; i < list.GetCount(); ++i) {
            CHECK_FALSE(list.IsChecked(i));
        }
        list.Check(0);
        product = products->checked().front();
        return wxID_OK;
    };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Products);
    waitUntil(window, [&] {
        const auto* l = named(storedLayouts(d.db, d.eventId), "Balcony");
        return l && !l->itemAssignments.empty();
    });
    CHECK(dialogs.asked == 2);
    {
        const auto* l = named(storedLayouts(d.db, d.eventId), "Balcony");
        REQUIRE(l != nullptr);
        REQUIRE_FALSE(l->itemAssignments.empty());
        for (const auto& a : l->itemAssignments) {
            CHECK(a.itemId == product);
        }
    }

    // Make default: the copy is the event's default, the original no longer.
    panel->layoutAction(gui::DesignerPanel::LayoutAction::MakeDefault);
    waitUntil(window, [&] { return choice.GetStringSelection() == "Balcony (default)"; });
    CHECK(choice.GetStringSelection() == "Balcony (default)");
    {
        const auto layouts = storedLayouts(d.db, d.eventId);
        REQUIRE(named(layouts, "Balcony") != nullptr);
        CHECK(named(layouts, "Balcony")->isDefault);
        CHECK_FALSE(named(layouts, originalName)->isDefault);
    }
    // The pointer out of the way, then the screenshot: the renamed default layout in the choice.
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(panel->canvas().GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-layouts").empty());

    // The default is not deleted (no question is asked); once the original is the default
    // again, it is, after the question, and the designer opens the default.
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Delete);
    test::waitForTasks(window);
    CHECK(storedLayouts(d.db, d.eventId).size() == 2);
    auto chooseLayout = [&](const wxString& label) { test::chooseEntry(choice, label); };
    chooseLayout(wxString::FromUTF8(originalName));
    waitUntil(window, [&] { return panel->layoutId() == original && panel->document(); });
    REQUIRE(panel->layoutId() == original);
    panel->layoutAction(gui::DesignerPanel::LayoutAction::MakeDefault);
    waitUntil(window, [&] { return choice.FindString("Balcony") != wxNOT_FOUND; });
    chooseLayout("Balcony");
    waitUntil(window, [&] { return panel->layoutId() == copy && panel->document(); });
    REQUIRE(panel->layoutId() == copy);
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Delete);  // confirmed (messages go to stderr in tests)
    waitUntil(window, [&] { return panel->layoutId() == original && panel->document(); });
    {
        const auto layouts = storedLayouts(d.db, d.eventId);
        REQUIRE(layouts.size() == 1);
        CHECK(layouts.front().id == original);
        CHECK(layouts.front().isDefault);
    }
    CHECK(panel->layoutId() == original);
    CHECK(choice.GetCount() == 2);  // the layout and the certificate of attendance
    CHECK(choice.GetStringSelection() == wxString::FromUTF8(originalName + " (default)"));
    CHECK(dialogs.asked == 2);
}

TEST_CASE("the Designer asks before overwriting a layout changed elsewhere since it was opened") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "conflict.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    const model::Id id = *panel->layoutId();
    const std::size_t elements = panel->document()->size();
    REQUIRE(elements >= 2);

    // An edit here: every element duplicated.
    panel->command(wxID_SELECTALL);
    settle();
    test::clickButton(window, "designer.duplicate");
    REQUIRE(panel->document()->size() == 2 * elements);
    REQUIRE(panel->modified());

    // Meanwhile elsewhere (a scanner client, another box office): the last element removed.
    nlohmann::json elsewhere;
    {
        model::Store store(d.db);
        auto stored = model::LayoutRepository(store).byId(d.eventId, id);
        REQUIRE(stored);
        elsewhere = stored->layout;
        elsewhere.erase(elsewhere.size() - 1);
        pdf::LayoutEdit edit;
        edit.layout = elsewhere;
        const auto saved = pdf::saveLayout(store, d.eventId, id, edit, pdf::EditMode::Patch);
        REQUIRE(saved);
        elsewhere = saved->layout;
    }
    test::waitForTasks(window);
    REQUIRE(panel->modified());  // the reload that change caused kept the edit

    // Save: the question, answered Cancel. Nothing is stored, the edit stays.
    DialogAnswers dialogs;
    wxString question;
    dialogs.answer = [&](wxDialog& dialog) {
        auto* message = dynamic_cast<wxMessageDialog*>(&dialog);
        REQUIRE(message != nullptr);
        question = message->GetMessage();
        CHECK(message->GetYesLabel().EndsWith("Overwrite"));  // GTK writes the mnemonic as _
        CHECK(message->GetNoLabel() == "Cancel");
        return wxID_NO;
    };
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return dialogs.asked > 0 && !panel->saving(); });
    REQUIRE(dialogs.asked == 1);
    CHECK(question.Contains("was changed elsewhere"));
    CHECK(panel->modified());
    CHECK(panel->document()->size() == 2 * elements);
    CHECK(widget<wxStaticText>(window, "designer.state").GetLabel() == "Unsaved changes");
    {
        model::Store store(d.db);
        CHECK(model::LayoutRepository(store).byId(d.eventId, id)->layout == elsewhere);
    }

    // Save again, answered Overwrite: the designer's version is stored.
    dialogs.answer = [](wxDialog&) { return wxID_YES; };
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    CHECK(dialogs.asked == 2);
    REQUIRE_FALSE(panel->modified());
    CHECK(widget<wxStaticText>(window, "designer.state").GetLabel() == "All changes saved");
    {
        model::Store store(d.db);
        const auto stored = model::LayoutRepository(store).byId(d.eventId, id);
        REQUIRE(stored);
        auto parsed = layout::parseLayout(stored->layout);
        REQUIRE(parsed);
        // As the save use case stores it (mm with two decimals).
        CHECK(layout::toJsonText(parsed.value(), -1) == layout::toJsonText(panel->document()->layout(), -1));
        CHECK(parsed->elements.size() == 2 * elements);
    }

    // The next save is based on what was stored: no question.
    panel->command(wxID_SELECTALL);
    test::clickButton(window, "designer.delete");
    REQUIRE(panel->modified());
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    CHECK_FALSE(panel->modified());
    CHECK(dialogs.asked == 2);
}

TEST_CASE("the Designer asks before the window closes with unsaved changes, and Save stores them first") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "close.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    const model::Id id = *panel->layoutId();
    const std::size_t elements = panel->document()->size();
    panel->command(wxID_SELECTALL);
    settle();
    test::clickButton(window, "designer.duplicate");
    REQUIRE(panel->modified());

    DialogAnswers dialogs;
    wxString question;
    int answer = wxID_CANCEL;
    dialogs.answer = [&](wxDialog& dialog) {
        auto* message = dynamic_cast<wxMessageDialog*>(&dialog);
        REQUIRE(message != nullptr);
        question = message->GetMessage();
        return answer;
    };
    // Cancel: the window stays, with the edit.
    CHECK_FALSE(window.Close());
    settle();
    REQUIRE(dialogs.asked == 1);
    CHECK(question.Contains("not saved"));
    REQUIRE(d.frame->alive());
    CHECK(panel->modified());
    CHECK(panel->document()->size() == 2 * elements);

    // Save: stored first, then the window closes by itself.
    answer = wxID_YES;
    window.Close();
    // The save runs on a worker; its result closes the window, deleted at idle time (the frame
    // and the panel are gone then: only the weak reference is asked).
    for (int i = 0; i < 1000 && d.frame->alive(); ++i) {
        wxYield();
        test::runPendingUiWork();
        wxTheApp->ProcessIdle();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(dialogs.asked == 2);
    CHECK_FALSE(d.frame->alive());
    model::Store store(d.db);
    const auto stored = model::LayoutRepository(store).byId(d.eventId, id);
    REQUIRE(stored);
    auto parsed = layout::parseLayout(stored->layout);
    REQUIRE(parsed);
    CHECK(parsed->elements.size() == 2 * elements);
}
