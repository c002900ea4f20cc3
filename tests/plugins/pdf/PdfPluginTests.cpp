// The pdf plugin's routes: ticket layouts, downloads and render_batch.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "ServerFixture.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/pdf/PdfPlugin.h"

using namespace boxoffice;
using namespace boxoffice::test;
using nlohmann::json;

namespace {

std::shared_ptr<server::Plugin> plugin() { return std::make_shared<pdf::PdfPlugin>(); }

json layoutBody(const std::string& name) {
    return {{"name", name},
            {"default", true},
            {"layout", json::parse(readFile(sharedDir() / "pretix" / "default-layout.json"))},
            {"item_assignments", json::array({{{"item", DemoIds::kDayTicket}, {"sales_channel", "web"}}})}};
}

std::string storeFile(model::Store& store, const std::string& content) {
    model::StoredFile f;
    f.filename = "bg.pdf";
    f.contentType = "application/pdf";
    f.data.assign(content.begin(), content.end());
    model::Store::Transaction tx(store);
    model::LayoutRepository(store).storeFile(f);
    tx.commit();
    return f.id;
}

}  // namespace

TEST_CASE("ticket layouts: create, list, detail, patch, put, delete", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    auto created = f.postJson(f.api("ticketlayouts/"), layoutBody("Main").dump());
    REQUIRE(created);
    REQUIRE(created->status == 201);
    auto body = ServerFixture::json(created);
    const auto id = body["id"].get<long long>();
    CHECK(body["name"] == "Main");
    CHECK(body["default"] == true);
    CHECK(body["layout"].size() == 11);
    CHECK(body["layout"][0]["left"] == "17.50");
    CHECK(body["background"].is_null());
    CHECK(body["item_assignments"][0]["item"] == DemoIds::kDayTicket);

    auto list = f.get(f.api("ticketlayouts/"));
    REQUIRE(list->status == 200);
    CHECK(ServerFixture::json(list)["count"] == 1);
    auto items = f.get(f.api("ticketlayoutitems/"));
    CHECK(ServerFixture::json(items)["results"][0]["layout"] == id);

    const std::string one = f.api("ticketlayouts/" + std::to_string(id) + "/");
    auto patched = f.client->Patch(one.c_str(), f.auth(), R"({"name": "Renamed"})", "application/json");
    REQUIRE(patched->status == 200);
    CHECK(ServerFixture::json(patched)["name"] == "Renamed");
    CHECK(ServerFixture::json(patched)["layout"].size() == 11);

    auto put = f.client->Put(one.c_str(), f.auth(), R"({"name": "Plain", "layout": []})", "application/json");
    REQUIRE(put->status == 200);
    CHECK(ServerFixture::json(put)["default"] == false);
    CHECK(ServerFixture::json(put)["item_assignments"].empty());

    auto del = f.client->Delete(one.c_str(), f.auth());
    CHECK(del->status == 204);
    CHECK(f.get(one)->status == 404);
}

TEST_CASE("invalid layouts and backgrounds are refused with 400 naming the problem", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    json bad = layoutBody("Bad");
    bad["layout"][2]["fontsize"] = "huge";
    auto r = f.postJson(f.api("ticketlayouts/"), bad.dump());
    REQUIRE(r->status == 400);
    auto errors = ServerFixture::json(r)["layout"];
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "element 3 (textarea): \"fontsize\" must be a number or a numeric string");

    json unknown = layoutBody("Unknown");
    unknown["layout"].push_back({{"type", "hologram"}});
    CHECK(f.postJson(f.api("ticketlayouts/"), unknown.dump())->status == 400);

    json notPdf = layoutBody("Not a PDF");
    notPdf["background"] = storeFile(f.store, "GIF89a not a pdf");
    auto refused = f.postJson(f.api("ticketlayouts/"), notPdf.dump());
    REQUIRE(refused->status == 400);
    CHECK(ServerFixture::json(refused)["background"][0] == "The background is not a PDF file.");

    json withPdf = layoutBody("With background");
    withPdf["background"] = storeFile(f.store, readFile(sharedDir() / "pretix" / "ticket_default_a4.from-svg.pdf"));
    auto ok = f.postJson(f.api("ticketlayouts/"), withPdf.dump());
    REQUIRE(ok->status == 201);
    std::string url = ServerFixture::json(ok)["background"];
    auto bg = f.get(url.substr(url.find("/api/")));
    REQUIRE(bg->status == 200);
    CHECK(bg->body.rfind("%PDF-", 0) == 0);
}

TEST_CASE("ticket downloads: paid orders get a PDF, others a 403 with the reason", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    auto paid = f.get(f.api("orderpositions/" + std::to_string(DemoIds::kPaidPosition) + "/download/pdf/"));
    REQUIRE(paid->status == 200);
    CHECK(paid->get_header_value("Content-Type") == "application/pdf");
    CHECK(paid->body.rfind("%PDF-", 0) == 0);
    auto order = f.get(f.api("orders/PAID1/download/pdf/"));
    REQUIRE(order->status == 200);
    CHECK(order->body.rfind("%PDF-", 0) == 0);

    auto pending = f.get(f.api("orderpositions/102/download/pdf/"));
    REQUIRE(pending->status == 403);
    CHECK(ServerFixture::json(pending)["detail"] == "Tickets can only be downloaded for paid orders.");
    CHECK(f.get(f.api("orders/NOPE1/download/pdf/"))->status == 404);
}

TEST_CASE("render_batch: 202 with a download URL that answers 409, then 200 with the PDF", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    json parts = json::array();
    for (int i = 0; i < 20; ++i) {
        parts.push_back({{"orderposition", DemoIds::kPaidPosition}});
    }
    parts.push_back({{"orderposition", DemoIds::kPaidPosition}, {"override_channel", "box"}});
    auto r = f.postJson(f.api("ticketpdfrenderer/render_batch/"), json{{"parts", parts}}.dump());
    REQUIRE(r->status == 202);
    std::string url = ServerFixture::json(r)["download"];
    CHECK(url.find("/ticketpdfrenderer/download/") != std::string::npos);
    const std::string path = url.substr(url.find("/api/"));
    int status = 0;
    std::string body;
    for (int attempt = 0; attempt < 200 && status != 200; ++attempt) {
        auto res = f.get(path);
        status = res->status;
        body = res->body;
        if (status == 409) {
            CHECK(ServerFixture::json(res)["status"] == "running");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    REQUIRE(status == 200);
    CHECK(body.rfind("%PDF-", 0) == 0);

    CHECK(f.get(f.api("ticketpdfrenderer/download/0000dead-beef-0000-0000-000000000000/"))->status == 404);

    json tooMany = json::array();
    for (int i = 0; i < 1001; ++i) {
        tooMany.push_back({{"orderposition", DemoIds::kPaidPosition}});
    }
    auto refused = f.postJson(f.api("ticketpdfrenderer/render_batch/"), json{{"parts", tooMany}}.dump());
    CHECK(refused->status == 400);
    auto unknown = f.postJson(f.api("ticketpdfrenderer/render_batch/"),
                              R"({"parts": [{"orderposition": 999999}]})");
    REQUIRE(unknown->status == 400);
    CHECK(ServerFixture::json(unknown)["parts"][0] == "Part 1: There is no order position with ID 999999.");
    auto badLayout = f.postJson(f.api("ticketpdfrenderer/render_batch/"),
                                R"({"parts": [{"orderposition": 101, "override_layout": 4242}]})");
    CHECK(badLayout->status == 400);
}

TEST_CASE("a batch whose background breaks answers 410 with the message", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    // A layout whose stored background is not readable as a PDF, bypassing the API's check.
    model::TicketLayout broken;
    broken.eventId = f.ids.eventId;
    broken.name = "Broken";
    broken.layout = json::parse(readFile(sharedDir() / "pretix" / "default-layout.json"));
    broken.background = storeFile(f.store, "%PDF-1.4 truncated");
    {
        model::Store::Transaction tx(f.store);
        model::LayoutRepository(f.store).upsert(broken);
        tx.commit();
    }
    auto r = f.postJson(f.api("ticketpdfrenderer/render_batch/"),
                        json{{"parts", {{{"orderposition", DemoIds::kPaidPosition}, {"override_layout", broken.id}}}}}.dump());
    REQUIRE(r->status == 202);
    std::string url = ServerFixture::json(r)["download"];
    const std::string path = url.substr(url.find("/api/"));
    int status = 409;
    json answer;
    for (int attempt = 0; attempt < 200 && status == 409; ++attempt) {
        auto res = f.get(path);
        status = res->status;
        answer = ServerFixture::json(res);
        if (status == 409) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    REQUIRE(status == 410);
    CHECK(answer["status"] == "failed");
    CHECK(answer["message"].get<std::string>().rfind("The background PDF cannot be read", 0) == 0);
}
