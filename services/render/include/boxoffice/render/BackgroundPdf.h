// Background PDFs as the designer makes and checks them (spec ticket-layout.md §6.1, §8.6): a
// blank background of a chosen size, a background one page longer or one page shorter, and what
// a file is worth as a background. They are written by the tickets' own PDF writer (TicketDocument), each page as a
// ticket prints it, so the designer's pages are the printed ones. Any thread; poppler and cairo
// stay in the .cpp.
#pragma once

#include <vector>

#include "boxoffice/model/Types.h"
#include "boxoffice/render/Background.h"

namespace boxoffice::render {

// Paper sizes in points, from their millimetres or inches (1 in = 72 pt = 25.4 mm).
constexpr double pointsOfMm(double mm) { return mm * 72.0 / 25.4; }
inline constexpr PageSize kA5{pointsOfMm(148), pointsOfMm(210)};
inline constexpr PageSize kA6{pointsOfMm(105), pointsOfMm(148)};
inline constexpr PageSize kLetter{612.0, 792.0};
inline constexpr PageSize k4x6Inches{288.0, 432.0};

// The smallest and largest page side a background may have, in points (what
// Background::fromPdf accepts).
inline constexpr double kMinPageSide = 1.0;
inline constexpr double kMaxPageSide = 14400.0;
// The most pages a background the designer makes may have.
inline constexpr int kMaxBackgroundPages = 100;

struct BackgroundInfo {
    int pages = 0;
    PageSize size;  // the first page's: every page of a ticket has it (§6.1)
};

// What `pdf` is as a background, read as the renderer reads it (Background::fromPdf: every page
// drawn once). BadInput for bytes that are not a readable PDF whose pages can be drawn; an empty
// `pdf` is no background: one blank A4 page.
model::Result<BackgroundInfo> inspectBackground(const std::vector<unsigned char>& pdf);

// A PDF of `pages` empty pages of `size`. BadInput for a side outside kMinPageSide-kMaxPageSide
// (exclusive) or pages outside 1-kMaxBackgroundPages.
model::Result<std::vector<unsigned char>> blankBackground(PageSize size, int pages = 1);

// `pdf` (empty: no background, one blank A4 page) with `count` empty pages after its last. The PDF
// is written anew: its pages as a ticket prints them (each at the first page's size, §6.1), then
// the empty ones at that size. BadInput as inspectBackground, and for more than
// kMaxBackgroundPages pages in all.
model::Result<std::vector<unsigned char>> withBlankPages(const std::vector<unsigned char>& pdf, int count = 1);

// `pdf` without its page `page` (1-based), the pages after it moving up one: the designer's Remove
// page. Written anew as withBlankPages writes, each page at the size of the first that stays
// (§6.1). BadInput as inspectBackground, for a page it does not have, and for its only page (a
// background has at least one; an empty `pdf` is one blank page).
model::Result<std::vector<unsigned char>> withoutPage(const std::vector<unsigned char>& pdf, int page);

}  // namespace boxoffice::render
