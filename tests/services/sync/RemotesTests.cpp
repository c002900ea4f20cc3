// The sync use cases: naming the remote (connectRemote) and syncing on a schedule until stopped
// (syncEvery), and cancellation through the stop token.
#include <catch2/catch.hpp>

#include <atomic>
#include <stop_token>
#include <thread>

#include "SyncFixture.h"
#include "boxoffice/sync/Remotes.h"
#include "boxoffice/sync/Scheduler.h"

using namespace boxoffice;
using test::Fault;
using test::SyncFixture;

namespace {

sync::RemoteSettings settingsIn(const test::TempDir& dir) {
    sync::RemoteSettings s;
    s.url = "https://pretix.example/";
    s.organizer = "demo";
    s.event = "fest";
    s.token = "s3cr3t-token";
    s.vault = {dir / "vault", false};
    return s;
}

bool hasField(const model::Error& e, const std::string& field) { return e.fields.contains(field); }

sync::EngineOptions quickOptions(const SyncFixture& f) {
    sync::EngineOptions o;
    o.http.token = f.token;
    o.retry.base = std::chrono::milliseconds(20);
    o.retry.cap = std::chrono::milliseconds(200);
    return o;
}

}  // namespace

TEST_CASE("connectRemote refuses a URL that is not http and an incomplete remote, and stores nothing") {
    test::TempDir dir;
    model::Store store(dir / "local.sqlite");

    auto ftp = settingsIn(dir);
    ftp.url = "ftp://pretix.example";
    auto refused = sync::connectRemote(store, ftp);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == model::ErrorCode::BadInput);
    CHECK(refused.error().message == "\"ftp://pretix.example\" is not an http:// or https:// URL.");
    CHECK(hasField(refused.error(), "url"));

    auto incomplete = settingsIn(dir);
    incomplete.organizer.clear();
    incomplete.event.clear();
    auto partial = sync::connectRemote(store, incomplete);
    REQUIRE_FALSE(partial.ok());
    CHECK(partial.error().code == model::ErrorCode::BadInput);
    CHECK(partial.error().message == "Name the remote completely: --url, --organizer and --event.");
    CHECK(hasField(partial.error(), "organizer"));
    CHECK(hasField(partial.error(), "event"));
    CHECK_FALSE(hasField(partial.error(), "url"));

    sync::RemoteSettings nothing;
    nothing.vault = {dir / "vault", false};
    auto none = sync::connectRemote(store, nothing);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message.starts_with("No remote is configured yet."));
    CHECK(hasField(none.error(), "url"));

    CHECK(model::SyncRepository(store).remotes().empty());
    CHECK_FALSE(std::filesystem::exists(dir / "vault"));
}

TEST_CASE("connectRemote keeps the token, and a second connect to the same remote reuses its row") {
    test::TempDir dir;
    model::Store store(dir / "local.sqlite");

    auto first = sync::connectRemote(store, settingsIn(dir));
    REQUIRE(first.ok());
    CHECK(first->remote.id != 0);
    CHECK(first->remote.url == "https://pretix.example");
    CHECK(first->token == "s3cr3t-token");
    CHECK(first->tokenKeptIn.find("0600") != std::string::npos);
    CHECK(first->remote.verifyTls);

    // The stored cursor survives: the row is the same one, not a fresh remote.
    auto stored = first->remote;
    stored.ordersCursor = "2024-01-01T00:00:00Z";
    {
        model::Store::Transaction tx(store);
        model::SyncRepository(store).saveRemote(stored);
        tx.commit();
    }
    auto again = settingsIn(dir);
    again.url = "https://pretix.example";
    again.token.clear();
    again.insecure = true;
    auto second = sync::connectRemote(store, again);
    REQUIRE(second.ok());
    CHECK(second->remote.id == first->remote.id);
    CHECK(second->token == "s3cr3t-token");
    CHECK(second->tokenKeptIn.empty());
    CHECK(second->remote.ordersCursor == stored.ordersCursor);
    CHECK_FALSE(second->remote.verifyTls);
    CHECK(model::SyncRepository(store).remotes().size() == 1);

    // Naming nothing takes the latest remote.
    sync::RemoteSettings bare;
    bare.vault = {dir / "vault", false};
    auto latest = sync::connectRemote(store, bare);
    REQUIRE(latest.ok());
    CHECK(latest->remote.id == first->remote.id);
    CHECK(latest->token == "s3cr3t-token");

    // A new remote with no token given has none to load.
    auto other = settingsIn(dir);
    other.event = "other";
    other.token.clear();
    auto tokenless = sync::connectRemote(store, other);
    REQUIRE_FALSE(tokenless.ok());
    CHECK(tokenless.error().code == model::ErrorCode::BadInput);
    CHECK(hasField(tokenless.error(), "token"));
    CHECK(model::SyncRepository(store).remotes().size() == 1);
}

TEST_CASE("syncEvery with no interval syncs once") {
    SyncFixture f;
    int runs = 0;
    std::stop_source stop;
    auto last = sync::syncEvery(f.local, f.remote, quickOptions(f), std::chrono::seconds(0), stop.get_token(),
                                [&](const model::Result<sync::SyncEngine::Summary>& r, const sync::SyncStatus& s) {
                                    ++runs;
                                    CHECK(r.ok());
                                    CHECK(s.online);
                                });
    REQUIRE(last.ok());
    CHECK(last->pulled.full);
    CHECK(runs == 1);
}

TEST_CASE("syncEvery stops promptly when a stop is requested while it waits") {
    SyncFixture f;
    std::atomic<int> runs{0};
    std::stop_source stop;
    std::chrono::steady_clock::time_point requestedAt;
    std::thread stopper([&] {
        while (runs.load() < 1) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // well into the wait
        requestedAt = std::chrono::steady_clock::now();
        stop.request_stop();
    });
    auto last = sync::syncEvery(f.local, f.remote, quickOptions(f), std::chrono::seconds(60), stop.get_token(),
                                [&](const model::Result<sync::SyncEngine::Summary>&, const sync::SyncStatus&) { ++runs; });
    const auto returned = std::chrono::steady_clock::now();
    stopper.join();
    REQUIRE(last.ok());
    CHECK(runs.load() == 1);
    CHECK(returned - requestedAt < std::chrono::milliseconds(1000));
}

TEST_CASE("A stop requested during a pull ends it with the cancelled error") {
    SyncFixture f(400);  // nine pages of orders
    f.proxy->addRule({"/orders/", "GET", Fault::Delay, -1, 0, std::chrono::milliseconds(200)});
    std::stop_source stop;
    auto o = quickOptions(f);
    o.cancel = stop.get_token();
    sync::SyncEngine engine(f.local, f.remote, o);
    std::chrono::steady_clock::time_point requestedAt;
    std::thread stopper([&] {
        while (f.proxy->countSeen("/orders/", Fault::Delay) < 2) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        requestedAt = std::chrono::steady_clock::now();
        stop.request_stop();
    });
    auto pulled = engine.pull();
    const auto returned = std::chrono::steady_clock::now();
    stopper.join();
    REQUIRE_FALSE(pulled.ok());
    CHECK(pulled.error().code == model::ErrorCode::Conflict);
    CHECK(pulled.error().message == "The sync was cancelled.");
    CHECK(returned - requestedAt < std::chrono::milliseconds(1500));
    CHECK_FALSE(model::SyncRepository(f.local).remote(f.remote.id)->ordersCursor);
}

TEST_CASE("A stop requested during a scheduled sync ends it with the cancelled error and no further run") {
    SyncFixture f(400);
    f.proxy->addRule({"/orders/", "GET", Fault::Delay, -1, 0, std::chrono::milliseconds(200)});
    std::stop_source stop;
    std::thread stopper([&] {
        while (f.proxy->countSeen("/orders/", Fault::Delay) < 1) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        stop.request_stop();
    });
    int runs = 0;
    auto last = sync::syncEvery(f.local, f.remote, quickOptions(f), std::chrono::seconds(60), stop.get_token(),
                                [&](const model::Result<sync::SyncEngine::Summary>&, const sync::SyncStatus&) { ++runs; });
    stopper.join();
    REQUIRE_FALSE(last.ok());
    CHECK(last.error().code == model::ErrorCode::Conflict);
    CHECK(last.error().message == "The sync was cancelled.");
    CHECK(runs == 1);
}
