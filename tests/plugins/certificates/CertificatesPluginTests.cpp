// Certificates of attendance: per-event switch, check-in requirement, 303 -> 409 -> 200 flow.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "ServerFixture.h"
#include "boxoffice/certificates/CertificatesPlugin.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

using namespace boxoffice;
using namespace boxoffice::test;

TEST_CASE("certificates: off by default, only for checked-in attendees, 303 then the PDF", "[plugins][certificates]") {
    ServerFixture f({std::make_shared<certificates::CertificatesPlugin>()});
    const std::string url = f.api("orderpositions/" + std::to_string(DemoIds::kPaidPosition) + "/certificate/");
    CHECK(f.get(url)->status == 404);  // plugin not enabled for the event

    {
        model::Store::Transaction tx(f.store);
        model::EventRepository(f.store).setPluginEnabled(f.ids.eventId, "certificates", true);
        tx.commit();
    }
    auto notYet = f.get(url);
    REQUIRE(notYet->status == 403);
    CHECK(ServerFixture::json(notYet)["detail"] ==
          "A certificate is only available for attendees who were checked in.");
    CHECK(f.get(f.api("orderpositions/999999/certificate/"))->status == 404);

    {
        model::Store::Transaction tx(f.store);
        model::Checkin c;
        c.listId = DemoIds::kMainList;
        c.positionId = DemoIds::kPaidPosition;
        c.datetime = *model::parseTimestamp("2026-07-04T16:05:00Z");
        c.device = "desk";
        model::CheckinRepository(f.store).insert(c);
        tx.commit();
    }
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
