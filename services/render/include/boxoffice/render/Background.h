// A background PDF for tickets (spec ticket-layout.md §6.1): its pages, their sizes, and each page
// prepared once as a vector recording that the PDF writer embeds once per document however many
// tickets use it. poppler and cairo handles stay inside the .cpp (pimpl).
// Not thread-safe: one Background belongs to one rendering thread; build another from the same
// bytes for another thread.
#pragma once

#include <memory>
#include <vector>

#include "boxoffice/model/Types.h"

namespace boxoffice::render {

struct PageSize {
    double width = 0.0;  // points
    double height = 0.0;
};

inline constexpr PageSize kA4{595.2755905511812, 841.8897637795277};

class Background {
public:
    ~Background();
    Background(Background&&) noexcept;
    Background& operator=(Background&&) noexcept;

    // Reads a PDF; anything that is not a readable PDF with at least one page is BadInput.
    static model::Result<Background> fromPdf(const std::vector<unsigned char>& pdf);
    // A single empty page (used when a layout has no background).
    static Background blank(PageSize size = kA4);

    int pageCount() const;
    // Size of page `index` (0-based) with its /Rotate applied; every output page of a ticket uses
    // the first page's size, as pretix does.
    PageSize pageSize(int index = 0) const;

    // The page prepared for painting: an opaque cairo_surface_t* (recording surface), or nullptr
    // for a blank page. Owned by the Background.
    void* pageSurface(int index) const;

    // Leaves page `index` (0-based) out, the pages after it moving up one; a background keeps at
    // least one page, so the only page stays. False when it has no such page or only that one.
    bool removePage(int index);

private:
    struct Impl;
    explicit Background(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boxoffice::render
