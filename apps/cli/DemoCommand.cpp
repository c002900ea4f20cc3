// boxoffice-cli demo: creates the demo event (or reports the one already there).
#include <fmt/core.h>

#include "Command.h"

#ifdef BOXOFFICE_HAVE_IMPORTER
#include "boxoffice/importer/Importer.h"

namespace boxoffice::cli {
namespace {

int demo(Context& ctx) {
    auto result = importer::ensureDemoEvent(ctx.store());
    if (!result) {
        throw UserError(result.error().message);
    }
    const auto& s = result->summary;
    fmt::print("{} the demo event {} (organizer \"{}\", event \"{}\"): {} orders with {} positions.\n",
               result->created ? "Created" : "Already there:", s.eventName, s.organizerSlug, s.eventSlug, s.orders,
               s.positions);
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        app.add_subcommand("demo", "Create a demo event with products, questions and ~300 orders (once)");
        return [](Context& ctx) { return demo(ctx); };
    },
    25}};

}  // namespace
}  // namespace boxoffice::cli
#endif
