// boxoffice-cli export --organizer O --event E --output FILE: writes the event as pretix's
// "Order data (JSON)" export, the format import-pretix reads.
#include <fmt/core.h>

#include "Command.h"

#ifdef BOXOFFICE_HAVE_IMPORTER
#include "boxoffice/importer/Exporter.h"

namespace boxoffice::cli {
namespace {

struct ExportOptions {
    std::string organizer;
    std::string event;
    std::string output;
};

int exportEvent(Context& ctx, const ExportOptions& o) {
    auto result = importer::exportPretixJson(ctx.store(), o.organizer, o.event, o.output);
    if (!result) {
        throw UserError(result.error().message);
    }
    fmt::print("Exported {}/{} to {}: {} orders with {} positions ({} bytes).\n", o.organizer, o.event, o.output,
               result->orders, result->positions, result->bytes);
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto o = std::make_shared<ExportOptions>();
        auto* c = app.add_subcommand("export", "Write an event as pretix's \"Order data (JSON)\" export");
        c->add_option("--organizer", o->organizer, "The organizer's slug")->required();
        c->add_option("--event", o->event, "The event's slug")->required();
        c->add_option("--output", o->output, "The file to write (replaced only when the export is complete)")->required();
        return [o](Context& ctx) { return exportEvent(ctx, *o); };
    },
    21}};

}  // namespace
}  // namespace boxoffice::cli
#endif
