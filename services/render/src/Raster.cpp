#include "boxoffice/render/Raster.h"

#include <cairo.h>
#include <fmt/core.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>

#include "GlibHelpers.h"

namespace boxoffice::render {

model::Result<Raster> rasterizePage(const std::filesystem::path& pdf, int index, int maxWidth, int maxHeight) {
    std::ifstream in(pdf, std::ios::binary);
    if (!in) {
        return model::Error{model::ErrorCode::Io, fmt::format("Cannot read {}.", pdf.string()), {}};
    }
    const std::vector<char> data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    GBytes* bytes = g_bytes_new(data.data(), data.size());
    GError* error = nullptr;
    detail::GObjectPtr<PopplerDocument> doc(poppler_document_new_from_bytes(bytes, nullptr, &error));
    g_bytes_unref(bytes);
    if (!doc) {
        std::string message = fmt::format("{} cannot be read: {}", pdf.string(), error ? error->message : "not a PDF");
        if (error) {
            g_error_free(error);
        }
        return model::Error::badInput(message);
    }
    Raster raster;
    raster.pageCount = poppler_document_get_n_pages(doc.get());
    if (index < 0 || index >= raster.pageCount) {
        return model::Error::notFound(fmt::format("The document has no page {}.", index + 1));
    }
    detail::GObjectPtr<PopplerPage> page(poppler_document_get_page(doc.get(), index));
    double width = 0, height = 0;
    poppler_page_get_size(page.get(), &width, &height);
    raster.pageWidthPt = width;
    raster.pageHeightPt = height;
    const double scale = std::min(maxWidth / width, maxHeight / height);
    raster.width = std::max(1, static_cast<int>(std::floor(width * scale)));
    raster.height = std::max(1, static_cast<int>(std::floor(height * scale)));
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, raster.width, raster.height);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(page.get(), cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    const unsigned char* pixels = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    raster.rgb.resize(static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height) * 3);
    unsigned char* out = raster.rgb.data();
    for (int y = 0; y < raster.height; ++y) {
        const unsigned char* row = pixels + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < raster.width; ++x) {
            // CAIRO_FORMAT_RGB24: one native-endian 32-bit word per pixel, 0x00RRGGBB.
            std::uint32_t word;
            std::memcpy(&word, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
            *out++ = static_cast<unsigned char>(word >> 16);
            *out++ = static_cast<unsigned char>(word >> 8);
            *out++ = static_cast<unsigned char>(word);
        }
    }
    cairo_surface_destroy(surface);
    return raster;
}

}  // namespace boxoffice::render
