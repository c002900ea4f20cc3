#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ServerFixture.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/TokenRepository.h"

using namespace boxoffice;
using test::DemoIds;
using test::ServerFixture;

TEST_CASE("authentication: missing, unknown, foreign and valid tokens", "[server][auth]") {
    ServerFixture f;
    auto none = f.client->Get(f.api("orders/").c_str());
    REQUIRE(none);
    CHECK(none->status == 401);
    CHECK(ServerFixture::json(none).contains("detail"));
    CHECK(f.client->Get(f.api("orders/").c_str(), f.auth("not-a-token"))->status == 401);
    CHECK(f.client->Get(f.api("orders/").c_str(), {{"Authorization", "Bearer x"}})->status == 401);
    // The token of event "other" cannot read or write "fest".
    CHECK(f.client->Get(f.api("orders/").c_str(), f.auth(f.otherToken))->status == 403);
    CHECK(f.client->Post(f.api("checkinlists/1/positions/paidsecret0001/redeem/").c_str(), f.auth(f.otherToken), "{}",
                         "application/json")->status == 403);
    CHECK(f.client->Post(f.api("checkinlists/").c_str(), f.auth(f.otherToken), R"({"name":"x"})",
                         "application/json")->status == 403);
    CHECK(f.get(f.api("orders/"))->status == 200);
    // Unknown organizer: the token has no access there.
    CHECK(f.get("/api/v1/organizers/nobody/events/fest/orders/")->status == 403);
    // An organizer-wide token reaching an event that does not exist.
    model::Store::Transaction tx(f.store);
    auto wide = auth::createToken(f.store, "wide", "demo", std::nullopt);
    tx.commit();
    CHECK(f.client->Get("/api/v1/organizers/demo/events/nope/orders/", f.auth(wide->secret))->status == 404);
    CHECK(f.client->Get(f.api("orders/").c_str(), f.auth(wide->secret))->status == 200);
    // Nothing was written by the refused redeem.
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/")))["checkin_count"] == 0);
}

TEST_CASE("the Authorization header is read as pretix reads it", "[server][auth]") {
    ServerFixture f;
    auto withHeader = [&](const std::string& value) {
        return f.client->Get(f.api("orders/").c_str(), {{"Authorization", value}});
    };
    CHECK(withHeader("Token  " + f.token)->status == 200);
    CHECK(withHeader("token " + f.token)->status == 200);
    CHECK(withHeader("TOKEN\t" + f.token + " ")->status == 200);
    auto alone = withHeader("Token");
    REQUIRE(alone->status == 401);
    CHECK(ServerFixture::json(alone)["detail"] == "Invalid token header. No credentials provided.");
    auto spaces = withHeader("Token a b");
    REQUIRE(spaces->status == 401);
    CHECK(ServerFixture::json(spaces)["detail"] == "Invalid token header. Token string should not contain spaces.");
    auto other = withHeader("Bearer " + f.token);
    REQUIRE(other->status == 401);
    CHECK(ServerFixture::json(other)["detail"] == "Authentication credentials were not provided.");
    auto unknown = withHeader("token not-a-token");
    REQUIRE(unknown->status == 401);
    CHECK(ServerFixture::json(unknown)["detail"] == "Invalid token.");
}

TEST_CASE("strict IDs: only a plain decimal integer is an ID", "[server]") {
    CHECK(server::parseId("5001") == 5001);
    CHECK(server::parseId("0") == 0);
    CHECK(server::parseId("9223372036854775807") == std::numeric_limits<model::Id>::max());
    for (const char* bad : {"", "5001abc", "-1", "+1", "1e3", " 12", "12 ", "0x10", "9223372036854775808", "١٢"}) {
        INFO(bad);
        CHECK_FALSE(server::parseId(bad));
    }
    ServerFixture f;
    CHECK(f.get(f.api("items/11/"))->status == 200);
    CHECK(f.get(f.api("orderpositions/101/"))->status == 200);
    for (const char* id : {"11abc", "-11", "1e3", "%2011", "%2B11"}) {
        INFO(id);
        CHECK(f.get(f.api("items/" + std::string(id) + "/"))->status == 404);
    }
    CHECK(f.get(f.api("orderpositions/5001abc/"))->status == 404);
}

namespace {

std::optional<model::ApiToken> tokenNamed(model::Store& store, const std::string& name) {
    for (auto& t : model::TokenRepository(store).list()) {
        if (t.name == name) {
            return t;
        }
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("a token's last use is recorded, at most once a minute, and token list shows it", "[server][auth]") {
    ServerFixture f;
    REQUIRE_FALSE(tokenNamed(f.store, "test fest")->lastUsed);
    const auto before = model::now();
    REQUIRE(f.get(f.api("orders/"))->status == 200);
    const auto first = tokenNamed(f.store, "test fest")->lastUsed;
    REQUIRE(first);
    CHECK(*first >= before - std::chrono::seconds(1));
    CHECK(*first <= model::now());
    CHECK_FALSE(tokenNamed(f.store, "test other")->lastUsed);
    // Within the minute: no second write.
    REQUIRE(f.get(f.api("orders/"))->status == 200);
    CHECK(tokenNamed(f.store, "test fest")->lastUsed == first);

    auto listed = test::run({(test::binaryDir() / "apps" / "boxoffice-cli").string(), "--db",
                             (f.dir / "box.sqlite").string(), "token", "list"});
    REQUIRE(listed.exitCode == 0);
    std::istringstream lines(listed.out);
    std::string line;
    int seen = 0;
    while (std::getline(lines, line)) {
        if (line.find("test fest") != std::string::npos) {
            CHECK(line.find("never") == std::string::npos);
            CHECK(line.find(model::formatTimestamp(*first)) != std::string::npos);
            ++seen;
        } else if (line.find("test other") != std::string::npos) {
            CHECK(line.find("never") != std::string::npos);
            ++seen;
        }
    }
    CHECK(seen == 2);
}

TEST_CASE("a busy database neither fails nor holds up a request for recording a token's use", "[server][auth]") {
    ServerFixture f;
    {
        model::Store::Transaction writing(f.store);  // holds the write lock
        const auto started = std::chrono::steady_clock::now();
        auto r = f.get(f.api("orders/"));
        REQUIRE(r->status == 200);
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    }
    CHECK_FALSE(tokenNamed(f.store, "test fest")->lastUsed);
}

TEST_CASE("routes we do not implement answer 404 with a non-JSON body", "[server]") {
    ServerFixture f;
    for (const char* path : {"/api/v1/device/roll", "/api/v1/organizers/demo/reusablemedia/",
                             "/api/v1/organizers/demo/events/fest/orderpositions/101/printlog/", "/nothing"}) {
        auto r = f.get(path);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK_FALSE(r->body.empty());
        CHECK(r->body.front() != '{');
    }
    CHECK(f.client->Get("/healthz")->status == 200);
}

TEST_CASE("the server counts what it answered since it started", "[server]") {
    ServerFixture f;
    const auto before = f.srv->stats();
    CHECK(before.running);
    CHECK(before.port == f.port);
    REQUIRE(f.get(f.api("orders/"))->status == 200);
    REQUIRE(f.get("/nothing")->status == 404);
    REQUIRE(f.client->Get(f.api("orders/").c_str())->status == 401);
    const auto after = f.srv->stats();
    CHECK(after.requests == before.requests + 3);
    CHECK(after.clientErrors == before.clientErrors + 2);
    CHECK(after.serverErrors == before.serverErrors);
    CHECK(after.started == before.started);
    f.srv->stop();
    CHECK_FALSE(f.srv->stats().running);
}

TEST_CASE("orders: fields, filters, ordering and detail", "[server][orders]") {
    ServerFixture f;
    auto r = f.get(f.api("orders/"));
    REQUIRE(r->status == 200);
    auto j = ServerFixture::json(r);
    CHECK(j["count"] == 7);
    CHECK(j["next"].is_null());
    CHECK(j["previous"].is_null());
    const auto& first = j["results"][0];
    for (const char* key : {"code", "status", "secret", "email", "locale", "datetime", "payment_provider", "total",
                            "invoice_address", "positions", "downloads", "fees", "last_modified"}) {
        CHECK(first.contains(key));
    }
    auto paid = ServerFixture::json(f.get(f.api("orders/?status=p")));
    CHECK(paid["count"] == 4);
    auto code = ServerFixture::json(f.get(f.api("orders/?code=ADDON")));
    REQUIRE(code["count"] == 1);
    CHECK(code["results"][0]["invoice_address"]["name"] == "Ivo Invoice");
    CHECK(code["results"][0]["positions"].size() == 2);
    CHECK(ServerFixture::json(f.get(f.api("orders/?email=paid1@example.org")))["count"] == 1);
    CHECK(ServerFixture::json(f.get(f.api("orders/?locale=de")))["count"] == 0);
    auto byCode = ServerFixture::json(f.get(f.api("orders/?ordering=-code")));
    CHECK(byCode["results"][0]["code"] == "WORKS");
    CHECK(f.get(f.api("orders/?status=zz"))->status == 400);

    auto detail = f.get(f.api("orders/PAID1/"));
    REQUIRE(detail->status == 200);
    auto d = ServerFixture::json(detail);
    CHECK(d["code"] == "PAID1");
    CHECK(d["positions"][0]["secret"] == "paidsecret0001");
    CHECK(d["downloads"][0]["url"].get<std::string>().rfind("http://127.0.0.1:", 0) == 0);
    CHECK(f.get(f.api("orders/NOPE1/"))->status == 404);
}

TEST_CASE("pagination: 50 per page, absolute next URLs, page past the end is 404", "[server][orders]") {
    ServerFixture f;
    test::addBulkOrders(f.store, f.ids.eventId, 120);
    auto p1 = ServerFixture::json(f.get(f.api("orders/?ordering=code")));
    CHECK(p1["count"] == 127);
    CHECK(p1["results"].size() == 50);
    const std::string next = p1["next"];
    CHECK(next == "http://127.0.0.1:" + std::to_string(f.port) + f.api("orders/?ordering=code&page=2"));
    auto p3 = ServerFixture::json(f.get(f.api("orders/?ordering=code&page=3")));
    CHECK(p3["results"].size() == 27);
    CHECK(p3["next"].is_null());
    CHECK(p3["previous"].get<std::string>().find("page=2") != std::string::npos);
    CHECK(f.get(f.api("orders/?page=4"))->status == 404);
    CHECK(f.get(f.api("orders/?page=abc"))->status == 404);
    // The Host header decides the URLs.
    auto viaHost = f.client->Get(f.api("orders/").c_str(), {{"Authorization", "Token " + f.token}, {"Host", "box.lan:8000"}});
    CHECK(ServerFixture::json(viaHost)["next"].get<std::string>().rfind("http://box.lan:8000/", 0) == 0);
}

TEST_CASE("order positions: filters and detail", "[server][positions]") {
    ServerFixture f;
    auto all = ServerFixture::json(f.get(f.api("orderpositions/")));
    CHECK(all["count"] == 8);  // the canceled order's position is listed too
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?order=ADDON")))["count"] == 2);
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?item=12")))["count"] == 3);
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?variation=4")))["count"] == 1);
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?attendee_name=mara%20lind")))["count"] == 1);
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?secret=shirtsecret00001")))["count"] == 1);
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?order__status=n")))["count"] == 2);
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?addon_to=106")))["count"] == 1);
    auto ordered = ServerFixture::json(f.get(f.api("orderpositions/?ordering=-order__code")));
    CHECK(ordered["results"][0]["order"] == "WORKS");
    CHECK(f.get(f.api("orderpositions/?item=abc"))->status == 400);
    f.postJson(f.api("checkinlists/1/positions/paidsecret0001/redeem/"), "{}");
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?has_checkin=true")))["count"] == 1);
    CHECK(ServerFixture::json(f.get(f.api("orderpositions/?has_checkin=false")))["count"] == 7);
    auto one = f.get(f.api("orderpositions/101/"));
    REQUIRE(one->status == 200);
    auto j = ServerFixture::json(one);
    CHECK(j["attendee_name"] == "Mara Lind");
    CHECK(j["checkins"].size() == 1);
    CHECK(j["checkins"][0]["list"] == 1);
    CHECK(f.get(f.api("orderpositions/999/"))->status == 404);
}

TEST_CASE("events, items and questions in pretix's shape", "[server][events]") {
    ServerFixture f;
    auto events = ServerFixture::json(f.get("/api/v1/organizers/demo/events/"));
    REQUIRE(events["count"] == 1);  // the token is scoped to "fest"
    CHECK(events["results"][0]["slug"] == "fest");
    auto event = ServerFixture::json(f.get(f.api()));
    CHECK(event["name"]["en"] == "Summer Fest");
    CHECK(event.contains("seat_category_mapping"));
    auto items = ServerFixture::json(f.get(f.api("items/")));
    CHECK(items["count"] == 3);
    CHECK(items["results"][1]["variations"].size() == 2);
    auto questions = ServerFixture::json(f.get(f.api("questions/")));
    CHECK(questions["results"][0]["ask_during_checkin"] == true);
}

TEST_CASE("orders: modified_since, last_modified ordering and X-Page-Generated for incremental sync", "[server][orders]") {
    ServerFixture f;
    const auto all = ServerFixture::json(f.get(f.api("orders/")));
    REQUIRE(all["count"].get<int>() > 1);

    auto page = f.get(f.api("orders/"));
    REQUIRE(page->has_header("X-Page-Generated"));
    const auto generated = model::parseTimestamp(page->get_header_value("X-Page-Generated"));
    REQUIRE(generated);
    // Taken before the request's reads, with a safety margin: never later than now.
    CHECK(*generated <= model::now());

    // Age every order, then touch one: only that one is newer than the cut.
    f.store.db().exec("UPDATE orders SET last_modified = last_modified - 3600000000");
    const std::string code = all["results"][0]["code"].get<std::string>();
    {
        model::Store::Transaction tx(f.store);
        auto order = model::OrderRepository(f.store).byCode(f.ids.eventId, code);
        REQUIRE(order);
        model::OrderRepository(f.store).touch(order->id, model::now());
        tx.commit();
    }
    const auto cut = model::formatTimestamp(model::now() - std::chrono::minutes(10));
    const auto changed = ServerFixture::json(f.get(f.api("orders/?modified_since=" + cut)));
    REQUIRE(changed["count"] == 1);
    CHECK(changed["results"][0]["code"] == code);

    const auto newestFirst = ServerFixture::json(f.get(f.api("orders/?ordering=-last_modified")));
    CHECK(newestFirst["results"][0]["code"] == code);

    auto bad = f.get(f.api("orders/?modified_since=yesterday"));
    CHECK(bad->status == 400);
    CHECK(ServerFixture::json(bad).contains("modified_since"));

    // created_since (a resumed first pull): orders placed at or after the time.
    f.store.db().exec("UPDATE orders SET datetime = " + std::to_string(model::toStorage(model::now())) +
                      " WHERE code = '" + code + "'");
    const auto placed = ServerFixture::json(f.get(f.api("orders/?created_since=" + cut)));
    REQUIRE(placed["count"] == 1);
    CHECK(placed["results"][0]["code"] == code);
    CHECK(ServerFixture::json(f.get(f.api("orders/?created_since=2000-01-01T00:00:00Z")))["count"] == all["count"]);
    auto badCreated = f.get(f.api("orders/?created_since=soon"));
    CHECK(badCreated->status == 400);
    CHECK(ServerFixture::json(badCreated).contains("created_since"));
}

TEST_CASE("a remembered authorization ends with any change to tokens, events or plugins", "[server][auth]") {
    ServerFixture f;
    auto downloads = [&] {
        auto r = f.get(f.api("orders/"));
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return ServerFixture::json(r)["results"][0]["downloads"].size();
    };
    CHECK(downloads() == 1);
    // Changed by another connection, as another process (the CLI) would: no in-process notice.
    model::Store other(f.store.path());
    model::EventRepository(other).setPluginEnabled(f.ids.eventId, "pdf", false);
    CHECK(downloads() == 0);
    model::EventRepository(other).setPluginEnabled(f.ids.eventId, "pdf", true);
    CHECK(downloads() == 1);
    // A revoked token is refused at its next request.
    auto found = auth::findToken(other, f.token);
    REQUIRE(found);
    CHECK(model::TokenRepository(other).revoke(found->id));
    CHECK(f.get(f.api("orders/"))->status == 401);
    // A renamed event is no longer found under its old slug.
    CHECK(f.client->Get(f.api("orders/").c_str(), f.auth(f.otherToken))->status == 403);
    other.db().exec("UPDATE event SET slug = 'moved' WHERE slug = 'other'");
    CHECK(f.client->Get("/api/v1/organizers/demo/events/other/orders/", f.auth(f.otherToken))->status == 404);
    CHECK(f.client->Get("/api/v1/organizers/demo/events/moved/orders/", f.auth(f.otherToken))->status == 403);
}

namespace {

// The accept queue length the kernel allows the listening socket on `port` (ss's Send-Q for a
// listening socket); -1 when ss is missing or lists no such socket.
long listenBacklog(int port) {
    const std::string cmd = "ss -Hltn 'sport = :" + std::to_string(port) + "' 2>/dev/null";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) {
        return -1;
    }
    char line[512] = {};
    const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
    pclose(pipe);
    if (!read) {
        return -1;
    }
    // State, Recv-Q, Send-Q, Local Address:Port, Peer Address:Port
    std::istringstream fields(line);
    std::string state;
    long recvQ = -1;
    long sendQ = -1;
    fields >> state >> recvQ >> sendQ;
    return state == "LISTEN" ? sendQ : -1;
}

}  // namespace

TEST_CASE("the server takes a burst of scanners connecting at once into its accept queue", "[server]") {
    // cpp-httplib listens with a backlog of 5: the sixth of thirty scanners connecting when the
    // doors open waited for TCP's retransmission (a second or more) before it was even read.
    ServerFixture f;
    if (const long backlog = listenBacklog(f.port); backlog >= 0) {
        CHECK(backlog >= 128);
    } else {
        WARN("ss (iproute2) is not available: the listen backlog is not checked");
    }
    // Sixty-four clients connecting together, each answered.
    std::vector<std::thread> threads;
    std::atomic<int> answered{0};
    for (int i = 0; i < 64; ++i) {
        threads.emplace_back([&] {
            httplib::Client client("127.0.0.1", f.port);
            if (auto r = client.Get("/healthz"); r && r->status == 200) {
                ++answered;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    CHECK(answered == 64);
}

TEST_CASE("a second server on a port already served is refused, not sharing it", "[server]") {
    ServerFixture f;
    server::ServerOptions o;
    o.database = f.dir / "box.sqlite";
    o.port = f.port;
    server::Server second(o);
    auto started = second.start();
    REQUIRE_FALSE(started.ok());
    CHECK(started.error().code == model::ErrorCode::Io);
    CHECK(f.get(f.api("orders/"))->status == 200);
}

TEST_CASE("kept order and position JSON and remembered pages show every change at once", "[server][orders]") {
    ServerFixture f;
    test::addBulkOrders(f.store, f.ids.eventId, 60);
    // The same database served without kept orders, and with room for a few only: every answer
    // must be the same, byte for byte, whatever was kept.
    auto serve = [&](std::size_t cacheBytes) {
        server::ServerOptions o;
        o.database = f.store.path();
        o.port = 0;
        o.threads = 4;
        o.jsonCacheBytes = cacheBytes;
        auto s = std::make_unique<server::Server>(o);
        REQUIRE(s->start().ok());
        return s;
    };
    auto uncached = serve(0);
    auto small = serve(4000);
    httplib::Client plain("127.0.0.1", uncached->port());
    httplib::Client few("127.0.0.1", small->port());
    std::string host = "box.lan:8000";
    auto body = [&](httplib::Client& c, const std::string& path) {
        auto r = c.Get(path.c_str(), {{"Authorization", "Token " + f.token}, {"Host", host}});
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return r->body;
    };
    const std::vector<std::string> paths{f.api("orders/"), f.api("orders/?page=2"), f.api("orders/?ordering=-code"),
                                         f.api("orders/?code=PAID1"), f.api("checkinlists/1/positions/?search=Mara"),
                                         f.api("checkinlists/1/positions/?search=bulk"), f.api("checkinlists/1/positions/"),
                                         f.api("checkinlists/2/positions/"), f.api("checkinlists/2/positions/?search=Ivo"),
                                         f.api("orderpositions/"), f.api("orderpositions/?page=2")};
    auto sameEverywhere = [&](const std::vector<std::string>& which) {
        for (const auto& path : which) {
            const auto expected = body(plain, path);
            for (int round = 0; round < 2; ++round) {  // once to fill what is kept, once from it
                CHECK(body(*f.client, path) == expected);
                CHECK(body(few, path) == expected);
            }
        }
    };
    auto paid1 = [&] { return ServerFixture::json(f.client->Get(f.api("orders/?code=PAID1").c_str(), f.auth()))["results"][0]; };
    sameEverywhere(paths);
    CHECK(paid1()["positions"][0]["checkins"].empty());

    // A check-in through the API.
    auto redeemed = f.postJson(f.api("checkinlists/1/positions/paidsecret0001/redeem/"), "{}");
    REQUIRE(redeemed->status == 201);
    CHECK(paid1()["positions"][0]["checkins"].size() == 1);
    sameEverywhere(paths);

    // Changes by another connection, as the CLI or a sync would make them.
    model::Store other(f.store.path());
    other.db().exec("UPDATE order_position SET attendee_name = 'Mara Changed' WHERE id = 101");
    CHECK(paid1()["positions"][0]["attendee_name"] == "Mara Changed");
    sameEverywhere(paths);
    other.db().exec("UPDATE invoice_address SET name = 'Ivy Invoice'");
    sameEverywhere(paths);
    // What a position shows from outside its order's rows: its parent's name, the attention
    // its product or variation asks for.
    // Pages of one list only, so that what is kept was written for that list.
    const std::vector<std::string> shirts{f.api("checkinlists/2/positions/")};
    other.db().exec("UPDATE order_position SET attendee_name = 'Pia Parent' WHERE id = 106");
    sameEverywhere(shirts);
    other.db().exec("UPDATE item SET checkin_attention = 1 WHERE id = 12");
    sameEverywhere(shirts);
    other.db().exec("UPDATE variation SET checkin_attention = 1");
    sameEverywhere(shirts);
    // An add-on whose parent is in another order shows that parent's name.
    other.db().exec("UPDATE order_position SET attendee_name = NULL, addon_to = 101 WHERE id = 107");
    sameEverywhere(shirts);
    other.db().exec("UPDATE order_position SET attendee_name = 'Mara Renamed' WHERE id = 101");
    sameEverywhere(shirts);
    CHECK(body(plain, shirts[0]).find("Mara Renamed") != std::string::npos);
    sameEverywhere(paths);
    other.db().exec("DELETE FROM checkin");
    CHECK(paid1()["positions"][0]["checkins"].empty());
    other.db().exec("UPDATE orders SET status = 'c' WHERE code = 'BULK0003' OR id IN "
                    "(SELECT order_id FROM order_position WHERE secret = 'bulk3')");
    other.db().exec("DELETE FROM orders WHERE id IN (SELECT order_id FROM order_position WHERE secret = 'bulk7')");
    sameEverywhere(paths);

    // Another host and the pdf plugin switched off change the links.
    host = "10.0.0.2:8000";
    sameEverywhere(paths);
    model::EventRepository(other).setPluginEnabled(f.ids.eventId, "pdf", false);
    sameEverywhere(paths);
    CHECK(paid1()["downloads"].empty());
    small->stop();
    uncached->stop();
}

namespace {
// A token of demo/fest allowed to do what `permissions` name.
std::string scopedToken(model::Store& store, model::Permissions permissions) {
    auto t = auth::issueToken(store, "scoped", "demo", std::string("fest"), permissions);
    REQUIRE(t);
    return t->secret;
}
}  // namespace

TEST_CASE("scoped tokens: each route asks for the permission pretix asks for", "[server][auth]") {
    using model::Permission;
    using model::Permissions;
    ServerFixture f;
    const auto scan = scopedToken(f.store, Permissions{Permission::CheckinOrders});
    const auto view = scopedToken(f.store, Permissions{Permission::ViewOrders});
    const auto sell = scopedToken(f.store, Permissions{Permission::ChangeOrders});
    const auto settings = scopedToken(f.store, Permissions{Permission::ChangeEventSettings});
    auto get = [&](const std::string& token, const std::string& path) {
        auto r = f.client->Get(path.c_str(), f.auth(token));
        REQUIRE(r);
        return r->status;
    };
    auto send = [&](const std::string& token, const std::string& method, const std::string& path,
                    const std::string& body) {
        httplib::Request req;
        req.method = method;
        req.path = path;
        req.headers = f.auth(token);
        req.body = body;
        req.set_header("Content-Type", "application/json");
        auto r = f.client->send(req);
        REQUIRE(r);
        return r->status;
    };
    const std::string forbidden = R"({"detail":"You do not have permission to perform this action."})";

    SECTION("a scanning token scans and searches, and sees no orders and changes no settings") {
        CHECK(get(scan, f.api("items/")) == 200);  // the event itself needs no permission
        CHECK(get(scan, f.api("checkinlists/")) == 200);
        CHECK(get(scan, f.api("checkinlists/1/positions/")) == 200);
        CHECK(get(scan, "/api/v1/organizers/demo/checkinrpc/search/?list=1&search=Mara") == 200);
        CHECK(send(scan, "POST", f.api("checkinlists/1/positions/paidsecret0001/redeem/"), "{}") == 201);
        auto orders = f.client->Get(f.api("orders/").c_str(), f.auth(scan));
        CHECK(orders->status == 403);
        CHECK(nlohmann::json::parse(orders->body) == nlohmann::json::parse(forbidden));
        CHECK(get(scan, f.api("orderpositions/")) == 403);
        CHECK(send(scan, "POST", f.api("orders/"), "{}") == 403);
        CHECK(send(scan, "PATCH", f.api("checkinlists/1/"), R"({"name": "Mine"})") == 403);
        // Deleting the list with its check-ins is refused, and nothing is gone.
        CHECK(send(scan, "DELETE", f.api("checkinlists/1/"), "") == 403);
        CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/")))["checkin_count"] == 1);
    }
    SECTION("a viewing token reads orders and lists, and neither redeems nor sells") {
        CHECK(get(view, f.api("orders/")) == 200);
        CHECK(get(view, f.api("orderpositions/")) == 200);
        CHECK(get(view, f.api("checkinlists/1/positions/")) == 200);
        CHECK(send(view, "POST", f.api("checkinlists/1/positions/paidsecret0001/redeem/"), "{}") == 403);
        CHECK(send(view, "POST", "/api/v1/organizers/demo/checkinrpc/redeem/", R"({"secret": "paidsecret0001", "lists": [1]})") == 403);
        CHECK(send(view, "POST", f.api("orders/"), "{}") == 403);
        CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/")))["checkin_count"] == 0);
    }
    SECTION("a selling token creates orders and redeems, as pretix's can_change_orders does") {
        CHECK(send(sell, "POST", f.api("orders/"), "{}") == 400);  // past the permission: the body is checked
        CHECK(send(sell, "POST", f.api("checkinlists/1/positions/paidsecret0001/redeem/"), "{}") == 201);
        CHECK(get(sell, f.api("orders/")) == 403);
        CHECK(get(sell, f.api("checkinlists/")) == 403);
    }
    SECTION("a settings token changes lists, and reads no orders") {
        CHECK(send(settings, "PATCH", f.api("checkinlists/1/"), R"({"name": "Main door"})") == 200);
        CHECK(send(settings, "POST", f.api("checkinlists/"), R"({"name": "Side door", "all_products": true})") == 201);
        CHECK(get(settings, f.api("orders/")) == 403);
        CHECK(send(settings, "POST", f.api("checkinlists/1/positions/paidsecret0001/redeem/"), "{}") == 403);
    }
}

TEST_CASE("a route that changes something cannot be added without a permission", "[server][auth]") {
    server::Router router;
    auto handler = [](server::Context&) { return server::Response::noContent(); };
    CHECK_THROWS_AS(router.add("POST", "/api/v1/organizers/{organizer}/events/{event}/things/", server::Auth::EventToken,
                               handler),
                    std::logic_error);
    CHECK_THROWS_AS(router.add("DELETE", "/api/v1/upload", server::Auth::AnyToken, handler), std::logic_error);
    CHECK_NOTHROW(router.add("GET", "/api/v1/organizers/{organizer}/events/{event}/things/", server::Auth::EventToken,
                             handler));
    CHECK_NOTHROW(router.add("POST", "/api/v1/device/update", server::Auth::Device, handler));
    CHECK_NOTHROW(router.add("POST", "/api/v1/organizers/{organizer}/events/{event}/things/", server::Auth::EventToken,
                             server::Permissions{server::Permission::ChangeEventSettings}, handler));
}
