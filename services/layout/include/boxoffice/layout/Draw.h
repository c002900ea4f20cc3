// Draws one page of a layout for one order position through a Painter: resolves each element's
// content, lays out text, picks QR error levels, and hands resolved geometry to the painter.
// A failing element is skipped with its problem reported, never aborting the page (spec §6.12).
// Stateless; the caller's Painter and Resolver decide the threading.
#pragma once

#include <string>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Painter.h"
#include "boxoffice/layout/Variables.h"

namespace boxoffice::layout {

// QR error correction by content length (spec §6.9): <= 32 H, <= 128 M, else L.
QrErrorLevel qrErrorLevel(std::string_view content);

// Draws every element with base.page == page, in array order. Returns the problems met
// (one message per failed element), empty when all went well.
std::vector<std::string> drawPage(const Layout& layout, int page, const Resolver& resolver, Painter& painter);

}  // namespace boxoffice::layout
