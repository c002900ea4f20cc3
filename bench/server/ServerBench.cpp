// server_bench: LAN server throughput and tail latency with wrk (bench/server/README.md).
// Builds a 100,000-position event and a 200,000-position event in a temporary store with direct
// SQL in one transaction, starts the server in-process on 127.0.0.1, and runs wrk at 32
// keep-alive connections against: a static JSON route (the ceiling), first-time redeems (a new
// secret per request), the same with 1,000 idle keep-alive connections held open beside them,
// re-scans (already redeemed), list-positions search, and an orders page; and first-time redeems
// while another connection re-imports a 60,000-order pretix export over and over (each import one
// transaction of seconds: the redeems go to the journal beside the database meanwhile).
// Prints requests/s, p99 and the slowest request per run. Figures go in issue notes, not assertions.
#include <arpa/inet.h>
#include <poll.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <SQLiteCpp/Statement.h>
#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>

#include "Allocator.h"
#include "HttplibServer.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/SearchIndex.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/server/Server.h"

using namespace boxoffice;

namespace {

constexpr int kThreads = 2;
int g_connections = 32;

// e100k: "e100k<i%97>x<i, 7 digits>" (the redeem scripts compute it); other events: 16
// pseudo-random characters as real ticket secrets are (a shared prefix would defeat the index).
std::string secretOf(const std::string& slug, int i) {
    if (slug == "e100k") {
        return fmt::format("{}{}x{:07d}", slug, i % 97, i);
    }
    static const char* kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    std::uint64_t x = static_cast<std::uint64_t>(i) * std::uint64_t{6364136223846793005U} + std::uint64_t{1442695040888963407U};
    std::string s;
    for (int k = 0; k < 16; ++k) {
        x ^= x >> 29;
        x *= std::uint64_t{0xbf58476d1ce4e5b9U};
        x ^= x >> 32;
        s += kAlphabet[x % 31];
    }
    return s;
}

void buildEvent(model::Store& store, model::Id eventId, const std::string& slug, int positions) {
    auto& db = store.db();
    const auto now = model::toStorage(model::now());
    db.exec(fmt::format("INSERT INTO event (id, organizer_id, slug, name, last_modified) VALUES ({}, 1, '{}', "
                        "'{{\"en\": \"Bench {}\"}}', {})",
                        eventId, slug, slug, now));
    db.exec(fmt::format("INSERT INTO item (id, event_id, name) VALUES ({}, {}, '{{\"en\": \"Ticket\"}}')", eventId,
                        eventId));
    db.exec(fmt::format("INSERT INTO checkin_list (id, event_id, name, last_modified) VALUES ({}, {}, 'Main', {})",
                        eventId, eventId, now));
    SQLite::Statement order(db, "INSERT INTO orders (id, event_id, code, status, email, datetime, last_modified) "
                                "VALUES (?, ?, ?, 'p', ?, ?, ?)");
    SQLite::Statement pos(db, "INSERT INTO order_position (id, order_id, event_id, positionid, item_id, secret, "
                              "attendee_name, price) VALUES (?, ?, ?, 1, ?, ?, ?, 2300)");
    for (int i = 0; i < positions; ++i) {
        const model::Id id = eventId * 1'000'000 + i;
        order.bind(1, id);
        order.bind(2, eventId);
        order.bind(3, fmt::format("O{}{:06d}", slug[0], i));
        order.bind(4, fmt::format("buyer{}@example.org", i));
        order.bind(5, now + i);
        order.bind(6, now);
        order.exec();
        order.reset();
        pos.bind(1, id);
        pos.bind(2, id);
        pos.bind(3, eventId);
        pos.bind(4, eventId);
        pos.bind(5, secretOf(slug, i));
        pos.bind(6, fmt::format("Person {} Guest{}", i, i % 1000));
        pos.exec();
        pos.reset();
    }
}

// Connections held open beside wrk's: each has asked GET /healthz once and then waits, as scanners
// idle between scans do. All ask first, then the answers are collected for at most 5 s: an engine
// that holds a thread per connection answers only as many as it has threads, and the rest stay
// open unanswered (answered() tells how many were).
class IdleConnections {
public:
    IdleConnections(int port, int count) {
        rlimit limit{};
        if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < static_cast<rlim_t>(count) + 1024) {
            limit.rlim_cur = std::min<rlim_t>(static_cast<rlim_t>(count) + 1024, limit.rlim_max);
            ::setrlimit(RLIMIT_NOFILE, &limit);
        }
        const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        for (int i = 0; i < count; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_port = htons(static_cast<std::uint16_t>(port));
            ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
            if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
                ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
                if (fd >= 0) {
                    ::close(fd);
                }
                continue;
            }
            m_fds.push_back(fd);
        }
        std::vector<pollfd> waiting;
        for (const int fd : m_fds) {
            waiting.push_back({fd, POLLIN, 0});
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!waiting.empty() && std::chrono::steady_clock::now() < deadline) {
            if (::poll(waiting.data(), waiting.size(), 100) <= 0) {
                continue;
            }
            std::erase_if(waiting, [this](const pollfd& p) {
                if ((p.revents & POLLIN) == 0) {
                    return false;
                }
                char buf[1024];
                if (::recv(p.fd, buf, sizeof buf, 0) > 0) {
                    ++m_answered;
                }
                return true;
            });
        }
    }
    ~IdleConnections() {
        for (const int fd : m_fds) {
            ::close(fd);
        }
    }
    IdleConnections(const IdleConnections&) = delete;
    IdleConnections& operator=(const IdleConnections&) = delete;

    std::size_t opened() const { return m_fds.size(); }
    std::size_t answered() const { return m_answered; }
    // How many the server has not closed.
    std::size_t stillOpen() const {
        std::size_t open = 0;
        for (const int fd : m_fds) {
            char c = 0;
            const auto n = ::recv(fd, &c, 1, MSG_DONTWAIT | MSG_PEEK);
            // Waiting (nothing to read) or an answer that came late: open; 0 or an error: closed.
            open += n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) ? 1 : 0;
        }
        return open;
    }

private:
    std::vector<int> m_fds;
    std::size_t m_answered = 0;
};

constexpr int kIdleConnections = 1000;

// Re-imports a pretix export on a connection of its own until destroyed, one import after
// another, as a box office re-importing a large event while the doors are open.
class Reimporter {
public:
    Reimporter(const std::filesystem::path& db, const std::filesystem::path& exportFile)
        : m_thread([this, db, exportFile] {
              model::Store store(db);
              while (!m_stop) {
                  const auto start = std::chrono::steady_clock::now();
                  const auto imported = importer::importPretixJson(store, exportFile);
                  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                  if (imported) {
                      ++m_done;
                      m_longest = std::max(m_longest.load(), seconds);
                  } else {
                      ++m_failed;
                      m_error = imported.error().message;
                  }
              }
          }) {}
    ~Reimporter() { finish(); }
    Reimporter(const Reimporter&) = delete;
    Reimporter& operator=(const Reimporter&) = delete;

    void finish() {
        m_stop = true;
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    int done() const { return m_done; }
    int failed() const { return m_failed; }
    double longest() const { return m_longest; }
    const std::string& error() const { return m_error; }

private:
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_done{0};
    std::atomic<int> m_failed{0};
    std::atomic<double> m_longest{0};
    std::string m_error;
    std::thread m_thread;
};

constexpr int kReimportOrders = 60'000;

struct WrkResult {
    double rps = 0;
    double p99Ms = 0;
    double maxMs = 0;
    long non2xx = 0;
    long timeouts = 0;
};

double toMs(const std::string& value, const std::string& unit) {
    const double v = std::stod(value);
    return unit == "us" ? v / 1000.0 : unit == "s" ? v * 1000.0 : v;
}

WrkResult runWrk(const std::string& url, const std::string& script, int seconds, const std::string& args) {
    const std::string cmd = fmt::format("wrk -t{} -c{} -d{}s --latency {} {} {} {} 2>&1", kThreads, g_connections,
                                        seconds, script.empty() ? "" : "-s " + script, url, kThreads, args);
    WrkResult r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) {
        return r;
    }
    std::string out;
    char buf[4096];
    while (fgets(buf, sizeof buf, pipe)) {
        out += buf;
    }
    pclose(pipe);
    std::smatch m;
    if (std::regex_search(out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) {
        r.rps = std::stod(m[1]);
    }
    if (std::regex_search(out, m, std::regex(R"(99%\s+([0-9.]+)(us|ms|s))"))) {
        r.p99Ms = toMs(m[1], m[2]);
    }
    if (std::regex_search(out, m, std::regex(R"(Non-2xx or 3xx responses:\s+(\d+))"))) {
        r.non2xx = std::stol(m[1]);
    }
    // "Latency  avg  stdev  max  +/- stdev"
    if (std::regex_search(out, m,
                          std::regex(R"(Latency\s+[0-9.]+(?:us|ms|s)\s+[0-9.]+(?:us|ms|s)\s+([0-9.]+)(us|ms|s))"))) {
        r.maxMs = toMs(m[1], m[2]);
    }
    if (std::regex_search(out, m, std::regex(R"(timeout (\d+))"))) {
        r.timeouts = std::stol(m[1]);
    }
    return r;
}

// Distinct search texts for e200k, one a line, URL-encoded: a name (one match), an order code, a
// secret's first 7 characters, a name part matching 11 or 111 positions ("Person 1234"), and
// now and then "Guest<k>" (0.1 % to 11 % of the event). No text twice, ignoring case, so no
// remembered answer serves a search; each round of the search run reads its own slice.
std::string writeSearches(const std::filesystem::path& dir, int count) {
    const auto path = (dir / "searches.txt").string();
    std::ofstream out(path);
    int guest = 1;
    int medium = 1000;  // "Person 1000".."Person 1999": 111 matches each, then 11 each
    for (int k = 0, i = 0; k < count; ++k) {
        if (k % 40 == 39 && guest < 1000) {
            out << "Guest" << guest++ << '\n';
            continue;
        }
        // i walks 0..199,999 in a scattered order (48,271 is prime to 200,000).
        const int n = static_cast<int>((static_cast<std::int64_t>(i / 4) * 48'271 + 17) % 200'000);
        switch (i++ % 4) {
        case 0: out << "Person%20" << n << "%20Guest" << '\n'; break;
        case 1: out << fmt::format("Oe{:06d}", n) << '\n'; break;
        case 2: out << secretOf("e200k", n).substr(0, 7) << '\n'; break;
        default:
            if (medium < 20'000) {
                out << "Person%20" << medium++ << '\n';
            } else {
                out << "Person%20" << n << "%20G\n";  // the first case has "Guest"
            }
            break;
        }
    }
    return path;
}

std::string writeScript(const std::filesystem::path& dir, const std::string& name, const std::string& body) {
    const auto path = (dir / name).string();
    std::ofstream(path) << body;
    return path;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"LAN server throughput and p99 latency with wrk"};
    std::vector<std::string> only;
    std::string keep;
    std::size_t serverThreads = 48;
    int rounds = 3;
    std::size_t jsonCacheMb = server::kDefaultJsonCacheBytes / (1024 * 1024);
    app.add_option("--only", only, "run only these: ceiling, redeem, redeem-idle, redeem-import, rescan, search, orders")
        ->check(CLI::IsMember({"ceiling", "redeem", "redeem-idle", "redeem-import", "rescan", "search", "orders"}));
    app.add_option("--keep", keep, "keep the database in this folder and reuse it on the next run");
    app.add_option("--connections", g_connections, "wrk connections")->check(CLI::Range(1, 1024));
    app.add_option("--server-threads", serverThreads, "server worker threads")->check(CLI::Range(2, 1024));
    bool httplibToo = false;
    app.add_flag("--httplib", httplibToo,
                 "then the ceiling and the redeems again on cpp-httplib's public API (the old engine model)");
    app.add_option("--rounds", rounds, "wrk runs per case; the median is reported with the worst p99")
        ->check(CLI::Range(1, 20));
    app.add_option("--json-cache-mb", jsonCacheMb, "MiB of order and of position JSON the server keeps (0: none)")
        ->check(CLI::Range(0, 4096));
    CLI11_PARSE(app, argc, argv);
    const auto dir = keep.empty()
                         ? std::filesystem::temp_directory_path() / fmt::format("boxoffice-bench-{}", ::getpid())
                         : std::filesystem::path(keep);
    std::filesystem::create_directories(dir);
    const auto db = dir / "bench.sqlite";
    const bool reuse = !keep.empty() && std::filesystem::exists(db);
    std::string token;
    if (reuse) {
        model::Store store(db);
        token = auth::createToken(store, "bench", "bench", std::nullopt)->secret;
        // Earlier runs' check-ins would turn first check-ins into re-scans.
        store.db().exec("DELETE FROM checkin");
        store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } else {
        model::Store store(db);
        fmt::print("Building events: 100,000 positions (e100k) and 200,000 positions (e200k)...\n");
        std::fflush(stdout);
        model::Store::Transaction tx(store);
        store.db().exec("INSERT INTO organizer (id, slug, name) VALUES (1, 'bench', 'Bench')");
        buildEvent(store, 1, "e100k", 100'000);
        buildEvent(store, 2, "e200k", 200'000);
        token = auth::createToken(store, "bench", "bench", std::nullopt)->secret;
        tx.commit();
        store.db().exec("ANALYZE");
    }
    server::ServerOptions options;
    options.database = db;
    options.port = 0;
    options.threads = serverThreads;
    // The idle connections stay open for the whole run, and all come from 127.0.0.1.
    options.keepAliveTimeoutSeconds = 600;
    options.maxConnectionsPerAddress = 4096;
    options.jsonCacheBytes = jsonCacheMb * 1024 * 1024;
    server::Server srv(options);
    const int beastPort = srv.start().value();
    {
        // The server builds its search indexes in the background when it starts; measuring while
        // that runs would charge every run (the ceiling first) with a build the gates never see.
        model::Store store(db);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
        while (!(model::search::warm(store, 1) && model::search::warm(store, 2)) &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    const std::string beastBase = fmt::format("http://127.0.0.1:{}", beastPort);
    bench::HttplibServer oldEngine(db, serverThreads);
    model::Store bench(db);
    const std::string headers = fmt::format(
        "wrk.headers[\"Authorization\"] = \"Token {}\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n", token);
    const std::string threadIds = R"(local n = 0
function setup(thread) thread:set("tid", n); n = n + 1 end
function init(args) nthreads = tonumber(args[1]) or 2; counter = 0 end
)";
    const auto redeemNew = writeScript(dir, "redeem.lua", headers + threadIds + R"(
request = function()
  local i = tid + counter * nthreads
  counter = counter + 1
  return wrk.format("POST", "/api/v1/organizers/bench/events/e100k/checkinlists/1/positions/e100k" .. (i % 97) ..
                    "x" .. string.format("%07d", i) .. "/redeem/", nil, "{}")
end
)");
    const auto redeemAgain = writeScript(dir, "rescan.lua", headers + threadIds + R"(
request = function()
  local i = (tid + counter * nthreads) % 1000
  counter = counter + 1
  return wrk.format("POST", "/api/v1/organizers/bench/events/e100k/checkinlists/1/positions/e100k" .. (i % 97) ..
                    "x" .. string.format("%07d", i) .. "/redeem/", nil, "{}")
end
)");
    // Each thread takes every second line of its round's slice of the search texts, and stops
    // when it has asked each of them once.
    constexpr int kSearchesPerRound = 60'000;
    const auto searches = writeSearches(dir, kSearchesPerRound * rounds);
    const auto search = writeScript(dir, "search.lua", headers + threadIds + R"(
local base = init
function init(args)
  base(args)
  local first, last, i = tonumber(args[2]) * tonumber(args[3]), (tonumber(args[2]) + 1) * tonumber(args[3]), 0
  queries = {}
  for line in io.lines(args[4]) do
    if i >= first and i < last and i % nthreads == tid then queries[#queries + 1] = line end
    i = i + 1
  end
end
request = function()
  counter = counter + 1
  local q = queries[(counter - 1) % #queries + 1]
  return wrk.format("GET", "/api/v1/organizers/bench/events/e200k/checkinlists/2/positions/?search=" .. q)
end
function response()
  if counter >= #queries then wrk.thread:stop() end
end
)");
    const auto orders = writeScript(dir, "orders.lua", headers + threadIds + R"(
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/organizers/bench/events/e100k/orders/?page=" .. ((counter * 7 + tid) % 100 + 1))
end
)");
    struct Run {
        std::string key;
        const char* name;
        std::string url;
        std::string script;
        int seconds;
    };
    // The same routes on the old engine model after the server's: ceiling and redeems (--httplib).
    const std::vector<std::string> oldEngineRuns = {"ceiling", "redeem", "redeem-idle"};
    std::string engine = "Boost.Beast (the server)";
    std::string base = beastBase;
    int port = beastPort;
    for (int pass = 0; pass < (httplibToo ? 2 : 1); ++pass) {
        if (pass == 1) {
            srv.stop();
            engine = fmt::format("cpp-httplib public API, {} threads (the old model on Windows, macOS)", serverThreads);
            port = oldEngine.start();
            base = fmt::format("http://127.0.0.1:{}", port);
        }
        const Run runs[] = {{"ceiling", "ceiling: GET /healthz (static JSON)", base + "/healthz", "", 5},
                            {"redeem", "redeem, first check-in (new secret each)", base, redeemNew, 4},
                            {"redeem-idle", "the same, 1,000 idle connections beside", base, redeemNew, 4},
                            {"redeem-import", "the same, a 60,000-order re-import beside", base, redeemNew, 10},
                            {"rescan", "redeem, re-scan (already_redeemed)", base, redeemAgain, 4},
                            {"search", "list positions ?search= (200,000, distinct)", base, search, 5},
                            {"orders", "orders page 1-100 (50 orders, 100,000 total)", base, orders, 5}};
        fmt::print("\n{} (malloc: {})\nwrk: {} threads, {} keep-alive connections, 127.0.0.1; {} rounds per run, "
                   "median and worst\n",
                   engine, allocator::name(), kThreads, g_connections, rounds);
        fmt::print("{:<46} {:>12} {:>12} {:>12} {:>12} {:>10}\n", "run", "requests/s", "p99", "worst p99", "slowest",
                   "non-2xx");
        for (const auto& run : runs) {
            if (!only.empty() && std::find(only.begin(), only.end(), run.key) == only.end()) {
                continue;
            }
            if (pass == 1 && std::find(oldEngineRuns.begin(), oldEngineRuns.end(), run.key) == oldEngineRuns.end()) {
                continue;
            }
            std::vector<WrkResult> results;
            std::unique_ptr<IdleConnections> idle;
            if (run.key == "redeem-idle") {
                idle = std::make_unique<IdleConnections>(port, kIdleConnections);
            }
            const auto exportFile = dir / "reimport.json";
            if (run.key == "redeem-import") {
                if (!std::filesystem::exists(exportFile)) {
                    importer::GeneratorOptions generated;
                    generated.orders = kReimportOrders;
                    generated.organizerSlug = "bench";
                    generated.eventSlug = "reimport";
                    generated.eventName = "Re-import";
                    // Row IDs of its own, clear of the bench events' (a real export's are the remote's).
                    constexpr model::Id kFirst = 50'000'000;
                    generated.ids = {kFirst, kFirst, kFirst, kFirst, kFirst, kFirst, kFirst};
                    std::ofstream out(exportFile, std::ios::binary);
                    importer::writeGeneratedExport(out, generated);
                }
                model::Store first(db);
                const auto start = std::chrono::steady_clock::now();
                const auto imported = importer::importPretixJson(first, exportFile);
                fmt::print("  the export imported alone in {:.1f} s{}\n",
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                           imported ? "" : ": " + imported.error().message);
            }
            int reimports = 0;
            int reimportsFailed = 0;
            double longestReimport = 0;
            std::string reimportError;
            for (int round = 0; round < rounds; ++round) {
                if (run.key == "redeem" || run.key == "redeem-idle" || run.key == "redeem-import") {
                    // Every round admits new tickets; a checkpoint now keeps the deletion's WAL out of
                    // the measured time. Redeems that were under way when the last round's wrk left
                    // still commit: wait for them first, or the same secrets of this round would find
                    // them and answer already_redeemed (a few non-2xx now and then).
                    std::this_thread::sleep_for(std::chrono::milliseconds(300));
                    // Check-ins journaled during an import move into the database with the next
                    // redeem's transaction: one (of no ticket) moves them now, so they are deleted too.
                    checkin::RedeemRequest none;
                    none.code = "no-such-ticket";
                    none.listId = 1;
                    static_cast<void>(checkin::redeem(bench, 1, none));
                    bench.db().exec("DELETE FROM checkin");
                    bench.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                const std::string args =
                    run.key == "search" ? fmt::format("{} {} {}", round, kSearchesPerRound, searches) : std::string();
                // Started after the deletion above, which would otherwise wait for an import.
                std::unique_ptr<Reimporter> reimporter;
                if (run.key == "redeem-import") {
                    reimporter = std::make_unique<Reimporter>(db, exportFile);
                    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // into its transaction
                }
                results.push_back(runWrk(run.url, run.script, run.seconds, args));
                if (reimporter) {
                    reimporter->finish();
                    reimports += reimporter->done();
                    reimportsFailed += reimporter->failed();
                    longestReimport = std::max(longestReimport, reimporter->longest());
                    if (reimporter->failed() > 0) {
                        reimportError = reimporter->error();
                    }
                }
            }
            const auto median = [&](auto key) {
                std::vector<double> v;
                for (const auto& r : results) {
                    v.push_back(key(r));
                }
                std::sort(v.begin(), v.end());
                return v[v.size() / 2];
            };
            const double rps = median([](const WrkResult& r) { return r.rps; });
            const double p99 = median([](const WrkResult& r) { return r.p99Ms; });
            double worst = 0;
            double slowest = 0;
            long non2xx = 0;
            long timeouts = 0;
            for (const auto& r : results) {
                worst = std::max(worst, r.p99Ms);
                slowest = std::max(slowest, r.maxMs);
                non2xx += r.non2xx;
                timeouts += r.timeouts;
            }
            fmt::print("{:<46} {:>12.0f} {:>9.2f} ms {:>9.2f} ms {:>9.2f} ms {:>10}\n", run.name, rps, p99, worst, slowest,
                       non2xx);
            if (timeouts > 0) {
                fmt::print("  {} requests timed out (wrk: 2 s)\n", timeouts);
            }
            if (run.key == "redeem-import") {
                fmt::print("  re-imports beside: {} done, the longest {:.1f} s; {} failed{}\n", reimports, longestReimport,
                           reimportsFailed, reimportsFailed > 0 ? " (" + reimportError + ")" : std::string());
            }
            if (idle) {
                fmt::print("  idle connections: {} opened, {} answered their first request, {} still open after the run\n",
                       idle->opened(), idle->answered(), idle->stillOpen());
            }
            std::fflush(stdout);
        }
    }
    srv.stop();
    oldEngine.stop();
    if (keep.empty()) {
        std::filesystem::remove_all(dir);
    }
    return 0;
}
