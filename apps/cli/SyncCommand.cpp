// boxoffice-cli sync: pull an event from a remote pretix server and push the check-ins made here.
// The first run names the remote (--url, --token, --organizer, --event); it is stored, so later
// runs need only `sync`.
#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include "Command.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/sync/SyncEngine.h"
#include "boxoffice/sync/TokenVault.h"

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

std::atomic<bool> g_stop{false};

extern "C" void onStopSignal(int) { g_stop.store(true); }

model::SyncRemote configure(model::Store& store, const SyncOptions& o, std::string& token) {
    model::SyncRepository repo(store);
    const bool naming = !o.url.empty() || !o.organizer.empty() || !o.event.empty();
    model::SyncRemote remote;
    if (naming) {
        if (o.url.empty() || o.organizer.empty() || o.event.empty()) {
            throw UserError("Name the remote completely: --url, --organizer and --event.");
        }
        if (!o.url.starts_with("http://") && !o.url.starts_with("https://")) {
            throw UserError(fmt::format("\"{}\" is not an http:// or https:// URL.", o.url));
        }
        remote.url = o.url;
        while (remote.url.size() > 8 && remote.url.back() == '/') {
            remote.url.pop_back();
        }
        remote.organizer = o.organizer;
        remote.eventSlug = o.event;
        for (const auto& known : repo.remotes()) {
            if (known.url == remote.url && known.organizer == remote.organizer && known.eventSlug == remote.eventSlug) {
                remote = known;
            }
        }
    } else if (auto latest = repo.latestRemote()) {
        remote = *latest;
    } else {
        throw UserError("No remote is configured yet. Run once with --url, --token, --organizer and --event.");
    }
    if (!o.caFile.empty()) {
        remote.caFile = std::filesystem::absolute(o.caFile).string();
    }
    if (o.insecure) {
        remote.verifyTls = false;
    }
    sync::TokenVault vault;
    if (!o.token.empty()) {
        auto saved = vault.save(remote.url, remote.organizer, o.token);
        if (!saved) {
            throw UserError(saved.error().message);
        }
        remote.tokenLocation = saved.value();
        fmt::print("The token is kept in {}.\n", sync::TokenVault::describe(remote.tokenLocation));
        token = o.token;
    } else {
        auto loaded = vault.load(remote.tokenLocation, remote.url, remote.organizer);
        if (!loaded) {
            throw UserError(loaded.error().message);
        }
        token = loaded.value();
    }
    model::Store::Transaction tx(store);
    model::SyncRepository(store).saveRemote(remote);
    tx.commit();
    return remote;
}

std::string when(const std::optional<model::Timestamp>& t) { return t ? model::formatTimestamp(*t) : "never"; }

int runSync(Context& ctx, const SyncOptions& o) {
    auto& store = ctx.store();
    std::string token;
    const auto remote = configure(store, o, token);
    fmt::print("Syncing {}/{} with {}\n", remote.organizer, remote.eventSlug, remote.url);

    sync::EngineOptions options;
    options.http.token = token;
    options.http.caFile = remote.caFile;
    options.http.verifyTls = remote.verifyTls;
    options.cancel = &g_stop;
    auto lastPrint = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    std::string lastStep;
    options.progress = [&](const sync::Progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool finished = p.total >= 0 && p.done >= p.total;
        if (p.step != lastStep || finished || now - lastPrint > std::chrono::milliseconds(500)) {
            fmt::print("  {}: {}{}\n", p.step, p.done, p.total >= 0 ? fmt::format("/{}", p.total) : "");
            std::fflush(stdout);
            lastPrint = now;
            lastStep = p.step;
        }
    };
    sync::SyncEngine engine(store, remote, options);

    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    const bool loop = o.every > 0 && !o.once;
    int exitCode = kExitOk;
    do {
        auto result = engine.syncOnce();
        const auto status = engine.status();
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
            exitCode = kExitOk;
        } else {
            fmt::print(stderr, "Sync failed: {}\n", result.error().message);
            exitCode = kExitBadInput;
        }
        fmt::print("Status: {}; last pull {}; last push {}; queue {}; conflicts {}; double entries {}.\n",
                   status.online ? "online" : "offline", when(status.lastPull), when(status.lastPush),
                   status.queueLength, status.conflicts, status.doubleEntries);
        std::fflush(stdout);
        for (int i = 0; loop && i < o.every * 10 && !g_stop.load(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    } while (loop && !g_stop.load());
    return exitCode;
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
