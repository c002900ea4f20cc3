// The designer's background PDFs, read back with poppler (pdfinfo, pdftotext and the renderer's
// own reader): blank backgrounds of the paper sizes the designer offers, exact to the point; a
// background one page longer keeps what its pages show, one page shorter the pages that stay;
// files that are no background refused.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <fstream>

#include "RenderFixture.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/render/BackgroundPdf.h"
#include "boxoffice/render/TicketDocument.h"

using namespace boxoffice;
using namespace boxoffice::test;

namespace {

std::filesystem::path saved(const TempDir& dir, const std::string& name, const std::vector<unsigned char>& pdf) {
    const auto file = dir / name;
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(pdf.data()), static_cast<std::streamsize>(pdf.size()));
    return file;
}

// pdfinfo's line for page `page`: "Page    2 size: 297.638 x 419.528 pts (A6)".
std::string pageSizeLine(const std::filesystem::path& pdf, int page) {
    const auto info = run({"/usr/bin/pdfinfo", "-f", std::to_string(page), "-l", std::to_string(page), pdf.string()});
    REQUIRE(info.exitCode == 0);
    const auto at = info.out.find(fmt::format("Page {:>4} size:", page));
    REQUIRE(at != std::string::npos);
    return info.out.substr(at, info.out.find('\n', at) - at);
}

int pageCount(const std::filesystem::path& pdf) {
    const auto info = run({"/usr/bin/pdfinfo", pdf.string()});
    REQUIRE(info.exitCode == 0);
    const auto at = info.out.find("Pages:");
    REQUIRE(at != std::string::npos);
    return std::stoi(info.out.substr(at + 6));
}

std::string pageText(const std::filesystem::path& pdf, int page) {
    const auto r = run({"/usr/bin/pdftotext", "-f", std::to_string(page), "-l", std::to_string(page), pdf.string(), "-"});
    REQUIRE(r.exitCode == 0);
    return r.out;
}

}  // namespace

TEST_CASE("a blank background has the paper size chosen, to the point, and its pages", "[render][background]") {
    TempDir dir;
    struct Paper {
        render::PageSize size;
        const char* pdfinfo;
    };
    const Paper papers[] = {
        {render::kA4, "595.276 x 841.89 pts (A4)"},
        {render::kA5, "419.528 x 595.276 pts"},
        {render::kA6, "297.638 x 419.528 pts"},
        {render::kLetter, "612 x 792 pts (letter)"},
        {render::k4x6Inches, "288 x 432 pts"},
        {render::PageSize{render::pointsOfMm(80), render::pointsOfMm(200)}, "226.772 x 566.929 pts"},
    };
    int n = 0;
    for (const auto& paper : papers) {
        INFO(paper.pdfinfo);
        auto pdf = render::blankBackground(paper.size);
        REQUIRE(pdf);
        const auto file = saved(dir, fmt::format("blank{}.pdf", ++n), pdf.value());
        CHECK(pageCount(file) == 1);
        const std::string line = pageSizeLine(file, 1);
        INFO(line);
        CHECK(line.find(paper.pdfinfo) != std::string::npos);
        // The renderer reads it as a background of that size.
        auto info = render::inspectBackground(pdf.value());
        REQUIRE(info);
        CHECK(info->pages == 1);
        CHECK(info->size.width == Approx(paper.size.width).margin(1e-3));
        CHECK(info->size.height == Approx(paper.size.height).margin(1e-3));
    }

    auto three = render::blankBackground(render::kA6, 3);
    REQUIRE(three);
    const auto file = saved(dir, "three.pdf", three.value());
    CHECK(pageCount(file) == 3);
    CHECK(pageSizeLine(file, 3).find("297.638 x 419.528 pts") != std::string::npos);
    CHECK(pageText(file, 2).find_first_not_of(" \n\f") == std::string::npos);

    CHECK_FALSE(render::blankBackground(render::PageSize{0.5, 100}));
    CHECK_FALSE(render::blankBackground(render::PageSize{100, 20000}));
    CHECK_FALSE(render::blankBackground(render::kA6, 0));
    CHECK_FALSE(render::blankBackground(render::kA6, render::kMaxBackgroundPages + 1));
}

TEST_CASE("a page added to a background is blank, of the first page's size, and the pages before it keep their content",
          "[render][background]") {
    TempDir dir;
    // A background with a word on each of its two A5 pages, written by the ticket writer.
    auto parsed = layout::parseLayoutText(R"([
        {"type": "textarea", "page": 1, "left": "20", "bottom": "150", "fontsize": "24", "color": [0, 0, 0, 1],
         "fontfamily": "Open Sans", "bold": false, "italic": false, "width": "100", "content": "other",
         "text": "Frontside", "text_i18n": {}, "align": "left"},
        {"type": "textarea", "page": 2, "left": "20", "bottom": "150", "fontsize": "24", "color": [0, 0, 0, 1],
         "fontfamily": "Open Sans", "bold": false, "italic": false, "width": "100", "content": "other",
         "text": "Backside", "text_i18n": {}, "align": "left"}])");
    REQUIRE(parsed);
    auto original = render::blankBackground(render::kA5, 2);
    REQUIRE(original);
    auto blankA5 = render::Background::fromPdf(original.value());
    REQUIRE(blankA5);
    auto writer = render::TicketDocument::createInMemory();
    REQUIRE(writer->addTicket(parsed.value(), blankA5.value(), layout::TicketData{}));
    REQUIRE(writer->finish());
    const std::vector<unsigned char> worded = writer->bytes();

    auto longer = render::withBlankPages(worded);
    REQUIRE(longer);
    const auto file = saved(dir, "longer.pdf", longer.value());
    CHECK(pageCount(file) == 3);
    CHECK(pageText(file, 1).find("Frontside") != std::string::npos);
    CHECK(pageText(file, 2).find("Backside") != std::string::npos);
    CHECK(pageText(file, 3).find_first_not_of(" \n\f") == std::string::npos);
    for (int page = 1; page <= 3; ++page) {
        CHECK(pageSizeLine(file, page).find("419.528 x 595.276 pts") != std::string::npos);
    }
    auto info = render::inspectBackground(longer.value());
    REQUIRE(info);
    CHECK(info->pages == 3);

    // No background: a blank A4 page, so one page more is two A4 pages.
    auto none = render::withBlankPages({});
    REQUIRE(none);
    const auto two = saved(dir, "two.pdf", none.value());
    CHECK(pageCount(two) == 2);
    CHECK(pageSizeLine(two, 2).find("595.276 x 841.89 pts (A4)") != std::string::npos);
    CHECK(render::inspectBackground({})->pages == 1);
}

TEST_CASE("a background one page shorter keeps the other pages as they were, in their order", "[render][background]") {
    TempDir dir;
    auto parsed = layout::parseLayoutText(R"([
        {"type": "textarea", "page": 1, "left": "20", "bottom": "150", "fontsize": "24", "color": [0, 0, 0, 1],
         "fontfamily": "Open Sans", "bold": false, "italic": false, "width": "100", "content": "other",
         "text": "First", "text_i18n": {}, "align": "left"},
        {"type": "textarea", "page": 2, "left": "20", "bottom": "150", "fontsize": "24", "color": [0, 0, 0, 1],
         "fontfamily": "Open Sans", "bold": false, "italic": false, "width": "100", "content": "other",
         "text": "Second", "text_i18n": {}, "align": "left"},
        {"type": "textarea", "page": 3, "left": "20", "bottom": "150", "fontsize": "24", "color": [0, 0, 0, 1],
         "fontfamily": "Open Sans", "bold": false, "italic": false, "width": "100", "content": "other",
         "text": "Third", "text_i18n": {}, "align": "left"}])");
    REQUIRE(parsed);
    auto blank = render::blankBackground(render::kA5, 3);
    REQUIRE(blank);
    auto blankA5 = render::Background::fromPdf(blank.value());
    REQUIRE(blankA5);
    auto writer = render::TicketDocument::createInMemory();
    REQUIRE(writer->addTicket(parsed.value(), blankA5.value(), layout::TicketData{}));
    REQUIRE(writer->finish());
    const std::vector<unsigned char> worded = writer->bytes();

    auto shorter = render::withoutPage(worded, 2);
    REQUIRE(shorter);
    const auto file = saved(dir, "shorter.pdf", shorter.value());
    CHECK(pageCount(file) == 2);
    CHECK(pageText(file, 1).find("First") != std::string::npos);
    CHECK(pageText(file, 2).find("Third") != std::string::npos);
    CHECK(pageText(file, 2).find("Second") == std::string::npos);
    CHECK(pageSizeLine(file, 2).find("419.528 x 595.276 pts") != std::string::npos);
    CHECK(render::inspectBackground(shorter.value())->pages == 2);

    // The first page can go; the last one left cannot, nor a page it does not have.
    auto rest = render::withoutPage(shorter.value(), 1);
    REQUIRE(rest);
    const auto last = saved(dir, "last.pdf", rest.value());
    CHECK(pageCount(last) == 1);
    CHECK(pageText(last, 1).find("Third") != std::string::npos);
    const auto only = render::withoutPage(rest.value(), 1);
    REQUIRE_FALSE(only);
    CHECK(only.error().code == model::ErrorCode::BadInput);
    CHECK_FALSE(render::withoutPage(shorter.value(), 3));
    CHECK_FALSE(render::withoutPage(shorter.value(), 0));
    CHECK_FALSE(render::withoutPage({}, 1));  // no background: one blank page
}

TEST_CASE("a file that is no background is refused with the reason", "[render][background]") {
    const std::string text = "name,price\nConcert,23.00\n";
    const auto notPdf = render::inspectBackground(std::vector<unsigned char>(text.begin(), text.end()));
    REQUIRE_FALSE(notPdf);
    CHECK(notPdf.error().code == model::ErrorCode::BadInput);
    CHECK(notPdf.error().message == "The background is not a PDF file.");

    // A PDF header and then nothing readable.
    const std::string broken = "%PDF-1.7\nthis is not a PDF body\n";
    const auto unreadable = render::inspectBackground(std::vector<unsigned char>(broken.begin(), broken.end()));
    REQUIRE_FALSE(unreadable);
    CHECK(unreadable.error().message.starts_with("The background PDF cannot be read"));
    CHECK_FALSE(render::withBlankPages(std::vector<unsigned char>(broken.begin(), broken.end())));
}
