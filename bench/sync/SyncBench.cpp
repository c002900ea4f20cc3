// bench_sync: the figures of the sync issue (see CMakeLists.txt). Prints one line per figure,
// each next to its target (the targets are for 100,000 positions).
#include <fmt/core.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/server/Server.h"
#include "boxoffice/sync/HttpClient.h"
#include "boxoffice/sync/SyncEngine.h"

using namespace boxoffice;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// One line: the figure, then its target and whether it was met.
void figure(const std::string& text, const std::string& target = {}, bool met = true) {
    if (target.empty()) {
        fmt::print("{}\n", text);
    } else {
        fmt::print("{:<78} target {:<9} {}\n", text, target, met ? "met" : "MISSED");
    }
    std::fflush(stdout);  // progress is visible when the output goes to a file or a pipe
}

// Organizer, event, one product, one list, `positions` positions in orders of two.
std::string buildSource(const std::filesystem::path& db, int positions) {
    model::Store store(db);
    model::Store::Transaction tx(store);
    auto& d = store.db();
    const auto now = model::toStorage(model::now());
    d.exec("INSERT INTO organizer (id, slug, name) VALUES (1, 'bench', 'Bench')");
    d.exec("INSERT INTO event (id, organizer_id, slug, name, last_modified) VALUES (1, 1, 'big', '{\"en\":\"Big\"}', " +
           std::to_string(now) + ")");
    d.exec("INSERT INTO item (id, event_id, name, default_price) VALUES (11, 1, '{\"en\":\"Day ticket\"}', 2500)");
    d.exec("INSERT INTO checkin_list (id, event_id, name, last_modified) VALUES (7, 1, 'Main', " + std::to_string(now) + ")");
    SQLite::Statement order(d, "INSERT INTO orders (id, event_id, code, status, email, datetime, total, last_modified) "
                               "VALUES (?, 1, ?, 'p', ?, ?, 5000, ?)");
    SQLite::Statement pos(d, "INSERT INTO order_position (id, order_id, event_id, positionid, item_id, price, "
                             "attendee_name, secret) VALUES (?, ?, 1, ?, 11, 2500, ?, ?)");
    const int orders = (positions + 1) / 2;
    for (int o = 1; o <= orders; ++o) {
        order.bind(1, o);
        order.bind(2, fmt::format("O{:07}", o));
        order.bind(3, fmt::format("buyer{}@example.org", o));
        order.bind(4, now - std::int64_t{1'000'000} * (orders - o));
        order.bind(5, static_cast<std::int64_t>(now - std::int64_t{3'600'000'000}));
        order.exec();
        order.reset();
        for (int p = 1; p <= 2 && (o - 1) * 2 + p <= positions; ++p) {
            const int id = (o - 1) * 2 + p;
            pos.bind(1, id);
            pos.bind(2, o);
            pos.bind(3, p);
            pos.bind(4, fmt::format("Attendee {}", id));
            pos.bind(5, fmt::format("secret{:010}x", id));
            pos.exec();
            pos.reset();
        }
    }
    auto token = auth::createToken(store, "bench", "bench", std::string("big"));
    tx.commit();
    store.db().exec("ANALYZE");  // as bench/server does: the server's queries see real statistics
    return token->secret;
}

long peakRssKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

model::SyncRemote savedRemote(model::Store& store, const std::string& url) {
    auto existing = model::SyncRepository(store).latestRemote();
    if (existing) {
        return *existing;
    }
    model::SyncRemote r;
    r.url = url;
    r.organizer = "bench";
    r.eventSlug = "big";
    model::Store::Transaction tx(store);
    model::SyncRepository(store).saveRemote(r);
    tx.commit();
    return r;
}

// Child mode: one pull into `db`; prints "seconds orders positions mode".
int childPull(const std::string& url, const std::string& token, const std::string& db) {
    model::Store store(db);
    sync::EngineOptions o;
    o.http.token = token;
    sync::SyncEngine engine(store, savedRemote(store, url), o);
    const auto start = Clock::now();
    auto r = engine.pull();
    const double s = seconds(Clock::now() - start);
    if (!r) {
        fmt::print(stderr, "pull failed: {}\n", r.error().message);
        return 1;
    }
    fmt::print("{:.3f} {} {} {}\n", s, r->orders, r->positions, r->full ? "full" : "incremental");
    return 0;
}

// Runs this program in child mode; returns its output and peak RSS (KiB).
std::pair<std::string, long> runChild(const std::string& self, const std::string& url, const std::string& token,
                                      const std::string& db) {
    int fds[2];
    if (::pipe(fds) != 0) {
        return {"", 0};
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], 1);
        ::close(fds[0]);
        ::execl(self.c_str(), self.c_str(), "--child-pull", url.c_str(), token.c_str(), db.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) {
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    return {out, usage.ru_maxrss};
}

// "seconds orders positions mode" from a child's output; seconds < 0 when the pull failed.
struct PullFigures {
    double seconds = -1;
    long long orders = 0;
    long long positions = 0;
    std::string mode;
};

PullFigures parsePull(const std::string& out) {
    PullFigures f;
    char mode[32] = {};
    if (std::sscanf(out.c_str(), "%lf %lld %lld %31s", &f.seconds, &f.orders, &f.positions, mode) != 4) {
        f.seconds = -1;
    }
    f.mode = mode;
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && std::string(argv[1]) == "--child-pull") {
        return childPull(argv[2], argv[3], argv[4]);
    }
    // bench_sync [POSITIONS [UPLOAD_CONNECTIONS]]
    const int positions = argc > 1 ? std::atoi(argv[1]) : 100'000;
    const int connections = argc > 2 ? std::atoi(argv[2]) : sync::EngineOptions{}.uploadConnections;
    const auto dir = std::filesystem::temp_directory_path() / fmt::format("bench_sync_{}", ::getpid());
    std::filesystem::create_directories(dir);
    const auto sourceDb = dir / "source.sqlite";
    const auto localDb = dir / "local.sqlite";

    auto t0 = Clock::now();
    const std::string token = buildSource(sourceDb, positions);
    figure(fmt::format("source: {} positions built in {:.2f} s (the targets are for 100,000)", positions,
                       seconds(Clock::now() - t0)));

    // The server as bench/server runs it: its default worker count (48), statistics analysed.
    server::ServerOptions so;
    so.database = sourceDb;
    so.port = 0;
    server::Server srv(so);
    auto port = srv.start();
    if (!port) {
        fmt::print(stderr, "server: {}\n", port.error().message);
        return 1;
    }
    const std::string url = fmt::format("http://127.0.0.1:{}", port.value());

    // Baseline: download and parse the same order pages, nothing stored.
    double baseline = 0;
    {
        sync::HttpOptions ho;
        ho.token = token;
        sync::HttpClient client(ho);
        std::string next = url + "/api/v1/organizers/bench/events/big/orders/";
        std::int64_t pages = 0;
        std::int64_t orders = 0;
        t0 = Clock::now();
        while (!next.empty()) {
            auto r = client.get(next);
            if (!r || r->status != 200) {
                fmt::print(stderr, "baseline: GET failed\n");
                return 1;
            }
            auto j = nlohmann::json::parse(r->body);
            orders += static_cast<std::int64_t>(j["results"].size());
            ++pages;
            next = j["next"].is_string() ? j["next"].get<std::string>() : "";
        }
        baseline = seconds(Clock::now() - t0);
        figure(fmt::format("baseline: download+parse of the order pages: {} pages, {} orders in {:.2f} s", pages,
                           orders, baseline));
    }

    auto [fullOut, fullRss] = runChild(argv[0], url, token, localDb.string());
    const auto full = parsePull(fullOut);
    if (full.seconds < 0) {
        fmt::print(stderr, "full pull failed: {}\n", fullOut);
        return 1;
    }
    const double fullMb = static_cast<double>(fullRss) / 1024.0;
    figure(fmt::format("full pull: {} orders, {} positions ({}) in {:.2f} s", full.orders, full.positions, full.mode,
                       full.seconds),
           "<= 20 s", full.seconds <= 20);
    figure(fmt::format("full pull speed: {:.0f}% of the baseline's", 100.0 * baseline / full.seconds), ">= 50%",
           full.seconds <= 2 * baseline);
    figure(fmt::format("full pull peak RSS: {:.1f} MB", fullMb), "<= 300 MB", fullMb <= 300);

    // Incremental: 100 changed orders.
    {
        model::Store source(sourceDb);
        const auto now = model::toStorage(model::now());
        source.db().exec("UPDATE orders SET email = 'changed@example.org', last_modified = " + std::to_string(now) +
                         " WHERE id IN (SELECT id FROM orders ORDER BY random() LIMIT 100)");
    }
    auto [incOut, incRss] = runChild(argv[0], url, token, localDb.string());
    const auto inc = parsePull(incOut);
    if (inc.seconds < 0) {
        fmt::print(stderr, "incremental pull failed: {}\n", incOut);
        return 1;
    }
    figure(fmt::format("incremental pull (100 changed orders): {} orders ({}) in {:.3f} s", inc.orders, inc.mode,
                       inc.seconds),
           "<= 1 s", inc.seconds <= 1);
    (void)incRss;

    // Push: 10,000 queued check-ins made here.
    {
        model::Store local(localDb);
        const int count = std::min(10'000, positions);
        {
            model::Store::Transaction tx(local);
            SQLite::Statement ins(local.db(), "INSERT INTO checkin (id, list_id, position_id, datetime, type, device, "
                                              "sync_state, created) VALUES (?, 7, ?, ?, 'entry', 'bench', 'local', ?)");
            const auto now = model::toStorage(model::now());
            for (int i = 0; i < count; ++i) {
                ins.bind(1, model::kLocalIdBase + 500'000'000 + i);
                ins.bind(2, i + 1);
                ins.bind(3, now + i);
                ins.bind(4, now);
                ins.exec();
                ins.reset();
            }
            tx.commit();
        }
        sync::EngineOptions o;
        o.http.token = token;
        o.uploadConnections = connections;
        sync::SyncEngine engine(local, savedRemote(local, url), o);
        t0 = Clock::now();
        auto pushed = engine.push();
        const double s = seconds(Clock::now() - t0);
        if (!pushed) {
            fmt::print(stderr, "push failed: {}\n", pushed.error().message);
            return 1;
        }
        figure(fmt::format("push: {} check-ins uploaded on {} connections in {:.2f} s ({:.0f}/s), {} conflicts, "
                           "{} left",
                           pushed->uploaded, connections, s, static_cast<double>(pushed->uploaded) / s,
                           pushed->conflicts, pushed->remaining),
               "<= 10 s", s <= 10 && pushed->uploaded == count);
    }
    figure(fmt::format("bench process peak RSS (server + baseline + push): {:.1f} MB",
                       static_cast<double>(peakRssKiB()) / 1024.0));
    srv.stop();
    std::filesystem::remove_all(dir);
    return 0;
}
