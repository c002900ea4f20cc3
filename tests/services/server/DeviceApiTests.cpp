// The device API, device authorization on the routes pretixSCAN uses, and the check-in RPC, over
// real HTTP on a loopback port (spec pretixscan-devices.md).
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <tuple>
#include <utility>

#include "ServerFixture.h"
#include "boxoffice/auth/Devices.h"
#include "boxoffice/checkin/FailedScans.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/DeviceRepository.h"
#include "boxoffice/model/EventRepository.h"

using namespace boxoffice;
using nlohmann::json;
using test::DemoIds;

namespace {

const char* kRevoked = R"({"detail":"Device access has been revoked."})";

// Pairs a device as the CLI would and initializes it over HTTP; returns its API token.
std::string pairDevice(test::ServerFixture& f, const std::string& organizer, const std::optional<std::string>& event,
                       std::vector<model::Id> lists, const std::string& gate = "Gate A") {
    auth::PairRequest r;
    r.organizer = organizer;
    r.event = event;
    r.gateName = gate;
    r.listIds = std::move(lists);
    r.url = "http://127.0.0.1:" + std::to_string(f.port);
    auto paired = auth::createSetupToken(f.store, r);
    REQUIRE(paired);
    const json body = {{"token", paired->setupToken}, {"hardware_brand", "Google"}, {"hardware_model", "Pixel 7"},
                       {"os_name", "Android"}, {"os_version", "14"}, {"software_brand", "pretixSCAN Android"},
                       {"software_version", "3.3.4"}};
    auto res = f.client->Post("/api/v1/device/initialize", body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body).at("api_token").get<std::string>();
}

httplib::Headers device(const std::string& token) { return {{"Authorization", "Device " + token}}; }

httplib::Result getAs(test::ServerFixture& f, const std::string& token, const std::string& path) {
    return f.client->Get(path.c_str(), device(token));
}

httplib::Result postAs(test::ServerFixture& f, const std::string& token, const std::string& path, const json& body) {
    return f.client->Post(path.c_str(), device(token), body.dump(), "application/json; charset=utf-8");
}

std::string rpc(const std::string& rest) { return "/api/v1/organizers/demo/checkinrpc/" + rest; }

std::size_t checkinCount(model::Store& store, model::Id position) {
    return model::CheckinRepository(store).forPosition(position).size();
}

}  // namespace

TEST_CASE("A device initializes once from its setup token and reads its info", "[server][devices]") {
    test::ServerFixture f;
    auth::PairRequest r;
    r.organizer = "demo";
    r.event = "fest";
    r.gateName = "Gate A";
    r.url = "http://127.0.0.1:" + std::to_string(f.port);
    auto paired = auth::createSetupToken(f.store, r);
    REQUIRE(paired);
    const json body = {{"token", paired->setupToken}, {"hardware_brand", "Google"}, {"hardware_model", "Pixel 7"},
                       {"os_name", "Android"}, {"os_version", nullptr}, {"software_brand", "pretixSCAN Android"},
                       {"software_version", "3.3.4"}, {"info", json::object()}};
    // A QR URL with a trailing slash makes the app ask for //api/v1/device/initialize.
    auto res = f.client->Post("//api/v1/device/initialize", body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto init = json::parse(res->body);
    CHECK(init["organizer"] == "demo");
    CHECK(init["device_id"] == paired->device.id);
    CHECK(init["unique_serial"] == paired->device.uniqueSerial);
    CHECK(init["security_profile"] == "pretixscan");
    CHECK(init["gate"]["name"] == "Gate A");
    CHECK(init["gate"]["id"].is_number_integer());
    const std::string token = init["api_token"];

    auto again = f.client->Post("/api/v1/device/initialize", body.dump(), "application/json");
    REQUIRE(again);
    CHECK(again->status == 400);
    CHECK(json::parse(again->body)["token"][0] == "This initialization token has already been used.");
    auto missing = f.client->Post("/api/v1/device/initialize", "{}", "application/json");
    REQUIRE(missing);
    CHECK(missing->status == 400);
    CHECK(json::parse(missing->body).contains("token"));

    auto info = getAs(f, token, "/api/v1/device/info");
    REQUIRE(info);
    REQUIRE(info->status == 200);
    const auto i = json::parse(info->body);
    CHECK(i["device"]["name"] == "Gate A scanner");
    CHECK(i["device"]["device_id"] == paired->device.id);
    CHECK(i["server"]["version"]["pretix_numeric"].get<std::int64_t>() >= 40120001001);
    CHECK(i["medium_key_sets"] == json::array());
    auto version = getAs(f, token, "/api/v1/version");
    REQUIRE(version);
    CHECK(version->status == 200);
    CHECK(json::parse(version->body)["pretix_numeric"] == i["server"]["version"]["pretix_numeric"]);

    auto update = postAs(f, token, "/api/v1/device/update",
                         {{"software_version", "3.4.0"}, {"rsa_pubkey", "-----BEGIN PUBLIC KEY-----"}, {"info", json::object()}});
    REQUIRE(update);
    CHECK(update->status == 200);
    CHECK(json::parse(update->body)["name"] == "Gate A scanner");
    CHECK(model::DeviceRepository(f.store).byId(paired->device.id)->softwareVersion == "3.4.0");

    CHECK(getAs(f, "wrong", "/api/v1/device/info")->status == 401);
    CHECK(json::parse(getAs(f, "wrong", "/api/v1/device/info")->body)["detail"] == "Invalid token.");
    CHECK(f.client->Get("/api/v1/device/info")->status == 401);
}

TEST_CASE("A device reads what an offline sync needs, scoped to its event and gate", "[server][devices]") {
    test::ServerFixture f;
    const auto token = pairDevice(f, "demo", "fest", {DemoIds::kMainList});
    const std::string ev = "/api/v1/organizers/demo/events/fest/";

    auto events = getAs(f, token, "/api/v1/organizers/demo/events/?ends_after=2026-06-30T00%3A00%3A00.000%2B02%3A00&ordering=date_from");
    REQUIRE(events);
    REQUIRE(events->status == 200);
    const auto e = json::parse(events->body);
    REQUIRE(e["count"] == 1);  // "other" is not the device's event
    CHECK(e["results"][0]["slug"] == "fest");
    auto late = getAs(f, token, "/api/v1/organizers/demo/events/?ends_after=2027-01-01T00%3A00%3A00Z");
    CHECK(json::parse(late->body)["count"] == 0);

    for (const std::string& resource : std::vector<std::string>{"", "categories/", "items/", "questions/", "badgelayouts/", "badgeitems/",
                                       "checkinlists/?exclude=checkin_count&exclude=position_count",
                                       "revokedsecrets/", "blockedsecrets/", "settings/",
                                       "orders/?testmode=false&exclude=downloads&exclude=payments"}) {
        auto res = getAs(f, token, ev + resource);
        REQUIRE(res);
        INFO(resource);
        CHECK(res->status == 200);
        CHECK(res->body.front() == '{');
    }
    auto subevents = getAs(f, token, "/api/v1/organizers/demo/subevents/");
    REQUIRE(subevents);
    CHECK(subevents->status == 200);
    CHECK(json::parse(subevents->body)["count"] == 0);

    auto lists = json::parse(getAs(f, token, ev + "checkinlists/")->body);
    REQUIRE(lists["count"] == 1);  // the gate's list only
    CHECK(lists["results"][0]["id"] == DemoIds::kMainList);
    CHECK(getAs(f, token, ev + "checkinlists/2/")->status == 404);
    CHECK(getAs(f, token, ev + "checkinlists/1/status/")->status == 200);

    auto orders = getAs(f, token, ev + "orders/?testmode=false");
    REQUIRE(orders);
    CHECK(orders->has_header("X-Page-Generated"));
    CHECK(json::parse(orders->body)["count"] == 7);  // every status

    // Not offered: a plain-text 404, never JSON (the app reads it as "not supported").
    for (const std::string& path : std::vector<std::string>{"/api/v1/organizers/demo/reusablemedia/", "/api/v1/device/eventselection?current_event=fest"}) {
        auto res = getAs(f, token, path);
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(res->body.front() != '{');
    }
    for (const std::string& path : std::vector<std::string>{"/api/v1/device/roll", ev + "orders/", ev + "orderpositions/101/printlog/"}) {
        auto res = postAs(f, token, path, json::object());
        REQUIRE(res);
        INFO(path);
        CHECK(res->status == 404);  // no 405 for a device: a queued call would fail every sync
        CHECK(res->body.front() != '{');
    }
    // Tokens create orders as in pretix (an empty one is refused).
    auto created = f.postJson(f.api("orders/"), "{}");
    CHECK(created->status == 400);
    CHECK(json::parse(created->body).contains("positions"));

    // Outside its scope: the other event, the token-only routes.
    CHECK(getAs(f, token, "/api/v1/organizers/demo/events/other/items/")->status == 403);
    CHECK(postAs(f, token, ev + "checkinlists/", {{"name", "Mine"}})->status == 403);
    CHECK(getAs(f, token, "/api/v1/organizers/")->status == 403);

    auto failed = postAs(f, token, ev + "checkinlists/1/failed_checkins/",
                         {{"datetime", "2026-07-01T18:07:02Z"}, {"raw_barcode", "paidsecret0001"}, {"type", "entry"},
                          {"error_reason", "already_redeemed"}, {"position", 101}, {"item", 11}});
    REQUIRE(failed);
    CHECK(failed->status == 201);
    CHECK(json::parse(failed->body)["raw_item"] == 11);
    // Kept for the box office to see; sent again with the same nonce (a lost answer), kept once.
    for (int i = 0; i < 2; ++i) {
        auto again = postAs(f, token, ev + "checkinlists/1/failed_checkins/",
                            {{"datetime", "2026-07-01T18:09:00Z"}, {"raw_barcode", "nosuchcode"},
                             {"error_reason", "invalid"}, {"nonce", "n-failed-1"}});
        REQUIRE(again);
        CHECK(again->status == 201);
    }
    const auto kept = checkin::failedScans(f.store, 1);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].rawBarcode == "nosuchcode");
    CHECK(kept[0].errorReason == "invalid");
    CHECK_FALSE(kept[0].positionId);
    CHECK(kept[1].rawBarcode == "paidsecret0001");
    CHECK(kept[1].errorReason == "already_redeemed");
    CHECK(kept[1].positionId == std::optional<model::Id>(101));
    CHECK_FALSE(kept[1].device.empty());  // the device that refused it
    auto badFailed = postAs(f, token, ev + "checkinlists/1/failed_checkins/", {{"raw_barcode", "x"}});
    CHECK(badFailed->status == 400);
    CHECK(json::parse(badFailed->body).contains("error_reason"));
}

TEST_CASE("A device of one organizer sees nothing of another", "[server][devices]") {
    test::ServerFixture f;
    {
        model::Store::Transaction tx(f.store);
        model::EventRepository events(f.store);
        model::Event show;
        show.organizerId = events.upsertOrganizer("acme", "Acme");
        show.slug = "show";
        show.name = model::I18nString::plain("Show");
        events.upsertEvent(show);
        model::CheckinList l;
        l.id = 50;
        l.eventId = show.id;
        l.name = "Door";
        model::CheckinRepository(f.store).upsertList(l);
        tx.commit();
    }
    const auto acme = pairDevice(f, "acme", std::nullopt, {});
    CHECK(getAs(f, acme, "/api/v1/organizers/acme/events/")->status == 200);
    CHECK(json::parse(getAs(f, acme, "/api/v1/organizers/acme/events/")->body)["count"] == 1);
    for (const std::string& path : std::vector<std::string>{"/api/v1/organizers/demo/events/", "/api/v1/organizers/demo/subevents/",
                                   "/api/v1/organizers/demo/events/fest/", "/api/v1/organizers/demo/events/fest/orders/",
                                   "/api/v1/organizers/demo/events/fest/checkinlists/",
                                   "/api/v1/organizers/demo/checkinrpc/search/?list=1&search=Mara"}) {
        auto res = getAs(f, acme, path);
        REQUIRE(res);
        INFO(path);
        CHECK(res->status == 403);
        CHECK(res->body.find("Mara") == std::string::npos);
    }
    auto redeem = postAs(f, acme, rpc("redeem/"), {{"secret", "paidsecret0001"}, {"lists", {1}}});
    CHECK(redeem->status == 403);
    // Its own RPC does not reach demo's lists either.
    auto own = postAs(f, acme, "/api/v1/organizers/acme/checkinrpc/redeem/", {{"secret", "paidsecret0001"}, {"lists", {1}}});
    REQUIRE(own);
    CHECK(own->status == 400);
    CHECK(json::parse(own->body)["lists"][0] == "Invalid pk \"1\" - object does not exist.");
    CHECK(checkinCount(f.store, DemoIds::kPaidPosition) == 0);
}

TEST_CASE("The check-in RPC answers as pretix does", "[server][devices][rpc]") {
    test::ServerFixture f;
    const auto token = pairDevice(f, "demo", std::nullopt, {});
    const json base = {{"force", false}, {"ignore_unpaid", false}, {"type", "entry"}, {"source_type", "barcode"},
                       {"answers", json::object()}, {"questions_supported", true}, {"canceled_supported", true},
                       {"use_order_locale", false}};
    auto scan = [&](const std::string& secret, std::vector<model::Id> lists, json extra = json::object()) {
        json body = base;
        body["secret"] = secret;
        body["lists"] = lists;
        body["nonce"] = "n-" + secret + "-" + std::to_string(std::rand());
        body.update(extra);
        auto res = postAs(f, token, rpc("redeem/?expand=answers.question"), body);
        REQUIRE(res);
        return res;
    };
    // Several lists at once, one per event: the ticket's event decides.
    auto ok = scan("othersecret00001", {DemoIds::kMainList, 0});
    CHECK(ok->status == 400);  // list 0 does not exist
    model::Id otherList = 0;
    {
        model::CheckinList l;
        l.eventId = f.ids.otherEventId;
        l.name = "Other door";
        model::CheckinRepository(f.store).upsertList(l);
        otherList = l.id;
    }
    ok = scan("othersecret00001", {DemoIds::kMainList, otherList});
    REQUIRE(ok->status == 201);
    auto body = json::parse(ok->body);
    CHECK(body["status"] == "ok");
    CHECK(body["list"]["id"] == otherList);
    CHECK(body["list"]["event"] == "other");
    CHECK(body["require_attention"] == false);
    CHECK(body["checkin_texts"] == json::array());
    CHECK(body["position"]["checkins"].size() == 1);

    auto used = scan("othersecret00001", {DemoIds::kMainList, otherList});
    CHECK(used->status == 400);
    body = json::parse(used->body);
    CHECK(body["status"] == "error");
    CHECK(body["reason"] == "already_redeemed");
    CHECK(body.contains("reason_explanation"));
    CHECK(body["position"]["item"] == 21);

    auto unknown = scan("nosuchsecret", {DemoIds::kMainList});
    CHECK(unknown->status == 404);
    REQUIRE(unknown->body.front() == '{');
    body = json::parse(unknown->body);
    CHECK(body["status"] == "error");
    CHECK(body["reason"] == "invalid");
    CHECK(body["list"]["id"] == DemoIds::kMainList);

    auto canceled = scan("canceledsecret01", {DemoIds::kMainList});
    CHECK(json::parse(canceled->body)["reason"] == "canceled");
    auto product = scan("paidsecret0001", {DemoIds::kShirtList});
    CHECK(json::parse(product->body)["reason"] == "product");
    auto unpaid = scan("pendshirtsecret1", {DemoIds::kShirtList});
    body = json::parse(unpaid->body);
    CHECK(body["reason"] == "unpaid");
    CHECK(body["list"]["include_pending"] == true);
    CHECK(body["position"]["order__status"] == "n");
    CHECK(scan("pendshirtsecret1", {DemoIds::kShirtList}, {{"ignore_unpaid", true}})->status == 201);

    auto incomplete = scan("workshopsecret01", {DemoIds::kMainList});
    CHECK(incomplete->status == 400);
    body = json::parse(incomplete->body);
    CHECK(body["status"] == "incomplete");
    REQUIRE(body["questions"].size() == 1);
    CHECK(body["questions"][0]["id"] == DemoIds::kShirtQuestion);
    auto answered = scan("workshopsecret01", {DemoIds::kMainList}, {{"answers", {{"4", "9"}}}});
    CHECK(answered->status == 201);
    body = json::parse(answered->body);
    REQUIRE(body["position"]["answers"].size() == 1);
    CHECK(body["position"]["answers"][0]["question"]["id"] == DemoIds::kShirtQuestion);  // expanded
    CHECK(body["position"]["answers"][0]["options"] == json::array({DemoIds::kOptionM}));

    auto twoOfOne = scan("paidsecret0001", {DemoIds::kMainList, DemoIds::kShirtList});
    CHECK(twoOfOne->status == 400);
    CHECK(json::parse(twoOfOne->body).contains("lists"));
    auto noSecret = postAs(f, token, rpc("redeem/"), {{"lists", {1}}});
    CHECK(noSecret->status == 400);
    CHECK(json::parse(noSecret->body).contains("secret"));

    auto search = getAs(f, token, rpc("search/?ignore_status=true&page=1&search=Mara&list=1"));
    REQUIRE(search);
    REQUIRE(search->status == 200);
    body = json::parse(search->body);
    REQUIRE(body["count"] == 1);
    CHECK(body["results"][0]["attendee_name"] == "Mara Lind");
    CHECK(body["results"][0]["order__status"] == "p");
    // httplib's client would send a "+" as %2B; the spec client sends it as it is.
    auto fullName = getAs(f, token, rpc("search/?ignore_status=true&page=1&search=Mara%20Lind&list=1"));
    REQUIRE(fullName);
    CHECK(json::parse(fullName->body)["count"] == 1);
    CHECK(getAs(f, token, rpc("search/?search=Otto&list=1&list=" + std::to_string(otherList)))->status == 200);
    CHECK(json::parse(getAs(f, token, rpc("search/?search=Otto&list=1&list=" + std::to_string(otherList)))->body)["count"] == 1);
    CHECK(getAs(f, token, rpc("search/?search=Mara&list=999"))->status == 403);
}

TEST_CASE("A device scoped to one list cannot redeem on another", "[server][devices][rpc]") {
    test::ServerFixture f;
    const auto token = pairDevice(f, "demo", "fest", {DemoIds::kShirtList});
    auto res = postAs(f, token, rpc("redeem/"), {{"secret", "paidsecret0001"}, {"lists", {DemoIds::kMainList}}});
    CHECK(res->status == 400);
    auto upload = postAs(f, token, "/api/v1/organizers/demo/events/fest/checkinlists/1/positions/paidsecret0001/redeem/",
                         {{"force", true}});
    CHECK(upload->status == 404);
    CHECK(checkinCount(f.store, DemoIds::kPaidPosition) == 0);
}

// The check-in RPC remembers each list it was asked for while the access version stands
// (migration 21): a list removed meanwhile is not one it may still scan on.
TEST_CASE("The check-in RPC reads a list again once it changed", "[server][devices][rpc]") {
    test::ServerFixture f;
    const auto token = pairDevice(f, "demo", std::nullopt, {});
    auto scan = [&](const std::string& secret, model::Id list) {
        auto res = postAs(f, token, rpc("redeem/"), {{"secret", secret}, {"lists", {list}}});
        REQUIRE(res);
        return std::pair{res->status, json::parse(res->body)};
    };
    auto [status, body] = scan("paidsecret0001", DemoIds::kMainList);
    CHECK(status == 201);
    CHECK(body["list"]["name"] == "Main entrance");
    std::tie(status, body) = scan("shirtsecret00001", DemoIds::kShirtList);
    CHECK(body["list"]["name"] == "Shirt desk");

    // The desk renames a list: the next answer has the new name.
    auto list = model::CheckinRepository(f.store).listInfo(f.ids.eventId, DemoIds::kMainList);
    REQUIRE(list);
    list->name = "Main gate";
    model::CheckinRepository(f.store).upsertList(*list);
    std::tie(status, body) = scan("paidsecret0001", DemoIds::kMainList);
    CHECK(status == 400);
    CHECK(body["reason"] == "already_redeemed");
    CHECK(body["list"]["name"] == "Main gate");

    // It removes the other: the RPC answers as for any list that does not exist.
    REQUIRE(model::CheckinRepository(f.store).removeList(f.ids.eventId, DemoIds::kShirtList));
    std::tie(status, body) = scan("shirtsecret00001", DemoIds::kShirtList);
    CHECK(status == 400);
    CHECK(body["lists"][0] == "Invalid pk \"2\" - object does not exist.");
}

TEST_CASE("Offline uploads are forced, keep their time, and a nonce admits once", "[server][devices]") {
    test::ServerFixture f;
    const auto token = pairDevice(f, "demo", "fest", {});
    const std::string list = "/api/v1/organizers/demo/events/fest/checkinlists/1/positions/";
    const json upload = {{"datetime", "2026-07-01T18:04:33Z"}, {"force", true}, {"ignore_unpaid", false},
                         {"nonce", "4fk2j9q0s8l1m3n5b7v6c2x1z"}, {"type", "entry"}, {"source_type", "barcode"},
                         {"answers", json::object()}, {"questions_supported", false}, {"canceled_supported", true},
                         {"use_order_locale", false}};
    // A canceled ticket the device let in offline: recorded, answered ok.
    auto res = postAs(f, token, list + "canceledsecret01/redeem/", upload);
    REQUIRE(res);
    CHECK(res->status == 201);
    CHECK(json::parse(res->body)["status"] == "ok");
    auto again = postAs(f, token, list + "canceledsecret01/redeem/", upload);
    CHECK(again->status == 201);
    CHECK(json::parse(again->body)["status"] == "ok");
    const auto checkins = model::CheckinRepository(f.store).forPosition(103);
    REQUIRE(checkins.size() == 1);
    CHECK(model::formatTimestamp(checkins[0].datetime) == "2026-07-01T18:04:33Z");
    CHECK(checkins[0].device == "device:Gate A scanner");
    // A numeric secret is a secret for a device, never a position ID.
    auto byId = postAs(f, token, list + "101/redeem/", upload);
    CHECK(byId->status == 404);
    CHECK(byId->body.front() == '{');
}

TEST_CASE("A revoked device gets the revoked 401 on every route", "[server][devices]") {
    test::ServerFixture f;
    const auto token = pairDevice(f, "demo", "fest", {});
    const std::string ev = "/api/v1/organizers/demo/events/fest/";
    CHECK(getAs(f, token, ev + "orders/")->status == 200);  // a remembered grant, before revocation
    auto revoked = postAs(f, token, "/api/v1/device/revoke", json::object());
    REQUIRE(revoked);
    CHECK(revoked->status == 200);
    for (const std::string& path : std::vector<std::string>{"/api/v1/device/info", "/api/v1/version", "/api/v1/organizers/demo/events/",
                                   "/api/v1/organizers/demo/subevents/", ev, ev + "items/", ev + "checkinlists/",
                                   ev + "orders/", ev + "badgelayouts/", ev + "settings/", ev + "checkinlists/1/status/",
                                   "/api/v1/organizers/demo/checkinrpc/search/?list=1&search=Mara"}) {
        auto res = getAs(f, token, path);
        REQUIRE(res);
        INFO(path);
        CHECK(res->status == 401);
        CHECK(res->body == kRevoked);
    }
    for (const std::string& path : std::vector<std::string>{"/api/v1/device/update", "/api/v1/device/revoke", rpc("redeem/"),
                                   ev + "checkinlists/1/positions/paidsecret0001/redeem/",
                                   ev + "checkinlists/1/failed_checkins/"}) {
        auto res = postAs(f, token, path, {{"secret", "paidsecret0001"}, {"lists", {1}}, {"force", true}});
        REQUIRE(res);
        INFO(path);
        CHECK(res->status == 401);
        CHECK(res->body == kRevoked);
    }
    CHECK(checkinCount(f.store, DemoIds::kPaidPosition) == 0);
}

// The redeem routes let a device the server remembers scan without reading the access version
// (Router::checksAccessItself); the redeem's own transaction checks it. A revocation made by
// another program on the same database (the CLI's `device revoke`) must still stop the next scan.
TEST_CASE("A device revoked by another program cannot scan on a remembered authorization", "[server][devices][rpc]") {
    test::ServerFixture f;
    const auto token = pairDevice(f, "demo", "fest", {});
    const std::string upload = "/api/v1/organizers/demo/events/fest/checkinlists/1/positions/";
    // Both redeem routes remember the device.
    auto first = postAs(f, token, rpc("redeem/"), {{"secret", "paidsecret0001"}, {"lists", {DemoIds::kMainList}}});
    REQUIRE(first);
    CHECK(first->status == 201);
    auto again = postAs(f, token, upload + "paidsecret0001/redeem/", {{"force", true}, {"nonce", "n-1"}});
    REQUIRE(again);
    CHECK(again->status == 201);
    CHECK(checkinCount(f.store, DemoIds::kPaidPosition) == 2);

    auto device = auth::findDevice(f.store, token);
    REQUIRE(device);
    model::Store other(f.dir / "box.sqlite");
    REQUIRE(auth::revokeDevice(other, device->id));
    auto rpcScan = postAs(f, token, rpc("redeem/"), {{"secret", "shirtsecret00001"}, {"lists", {DemoIds::kMainList}}});
    REQUIRE(rpcScan);
    CHECK(rpcScan->status == 401);
    CHECK(rpcScan->body == kRevoked);
    auto uploaded = postAs(f, token, upload + "paidsecret0001/redeem/", {{"force", true}, {"nonce", "n-2"}});
    REQUIRE(uploaded);
    CHECK(uploaded->status == 401);
    CHECK(uploaded->body == kRevoked);
    CHECK(checkinCount(f.store, DemoIds::kPaidPosition) == 2);
    CHECK(f.store.db().execAndGet("SELECT count(*) FROM checkin").getInt() == 2);  // the shirt not admitted
}

TEST_CASE("Two devices and the desk redeem one ticket at the same moment: one admission", "[server][devices][concurrency]") {
    test::ServerFixture f;
    const auto a = pairDevice(f, "demo", "fest", {}, "Gate A");
    const auto b = pairDevice(f, "demo", "fest", {}, "Gate B");
    for (int round = 0; round < 10; ++round) {
        const std::string secret = "paidsecret0001";
        std::atomic<int> ok{0};
        std::atomic<int> used{0};
        std::atomic<bool> go{false};
        std::vector<std::thread> threads;
        for (const auto& token : {a, b}) {
            threads.emplace_back([&, token] {
                httplib::Client c("127.0.0.1", f.port);
                while (!go) {
                    std::this_thread::yield();
                }
                auto res = c.Post(rpc("redeem/").c_str(), device(token),
                                  json{{"secret", secret}, {"lists", {1}}, {"type", "entry"}}.dump(), "application/json");
                if (res && res->status == 201) {
                    ++ok;
                } else if (res && res->status == 400 && json::parse(res->body)["reason"] == "already_redeemed") {
                    ++used;
                }
            });
        }
        threads.emplace_back([&] {
            model::Store desk(f.dir / "box.sqlite");
            checkin::RedeemRequest req;
            req.code = secret;
            req.listId = DemoIds::kMainList;
            req.device = "desk";
            while (!go) {
                std::this_thread::yield();
            }
            auto r = checkin::redeem(desk, f.ids.eventId, req);
            if (r && r->status == checkin::Status::Ok) {
                ++ok;
            } else if (r && r->reason == checkin::Reason::AlreadyRedeemed) {
                ++used;
            }
        });
        go = true;
        for (auto& t : threads) {
            t.join();
        }
        INFO("round " << round);
        CHECK(ok == 1);
        CHECK(used == 2);
        CHECK(checkinCount(f.store, DemoIds::kPaidPosition) == 1);
        model::Store::Transaction tx(f.store);
        f.store.db().exec("DELETE FROM checkin");
        tx.commit();
    }
}
