// Desk orders uploaded to the remote with POST orders/ (the project's own server as the remote,
// through the fault proxy): each arrives once and takes the remote's IDs, a lost answer does not
// make a second remote order, and a refusal is a conflict kept for a person.
#include <catch2/catch.hpp>

#include <set>

#include "../sales/SpringConcert.h"
#include "FaultProxy.h"
#include "TestSupport.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/OrderUploadRepository.h"
#include "boxoffice/sales/EventSetup.h"
#include "boxoffice/sales/Sale.h"
#include "boxoffice/sales/Shifts.h"
#include "boxoffice/server/Server.h"
#include "boxoffice/sync/Inbox.h"
#include "boxoffice/sync/SyncEngine.h"

using namespace boxoffice;
using model::Id;

namespace {

// A remote box office selling the Spring Concert, and a local one that pulled it and sells at its
// own desk (with its own quota, as quotas are not pulled).
struct DeskSync {
    explicit DeskSync(std::int64_t remoteSeats = 120)
        : remoteStore(dir / "remote.sqlite"), concert(test::setUpSpringConcert(remoteStore, remoteSeats)),
          local(dir / "local.sqlite") {
        {
            model::Store::Transaction tx(remoteStore);
            auto t = auth::createToken(remoteStore, "desk upload", "music-club", "spring-concert");
            REQUIRE(t.ok());
            token = t->secret;
            tx.commit();
        }
        server::ServerOptions o;
        o.database = dir / "remote.sqlite";
        o.port = 0;
        o.threads = 4;
        server = std::make_unique<server::Server>(o);
        auto started = server->start();
        REQUIRE(started.ok());
        proxy = std::make_unique<test::FaultProxy>(started.value());
        remote.url = proxy->url();
        remote.organizer = "music-club";
        remote.eventSlug = "spring-concert";
        remote.tokenLocation = "test";
        {
            model::Store::Transaction tx(local);
            model::SyncRepository(local).saveRemote(remote);
            tx.commit();
        }
        auto pulled = engine()->pull();
        REQUIRE(pulled.ok());
        eventId = model::EventRepository(local).eventBySlug("music-club", "spring-concert")->id;
        model::Quota hall;
        hall.eventId = eventId;
        hall.name = "Desk seats";
        hall.size = 50;
        hall.items = {concert.regular, concert.reduced, concert.guest};
        REQUIRE(sales::saveQuota(local, hall).ok());
        shift = sales::startShift(local, eventId, "Bob")->id;
    }
    ~DeskSync() {
        proxy.reset();
        server->stop();
    }

    std::unique_ptr<sync::SyncEngine> engine(int maxAttempts = 4) {
        sync::EngineOptions o;
        o.http.token = token;
        o.retry.maxAttempts = maxAttempts;
        o.retry.base = std::chrono::milliseconds(10);
        o.retry.cap = std::chrono::milliseconds(50);
        o.retry.queueCap = std::chrono::milliseconds(0);
        auto current = model::SyncRepository(local).remote(remote.id);
        return std::make_unique<sync::SyncEngine>(local, current.value_or(remote), o);
    }

    model::Order sell(const std::string& name) {
        sales::SaleRequest r;
        r.eventId = eventId;
        r.shiftId = shift;
        auto p = test::ticket(concert, concert.regular);
        p.attendeeName = name;
        r.positions = {p, test::ticket(concert, concert.reduced)};
        r.cashGiven = model::Money::fromMinor(25'00);
        auto sale = sales::sell(local, r);
        REQUIRE(sale.ok());
        return sale->order;
    }

    std::int64_t remoteOrders() { return model::OrderRepository(remoteStore).count(concert.eventId, {}); }

    test::TempDir dir;
    model::Store remoteStore;
    test::SpringConcert concert;
    model::Store local;
    std::string token;
    std::unique_ptr<server::Server> server;
    std::unique_ptr<test::FaultProxy> proxy;
    model::SyncRemote remote;
    Id eventId = 0;
    Id shift = 0;
};

std::set<std::string> secrets(const model::Order& o) {
    std::set<std::string> out;
    for (const auto& p : o.positions) {
        out.insert(p.secret);
    }
    return out;
}

}  // namespace

TEST_CASE("Desk orders reach the remote once each and take its position IDs", "[sync][desk-orders]") {
    DeskSync f;
    const auto first = f.sell("Clara Schumann");
    const auto second = f.sell("Robert Schumann");
    CHECK(f.remoteOrders() == 0);

    auto synced = f.engine()->syncOnce();
    REQUIRE(synced.ok());
    CHECK(synced->pushed.ordersUploaded == 2);
    CHECK(synced->pushed.orderConflicts == 0);
    CHECK(synced->pushed.ordersRemaining == 0);
    CHECK(f.remoteOrders() == 2);
    CHECK(f.proxy->countSeen("/orders/") >= 2);

    model::OrderRepository here(f.local);
    model::OrderRepository there(f.remoteStore);
    for (const auto& sold : {first, second}) {
        auto remote = there.byCode(f.concert.eventId, sold.code);
        REQUIRE(remote);
        CHECK(secrets(*remote) == secrets(sold));
        CHECK(remote->salesChannel == "box_office");
        CHECK(remote->paymentProvider == "box_office_cash");
        CHECK(remote->status == model::OrderStatus::Paid);
        CHECK(model::formatTimestamp(remote->datetime) == model::formatTimestamp(sold.datetime));
        auto local = here.byCode(f.eventId, sold.code);
        REQUIRE(local);
        REQUIRE(local->positions.size() == remote->positions.size());
        for (std::size_t i = 0; i < local->positions.size(); ++i) {
            CHECK(local->positions[i].id == remote->positions[i].id);
            CHECK(local->positions[i].secret == remote->positions[i].secret);
        }
        CHECK(model::OrderUploadRepository(f.local).byOrder(local->id)->state == model::UploadState::Uploaded);
        // The desk's automatic check-in on the main list went up after its order, once.
        CHECK(model::CheckinRepository(f.remoteStore).forPosition(remote->positions[0].id, f.concert.mainList).size() ==
              1);
    }
    // The pull in between saw the same orders: nothing doubled here.
    CHECK(here.count(f.eventId, {}) == 2);

    f.proxy->clearSeen();
    auto again = f.engine()->syncOnce();
    REQUIRE(again.ok());
    CHECK(again->pushed.ordersUploaded == 0);
    CHECK(f.proxy->countSeen("orders/", test::Fault::None) >= 1);  // the pull's GET only
    for (const auto& seen : f.proxy->seen()) {
        CHECK_FALSE((seen.method == "POST" && seen.target.find("/orders/") != std::string::npos));
    }
    CHECK(f.remoteOrders() == 2);
    CHECK(here.count(f.eventId, {}) == 2);
}

TEST_CASE("A lost answer to an order's upload does not make a second remote order", "[sync][desk-orders]") {
    DeskSync f;
    const auto sold = f.sell("Clara Schumann");
    // The remote creates the order, the answer never arrives; the whole pass fails.
    f.proxy->addRule({"/orders/", "POST", test::Fault::DropAfterForward, 1});
    f.proxy->addRule({"/orders/" + sold.code + "/", "GET", test::Fault::Drop, -1});
    auto failed = f.engine(2)->push();
    CHECK_FALSE(failed.ok());
    CHECK(f.remoteOrders() == 1);
    CHECK(model::OrderUploadRepository(f.local).byOrder(sold.id)->state == model::UploadState::Sent);

    // Once the remote answers again, the order is found there and taken as uploaded.
    f.proxy->clearRules();
    f.proxy->clearSeen();
    auto synced = f.engine()->syncOnce();
    REQUIRE(synced.ok());
    CHECK(synced->pushed.ordersUploaded == 1);
    CHECK(f.remoteOrders() == 1);
    CHECK(f.proxy->countSeen("/orders/" + sold.code + "/") >= 1);
    auto remote = model::OrderRepository(f.remoteStore).byCode(f.concert.eventId, sold.code);
    auto local = model::OrderRepository(f.local).byCode(f.eventId, sold.code);
    REQUIRE(remote);
    REQUIRE(local);
    CHECK(local->positions.front().id == remote->positions.front().id);
    CHECK(model::OrderRepository(f.local).count(f.eventId, {}) == 1);
}

TEST_CASE("A lost answer followed by a second POST is recognised by the order code", "[sync][desk-orders]") {
    DeskSync f;
    const auto sold = f.sell("Clara Schumann");
    // The answer is lost; the look-up says nothing either, and the retry's POST meets our own code.
    f.proxy->addRule({"/orders/", "POST", test::Fault::DropAfterForward, 1});
    auto synced = f.engine()->push();
    REQUIRE(synced.ok());
    CHECK(synced->ordersUploaded == 1);
    CHECK(f.remoteOrders() == 1);
    CHECK(model::OrderUploadRepository(f.local).byOrder(sold.id)->state == model::UploadState::Uploaded);
}

TEST_CASE("An order the remote refuses is a conflict and stays here as sold", "[sync][desk-orders]") {
    DeskSync f(1);  // the remote has one seat left
    const auto sold = f.sell("Clara Schumann");  // two tickets
    auto synced = f.engine()->syncOnce();
    REQUIRE(synced.ok());
    CHECK(synced->pushed.orderConflicts == 1);
    CHECK(f.remoteOrders() == 0);
    auto conflicts = sync::orderConflicts(f.local, f.eventId);
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].orderCode == sold.code);
    CHECK(conflicts[0].httpStatus == 400);
    CHECK_THAT(conflicts[0].reason, Catch::Contains("There is not enough quota available on quota"));
    CHECK(sync::SyncEngine::status(f.local, f.remote.id).conflicts >= 1);
    auto local = model::OrderRepository(f.local).byCode(f.eventId, sold.code);
    REQUIRE(local);
    CHECK(local->status == model::OrderStatus::Paid);
    // Its check-ins wait with it instead of being refused one by one.
    CHECK(synced->pushed.conflicts == 0);

    // Not retried by itself; retried by a person once the remote has room.
    auto quiet = f.engine()->push();
    REQUIRE(quiet.ok());
    CHECK(quiet->ordersUploaded + quiet->orderConflicts == 0);
    model::Quota bigger = model::EventRepository(f.remoteStore).quotas(f.concert.eventId).front();
    bigger.size = 10;
    REQUIRE(sales::saveQuota(f.remoteStore, bigger).ok());
    REQUIRE(sync::retryOrderConflict(f.local, sold.id).ok());
    auto retried = f.engine()->syncOnce();
    REQUIRE(retried.ok());
    CHECK(retried->pushed.ordersUploaded == 1);
    CHECK(f.remoteOrders() == 1);
    CHECK(sync::orderConflicts(f.local, f.eventId).empty());
    CHECK_FALSE(sync::retryOrderConflict(f.local, sold.id).ok());
}

TEST_CASE("An order for a product the remote deleted is a conflict that can be dismissed", "[sync][desk-orders]") {
    DeskSync f;
    const auto sold = f.sell("Clara Schumann");
    f.remoteStore.db().exec("DELETE FROM question_item WHERE item_id = " + std::to_string(f.concert.reduced));
    f.remoteStore.db().exec("DELETE FROM item WHERE id = " + std::to_string(f.concert.reduced));
    auto pushed = f.engine()->push();
    REQUIRE(pushed.ok());
    CHECK(pushed->orderConflicts == 1);
    auto conflicts = sync::orderConflicts(f.local, f.eventId);
    REQUIRE(conflicts.size() == 1);
    CHECK_THAT(conflicts[0].reason, Catch::Contains("Invalid pk"));
    REQUIRE(sync::dismissOrderConflict(f.local, sold.id).ok());
    CHECK(sync::orderConflicts(f.local, f.eventId).empty());
    CHECK(model::OrderRepository(f.local).byCode(f.eventId, sold.code));
}
