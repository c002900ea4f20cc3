// The abstract surface layout elements draw through. cairo implements it for PDF (services/render),
// the designer implements it for the screen, so preview and ticket share one code path
// (STYLE.md, the designer). Everything a Painter receives is resolved: text is final, geometry is
// in points in page coordinates with the origin at the page's bottom-left and y up (PDF
// convention). One Painter is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/layout/Elements.h"

namespace boxoffice::layout {

struct PointPt {
    double x = 0.0;
    double y = 0.0;
};

// Font measurements the text layout needs. Advances are plain sums of glyph advances, without
// kerning or ligatures (spec §6.3), for a font size of 1 pt.
class TextMeasurer {
public:
    virtual ~TextMeasurer() = default;
    // Width of `utf8` at 1 pt (multiply by the font size).
    virtual double advance(const FontSpec& font, std::string_view utf8) = 0;
    // Typographic ascender (positive) and descender (negative) at 1 pt.
    virtual double ascender(const FontSpec& font) = 0;
    virtual double descender(const FontSpec& font) = 0;
};

// One line of text: `x` and `baseline` in the element's frame (origin at the pivot, x right,
// y up, before rotation), in points.
struct TextLine {
    std::string text;
    double x = 0.0;
    double baseline = 0.0;
};

struct TextBlock {
    FontSpec font;
    double fontSize = 0.0;  // points
    Color color;
    PointPt pivot;          // page point the frame is anchored at
    double rotation = 0.0;  // degrees, clockwise on paper, about the pivot
    std::vector<TextLine> lines;
};

enum class QrErrorLevel { L, M, Q, H };

struct QrCode {
    std::string content;  // non-empty
    QrErrorLevel level = QrErrorLevel::H;
    PointPt origin;        // lower-left corner of the square
    double size = 0.0;     // side of the square, points
    int quietZone = 4;     // modules of blank margin inside the square (0 or 4)
    Color color;
};

struct Rect {
    double left = 0.0;
    double bottom = 0.0;
    double width = 0.0;
    double height = 0.0;
};

class Painter : public TextMeasurer {
public:
    virtual void drawText(const TextBlock& block) = 0;
    virtual void drawQr(const QrCode& qr) = 0;
    // `encoded` is the picture file (PNG); draw it as large as fits inside `frame` keeping the
    // aspect ratio, centred (spec §6.10). An unreadable picture draws nothing.
    virtual void drawImage(const std::vector<unsigned char>& encoded, const Rect& frame) = 0;
    // An image area whose variable has no picture. Tickets draw nothing (our choice, where
    // pretix draws a grey box); a designer preview may draw a labelled placeholder.
    virtual void drawImagePlaceholder(const std::string& variable, const Rect& frame) = 0;
    // The vendor logo slot (`poweredby`), `frame` already has the logo's aspect ratio.
    virtual void drawLogo(bool white, const Rect& frame) = 0;
};

}  // namespace boxoffice::layout
