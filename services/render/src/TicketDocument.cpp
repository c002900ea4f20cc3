// PDF output with cairo's PDF backend; background pages painted from recording surfaces so that
// cairo writes each one as a single form XObject shared by every page that uses it.
#include "boxoffice/render/TicketDocument.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <fmt/core.h>

#include "CairoPainter.h"
#include "boxoffice/layout/Draw.h"

namespace boxoffice::render {

struct TicketDocument::Impl {
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    CairoPainter painter;
    PageTransform transform;
    int pages = 0;
    bool finished = false;
    std::vector<unsigned char> bytes;  // what cairo wrote, for a document in memory

    ~Impl() {
        if (cr) {
            cairo_destroy(cr);
        }
        if (surface) {
            cairo_surface_destroy(surface);
        }
    }
};

TicketDocument::TicketDocument(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TicketDocument::~TicketDocument() = default;

model::Result<std::unique_ptr<TicketDocument>> TicketDocument::create(const std::filesystem::path& file,
                                                                       std::string title,
                                                                       PageTransform transform) {
    auto impl = std::make_unique<Impl>();
    impl->transform = transform;
    impl->surface = cairo_pdf_surface_create(file.c_str(), kA4.width, kA4.height);
    if (cairo_surface_status(impl->surface) != CAIRO_STATUS_SUCCESS) {
        return model::Error{model::ErrorCode::Io,
                            fmt::format("Cannot write {}: {}", file.string(),
                                        cairo_status_to_string(cairo_surface_status(impl->surface))),
                            {}};
    }
    cairo_pdf_surface_set_metadata(impl->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(impl->surface, CAIRO_PDF_METADATA_CREATOR, "Box Office");
    impl->cr = cairo_create(impl->surface);
    return std::unique_ptr<TicketDocument>(new TicketDocument(std::move(impl)));
}

std::unique_ptr<TicketDocument> TicketDocument::createInMemory(std::string title) {
    auto impl = std::make_unique<Impl>();
    auto write = [](void* closure, const unsigned char* data, unsigned int length) {
        auto& bytes = static_cast<Impl*>(closure)->bytes;
        bytes.insert(bytes.end(), data, data + length);
        return CAIRO_STATUS_SUCCESS;
    };
    impl->surface = cairo_pdf_surface_create_for_stream(write, impl.get(), kA4.width, kA4.height);
    cairo_pdf_surface_set_metadata(impl->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(impl->surface, CAIRO_PDF_METADATA_CREATOR, "Box Office");
    impl->cr = cairo_create(impl->surface);
    return std::unique_ptr<TicketDocument>(new TicketDocument(std::move(impl)));
}

model::Result<int> TicketDocument::addTicket(const layout::Layout& layout, const Background& background,
                                             const layout::TicketData& data, std::vector<std::string>* problems) {
    if (m_impl->finished) {
        return model::Error{model::ErrorCode::Conflict, "The document is already finished.", {}};
    }
    const PageSize size = background.pageSize(0);
    layout::Resolver resolver(data);
    cairo_t* cr = m_impl->cr;
    for (int page = 0; page < background.pageCount(); ++page) {
        if (m_impl->pages > 0) {
            cairo_show_page(cr);
        }
        cairo_pdf_surface_set_size(m_impl->surface, size.width, size.height);
        cairo_save(cr);
        if (const auto& t = m_impl->transform; !t.identity()) {
            constexpr double kPointsPerMm = 72.0 / 25.4;
            cairo_translate(cr, t.offsetXMm * kPointsPerMm, t.offsetYMm * kPointsPerMm);
            cairo_scale(cr, t.scaleX, t.scaleY);
        }
        if (auto* bg = static_cast<cairo_surface_t*>(background.pageSurface(page))) {
            cairo_save(cr);
            cairo_set_source_surface(cr, bg, 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
        }
        m_impl->painter.setTarget(cr, size.height);
        auto pageProblems = layout::drawPage(layout, page + 1, resolver, m_impl->painter);
        cairo_restore(cr);
        if (problems) {
            problems->insert(problems->end(), pageProblems.begin(), pageProblems.end());
        }
        ++m_impl->pages;
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
            return model::Error{model::ErrorCode::Io,
                                fmt::format("Drawing the ticket failed: {}", cairo_status_to_string(cairo_status(cr))),
                                {}};
        }
    }
    return background.pageCount();
}

model::Result<bool> TicketDocument::finish() {
    if (m_impl->finished) {
        return true;
    }
    m_impl->finished = true;
    if (m_impl->pages > 0) {
        cairo_show_page(m_impl->cr);
    }
    cairo_destroy(m_impl->cr);
    m_impl->cr = nullptr;
    cairo_surface_finish(m_impl->surface);
    cairo_status_t status = cairo_surface_status(m_impl->surface);
    cairo_surface_destroy(m_impl->surface);
    m_impl->surface = nullptr;
    if (status != CAIRO_STATUS_SUCCESS) {
        return model::Error{model::ErrorCode::Io, fmt::format("Writing the PDF failed: {}", cairo_status_to_string(status)), {}};
    }
    return true;
}

int TicketDocument::pageCount() const { return m_impl->pages; }

const std::vector<unsigned char>& TicketDocument::bytes() const { return m_impl->bytes; }

}  // namespace boxoffice::render
