// Certificates of attendance: per-event switch, check-in requirement, 303 -> 409 -> 200 flow,
// stored layouts, results kept across a restart.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "ServerFixture.h"
#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/certificates/CertificatesPlugin.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"

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

    // Storing another layout drops the background it replaces.
    const auto firstBackground = model::LayoutRepository(f.store).certificateLayout(f.ids.eventId)->background;
    REQUIRE(firstBackground);
    REQUIRE(certificates::saveEventLayout(f.store, f.ids.eventId, layout, bgBytes));
    CHECK_FALSE(model::LayoutRepository(f.store).file(*firstBackground));

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
