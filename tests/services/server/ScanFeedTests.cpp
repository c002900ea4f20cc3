// The scan feed hook: every redeem the server decides (the check-in RPC and the per-list redeem)
// reaches ServerOptions::onScan with its device, ticket and result, and the ScanFeed ring keeps
// the newest of them for a view that polls; the LAN address list is well formed.
#include <catch2/catch.hpp>

#include <algorithm>

#include "ServerFixture.h"
#include "boxoffice/auth/Devices.h"
#include "boxoffice/server/LanAddresses.h"
#include "boxoffice/server/ScanFeed.h"

using namespace boxoffice;
using nlohmann::json;

TEST_CASE("ScanFeed keeps the newest records and says when older ones were dropped", "[server][feed]") {
    server::ScanFeed feed(3);
    CHECK(feed.since(0).records.empty());
    for (int i = 0; i < 5; ++i) {
        server::ScanRecord r;
        r.ticket = "T" + std::to_string(i);
        feed.push(r);
    }
    auto all = feed.since(0);
    REQUIRE(all.records.size() == 3);
    CHECK(all.records.front().ticket == "T2");
    CHECK(all.records.back().ticket == "T4");
    CHECK(all.dropped);
    CHECK(all.next == 5);
    auto none = feed.since(all.next);
    CHECK(none.records.empty());
    CHECK_FALSE(none.dropped);
    server::ScanRecord r;
    r.ticket = "T5";
    feed.push(r);
    auto one = feed.since(all.next);
    REQUIRE(one.records.size() == 1);
    CHECK(one.records[0].ticket == "T5");
    CHECK_FALSE(one.dropped);
}

TEST_CASE("The server reports each redeem it decides to onScan, from the RPC and the per-list redeem",
          "[server][feed]") {
    test::ServerFixture f;
    auto feed = std::make_shared<server::ScanFeed>();
    server::ServerOptions o;
    o.database = f.dir / "box.sqlite";
    o.port = 0;
    o.threads = 4;
    o.onScan = [feed](const server::ScanRecord& r) { feed->push(r); };
    server::Server srv(o);
    auto port = srv.start();
    REQUIRE(port);
    httplib::Client client("127.0.0.1", port.value());
    const httplib::Headers auth = f.auth();
    auto ok = client.Post("/api/v1/organizers/demo/events/fest/checkinlists/1/positions/paidsecret0001/redeem/", auth,
                          "{}", "application/json");
    REQUIRE(ok);
    CHECK(ok->status == 201);
    const json rpc = {{"secret", "paidsecret0001"}, {"lists", {1}}};
    auto twice = client.Post("/api/v1/organizers/demo/checkinrpc/redeem/", auth, rpc.dump(), "application/json");
    REQUIRE(twice);
    CHECK(twice->status == 400);
    const json unknown = {{"secret", "nosuchsecret"}, {"lists", {1}}};
    auto missing = client.Post("/api/v1/organizers/demo/checkinrpc/redeem/", auth, unknown.dump(), "application/json");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    auto bad = client.Post("/api/v1/organizers/demo/checkinrpc/redeem/", auth, "{}", "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 400);  // refused before a decision: not a scan
    srv.stop();

    const auto scans = feed->since(0).records;
    REQUIRE(scans.size() == 3);
    CHECK(scans[0].status == "ok");
    CHECK(scans[0].reason.empty());
    CHECK(scans[0].ticket == "PAID1-1 Mara Lind");
    CHECK(scans[0].eventId == f.ids.eventId);
    CHECK_FALSE(scans[0].device.empty());  // the token's name
    CHECK(scans[1].status == "error");
    CHECK(scans[1].reason == "already_redeemed");
    CHECK(scans[2].reason == "invalid");
    CHECK(scans[2].ticket.empty());
    for (const auto& s : scans) {
        CHECK(s.when > model::now() - std::chrono::minutes(1));
        CHECK_FALSE(s.list.empty());
    }
}

TEST_CASE("lanAddresses lists IPv4 addresses, network ones before loopback", "[server][feed]") {
    const auto addresses = server::lanAddresses();
    bool seenLoopback = false;
    for (const auto& a : addresses) {
        CHECK(std::count(a.address.begin(), a.address.end(), '.') == 3);
        CHECK_FALSE(a.interfaceName.empty());
        if (a.loopback) {
            seenLoopback = true;
        } else {
            CHECK_FALSE(seenLoopback);
        }
    }
}
