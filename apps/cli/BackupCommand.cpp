// boxoffice-cli backup FILE: an online copy of the whole database, safe while the app runs.
#include <fmt/core.h>

#include "Command.h"

namespace boxoffice::cli {
namespace {

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto target = std::make_shared<std::string>();
        auto* b = app.add_subcommand("backup", "Copy the database to FILE (safe while Box Office is running)");
        b->add_option("FILE", *target, "Where to write the copy")->required();
        return [target](Context& ctx) {
            const std::filesystem::path out(*target);
            std::error_code ec;
            if (std::filesystem::equivalent(out, ctx.dbPath, ec)) {
                throw UserError("The backup file must not be the database itself.");
            }
            try {
                ctx.store().backupTo(out);
            } catch (const model::StoreError& e) {
                throw UserError(e.what());
            }
            fmt::print("Backed up {} to {} ({} bytes).\n", ctx.dbPath.string(), out.string(),
                       std::filesystem::file_size(out));
            return kExitOk;
        };
    },
    70}};

}  // namespace
}  // namespace boxoffice::cli
