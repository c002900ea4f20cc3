// boxoffice-cli sync: pull an event from a remote pretix server and push the check-ins made here.
// The first run names the remote (--url, --token, --organizer, --event); it is stored, so later
// runs need only `sync`. The use cases are services/sync's (connectRemote, syncEvery); this file
// parses, prints, and turns SIGINT/SIGTERM into a stop request.
#include <fmt/core.h>
#include <pthread.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <functional>
#include <memory>
#include <stop_token>
#include <thread>

#include "Command.h"
#include "boxoffice/sync/Remotes.h"
#include "boxoffice/sync/Scheduler.h"

namespace boxoffice::cli {
namespace {

struct SyncOptions {
    std::string url;
    std::string token;
    std::string organizer;
    std::string event;
    std::string caFile;
    bool insecure = false;
    bool once = false;
    int every = 0;
};

// While it lives, SIGINT and SIGTERM request a stop instead of ending the process: they are blocked
// in the constructing thread (and so in every thread it starts later) and a watcher thread takes
// them with sigwait. Construct it before any other thread exists.
class StopOnSignal {
public:
    StopOnSignal() {
        sigemptyset(&m_signals);
        sigaddset(&m_signals, SIGINT);
        sigaddset(&m_signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &m_signals, &m_previous);
        m_watcher = std::thread([this] {
            int sig = 0;
            sigwait(&m_signals, &sig);
            m_stop.request_stop();
        });
    }
    ~StopOnSignal() {
        pthread_kill(m_watcher.native_handle(), SIGTERM);  // wakes the watcher if no signal came
        m_watcher.join();
        // Takes what is still pending (ours, when a real signal came first) before unblocking.
        const timespec noWait{0, 0};
        while (sigtimedwait(&m_signals, nullptr, &noWait) > 0) {
        }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

    std::stop_token token() const { return m_stop.get_token(); }

private:
    sigset_t m_signals{};
    sigset_t m_previous{};
    std::stop_source m_stop;
    std::thread m_watcher;
};

std::string when(const std::optional<model::Timestamp>& t) { return t ? model::formatTimestamp(*t) : "never"; }

void printResult(const model::Result<sync::SyncEngine::Summary>& result, const sync::SyncStatus& status) {
    if (result) {
        const auto& s = result.value();
        fmt::print("Pulled {} orders ({} positions, {} check-ins) in {} pages ({}); pushed {} check-ins, {} conflicts, "
                   "{} double entries; {} still queued.\n",
                   s.pulled.orders, s.pulled.positions, s.pulled.checkins, s.pulled.pages,
                   s.pulled.full ? "full" : "incremental", s.pushed.uploaded, s.pushed.conflicts,
                   s.pushed.doubleEntries, s.pushed.remaining);
        if (s.pulled.skipped > 0) {
            fmt::print("{} objects from the remote could not be read and were skipped.\n", s.pulled.skipped);
        }
    } else {
        fmt::print(stderr, "Sync failed: {}\n", result.error().message);
    }
    fmt::print("Status: {}; last pull {}; last push {}; queue {}; conflicts {}; double entries {}.\n",
               status.online ? "online" : "offline", when(status.lastPull), when(status.lastPush),
               status.queueLength, status.conflicts, status.doubleEntries);
    std::fflush(stdout);
}

// Prints a step when it begins or ends, and at most twice a second in between.
std::function<void(const sync::Progress&)> progressPrinter() {
    struct State {
        std::chrono::steady_clock::time_point lastPrint = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        std::string lastStep;
    };
    return [state = std::make_shared<State>()](const sync::Progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool finished = p.total >= 0 && p.done >= p.total;
        if (p.step != state->lastStep || finished || now - state->lastPrint > std::chrono::milliseconds(500)) {
            fmt::print("  {}: {}{}\n", p.step, p.done, p.total >= 0 ? fmt::format("/{}", p.total) : "");
            std::fflush(stdout);
            state->lastPrint = now;
            state->lastStep = p.step;
        }
    };
}

int runSync(Context& ctx, const SyncOptions& o) {
    auto& store = ctx.store();
    const StopOnSignal stop;  // before connectRemote: the Secret Service client starts threads

    sync::RemoteSettings settings;
    settings.url = o.url;
    settings.organizer = o.organizer;
    settings.event = o.event;
    settings.token = o.token;
    settings.caFile = o.caFile;
    settings.insecure = o.insecure;
    auto connected = sync::connectRemote(store, settings);
    if (!connected) {
        throw UserError(connected.error().message);
    }
    const auto& remote = connected->remote;
    if (!connected->tokenKeptIn.empty()) {
        fmt::print("The token is kept in {}.\n", connected->tokenKeptIn);
    }
    fmt::print("Syncing {}/{} with {}\n", remote.organizer, remote.eventSlug, remote.url);

    sync::EngineOptions options;
    options.http.token = connected->token;
    options.http.caFile = remote.caFile;
    options.http.verifyTls = remote.verifyTls;
    options.progress = progressPrinter();
    const auto every = std::chrono::seconds(o.every > 0 && !o.once ? o.every : 0);
    const auto last = sync::syncEvery(store, remote, std::move(options), every, stop.token(), printResult);
    return last ? kExitOk : kExitBadInput;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto opts = std::make_shared<SyncOptions>();
        auto* s = app.add_subcommand("sync", "Sync an event with a remote pretix server (pull orders, push check-ins)");
        s->add_option("--url", opts->url, "The remote server, e.g. https://pretix.eu (stored for later runs)");
        s->add_option("--token", opts->token, "API token for the remote (kept in the secret store or a private file)");
        s->add_option("--organizer", opts->organizer, "Organizer slug on the remote");
        s->add_option("--event", opts->event, "Event slug on the remote");
        s->add_option("--ca-file", opts->caFile, "PEM certificate to trust (a self-signed server)");
        s->add_flag("--insecure", opts->insecure, "Do not verify the server's TLS certificate (not recommended)");
        auto* once = s->add_flag("--once", opts->once, "Sync once and exit (the default)");
        s->add_option("--every", opts->every, "Sync every SECONDS until stopped")->check(CLI::PositiveNumber)->excludes(once);
        return [opts](Context& ctx) { return runSync(ctx, *opts); };
    },
    70}};

}  // namespace
}  // namespace boxoffice::cli
