// A page of a PDF as pixels, for previews (the desk's print preview shows the renderer's own
// pages, rasterised here by poppler). Any thread; each call opens the file itself.
#pragma once

#include <filesystem>
#include <vector>

#include "boxoffice/model/Types.h"

namespace boxoffice::render {

struct Raster {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgb;  // width * height pixels, 3 bytes each, rows top to bottom
    int pageCount = 0;               // pages of the document
    double pageWidthPt = 0;          // the page's size
    double pageHeightPt = 0;
};

// Page `index` (0-based) of `pdf` drawn on white to fit within maxWidth x maxHeight pixels, keeping
// its proportions. BadInput for a file that is not a readable PDF, NotFound for a page it lacks.
model::Result<Raster> rasterizePage(const std::filesystem::path& pdf, int index, int maxWidth, int maxHeight);

}  // namespace boxoffice::render
