// Certificates of attendance: per-event switch, check-in requirement, 303 -> 409 -> 200 flow,
// stored layouts (a background saved again unchanged keeps its file), results kept across a
// restart, and the pre-flight of a certificate layout with the certificates' own values.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "ServerFixture.h"
#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/certificates/CertificatesPlugin.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/render/BackgroundPdf.h"

using namespace boxoffice;
using namespace boxoffice::test;

namespace {

void enableCertificates(ServerFixture& f) {
    model::Store::Transaction tx(f.store);
    model::EventRepository(f.store).setPluginEnabled(f.ids.eventId, "certificates", true);
    tx.commit();
}

void checkInPaidPosition(model::Store& store) {
    model::Store::Transaction tx(store);
    model::Checkin c;
    c.listId = DemoIds::kMainList;
    c.positionId = DemoIds::kPaidPosition;
    c.datetime = *model::parseTimestamp("2026-07-04T16:05:00Z");
    c.device = "desk";
    model::CheckinRepository(store).insert(c);
    tx.commit();
}

}  // namespace

TEST_CASE("certificates: off by default, only for checked-in attendees, 303 then the PDF", "[plugins][certificates]") {
    ServerFixture f({std::make_shared<certificates::CertificatesPlugin>()});
    const std::string url = f.api("orderpositions/" + std::to_string(DemoIds::kPaidPosition) + "/certificate/");
    CHECK(f.get(url)->status == 404);  // plugin not enabled for the event

    enableCertificates(f);
    auto notYet = f.get(url);
    REQUIRE(notYet->status == 403);
    CHECK(ServerFixture::json(notYet)["detail"] ==
          "A certificate is only available for attendees who were checked in.");
    CHECK(f.get(f.api("orderpositions/999999/certificate/"))->status == 404);

    checkInPaidPosition(f.store);
    auto started = f.get(url);
    REQUIRE(started->status == 303);
    const std::string location = started->get_header_value("Location");
    CHECK(location.rfind(url + "?result=", 0) == 0);

    int status = 409;
    std::string body;
    for (int attempt = 0; attempt < 200 && status == 409; ++attempt) {
        auto r = f.get(location);
        status = r->status;
        body = r->body;
        if (status == 409) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    REQUIRE(status == 200);
    REQUIRE(body.rfind("%PDF-", 0) == 0);
    writeFile(f.dir / "certificate.pdf", body);
    auto text = run({"/usr/bin/pdftotext", (f.dir / "certificate.pdf").string(), "-"});
    CHECK(text.out.find("Certificate of attendance") != std::string::npos);
    CHECK(text.out.find("Mara Lind") != std::string::npos);

    CHECK(f.get(url + "?result=00000000-0000-0000-0000-000000000000")->status == 404);
}

TEST_CASE("certificates: the event's stored layout is used and results survive a restart",
          "[plugins][certificates]") {
    ServerFixture f({std::make_shared<certificates::CertificatesPlugin>()});
    enableCertificates(f);
    checkInPaidPosition(f.store);
    const std::string layout = R"([{"type": "textarea", "left": "20", "bottom": "200", "fontsize": "18",
        "color": [0, 0, 0, 1], "fontfamily": "Open Sans", "bold": false, "italic": false, "width": "170",
        "content": "other", "text": "Stored design for {attendee_name}", "align": "left"}])";
    CHECK_FALSE(certificates::saveEventLayout(f.store, f.ids.eventId, "[{\"type\": \"hologram\"}]", std::nullopt));
    const std::string notPdf = "not a pdf";
    CHECK_FALSE(certificates::saveEventLayout(f.store, f.ids.eventId, layout,
                                              std::vector<unsigned char>(notPdf.begin(), notPdf.end())));
    const std::string bg = readFile(dataDir() / "pretix" / "bg-a4-empty.pdf");
    const std::vector<unsigned char> bgBytes(bg.begin(), bg.end());
    REQUIRE(certificates::saveEventLayout(f.store, f.ids.eventId, layout, bgBytes));

    const std::string url = f.api("orderpositions/" + std::to_string(DemoIds::kPaidPosition) + "/certificate/");
    auto started = f.get(url);
    REQUIRE(started->status == 303);
    const std::string location = started->get_header_value("Location");
    int status = 409;
    for (int attempt = 0; attempt < 200 && status == 409; ++attempt) {
        status = f.get(location)->status;
        if (status == 409) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    REQUIRE(status == 200);

    // A new server process on the same database still has the finished certificate.
    f.srv->stop();
    server::ServerOptions o;
    o.database = f.dir / "box.sqlite";
    o.port = 0;
    o.threads = 4;
    f.srv = std::make_unique<server::Server>(
        o, std::vector<std::shared_ptr<server::Plugin>>{std::make_shared<certificates::CertificatesPlugin>()});
    auto restarted = f.srv->start();
    REQUIRE(restarted.ok());
    f.client = std::make_unique<httplib::Client>("127.0.0.1", restarted.value());
    auto again = f.get(location);
    REQUIRE(again->status == 200);
    writeFile(f.dir / "stored.pdf", again->body);
    auto text = run({"/usr/bin/pdftotext", (f.dir / "stored.pdf").string(), "-"});
    CHECK(text.out.find("Stored design for Mara Lind") != std::string::npos);
    CHECK(text.out.find("Certificate of attendance") == std::string::npos);

    // A result belongs to its position.
    const std::string other = location;
    auto swapped = f.get(f.api("orderpositions/102/certificate/") + other.substr(other.find('?')));
    CHECK(swapped->status == 404);

    // Saving again with the same background (the designer sends it with every save) keeps its
    // file: nothing is stored anew.
    const auto firstBackground = model::LayoutRepository(f.store).certificateLayout(f.ids.eventId)->background;
    REQUIRE(firstBackground);
    auto unchanged = certificates::saveEventLayout(f.store, f.ids.eventId, layout, bgBytes);
    REQUIRE(unchanged);
    CHECK(unchanged->background == firstBackground);
    CHECK(model::LayoutRepository(f.store).file(*firstBackground));

    // Storing another background drops the one it replaces.
    const auto a5 = render::blankBackground(render::kA5);
    REQUIRE(a5);
    auto replaced = certificates::saveEventLayout(f.store, f.ids.eventId, layout, a5.value());
    REQUIRE(replaced);
    REQUIRE(replaced->background);
    CHECK(replaced->background != firstBackground);
    CHECK_FALSE(model::LayoutRepository(f.store).file(*firstBackground));
    CHECK(model::LayoutRepository(f.store).file(*replaced->background)->data == a5.value());

    CHECK(certificates::resetEventLayout(f.store, f.ids.eventId));
    CHECK_FALSE(model::LayoutRepository(f.store).certificateLayout(f.ids.eventId));
}

TEST_CASE("certificates: a position ID with trailing characters, a sign or a space is 404", "[plugins][certificates]") {
    ServerFixture f({std::make_shared<certificates::CertificatesPlugin>()});
    enableCertificates(f);
    checkInPaidPosition(f.store);
    const std::string paid = std::to_string(DemoIds::kPaidPosition);
    for (const std::string& id : {paid + "abc", paid + "e0", "%20" + paid, "%2B" + paid, std::string("-1")}) {
        INFO(id);
        CHECK(f.get(f.api("orderpositions/" + id + "/certificate/"))->status == 404);
    }
    CHECK(f.get(f.api("orderpositions/" + paid + "/certificate/"))->status == 303);
}

TEST_CASE("certificates: a save based on the layout as opened refuses to overwrite a change made meanwhile",
          "[plugins][certificates]") {
    ServerFixture f({std::make_shared<certificates::CertificatesPlugin>()});
    const std::string mine = R"([{"type": "textcontainer", "left": "20", "bottom": "200", "width": "170",
        "height": "20", "fontsize": "18", "color": [0, 0, 0, 1], "fontfamily": "Open Sans", "bold": false,
        "italic": false, "content": "other", "text": "Mine", "align": "left", "verticalalign": "top"}])";
    const std::string theirs = R"([{"type": "textcontainer", "left": "20", "bottom": "200", "width": "170",
        "height": "20", "fontsize": "18", "color": [0, 0, 0, 1], "fontfamily": "Open Sans", "bold": false,
        "italic": false, "content": "other", "text": "Theirs", "align": "left", "verticalalign": "top"}])";
    auto storedText = [&] {
        auto stored = model::LayoutRepository(f.store).certificateLayout(f.ids.eventId);
        return stored ? stored->layout.at(0).value("text", "") : std::string();
    };

    // Opened as the built-in design (none stored): the first save goes through.
    const certificates::OpenedLayout builtIn{std::nullopt};
    auto first = certificates::saveEventLayout(f.store, f.ids.eventId, mine, std::nullopt, builtIn);
    REQUIRE(first);
    CHECK(first->modified == model::LayoutRepository(f.store).certificateLayout(f.ids.eventId)->modified);
    CHECK(storedText() == "Mine");

    // A second desk that also opened the built-in design may not overwrite it without asking.
    auto stale = certificates::saveEventLayout(f.store, f.ids.eventId, theirs, std::nullopt, builtIn);
    REQUIRE_FALSE(stale);
    CHECK(stale.error().code == model::ErrorCode::Conflict);
    CHECK(storedText() == "Mine");

    // Based on the layout as stored: saved, with a new `modified`.
    auto second = certificates::saveEventLayout(f.store, f.ids.eventId, theirs, std::nullopt,
                                                certificates::OpenedLayout{first->modified});
    REQUIRE(second);
    CHECK(second->modified != first->modified);
    CHECK(storedText() == "Theirs");
    auto older = certificates::saveEventLayout(f.store, f.ids.eventId, mine, std::nullopt,
                                               certificates::OpenedLayout{first->modified});
    REQUIRE_FALSE(older);
    CHECK(older.error().code == model::ErrorCode::Conflict);

    // Reset elsewhere: a save based on the stored one is a conflict, one without a base is not.
    CHECK(certificates::resetEventLayout(f.store, f.ids.eventId));
    auto afterReset = certificates::saveEventLayout(f.store, f.ids.eventId, mine, std::nullopt,
                                                    certificates::OpenedLayout{second->modified});
    REQUIRE_FALSE(afterReset);
    CHECK(afterReset.error().code == model::ErrorCode::Conflict);
    CHECK_FALSE(model::LayoutRepository(f.store).certificateLayout(f.ids.eventId));
    REQUIRE(certificates::saveEventLayout(f.store, f.ids.eventId, mine, std::nullopt));
    CHECK(storedText() == "Mine");
}

TEST_CASE("certificates: the designer's data has the certificate's variables", "[plugins][certificates]") {
    ServerFixture f({std::make_shared<certificates::CertificatesPlugin>()});
    // A position checked in: its check-in's values, as its certificate prints them.
    checkInPaidPosition(f.store);
    auto paid = certificates::previewData(f.store, f.ids.eventId, DemoIds::kPaidPosition);
    REQUIRE(paid);
    auto job = certificates::certificateJob(f.store, f.ids.eventId, DemoIds::kPaidPosition, true);
    REQUIRE(job);
    CHECK(paid->extra == job->data.extra);
    CHECK(paid->extra.at("attendance") == "Attended");
    CHECK_FALSE(paid->extra.at("checkin_date").empty());
    CHECK_FALSE(paid->extra.at("checkin_list").empty());

    // The sample: every certificate variable shows something, checked in or not.
    auto sample = certificates::previewData(f.store, f.ids.eventId);
    REQUIRE(sample);
    const auto& catalogue = layout::variableCatalogue(layout::CatalogueKind::Certificate);
    const auto& tickets = layout::variableCatalogue(layout::CatalogueKind::Ticket);
    const layout::Resolver resolver(sample.value());
    for (std::size_t i = tickets.size(); i < catalogue.size(); ++i) {
        INFO(catalogue[i].name);
        const auto value = resolver.variable(catalogue[i].name, "en");
        REQUIRE(value);
        CHECK_FALSE(value->empty());
    }
    CHECK(sample->extra.at("attendance") == "Attended");

    CHECK_FALSE(certificates::previewData(f.store, f.ids.eventId, 999999));
}

namespace {

// A text box showing `content`; `tiny`: 1 mm wide, not shrinking, so any text overflows and the
// pre-flight names the text it printed.
layout::TextContainer certificateText(const std::string& content, double bottom, bool tiny = false) {
    layout::TextContainer t;
    t.base.left = layout::Length::mm(20);
    t.base.bottom = layout::Length::mm(bottom);
    t.width = layout::Length::mm(tiny ? 1 : 170);
    t.height = layout::Length::mm(tiny ? 1 : 12);
    t.style.fontSize = 12;
    t.content.content = content;
    return t;
}

const render::PreflightProblem* problemOf(const render::PreflightReport& report, std::size_t element,
                                          render::PreflightKind kind) {
    for (const auto& p : report.problems) {
        if (p.element == element && p.kind == kind) {
            return &p;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("certificates: pre-flight checks the certificates as they print, with their check-in values",
          "[plugins][certificates]") {
    ServerFixture f({std::make_shared<certificates::CertificatesPlugin>()});
    // Mara Lind came in at the main entrance, and later once more at the shirt desk.
    checkInPaidPosition(f.store);
    {
        model::Store::Transaction tx(f.store);
        model::Checkin later;
        later.listId = DemoIds::kShirtList;
        later.positionId = DemoIds::kPaidPosition;
        later.datetime = *model::parseTimestamp("2026-07-04T18:30:00Z");
        later.device = "desk";
        model::CheckinRepository(f.store).insert(later);
        tx.commit();
    }
    layout::Layout certificate;
    certificate.elements.push_back(certificateText("attendee_name", 200));
    certificate.elements.push_back(certificateText("checkin_time", 180));
    certificate.elements.push_back(certificateText("checkin_date", 160));
    certificate.elements.push_back(certificateText("attendance", 140));
    certificate.elements.push_back(certificateText("checkin_datetime", 120, true));
    certificate.elements.push_back(certificateText("checkin_list", 100, true));
    const std::size_t timeBox = 1, dateBox = 2, datetimeBox = 4, listBox = 5;

    // As a ticket layout, every ticket's certificate variables print nothing: what pre-flight
    // reported before it knew the certificate's values.
    auto asTicket = render::preflight(f.store, f.ids.eventId, certificate, {});
    REQUIRE(asTicket);
    REQUIRE(asTicket->checked > 1);
    REQUIRE(problemOf(asTicket.value(), timeBox, render::PreflightKind::EmptyText));
    CHECK(problemOf(asTicket.value(), timeBox, render::PreflightKind::EmptyText)->tickets == asTicket->checked);

    // Those checked in, as the Print tab prints certificates by default: one certificate, whose
    // check-in values print.
    std::size_t progressTotal = 0;
    render::PreflightRun run;
    run.progress = [&](std::size_t, std::size_t total) { progressTotal = total; };
    auto checkedIn = certificates::preflight(f.store, f.ids.eventId, certificate, {}, true, run);
    REQUIRE(checkedIn);
    CHECK(checkedIn->checked == 1);
    CHECK(progressTotal > 0);
    for (const auto& p : checkedIn->problems) {
        INFO(p.element << " " << static_cast<int>(p.kind) << " " << p.text);
        CHECK(p.kind != render::PreflightKind::EmptyText);
    }
    // The values are the certificate's own, as certificateJob makes them: the first check-in, on
    // its list.
    auto job = certificates::certificateJob(f.store, f.ids.eventId, DemoIds::kPaidPosition, true);
    REQUIRE(job);
    const auto* when = problemOf(checkedIn.value(), datetimeBox, render::PreflightKind::TextOverflows);
    REQUIRE(when);
    CHECK(when->positionId == DemoIds::kPaidPosition);
    CHECK(when->text == job->data.extra.at("checkin_datetime"));
    const auto* where = problemOf(checkedIn.value(), listBox, render::PreflightKind::TextOverflows);
    REQUIRE(where);
    CHECK(where->text == "Main entrance");
    CHECK(job->data.extra.at("checkin_list") == "Main entrance");

    // Everyone, as the Print tab prints with "Only those checked in" unticked (the tickets of paid
    // and pending orders): those not checked in really print no check-in time or date; their
    // attendance prints ("Not attended").
    auto everyone = certificates::preflight(f.store, f.ids.eventId, certificate, {}, false);
    REQUIRE(everyone);
    model::PositionFilter printed;
    printed.orderStatuses = {model::OrderStatus::Paid, model::OrderStatus::Pending};
    CHECK(everyone->checked == model::PositionQuery(f.store).pageIds(f.ids.eventId, printed).size());
    CHECK(everyone->checked < asTicket->checked);  // not the canceled order's ticket
    for (const std::size_t element : {timeBox, dateBox}) {
        const auto* empty = problemOf(everyone.value(), element, render::PreflightKind::EmptyText);
        REQUIRE(empty);
        CHECK(empty->tickets == everyone->checked - 1);
        REQUIRE(empty->positionId);
        CHECK(*empty->positionId != DemoIds::kPaidPosition);
    }
    CHECK_FALSE(problemOf(everyone.value(), 3, render::PreflightKind::EmptyText));

    // A stored ticket layout to check only its tickets means nothing to the certificate.
    render::PreflightRun narrowed;
    narrowed.layoutId = 424242;
    auto ignored = certificates::preflight(f.store, f.ids.eventId, certificate, {}, true, narrowed);
    REQUIRE(ignored);
    CHECK(ignored->checked == 1);

    CHECK_FALSE(certificates::preflight(f.store, 424242, certificate, {}, true));
}
