// Background PDFs through poppler-glib, each page recorded once into a cairo recording surface.
#include "boxoffice/render/Background.h"

#include <cairo.h>
#include <poppler.h>

#include <fmt/core.h>

#include "GlibHelpers.h"

namespace boxoffice::render {

struct Background::Impl {
    std::vector<PageSize> sizes;
    std::vector<cairo_surface_t*> surfaces;  // owned; nullptr = blank page

    ~Impl() {
        for (auto* s : surfaces) {
            if (s) {
                cairo_surface_destroy(s);
            }
        }
    }
};

Background::Background(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Background::~Background() = default;
Background::Background(Background&&) noexcept = default;
Background& Background::operator=(Background&&) noexcept = default;

model::Result<Background> Background::fromPdf(const std::vector<unsigned char>& pdf) {
    if (pdf.size() < 8 || std::string_view(reinterpret_cast<const char*>(pdf.data()), 5) != "%PDF-") {
        return model::Error{model::ErrorCode::BadInput, "The background is not a PDF file.", {}};
    }
    GBytes* bytes = g_bytes_new(pdf.data(), pdf.size());
    GError* error = nullptr;
    detail::GObjectPtr<PopplerDocument> doc(poppler_document_new_from_bytes(bytes, nullptr, &error));
    g_bytes_unref(bytes);
    if (!doc) {
        std::string message = fmt::format("The background PDF cannot be read: {}", error ? error->message : "unknown error");
        if (error) {
            g_error_free(error);
        }
        return model::Error{model::ErrorCode::BadInput, message, {}};
    }
    const int pages = poppler_document_get_n_pages(doc.get());
    if (pages < 1) {
        return model::Error{model::ErrorCode::BadInput, "The background PDF has no pages.", {}};
    }
    auto impl = std::make_unique<Impl>();
    for (int i = 0; i < pages; ++i) {
        detail::GObjectPtr<PopplerPage> page(poppler_document_get_page(doc.get(), i));
        if (!page) {
            return model::Error{model::ErrorCode::BadInput, fmt::format("Page {} of the background PDF is unreadable.", i + 1), {}};
        }
        PageSize size;
        poppler_page_get_size(page.get(), &size.width, &size.height);
        if (!(size.width > 1.0 && size.height > 1.0 && size.width < 14400.0 && size.height < 14400.0)) {
            return model::Error{model::ErrorCode::BadInput, fmt::format("Page {} of the background PDF has no usable size.", i + 1), {}};
        }
        cairo_rectangle_t extents{0, 0, size.width, size.height};
        cairo_surface_t* rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
        cairo_t* cr = cairo_create(rec);
        poppler_page_render_for_printing(page.get(), cr);
        cairo_status_t status = cairo_status(cr);
        cairo_destroy(cr);
        impl->sizes.push_back(size);
        impl->surfaces.push_back(rec);
        if (status != CAIRO_STATUS_SUCCESS) {
            return model::Error{model::ErrorCode::BadInput,
                                fmt::format("Page {} of the background PDF cannot be drawn: {}", i + 1,
                                            cairo_status_to_string(status)),
                                {}};
        }
    }
    return Background(std::move(impl));
}

Background Background::blank(PageSize size) {
    auto impl = std::make_unique<Impl>();
    impl->sizes.push_back(size);
    impl->surfaces.push_back(nullptr);
    return Background(std::move(impl));
}

int Background::pageCount() const { return static_cast<int>(m_impl->sizes.size()); }

PageSize Background::pageSize(int index) const { return m_impl->sizes.at(static_cast<std::size_t>(index)); }

void* Background::pageSurface(int index) const { return m_impl->surfaces.at(static_cast<std::size_t>(index)); }

bool Background::removePage(int index) {
    if (index < 0 || index >= pageCount() || pageCount() <= 1) {
        return false;
    }
    const auto at = static_cast<std::ptrdiff_t>(index);
    if (auto* surface = m_impl->surfaces[static_cast<std::size_t>(index)]) {
        cairo_surface_destroy(surface);
    }
    m_impl->surfaces.erase(m_impl->surfaces.begin() + at);
    m_impl->sizes.erase(m_impl->sizes.begin() + at);
    return true;
}

}  // namespace boxoffice::render
