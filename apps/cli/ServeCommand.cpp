// boxoffice-cli serve: runs the LAN server (pretix API, plugins) until SIGINT or SIGTERM.
#include <fmt/core.h>

#include <csignal>
#include <cstdio>

#include "Command.h"

#if defined(BOXOFFICE_HAVE_SERVER)
#include "boxoffice/server/Server.h"
#include "boxoffice/plugins/Served.h"

namespace boxoffice::cli {
namespace {

struct ServeOptions {
    std::string listen = "127.0.0.1:8000";
    std::size_t threads = 48;
    bool quiet = false;
};

int serve(Context& ctx, const ServeOptions& o) {
    const auto colon = o.listen.rfind(':');
    int port = -1;
    if (colon != std::string::npos) {
        try {
            port = std::stoi(o.listen.substr(colon + 1));
        } catch (const std::exception&) {
            port = -1;
        }
    }
    if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535) {
        throw UserError(fmt::format("--listen wants HOST:PORT, e.g. 127.0.0.1:8000 (got \"{}\").", o.listen));
    }
    server::ServerOptions options;
    options.database = ctx.dbPath;
    options.host = o.listen.substr(0, colon);
    options.port = port;
    options.threads = o.threads;
    if (!o.quiet) {
        options.log = [](const std::string& line) { fmt::print(stderr, "{}\n", line); };
    }
    const auto served = plugins::servedPlugins();
    // Block the stop signals before the worker threads exist, so only sigwait below sees them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    server::Server srv(options, served);
    auto started = srv.start();
    if (!started) {
        throw UserError(started.error().message);
    }
    fmt::print("Serving {} on http://{}:{}/ (Ctrl+C to stop)\n", ctx.dbPath.string(), options.host, started.value());
    std::fflush(stdout);
    int sig = 0;
    sigwait(&signals, &sig);
    fmt::print(stderr, "Stopping ({}).\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    srv.stop();
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto opts = std::make_shared<ServeOptions>();
        auto* s = app.add_subcommand("serve", "Serve the pretix API to scanners until SIGINT/SIGTERM");
        s->add_option("--listen", opts->listen,
                      "HOST:PORT to listen on (default 127.0.0.1:8000; 0.0.0.0:PORT serves every interface)");
        s->add_option("--threads", opts->threads, "Worker threads (default 48); on Windows and macOS at least the number of scanners");
        s->add_flag("--quiet", opts->quiet, "No request log on stderr");
        return [opts](Context& ctx) { return serve(ctx, *opts); };
    },
    70}};

}  // namespace
}  // namespace boxoffice::cli
#endif
