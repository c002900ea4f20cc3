// Line breaking, leading, auto-resize and placement of the two text element types (spec
// ticket-layout.md §6.2-§6.5), computed with the metrics of a TextMeasurer and turned into a
// TextBlock in page points. No drawing and no font library here. Free functions; thread-safe as
// far as the measurer is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Painter.h"

namespace boxoffice::layout {

struct WrappedLine {
    std::string text;
    double width = 0.0;  // points at the font size used
};

// Breaks `text` (already prepared) into lines at most `maxWidth` points wide (spec §6.3).
std::vector<WrappedLine> wrapText(TextMeasurer& m, const FontSpec& font, double fontSize, std::string_view text,
                                  double maxWidth, bool splitLongWords);

// The most characters of one text element that are laid out: more never fits on a ticket, and
// line breaking measures text repeatedly, so a 5 MB attendee name (which an API client can send)
// would keep a render busy for minutes. Longer text is cut and ends in an ellipsis.
inline constexpr std::size_t kMaxPrintableChars = 4000;

// Whitespace collapse and NFC-free normalisation of resolved text (§6.2): tabs/CR become spaces,
// runs of spaces collapse, lines are trimmed. Newlines stay hard breaks. At most
// kMaxPrintableChars characters (code points) are kept.
std::string prepareText(std::string_view text);

// Font size after the auto-resize loop of §6.4, with the number of lines it ends on.
struct FitResult {
    double fontSize = 0.0;
    std::vector<WrappedLine> lines;
};
FitResult fitText(TextMeasurer& m, const TextContainer& box, std::string_view text);

// The drawable block for an element with resolved text `text`.
TextBlock layoutTextContainer(TextMeasurer& m, const TextContainer& box, std::string_view text);
TextBlock layoutTextArea(TextMeasurer& m, const TextArea& area, std::string_view text);

}  // namespace boxoffice::layout
