// boxoffice-cli entry point: global options, subcommand dispatch, and the one place where
// exceptions become messages and exit codes.
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "Allocator.h"
#include "Command.h"

namespace boxoffice::cli {

std::vector<Command>& commands() {
    static std::vector<Command> list;
    return list;
}

model::Store& Context::store() {
    if (!m_store) {
        auto opened = model::Store::open(dbPath);
        if (!opened) {
            throw UserError(opened.error().message);
        }
        m_store = std::move(opened.value());
    }
    return *m_store;
}

}  // namespace boxoffice::cli

int main(int argc, char** argv) {
    using namespace boxoffice::cli;
    CLI::App app{"Box Office: run an event's box office and door from the command line.\n"
                 "Data lives in one SQLite file (see --db).",
                 "boxoffice-cli"};
    app.set_version_flag("--version", [] {
        return fmt::format("boxoffice-cli {} (malloc: {})", BOXOFFICE_VERSION, boxoffice::allocator::name());
    });
    app.require_subcommand(1);
    Context ctx;
    std::string db;
    app.add_option("--db", db, "Database file (default: $BOXOFFICE_DB, else the user data folder)");

    auto& list = commands();
    std::stable_sort(list.begin(), list.end(), [](const Command& a, const Command& b) { return a.order < b.order; });
    std::vector<std::pair<CLI::App*, std::function<int(Context&)>>> runners;
    for (auto& c : list) {
        auto before = app.get_subcommands([](CLI::App*) { return true; });
        auto fn = c.setup(app);
        auto after = app.get_subcommands([](CLI::App*) { return true; });
        for (auto* sub : after) {
            if (std::find(before.begin(), before.end(), sub) == before.end()) {
                runners.emplace_back(sub, fn);
            }
        }
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? kExitOk : kExitUsage;
    }
    ctx.dbPath = db.empty() ? boxoffice::model::Store::defaultPath() : std::filesystem::path(db);

    try {
        for (auto& [sub, fn] : runners) {
            if (sub->parsed()) {
                return fn(ctx);
            }
        }
        return kExitUsage;
    } catch (const UserError& e) {
        fmt::print(stderr, "boxoffice-cli: {}\n", e.what());
        return kExitBadInput;
    } catch (const boxoffice::model::StoreError& e) {
        fmt::print(stderr, "boxoffice-cli: {}\n", e.what());
        return kExitBadInput;
    } catch (const std::exception& e) {
        fmt::print(stderr, "boxoffice-cli: unexpected error: {}\n", e.what());
        return kExitBadInput;
    }
}
