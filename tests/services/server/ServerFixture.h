// A LAN server on an ephemeral loopback port over the demo data, with an httplib client and
// tokens for demo/fest and demo/other. Stopped when the fixture goes away.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../checkin/DemoData.h"
#include "TestSupport.h"
#include "boxoffice/server/Server.h"

namespace boxoffice::test {

struct ServerFixture {
    explicit ServerFixture(std::vector<std::shared_ptr<server::Plugin>> plugins = {})
        : store(dir / "box.sqlite"), ids(createDemoData(store)), token(createEventToken(store, "fest")),
          otherToken(createEventToken(store, "other")) {
        server::ServerOptions o;
        o.database = dir / "box.sqlite";
        o.port = 0;
        o.threads = 24;
        o.maxBodyBytes = 64 * 1024;
        srv = std::make_unique<server::Server>(o, std::move(plugins));
        auto started = srv->start();
        REQUIRE(started.ok());
        port = started.value();
        client = std::make_unique<httplib::Client>("127.0.0.1", port);
        client->set_read_timeout(10, 0);
    }
    ~ServerFixture() { srv->stop(); }

    httplib::Headers auth(const std::string& t) const { return {{"Authorization", "Token " + t}}; }
    httplib::Headers auth() const { return auth(token); }
    std::string api(const std::string& rest = "") const { return "/api/v1/organizers/demo/events/fest/" + rest; }

    httplib::Result get(const std::string& path) { return client->Get(path.c_str(), auth()); }
    httplib::Result postJson(const std::string& path, const std::string& body) {
        return client->Post(path.c_str(), auth(), body, "application/json");
    }
    static nlohmann::json json(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

    TempDir dir;
    model::Store store;
    DemoIds ids;
    std::string token;
    std::string otherToken;
    std::unique_ptr<server::Server> srv;
    int port = 0;
    std::unique_ptr<httplib::Client> client;
};

}  // namespace boxoffice::test
