// How a boxoffice-cli subcommand plugs in: one .cpp per subcommand defines a Command and
// registers it with a static CommandRegistration. Main parses the global options, opens the store
// lazily, and runs the chosen command.
//
// Exit codes: 0 success, 1 bad input (message on stderr), 2 usage (CLI11 prints it).
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "boxoffice/model/Store.h"

namespace boxoffice::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;

// A failure whose message is for the user; Main prints it to stderr and exits with kExitBadInput.
struct UserError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Context {
public:
    std::filesystem::path dbPath;  // --db, else $BOXOFFICE_DB, else the platform default
    // Opens the store on first use; throws UserError with the store's message when it cannot.
    model::Store& store();

private:
    std::unique_ptr<model::Store> m_store;
};

struct Command {
    // Adds the subcommand's options to `app` and returns the function that runs it.
    std::function<std::function<int(Context&)>(CLI::App& app)> setup;
    int order = 100;  // position in --help
};

std::vector<Command>& commands();

struct CommandRegistration {
    explicit CommandRegistration(Command c) { commands().push_back(std::move(c)); }
};

}  // namespace boxoffice::cli
