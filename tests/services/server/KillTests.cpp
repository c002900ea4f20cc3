// Durability with the real process: every check-in the server acknowledged survives kill -9.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "../checkin/DemoData.h"
#include "ServeProcess.h"
#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"

using namespace boxoffice;

using test::freePort;
using test::ServeProcess;

TEST_CASE("every acknowledged check-in survives kill -9 of the server", "[server][durability]") {
    test::TempDir dir;
    const auto db = dir / "box.sqlite";
    std::string token;
    model::Id eventId = 0;
    {
        model::Store store(db);
        eventId = test::createDemoData(store).eventId;
        test::addBulkOrders(store, eventId, 300);
        token = test::createEventToken(store, "fest");
    }
    const int port = freePort();
    int acknowledged = 0;
    {
        ServeProcess server(db, port);
        REQUIRE(server.waitReady());
        httplib::Client c("127.0.0.1", port);
        const httplib::Headers auth{{"Authorization", "Token " + token}};
        for (int i = 0; i < 300; ++i) {
            auto r = c.Post(("/api/v1/organizers/demo/events/fest/checkinlists/1/positions/bulk" + std::to_string(i) +
                             "/redeem/").c_str(),
                            auth, "{}", "application/json");
            if (r && r->status == 201) {
                ++acknowledged;
            }
        }
        server.kill9();  // no chance to flush or close anything
    }
    CHECK(acknowledged == 300);
    ServeProcess restarted(db, port);
    REQUIRE(restarted.waitReady());
    httplib::Client c("127.0.0.1", port);
    auto status = c.Get("/api/v1/organizers/demo/events/fest/checkinlists/1/status/",
                        httplib::Headers{{"Authorization", "Token " + token}});
    REQUIRE(status);
    REQUIRE(status->status == 200);
    CHECK(nlohmann::json::parse(status->body)["checkin_count"] == acknowledged);
    // A re-scan after the restart is refused: the check-in is really there.
    auto again = c.Post("/api/v1/organizers/demo/events/fest/checkinlists/1/positions/bulk7/redeem/",
                        httplib::Headers{{"Authorization", "Token " + token}}, "{}", "application/json");
    REQUIRE(again);
    CHECK(again->status == 400);
    restarted.terminate();  // SIGTERM: graceful stop with exit code 0
    CHECK(restarted.exitCode() == 0);
    model::Store store(db);
    CHECK(model::CheckinRepository(store).countForEvent(eventId) == acknowledged);
}

TEST_CASE("SIGTERM under load ends serve within 5 s, with every answered check-in committed",
          "[server][durability]") {
    test::TempDir dir;
    const auto db = dir / "box.sqlite";
    std::string token;
    model::Id eventId = 0;
    {
        model::Store store(db);
        eventId = test::createDemoData(store).eventId;
        test::addBulkOrders(store, eventId, 2000);
        token = test::createEventToken(store, "fest");
        // A ticket whose attendee name is 5 MB (an API client can send one): its PDF is rendered
        // while the server is told to stop.
        store.db().exec("UPDATE order_position SET attendee_name = 'Mara ' || printf('%.5000000c', 'x') WHERE id = " +
                        std::to_string(test::DemoIds::kPaidPosition));
    }
    const int port = freePort();
    ServeProcess server(db, port);
    REQUIRE(server.waitReady());
    const httplib::Headers auth{{"Authorization", "Token " + token}};

    std::atomic<int> acknowledged{0};
    std::atomic<int> next{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> gates;
    for (int g = 0; g < 4; ++g) {  // four gates redeeming distinct tickets, bounded by the 2,000 orders
        gates.emplace_back([&] {
            httplib::Client c("127.0.0.1", port);
            c.set_connection_timeout(2, 0);
            c.set_read_timeout(5, 0);
            for (int i = next++; i < 2000 && !stop; i = next++) {
                auto r = c.Post(("/api/v1/organizers/demo/events/fest/checkinlists/1/positions/bulk" +
                                 std::to_string(i) + "/redeem/").c_str(),
                                auth, "{}", "application/json");
                if (r && r->status == 201) {
                    ++acknowledged;
                }
            }
        });
    }
    std::thread render([&] {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(10, 0);
        (void)c.Get(("/api/v1/organizers/demo/events/fest/orderpositions/" +
                     std::to_string(test::DemoIds::kPaidPosition) + "/download/pdf/").c_str(),
                    auth);
    });
    while (acknowledged < 200) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const auto asked = std::chrono::steady_clock::now();
    server.terminate();
    const auto took = std::chrono::steady_clock::now() - asked;
    stop = true;
    for (auto& gate : gates) {
        gate.join();
    }
    render.join();
    CHECK(took < std::chrono::seconds(5));
    CHECK(server.exitCode() == 0);
    // Every answered check-in is in the store; one answered by the server but lost on its way
    // to the gate may be there too, never more than one per ticket.
    model::Store store(db);
    const auto stored = model::CheckinRepository(store).countForEvent(eventId);
    CHECK(stored >= acknowledged);
    CHECK(stored <= next);
}
