// Saving the event's certificate of attendance in the Designer tab on the demo event under Xvfb,
// when it was stored elsewhere meanwhile (another desk, boxoffice-cli certificate-layout): Save
// asks whether to overwrite that change; Cancel keeps the edit unsaved and the other change
// stored, Overwrite stores the designer's version, and the next save asks nothing. The
// certificate's background PDF is stored once: saves that keep it keep its file. Switching to a
// ticket layout with unsaved certificate changes asks first (Cancel keeps them), and closing the
// window asks to save them (Cancel keeps the window, Save stores them and then closes it). The
// questions are answered by a wxModalDialogHook, as a person would answer them.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/render/BackgroundPdf.h"
#include "designer/DesignerPanel.h"

#include <catch2/catch.hpp>
#include <wx/choice.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using test::DesignerOnDemo;
using test::DialogAnswers;
using test::settle;
using test::waitUntil;
using test::widget;

std::optional<model::CertificateLayout> storedCertificate(const std::filesystem::path& db, model::Id eventId) {
    model::Store store(db);
    return model::LayoutRepository(store).certificateLayout(eventId);
}

bool fileStored(const std::filesystem::path& db, const std::string& id) {
    model::Store store(db);
    return model::LayoutRepository(store).file(id).has_value();
}

// Questions as dialogs (the tests' default answers them on stderr), for as long as it lives.
struct MessagesAsBoxes {
    MessagesAsBoxes() { gui::setMessagesToStderr(false); }
    ~MessagesAsBoxes() { gui::setMessagesToStderr(true); }
};

} // namespace

TEST_CASE("the Designer asks before the certificate overwrites a change made elsewhere, and before it is lost") {
    test::TempDir tmp;
    DesignerOnDemo d(tmp / "certificate-save.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    auto& layouts = widget<wxChoice>(window, "designer.layout");
    auto& state = widget<wxStaticText>(window, "designer.state");

    // The event's certificate, stored with a background before the designer opens it.
    const auto a5 = render::blankBackground(render::kA5);
    REQUIRE(a5);
    const layout::Layout builtIn = certificates::defaultCertificateLayout();
    {
        model::Store store(d.db);
        REQUIRE(certificates::saveEventLayout(store, d.eventId, layout::toJsonText(builtIn), a5.value()));
    }
    const auto first = storedCertificate(d.db, d.eventId);
    REQUIRE(first);
    REQUIRE(first->background);
    const std::string background = *first->background;
    test::chooseEntry(layouts, "Certificate of attendance");
    waitUntil(window, [&] { return panel->certificateOpen() && panel->document(); });
    REQUIRE(panel->certificateOpen());
    REQUIRE(panel->document()->background()->storedId == background);
    const std::size_t elements = panel->document()->size();
    CHECK(state.GetLabel() == "All changes saved");

    // An edit here: a text box added.
    test::clickButton(window, "designer.add.textbox");
    REQUIRE(panel->document()->size() == elements + 1);
    REQUIRE(panel->modified());

    // Meanwhile elsewhere: the certificate stored with its last element removed, the same background.
    {
        layout::Layout theirs = builtIn;
        theirs.elements.pop_back();
        model::Store store(d.db);
        const auto saved = certificates::saveEventLayout(store, d.eventId, layout::toJsonText(theirs), a5.value());
        REQUIRE(saved);
        CHECK(saved->background == background);  // the same PDF: its file kept
    }
    test::waitForTasks(window);
    REQUIRE(panel->modified());

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
    CHECK(question.Contains("\"Certificate of attendance\" was changed elsewhere"));
    CHECK(panel->modified());
    CHECK(panel->document()->size() == elements + 1);
    CHECK(state.GetLabel() == "Unsaved changes");
    REQUIRE(storedCertificate(d.db, d.eventId)->layout.size() == elements - 1);
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(panel->canvas().GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-certificate-conflict").empty());

    // Save again, answered Overwrite: the designer's version is stored, on the same background file.
    dialogs.answer = [](wxDialog&) { return wxID_YES; };
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    CHECK(dialogs.asked == 2);
    REQUIRE_FALSE(panel->modified());
    CHECK(state.GetLabel() == "All changes saved");
    {
        const auto stored = storedCertificate(d.db, d.eventId);
        REQUIRE(stored);
        CHECK(stored->layout.size() == elements + 1);
        CHECK(stored->background == background);
        CHECK(fileStored(d.db, background));
    }

    // The next save is based on what was stored: no question, the background's file still the same.
    panel->command(wxID_DELETE);  // the text box, still selected
    REQUIRE(panel->document()->size() == elements);
    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    CHECK_FALSE(panel->modified());
    CHECK(dialogs.asked == 2);
    {
        const auto stored = storedCertificate(d.db, d.eventId);
        REQUIRE(stored);
        CHECK(stored->layout.size() == elements);
        CHECK(stored->background == background);
    }

    // Another layout chosen with unsaved certificate changes: asked first; Cancel keeps them.
    test::clickButton(window, "designer.add.textbox");
    REQUIRE(panel->modified());
    {
        MessagesAsBoxes boxes;
        dialogs.answer = [&](wxDialog& dialog) {
            auto* message = dynamic_cast<wxMessageDialog*>(&dialog);
            REQUIRE(message != nullptr);
            question = message->GetMessage();
            return wxID_NO;
        };
        test::chooseEntry(layouts, layouts.GetString(0));
        settle();
    }
    CHECK(dialogs.asked == 3);
    CHECK(question.Contains("unsaved changes"));
    CHECK(panel->certificateOpen());
    CHECK(panel->modified());
    CHECK(layouts.GetStringSelection() == "Certificate of attendance");

    // Closing the window: Cancel keeps it open with the changes.
    int answer = wxID_CANCEL;
    dialogs.answer = [&](wxDialog& dialog) {
        auto* message = dynamic_cast<wxMessageDialog*>(&dialog);
        REQUIRE(message != nullptr);
        question = message->GetMessage();
        return answer;
    };
    CHECK_FALSE(window.Close());
    settle();
    REQUIRE(dialogs.asked == 4);
    CHECK(question.Contains("\"Certificate of attendance\" has changes that are not saved"));
    REQUIRE(d.frame->alive());
    CHECK(panel->modified());

    // Save: the certificate is stored first, then the window closes by itself (deleted at idle
    // time: only the weak reference is asked then).
    answer = wxID_YES;
    window.Close();
    for (int i = 0; i < 1000 && d.frame->alive(); ++i) {
        wxYield();
        test::runPendingUiWork();
        wxTheApp->ProcessIdle();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(dialogs.asked == 5);
    CHECK_FALSE(d.frame->alive());
    const auto stored = storedCertificate(d.db, d.eventId);
    REQUIRE(stored);
    CHECK(stored->layout.size() == elements + 1);
    CHECK(stored->background == background);
}
