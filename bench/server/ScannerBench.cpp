// scanner_bench: the figures of the pretixSCAN issue (bench/server/README.md) on a generated
// 1,000,000-position event, each printed next to its target with the machine's load average:
//   - check-in RPC redeem with wrk at 32 connections, a paired device's token, a new secret per
//     request (first-time redeems);
//   - search: 300 distinct queries taken from the event's data (e-mails, order codes, secret
//     prefixes, full names, surnames, and first-name parts that match about a tenth of the event)
//     on checkinrpc/search/, and 300 others on list positions ?search=, each asked once over one
//     keep-alive connection, so no remembered answer can serve one;
//   - an offline device's full sync over HTTP: initialize, then what pretixSCAN's download pass
//     reads, all order pages included (the app's page size, following `next`).
#include <sys/resource.h>
#include <sys/time.h>

#include <CLI/CLI.hpp>
#include <SQLiteCpp/Statement.h>
#include <fmt/core.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "Allocator.h"
#include "boxoffice/auth/Devices.h"
#include "boxoffice/model/SearchIndex.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/server/Server.h"

using namespace boxoffice;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr model::Id kEvent = 1;
constexpr model::Id kList = 1;
double g_quietLoad = 1.5;

// Ten first names, about a tenth of the event each: their parts are the broad searches.
const std::vector<std::string> kFirstNames = {"Alexandra", "Benedikt", "Christoph", "Dorothea", "Emmanuel",
                                              "Franziska", "Gottfried", "Henrietta", "Josephine", "Konstantin"};
// Surnames of three syllables: 27,000 of them, so a surname or a full name is a narrow search.
const std::vector<std::string> kSyllables = {"ber", "gan", "tor", "mel", "sku", "vas", "rin", "dol", "pha", "qui",
                                             "zen", "wol", "kra", "lum", "nor", "pet", "sal", "tiv", "bru", "cho",
                                             "dax", "fen", "gri", "hol", "jum", "kel", "mar", "nov", "ost", "rud"};

std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 31;
    x *= std::uint64_t{0xbf58476d1ce4e5b9U};
    x ^= x >> 29;
    x *= std::uint64_t{0x94d049bb133111ebU};
    return x ^ (x >> 32);
}

std::string secretOf(std::int64_t i) {
    static const char* kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    std::uint64_t x = static_cast<std::uint64_t>(i) + 0x9e3779b97f4a7c15U;
    std::string s;
    for (int k = 0; k < 16; ++k) {
        x = mix(x + static_cast<std::uint64_t>(k));
        s += kAlphabet[x % 31];
    }
    return s;
}

// pretix-like order codes: five characters; n -> n * 7919 mod 28^5 is one to one.
std::string codeOf(std::int64_t order) {
    static const char* kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ3789";
    std::uint64_t n = (static_cast<std::uint64_t>(order) * 7919U) % 17'210'368U;
    std::string s(5, 'A');
    for (int k = 4; k >= 0; --k) {
        s[static_cast<std::size_t>(k)] = kAlphabet[n % 28];
        n /= 28;
    }
    return s;
}

std::string firstOf(std::int64_t pos) { return kFirstNames[mix(static_cast<std::uint64_t>(pos) * 3U) % 10]; }
std::string surnameOf(std::int64_t pos) {
    auto x = mix(static_cast<std::uint64_t>(pos) * 5U + 1U);
    std::string s;
    for (int k = 0; k < 3; ++k) {
        s += kSyllables[x % 30];
        x /= 30;
    }
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}
bool unnamed(std::int64_t pos) { return mix(static_cast<std::uint64_t>(pos) * 7U + 2U) % 100 < 3; }
std::string emailOf(std::int64_t order) {
    std::string s = fmt::format("{}.{}{}@example.org", firstOf(order * 2), surnameOf(order * 2), order % 100);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
// Order o (from 1) holds 1 + o % 3 positions; 2 % of orders are canceled, 4 % pending.
char statusOf(std::int64_t order) { return order % 50 == 0 ? 'c' : order % 25 == 1 ? 'n' : 'p'; }

void buildEvent(model::Store& store, std::int64_t positions) {
    auto& db = store.db();
    const auto now = model::toStorage(model::now());
    db.exec("INSERT INTO organizer (id, slug, name) VALUES (1, 'bench', 'Bench')");
    db.exec(fmt::format("INSERT INTO event (id, organizer_id, slug, name, date_from, last_modified) VALUES (1, 1, "
                        "'big', '{{\"en\": \"Big festival\"}}', {}, {})",
                        now + std::int64_t{86'400'000'000} * 30, now));
    db.exec(fmt::format("INSERT INTO item (id, event_id, name) VALUES (1, 1, '{{\"en\": \"Day ticket\"}}')"));
    db.exec(fmt::format("INSERT INTO checkin_list (id, event_id, name, last_modified) VALUES (1, 1, 'Main', {})", now));
    SQLite::Statement order(db, "INSERT INTO orders (id, event_id, code, status, email, datetime, total, "
                                "last_modified) VALUES (?, 1, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement pos(db, "INSERT INTO order_position (id, order_id, event_id, positionid, item_id, secret, "
                              "attendee_name, attendee_name_parts, price) VALUES (?, ?, 1, ?, 1, ?, ?, ?, 2300)");
    std::int64_t id = 1;
    for (std::int64_t o = 1; id <= positions; ++o) {
        const std::int64_t count = std::min<std::int64_t>(1 + o % 3, positions - id + 1);
        order.bind(1, o);
        order.bind(2, codeOf(o));
        order.bind(3, std::string(1, statusOf(o)));
        order.bind(4, emailOf(o));
        order.bind(5, now - std::int64_t{60'000'000} * (1'000'000 - o));
        order.bind(6, 2300 * count);
        order.bind(7, now);
        order.exec();
        order.reset();
        for (std::int64_t k = 1; k <= count; ++k, ++id) {
            pos.bind(1, id);
            pos.bind(2, o);
            pos.bind(3, k);
            pos.bind(4, secretOf(id));
            if (unnamed(id)) {
                pos.bind(5);
                pos.bind(6, "{}");
            } else {
                pos.bind(5, firstOf(id) + " " + surnameOf(id));
                pos.bind(6, json{{"given_name", firstOf(id)}, {"family_name", surnameOf(id)}}.dump());
            }
            pos.exec();
            pos.reset();
        }
    }
}

double loadAverage() {
    std::ifstream in("/proc/loadavg");
    double one = 0;
    in >> one;
    return one;
}

// Waits (up to 3 minutes) until the 1-minute load average is at most g_quietLoad: another
// process's work would show in the figures. Returns the load the measurement starts at.
std::string quietLoad() {
    for (int i = 0; i < 6 && loadAverage() > g_quietLoad; ++i) {
        fmt::print("  (load average {:.2f} above {:.2f}: waiting 30 s)\n", loadAverage(), g_quietLoad);
        std::fflush(stdout);
        std::this_thread::sleep_for(std::chrono::seconds(30));
    }
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

void figure(const std::string& text, const std::string& target = {}, bool met = true) {
    if (target.empty()) {
        fmt::print("{}\n", text);
    } else {
        fmt::print("{:<84} target {:<16} {}\n", text, target, met ? "met" : "MISSED");
    }
    std::fflush(stdout);
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const auto at = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    return v[std::min(at, v.size() - 1)];
}

// java.net.URLEncoder, as the app encodes a search: space becomes "+".
std::string urlEncode(const std::string& s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '.' || c == '-' || c == '*' || c == '_') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += fmt::format("%{:c}{:c}", kHex[c >> 4], kHex[c & 15]);
        }
    }
    return out;
}

// A device paired for the event's gate and initialized over HTTP as the app does; its API token.
std::string pairDevice(model::Store& store, httplib::Client& client, const std::string& base, const std::string& gate) {
    auth::PairRequest r;
    r.organizer = "bench";
    r.event = "big";
    r.gateName = gate;
    r.url = base;
    auto paired = auth::createSetupToken(store, r);
    if (!paired) {
        throw std::runtime_error("pairing failed");
    }
    const json body = {{"token", paired->setupToken}, {"hardware_brand", "Google"}, {"hardware_model", "Pixel 7"},
                       {"os_name", "Android"}, {"os_version", "14"}, {"software_brand", "pretixSCAN Android"},
                       {"software_version", "3.3.4"}};
    auto res = client.Post("/api/v1/device/initialize", body.dump(), "application/json");
    if (!res || res->status != 200) {
        throw std::runtime_error("initialize failed");
    }
    return json::parse(res->body).at("api_token").get<std::string>();
}

// User and system CPU time of this process so far (the server runs in it; wrk does not): a
// figure that another program on the machine changes far less than requests/s.
std::int64_t processCpuMicros() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto micros = [](const timeval& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000 + t.tv_usec; };
    return micros(u.ru_utime) + micros(u.ru_stime);
}

struct WrkResult {
    double rps = 0;
    double p99Ms = 0;
    long non2xx = 0;
    long requests = 0;
};

WrkResult runWrk(int connections, int seconds, const std::string& script, const std::string& url,
                 const std::string& args) {
    const std::string cmd =
        fmt::format("wrk -t2 -c{} -d{}s --latency -s {} {} -- {} 2>&1", connections, seconds, script, url, args);
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
    auto ms = [](const std::string& v, const std::string& unit) {
        const double x = std::stod(v);
        return unit == "us" ? x / 1000.0 : unit == "s" ? x * 1000.0 : x;
    };
    if (std::regex_search(out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) {
        r.rps = std::stod(m[1]);
    }
    if (std::regex_search(out, m, std::regex(R"(99%\s+([0-9.]+)(us|ms|s))"))) {
        r.p99Ms = ms(m[1], m[2]);
    }
    if (std::regex_search(out, m, std::regex(R"(Non-2xx or 3xx responses:\s+(\d+))"))) {
        r.non2xx = std::stol(m[1]);
    }
    if (std::regex_search(out, m, std::regex(R"((\d+) requests in)"))) {
        r.requests = std::stol(m[1]);
    }
    return r;
}

// First-time redeems through the check-in RPC: each wrk thread walks its share of the secrets
// of paid orders from a file, one per request, with the app's body and a fresh nonce.
void benchRedeem(model::Store& store, const std::filesystem::path& dir, const std::string& base,
                 const std::string& token, std::int64_t positions, int connections, int rounds) {
    const auto secrets = (dir / "secrets.txt").string();
    {
        std::ofstream out(secrets);
        std::int64_t id = 1;
        for (std::int64_t o = 1; id <= positions && id < 600'000; ++o) {
            for (std::int64_t k = 0; k < 1 + o % 3; ++k, ++id) {
                if (statusOf(o) == 'p') {
                    out << secretOf(id) << '\n';
                }
            }
        }
    }
    const auto script = (dir / "rpc_redeem.lua").string();
    std::ofstream(script) << fmt::format(R"(wrk.method = "POST"
wrk.headers["Authorization"] = "Device {}"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
local n = 0
function setup(thread) thread:set("tid", n); n = n + 1 end
function init(args)
  local nthreads, round = tonumber(args[1]), args[2]
  mine = {{}}
  local i = 0
  for line in io.lines(args[3]) do
    if i % nthreads == tid then mine[#mine + 1] = line end
    i = i + 1
  end
  counter = 0
  tag = "r" .. round .. "t" .. tid .. "n"
end
request = function()
  counter = counter + 1
  local body = '{{"force":false,"ignore_unpaid":false,"nonce":"' .. tag .. counter ..
    '","type":"entry","source_type":"barcode","answers":{{}},"questions_supported":true,' ..
    '"canceled_supported":true,"use_order_locale":false,"secret":"' .. mine[(counter - 1) % #mine + 1] ..
    '","lists":[{}]}}'
  return wrk.format(nil, "/api/v1/organizers/bench/checkinrpc/redeem/?expand=answers.question", nil, body)
end
)",
                                                  token, kList);
    std::vector<WrkResult> results;
    std::string load;
    for (int round = 0; round < rounds; ++round) {
        // Every round admits the same tickets for the first time; the checkpoint keeps the
        // deletion's WAL out of the measured time.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        store.db().exec("DELETE FROM checkin");
        store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        load = quietLoad();
        const auto cpuBefore = processCpuMicros();
        results.push_back(runWrk(connections, 5, script, base, fmt::format("2 {} {}", round, secrets)));
        const auto cpu = processCpuMicros() - cpuBefore;
        fmt::print("  round {}: {:.0f} redeems/s, p99 {:.2f} ms, {} non-2xx, server CPU {:.0f} us a redeem (load {})\n",
                   round + 1, results.back().rps, results.back().p99Ms, results.back().non2xx,
                   static_cast<double>(cpu) / static_cast<double>(std::max<long>(results.back().requests, 1)), load);
    }
    std::sort(results.begin(), results.end(), [](const auto& a, const auto& b) { return a.rps < b.rps; });
    const auto& median = results[results.size() / 2];
    double worst = 0;
    for (const auto& r : results) {
        worst = std::max(worst, r.p99Ms);
    }
    figure(fmt::format("check-in RPC redeem at {} connections: {:.0f}/s (median of {})", connections, median.rps,
                       rounds),
           ">= 10,000/s", median.rps >= 10'000);
    figure(fmt::format("check-in RPC redeem p99: {:.2f} ms (that round), worst round {:.2f} ms", median.p99Ms, worst),
           "<= 10 ms", median.p99Ms <= 10);
}

struct Query {
    std::string kind;
    std::string text;
};

// 600 distinct queries from the event's data, shuffled; the first 300 go to the RPC search, the
// others to list positions. Positions and orders are picked at pseudo-random places.
std::vector<Query> makeQueries(std::int64_t positions) {
    std::vector<Query> out;
    std::set<std::string> seen;
    auto add = [&](const std::string& kind, const std::string& text) {
        std::string folded = text;
        std::transform(folded.begin(), folded.end(), folded.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (seen.insert(folded).second) {
            out.push_back({kind, text});
        }
    };
    // Parts of 5 letters or more of one first name that no other first name contains.
    std::vector<std::string> broad;
    for (const auto& name : kFirstNames) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        for (std::size_t len = 5; len <= lower.size(); ++len) {
            for (std::size_t at = 0; at + len <= lower.size(); ++at) {
                const auto part = lower.substr(at, len);
                const bool own = std::none_of(kFirstNames.begin(), kFirstNames.end(), [&](const std::string& other) {
                    std::string o = other;
                    std::transform(o.begin(), o.end(), o.begin(), [](unsigned char c) { return std::tolower(c); });
                    return o != lower && o.find(part) != std::string::npos;
                });
                if (own) {
                    broad.push_back(at == 0 ? name.substr(0, len) : part);
                }
            }
        }
    }
    std::sort(broad.begin(), broad.end(), [](const auto& a, const auto& b) { return mix(std::hash<std::string>{}(a)) < mix(std::hash<std::string>{}(b)); });
    for (std::size_t i = 0; i < broad.size() && i < 140; ++i) {
        add("first-name part (broad)", broad[i]);
    }
    const std::int64_t orders = positions / 2;
    for (std::uint64_t k = 0; out.size() < 600; ++k) {
        const auto pos = static_cast<std::int64_t>(mix(k * 11U + 5U) % static_cast<std::uint64_t>(positions)) + 1;
        const auto ord = static_cast<std::int64_t>(mix(k * 13U + 7U) % static_cast<std::uint64_t>(orders)) + 1;
        switch (k % 5) {
        case 0: add("e-mail", emailOf(ord)); break;
        case 1: add("order code", codeOf(ord)); break;
        case 2: add("secret prefix", secretOf(pos).substr(0, 7)); break;
        case 3: add("full name", firstOf(pos) + " " + surnameOf(pos)); break;
        default: add("surname", surnameOf(pos)); break;
        }
    }
    std::sort(out.begin(), out.end(), [](const Query& a, const Query& b) {
        return mix(std::hash<std::string>{}(a.text)) < mix(std::hash<std::string>{}(b.text));
    });
    return out;
}

// Each query once, one after the other over one keep-alive connection; p99 of the latencies.
void benchSearch(httplib::Client& client, const httplib::Headers& auth, const std::vector<Query>& queries,
                 const std::string& name, const std::function<std::string(const std::string&)>& path) {
    const auto load = quietLoad();
    std::vector<double> all;
    std::map<std::string, std::vector<double>> ms;
    std::map<std::string, std::vector<std::int64_t>> counts;
    int failed = 0;
    for (const auto& q : queries) {
        const auto started = Clock::now();
        auto res = client.Get(path(urlEncode(q.text)).c_str(), auth);
        const double took = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        if (!res || res->status != 200) {
            ++failed;
            continue;
        }
        all.push_back(took);
        ms[q.kind].push_back(took);
        counts[q.kind].push_back(json::parse(res->body).at("count").get<std::int64_t>());
    }
    for (const auto& [kind, v] : ms) {
        auto& c = counts[kind];
        std::sort(c.begin(), c.end());
        fmt::print("  {:<24} {:>3} queries, matches {}..{} (median {}), p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms\n",
                   kind, v.size(), c.front(), c.back(), c[c.size() / 2], percentile(v, 0.5), percentile(v, 0.99),
                   percentile(v, 1.0));
    }
    const double p99 = percentile(all, 0.99);
    figure(fmt::format("{}: {} distinct queries, p50 {:.2f} ms, p99 {:.2f} ms, {} failed (load {})", name, all.size(),
                       percentile(all, 0.5), p99, failed, load),
           "p99 <= 5 ms", p99 <= 5 && failed == 0);
}

// pretixSCAN's first download pass for the event (spec §3.2), after initialize.
void benchSync(model::Store& store, const std::string& base, int port) {
    const auto load = quietLoad();
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(60, 0);
    client.set_url_encode(false);
    const auto started = Clock::now();
    const std::string token = pairDevice(store, client, base, "Sync gate");
    const httplib::Headers auth = {{"Authorization", "Device " + token}, {"Accept-Encoding", "gzip"}};
    std::size_t bytes = 0;
    std::int64_t orders = 0;
    std::int64_t pages = 0;
    double slowestPage = 0;
    auto get = [&](const std::string& path) {
        auto res = client.Get(path.c_str(), auth);
        if (!res || res->status != 200) {
            throw std::runtime_error("sync failed at " + path + ": " + (res ? std::to_string(res->status) : "no answer"));
        }
        bytes += res->body.size();
        return json::parse(res->body);
    };
    auto list = [&](const std::string& first, bool isOrders) {
        std::string next = first;
        while (!next.empty()) {
            const auto t = Clock::now();
            auto page = get(next);
            if (isOrders) {
                orders += static_cast<std::int64_t>(page.at("results").size());
                ++pages;
                slowestPage = std::max(slowestPage, std::chrono::duration<double, std::milli>(Clock::now() - t).count());
            }
            const auto& n = page.at("next");
            next = n.is_null() ? "" : n.get<std::string>().substr(base.size());
        }
    };
    const std::string org = "/api/v1/organizers/bench/";
    const std::string ev = org + "events/big/";
    get("/api/v1/device/info");
    list(org + "subevents/", false);
    get(ev);
    for (const char* resource : {"categories/", "items/", "questions/", "badgelayouts/", "badgeitems/",
                                 "checkinlists/?exclude=checkin_count&exclude=position_count", "revokedsecrets/",
                                 "blockedsecrets/"}) {
        list(ev + resource, false);
    }
    const auto ordersStarted = Clock::now();
    list(ev + "orders/?testmode=false&exclude=downloads&exclude=payment_date&exclude=payment_provider&exclude=fees"
              "&exclude=positions.downloads&exclude=payments&exclude=refunds",
         true);
    const double ordersSeconds = std::chrono::duration<double>(Clock::now() - ordersStarted).count();
    client.Get((org + "reusablemedia/").c_str(), auth);  // a non-JSON 404 is what the app expects
    get(ev + "settings/");
    const double total = std::chrono::duration<double>(Clock::now() - started).count();
    fmt::print("  orders: {} in {} pages, {:.1f} s ({:.2f} ms a page, slowest {:.1f} ms), {:.0f} MB of JSON\n", orders,
               pages, ordersSeconds, 1000 * ordersSeconds / static_cast<double>(pages), slowestPage,
               static_cast<double>(bytes) / 1e6);
    figure(fmt::format("offline device full sync (initialize .. settings, {} orders): {:.1f} s (load {})", orders,
                       total, load),
           "<= 60 s", total <= 60);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"pretixSCAN's figures on a generated event: check-in RPC redeem, search, full sync"};
    std::vector<std::string> only;
    std::string keep;
    std::int64_t positions = 1'000'000;
    int connections = 32;
    int rounds = 3;
    app.add_option("--only", only, "run only these: redeem, search, sync")
        ->check(CLI::IsMember({"redeem", "search", "sync"}));
    app.add_option("--keep", keep, "keep the database in this folder and reuse it on the next run");
    app.add_option("--positions", positions, "positions of the generated event")->check(CLI::Range(1000, 10'000'000));
    app.add_option("--connections", connections, "wrk connections for the redeems")->check(CLI::Range(1, 1024));
    app.add_option("--rounds", rounds, "wrk runs of the redeems; the median is reported")->check(CLI::Range(1, 20));
    app.add_option("--quiet-load", g_quietLoad, "wait before a measurement until the load average is at most this");
    CLI11_PARSE(app, argc, argv);
    auto runs = [&](const char* key) { return only.empty() || std::find(only.begin(), only.end(), key) != only.end(); };

    const auto dir = keep.empty() ? std::filesystem::temp_directory_path() / fmt::format("boxoffice-scan-{}", ::getpid())
                                  : std::filesystem::path(keep);
    std::filesystem::create_directories(dir);
    const auto db = dir / "scanner.sqlite";
    if (!std::filesystem::exists(db)) {
        const auto t = Clock::now();
        model::Store store(db);
        {
            model::Store::Transaction tx(store);
            buildEvent(store, positions);
            tx.commit();
        }
        store.db().exec("ANALYZE");
        figure(fmt::format("event built: {} positions in {:.1f} s", positions,
                           std::chrono::duration<double>(Clock::now() - t).count()));
    } else {
        model::Store store(db);
        store.db().exec("DELETE FROM checkin");  // earlier runs' check-ins would make re-scans
        store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        positions = store.db().execAndGet("SELECT count(*) FROM order_position").getInt64();
    }
    server::ServerOptions options;
    options.database = db;
    options.port = 0;
    server::Server srv(options);
    const int port = srv.start().value();
    const std::string base = fmt::format("http://127.0.0.1:{}", port);
    model::Store store(db);
    {
        // The server builds its search index in the background when it starts; wait for it.
        const auto t = Clock::now();
        while (!model::search::warm(store, kEvent) && Clock::now() - t < std::chrono::minutes(5)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        figure(fmt::format("server on {}, search index ready after {:.1f} s; malloc: {}", base,
                           std::chrono::duration<double>(Clock::now() - t).count(), allocator::name()));
    }
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    client.set_url_encode(false);
    const std::string token = pairDevice(store, client, base, "Door");
    const httplib::Headers auth = {{"Authorization", "Device " + token}, {"Accept-Encoding", "gzip"}};
    if (runs("redeem")) {
        benchRedeem(store, dir, base, token, positions, connections, rounds);
    }
    if (runs("search")) {
        const auto queries = makeQueries(positions);
        const std::vector<Query> rpc(queries.begin(), queries.begin() + 300);
        const std::vector<Query> listed(queries.begin() + 300, queries.end());
        benchSearch(client, auth, rpc, "checkinrpc/search/", [](const std::string& q) {
            return fmt::format("/api/v1/organizers/bench/checkinrpc/search/?ignore_status=true&page=1&search={}&list={}",
                               q, kList);
        });
        benchSearch(client, auth, listed, "checkinlists/1/positions/?search=", [](const std::string& q) {
            return fmt::format("/api/v1/organizers/bench/events/big/checkinlists/{}/positions/"
                               "?ignore_status=true&page=1&search={}",
                               kList, q);
        });
    }
    if (runs("sync")) {
        benchSync(store, base, port);
    }
    srv.stop();
    if (keep.empty()) {
        std::filesystem::remove_all(dir);
    }
    return 0;
}
