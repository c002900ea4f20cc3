// The designer's canvas picture (STYLE.md, "The designer"): one page of a layout drawn for one
// ticket's data into pixels by the very cairo painter that writes the PDFs, so line breaks,
// auto-resize and fonts on screen are the ones that print. The background page is rasterised by
// poppler once per zoom (rasterizeBackground), and the caller keeps it; each change of the layout
// then only paints the elements again over a copy of it (CanvasRenderer::render). No wx here;
// cairo, pango and poppler stay in the .cpp.
//
// Threads: rasterizeBackground from any thread. A CanvasRenderer keeps the painter's font caches
// between pictures; its render() may be called from any thread, one call at a time (a second
// call waits for the first).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Length.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/Types.h"
#include "boxoffice/render/Background.h"

namespace boxoffice::render {

// A page as pixels: rows top to bottom, 3 bytes per pixel (R, G, B), opaque.
struct PagePixels {
    int width = 0;
    int height = 0;
    double scale = 0.0;  // pixels per point
    PageSize page;       // the page's size in points
    int pageCount = 0;   // pages of the background the picture comes from
    std::vector<unsigned char> rgb;
};

// The picture size of a page `page` points large at `scale` pixels per point: each side rounded up,
// so the whole page is covered (at least one pixel).
int pixelsFor(double points, double scale);

// Page `index` (0-based) of the background PDF `pdf` on white at `scale` pixels per point, the
// picture the size of the background's first page as every page of a ticket (spec §6.1); an empty
// `pdf` is a blank A4 page. BadInput for bytes that are not a readable PDF or a scale outside
// (0, 20]; NotFound for a page the PDF lacks. Any PDF works, also a rendered ticket.
model::Result<PagePixels> rasterizeBackground(const std::vector<unsigned char>& pdf, int index, double scale);

// A legacy text (textarea) as measured with the real text layout while drawing: how high its
// block is for the data drawn. `area` has its position and rotation zeroed, so a text moved or
// turned finds its height again (layout::TextAreaHeight for the designer's frames).
struct MeasuredTextArea {
    layout::TextArea area;
    layout::Length height;
};

// The key a text area is measured under: `area` without position and rotation.
layout::TextArea measureKey(const layout::TextArea& area);

struct CanvasPicture {
    PagePixels pixels;
    std::vector<std::string> problems;        // elements that failed to draw (spec §6.12)
    std::vector<MeasuredTextArea> textAreas;  // every legacy text of the page
};

struct CanvasOptions {
    // Image areas without a picture as grey boxes labelled with their variable (a ticket prints
    // nothing there; the designer shows where the picture goes).
    bool placeholders = true;
};

class CanvasRenderer {
public:
    CanvasRenderer();
    ~CanvasRenderer();
    CanvasRenderer(const CanvasRenderer&) = delete;
    CanvasRenderer& operator=(const CanvasRenderer&) = delete;

    // The elements of page `page` (1-based) of `layout` for `data`, painted in array order over a
    // copy of `background` (from rasterizeBackground, at the scale wanted).
    CanvasPicture render(const layout::Layout& layout, int page, const layout::TicketData& data,
                         const PagePixels& background, const CanvasOptions& options = {});

private:
    struct Impl;
    std::mutex m_mutex;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boxoffice::render
