// Tickets rendered to real PDFs and checked with poppler-utils, qpdf and zbarimg.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <sstream>

#include "RenderFixture.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/TicketLoader.h"

using namespace boxoffice;
using namespace boxoffice::test;

namespace {

std::filesystem::path renderOrder(RenderFixture& f, const std::string& code, const std::string& name) {
    render::TicketLoader loader(*f.store);
    auto ids = loader.orderPositions(f.eventId, code);
    REQUIRE(ids.ok());
    auto jobs = loader.jobs(f.eventId, ids.value());
    REQUIRE(jobs.ok());
    auto out = f.dir / name;
    auto result = render::renderTickets(jobs.value(), out);
    INFO((result.ok() ? std::string() : result.error().message));
    REQUIRE(result.ok());
    CHECK(result->problems.empty());
    return out;
}

std::string defaultLayoutText() { return readFile(assetsDir() / "pretix" / "default-layout.json"); }

}  // namespace

TEST_CASE("an order's PDF: text, embedded fonts, valid structure, background page size", "[render][pdf]") {
    RenderFixture f;
    f.addLayout(defaultLayoutText(), readBytes(assetsDir() / "pretix" / "ticket_default_a4.from-svg.pdf"));
    f.addOrder("KX3P9", {"Ada Lovelace", "Grace Hopper"});
    auto pdf = renderOrder(f, "KX3P9", "order.pdf");

    auto info = run({"/usr/bin/pdfinfo", pdf.string()});
    REQUIRE(info.exitCode == 0);
    CHECK(info.out.find("Pages:           2") != std::string::npos);
    CHECK(info.out.find("Page size:       595.276 x 841.89 pts (A4)") != std::string::npos);
    CHECK(info.out.find("Title:           Ticket") != std::string::npos);

    auto words = pdfWords(pdf);
    CHECK(findWord(words, "Lovelace", 1));
    CHECK(findWord(words, "Hopper", 2));
    CHECK(findWord(words, "Summer", 1));
    CHECK(findWord(words, "KX3P9", 1));
    CHECK(findWord(words, "KX3P9", 2));
    CHECK(findWord(words, "23.00", 1));
    const std::string text = pdfText(pdf);
    CHECK(text.find("Town Hall") != std::string::npos);
    CHECK(text.find("2026-07-04 18:00") != std::string::npos);  // Europe/Berlin, summer time

    auto fonts = run({"/usr/bin/pdffonts", pdf.string()});
    REQUIRE(fonts.exitCode == 0);
    CHECK(fonts.out.find("OpenSans") != std::string::npos);
    int fontRows = 0;
    std::size_t pos = fonts.out.find("---\n");
    REQUIRE(pos != std::string::npos);
    std::string rows = fonts.out.substr(pos + 4);
    for (std::size_t start = 0; start < rows.size();) {
        std::size_t end = rows.find('\n', start);
        std::string row = rows.substr(start, end - start);
        if (!row.empty()) {
            ++fontRows;
            INFO(row);
            CHECK(row.find(" yes ") != std::string::npos);  // emb column
        }
        start = end == std::string::npos ? rows.size() : end + 1;
    }
    CHECK(fontRows >= 1);

    auto check = run({"/usr/bin/qpdf", "--check", pdf.string()});
    INFO(check.out << check.err);
    CHECK(check.exitCode == 0);
}

TEST_CASE("every ticket's QR code decodes to its secret", "[render][qr]") {
    RenderFixture f;
    f.addLayout(defaultLayoutText(), readBytes(dataDir() / "pretix" / "bg-a4-empty.pdf"));
    auto order = f.addOrder("QRT01", {"One", "Two"});
    auto pdf = renderOrder(f, "QRT01", "qr.pdf");
    auto raster = run({"/usr/bin/pdftoppm", "-r", "100", "-png", pdf.string(), (f.dir / "page").string()});
    REQUIRE(raster.exitCode == 0);
    for (int page = 1; page <= 2; ++page) {
        auto png = f.dir / fmt::format("page-{}.png", page);
        REQUIRE(std::filesystem::exists(png));
        auto scan = run({"/usr/bin/zbarimg", "--quiet", "--raw", png.string()});
        INFO(scan.err);
        REQUIRE(scan.exitCode == 0);
        CHECK(scan.out == order.positions[static_cast<std::size_t>(page - 1)].secret + "\n");
    }
}

TEST_CASE("page size and page count follow the background and elements go to their page", "[render][pages]") {
    RenderFixture f;
    const std::string layout = R"([
      {"type":"textarea","page":1,"left":"20","bottom":"100","fontsize":"12.0","color":[0,0,0,1],"fontfamily":"Open Sans",
       "bold":false,"italic":false,"width":"100","content":"other","text":"FirstPageMark","align":"left"},
      {"type":"textarea","page":2,"left":"20","bottom":"100","fontsize":"12.0","color":[0,0,0,1],"fontfamily":"Open Sans",
       "bold":false,"italic":false,"width":"100","content":"other","text":"SecondPageMark","align":"left"},
      {"type":"textarea","page":3,"left":"20","bottom":"100","fontsize":"12.0","color":[0,0,0,1],"fontfamily":"Open Sans",
       "bold":false,"italic":false,"width":"100","content":"other","text":"ThirdPageMark","align":"left"}])";
    f.addLayout(layout, minimalPdf(2, 419.53, 595.28));
    f.addOrder("PAGES", {"A"});
    auto pdf = renderOrder(f, "PAGES", "pages.pdf");
    auto info = run({"/usr/bin/pdfinfo", pdf.string()});
    INFO(info.out);
    CHECK(info.out.find("Pages:           2") != std::string::npos);
    CHECK(info.out.find("Page size:       419.53 x 595.28 pts") != std::string::npos);
    auto words = pdfWords(pdf);
    CHECK(findWord(words, "FirstPageMark", 1));
    CHECK(findWord(words, "SecondPageMark", 2));
    CHECK_FALSE(findWord(words, "ThirdPageMark", 3));
    CHECK(run({"/usr/bin/qpdf", "--check", pdf.string()}).exitCode == 0);
}

TEST_CASE("pretix's example layouts render without problems", "[render][examples]") {
    for (const char* name : {"libpretixprint-textcontainer-test.layout.json", "libpretixprint-qrcode-test.layout.json"}) {
        INFO(name);
        RenderFixture f;
        f.addLayout(readFile(dataDir() / "pretix" / "examples" / name),
                    readBytes(dataDir() / "pretix" / "bg-a4-empty.pdf"));
        f.addOrder("EXMPL", {"Example Person"});
        auto pdf = renderOrder(f, "EXMPL", "example.pdf");
        CHECK(run({"/usr/bin/qpdf", "--check", pdf.string()}).exitCode == 0);
        CHECK_FALSE(pdfText(pdf).empty());
    }
}

TEST_CASE("bad layouts and backgrounds give clear errors, never a crash", "[render][errors]") {
    RenderFixture f;
    f.addOrder("BAD01", {"A"});
    render::TicketLoader loader(*f.store);
    auto ids = loader.orderPositions(f.eventId, "BAD01");
    REQUIRE(ids.ok());

    SECTION("invalid layout") {
        f.addLayout(R"([{"type":"textarea","left":"x","bottom":1,"fontsize":"12.0","color":[0,0,0],"fontfamily":"Open Sans",
                       "bold":false,"italic":false,"width":"100","content":"order","align":"left"}])");
        auto jobs = loader.jobs(f.eventId, ids.value());
        REQUIRE_FALSE(jobs.ok());
        INFO(jobs.error().message);
        CHECK(jobs.error().message.find("element 1 (textarea): \"left\" must be a number") != std::string::npos);
    }
    SECTION("background that is not a PDF") {
        std::string junk = "this is not a PDF at all";
        f.addLayout(defaultLayoutText(), std::vector<unsigned char>(junk.begin(), junk.end()));
        auto jobs = loader.jobs(f.eventId, ids.value());
        REQUIRE(jobs.ok());
        auto result = render::renderTickets(jobs.value(), f.dir / "bad.pdf");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message == "The background is not a PDF file.");
        CHECK_FALSE(std::filesystem::exists(f.dir / "bad.pdf"));
        CHECK_FALSE(std::filesystem::exists(f.dir / "bad.pdf.part"));
    }
    SECTION("truncated PDF background") {
        auto bytes = readBytes(assetsDir() / "pretix" / "ticket_default_a4.from-svg.pdf");
        bytes.resize(200);
        f.addLayout(defaultLayoutText(), bytes);
        auto jobs = loader.jobs(f.eventId, ids.value());
        REQUIRE(jobs.ok());
        auto result = render::renderTickets(jobs.value(), f.dir / "bad.pdf");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.rfind("The background PDF cannot be read", 0) == 0);
    }
    SECTION("unknown layout ID") {
        auto jobs = loader.jobs(f.eventId, ids.value(), 4242);
        REQUIRE_FALSE(jobs.ok());
        CHECK(jobs.error().message == "There is no ticket layout with ID 4242.");
    }
}

TEST_CASE("the background is embedded once however many tickets use it", "[render][size]") {
    RenderFixture f;
    f.addLayout(defaultLayoutText(), readBytes(assetsDir() / "pretix" / "ticket_default_a4.from-svg.pdf"));
    std::vector<std::string> names;
    for (int i = 0; i < 30; ++i) {
        names.push_back(fmt::format("Attendee {}", i));
    }
    f.addOrder("MANY1", names);
    auto pdf = renderOrder(f, "MANY1", "many.pdf");
    auto qdf = f.dir / "many.qdf";
    REQUIRE(run({"/usr/bin/qpdf", "--qdf", "--object-streams=disable", pdf.string(), qdf.string()}).exitCode == 0);
    std::string text = readFile(qdf);
    std::size_t forms = 0;
    for (std::size_t p = text.find("/Subtype /Form"); p != std::string::npos; p = text.find("/Subtype /Form", p + 1)) {
        ++forms;
    }
    CHECK(forms >= 1);
    CHECK(forms <= 2);  // the background page (cairo may wrap it once more), not one per ticket
    CHECK(std::filesystem::file_size(pdf) < 30 * 12000);
}

TEST_CASE("a large picture is embedded at no more than 300 dpi for its frame", "[render][image]") {
    RenderFixture f;
    f.addOrder("IMG01", {"Ada Lovelace"});
    render::TicketLoader loader(*f.store);
    auto ids = loader.orderPositions(f.eventId, "IMG01");
    REQUIRE(ids.ok());
    auto jobs = loader.jobs(f.eventId, ids.value());
    REQUIRE(jobs.ok());
    // A 2 x 2 inch frame: the 3000 x 1500 px picture fits its width, 2 x 1 inch, so 600 x 300 px.
    auto design = std::make_shared<render::RenderTemplate>();
    auto parsed = layout::parseLayoutText(
        R"([{"type": "imagearea", "left": "10", "bottom": "10", "width": "50.8", "height": "50.8",
             "content": "question_photo"}])");
    REQUIRE(parsed.ok());
    design->layout = parsed.value();
    jobs.value()[0].design = design;
    jobs.value()[0].data.images["question_photo"] = readBytes(dataDir() / "photo-3000x1500.png");
    const auto out = f.dir / "photo.pdf";
    auto result = render::renderTickets(jobs.value(), out);
    REQUIRE(result.ok());

    auto list = run({"/usr/bin/pdfimages", "-list", out.string()});
    REQUIRE(list.exitCode == 0);
    std::istringstream lines(list.out);
    std::string line;
    int images = 0;
    while (std::getline(lines, line)) {
        std::istringstream cols(line);
        std::string page, num, type;
        int width = 0, height = 0;
        if (cols >> page >> num >> type >> width >> height && type == "image") {
            ++images;
            CHECK(width >= 599);
            CHECK(width <= 600);
            CHECK(height >= 299);
            CHECK(height <= 300);
        }
    }
    CHECK(images == 1);
}

TEST_CASE("name parts and meta properties from the store print on the ticket", "[render][variables]") {
    RenderFixture f;
    f.addLayout(R"([{"type": "textarea", "left": "20", "bottom": "250", "fontsize": "14", "color": [0, 0, 0, 1],
        "fontfamily": "Open Sans", "bold": false, "italic": false, "width": "170", "content": "other",
        "text": "Dear {attendee_name_given_name} in {meta:room} with {itemmeta:colour}", "align": "left"}])");
    auto order = f.addOrder("NP1X2", {"Ada Lovelace"});
    {
        model::Store::Transaction tx(*f.store);
        model::EventRepository events(*f.store);
        auto e = *events.eventById(f.eventId);
        e.metaData = {{"room", "Annex"}};
        events.upsertEvent(e);
        auto it = *events.item(f.eventId, f.itemId);
        it.metaData = {{"colour", "Crimson"}};
        events.upsertItem(it);
        order.positions[0].attendeeNameParts = {{"_scheme", "given_family"}, {"given_name", "Augusta"},
                                                {"family_name", "Lovelace"}};
        model::OrderRepository(*f.store).upsert(order);
        tx.commit();
    }
    const std::string text = pdfText(renderOrder(f, "NP1X2", "parts.pdf"));
    CHECK(text.find("Dear Augusta in Annex with Crimson") != std::string::npos);
}
