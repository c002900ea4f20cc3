// The Designer tab's pages and background on the demo event under Xvfb. A blank A6 background
// (the Blank page dialog answered as a person would), a page added with the page bar's button, a
// text box added on page 2 and given its text in the source view, Save: the store holds the
// element on page 2 and an A6 background of two pages, and a ticket printed with the stored
// layout has the text on its second page only. The page bar's buttons show one page at a time,
// whose elements alone are selected. A file that is no PDF is refused with a message and changes
// nothing; another background keeps every element where it was, as one undo step; Export writes
// the background beside the JSON and Import takes it from there. Remove page: the question names
// the elements that go and the background's page, the pages after it move up with their own
// background pages, one undo step; a page button's context menu and the keyboard reach it too; a
// page with a locked element is refused; the last page cannot go. The file dialogs are answered by the panel's path seams, the
// other dialogs by a wxModalDialogHook.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/render/BackgroundPdf.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/TicketLoader.h"
#include "designer/DesignerPanel.h"
#include "designer/PageBar.h"
#include "designer/PageSizeDialog.h"
#include "designer/SourceDialog.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/tglbtn.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using test::DesignerOnDemo;
using test::DialogAnswers;
using test::settle;
using test::waitUntil;
using test::widget;

void writeBytes(const std::filesystem::path& file, const std::vector<unsigned char>& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<unsigned char> readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// pdfinfo's answer for `pdf` (pages `first` to `last`, so it names their sizes).
std::string pdfInfo(const std::filesystem::path& pdf, int first = 1, int last = 1) {
    const auto info = test::run({"/usr/bin/pdfinfo", "-f", std::to_string(first), "-l", std::to_string(last), pdf.string()});
    REQUIRE(info.exitCode == 0);
    return info.out;
}

std::string pageText(const std::filesystem::path& pdf, int page) {
    const auto text = test::run({"/usr/bin/pdftotext", "-f", std::to_string(page), "-l", std::to_string(page), pdf.string(), "-"});
    REQUIRE(text.exitCode == 0);
    return text.out;
}

// Waits until the canvas shows a picture of the document as it is now.
void waitForPicture(gui::MainFrame& frame, gui::DesignerCanvas& canvas, int after) {
    waitUntil(frame, [&] { return canvas.pictures() > after && !canvas.rendering(); });
    REQUIRE(canvas.pictures() > after);
    REQUIRE_FALSE(canvas.rendering());
}

// Error messages as boxes (the tests' default writes them to stderr), for as long as it lives.
struct MessagesAsBoxes {
    MessagesAsBoxes() { gui::setMessagesToStderr(false); }
    ~MessagesAsBoxes() { gui::setMessagesToStderr(true); }
};

// Selects everything on the canvas's page with Ctrl+A, as a person does.
std::vector<std::size_t> selectAllWithKeys(gui::DesignerPanel& panel) {
    panel.canvas().SetFocus();
    settle();
    wxUIActionSimulator keyboard;
    keyboard.Char('A', wxMOD_CONTROL);
    settle();
    return panel.document()->selection();
}

} // namespace

TEST_CASE("the Designer puts a layout on a blank A6 page, adds a page and prints a text on page 2") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "pages.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    auto& canvas = panel->canvas();
    waitForPicture(window, canvas, 0);
    auto& bar = widget<gui::PageBar>(window, "designer.pages");
    REQUIRE(bar.count() == 1);
    CHECK(bar.pageButton(1)->GetLabel() == "Page 1");
    CHECK(bar.pageButton(1)->GetValue());
    CHECK(widget<wxStaticText>(window, "designer.pageSize").GetLabel() == "210 x 297 mm");
    const layout::Layout original = panel->document()->layout();
    const std::size_t elements = original.elements.size();
    REQUIRE(elements >= 2);
    DialogAnswers dialogs;

    // Blank page: A6.
    dialogs.answer = [&](wxDialog& dialog) {
        auto* sizes = dynamic_cast<gui::PageSizeDialog*>(&dialog);
        REQUIRE(sizes != nullptr);
        CHECK(sizes->paper().GetSelection() == 0);  // A4, as the demo's background is
        sizes->paper().SetSelection(2);
        CHECK(sizes->paper().GetStringSelection().StartsWith("A6"));
        CHECK_FALSE(sizes->landscape().GetValue());
        CHECK(sizes->pageSize().width == Approx(297.638).margin(0.001));
        CHECK(sizes->pageSize().height == Approx(419.528).margin(0.001));
        return wxID_OK;
    };
    int pictures = canvas.pictures();
    panel->backgroundAction(gui::DesignerPanel::BackgroundAction::Blank);
    waitUntil(window, [&] { return panel->document()->background()->width.toPt() < 300.0; });
    CHECK(dialogs.asked == 1);
    const auto& a6 = *panel->document()->background();
    CHECK(a6.pages == 1);
    CHECK(a6.width.toPt() == Approx(297.638).margin(0.001));
    CHECK(a6.height.toPt() == Approx(419.528).margin(0.001));
    CHECK_FALSE(a6.storedId.has_value());
    CHECK(panel->document()->layout() == original);  // every element where it was
    CHECK(panel->modified());
    CHECK(panel->undoText() == "Undo Change the background");
    waitForPicture(window, canvas, pictures);
    CHECK(canvas.pageSize().width == Approx(297.638).margin(0.001));
    CHECK(widget<wxStaticText>(window, "designer.pageSize").GetLabel() == "105 x 148 mm");

    // Add page: a second A6 page, shown.
    pictures = canvas.pictures();
    test::clickButton(window, "designer.addPage");
    waitUntil(window, [&] { return panel->document()->printedPages() == 2 && canvas.page() == 2; });
    REQUIRE(panel->document()->printedPages() == 2);
    CHECK(panel->undoText() == "Undo Add a page");
    REQUIRE(bar.count() == 2);
    CHECK(bar.pageButton(2)->GetLabel() == "Page 2");
    CHECK(bar.pageButton(2)->GetValue());
    CHECK_FALSE(bar.pageButton(1)->GetValue());
    CHECK(canvas.page() == 2);
    waitForPicture(window, canvas, pictures);
    CHECK(canvas.pageSize().height == Approx(419.528).margin(0.001));
    CHECK(selectAllWithKeys(*panel).empty());  // nothing on page 2 yet

    // A text box added now goes onto page 2; the source view gives it its text.
    test::clickButton(window, "designer.add.textbox");
    REQUIRE(panel->document()->size() == elements + 1);
    const std::size_t added = elements;
    CHECK(layout::base(panel->document()->element(added)).page == 2);
    auto edited = nlohmann::ordered_json::parse(layout::toJsonText(panel->document()->layout(), 2));
    edited[added]["content"] = "other";
    edited[added]["text"] = "Backside";
    dialogs.answer = [&](wxDialog& dialog) {
        auto* source = dynamic_cast<gui::SourceDialog*>(&dialog);
        REQUIRE(source != nullptr);
        source->text().SetValue(wxString::FromUTF8(edited.dump(2)));
        return wxID_OK;
    };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Source);
    settle();
    REQUIRE(panel->document()->size() == elements + 1);
    const auto* text = std::get_if<layout::TextContainer>(&panel->document()->element(added));
    REQUIRE(text != nullptr);
    CHECK(text->content.text == "Backside");
    CHECK(canvas.page() == 2);

    // Page 2 shows, hits and selects its element alone; page 1 the others.
    CHECK(selectAllWithKeys(*panel) == std::vector<std::size_t>{added});
    {
        const auto box = panel->document()->frame(added).box;
        panel->canvas().SetFocus();
        wxUIActionSimulator keyboard;
        keyboard.Char(WXK_ESCAPE);
        settle();
        REQUIRE(panel->document()->selection().empty());
        test::clickAt(canvas.pageToScreen(layout::Point{box.centerX(), box.centerY()}));
        CHECK(panel->document()->selection() == std::vector<std::size_t>{added});
    }
    pictures = canvas.pictures();
    test::clickWindow(*bar.pageButton(1));
    waitUntil(window, [&] { return canvas.page() == 1 && canvas.pictures() > pictures && !canvas.rendering(); });
    REQUIRE(canvas.page() == 1);
    CHECK(bar.pageButton(1)->GetValue());
    CHECK_FALSE(bar.pageButton(2)->GetValue());
    CHECK(panel->document()->selection().empty());  // elements of other pages are kept aside
    const auto onFirst = selectAllWithKeys(*panel);
    CHECK(onFirst.size() == elements);
    CHECK(std::find(onFirst.begin(), onFirst.end(), added) == onFirst.end());
    pictures = canvas.pictures();
    test::clickWindow(*bar.pageButton(2));
    waitForPicture(window, canvas, pictures);
    CHECK(canvas.page() == 2);
    CHECK_FALSE(test::saveScreenshot(window, "designer-pages").empty());

    // Save: the element on page 2, and the A6 background of two pages stored with the layout.
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    REQUIRE_FALSE(panel->modified());
    CHECK(widget<wxStaticText>(window, "designer.state").GetLabel() == "All changes saved");
    model::Store store(d.db);
    const auto stored = model::LayoutRepository(store).byId(d.eventId, *panel->layoutId());
    REQUIRE(stored);
    auto storedLayout = layout::parseLayout(stored->layout);
    REQUIRE(storedLayout);
    REQUIRE(storedLayout->elements.size() == elements + 1);
    CHECK(layout::base(storedLayout->elements[added]).page == 2);
    REQUIRE(stored->background.has_value());
    CHECK(panel->document()->background()->storedId == stored->background);
    const auto file = model::LayoutRepository(store).file(*stored->background);
    REQUIRE(file);
    CHECK_FALSE(file->expires.has_value());
    const auto background = tmp / "stored-background.pdf";
    writeBytes(background, file->data);
    const std::string info = pdfInfo(background, 1, 2);
    CHECK(info.find("Pages:           2") != std::string::npos);
    CHECK(info.find("Page    1 size:  297.638 x 419.528 pts") != std::string::npos);
    CHECK(info.find("Page    2 size:  297.638 x 419.528 pts") != std::string::npos);

    // A ticket printed with the stored layout: two A6 pages, the text on the second.
    render::TicketLoader loader(store);
    const auto positions = loader.allPositions(d.eventId);
    REQUIRE_FALSE(positions.empty());
    auto jobs = loader.jobs(d.eventId, {positions.front()});
    REQUIRE(jobs);
    const auto ticket = tmp / "ticket.pdf";
    auto printed = render::renderTickets(jobs.value(), ticket);
    REQUIRE(printed);
    const std::string ticketInfo = pdfInfo(ticket, 1, 2);
    CHECK(ticketInfo.find("Pages:           2") != std::string::npos);
    CHECK(ticketInfo.find("Page    2 size:  297.638 x 419.528 pts") != std::string::npos);
    CHECK(pageText(ticket, 2).find("Backside") != std::string::npos);
    CHECK(pageText(ticket, 1).find("Backside") == std::string::npos);

    // Saved again unchanged, the background is not stored a second time.
    auto files = [&] { return store.db().execAndGet("SELECT COUNT(*) FROM stored_file").getInt(); };
    const int filesNow = files();
    test::clickButton(window, "designer.add.qr");
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    CHECK(files() == filesNow);
    CHECK(model::LayoutRepository(store).byId(d.eventId, *panel->layoutId())->background == stored->background);
}

TEST_CASE("the Designer refuses a file that is no PDF, keeps the elements on another background, and exports it beside the JSON") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "background.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    const layout::Layout original = panel->document()->layout();
    const layout::SharedBackground demoBackground = panel->document()->background();
    REQUIRE_FALSE(demoBackground->pdf.empty());  // pretix's default A4 page
    REQUIRE(demoBackground->storedId.has_value());
    DialogAnswers dialogs;

    // Not a PDF: a message saying so, and nothing changed.
    const auto notPdf = tmp / "prices.pdf";
    test::writeFile(notPdf, "name,price\nConcert,23.00\n");
    wxString path = wxString(notPdf.string());
    panel->askBackgroundPath = [&] { return path; };
    wxString message;
    dialogs.answer = [&](wxDialog& dialog) {
        auto* box = dynamic_cast<wxMessageDialog*>(&dialog);
        REQUIRE(box != nullptr);
        message = box->GetMessage();
        return wxID_OK;
    };
    {
        MessagesAsBoxes boxes;
        panel->backgroundAction(gui::DesignerPanel::BackgroundAction::Upload);
        waitUntil(window, [&] { return !message.empty(); });
    }
    INFO(message.utf8_string());
    CHECK(message.Contains("prices.pdf cannot be the background of the tickets"));
    CHECK(message.Contains("The background is not a PDF file."));
    CHECK(panel->document()->background() == demoBackground);
    CHECK(panel->document()->layout() == original);
    CHECK_FALSE(panel->modified());
    CHECK_FALSE(panel->document()->canUndo());

    // A two-page A5 PDF: the elements keep their positions, one undo step, a page more in the bar.
    const auto a5 = tmp / "a5.pdf";
    auto a5Pdf = render::blankBackground(render::kA5, 2);
    REQUIRE(a5Pdf);
    writeBytes(a5, a5Pdf.value());
    path = wxString(a5.string());
    dialogs.answer = [](wxDialog&) -> int { FAIL("no dialog expected"); return wxID_CANCEL; };
    panel->backgroundAction(gui::DesignerPanel::BackgroundAction::Upload);
    waitUntil(window, [&] { return panel->document()->background() != demoBackground; });
    REQUIRE(panel->document()->background()->pages == 2);
    CHECK(panel->document()->background()->pdf == a5Pdf.value());
    CHECK(panel->document()->layout() == original);
    CHECK(panel->modified());
    CHECK(panel->undoText() == "Undo Change the background");
    auto& bar = widget<gui::PageBar>(window, "designer.pages");
    CHECK(bar.count() == 2);
    CHECK(widget<wxStaticText>(window, "designer.pageSize").GetLabel() == "148 x 210 mm");

    // Undo: the demo's background again, nothing unsaved; Redo the A5 one.
    test::clickButton(window, "designer.undo");
    CHECK(panel->document()->background() == demoBackground);
    CHECK_FALSE(panel->modified());
    waitUntil(window, [&] { return bar.count() == 1; });
    CHECK(bar.count() == 1);
    test::clickButton(window, "designer.redo");
    CHECK(panel->document()->background()->pdf == a5Pdf.value());

    // Export: the JSON, and the background beside it.
    const auto exported = tmp / "Two pages.json";
    panel->askJsonExportPath = [&](const wxString&) { return wxString(exported.string()); };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::ExportJson);
    waitUntil(window, [&] { return std::filesystem::exists(tmp / "Two pages.pdf"); });
    REQUIRE(std::filesystem::exists(exported));
    REQUIRE(std::filesystem::exists(tmp / "Two pages.pdf"));
    CHECK(readBytes(tmp / "Two pages.pdf") == a5Pdf.value());
    CHECK(widget<wxStaticText>(window, "designer.state").GetLabel().Contains("the background to"));

    // Back to the demo's background; then Import takes the PDF beside the JSON as well, as one step.
    panel->command(wxID_UNDO);
    REQUIRE(panel->document()->background() == demoBackground);
    panel->askJsonImportPath = [&] { return wxString(exported.string()); };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::ImportJson);  // confirm() agrees in tests
    waitUntil(window, [&] { return panel->document()->background() != demoBackground; });
    CHECK(panel->document()->background()->pdf == a5Pdf.value());
    CHECK(panel->document()->layout() == original);
    CHECK(panel->undoText() == "Undo Replace the layout");
    panel->command(wxID_UNDO);
    CHECK(panel->document()->background() == demoBackground);
    CHECK_FALSE(panel->modified());

    // Remove background: blank A4 pages, as many as print (one), that is none at all.
    panel->backgroundAction(gui::DesignerPanel::BackgroundAction::Remove);
    settle();
    CHECK(panel->document()->background()->pdf.empty());
    CHECK(panel->document()->layout() == original);
    CHECK(widget<wxStaticText>(window, "designer.pageSize").GetLabel() == "210 x 297 mm");
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    model::Store store(d.db);
    CHECK_FALSE(model::LayoutRepository(store).byId(d.eventId, *panel->layoutId())->background.has_value());

    // An element on a page the background lacks (the source view moves it to page 3): the bar
    // says those pages print nothing, and the canvas shows it there to be found and moved.
    auto moved = nlohmann::ordered_json::parse(layout::toJsonText(panel->document()->layout(), 2));
    moved[0]["page"] = 3;
    dialogs.answer = [&](wxDialog& dialog) {
        auto* source = dynamic_cast<gui::SourceDialog*>(&dialog);
        REQUIRE(source != nullptr);
        source->text().SetValue(wxString::FromUTF8(moved.dump(2)));
        return wxID_OK;
    };
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Source);
    settle();
    REQUIRE(bar.count() == 3);
    CHECK(panel->document()->printedPages() == 1);
    CHECK(bar.pageButton(1)->GetLabel() == "Page 1");
    CHECK(bar.pageButton(3)->GetLabel() == "Page 3 (not printed)");
    auto& canvas = panel->canvas();
    const int pictures = canvas.pictures();
    test::clickWindow(*bar.pageButton(3));
    waitForPicture(window, canvas, pictures);
    CHECK(canvas.page() == 3);
    CHECK(canvas.pageSize().width == Approx(595.276).margin(0.001));
    CHECK(selectAllWithKeys(*panel) == std::vector<std::size_t>{0});
    CHECK_FALSE(test::saveScreenshot(window, "designer-pages-unprinted").empty());
}

TEST_CASE("the Designer removes a page with its elements and its background page, as one undo step") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "remove-page.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    auto& canvas = panel->canvas();
    auto& bar = widget<gui::PageBar>(window, "designer.pages");
    auto& remove = widget<wxButton>(window, "designer.removePage");
    const auto& doc = *panel->document();
    const std::size_t elements = doc.size();
    REQUIRE(bar.count() == 1);
    REQUIRE(doc.backgroundHas(1));  // pretix's default A4 background
    CHECK_FALSE(remove.IsEnabled());  // the only page

    // Two pages added (the background three pages long): a text box on page 3, two on page 2.
    test::clickButton(window, "designer.addPage");
    waitUntil(window, [&] { return doc.printedPages() == 2 && canvas.page() == 2; });
    test::clickButton(window, "designer.addPage");
    waitUntil(window, [&] { return doc.printedPages() == 3 && canvas.page() == 3; });
    REQUIRE(doc.printedPages() == 3);
    CHECK(remove.IsEnabled());
    test::clickButton(window, "designer.add.textbox");
    const std::size_t third = elements;
    REQUIRE(layout::base(doc.element(third)).page == 3);
    test::clickWindow(*bar.pageButton(2));
    REQUIRE(canvas.page() == 2);
    test::clickButton(window, "designer.add.textbox");
    test::clickButton(window, "designer.add.qr");
    REQUIRE(doc.size() == elements + 3);
    REQUIRE(doc.elementsOn(2) == 2);
    const layout::Layout before = doc.layout();
    const layout::SharedBackground three = doc.background();

    // Remove page (page 2 is shown): the question names its two elements and the background's
    // page; Cancel changes nothing.
    MessagesAsBoxes boxes;
    DialogAnswers dialogs;
    wxString question;
    int answer = wxID_NO;
    dialogs.answer = [&](wxDialog& dialog) {
        auto* message = dynamic_cast<wxMessageDialog*>(&dialog);
        REQUIRE(message != nullptr);
        question = message->GetMessage();
        return answer;
    };
    test::clickWindow(remove);
    REQUIRE(dialogs.asked == 1);
    INFO(question.utf8_string());
    CHECK(question.StartsWith("Remove page 2 and the 2 elements on it?"));
    CHECK(question.Contains("Page 2 of the background PDF goes with it."));
    CHECK(doc.layout() == before);
    CHECK(doc.background() == three);

    // Answered Remove page: the page's elements and its background page go, page 3 moves up.
    answer = wxID_YES;
    test::clickWindow(remove);
    waitUntil(window, [&] { return doc.printedPages() == 2; });
    REQUIRE(dialogs.asked == 2);
    REQUIRE(doc.printedPages() == 2);
    REQUIRE(doc.size() == elements + 1);
    CHECK(layout::base(doc.element(third)).page == 2);
    CHECK(layout::base(doc.element(third)).left == layout::base(before.elements[third]).left);
    CHECK(panel->undoText() == "Undo Remove page 2");
    CHECK(bar.count() == 2);
    CHECK(canvas.page() == 2);
    CHECK(bar.pageButton(2)->GetValue());
    CHECK(bar.pageButton(2)->GetLabel() == "Page 2");

    // Undo brings the page, its elements and its background page back; Redo takes them again.
    test::clickButton(window, "designer.undo");
    CHECK(doc.layout() == before);
    CHECK(doc.background() == three);
    waitUntil(window, [&] { return bar.count() == 3; });
    CHECK(panel->redoText() == "Redo Remove page 2");
    test::clickButton(window, "designer.redo");
    REQUIRE(doc.printedPages() == 2);
    waitUntil(window, [&] { return bar.count() == 2 && !canvas.rendering(); });
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(canvas.GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-remove-page").empty());

    // Page 1's context menu offers to remove page 1 (its item chosen with the keyboard while the
    // menu is open); the question names page 1's elements, and Cancel keeps them.
    answer = wxID_NO;
    wxTheApp->CallAfter([] {
        wxUIActionSimulator keys;
        keys.Char(WXK_DOWN);
        keys.Char(WXK_RETURN);
    });
    {
        auto& first = *bar.pageButton(1);
        wxContextMenuEvent menu(wxEVT_CONTEXT_MENU, first.GetId(), wxDefaultPosition);
        menu.SetEventObject(&first);
        first.ProcessWindowEvent(menu);
    }
    waitUntil(window, [&] { return dialogs.asked == 3; }, 10);
    REQUIRE(dialogs.asked == 3);
    CHECK(question.StartsWith(wxString::Format(wxS("Remove page 1 and the %zu elements on it?"), elements)));
    CHECK(doc.printedPages() == 2);

    // A locked element keeps its page: a message says why, nothing changes.
    test::clickWindow(*bar.pageButton(2));
    panel->command(wxID_SELECTALL);
    REQUIRE(doc.selection() == std::vector<std::size_t>{third});
    test::clickButton(window, "designer.lock");
    answer = wxID_OK;
    test::clickWindow(remove);
    REQUIRE(dialogs.asked == 4);
    CHECK(question.Contains("Page 2 has locked elements"));
    CHECK(doc.size() == elements + 1);
    test::clickButton(window, "designer.unlock");

    // The keyboard reaches Remove page too: page 2, with its one element, removed.
    remove.SetFocus();
    settle();
    REQUIRE(remove.HasFocus());
    answer = wxID_YES;
    wxUIActionSimulator keyboard;
    keyboard.Char(WXK_SPACE);
    waitUntil(window, [&] { return doc.printedPages() == 1; });
    REQUIRE(dialogs.asked == 5);
    CHECK(question.StartsWith("Remove page 2 and the 1 element on it?"));
    REQUIRE(doc.printedPages() == 1);
    CHECK(doc.size() == elements);
    CHECK(bar.count() == 1);
    CHECK_FALSE(remove.IsEnabled());
    CHECK(canvas.page() == 1);

    // Saved: the layout with its one-page background.
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    REQUIRE_FALSE(panel->modified());
    model::Store store(d.db);
    const auto stored = model::LayoutRepository(store).byId(d.eventId, *panel->layoutId());
    REQUIRE(stored);
    REQUIRE(stored->layout.size() == elements);
    REQUIRE(stored->background);
    const auto file = model::LayoutRepository(store).file(*stored->background);
    REQUIRE(file);
    const auto saved = tmp / "one-page.pdf";
    writeBytes(saved, file->data);
    CHECK(pdfInfo(saved).find("Pages:           1") != std::string::npos);
}
