// Reading and writing the layout JSON that pretix's editor, server and pretixPRINT exchange
// (spec ticket-layout.md §2, §3, §8.9). Reading validates with the semantics of
// pretix's pdf-layout.schema.json (required keys, types, numeric strings, enums, no unknown
// keys) plus sanity limits (no absurd sizes); every message names the element and property.
// Writing produces what pretix's editor writes: mm as strings with two decimals, font size with
// one, colour as [r, g, b, 1], rotation/page as numbers, keys in the editor's order.
// Free functions without state: safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::layout {

// Largest accepted extent of any length (mm) and font size (pt); beyond this a layout is refused.
inline constexpr double kMaxLengthMm = 10000.0;
inline constexpr double kMaxFontSizePt = 1000.0;
inline constexpr int kMaxPage = 1000;

// Parses and validates a layout document (a JSON array). BadInput errors carry a message such as
// `element 3 (textcontainer): "fontsize" must be a number or a numeric string` and, in
// fields, the key "layout" with every problem found.
model::Result<Layout> parseLayout(const nlohmann::json& doc);
// Same for JSON text; a syntax error is a BadInput error too.
model::Result<Layout> parseLayoutText(std::string_view text);

// The JSON pretix writes for the layout (validates against the schema).
nlohmann::ordered_json toJson(const Layout& layout);
std::string toJsonText(const Layout& layout, int indent = 2);

// The layout every new pretix ticket layout starts with (assets/pretix/default-layout.json).
Layout defaultLayout();

}  // namespace boxoffice::layout
