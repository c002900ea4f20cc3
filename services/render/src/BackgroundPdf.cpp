// Background PDFs for the designer, written by TicketDocument with an empty layout: a ticket of
// no elements is exactly its background's pages.
#include "boxoffice/render/BackgroundPdf.h"

#include <fmt/core.h>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/render/TicketDocument.h"

namespace boxoffice::render {

namespace {

constexpr const char* kTitle = "Ticket background";

// The pages of `backgrounds` in turn, as one PDF.
model::Result<std::vector<unsigned char>> write(const std::vector<const Background*>& backgrounds) {
    auto document = TicketDocument::createInMemory(kTitle);
    const layout::Layout none;
    const layout::TicketData data;
    for (const Background* background : backgrounds) {
        if (auto added = document->addTicket(none, *background, data); !added) {
            return added.error();
        }
    }
    if (auto finished = document->finish(); !finished) {
        return finished.error();
    }
    return document->bytes();
}

}  // namespace

model::Result<BackgroundInfo> inspectBackground(const std::vector<unsigned char>& pdf) {
    if (pdf.empty()) {
        return BackgroundInfo{1, kA4};
    }
    auto background = Background::fromPdf(pdf);
    if (!background) {
        return background.error();
    }
    return BackgroundInfo{background->pageCount(), background->pageSize(0)};
}

model::Result<std::vector<unsigned char>> blankBackground(PageSize size, int pages) {
    const auto usable = [](double side) { return side > kMinPageSide && side < kMaxPageSide; };
    if (!usable(size.width) || !usable(size.height)) {
        return model::Error::badInput(
            fmt::format("A page of {:.1f} x {:.1f} mm cannot be printed.", size.width * 25.4 / 72.0, size.height * 25.4 / 72.0));
    }
    if (pages < 1 || pages > kMaxBackgroundPages) {
        return model::Error::badInput(fmt::format("A background has 1 to {} pages, not {}.", kMaxBackgroundPages, pages));
    }
    const Background blank = Background::blank(size);
    return write(std::vector<const Background*>(static_cast<std::size_t>(pages), &blank));
}

model::Result<std::vector<unsigned char>> withBlankPages(const std::vector<unsigned char>& pdf, int count) {
    auto background = pdf.empty() ? model::Result<Background>(Background::blank()) : Background::fromPdf(pdf);
    if (!background) {
        return background.error();
    }
    if (count < 0 || background->pageCount() + count > kMaxBackgroundPages) {
        return model::Error::badInput(fmt::format("A background has 1 to {} pages, not {}.", kMaxBackgroundPages,
                                                  background->pageCount() + count));
    }
    const Background blank = Background::blank(background->pageSize(0));
    std::vector<const Background*> parts{&background.value()};
    parts.insert(parts.end(), static_cast<std::size_t>(count), &blank);
    return write(parts);
}

model::Result<std::vector<unsigned char>> withoutPage(const std::vector<unsigned char>& pdf, int page) {
    auto background = pdf.empty() ? model::Result<Background>(Background::blank()) : Background::fromPdf(pdf);
    if (!background) {
        return background.error();
    }
    const int pages = background->pageCount();
    if (pages <= 1) {
        return model::Error::badInput("The only page of a background cannot be removed.");
    }
    if (!background->removePage(page - 1)) {
        return model::Error::badInput(fmt::format("The background has no page {}: it has {} pages.", page, pages));
    }
    return write({&background.value()});
}

}  // namespace boxoffice::render
