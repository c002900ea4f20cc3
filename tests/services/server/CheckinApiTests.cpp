#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "ServerFixture.h"
#include "boxoffice/model/CheckinRepository.h"

using namespace boxoffice;
using test::DemoIds;
using test::ServerFixture;

namespace {
std::string redeemPath(ServerFixture& f, const std::string& code, int list = 1) {
    return f.api("checkinlists/" + std::to_string(list) + "/positions/" + code + "/redeem/");
}
std::int64_t checkinCount(ServerFixture& f) { return model::CheckinRepository(f.store).countForEvent(f.ids.eventId); }
}  // namespace

TEST_CASE("check-in lists: list, create, detail, patch, put, delete", "[server][lists]") {
    ServerFixture f;
    auto lists = ServerFixture::json(f.get(f.api("checkinlists/")));
    REQUIRE(lists["count"] == 2);
    CHECK(lists["results"][0]["position_count"] == 5);

    auto created = f.postJson(f.api("checkinlists/"),
                              R"({"name": "VIP", "all_products": false, "limit_products": [11], "include_pending": true,
                                  "checkin_count": 99, "position_count": 99})");
    REQUIRE(created->status == 201);
    auto c = ServerFixture::json(created);
    CHECK(c["name"] == "VIP");
    CHECK(c["checkin_count"] == 0);   // read-only: computed, not taken from the body
    CHECK(c["position_count"] == 3);  // PAID1, PEND1 (pending included), ADDON's parent
    const std::string path = f.api("checkinlists/" + std::to_string(c["id"].get<long long>()) + "/");

    auto patched = f.client->Patch(path.c_str(), f.auth(), R"({"name": "VIP lounge"})", "application/json");
    REQUIRE(patched->status == 200);
    CHECK(ServerFixture::json(patched)["name"] == "VIP lounge");
    CHECK(ServerFixture::json(patched)["limit_products"] == nlohmann::json::array({11}));
    auto put = f.client->Put(path.c_str(), f.auth(), R"({"name": "All", "all_products": true})", "application/json");
    REQUIRE(put->status == 200);
    CHECK(ServerFixture::json(put)["include_pending"] == false);  // PUT resets what it does not name
    CHECK(f.client->Delete(path.c_str(), f.auth())->status == 204);
    CHECK(f.get(path)->status == 404);
    CHECK(f.client->Delete(path.c_str(), f.auth())->status == 404);

    // Input errors: pretix's field error body, nothing written.
    auto missing = f.postJson(f.api("checkinlists/"), R"({"all_products": true})");
    CHECK(missing->status == 400);
    CHECK(ServerFixture::json(missing).contains("name"));
    auto wrongType = f.postJson(f.api("checkinlists/"), R"({"name": "x", "all_products": "yes"})");
    CHECK(wrongType->status == 400);
    CHECK(ServerFixture::json(wrongType).contains("all_products"));
    auto badProduct = f.postJson(f.api("checkinlists/"), R"({"name": "x", "all_products": false, "limit_products": [999]})");
    CHECK(badProduct->status == 400);
    CHECK(ServerFixture::json(badProduct).contains("limit_products"));
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/")))["count"] == 2);
}

TEST_CASE("check-in list status counts per item and variation", "[server][lists]") {
    ServerFixture f;
    REQUIRE(f.postJson(redeemPath(f, "shirtsecret00001"), "{}")->status == 201);
    auto s = ServerFixture::json(f.get(f.api("checkinlists/1/status/")));
    CHECK(s["checkin_count"] == 1);
    CHECK(s["position_count"] == 5);
    CHECK(s["inside_count"] == 1);
    CHECK(s["event"]["name"] == "Summer Fest");
    REQUIRE(s["items"].size() == 3);
    CHECK(s["items"][1]["id"] == DemoIds::kShirt);
    CHECK(s["items"][1]["checkin_count"] == 1);
    CHECK(s["items"][1]["variations"][0]["value"] == "M");
    CHECK(s["items"][1]["variations"][0]["checkin_count"] == 1);
    CHECK(s["items"][1]["variations"][0]["position_count"] == 2);
    CHECK(f.get(f.api("checkinlists/77/status/"))->status == 404);
}

TEST_CASE("positions of a list: scope, search, filters, smart names, lookup by secret", "[server][positions]") {
    ServerFixture f;
    auto all = ServerFixture::json(f.get(f.api("checkinlists/1/positions/")));
    CHECK(all["count"] == 5);  // paid only on the main list
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?ignore_status=true")))["count"] == 8);
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/2/positions/")))["count"] == 3);
    auto search = [&](const std::string& q) {
        return ServerFixture::json(f.get(f.api("checkinlists/1/positions/?search=" + q)))["count"].get<int>();
    };
    CHECK(search("MARA") == 1);       // attendee name, case-insensitive
    CHECK(search("lind") == 1);
    CHECK(search("paid1") == 1);      // order code prefix
    CHECK(search("ivo%20inv") == 2);  // invoice name: the parent and (through it) the add-on
    CHECK(search("shirtsec") == 1);   // secret prefix
    CHECK(search("irtsecret") == 0);  // secrets match at the start only
    auto smart = ServerFixture::json(f.get(f.api("checkinlists/1/positions/?order=ADDON&ordering=positionid")));
    REQUIRE(smart["results"].size() == 2);
    CHECK(smart["results"][0]["attendee_name"] == "Ivo Invoice");
    CHECK(smart["results"][0].contains("require_attention"));
    CHECK(smart["results"][0]["order__status"] == "p");
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?item__in=12,13")))["count"] == 3);
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?variation__in=3")))["count"] == 2);
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?order__status__in=n,p&ignore_status=true")))["count"] == 7);
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?addon_to__in=106")))["count"] == 1);

    REQUIRE(f.postJson(redeemPath(f, "paidsecret0001"), "{}")->status == 201);
    REQUIRE(f.postJson(redeemPath(f, "shirtsecret00001", 2), "{}")->status == 201);
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/positions/?has_checkin=true")))["count"] == 1);
    auto last = ServerFixture::json(f.get(f.api("checkinlists/1/positions/?ordering=-last_checked_in")));
    CHECK(last["results"][0]["secret"] == "paidsecret0001");
    auto bySecret = f.get(f.api("checkinlists/2/positions/shirtsecret00001/"));
    REQUIRE(bySecret->status == 200);
    auto j = ServerFixture::json(bySecret);
    CHECK(j["id"] == 104);
    CHECK(j["checkins"].size() == 1);  // only the check-ins of this list
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/1/positions/104/")))["checkins"].empty());
    CHECK(f.get(f.api("checkinlists/1/positions/nosuchsecret/"))->status == 404);
}

TEST_CASE("redeem over HTTP: status codes and bodies as current pretix", "[server][redeem]") {
    ServerFixture f;
    auto ok = f.postJson(redeemPath(f, "paidsecret0001"), R"({"nonce": "abc"})");
    REQUIRE(ok->status == 201);
    auto j = ServerFixture::json(ok);
    CHECK(j["status"] == "ok");
    CHECK(j["list"] == nlohmann::json{{"id", 1},
                                      {"name", "Main entrance"},
                                      {"event", "fest"},
                                      {"subevent", nullptr},
                                      {"include_pending", false}});
    CHECK(j["position"]["order"] == "PAID1");
    CHECK(j["position"]["checkins"].size() == 1);
    // Same nonce again: ok, still one check-in.
    auto again = f.postJson(redeemPath(f, "paidsecret0001"), R"({"nonce": "abc"})");
    CHECK(again->status == 201);
    CHECK(checkinCount(f) == 1);
    auto used = f.postJson(redeemPath(f, "paidsecret0001"), "{}");
    CHECK(used->status == 400);
    CHECK(ServerFixture::json(used)["reason"] == "already_redeemed");
    auto unknown = f.postJson(redeemPath(f, "nosuchsecret"), "{}");
    CHECK(unknown->status == 404);
    CHECK(ServerFixture::json(unknown)["reason"] == "invalid");  // a JSON body scanners parse
    CHECK(ServerFixture::json(f.postJson(redeemPath(f, "pendingsecret001"), "{}"))["reason"] == "unpaid");
    CHECK(ServerFixture::json(f.postJson(redeemPath(f, "canceledsecret01"), R"({"canceled_supported": true})"))["reason"] ==
          "canceled");
    CHECK(ServerFixture::json(f.postJson(redeemPath(f, "paidsecret0001", 2), "{}"))["reason"] == "product");
    auto pend = f.postJson(redeemPath(f, "pendshirtsecret1", 2), R"({"ignore_unpaid": true})");
    CHECK(pend->status == 201);
    // Questions, answers, datetime, exit.
    auto incomplete = f.postJson(redeemPath(f, "workshopsecret01"), "{}");
    CHECK(incomplete->status == 400);
    auto ij = ServerFixture::json(incomplete);
    CHECK(ij["status"] == "incomplete");
    CHECK(ij["questions"][0]["id"] == DemoIds::kShirtQuestion);
    CHECK(ij["questions"][0]["options"].size() == 2);
    auto answered = f.postJson(redeemPath(f, "workshopsecret01"),
                               R"({"answers": {"4": "9"}, "datetime": "2026-07-01T18:04:33Z"})");
    REQUIRE(answered->status == 201);
    auto aj = ServerFixture::json(answered);
    CHECK(aj["position"]["answers"][0]["options"] == nlohmann::json::array({9}));
    CHECK(aj["position"]["checkins"][0]["datetime"] == "2026-07-01T18:04:33Z");
    CHECK(aj["require_attention"] == true);
    CHECK(f.postJson(redeemPath(f, "paidsecret0001"), R"({"type": "exit"})")->status == 201);
    CHECK(f.postJson(redeemPath(f, "paidsecret0001"), "{}")->status == 201);
    // Lookup by position ID on the legacy URL; not with untrusted_input.
    CHECK(f.postJson(redeemPath(f, "104"), "{}")->status == 201);
    CHECK(f.postJson(f.api("checkinlists/1/positions/105/redeem/?untrusted_input=true"), "{}")->status == 404);
    CHECK(f.postJson(redeemPath(f, "paidsecret0001", 99), "{}")->status == 404);
}

TEST_CASE("auto check-in shows as auto_checked_in", "[server][redeem]") {
    ServerFixture f;
    auto list = *model::CheckinRepository(f.store).listInfo(f.ids.eventId, 1);
    model::Checkin c;
    c.listId = 1;
    c.positionId = 104;
    c.datetime = model::now();
    c.autoCheckedIn = true;
    model::CheckinRepository(f.store).insert(c);
    auto j = ServerFixture::json(f.get(f.api("checkinlists/1/positions/104/")));
    CHECK(j["checkins"][0]["auto_checked_in"] == true);
    (void)list;
}

TEST_CASE("bad input is refused with 4xx, writes nothing, and the server stays up", "[server][robustness]") {
    ServerFixture f;
    const std::string path = redeemPath(f, "paidsecret0001");
    const std::vector<std::string> bodies = {
        "{",  "not json", "[1,2]", "\"text\"", R"({"force": "yes"})", R"({"nonce": 5})",
        R"({"datetime": "yesterday"})", R"({"type": "sideways"})", R"({"answers": [1]})", std::string("{\"nonce\": \"\xff\xfe\"}"),
        std::string("\x00\x01\x02", 3), R"({"force": true, "nonce": ")"};
    for (const auto& body : bodies) {
        auto r = f.postJson(path, body);
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK(ServerFixture::json(r).is_object());
    }
    auto huge = f.postJson(path, std::string(200 * 1024, 'x'));
    REQUIRE(huge);
    CHECK(huge->status == 413);
    auto hugeList = f.postJson(f.api("checkinlists/"), "{\"name\": \"" + std::string(100 * 1024, 'a') + "\"}");
    REQUIRE(hugeList);
    CHECK(hugeList->status == 413);
    CHECK(checkinCount(f) == 0);
    CHECK(ServerFixture::json(f.get(f.api("checkinlists/")))["count"] == 2);
    // Raw garbage on the socket.
    {
        httplib::Client raw("127.0.0.1", f.port);
        auto r = raw.Get("/%%%/\xff\xfe/..");
        if (r) {
            CHECK(r->status >= 400);
        }
    }
    auto alive = f.postJson(path, "{}");
    REQUIRE(alive);
    CHECK(alive->status == 201);
}

TEST_CASE("16 gates redeeming one ticket over HTTP at once admit it exactly once", "[server][concurrency]") {
    ServerFixture f;
    constexpr int kGates = 16;
    std::atomic<int> ok{0};
    std::atomic<int> used{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> gates;
    for (int i = 0; i < kGates; ++i) {
        gates.emplace_back([&] {
            httplib::Client c("127.0.0.1", f.port);
            while (!go) {
                std::this_thread::yield();
            }
            // A failed request is retried, as a scanner does.
            int status = -1;
            for (int attempt = 0; attempt < 20 && status < 0; ++attempt) {
                if (auto r = c.Post(redeemPath(f, "paidsecret0001").c_str(), f.auth(), "{}", "application/json")) {
                    status = r->status;
                } else {
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
            }
            if (status == 201) {
                ++ok;
            } else if (status == 400) {
                ++used;
            }
        });
    }
    go = true;
    for (auto& g : gates) {
        g.join();
    }
    CHECK(ok == 1);
    CHECK(used == kGates - 1);
    CHECK(checkinCount(f) == 1);
}

TEST_CASE("a redeem waiting for its commit holds no worker, and stopping answers it first", "[server][redeem]") {
    // Two workers, eight redeems waiting behind a writer that holds the database's lock: a worker
    // that waited with its redeem would leave none for the ninth request.
    test::TempDir dir;
    const auto file = dir / "box.sqlite";
    model::Id eventId = 0;
    std::string token;
    {
        model::Store seed(file);
        eventId = test::createDemoData(seed).eventId;
        token = test::createEventToken(seed, "fest");
        test::addBulkOrders(seed, eventId, 8);
    }
    // No journal to decide the redeems into meanwhile (a directory where it would go): they wait
    // for the lock.
    std::filesystem::create_directory(file.string() + ".redeems");
    server::ServerOptions o;
    o.database = file;
    o.port = 0;
    o.threads = 2;
    server::Server srv(o);
    auto started = srv.start();
    REQUIRE(started.ok());
    const int port = started.value();
    const httplib::Headers auth{{"Authorization", "Token " + token}};
    const std::string api = "/api/v1/organizers/demo/events/fest/";

    model::Store locker(file);
    locker.db().exec("BEGIN IMMEDIATE");
    constexpr int kGates = 8;
    std::vector<int> statuses(kGates, 0);
    std::vector<std::string> bodies(kGates);
    std::vector<std::thread> gates;
    for (int g = 0; g < kGates; ++g) {
        gates.emplace_back([&, g] {
            httplib::Client c("127.0.0.1", port);
            c.set_read_timeout(10, 0);
            auto r = c.Post((api + "checkinlists/1/positions/bulk" + std::to_string(g) + "/redeem/").c_str(), auth,
                            "{}", "application/json");
            statuses[static_cast<std::size_t>(g)] = r ? r->status : -1;
            bodies[static_cast<std::size_t>(g)] = r ? r->body : std::string();
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // every redeem is in and waits
    httplib::Client other("127.0.0.1", port);
    other.set_read_timeout(5, 0);
    auto list = other.Get((api + "checkinlists/").c_str(), auth);
    REQUIRE(list);
    CHECK(list->status == 200);

    std::atomic<bool> stopped{false};
    std::thread stopper([&] {
        srv.stop();
        stopped = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK_FALSE(stopped);  // it waits for the answers still to come
    locker.db().exec("ROLLBACK");
    stopper.join();
    for (auto& g : gates) {
        g.join();
    }
    for (int g = 0; g < kGates; ++g) {
        INFO(bodies[static_cast<std::size_t>(g)]);
        CHECK(statuses[static_cast<std::size_t>(g)] == 201);
    }
    CHECK(model::CheckinRepository(locker).countForEvent(eventId) == kGates);
}
