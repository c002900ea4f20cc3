// Pulling demo/fest from the project's own server through the fault proxy.
#include <catch2/catch.hpp>

#include <stop_token>
#include <thread>

#include "SyncFixture.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/OrderRepository.h"

using namespace boxoffice;
using test::DemoIds;
using test::Fault;
using test::FaultRule;
using test::SyncFixture;

namespace {

void changeEmail(model::Store& store, model::Id eventId, const std::string& code, const std::string& email) {
    model::OrderRepository orders(store);
    auto o = orders.byCode(eventId, code);
    REQUIRE(o);
    o->email = email;
    o->lastModified = model::now();
    model::Store::Transaction tx(store);
    orders.upsert(*o);
    tx.commit();
}

}  // namespace

TEST_CASE("A full pull equals the source, and the next pull asks only for changed orders") {
    SyncFixture f(120);
    // The orders were made a moment ago; the server's X-Page-Generated leaves a safety margin of a
    // few seconds, so age them first or the next pull would rightly fetch them all again.
    f.source.db().exec("UPDATE orders SET last_modified = last_modified - 3600000000");
    auto engine = f.engine();
    auto pulled = engine->pull();
    REQUIRE(pulled.ok());
    CHECK(pulled->full);
    CHECK(pulled->orders == static_cast<std::int64_t>(SyncFixture::snapshot(f.source)["orders"].size()));
    CHECK(pulled->pages >= 4);  // the orders alone span three pages of 50
    CHECK(SyncFixture::snapshot(f.local) == SyncFixture::snapshot(f.source));

    // The client identifies itself, authenticates with the token and accepts compressed answers.
    const auto seen = f.proxy->seen();
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.front().headers.at("authorization") == "Token " + f.token);
    CHECK(seen.front().headers.at("user-agent").starts_with("BoxOffice/"));
    CHECK(seen.front().headers.at("accept-encoding").find("gzip") != std::string::npos);

    auto stored = model::SyncRepository(f.local).remote(f.remote.id);
    REQUIRE(stored);
    REQUIRE(stored->ordersCursor);
    CHECK(stored->lastPull);
    CHECK(stored->online);

    for (int i = 0; i < 5; ++i) {
        changeEmail(f.source, f.ids.eventId, "BULK" + std::to_string(i * 7), "changed" + std::to_string(i) + "@example.org");
    }
    f.proxy->clearSeen();
    auto again = f.engine()->pull();
    REQUIRE(again.ok());
    CHECK_FALSE(again->full);
    bool askedIncrementally = false;
    for (const auto& s : f.proxy->seen()) {
        if (s.target.find("/orders/") != std::string::npos) {
            askedIncrementally = s.target.find("modified_since=") != std::string::npos;
        }
    }
    CHECK(askedIncrementally);
    CHECK(SyncFixture::snapshot(f.local) == SyncFixture::snapshot(f.source));
    CHECK(again->orders == 5);
}

TEST_CASE("A pull rides out dropped connections, 500, 429 with Retry-After and truncated pages") {
    SyncFixture f(120);
    f.proxy->addRule({"/items/", "GET", Fault::Drop});
    f.proxy->addRule({"/checkinlists/", "GET", Fault::Error500, 2});
    f.proxy->addRule({"/questions/", "GET", Fault::TooMany429, 1, 0, {}, 1});
    f.proxy->addRule({"/orders/", "GET", Fault::TruncateClean, 1, 1});
    f.proxy->addRule({"/orders/", "GET", Fault::TruncateCut, 1, 1});
    f.proxy->addRule({"/orders/", "GET", Fault::Delay, 1, 0, std::chrono::milliseconds(300)});
    const auto start = std::chrono::steady_clock::now();
    auto pulled = f.engine()->pull();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(pulled.ok());
    CHECK(SyncFixture::snapshot(f.local) == SyncFixture::snapshot(f.source));
    CHECK(elapsed >= std::chrono::milliseconds(1000));  // Retry-After: 1 was honoured
    CHECK(f.proxy->countSeen("/items/", Fault::Drop) == 1);
    CHECK(f.proxy->countSeen("/checkinlists/", Fault::Error500) == 2);
    CHECK(f.proxy->countSeen("/questions/", Fault::TooMany429) == 1);
    CHECK(f.proxy->countSeen("/orders/", Fault::TruncateClean) == 1);
    CHECK(f.proxy->countSeen("/orders/", Fault::TruncateCut) == 1);
}

TEST_CASE("A truncated page is never half-applied and the cursor waits for the last page") {
    SyncFixture f(120);
    f.proxy->addRule({"/orders/?ordering=datetime&page=2", "GET", Fault::TruncateClean, -1});
    auto failed = f.engine(2)->pull();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message.find("orders") != std::string::npos);
    // Page 1 (50 orders) was applied whole; nothing of page 2.
    const auto partial = SyncFixture::snapshot(f.local);
    CHECK(partial["orders"].size() == 50);
    auto stored = model::SyncRepository(f.local).remote(f.remote.id);
    REQUIRE(stored);
    CHECK_FALSE(stored->ordersCursor);
    CHECK_FALSE(stored->lastPull);
    CHECK_FALSE(stored->lastError.empty());
    CHECK(f.proxy->countSeen("/orders/?ordering=datetime&page=2", Fault::TruncateClean) == 2);
    // Where it stopped is noted with the page: the next pull resumes after the orders it holds.
    auto resume = model::SyncRepository(f.local).ordersResume(f.remote.id);
    REQUIRE(resume);
    CHECK_FALSE(resume->generated.empty());

    f.proxy->clearRules();
    f.proxy->clearSeen();
    auto pulled = f.engine()->pull();
    REQUIRE(pulled.ok());
    CHECK(pulled->full);
    CHECK(SyncFixture::snapshot(f.local) == SyncFixture::snapshot(f.source));
    std::string firstOrders;
    for (const auto& seen : f.proxy->seen()) {
        if (firstOrders.empty() && seen.target.find("/orders/") != std::string::npos) {
            firstOrders = seen.target;
        }
    }
    CHECK(firstOrders.find("ordering=datetime") != std::string::npos);
    CHECK(firstOrders.find("created_since=") != std::string::npos);
    // The cursor goes back to the first page of the cut-off pull: orders stored before the
    // cut-off that changed since are fetched by the next pull.
    stored = model::SyncRepository(f.local).remote(f.remote.id);
    REQUIRE(stored);
    CHECK(stored->ordersCursor == resume->generated);
    CHECK_FALSE(model::SyncRepository(f.local).ordersResume(f.remote.id));
}

TEST_CASE("A remote without ticket layouts or sub-events is tolerated and a wrong token is an error") {
    SyncFixture f;
    auto pulled = f.engine()->pull();
    REQUIRE(pulled.ok());
    f.token = "wrong";
    auto refused = f.engine(2)->pull();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("401") != std::string::npos);
    CHECK(refused.error().message.find("wrong") == std::string::npos);  // the token never appears
}

TEST_CASE("Ticket layouts are pulled with their product assignments and background PDF") {
    SyncFixture f(0, true);
    model::TicketLayout layout;
    layout.eventId = f.ids.eventId;
    layout.name = "Door ticket";
    layout.isDefault = true;
    layout.layout = nlohmann::json::array({{{"type", "textarea"}, {"content", "attendee_name"}, {"left", "10.00"},
                                            {"bottom", "20.00"}, {"fontsize", "12.0"}, {"width", "80.00"}}});
    model::StoredFile background;
    background.filename = "bg.pdf";
    background.contentType = "application/pdf";
    const std::string pdf = "%PDF-1.4\n% a background for the sync test\n%%EOF\n";
    background.data.assign(pdf.begin(), pdf.end());
    background.created = model::now();
    {
        model::Store::Transaction tx(f.source);
        model::LayoutRepository repo(f.source);
        repo.storeFile(background);
        layout.background = background.id;
        layout.itemAssignments.push_back({0, 0, DemoIds::kDayTicket, "web"});
        repo.upsert(layout);
        tx.commit();
    }
    auto pulled = f.engine()->pull();
    REQUIRE(pulled.ok());
    model::LayoutRepository local(f.local);
    auto copy = local.byId(f.localEventId(), layout.id);
    REQUIRE(copy);
    CHECK(copy->name == "Door ticket");
    CHECK(copy->isDefault);
    CHECK(copy->layout == model::LayoutRepository(f.source).byId(f.ids.eventId, layout.id)->layout);
    REQUIRE(copy->itemAssignments.size() == 1);
    CHECK(copy->itemAssignments[0].itemId == DemoIds::kDayTicket);
    REQUIRE(copy->background);
    auto file = local.file(*copy->background);
    REQUIRE(file);
    CHECK(std::string(file->data.begin(), file->data.end()) == pdf);
}

TEST_CASE("A pull cancelled while pages are in flight stops promptly and keeps what it applied") {
    SyncFixture f(400);  // nine pages of orders
    f.proxy->addRule({"/orders/", "GET", Fault::Delay, -1, 0, std::chrono::milliseconds(200)});
    std::stop_source cancel;
    sync::EngineOptions o;
    o.http.token = f.token;
    o.cancel = cancel.get_token();
    sync::SyncEngine engine(f.local, f.remote, o);
    std::chrono::steady_clock::time_point cancelledAt;
    std::thread canceller([&] {
        while (f.proxy->countSeen("/orders/", Fault::Delay) < 3) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        cancelledAt = std::chrono::steady_clock::now();
        cancel.request_stop();
    });
    auto pulled = engine.pull();
    const auto returned = std::chrono::steady_clock::now();
    canceller.join();
    REQUIRE_FALSE(pulled.ok());
    CHECK(pulled.error().message.find("cancelled") != std::string::npos);
    CHECK(returned - cancelledAt < std::chrono::milliseconds(1500));
    const auto partial = SyncFixture::snapshot(f.local);
    CHECK(partial["orders"].size() >= 50);
    CHECK(partial["orders"].size() < SyncFixture::snapshot(f.source)["orders"].size());
    auto stored = model::SyncRepository(f.local).remote(f.remote.id);
    REQUIRE(stored);
    CHECK_FALSE(stored->ordersCursor);

    auto again = f.engine()->pull();
    REQUIRE(again.ok());
    CHECK(SyncFixture::snapshot(f.local) == SyncFixture::snapshot(f.source));
}

TEST_CASE("A server whose IDs name another event's rows here is refused and moves nothing") {
    SyncFixture f(10);
    // An event of this box office whose check-in list has the ID the server's main list has (a
    // remote that is itself a box office hands out IDs from the same range as this one).
    model::Id mine = 0;
    {
        model::Store::Transaction tx(f.local);
        model::EventRepository events(f.local);
        model::Event e;
        e.organizerId = events.upsertOrganizer("mine", "Mine");
        e.slug = "mine";
        e.name = model::I18nString::plain("Mine");
        events.upsertEvent(e);
        mine = e.id;
        model::CheckinList list;
        list.id = DemoIds::kMainList;
        list.eventId = mine;
        list.name = "Our door";
        list.allProducts = true;
        model::CheckinRepository(f.local).upsertList(list);
        tx.commit();
    }
    auto pulled = f.engine()->pull();
    REQUIRE_FALSE(pulled.ok());
    CHECK(pulled.error().message.find("check-in list 1 has the ID of a check-in list of another event") !=
          std::string::npos);
    const auto list = model::CheckinRepository(f.local).listInfo(mine, DemoIds::kMainList);
    REQUIRE(list);
    CHECK(list->name == "Our door");
    CHECK(f.local.db().execAndGet("SELECT count(*) FROM order_position").getInt64() == 0);
}
