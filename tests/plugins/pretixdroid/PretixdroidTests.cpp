#include <catch2/catch.hpp>

#include <map>

#include "ServerFixture.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/plugins/pretixdroid/PretixdroidPlugin.h"

using namespace boxoffice;
using test::DemoIds;
using test::ServerFixture;

namespace {

struct DroidFixture : ServerFixture {
    DroidFixture() : ServerFixture({std::make_shared<plugins::pretixdroid::PretixdroidPlugin>()}) {}
    std::string url(const std::string& endpoint, const std::string& key) const {
        return "/pretixdroid/api/demo/fest/" + endpoint + "/?key=" + key;
    }
    std::string url(const std::string& endpoint) const { return url(endpoint, token); }
    nlohmann::json redeem(const std::string& form) {
        auto r = client->Post(url("redeem").c_str(), form, "application/x-www-form-urlencoded");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return nlohmann::json::parse(r->body);
    }
};

}  // namespace

TEST_CASE("pretixdroid: key authentication and unknown events", "[pretixdroid]") {
    DroidFixture f;
    CHECK(f.client->Get(f.url("status", "wrong").c_str())->status == 403);
    CHECK(f.client->Get(f.url("status", "").c_str())->status == 403);
    CHECK(f.client->Get(f.url("status", f.otherToken).c_str())->status == 403);
    CHECK(f.client->Get(("/pretixdroid/api/demo/nope/status/?key=" + f.token).c_str())->status == 404);
    CHECK(f.client->Get(f.url("status").c_str())->status == 200);
    // Switched off for the event: its routes disappear.
    model::EventRepository(f.store).setPluginEnabled(f.ids.eventId, "pretixdroid", false);
    auto off = f.client->Get(f.url("status").c_str());
    CHECK(off->status == 404);
    CHECK(off->body.front() != '{');
}

TEST_CASE("pretixdroid: redeem results, nonce, force, answers", "[pretixdroid]") {
    DroidFixture f;
    auto ok = f.redeem("secret=paidsecret0001&nonce=n1");
    CHECK(ok["version"] == 3);
    CHECK(ok["status"] == "ok");
    CHECK(ok["data"]["order"] == "PAID1");
    CHECK(ok["data"]["item"] == "Day ticket");
    CHECK(ok["data"]["attendee_name"] == "Mara Lind");
    CHECK(ok["data"]["paid"] == true);
    CHECK(f.redeem("secret=paidsecret0001&nonce=n1")["status"] == "ok");
    CHECK(model::CheckinRepository(f.store).forPosition(DemoIds::kPaidPosition).size() == 1);
    auto used = f.redeem("secret=paidsecret0001");
    CHECK(used["reason"] == "already_redeemed");
    CHECK(f.redeem("secret=nosuchsecret")["reason"] == "unknown_ticket");
    CHECK_FALSE(f.redeem("secret=nosuchsecret").contains("data"));
    CHECK(f.redeem("secret=canceledsecret01")["reason"] == "unpaid");  // the app knows no "canceled"
    auto pending = f.redeem("secret=pendingsecret001");
    CHECK(pending["reason"] == "unpaid");
    CHECK(pending["data"]["checkin_allowed"] == false);
    auto forced = f.redeem("secret=pendingsecret001&force=true&datetime=2026-07-01T18:04Z&nonce=off1");
    CHECK(forced["status"] == "ok");
    auto checkins = model::CheckinRepository(f.store).forPosition(102);
    REQUIRE(checkins.size() == 1);
    CHECK(model::formatTimestamp(checkins[0].datetime) == "2026-07-01T18:04:00Z");

    auto incomplete = f.redeem("secret=workshopsecret01&questions_supported=true");
    CHECK(incomplete["status"] == "incomplete");
    REQUIRE(incomplete["questions"].size() == 1);
    CHECK(incomplete["questions"][0]["question"] == "Shirt size");
    CHECK(incomplete["questions"][0]["options"][1]["answer"] == "L");
    auto answered = f.redeem("secret=workshopsecret01&questions_supported=true&answer_4=10");
    CHECK(answered["status"] == "ok");
    CHECK(answered["data"]["attention"] == true);
    auto addon = f.redeem("secret=parentsecret0001");
    CHECK(addon["data"]["attendee_name"] == "Ivo Invoice");
    CHECK(addon["data"]["addons_text"] == "T-Shirt – M");
}

TEST_CASE("pretixdroid: search needs 4 characters and returns at most 25", "[pretixdroid]") {
    DroidFixture f;
    test::addBulkOrders(f.store, f.ids.eventId, 40);
    auto search = [&](const std::string& q) {
        auto r = f.client->Get((f.url("search") + "&query=" + q).c_str());
        REQUIRE(r->status == 200);
        return nlohmann::json::parse(r->body);
    };
    CHECK(search("mar")["results"].empty());
    auto mara = search("mara");
    REQUIRE(mara["results"].size() == 1);
    CHECK(mara["results"][0]["secret"] == "paidsecret0001");
    CHECK(mara["results"][0]["redeemed"] == false);
    CHECK(search("bulk%20person")["results"].size() == 25);
    CHECK(search("PEND1")["results"].size() == 1);  // all order states, flagged by "paid"
    CHECK(search("PEND1")["results"][0]["paid"] == false);
}

TEST_CASE("pretixdroid: download and status", "[pretixdroid]") {
    DroidFixture f;
    f.redeem("secret=paidsecret0001");
    auto d = nlohmann::json::parse(f.client->Get(f.url("download").c_str())->body);
    CHECK(d["version"] == 3);
    CHECK(d["results"].size() == 5);  // paid positions on the scanner list
    bool sawRedeemed = false;
    for (const auto& row : d["results"]) {
        if (row["secret"] == "paidsecret0001") {
            sawRedeemed = row["redeemed"] == true;
        }
    }
    CHECK(sawRedeemed);
    REQUIRE(d["questions"].size() == 1);
    CHECK(d["questions"][0]["items"] == nlohmann::json::array({DemoIds::kWorkshop}));

    auto s = nlohmann::json::parse(f.client->Get(f.url("status").c_str())->body);
    CHECK(s["version"] == 3);
    CHECK(s["checkins"] == 1);
    CHECK(s["total"] == 5);
    CHECK(s["event"]["name"] == "Summer Fest");
    CHECK(s["event"]["list"] == "Main entrance");
    CHECK(s["items"][1]["variations"][0]["name"] == "M");
}

TEST_CASE("pretixdroid: download lists a pending ticket with paid false when the list includes pending orders",
          "[pretixdroid]") {
    DroidFixture f;
    auto secrets = [&] {
        std::map<std::string, nlohmann::json> out;
        const auto d = nlohmann::json::parse(f.client->Get(f.url("download").c_str())->body);
        for (const auto& row : d["results"]) {
            out[row["secret"]] = row;
        }
        return out;
    };
    CHECK(secrets().count("pendingsecret001") == 0);
    f.store.db().exec("UPDATE checkin_list SET include_pending = 1 WHERE id = 1");
    auto rows = secrets();
    CHECK(rows.size() == 7);  // the 5 paid positions and those of PEND1 and PENDS
    REQUIRE(rows.count("pendingsecret001") == 1);
    CHECK(rows["pendingsecret001"]["paid"] == false);
    CHECK(rows["pendingsecret001"]["checkin_allowed"] == true);
    CHECK(rows["paidsecret0001"]["paid"] == true);
    CHECK(rows.count("canceledsecret01") == 0);
}

TEST_CASE("pretixdroid: an event without lists gets one for all products", "[pretixdroid]") {
    DroidFixture f;
    const std::string key = f.otherToken;
    auto r = f.client->Post(("/pretixdroid/api/demo/other/redeem/?key=" + key).c_str(), "secret=othersecret00001",
                            "application/x-www-form-urlencoded");
    REQUIRE(r->status == 200);
    CHECK(nlohmann::json::parse(r->body)["status"] == "ok");
    auto lists = model::CheckinRepository(f.store).lists(f.ids.otherEventId);
    REQUIRE(lists.size() == 1);
    CHECK(lists[0].allProducts);
    CHECK(lists[0].checkinCount == 1);
}
