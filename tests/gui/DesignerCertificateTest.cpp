// The event's certificate of attendance in the Designer tab on the demo event under Xvfb: chosen
// in the layout choice, the built-in design opens (the state line says so, the ticket-only
// entries of the Manage layout menu are refused); a text box added with the content "Check-in
// date", which the content choice offers only for the certificate, is saved as the event's own
// certificate layout; a certificate rendered for a checked-in ticket (certificates::certificateJob
// and the renderer, as the certificates plugin prints them) shows the check-in date on a line of
// its own; and Reset to the built-in design leaves the store without a certificate layout. And
// pre-flight of the certificate: with the certificate's own values, for those checked in (no
// "Prints nothing" for a check-in date), then for everyone (the check-in date prints nothing for
// those not checked in); the row activated shows that person's certificate on the canvas.
#include "DesignerOnDemo.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/TicketLoader.h"
#include "designer/DesignerPanel.h"
#include "designer/PreflightPanel.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/uiaction.h>

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

TEST_CASE("the Designer's pre-flight checks the certificate with its check-in values and shows one person's") {
    test::TempDir tmp;
    test::DesignerOnDemo d(tmp / "certificate-preflight.sqlite");
    auto& window = d.window();
    auto* panel = d.panel;
    auto& layouts = widget<wxChoice>(window, "designer.layout");
    auto& preflight = panel->preflight();
    auto& onlyCheckedIn = widget<wxCheckBox>(window, "designer.preflight.checkedIn");
    CHECK_FALSE(onlyCheckedIn.IsShown());  // a ticket layout is open

    // Two people of paid orders came in.
    std::vector<model::Id> came;
    {
        model::Store store(d.db);
        model::PositionFilter paid;
        paid.orderStatuses = {model::OrderStatus::Paid};
        const auto positions = model::PositionQuery(store).pageIds(d.eventId, paid);
        REQUIRE(positions.size() > 2);
        const auto lists = model::CheckinRepository(store).lists(d.eventId);
        REQUIRE_FALSE(lists.empty());
        model::Store::Transaction tx(store);
        for (const model::Id position : {positions[0], positions[1]}) {
            model::Checkin c;
            c.listId = lists.front().id;
            c.positionId = position;
            c.datetime = *model::parseTimestamp("2026-07-04T16:05:00Z");
            c.device = "desk";
            model::CheckinRepository(store).insert(c);
            came.push_back(position);
        }
        tx.commit();
    }

    // The certificate with a text box showing the check-in date.
    test::chooseEntry(layouts, "Certificate of attendance");
    waitUntil(window, [&] { return panel->certificateOpen(); });
    REQUIRE(panel->certificateOpen());
    CHECK(onlyCheckedIn.IsShown());
    CHECK(onlyCheckedIn.GetValue());
    test::clickButton(window, "designer.add.textbox");
    const std::size_t added = panel->document()->size() - 1;
    test::chooseEntry(widget<wxChoice>(window, "designer.prop.content"), "Check-in date");
    settle();
    REQUIRE(std::get<layout::TextContainer>(panel->document()->element(added)).content.content == "checkin_date");
    auto rowOf = [&](render::PreflightKind kind, std::size_t element) -> long {
        const auto& rows = preflight.rows();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i].problem.kind == kind && rows[i].problem.element == element) {
                return static_cast<long>(i);
            }
        }
        return -1;
    };
    auto& summary = widget<wxStaticText>(window, "designer.preflight.summary");

    // Those checked in: their two certificates, whose check-in date prints.
    test::clickButton(window, "designer.preflight.run");
    waitUntil(window, [&] { return !preflight.running(); }, 60);
    REQUIRE_FALSE(preflight.running());
    REQUIRE(preflight.report());
    CHECK(preflight.report()->checked == 2);
    CHECK(rowOf(render::PreflightKind::EmptyText, added) == -1);
    INFO("summary: " << summary.GetLabel());
    CHECK(summary.GetLabel().EndsWith(" 2 certificates"));

    // Everyone, as printing certificates for everyone does: those not checked in have no
    // check-in date, a real problem, and their certificate is the example.
    test::clickWindow(onlyCheckedIn);
    REQUIRE_FALSE(onlyCheckedIn.GetValue());
    test::clickButton(window, "designer.preflight.run");
    waitUntil(window, [&] { return !preflight.running(); }, 60);
    REQUIRE(preflight.report());
    const std::size_t everyone = preflight.report()->checked;
    CHECK(everyone > 2);
    const long empty = rowOf(render::PreflightKind::EmptyText, added);
    REQUIRE(empty >= 0);
    const auto& row = preflight.rows()[static_cast<std::size_t>(empty)];
    CHECK(row.problem.tickets == everyone - 2);
    REQUIRE(row.problem.positionId);
    CHECK(std::find(came.begin(), came.end(), *row.problem.positionId) == came.end());
    REQUIRE(row.ticket != nullptr);
    CHECK(row.ticket->extra.at("attendance") == "Not attended");
    auto& list = preflight.list();
    CHECK(list.GetItemText(empty, 0) == "Prints nothing");
    CHECK(list.GetItemText(empty, 1) == wxString::Format(wxS("%zu: Text box, Check-in date"), added + 1));

    // Enter on the row: the text box selected, that person's certificate on the canvas.
    auto& canvas = panel->canvas();
    const int pictures = canvas.pictures();
    test::selectRow(list, empty);
    wxUIActionSimulator keyboard;
    keyboard.Char(WXK_RETURN);
    settle();
    CHECK(panel->document()->selection() == std::vector<std::size_t>{added});
    REQUIRE(canvas.ticket() != nullptr);
    CHECK(canvas.ticket()->position.id == *row.problem.positionId);
    CHECK(canvas.ticket()->extra.at("attendance") == "Not attended");
    CHECK(canvas.ticket()->extra.at("checkin_date").empty());
    waitUntil(window, [&] { return canvas.pictures() > pictures && !canvas.rendering(); });
    {
        wxUIActionSimulator mouse;
        mouse.MouseMove(canvas.GetScreenRect().GetBottomRight() - wxPoint(30, 30));
        settle();
    }
    CHECK_FALSE(test::saveScreenshot(window, "designer-certificate-preflight").empty());

    // Back to the ticket layout (its unsaved certificate changes discarded): no such option.
    test::chooseEntry(layouts, layouts.GetString(0));
    waitUntil(window, [&] { return !panel->certificateOpen() && panel->document(); });
    CHECK_FALSE(onlyCheckedIn.IsShown());
}
