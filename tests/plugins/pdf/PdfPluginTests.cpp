// The pdf plugin's routes: ticket layouts, downloads and render_batch.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "ServerFixture.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/pdf/Layouts.h"
#include "boxoffice/pdf/PdfPlugin.h"

using namespace boxoffice;
using namespace boxoffice::test;
using nlohmann::json;

namespace {

std::shared_ptr<server::Plugin> plugin() { return std::make_shared<pdf::PdfPlugin>(); }

json layoutBody(const std::string& name) {
    return {{"name", name},
            {"default", true},
            {"layout", json::parse(readFile(assetsDir() / "pretix" / "default-layout.json"))},
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

// A second organizer "rival" with event "gala" and a token for it; returns the token.
std::string createRivalOrganizer(model::Store& store) {
    model::Store::Transaction tx(store);
    model::EventRepository events(store);
    model::Event gala;
    gala.organizerId = events.upsertOrganizer("rival", "Rival Org");
    gala.slug = "gala";
    gala.name = model::I18nString::plain("Gala");
    events.upsertEvent(gala);
    auto token = auth::createToken(store, "rival", "rival", std::string("gala"));
    REQUIRE(token);
    tx.commit();
    return token->secret;
}

// GETs a download until it is no longer 409 (the render is running), at most ~10 s.
httplib::Result pollDownload(ServerFixture& f, const std::string& path) {
    auto r = f.get(path);
    for (int attempt = 0; attempt < 200 && r && r->status == 409; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        r = f.get(path);
    }
    return r;
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
    withPdf["background"] = storeFile(f.store, readFile(assetsDir() / "pretix" / "ticket_default_a4.from-svg.pdf"));
    auto ok = f.postJson(f.api("ticketlayouts/"), withPdf.dump());
    REQUIRE(ok->status == 201);
    std::string url = ServerFixture::json(ok)["background"];
    auto bg = f.get(url.substr(url.find("/api/")));
    REQUIRE(bg->status == 200);
    CHECK(bg->body.rfind("%PDF-", 0) == 0);
}

TEST_CASE("ticket downloads: 409 while rendering, then 200 with the PDF, 403 with the reason", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    const std::string positionUrl =
        f.api("orderpositions/" + std::to_string(DemoIds::kPaidPosition) + "/download/pdf/");
    auto first = f.get(positionUrl);
    REQUIRE(first->status == 409);
    CHECK(ServerFixture::json(first)["detail"] == "The requested resource is not ready, please retry later.");
    auto paid = pollDownload(f, positionUrl);
    REQUIRE(paid->status == 200);
    CHECK(paid->get_header_value("Content-Type") == "application/pdf");
    CHECK(paid->body.rfind("%PDF-", 0) == 0);
    // Cached: answered at once from now on.
    CHECK(f.get(positionUrl)->status == 200);

    const std::string orderUrl = f.api("orders/PAID1/download/pdf/");
    CHECK(f.get(orderUrl)->status == 409);
    auto order = pollDownload(f, orderUrl);
    REQUIRE(order->status == 200);
    CHECK(order->body.rfind("%PDF-", 0) == 0);

    auto pending = f.get(f.api("orderpositions/102/download/pdf/"));
    REQUIRE(pending->status == 403);
    CHECK(ServerFixture::json(pending)["detail"] == "Tickets can only be downloaded for paid orders.");
    CHECK(f.get(f.api("orders/NOPE1/download/pdf/"))->status == 404);
}

TEST_CASE("ticket downloads: a changed layout renders anew", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    const std::string url = f.api("orderpositions/" + std::to_string(DemoIds::kPaidPosition) + "/download/pdf/");
    auto before = pollDownload(f, url);
    REQUIRE(before->status == 200);

    json custom = layoutBody("Custom");
    custom["layout"] = json::array({{{"type", "textarea"}, {"left", "10"}, {"bottom", "250"}, {"fontsize", "20"},
                                     {"color", {0, 0, 0, 1}}, {"fontfamily", "Open Sans"}, {"bold", false},
                                     {"italic", false}, {"width", "150"}, {"content", "other"},
                                     {"text", "Layout one {order}"}, {"align", "left"}}});
    auto created = f.postJson(f.api("ticketlayouts/"), custom.dump());
    REQUIRE(created->status == 201);
    CHECK(f.get(url)->status == 409);
    auto one = pollDownload(f, url);
    REQUIRE(one->status == 200);
    writeFile(f.dir / "one.pdf", one->body);
    CHECK(run({"/usr/bin/pdftotext", (f.dir / "one.pdf").string(), "-"}).out.find("Layout one PAID1") !=
          std::string::npos);

    const auto layoutId = ServerFixture::json(created)["id"].get<long long>();
    const std::string layoutUrl = f.api("ticketlayouts/" + std::to_string(layoutId) + "/");
    custom["layout"][0]["text"] = "Layout two {order}";
    auto patched = f.client->Patch(layoutUrl.c_str(), f.auth(), json{{"layout", custom["layout"]}}.dump(),
                                   "application/json");
    REQUIRE(patched->status == 200);
    CHECK(f.get(url)->status == 409);
    auto two = pollDownload(f, url);
    REQUIRE(two->status == 200);
    writeFile(f.dir / "two.pdf", two->body);
    CHECK(run({"/usr/bin/pdftotext", (f.dir / "two.pdf").string(), "-"}).out.find("Layout two PAID1") !=
          std::string::npos);
}

TEST_CASE("upload: a PDF answers 201 with a file ID that a layout's background takes", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    const std::string pdfBytes = readFile(assetsDir() / "pretix" / "ticket_default_a4.from-svg.pdf");
    auto upload = [&](const std::string& token, const std::string& body, const std::string& type,
                      const std::string& filename) {
        httplib::Headers h = f.auth(token);
        h.emplace("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        return f.client->Post("/api/v1/upload", h, body, type.c_str());
    };

    CHECK(f.client->Post("/api/v1/upload", pdfBytes, "application/pdf")->status == 401);
    CHECK(upload("not-a-token", pdfBytes, "application/pdf", "bg.pdf")->status == 401);
    // A background is an event setting: a scanner's token may not upload one, nor change a layout.
    auto scanner = auth::issueToken(f.store, "Gate", "demo", std::string("fest"),
                                    model::Permissions{model::Permission::CheckinOrders});
    REQUIRE(scanner);
    CHECK(upload(scanner->secret, pdfBytes, "application/pdf", "bg.pdf")->status == 403);
    CHECK(f.client->Post(f.api("ticketlayouts/").c_str(), f.auth(scanner->secret), R"({"name": "Mine", "layout": []})",
                         "application/json")->status == 403);
    CHECK(f.client->Get(f.api("ticketlayouts/").c_str(), f.auth(scanner->secret))->status == 200);

    auto notPdf = upload(f.token, "GIF89a not a pdf", "application/pdf", "bg.pdf");
    REQUIRE(notPdf->status == 400);
    CHECK(ServerFixture::json(notPdf) == json::array({"The background is not a PDF file."}));
    auto png = upload(f.token, pdfBytes, "image/png", "bg.png");
    REQUIRE(png->status == 400);
    CHECK(ServerFixture::json(png) == json::array({"Content type \"image/png\" is not allowed"}));
    auto badName = upload(f.token, pdfBytes, "application/pdf", "bg.txt");
    REQUIRE(badName->status == 400);
    CHECK(ServerFixture::json(badName)[0] ==
          "File name \"bg.txt\" has an invalid extension for type \"application/pdf\"");

    auto ok = upload(f.token, pdfBytes, "application/pdf", "background.pdf");
    REQUIRE(ok->status == 201);
    const std::string fileId = ServerFixture::json(ok)["id"];
    CHECK(fileId.rfind("file:", 0) == 0);
    auto stored = model::LayoutRepository(f.store).file(fileId);
    REQUIRE(stored);
    CHECK(stored->filename == "background.pdf");
    CHECK(stored->expires.has_value());

    auto created = f.postJson(f.api("ticketlayouts/"), layoutBody("Main").dump());
    REQUIRE(created->status == 201);
    const auto layoutId = ServerFixture::json(created)["id"].get<long long>();
    const std::string one = f.api("ticketlayouts/" + std::to_string(layoutId) + "/");

    auto unknown = f.client->Patch(one.c_str(), f.auth(),
                                   R"({"background": "file:00000000-0000-0000-0000-000000000000"})", "application/json");
    REQUIRE(unknown->status == 400);
    CHECK(ServerFixture::json(unknown) == json{{"background", {"The submitted file ID was not found."}}});

    // Another token's upload is not ours to use.
    auto foreign = upload(f.otherToken, pdfBytes, "application/pdf", "other.pdf");
    REQUIRE(foreign->status == 201);
    const json foreignBody{{"background", ServerFixture::json(foreign)["id"]}};
    auto refused = f.client->Patch(one.c_str(), f.auth(), foreignBody.dump(), "application/json");
    CHECK(refused->status == 400);

    auto attached = f.client->Patch(one.c_str(), f.auth(), json{{"background", fileId}}.dump(), "application/json");
    REQUIRE(attached->status == 200);
    std::string url = ServerFixture::json(attached)["background"];
    auto bg = f.get(url.substr(url.find("/api/")));
    REQUIRE(bg->status == 200);
    CHECK(bg->body == pdfBytes);
    // Attached: kept for good.
    CHECK_FALSE(model::LayoutRepository(f.store).file(fileId)->expires.has_value());
}

TEST_CASE("upload: a token's waiting uploads are capped, and the cap frees as layouts use them", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    const std::string pdfBytes = readFile(dataDir() / "pretix" / "bg-a4-empty.pdf");
    auto upload = [&](const std::string& token) {
        httplib::Headers h = f.auth(token);
        h.emplace("Content-Disposition", "attachment; filename=\"bg.pdf\"");
        return f.client->Post("/api/v1/upload", h, pdfBytes, "application/pdf");
    };
    std::string first;
    for (int i = 0; i < pdf::kMaxPendingUploads; ++i) {
        auto ok = upload(f.token);
        REQUIRE(ok->status == 201);
        if (first.empty()) {
            first = ServerFixture::json(ok)["id"];
        }
    }
    auto refused = upload(f.token);
    REQUIRE(refused->status == 429);
    CHECK(refused->get_header_value("Retry-After") == "3600");
    CHECK(ServerFixture::json(refused)["detail"].get<std::string>().find("20 uploads") != std::string::npos);
    // Another token has its own allowance.
    CHECK(upload(f.otherToken)->status == 201);
    // A layout takes one: it no longer waits, and one more may come.
    auto made = f.postJson(f.api("ticketlayouts/"), json{{"name", "With background"}, {"layout", json::array()},
                                                         {"background", first}}.dump());
    REQUIRE(made->status == 201);
    CHECK(upload(f.token)->status == 201);
    CHECK(upload(f.token)->status == 429);
}

TEST_CASE("upload: an expired upload is refused and deleted", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    const std::string pdfBytes = readFile(dataDir() / "pretix" / "bg-a4-empty.pdf");
    httplib::Headers h = f.auth();
    h.emplace("Content-Disposition", "attachment; filename=\"old.pdf\"");
    auto ok = f.client->Post("/api/v1/upload", h, pdfBytes, "application/pdf");
    REQUIRE(ok->status == 201);
    const std::string fileId = ServerFixture::json(ok)["id"];
    {
        model::LayoutRepository repo(f.store);
        auto file = repo.file(fileId);
        REQUIRE(file);
        file->expires = model::now() - std::chrono::hours(1);
        model::Store::Transaction tx(f.store);
        repo.storeFile(*file);
        tx.commit();
    }
    json body = layoutBody("Late");
    body["background"] = fileId;
    auto late = f.postJson(f.api("ticketlayouts/"), body.dump());
    REQUIRE(late->status == 400);
    CHECK(ServerFixture::json(late)["background"][0] == "The submitted file ID was not found.");

    // The next upload sweeps it away.
    CHECK(f.client->Post("/api/v1/upload", h, pdfBytes, "application/pdf")->status == 201);
    CHECK_FALSE(model::LayoutRepository(f.store).file(fileId));
}

TEST_CASE("render_batch: two batches of an event render at once, a third waits its turn with 429", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    json parts = json::array();
    for (std::size_t i = 0; i < 1000; ++i) {  // long enough to be still running when the next comes
        parts.push_back({{"orderposition", DemoIds::kPaidPosition}});
    }
    const std::string body = json{{"parts", parts}}.dump();
    CHECK(f.postJson(f.api("ticketpdfrenderer/render_batch/"), body)->status == 202);
    CHECK(f.postJson(f.api("ticketpdfrenderer/render_batch/"), body)->status == 202);
    auto third = f.postJson(f.api("ticketpdfrenderer/render_batch/"), body);
    REQUIRE(third->status == 429);
    CHECK(third->get_header_value("Retry-After") == "5");
    CHECK(ServerFixture::json(third)["detail"].get<std::string>().find("try again") != std::string::npos);
}  // stopping the server stops the renders

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
    broken.layout = json::parse(readFile(assetsDir() / "pretix" / "default-layout.json"));
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

TEST_CASE("render_batch: a job is fetched only by its own organizer and event, others get 404", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    const std::string rival = createRivalOrganizer(f.store);
    auto r = f.postJson(f.api("ticketpdfrenderer/render_batch/"),
                        json{{"parts", {{{"orderposition", DemoIds::kPaidPosition}}}}}.dump());
    REQUIRE(r->status == 202);
    std::string url = ServerFixture::json(r)["download"];
    const std::string jobId = url.substr(url.find("/download/") + 10);
    const std::string path = url.substr(url.find("/api/"));
    auto owner = pollDownload(f, path);
    REQUIRE(owner->status == 200);
    CHECK(owner->body.rfind("%PDF-", 0) == 0);

    const std::string rivalPath = "/api/v1/organizers/rival/events/gala/ticketpdfrenderer/download/" + jobId;
    auto foreign = f.client->Get(rivalPath.c_str(), f.auth(rival));
    REQUIRE(foreign->status == 404);
    CHECK(ServerFixture::json(foreign)["detail"] == "Not found.");
    // The same organizer's other event does not see it either.
    const std::string otherPath = "/api/v1/organizers/demo/events/other/ticketpdfrenderer/download/" + jobId;
    CHECK(f.client->Get(otherPath.c_str(), f.auth(f.otherToken))->status == 404);
    CHECK(f.get(path)->status == 200);
}

TEST_CASE("strict IDs: only a plain decimal integer is an ID, anything else is 404", "[plugins][pdf]") {
    ServerFixture f({plugin()});
    auto created = f.postJson(f.api("ticketlayouts/"), layoutBody("Main").dump());
    REQUIRE(created->status == 201);
    const std::string layoutId = std::to_string(ServerFixture::json(created)["id"].get<long long>());
    CHECK(f.get(f.api("ticketlayouts/" + layoutId + "/"))->status == 200);
    const std::string paid = std::to_string(DemoIds::kPaidPosition);
    CHECK(f.get(f.api("orderpositions/" + paid + "/download/pdf/"))->status == 409);
    // "%20" is a space once decoded; "%2B" a plus sign.
    for (const std::string& id : {layoutId + "abc", "-" + layoutId, "%20" + layoutId, "%2B" + layoutId,
                                  layoutId + "%20", std::string("1e3"), std::string("-1"),
                                  std::string("99999999999999999999")}) {
        INFO(id);
        CHECK(f.get(f.api("ticketlayouts/" + id + "/"))->status == 404);
    }
    for (const std::string& id : {paid + "abc", "%20" + paid, "%2B" + paid, std::string("5001abc"),
                                  std::string("1e3"), std::string("-1")}) {
        INFO(id);
        CHECK(f.get(f.api("orderpositions/" + id + "/download/pdf/"))->status == 404);
    }
}
