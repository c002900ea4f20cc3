// Findings of the LAN server's security review, each with the test that shows it fixed: no
// capabilities in the request log, storage errors answered 503 with Retry-After (a read-only
// database), links never built from an invalid Host header, and a WAL kept under its limit.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "../../../services/server/src/StorageErrors.h"
#include "../../../services/server/src/Url.h"
#include "ServerFixture.h"

using namespace boxoffice;
using test::DemoIds;

namespace {

// Lines written through ServerOptions::log, from any thread.
struct LogLines {
    std::mutex mutex;
    std::vector<std::string> lines;

    std::function<void(const std::string&)> callback() {
        return [this](const std::string& line) {
            std::lock_guard lock(mutex);
            lines.push_back(line);
        };
    }
    std::string all() {
        std::lock_guard lock(mutex);
        std::string out;
        for (const auto& l : lines) {
            out += l + "\n";
        }
        return out;
    }
};

// A server of its own over the demo data in `dir`, with `options` as given (database and port
// filled in); the demo store is closed before the server starts.
struct OwnServer {
    OwnServer(const test::TempDir& dir, server::ServerOptions options) {
        {
            model::Store store(dir / "box.sqlite");
            ids = test::createDemoData(store);
            token = test::createEventToken(store, "fest");
        }
        options.database = dir / "box.sqlite";
        options.port = 0;
        options.threads = 4;
        srv = std::make_unique<server::Server>(options);
    }
    int start() {
        auto started = srv->start();
        REQUIRE(started.ok());
        port = started.value();
        client = std::make_unique<httplib::Client>("127.0.0.1", port);
        client->set_read_timeout(10, 0);
        return port;
    }
    ~OwnServer() { srv->stop(); }

    httplib::Headers auth() const { return {{"Authorization", "Token " + token}}; }

    DemoIds ids;
    std::string token;
    std::unique_ptr<server::Server> srv;
    int port = 0;
    std::unique_ptr<httplib::Client> client;
};

const std::string kApi = "/api/v1/organizers/demo/events/fest/";

}  // namespace

// ---- 1. secrets never in the log ---------------------------------------------------------------

TEST_CASE("request targets are redacted for the log", "[server][hardening]") {
    using server::detail::redactTarget;
    CHECK(redactTarget("/api/v1/organizers/demo/events/fest/orders/?page=2") ==
          "/api/v1/organizers/demo/events/fest/orders/?page=2");
    CHECK(redactTarget("/demo/fest/pretixdroid/api/status/?key=s3cr3tToken") ==
          "/demo/fest/pretixdroid/api/status/?key=***");
    CHECK(redactTarget("/x/?a=1&TOKEN=abc&secret=%41%42&b=2&Ke%79=zz") == "/x/?a=1&TOKEN=***&secret=***&b=2&Ke%79=***");
    CHECK(redactTarget("/x/?key") == "/x/?key");  // no value, nothing to hide
    CHECK(redactTarget("/api/v1/organizers/demo/events/fest/ticketpdfrenderer/download/0123456789abcdef/") ==
          "/api/v1/organizers/demo/events/fest/ticketpdfrenderer/download/0123\xE2\x80\xA6/");
    CHECK(redactTarget("/api/v1/organizers/demo/events/fest/orderpositions/101/download/pdf/") ==
          "/api/v1/organizers/demo/events/fest/orderpositions/101/download/pdf/");
    CHECK(redactTarget("/x/\r\nforged 200") == "/x/%0D%0Aforged%20200");
}

TEST_CASE("the request log shows no key, token, secret or render job ID", "[server][hardening]") {
    test::TempDir dir;
    LogLines log;
    server::ServerOptions options;
    options.log = log.callback();
    OwnServer s(dir, options);
    s.start();
    const std::string jobId = "f00dfeedcafe0123456789abcdef";
    REQUIRE(s.client->Get((kApi + "orders/?key=" + s.token + "&page_size=1").c_str(), s.auth()));
    REQUIRE(s.client->Get((kApi + "ticketpdfrenderer/download/" + jobId + "/?token=hunter2&secret=opensesame").c_str(),
                          s.auth()));
    REQUIRE(s.client->Get("/demo/fest/pretixdroid/api/status/?KEY=anotherone"));
    s.srv->stop();
    const std::string text = log.all();
    INFO(text);
    CHECK(log.lines.size() == 3);
    CHECK(text.find(s.token) == std::string::npos);
    CHECK(text.find(jobId.substr(0, 5)) == std::string::npos);
    CHECK(text.find("hunter2") == std::string::npos);
    CHECK(text.find("opensesame") == std::string::npos);
    CHECK(text.find("anotherone") == std::string::npos);
    CHECK(text.find("orders/?key=***&page_size=1 200") != std::string::npos);
    CHECK(text.find("download/f00d\xE2\x80\xA6/?token=***&secret=***") != std::string::npos);
}

// ---- 2. storage errors: 503 with Retry-After ----------------------------------------------------

TEST_CASE("storage errors map to 503 with Retry-After, other errors to 500", "[server][hardening]") {
    using server::detail::exceptionResponse;
    auto answer = [](const auto& e) { return exceptionResponse(std::make_exception_ptr(e)); };
    auto retryAfter = [](const server::Response& r) {
        for (const auto& [k, v] : r.headers) {
            if (k == "Retry-After") {
                return v;
            }
        }
        return std::string();
    };
    for (int code : {SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC, SQLITE_BUSY,
                     SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED, SQLITE_READONLY_DBMOVED}) {
        INFO(code);
        const auto r = answer(SQLite::Exception("storage", code));
        CHECK(r.status == 503);
        CHECK(retryAfter(r) == "5");
        CHECK(nlohmann::json::parse(r.body).contains("detail"));
    }
    for (int code : {SQLITE_CONSTRAINT, SQLITE_ERROR, SQLITE_MISUSE, SQLITE_CORRUPT, -1}) {
        INFO(code);
        const auto r = answer(SQLite::Exception("internal", code));
        CHECK(r.status == 500);
        CHECK(retryAfter(r).empty());
    }
    CHECK(answer(std::runtime_error("bug")).status == 500);
    const auto storeError = answer(model::StoreError(model::ErrorCode::Io, "gone"));
    CHECK(storeError.status == 503);
    CHECK(retryAfter(storeError) == "5");
    const auto busy = server::Response::fromError(model::Error{model::ErrorCode::Busy, "busy", {}});
    CHECK(busy.status == 503);
    CHECK(retryAfter(busy) == "5");
}

#if defined(__linux__)
namespace {
// Runs this thread, and the threads it starts meanwhile, as `nobody` while it lives, so that file
// permissions hold for root too. Raw syscall: glibc's setresuid would change every thread.
class RunAsNobody {
public:
    RunAsNobody() {
        if (::geteuid() == 0) {
            m_dropped = ::syscall(SYS_setresuid, -1L, 65534L, -1L) == 0;
            m_ok = m_dropped;
        }
    }
    ~RunAsNobody() {
        if (m_dropped) {
            static_cast<void>(::syscall(SYS_setresuid, -1L, 0L, -1L));
        }
    }
    RunAsNobody(const RunAsNobody&) = delete;
    RunAsNobody& operator=(const RunAsNobody&) = delete;
    bool ok() const { return m_ok; }

private:
    bool m_dropped = false;
    bool m_ok = true;
};
}  // namespace

TEST_CASE("a read-only database: served with a warning, writes answer 503 with Retry-After", "[server][hardening]") {
    test::TempDir dir;
    LogLines log;
    server::ServerOptions options;
    options.log = log.callback();
    OwnServer s(dir, options);
    namespace fs = std::filesystem;
    fs::permissions(dir / "box.sqlite", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(dir.path(), fs::perms::all);  // -shm and -wal may be made by nobody
    RunAsNobody nobody;
    if (!nobody.ok()) {
        WARN("skipped: cannot drop root's file permission override");
        return;
    }
    s.start();
    const std::string text = log.all();
    INFO(text);
    CHECK(text.find("read-only") != std::string::npos);
    CHECK(text.find("check-ins cannot be saved") != std::string::npos);

    auto orders = s.client->Get((kApi + "orders/").c_str(), s.auth());
    REQUIRE(orders);
    CHECK(orders->status == 200);
    auto redeem = s.client->Post((kApi + "checkinlists/1/positions/paidsecret0001/redeem/").c_str(), s.auth(), "{}",
                                 "application/json");
    REQUIRE(redeem);
    INFO(redeem->body);
    CHECK(redeem->status == 503);
    CHECK(redeem->get_header_value("Retry-After") == "5");
    CHECK(nlohmann::json::parse(redeem->body).contains("detail"));
    auto again = s.client->Get((kApi + "orders/").c_str(), s.auth());
    REQUIRE(again);
    CHECK(again->status == 200);
    s.srv->stop();
}
#endif

TEST_CASE("a writable database starts without a warning", "[server][hardening]") {
    test::TempDir dir;
    LogLines log;
    server::ServerOptions options;
    options.log = log.callback();
    OwnServer s(dir, options);
    s.start();
    CHECK(log.all().find("read-only") == std::string::npos);
}

// ---- 3. the Host header in links ------------------------------------------------------------------

TEST_CASE("Host headers are checked before they go into links", "[server][hardening]") {
    using server::detail::isValidHostHeader;
    for (const char* good : {"127.0.0.1", "127.0.0.1:8000", "box-office.local", "box_office.lan:1", "[::1]", "[::1]:80",
                             "[fe80::1:2]:65535", "EXAMPLE.org"}) {
        INFO(good);
        CHECK(isValidHostHeader(good));
    }
    for (const char* bad : {"", "a b", "evil.example/\"><script>", "host:", "host:65536", "host:123456", "host:8x",
                            "[::1", "[::1]x", "[zz::1]", "[]", ":80", "user@host", "a%20b", "h'st", "h\r\nX: y"}) {
        INFO(bad);
        CHECK_FALSE(isValidHostHeader(bad));
    }
    CHECK_FALSE(isValidHostHeader(std::string(256, 'a')));
    CHECK(isValidHostHeader(std::string(255, 'a')));
}

TEST_CASE("links use the listen address when the Host header is not a valid host", "[server][hardening]") {
    test::TempDir dir;
    OwnServer s(dir, server::ServerOptions{});
    const int port = s.start();
    const std::string own = "http://127.0.0.1:" + std::to_string(port) + kApi + "orders/";
    auto nextWith = [&](const std::string& host) {
        auto headers = s.auth();
        headers.emplace("Host", host);
        auto r = s.client->Get((kApi + "orders/?page_size=1").c_str(), headers);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return nlohmann::json::parse(r->body)["next"].get<std::string>();
    };
    CHECK(nextWith("evil.example/\"><script>") == own + "?page=2&page_size=1");
    CHECK(nextWith("a b") == own + "?page=2&page_size=1");
    CHECK(nextWith("127.0.0.1:" + std::to_string(port)) == own + "?page=2&page_size=1");
    CHECK(nextWith("boxoffice.lan:8123") == "http://boxoffice.lan:8123" + kApi + "orders/?page=2&page_size=1");
}

// ---- 4. the WAL stays under its limit -------------------------------------------------------------

TEST_CASE("the checkpointer truncates a WAL past ServerOptions::walTruncateBytes", "[server][hardening]") {
    constexpr std::uintmax_t kLimit = 1024 * 1024;
    test::TempDir dir;
    server::ServerOptions options;
    options.walTruncateBytes = kLimit;
    OwnServer s(dir, options);
    s.start();
    const auto wal = std::filesystem::path((dir / "box.sqlite").string() + "-wal");
    model::Store writer(dir / "box.sqlite");
    writer.db().exec("PRAGMA wal_autocheckpoint = 0");
    for (int i = 0; i < 12; ++i) {
        SQLite::Statement insert(writer.db(),
                                 "INSERT INTO stored_file(id, filename, content_type, data, created) "
                                 "VALUES(?, 'fill.bin', 'application/octet-stream', zeroblob(262144), 0)");
        insert.bind(1, "fill" + std::to_string(i));
        insert.exec();
    }
    REQUIRE(std::filesystem::file_size(wal) > 2 * kLimit);
    // Redeems keep going meanwhile and are never refused for it.
    auto redeem = s.client->Post((kApi + "checkinlists/1/positions/paidsecret0001/redeem/").c_str(), s.auth(), "{}",
                                 "application/json");
    REQUIRE(redeem);
    CHECK(redeem->status == 201);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::filesystem::file_size(wal) > kLimit && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(std::filesystem::file_size(wal) <= kLimit);
    CHECK(writer.db().execAndGet("SELECT count(*) FROM stored_file WHERE id LIKE 'fill%'").getInt() == 12);
}

// At a busy door the WAL never ends with a checkpoint: writes keep coming. The checkpointer has
// it start over instead (RESTART), so the file stops growing while the writes go on, and cuts it
// back once they stop.
TEST_CASE("the WAL stops growing while writes go on, and is cut back when they stop", "[server][hardening]") {
    constexpr std::uintmax_t kLimit = 1024 * 1024;
    constexpr int kBlobs = 400;  // 100 MB written in all
    test::TempDir dir;
    server::ServerOptions options;
    options.walTruncateBytes = kLimit;
    OwnServer s(dir, options);
    s.start();
    const auto wal = std::filesystem::path((dir / "box.sqlite").string() + "-wal");
    auto walSize = [&] {
        std::error_code ec;
        const auto size = std::filesystem::file_size(wal, ec);
        return ec ? std::uintmax_t{0} : size;
    };
    model::Store writer(dir / "box.sqlite");
    writer.db().exec("PRAGMA wal_autocheckpoint = 0");
    std::uintmax_t largest = 0;
    for (int i = 0; i < kBlobs; ++i) {
        SQLite::Statement insert(writer.db(),
                                 "INSERT INTO stored_file(id, filename, content_type, data, created) "
                                 "VALUES(?, 'fill.bin', 'application/octet-stream', zeroblob(262144), 0)");
        insert.bind(1, "fill" + std::to_string(i));
        insert.exec();
        largest = std::max(largest, walSize());
        // About 25 MB a second, so that the checkpointer's rounds (5 a second) see it grow.
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    INFO("largest WAL while writing: " << largest << " bytes");
    CHECK(largest < 40 * 1024 * 1024);  // unbounded, it would end at 100 MB
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (walSize() > kLimit && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(walSize() <= kLimit);
    CHECK(writer.db().execAndGet("SELECT count(*) FROM stored_file WHERE id LIKE 'fill%'").getInt() == kBlobs);
}
