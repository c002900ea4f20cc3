// The Designer tab's layout as JSON on the demo event under Xvfb. The source view: broken JSON
// and an invalid property show their problem under the text and disable Apply; a corrected text
// with an element moved applies as one undo step, unsaved until Save, and Undo brings the old
// layout back; Cancel changes nothing. Export writes the layout as it is edited to a file that
// parses to the same layout; importing a file with an element fewer replaces the layout as one
// undo step, and an invalid file changes nothing. The source dialog is answered by a
// wxModalDialogHook that shows it, types into it and then answers as Apply or Cancel would; the
// file dialogs by the panel's path seams.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/layout/LayoutJson.h"
#include "designer/DesignerPanel.h"
#include "designer/SourceDialog.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <iterator>
#include <wx/modalhook.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

using namespace boxoffice;

namespace {

using test::settle;
using test::waitUntil;
using test::widget;
using test::DesignerOnDemo;
using test::DialogAnswers;

// Types `text` into the source view (as a paste would: one change event) and lets the check that
// follows a pause in typing run; true once the status line says something new.
bool typeInto(gui::SourceDialog& dialog, const wxString& text) {
    const wxString before = dialog.status().GetLabel();
    dialog.text().SetValue(text);  // sends the text event typing sends
    for (int i = 0; i < 150 && dialog.status().GetLabel() == before; ++i) {
        wxYield();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    settle();
    return dialog.status().GetLabel() != before;
}

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

double leftMm(const layout::Layout& l, std::size_t i) { return layout::base(l.elements.at(i)).left.toMm(); }

} // namespace

TEST_CASE("the Designer's JSON source view checks as you type and applies as one undo step") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "source.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    const layout::Layout original = panel->document()->layout();
    const std::size_t elements = original.elements.size();
    REQUIRE(elements >= 2);
    REQUIRE_FALSE(panel->modified());
    DialogAnswers dialogs;

    // Cancel after an edit: nothing changes.
    dialogs.answer = [&](wxDialog& dialog) {
        auto* source = dynamic_cast<gui::SourceDialog*>(&dialog);
        REQUIRE(source != nullptr);
        REQUIRE(typeInto(*source, wxS("[]")));
        CHECK(source->status().GetLabel() == "Valid layout: 0 elements");
        return wxID_CANCEL;
    };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Source);
    settle();
    CHECK(dialogs.asked == 1);
    CHECK(panel->document()->layout() == original);
    CHECK_FALSE(panel->document()->canUndo());

    // Broken JSON, then an invalid property: the problem is shown and Apply disabled. Then a
    // valid text with the first element moved: Apply.
    auto moved = nlohmann::ordered_json::parse(layout::toJsonText(original, 2));
    moved[0]["left"] = "12.34";
    const wxString movedText = wxString::FromUTF8(moved.dump(2));
    dialogs.answer = [&](wxDialog& dialog) {
        auto* source = dynamic_cast<gui::SourceDialog*>(&dialog);
        REQUIRE(source != nullptr);
        source->Show();
        settle();
        const wxString shown = source->text().GetValue();
        auto parsed = layout::parseLayoutText(shown.utf8_string());
        REQUIRE(parsed);
        CHECK(parsed.value() == original);
        CHECK(shown.Contains("\n  {"));  // pretty-printed
        CHECK(source->status().GetLabel() ==
              wxString::Format("Valid layout: %zu elements", elements));
        CHECK(source->applyButton().IsEnabled());

        // The closing bracket gone: where the JSON stops.
        REQUIRE(typeInto(*source, shown.BeforeLast(']')));
        CHECK(source->status().GetLabel().StartsWith("Not valid JSON at line "));
        CHECK_FALSE(source->applyButton().IsEnabled());
        CHECK_FALSE(source->layout().has_value());

        // Valid JSON, but a position that is no number: the layout parser names the property.
        auto wrong = moved;
        wrong[1]["bottom"] = "low";
        REQUIRE(typeInto(*source, wxString::FromUTF8(wrong.dump(2))));
        CHECK(source->status().GetLabel().Contains("bottom"));
        CHECK_FALSE(source->status().GetLabel().StartsWith("Valid"));
        CHECK_FALSE(source->applyButton().IsEnabled());

        REQUIRE(typeInto(*source, movedText));
        CHECK(source->status().GetLabel() ==
              wxString::Format("Valid layout: %zu elements", elements));
        CHECK(source->applyButton().IsEnabled());
        source->text().SetInsertionPoint(0);
        CHECK_FALSE(test::saveScreenshot(*source, "designer-source").empty());
        source->Hide();
        return wxID_OK;
    };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Source);
    settle();
    CHECK(dialogs.asked == 2);
    REQUIRE(panel->document()->size() == elements);
    CHECK(leftMm(panel->document()->layout(), 0) == Approx(12.34));
    CHECK(leftMm(original, 0) != Approx(12.34));
    CHECK(panel->modified());
    CHECK(widget<wxStaticText>(window, "designer.state").GetLabel() == "Unsaved changes");
    CHECK(panel->undoText() == "Undo Replace the layout");

    // One step: a single Undo restores the layout as it was.
    panel->command(wxID_UNDO);
    settle();
    CHECK(panel->document()->layout() == original);
    CHECK_FALSE(panel->modified());
    CHECK_FALSE(panel->document()->canUndo());
    panel->command(wxID_REDO);
    CHECK(leftMm(panel->document()->layout(), 0) == Approx(12.34));
}

TEST_CASE("the Designer exports its layout as pretix layout JSON and imports one") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "files.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    const layout::Layout original = panel->document()->layout();
    const std::size_t elements = original.elements.size();
    REQUIRE(elements >= 2);

    // Export: the file holds the layout, as pretix writes it.
    const auto exported = tmp / "exported.json";
    wxString suggested;
    panel->askJsonExportPath = [&](const wxString& name) {
        suggested = name;
        return wxString(exported.string());
    };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::ExportJson);
    waitUntil(window, [&] { return std::filesystem::exists(exported); });
    CHECK(suggested.EndsWith(".json"));
    REQUIRE(std::filesystem::exists(exported));
    for (const auto& entry : std::filesystem::directory_iterator(tmp.path())) {  // no temporary file left
        CHECK(entry.path().extension() != ".tmp");
    }
    const std::string text = readFile(exported);
    auto parsed = layout::parseLayoutText(text);
    REQUIRE(parsed);
    CHECK(parsed.value() == original);
    CHECK(layout::toJsonText(parsed.value(), -1) == layout::toJsonText(original, -1));
    CHECK_FALSE(panel->modified());

    // Import a file with the last element removed: one element fewer, unsaved, one undo step.
    auto fewer = nlohmann::json::parse(text);
    fewer.erase(fewer.size() - 1);
    const auto imported = tmp / "fewer.json";
    writeFile(imported, fewer.dump());
    wxString importPath = wxString(imported.string());
    panel->askJsonImportPath = [&] { return importPath; };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::ImportJson);
    waitUntil(window, [&] { return panel->document()->size() == elements - 1; });
    REQUIRE(panel->document()->size() == elements - 1);
    CHECK(panel->modified());
    CHECK(panel->undoText() == "Undo Replace the layout");

    // An invalid file (not a layout, and not JSON): nothing changes.
    const auto invalid = tmp / "invalid.json";
    writeFile(invalid, R"([{"type": "textarea", "page": 1}])");
    importPath = wxString(invalid.string());
    panel->layoutAction(gui::DesignerPanel::LayoutAction::ImportJson);
    test::waitForTasks(window);
    settle();
    CHECK(panel->document()->size() == elements - 1);
    writeFile(invalid, "{ not json");
    panel->layoutAction(gui::DesignerPanel::LayoutAction::ImportJson);
    test::waitForTasks(window);
    settle();
    CHECK(panel->document()->size() == elements - 1);
    importPath = wxString((tmp / "missing.json").string());
    panel->layoutAction(gui::DesignerPanel::LayoutAction::ImportJson);
    test::waitForTasks(window);
    settle();
    CHECK(panel->document()->size() == elements - 1);

    panel->command(wxID_UNDO);
    CHECK(panel->document()->layout() == original);
    CHECK_FALSE(panel->modified());
}
