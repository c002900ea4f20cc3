// The designer's canvas: poppler rasterises the background, the PDF's own CairoPainter draws the
// elements into a cairo image surface over it.
#include "boxoffice/render/CanvasRender.h"

#include <cairo.h>
#include <fmt/core.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "CairoPainter.h"
#include "GlibHelpers.h"
#include "boxoffice/layout/Draw.h"
#include "boxoffice/layout/TextLayout.h"

namespace boxoffice::render {
namespace {

constexpr double kMaxScale = 20.0;  // pixels per point: 1440 dpi, 3,200 % of a 96 dpi screen

// RAII owners of an image surface and its context.
struct Surface {
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    Surface(int width, int height) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
        cr = cairo_create(surface);
    }
    ~Surface() {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
    }
    Surface(const Surface&) = delete;
    Surface& operator=(const Surface&) = delete;
};

// CAIRO_FORMAT_RGB24 is one native-endian 32-bit word per pixel, 0x00RRGGBB.
std::vector<unsigned char> toRgb(cairo_surface_t* surface, int width, int height) {
    cairo_surface_flush(surface);
    const unsigned char* pixels = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    std::vector<unsigned char> rgb(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    unsigned char* out = rgb.data();
    for (int y = 0; y < height; ++y) {
        const unsigned char* row = pixels + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < width; ++x) {
            std::uint32_t word;
            std::memcpy(&word, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
            *out++ = static_cast<unsigned char>(word >> 16);
            *out++ = static_cast<unsigned char>(word >> 8);
            *out++ = static_cast<unsigned char>(word);
        }
    }
    return rgb;
}

void fromRgb(const std::vector<unsigned char>& rgb, cairo_surface_t* surface, int width, int height) {
    cairo_surface_flush(surface);
    unsigned char* pixels = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* in = rgb.data();
    for (int y = 0; y < height; ++y) {
        unsigned char* row = pixels + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < width; ++x) {
            const std::uint32_t word = (std::uint32_t{in[0]} << 16) | (std::uint32_t{in[1]} << 8) | std::uint32_t{in[2]};
            std::memcpy(row + static_cast<std::ptrdiff_t>(x) * 4, &word, 4);
            in += 3;
        }
    }
    cairo_surface_mark_dirty(surface);
}

}  // namespace

int pixelsFor(double points, double scale) {
    // A hair below the next integer still rounds down: 595.2756 pt x 1.0 is 596 pixels, not 597.
    return std::max(1, static_cast<int>(std::ceil(points * scale - 1e-6)));
}

layout::TextArea measureKey(const layout::TextArea& area) {
    layout::TextArea key = area;
    key.base.left = {};
    key.base.bottom = {};
    key.base.page = 1;
    key.style.rotation = 0.0;
    return key;
}

model::Result<PagePixels> rasterizeBackground(const std::vector<unsigned char>& pdf, int index, double scale) {
    if (!(scale > 0.0 && scale <= kMaxScale)) {
        return model::Error::badInput(fmt::format("A page cannot be drawn at a scale of {}.", scale));
    }
    PagePixels out;
    out.scale = scale;
    detail::GObjectPtr<PopplerDocument> doc;
    detail::GObjectPtr<PopplerPage> page;
    if (pdf.empty()) {
        if (index != 0) {
            return model::Error::notFound(fmt::format("The background has no page {}.", index + 1));
        }
        out.page = kA4;
        out.pageCount = 1;
    } else {
        if (pdf.size() < 8 || std::string_view(reinterpret_cast<const char*>(pdf.data()), 5) != "%PDF-") {
            return model::Error::badInput("The background is not a PDF file.");
        }
        GBytes* bytes = g_bytes_new(pdf.data(), pdf.size());
        GError* error = nullptr;
        doc.reset(poppler_document_new_from_bytes(bytes, nullptr, &error));
        g_bytes_unref(bytes);
        if (!doc) {
            std::string message =
                fmt::format("The background PDF cannot be read: {}", error ? error->message : "unknown error");
            if (error) {
                g_error_free(error);
            }
            return model::Error::badInput(message);
        }
        out.pageCount = poppler_document_get_n_pages(doc.get());
        if (index < 0 || index >= out.pageCount) {
            return model::Error::notFound(fmt::format("The background has no page {}.", index + 1));
        }
        // Every page of a ticket has the first page's size (spec §6.1).
        detail::GObjectPtr<PopplerPage> first(poppler_document_get_page(doc.get(), 0));
        if (!first) {
            return model::Error::badInput("The first page of the background PDF is unreadable.");
        }
        poppler_page_get_size(first.get(), &out.page.width, &out.page.height);
        page.reset(index == 0 ? first.release() : poppler_document_get_page(doc.get(), index));
        if (!page) {
            return model::Error::badInput(fmt::format("Page {} of the background PDF is unreadable.", index + 1));
        }
    }
    out.width = pixelsFor(out.page.width, scale);
    out.height = pixelsFor(out.page.height, scale);
    Surface target(out.width, out.height);
    cairo_set_source_rgb(target.cr, 1, 1, 1);
    cairo_paint(target.cr);
    if (page) {
        cairo_scale(target.cr, scale, scale);
        poppler_page_render_for_printing(page.get(), target.cr);
    }
    if (cairo_status(target.cr) != CAIRO_STATUS_SUCCESS) {
        return model::Error::badInput(fmt::format("Page {} of the background PDF cannot be drawn: {}", index + 1,
                                                  cairo_status_to_string(cairo_status(target.cr))));
    }
    out.rgb = toRgb(target.surface, out.width, out.height);
    return out;
}

struct CanvasRenderer::Impl {
    CairoPainter painter;
};

CanvasRenderer::CanvasRenderer() : m_impl(std::make_unique<Impl>()) {}
CanvasRenderer::~CanvasRenderer() = default;

CanvasPicture CanvasRenderer::render(const layout::Layout& layout, int page, const layout::TicketData& data,
                                     const PagePixels& background, const CanvasOptions& options) {
    std::lock_guard lock(m_mutex);
    CanvasPicture picture;
    picture.pixels.width = background.width;
    picture.pixels.height = background.height;
    picture.pixels.scale = background.scale;
    picture.pixels.page = background.page;
    picture.pixels.pageCount = background.pageCount;
    if (background.width <= 0 || background.height <= 0 ||
        background.rgb.size() != static_cast<std::size_t>(background.width) * static_cast<std::size_t>(background.height) * 3) {
        picture.problems.push_back("The background picture is empty.");
        return picture;
    }
    CairoPainter& painter = m_impl->painter;
    layout::Resolver resolver(data);
    Surface target(background.width, background.height);
    fromRgb(background.rgb, target.surface, background.width, background.height);
    cairo_scale(target.cr, background.scale, background.scale);
    painter.setPlaceholders(options.placeholders);
    painter.setTarget(target.cr, background.page.height);
    picture.problems = layout::drawPage(layout, page, resolver, painter);
    painter.setTarget(nullptr, 0.0);
    picture.pixels.rgb = toRgb(target.surface, background.width, background.height);

    // The legacy texts' heights, with the text just drawn (spec §6.3, §6.5).
    for (const auto& element : layout.elements) {
        const auto* area = std::get_if<layout::TextArea>(&element);
        if (!area || area->base.page != page) {
            continue;
        }
        try {
            const std::string text = layout::prepareText(resolver.text(area->content, area->style.locale));
            const double fs = area->style.fontSize;
            const auto lines = layout::wrapText(painter, area->style.font, fs, text, area->width.toPt(), true);
            const double leading =
                area->lineHeight ? *area->lineHeight * 1.15 * fs
                                 : std::max(fs, (painter.ascender(area->style.font) - painter.descender(area->style.font)) * fs);
            const auto count = static_cast<double>(std::max<std::size_t>(lines.size(), 1));
            MeasuredTextArea measured{measureKey(*area), layout::Length::pt(count * leading)};
            if (std::none_of(picture.textAreas.begin(), picture.textAreas.end(),
                             [&](const MeasuredTextArea& m) { return m.area == measured.area; })) {
                picture.textAreas.push_back(std::move(measured));
            }
        } catch (const std::exception&) {
            // Drawing reported it already; the designer falls back to one line.
        }
    }
    return picture;
}

}  // namespace boxoffice::render
