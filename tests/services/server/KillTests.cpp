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
#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"

using namespace boxoffice;

namespace {

int freePort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(s);
    return ntohs(addr.sin_port);
}

// The real boxoffice-cli serve as a child process; killed with SIGKILL when the object goes.
class ServeProcess {
public:
    ServeProcess(const std::filesystem::path& db, int port) : m_port(port) {
        const auto exe = (test::binaryDir() / "apps" / "boxoffice-cli").string();
        const std::string listen = "127.0.0.1:" + std::to_string(port);
        const std::string dbArg = db.string();
        m_pid = ::fork();
        if (m_pid == 0) {
            const int devnull = ::open("/dev/null", O_WRONLY);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            ::execl(exe.c_str(), exe.c_str(), "--db", dbArg.c_str(), "serve", "--listen", listen.c_str(), "--quiet",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
    }
    ~ServeProcess() { kill9(); }
    bool waitReady() {
        httplib::Client c("127.0.0.1", m_port);
        for (int i = 0; i < 200; ++i) {  // up to 10 s
            if (auto r = c.Get("/healthz"); r && r->status == 200) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }
    void kill9() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }
    void terminate() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            int status = 0;
            ::waitpid(m_pid, &status, 0);
            m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            m_pid = -1;
        }
    }
    int exitCode() const { return m_exit; }

private:
    int m_port;
    pid_t m_pid = -1;
    int m_exit = -1;
};

}  // namespace

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
