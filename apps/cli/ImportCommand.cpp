// boxoffice-cli import-pretix FILE: reads pretix's "Order data (JSON)" export into the database.
#include <fmt/core.h>

#include "Command.h"

#ifdef BOXOFFICE_HAVE_IMPORTER
#include "boxoffice/importer/Importer.h"

namespace boxoffice::cli {
namespace {

std::string plural(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

int importFile(Context& ctx, const std::string& file) {
    auto result = importer::importPretixJson(ctx.store(), file);
    if (!result) {
        throw UserError(result.error().message);
    }
    const auto& s = result.value();
    std::string extra;
    if (s.subevents > 0) {
        extra += ", " + plural(s.subevents, "date", "dates");
    }
    if (s.quotas > 0) {
        extra += ", " + plural(s.quotas, "quota", "quotas");
    }
    fmt::print("Imported {} ({}/{}): {}, {} ({}), {}{}, {} with {}.\n", s.eventName, s.organizerSlug, s.eventSlug,
               plural(s.categories, "category", "categories"), plural(s.items, "product", "products"),
               plural(s.variations, "variation", "variations"), plural(s.questions, "question", "questions"), extra,
               plural(s.orders, "order", "orders"), plural(s.positions, "position", "positions"));
    if (s.autoCheckins > 0) {
        fmt::print("Checked in automatically (sales channel of a check-in list): {}.\n",
                   plural(s.autoCheckins, "position", "positions"));
    }
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto file = std::make_shared<std::string>();
        auto* c = app.add_subcommand("import-pretix",
                                     "Import pretix's \"Order data (JSON)\" export; importing it again updates in place");
        c->add_option("FILE", *file, "The export (<event>_pretixdata.json)")->required();
        return [file](Context& ctx) { return importFile(ctx, *file); };
    },
    20}};

}  // namespace
}  // namespace boxoffice::cli
#endif
