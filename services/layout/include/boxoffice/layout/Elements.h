// The layout document as plain value types: the five pretix element types with every property
// (spec ticket-layout.md §3). No drawing here; see Painter.h and Draw.h. Reading and writing the
// JSON form is in LayoutJson.h. Value types, safe to copy between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "boxoffice/layout/Length.h"

namespace boxoffice::layout {

// Device RGB, 0-255 per channel. The alpha of the file format is kept for writing but ignored
// when drawing (spec §6.8).
struct Color {
    int r = 0;
    int g = 0;
    int b = 0;
    double alpha = 1.0;
    bool operator==(const Color&) const = default;
};

enum class HAlign { Left, Center, Right };
enum class VAlign { Top, Middle, Bottom };

// Keys every element has.
struct ElementBase {
    int page = 1;  // 1-based background page
    Length left;   // box's left edge from the page's left edge
    Length bottom; // box's bottom edge from the page's bottom edge (downward textarea: top)
    bool operator==(const ElementBase&) const = default;
};

// What a text or barcode prints (spec §4.1): a variable name, "other" + text, "other_i18n" +
// textI18n, "meta:NAME" or "itemmeta:NAME".
struct Content {
    std::string content;
    std::string text;
    std::map<std::string, std::string> textI18n;
    bool operator==(const Content&) const = default;
};

struct FontSpec {
    std::string family = "Open Sans";
    bool bold = false;
    bool italic = false;
    bool operator==(const FontSpec&) const = default;
};

// Properties the two text element types share.
struct TextStyle {
    FontSpec font;
    double fontSize = 13.0;  // points
    Color color;
    HAlign align = HAlign::Left;
    double rotation = 0.0;  // degrees, clockwise on paper
    std::optional<std::string> locale;  // null/"" = the order's language
    bool operator==(const TextStyle&) const = default;
};

struct TextContainer {
    ElementBase base;
    Content content;
    TextStyle style;
    Length width;
    Length height;
    double lineHeight = 1.0;  // factor; leading = lineHeight x 1.15 x fontSize
    VAlign verticalAlign = VAlign::Top;
    bool autoResize = false;
    bool splitLongWords = true;
    bool operator==(const TextContainer&) const = default;
};

struct TextArea {
    ElementBase base;
    Content content;
    TextStyle style;
    Length width;
    std::optional<double> lineHeight;  // absent: legacy leading (spec §6.3)
    bool downward = false;
    bool operator==(const TextArea&) const = default;
};

struct BarcodeArea {
    ElementBase base;
    std::optional<Content> content;  // absent: the full secret
    Length size;
    bool noWhitespace = false;
    std::optional<Color> color;  // absent: black
    bool operator==(const BarcodeArea&) const = default;
};

struct ImageArea {
    ElementBase base;
    std::string content;  // image variable name, "" = none
    Length width;
    Length height;
    bool operator==(const ImageArea&) const = default;
};

struct PoweredBy {
    ElementBase base;
    Length size;  // logo height; width = size x 1024/629
    std::string content = "dark";  // "dark" or "white"
    bool operator==(const PoweredBy&) const = default;
};

using Element = std::variant<TextContainer, TextArea, BarcodeArea, ImageArea, PoweredBy>;

// The pretix type name of an element ("textcontainer", ...).
const char* typeName(const Element& e);
const ElementBase& base(const Element& e);
ElementBase& base(Element& e);

struct Layout {
    std::vector<Element> elements;
    // Highest page number any element uses (1 when empty).
    int maxPage() const;
    bool operator==(const Layout&) const = default;
};

inline constexpr double kLogoAspect = 1024.0 / 629.0;

}  // namespace boxoffice::layout
