// Generates a realistic pretix "Order data (JSON)" export of a made-up conference: products with
// variations and add-ons, questions with options (one asked at check-in), quotas, and orders in
// every status with international names. The demo event and the import benchmark use it.
//
// The output depends only on the options: a fixed-seed generator with our own range mapping, so
// every platform produces the same document. Its ticket secrets come from that generator: fine
// for a demo or a benchmark, never for real tickets. Pure function; any thread.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "boxoffice/model/Types.h"

namespace boxoffice::importer {

// The first ID of each kind of row; the document numbers rows upwards from there. Remote-style
// exports start at 1; the demo, made on this machine, starts in the local range.
struct GeneratorIds {
    model::Id category = 1;
    model::Id item = 1;
    model::Id variation = 1;
    model::Id question = 1;
    model::Id option = 1;
    model::Id quota = 1;
    model::Id position = 1;
};

struct GeneratorOptions {
    int orders = 300;
    std::uint32_t seed = 20270612;
    GeneratorIds ids;
    std::string organizerSlug = "demo";
    std::string organizerName = "Box Office Demo";
    std::string eventSlug = "boxcon";
    std::string eventName = "BoxCon 2027";
};

// The export's whole document: {"event": {...}}.
nlohmann::json generateExport(const GeneratorOptions& options);
// The same document's text (byte for byte generateExport(options).dump()), written order by order
// without holding the document: for exports of a million positions.
void writeGeneratedExport(std::ostream& out, const GeneratorOptions& options);

}  // namespace boxoffice::importer
