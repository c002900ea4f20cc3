// The designer's canvas picture (render/CanvasRender.h): pretix's default layout drawn into pixels
// by the PDF's own painter matches the PDF of the same ticket rasterised at the same scale; the
// background alone, sample data for an event without orders, and the measured legacy texts.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>

#include "RenderFixture.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/render/CanvasRender.h"
#include "boxoffice/render/TicketDocument.h"
#include "boxoffice/render/TicketLoader.h"

using namespace boxoffice;
using namespace boxoffice::test;

namespace {

struct Difference {
    double meanPerChannel = 0;   // mean absolute difference of a channel, 0-255
    double shareOver32 = 0;      // share of pixels with a channel differing by more than 32
    std::size_t changedFromBackground = 0;  // pixels the elements changed (so the check means something)
};

Difference compare(const render::PagePixels& a, const render::PagePixels& b, const render::PagePixels& background) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    REQUIRE(a.rgb.size() == b.rgb.size());
    Difference d;
    double sum = 0;
    std::size_t over = 0;
    const std::size_t pixels = a.rgb.size() / 3;
    for (std::size_t p = 0; p < pixels; ++p) {
        int worst = 0;
        int fromBackground = 0;
        for (std::size_t c = 0; c < 3; ++c) {
            const int delta = std::abs(int{a.rgb[p * 3 + c]} - int{b.rgb[p * 3 + c]});
            sum += delta;
            worst = std::max(worst, delta);
            fromBackground = std::max(fromBackground, std::abs(int{a.rgb[p * 3 + c]} - int{background.rgb[p * 3 + c]}));
        }
        if (worst > 32) {
            ++over;
        }
        if (fromBackground > 32) {
            ++d.changedFromBackground;
        }
    }
    d.meanPerChannel = sum / static_cast<double>(a.rgb.size());
    d.shareOver32 = static_cast<double>(over) / static_cast<double>(pixels);
    return d;
}

}  // namespace

TEST_CASE("the canvas picture of the default layout matches its PDF rasterised at the same scale", "[render][canvas]") {
    RenderFixture f;
    const auto background = readBytes(assetsDir() / "pretix" / "ticket_default_a4.from-svg.pdf");
    f.addLayout(readFile(assetsDir() / "pretix" / "default-layout.json"), background);
    f.addOrder("KX3P9", {"Ada Lovelace"});
    render::TicketLoader loader(*f.store);
    auto data = loader.preview(f.eventId);
    REQUIRE(data);
    CHECK(data->position.attendeeName == std::optional<std::string>("Ada Lovelace"));
    auto design = loader.design(f.eventId, data->position.itemId, data->order.salesChannel);
    REQUIRE(design);
    const layout::Layout& layout = design.value()->layout;

    // The PDF the ticket prints from.
    const auto pdfFile = f.dir / "ticket.pdf";
    {
        auto doc = render::TicketDocument::create(pdfFile);
        REQUIRE(doc);
        auto bg = render::Background::fromPdf(background);
        REQUIRE(bg);
        REQUIRE(doc.value()->addTicket(layout, bg.value(), data.value()));
        REQUIRE(doc.value()->finish());
    }

    // 100 % of a 96 dpi screen and 150 dpi: both pictures are poppler's and cairo's at the same
    // scale and size.
    for (const double dpi : {96.0, 150.0}) {
        INFO("dpi " << dpi);
        const double scale = dpi / 72.0;
        auto page = render::rasterizeBackground(background, 0, scale);
        REQUIRE(page);
        CHECK(page->width == render::pixelsFor(render::kA4.width, scale));
        CHECK(page->height == render::pixelsFor(render::kA4.height, scale));
        CHECK(page->pageCount == 1);
        render::CanvasRenderer renderer;
        auto canvas = renderer.render(layout, 1, data.value(), page.value());
        CHECK(canvas.problems.empty());
        auto printed = render::rasterizeBackground(readBytes(pdfFile), 0, scale);
        REQUIRE(printed);
        const Difference d = compare(canvas.pixels, printed.value(), page.value());
        INFO("mean " << d.meanPerChannel << ", over 32: " << d.shareOver32 * 100 << " %, drawn pixels "
                     << d.changedFromBackground);
        // The elements drew something: text, the QR code, the logo (well over 1 % of the page).
        CHECK(d.changedFromBackground > static_cast<std::size_t>(canvas.pixels.width * canvas.pixels.height / 100));
        // Tolerance: the two pictures differ only where glyph and module edges are antialiased
        // through different paths (cairo's image backend directly, or the PDF's embedded subset
        // fonts through poppler). Mean absolute difference per channel below 2 (of 255), and
        // fewer than 0.5 % of the pixels with a channel differing by more than 32.
        CHECK(d.meanPerChannel < 2.0);
        CHECK(d.shareOver32 < 0.005);
    }
}

TEST_CASE("the canvas picture of the default layout for an event without orders shows sample data", "[render][canvas]") {
    RenderFixture f;
    auto data = render::TicketLoader(*f.store).preview(f.eventId);
    REQUIRE(data);
    CHECK(data->order.code == "PREVIEW1234");
    CHECK(data->position.attendeeName == std::optional<std::string>("John Doe"));
    CHECK(data->position.secret.size() == 32);
    CHECK(data->item.id == f.itemId);

    auto blank = render::rasterizeBackground({}, 0, 0.5);
    REQUIRE(blank);
    CHECK(blank->page.width == render::kA4.width);
    CHECK(blank->width == 298);
    CHECK(blank->height == 421);
    CHECK(std::all_of(blank->rgb.begin(), blank->rgb.end(), [](unsigned char c) { return c == 255; }));

    render::CanvasRenderer renderer;
    auto canvas = renderer.render(layout::defaultLayout(), 1, data.value(), blank.value());
    CHECK(canvas.problems.empty());
    CHECK(canvas.pixels.rgb.size() == blank->rgb.size());
    CHECK(canvas.pixels.rgb != blank->rgb);
    // Each legacy text of the default layout measured: one line of legacy leading each (spec
    // §6.3: max(fs, A - D) for Open Sans is about 1.006 fs).
    REQUIRE(canvas.textAreas.size() >= 6);
    for (const auto& measured : canvas.textAreas) {
        INFO(measured.area.content.content);
        CHECK(measured.height.toPt() == Approx(measured.area.style.fontSize * 1.005).epsilon(0.01));
    }
    // Nothing on a page the layout does not use.
    auto second = renderer.render(layout::defaultLayout(), 2, data.value(), blank.value());
    CHECK(second.pixels.rgb == blank->rgb);
    CHECK(second.textAreas.empty());
}

TEST_CASE("an image area without a picture is a grey box on the canvas and nothing in print", "[render][canvas]") {
    RenderFixture f;
    auto data = render::TicketLoader(*f.store).preview(f.eventId);
    REQUIRE(data);
    layout::Layout layout;
    layout::ImageArea image;
    image.base.left = layout::Length::mm(20);
    image.base.bottom = layout::Length::mm(20);
    image.width = layout::Length::mm(40);
    image.height = layout::Length::mm(30);
    image.content = "poweredby";
    layout.elements.push_back(image);
    auto blank = render::rasterizeBackground({}, 0, 1.0);
    REQUIRE(blank);
    render::CanvasRenderer renderer;
    auto shown = renderer.render(layout, 1, data.value(), blank.value());
    // The middle of the box, 40 mm in from the left and 35 mm up from the bottom, is grey (204)
    // or the label's dark text; a point inside near its corner is grey.
    const auto at = [&](const render::PagePixels& p, double xMm, double yMm) {
        const auto x = static_cast<std::size_t>(layout::Length::mm(xMm).toPt() * p.scale);
        const auto y = static_cast<std::size_t>((p.page.height - layout::Length::mm(yMm).toPt()) * p.scale);
        return int{p.rgb[(y * static_cast<std::size_t>(p.width) + x) * 3]};
    };
    CHECK(at(shown.pixels, 22, 22) == 204);
    CHECK(at(shown.pixels, 10, 10) == 255);
    auto printed = renderer.render(layout, 1, data.value(), blank.value(), render::CanvasOptions{false});
    CHECK(printed.pixels.rgb == blank->rgb);
    CHECK(render::rasterizeBackground({1, 2, 3}, 0, 1.0).error().code == model::ErrorCode::BadInput);
    CHECK(render::rasterizeBackground({}, 1, 1.0).error().code == model::ErrorCode::NotFound);
    CHECK(render::rasterizeBackground({}, 0, 0.0).error().code == model::ErrorCode::BadInput);
}
