// pretix's default ticket layout and its A4 background, built into the binary (the build copies
// them from assets/pretix into a generated source file). Constant data; any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace boxoffice::importer::assets {

// The JSON text of the layout every new pretix ticket layout starts with.
extern const std::string_view kDefaultLayoutJson;

// The background PDF (A4) that layout is drawn on.
extern const unsigned char kDefaultBackgroundPdf[];
extern const std::size_t kDefaultBackgroundPdfSize;

}  // namespace boxoffice::importer::assets
