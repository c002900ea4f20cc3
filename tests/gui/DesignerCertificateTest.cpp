// The event's certificate of attendance in the Designer tab on the demo event under Xvfb: chosen
// in the layout choice, the built-in design opens (the state line says so, the ticket-only
// entries of the Manage layout menu are refused); a text box added with the content "Check-in
// date", which the content choice offers only for the certificate, is saved as the event's own
// certificate layout; a certificate rendered for a checked-in ticket (certificates::certificateJob
// and the renderer, as the certificates plugin prints them) shows the check-in date on a line of
// its own; and Reset to the built-in design leaves the store without a certificate layout.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/TicketLoader.h"
#include "designer/DesignerPanel.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <wx/choice.h>
#include <wx/stattext.h>

using namespace boxoffice;

namespace {

using test::settle;
using test::waitUntil;
using test::widget;

std::optional<model::CertificateLayout> storedCertificate(const std::filesystem::path& db, model::Id eventId) {
    model::Store store(db);
    return model::LayoutRepository(store).certificateLayout(eventId);
}

bool hasLine(const std::string& text, const std::string& wanted) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line == wanted) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("the Designer edits, saves and resets the event's certificate of attendance") {
    test::TempDir tmp;
    test::DesignerOnDemo d(tmp / "certificate.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    auto& layouts = widget<wxChoice>(window, "designer.layout");
    auto& state = widget<wxStaticText>(window, "designer.state");
    const model::Id ticketLayout = *panel->layoutId();
    REQUIRE_FALSE(storedCertificate(d.db, d.eventId));

    // The ticket layout's content choice has no certificate variables.
    test::clickButton(window, "designer.add.textbox");
    auto& content = widget<wxChoice>(window, "designer.prop.content");
    CHECK(content.FindString("Check-in date") == wxNOT_FOUND);
    panel->command(wxID_UNDO);
    settle();

    // The certificate, last in the choice: the built-in design, which Save can make the event's own.
    REQUIRE(layouts.GetString(layouts.GetCount() - 1) == "Certificate of attendance");
    test::chooseEntry(layouts, "Certificate of attendance");
    waitUntil(window, [&] { return panel->certificateOpen(); });
    REQUIRE(panel->certificateOpen());
    CHECK(panel->document()->layout() == certificates::defaultCertificateLayout());
    CHECK(layouts.GetStringSelection() == "Certificate of attendance");
    CHECK(state.GetLabel() == "Built-in certificate design; Save makes it the event's own");
    CHECK(widget<wxButton>(window, "designer.save").IsEnabled());
    CHECK(widget<wxButton>(window, "designer.manage").IsEnabled());
    // The sample certificate shows a check-in.
    REQUIRE(panel->canvas().ticket() != nullptr);
    CHECK(panel->canvas().ticket()->extra.at("attendance") == "Attended");
    CHECK_FALSE(panel->canvas().ticket()->extra.at("checkin_date").empty());

    // Ticket-only actions do nothing to the certificate (their menu entries are disabled).
    panel->layoutAction(gui::DesignerPanel::LayoutAction::Duplicate);
    test::waitForTasks(window);
    {
        model::Store store(d.db);
        CHECK(model::LayoutRepository(store).list(d.eventId).size() == 1);
    }
    CHECK(panel->certificateOpen());

    // A text box showing the check-in date.
    const std::size_t before = panel->document()->size();
    test::clickButton(window, "designer.add.textbox");
    REQUIRE(panel->document()->size() == before + 1);
    const int checkinDate = content.FindString("Check-in date");
    REQUIRE(checkinDate != wxNOT_FOUND);
    test::chooseEntry(content, "Check-in date");
    settle();
    const auto* added = std::get_if<layout::TextContainer>(&panel->document()->layout().elements.back());
    REQUIRE(added != nullptr);
    CHECK(added->content.content == "checkin_date");
    CHECK(state.GetLabel() == "Unsaved changes");
    CHECK(panel->modified());

    test::clickButton(window, "designer.save");
    waitUntil(window, [&] { return !panel->saving() && !panel->modified(); });
    CHECK_FALSE(panel->modified());
    CHECK(state.GetLabel() == "All changes saved");
    const auto stored = storedCertificate(d.db, d.eventId);
    REQUIRE(stored);
    REQUIRE(stored->layout.is_array());
    REQUIRE(stored->layout.size() == before + 1);
    CHECK(stored->layout.back().value("content", "") == "checkin_date");
    CHECK(stored->layout.back().value("type", "") == "textcontainer");
    // The ticket layout is untouched.
    {
        model::Store store(d.db);
        const auto ticket = model::LayoutRepository(store).byId(d.eventId, ticketLayout);
        REQUIRE(ticket);
        CHECK(ticket->layout.size() != before + 1);
    }

    // The pointer out of the way, then the screenshot: the certificate with the new text box.
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(panel->canvas().GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-certificate").empty());

    // A certificate for a checked-in ticket prints the check-in date on a line of its own.
    {
        model::Store store(d.db);
        auto ticket = render::TicketLoader(store).preview(d.eventId);
        REQUIRE(ticket);
        const model::Id position = ticket->position.id;
        REQUIRE(position != 0);
        const auto lists = model::CheckinRepository(store).lists(d.eventId);
        REQUIRE_FALSE(lists.empty());
        {
            model::Store::Transaction tx(store);
            model::Checkin c;
            c.listId = lists.front().id;
            c.positionId = position;
            c.datetime = *model::parseTimestamp("2026-07-04T16:05:00Z");
            c.device = "desk";
            model::CheckinRepository(store).insert(c);
            tx.commit();
        }
        auto job = certificates::certificateJob(store, d.eventId, position, true);
        REQUIRE(job);
        const std::string date = job->data.extra.at("checkin_date");
        REQUIRE_FALSE(date.empty());
        const auto pdf = tmp / "certificate.pdf";
        REQUIRE(render::renderTickets({job.value()}, pdf).ok());
        const auto text = test::run({"/usr/bin/pdftotext", pdf.string(), "-"});
        INFO(text.out);
        CHECK(text.out.find("Certificate of attendance") != std::string::npos);
        CHECK(hasLine(text.out, date));
    }

    // Reset to the built-in design (confirmed): nothing stored, the built-in design open again.
    panel->layoutAction(gui::DesignerPanel::LayoutAction::ResetCertificate);
    waitUntil(window, [&] { return !storedCertificate(d.db, d.eventId) && panel->document() &&
                                   panel->document()->size() == before; });
    CHECK_FALSE(storedCertificate(d.db, d.eventId));
    REQUIRE(panel->certificateOpen());
    CHECK(panel->document()->layout() == certificates::defaultCertificateLayout());
    CHECK(state.GetLabel() == "Built-in certificate design; Save makes it the event's own");

    // Back to the ticket layout: its content choice is the ticket's again.
    test::chooseEntry(layouts, layouts.GetString(0));
    waitUntil(window, [&] { return panel->layoutId() == ticketLayout && panel->document(); });
    REQUIRE(panel->layoutId() == ticketLayout);
    CHECK_FALSE(panel->certificateOpen());
    test::clickButton(window, "designer.add.textbox");
    CHECK(content.FindString("Check-in date") == wxNOT_FOUND);
}
