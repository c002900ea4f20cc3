// A scanner client written from shared/spec/pretixscan-devices.md (what pretixSCAN sends and how
// it reads each answer), not from the server's code, replaying the app's sequence against the
// real `boxoffice-cli serve` over loopback: setup from the QR payload `device pair` prints, event
// and list pick, full sync (orders paged, X-Page-Generated), online scans through the check-in
// RPC, an incremental sync that sees another device's check-in, offline scans uploaded through
// the per-list redeem (a replayed nonce admits once), and revocation.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "../checkin/DemoData.h"
#include "ServeProcess.h"
#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"

using namespace boxoffice;
using nlohmann::json;

namespace {

// How the app classifies an answer (spec §1.1), in its order.
enum class Outcome { Transport, ServerError, NotFoundPlain, NotModified, Forbidden, Conflict, Final, Revoked, Data };

struct Answer {
    Outcome outcome = Outcome::Transport;
    int status = 0;
    json body;  // Data only; a top-level array is wrapped as {"content": [...]}
    std::string pageGenerated;
};

// java.net.URLEncoder: letters, digits and ".-*_" stay, space becomes "+", the rest %XX.
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
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

class SpecScanner {
public:
    // §2.1: the QR payload as the setup screen validates it.
    static std::optional<SpecScanner> fromQr(const std::string& payload) {
        auto qr = json::parse(payload, nullptr, false);
        if (!qr.is_object() || qr.contains("version") || !qr.contains("handshake_version") ||
            qr["handshake_version"].get<int>() > 1 || !qr.contains("url") || !qr.contains("token")) {
            return std::nullopt;
        }
        SpecScanner s;
        s.m_url = qr["url"].get<std::string>();
        s.m_setupToken = qr["token"].get<std::string>();
        const auto hostStart = s.m_url.find("://") + 3;
        const auto colon = s.m_url.rfind(':');
        s.m_client = std::make_unique<httplib::Client>(s.m_url.substr(hostStart, colon - hostStart),
                                                       std::stoi(s.m_url.substr(colon + 1)));
        s.m_client->set_read_timeout(30, 0);
        s.m_client->set_url_encode(false);  // URLs go out as built (URLEncoder's "+" for a space)
        return s;
    }

    // §2.2: initialize is built by concatenation and sent without Authorization.
    bool initialize() {
        const json body = {{"token", m_setupToken}, {"hardware_brand", "Google"}, {"hardware_model", "Pixel 7"},
                           {"os_name", "Android"}, {"os_version", "14"}, {"software_brand", "pretixSCAN Android"},
                           {"software_version", "3.3.4"}};
        auto res = m_client->Post(pathOf(m_url + "/api/v1/device/initialize").c_str(), body.dump(), "application/json");
        if (!res || res->status == 400 || res->status >= 500) {
            return false;
        }
        auto j = json::parse(res->body);
        m_apiToken = j.at("api_token").get<std::string>();
        m_organizer = j.at("organizer").get<std::string>();
        m_deviceId = j.at("device_id").get<std::int64_t>();
        CHECK_NOTHROW(j.at("unique_serial").get<std::string>());
        m_profile = j.value("security_profile", "full");
        return true;
    }
    Answer initializeAgain() {
        auto res = m_client->Post("/api/v1/device/initialize", json{{"token", m_setupToken}}.dump(), "application/json");
        return classify(res);
    }

    Answer get(const std::string& pathOrUrl, const httplib::Headers& extra = {}) {
        auto headers = auth();
        headers.insert(extra.begin(), extra.end());
        return classify(m_client->Get(pathOf(pathOrUrl).c_str(), headers));
    }
    Answer post(const std::string& path, const json& body, const httplib::Headers& extra = {}) {
        auto headers = auth();
        headers.insert(extra.begin(), extra.end());
        return classify(m_client->Post(path.c_str(), headers, body.dump(), "application/json; charset=utf-8"));
    }

    // A list resource: `next` followed verbatim; every page needs count and results (§3.3).
    std::vector<json> list(const std::string& path, std::string* pageGenerated = nullptr, int maxPages = 1000) {
        std::vector<json> rows;
        std::string next = path;
        for (int page = 0; page < maxPages && !next.empty(); ++page) {
            auto a = get(next);
            REQUIRE(a.outcome == Outcome::Data);
            REQUIRE(a.body.at("count").is_number_integer());
            REQUIRE(a.body.at("results").is_array());
            if (page == 0 && pageGenerated) {
                *pageGenerated = a.pageGenerated;
            }
            for (auto& r : a.body["results"]) {
                rows.push_back(r);
            }
            const auto& n = a.body.at("next");
            REQUIRE((n.is_null() || (n.is_string() && n.get<std::string>().rfind("http", 0) == 0)));
            next = n.is_null() ? "" : n.get<std::string>();
        }
        return rows;
    }

    std::string org(const std::string& rest) const { return "/api/v1/organizers/" + m_organizer + "/" + rest; }
    std::string event(const std::string& e, const std::string& rest) const { return org("events/" + e + "/" + rest); }
    std::int64_t deviceId() const { return m_deviceId; }
    const std::string& profile() const { return m_profile; }

private:
    httplib::Headers auth() const { return {{"Authorization", "Device " + m_apiToken}, {"Accept-Encoding", "gzip"}}; }

    // Absolute URLs are fetched as the path (and query) after the host.
    std::string pathOf(const std::string& url) const {
        if (url.rfind("http", 0) != 0) {
            return url;
        }
        return url.substr(url.find('/', url.find("://") + 3));
    }

    static Answer classify(const httplib::Result& res) {
        Answer a;
        if (!res) {
            return a;
        }
        a.status = res->status;
        a.pageGenerated = res->get_header_value("X-Page-Generated");
        const std::string& body = res->body;
        if (a.status >= 500) {
            a.outcome = Outcome::ServerError;
        } else if (a.status == 404 && body.rfind('{', 0) != 0) {
            a.outcome = Outcome::NotFoundPlain;
        } else if (a.status == 304) {
            a.outcome = Outcome::NotModified;
        } else if (a.status == 403) {
            a.outcome = Outcome::Forbidden;
        } else if (a.status == 409) {
            a.outcome = Outcome::Conflict;
        } else if (a.status >= 405 && a.status <= 499) {
            a.outcome = Outcome::Final;
        } else if (a.status == 401 && body.rfind('{', 0) == 0 &&
                   json::parse(body).value("detail", "") == "Device access has been revoked.") {
            a.outcome = Outcome::Revoked;
        } else {
            a.outcome = Outcome::Data;
            if (a.status != 204) {
                auto j = json::parse(body, nullptr, false);
                REQUIRE_FALSE(j.is_discarded());
                a.body = j.is_array() ? json{{"content", j}} : j;
            }
        }
        return a;
    }

    SpecScanner() = default;

public:
    SpecScanner(SpecScanner&&) = default;

private:
    std::string m_url;
    std::string m_setupToken;
    std::string m_apiToken;
    std::string m_organizer;
    std::int64_t m_deviceId = 0;
    std::string m_profile;
    std::unique_ptr<httplib::Client> m_client;
};

// What the app keeps of the orders: by code, positions' check-ins replaced by what arrives.
struct LocalOrders {
    std::map<std::string, json> byCode;
    void merge(const std::vector<json>& orders, const std::set<std::int64_t>& items) {
        for (const auto& o : orders) {
            const std::string status = o.at("status");
            REQUIRE(std::string("npec").find(status) != std::string::npos);
            for (const auto& p : o.at("positions")) {
                CHECK_NOTHROW(p.at("id").get<std::int64_t>());
                CHECK_NOTHROW(p.at("positionid").get<std::int64_t>());
                REQUIRE(items.count(p.at("item").get<std::int64_t>()) == 1);
                REQUIRE(p.at("checkins").is_array());
                for (const auto& c : p["checkins"]) {
                    CHECK_NOTHROW(c.at("list").get<std::int64_t>());
                    CHECK_NOTHROW(c.at("datetime").get<std::string>());
                }
                // "blocked": anything present and non-null blocks the ticket offline (§7).
                REQUIRE((!p.contains("blocked") || p["blocked"].is_null()));
            }
            byCode[o.at("code")] = o;
        }
    }
    // The check-ins the device knows of for a secret on a list.
    std::size_t checkins(const std::string& secret, std::int64_t list) const {
        for (const auto& [code, o] : byCode) {
            for (const auto& p : o["positions"]) {
                if (p.value("secret", "") == secret) {
                    std::size_t n = 0;
                    for (const auto& c : p["checkins"]) {
                        n += c["list"] == list ? 1U : 0U;
                    }
                    return n;
                }
            }
        }
        return 0;
    }
};

std::string lastLine(const std::string& out) {
    auto end = out.find_last_not_of('\n');
    auto begin = out.rfind('\n', end);
    return out.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

std::string pairByCli(const std::filesystem::path& db, int port, const std::string& gate, const std::vector<std::string>& lists) {
    std::vector<std::string> argv = {(test::binaryDir() / "apps" / "boxoffice-cli").string(), "--db", db.string(),
                                     "device", "pair", "--organizer", "demo", "--event", "fest", "--gate", gate,
                                     "--url", "http://127.0.0.1:" + std::to_string(port)};
    for (const auto& l : lists) {
        argv.push_back("--list");
        argv.push_back(l);
    }
    auto r = test::run(argv);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("\u2588") != std::string::npos);  // the QR code in half blocks
    return lastLine(r.out);
}

}  // namespace

TEST_CASE("The spec's scanner client runs pretixSCAN's sequence against boxoffice-cli serve", "[server][devices][process]") {
    test::TempDir dir;
    const auto db = dir / "box.sqlite";
    {
        model::Store store(db);
        const auto ids = test::createDemoData(store);
        test::addBulkOrders(store, ids.eventId, 120);  // 127 orders: three pages
    }
    const int port = test::freePort();
    const auto payloadA = pairByCli(db, port, "Gate A", {"1"});
    const auto payloadB = pairByCli(db, port, "Gate B", {});
    test::ServeProcess server(db, port);
    REQUIRE(server.waitReady());

    // Setup.
    auto a = SpecScanner::fromQr(payloadA);
    auto b = SpecScanner::fromQr(payloadB);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(a->initialize());
    REQUIRE(b->initialize());
    CHECK(a->profile() == "pretixscan");  // offline-capable: orders are synced
    auto replay = a->initializeAgain();
    CHECK(replay.status == 400);

    // Download pass, part 1: the version switches the app to the check-in RPC.
    auto info = a->get("/api/v1/device/info");
    REQUIRE(info.outcome == Outcome::Data);
    CHECK_NOTHROW(info.body.at("device").at("name").get<std::string>());
    CHECK(info.body.at("server").at("version").at("pretix_numeric").get<std::int64_t>() >= 40120001001);

    // Event picker.
    const auto events = a->list(a->org("events/?ends_after=" + urlEncode("2026-06-30T00:00:00.000+02:00") +
                                       "&ordering=date_from"),
                                nullptr, 5);
    REQUIRE(events.size() == 1);
    CHECK(events[0].at("slug") == "fest");
    CHECK(events[0].at("name").is_object());
    CHECK_NOTHROW(events[0].at("live").get<bool>());
    a->list(a->org("subevents/?ends_after=" + urlEncode("2026-06-30T00:00:00.000+02:00") +
                   "&ordering=date_from&active=true"),
            nullptr, 5);

    // Minimal sync of the event, then the list pick.
    const std::string e = "fest";
    auto ev = a->get(a->event(e, ""));
    REQUIRE(ev.outcome == Outcome::Data);
    for (const char* key : {"slug", "currency", "date_from"}) {
        CHECK_NOTHROW(ev.body.at(key).get<std::string>());
    }
    CHECK_NOTHROW(ev.body.at("has_subevents").get<bool>());
    CHECK(ev.body.at("seat_category_mapping").is_object());
    a->list(a->org("subevents/"));
    for (const auto& c : a->list(a->event(e, "categories/"))) {
        CHECK_NOTHROW(c.at("id").get<std::int64_t>());
        CHECK(c.at("name").is_object());
    }
    std::set<std::int64_t> items;
    for (const auto& i : a->list(a->event(e, "items/"))) {
        items.insert(i.at("id").get<std::int64_t>());
        CHECK_NOTHROW(i.at("position").get<std::int64_t>());
        CHECK(i.at("name").is_object());
        for (const char* key : {"variations", "bundles", "addons"}) {
            CHECK(i.at(key).is_array());
        }
        for (const auto& v : i["variations"]) {
            CHECK_NOTHROW(v.at("price").get<std::string>());
        }
    }
    for (const auto& q : a->list(a->event(e, "questions/"))) {
        CHECK(q.at("items").is_array());
    }
    a->list(a->event(e, "badgelayouts/"));
    a->list(a->event(e, "badgeitems/"));
    const auto lists = a->list(a->event(e, "checkinlists/?exclude=checkin_count&exclude=position_count"));
    REQUIRE(lists.size() == 1);  // Gate A scans on list 1 only
    const std::int64_t list = lists[0].at("id");
    CHECK(lists[0].at("limit_products").is_array());
    for (const char* resource : {"revokedsecrets/", "blockedsecrets/"}) {
        auto r = a->get(a->event(e, resource));
        CHECK((r.outcome == Outcome::Data || r.outcome == Outcome::NotFoundPlain));
    }
    CHECK(a->get(a->org("reusablemedia/")).outcome == Outcome::NotFoundPlain);  // tolerated
    auto settings = a->get(a->event(e, "settings/"));
    CHECK(settings.outcome == Outcome::Data);

    // Full order sync.
    const std::string ordersQuery = "orders/?testmode=false&exclude=downloads&exclude=payment_date"
                                    "&exclude=payment_provider&exclude=fees&exclude=positions.downloads"
                                    "&exclude=payments&exclude=refunds";
    LocalOrders local;
    std::string generated;
    local.merge(a->list(a->event(e, ordersQuery), &generated), items);
    CHECK(local.byCode.size() == 127);
    REQUIRE_FALSE(generated.empty());
    CHECK(local.checkins("paidsecret0001", list) == 0);

    // Online scans through the RPC.
    int scans = 0;  // a fresh nonce per request, as the app makes them
    auto scan = [&](SpecScanner& s, const std::string& secret, std::int64_t onList) {
        ++scans;
        return s.post("/api/v1/organizers/demo/checkinrpc/redeem/?expand=answers.question",
                      {{"force", false}, {"ignore_unpaid", false}, {"nonce", "n" + std::to_string(scans) + secret},
                       {"type", "entry"}, {"source_type", "barcode"}, {"answers", json::object()},
                       {"questions_supported", true}, {"canceled_supported", true}, {"use_order_locale", false},
                       {"secret", secret}, {"lists", {onList}}});
    };
    auto valid = scan(*a, "bulk1", list);
    REQUIRE(valid.outcome == Outcome::Data);
    CHECK(valid.status == 201);
    CHECK(valid.body.at("status") == "ok");
    CHECK_NOTHROW(valid.body.at("list").at("event").get<std::string>());
    CHECK_NOTHROW(valid.body.at("position").at("item").get<std::int64_t>());
    auto usedAgain = scan(*a, "bulk1", list);
    CHECK(usedAgain.body.at("status") == "error");
    CHECK(usedAgain.body.at("reason") == "already_redeemed");
    auto invalid = scan(*a, "no-such-ticket", list);
    CHECK(invalid.status == 404);
    CHECK(invalid.outcome == Outcome::Data);  // a JSON 404: INVALID
    auto search = a->get("/api/v1/organizers/demo/checkinrpc/search/?ignore_status=true&page=1&search=" +
                         urlEncode("Mara Lind") + "&list=" + std::to_string(list));
    REQUIRE(search.outcome == Outcome::Data);
    INFO(search.body.dump());
    REQUIRE(search.body.at("results").size() == 1);
    CHECK_NOTHROW(search.body["results"][0].at("item").get<std::int64_t>());

    // Another device admits a ticket; the incremental sync brings it to device A.
    auto other = scan(*b, "paidsecret0001", list);
    CHECK(other.status == 201);
    const auto changed = a->list(a->event(e, ordersQuery + "&ordering=-last_modified&modified_since=" + urlEncode(generated)));
    bool seen = false;
    for (const auto& o : changed) {
        seen = seen || o.at("code") == "PAID1";
    }
    CHECK(seen);
    local.merge(changed, items);
    CHECK(local.checkins("paidsecret0001", list) == 1);  // offline, A now refuses it as used
    CHECK(local.checkins("bulk1", list) == 1);

    // Offline scans uploaded through the per-list redeem, forced, with their nonce and time.
    const json upload = {{"datetime", "2026-07-01T18:04:33Z"}, {"force", true}, {"ignore_unpaid", false},
                         {"nonce", "4fk2j9q0s8l1m3n5b7v6c2x1z"}, {"type", "entry"}, {"source_type", "barcode"},
                         {"answers", json::object()}, {"questions_supported", false}, {"canceled_supported", true},
                         {"use_order_locale", false}};
    const std::string uploadPath = a->event(e, "checkinlists/" + std::to_string(list) + "/positions/bulk2/redeem/");
    auto first = a->post(uploadPath, upload);
    REQUIRE(first.outcome == Outcome::Data);
    CHECK(first.body.at("status") == "ok");  // removed from the queue
    auto lostAnswer = a->post(uploadPath, upload);
    CHECK(lostAnswer.body.at("status") == "ok");
    // A scan admitted offline although another gate had used the ticket: still recorded.
    json late = upload;
    late["nonce"] = "second-nonce";
    auto forced = a->post(a->event(e, "checkinlists/" + std::to_string(list) + "/positions/paidsecret0001/redeem/"), late);
    CHECK(forced.body.at("status") == "ok");
    auto failed = a->post(a->event(e, "checkinlists/" + std::to_string(list) + "/failed_checkins/"),
                          {{"datetime", "2026-07-01T18:07:02Z"}, {"raw_barcode", "bulk1"}, {"type", "entry"},
                           {"error_reason", "already_redeemed"}, {"position", 1}, {"item", 11}},
                          {{"X-Idempotency-Key", "k1"}});
    CHECK((failed.outcome == Outcome::Data || failed.outcome == Outcome::NotFoundPlain));
    {
        model::Store store(db);
        model::CheckinRepository checkins(store);
        const int bulk2 = store.db()
                              .execAndGet("SELECT count(*) FROM checkin c JOIN order_position p ON p.id = c.position_id "
                                          "WHERE p.secret = 'bulk2'")
                              .getInt();
        CHECK(bulk2 == 1);  // the replayed nonce admitted once
        CHECK(checkins.forPosition(test::DemoIds::kPaidPosition).size() == 2);
    }

    // Revocation: B by the box office (CLI, another process), A by the app itself.
    auto listed = test::run({(test::binaryDir() / "apps" / "boxoffice-cli").string(), "--db", db.string(), "device", "list"});
    REQUIRE(listed.exitCode == 0);
    CHECK(listed.out.find("Gate B scanner") != std::string::npos);
    CHECK(listed.out.find("pretixSCAN Android 3.3.4") != std::string::npos);
    auto revokeB = test::run({(test::binaryDir() / "apps" / "boxoffice-cli").string(), "--db", db.string(), "device",
                              "revoke", std::to_string(b->deviceId())});
    REQUIRE(revokeB.exitCode == 0);
    CHECK(a->post("/api/v1/device/revoke", json::object()).outcome == Outcome::Data);
    for (auto* s : {&*a, &*b}) {
        for (const std::string& path : {std::string("/api/v1/device/info"), std::string("/api/v1/version"),
                                        s->org("events/"), s->org("subevents/"), s->event(e, ""), s->event(e, "items/"),
                                        s->event(e, "checkinlists/"), s->event(e, ordersQuery)}) {
            INFO(path);
            CHECK(s->get(path).outcome == Outcome::Revoked);
        }
        CHECK(scan(*s, "bulk3", list).outcome == Outcome::Revoked);
        CHECK(s->post(uploadPath, upload).outcome == Outcome::Revoked);
    }
}
