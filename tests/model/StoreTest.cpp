#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <thread>

#include "StoreFixture.h"
#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/SyncInboxRepository.h"
#include "boxoffice/model/SyncRepository.h"
#include "boxoffice/model/TokenRepository.h"

using namespace boxoffice::model;
using boxoffice::test::Fixture;
using boxoffice::test::TempDir;

namespace {

std::string fileBytes(const std::filesystem::path& p) { return boxoffice::test::readFile(p); }

}  // namespace

TEST_CASE("A new store gets the current schema, WAL and foreign keys", "[store]") {
    Fixture f;
    CHECK(f.store.schemaVersion() == Store::kSchemaVersion);
    CHECK(f.store.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(f.store.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    // Reopening an up-to-date store changes nothing.
    Store again(f.file);
    CHECK(again.schemaVersion() == Store::kSchemaVersion);
}

TEST_CASE("A store from a newer version is refused and left untouched", "[store]") {
    TempDir dir;
    const auto file = dir / "newer.sqlite";
    {
        Store s(file);
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA journal_mode = DELETE");
        db.exec("PRAGMA user_version = 99");
    }
    const auto before = fileBytes(file);
    auto opened = Store::open(file);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == ErrorCode::Unsupported);
    CHECK_THAT(opened.error().message, Catch::Contains("newer version"));
    CHECK(fileBytes(file) == before);
    CHECK_FALSE(std::filesystem::exists(file.string() + "-wal"));
}

TEST_CASE("Another program's database or a non-database is refused untouched", "[store]") {
    TempDir dir;
    const auto foreign = dir / "foreign.sqlite";
    {
        SQLite::Database db(foreign.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE x (a)");
    }
    const auto before = fileBytes(foreign);
    auto opened = Store::open(foreign);
    REQUIRE_FALSE(opened);
    CHECK_THAT(opened.error().message, Catch::Contains("another program"));
    CHECK(fileBytes(foreign) == before);

    const auto text = dir / "notes.txt";
    boxoffice::test::writeFile(text, std::string(4096, 'x'));
    auto opened2 = Store::open(text);
    REQUIRE_FALSE(opened2);
    CHECK(fileBytes(text) == std::string(4096, 'x'));
}

TEST_CASE("Local IDs come from their own range", "[store]") {
    Fixture f;
    CHECK(isLocalId(f.eventId));
    CHECK(isLocalId(f.itemId));
    // A row with a remote ID does not move the local counter, and vice versa.
    Store::Transaction tx(f.store);
    Category remote;
    remote.id = 4711;
    remote.eventId = f.eventId;
    remote.name = I18nString::plain("Remote");
    EventRepository(f.store).upsertCategory(remote);
    Category local;
    local.eventId = f.eventId;
    local.name = I18nString::plain("Local");
    EventRepository(f.store).upsertCategory(local);
    tx.commit();
    CHECK(remote.id == 4711);
    CHECK(local.id == kLocalIdBase);
}

TEST_CASE("Orders round-trip through the store with positions and answers", "[store][orders]") {
    Fixture f;
    auto o = f.makeOrder("ABC12", OrderStatus::Paid, "secret-1");
    o.invoiceAddress = InvoiceAddress{};
    o.invoiceAddress->company = "Sample company";
    o.invoiceAddress->name = "John Doe";
    o.paymentDate = parseDate("2024-05-02");
    o.positions[0].answers.push_back({0, "XS", {}});
    Question q;
    q.eventId = f.eventId;
    q.question = I18nString::plain("T-shirt size");
    q.type = "S";
    {
        Store::Transaction tx(f.store);
        EventRepository(f.store).upsertQuestion(q);
        o.positions[0].answers[0].questionId = q.id;
        OrderRepository(f.store).upsert(o);
        tx.commit();
    }
    auto loaded = OrderRepository(f.store).byCode(f.eventId, "ABC12");
    REQUIRE(loaded);
    CHECK(loaded->status == OrderStatus::Paid);
    CHECK(loaded->total.toString() == "23.00");
    CHECK(formatDate(*loaded->paymentDate) == "2024-05-02");
    REQUIRE(loaded->invoiceAddress);
    CHECK(loaded->invoiceAddress->company == "Sample company");
    REQUIRE(loaded->positions.size() == 1);
    CHECK(*loaded->positions[0].attendeeName == "Zoë Ørsted");
    CHECK(loaded->positions[0].orderCode == "ABC12");
    REQUIRE(loaded->positions[0].answers.size() == 1);
    CHECK(loaded->positions[0].answers[0].answer == "XS");

    // Upserting again by code updates in place.
    auto again = f.makeOrder("ABC12", OrderStatus::Canceled, "secret-1");
    again.positions[0].id = loaded->positions[0].id;
    {
        Store::Transaction tx(f.store);
        OrderRepository(f.store).upsert(again);
        tx.commit();
    }
    CHECK(OrderRepository(f.store).count(f.eventId, {}) == 1);
    CHECK(OrderRepository(f.store).byCode(f.eventId, "ABC12")->status == OrderStatus::Canceled);
    CHECK(OrderRepository(f.store).positionBySecret(f.eventId, "secret-1")->id == loaded->positions[0].id);
}

TEST_CASE("Order queries filter, search and order", "[store][orders]") {
    Fixture f;
    {
        Store::Transaction tx(f.store);
        OrderRepository repo(f.store);
        auto a = f.makeOrder("AAAAA", OrderStatus::Paid, "s1");
        a.datetime = *parseTimestamp("2024-01-01T00:00:00Z");
        auto b = f.makeOrder("BBBBB", OrderStatus::Pending, "s2");
        b.datetime = *parseTimestamp("2024-02-01T00:00:00Z");
        b.positions[0].attendeeName = "Nguyễn Thị Minh";
        auto c = f.makeOrder("CCCCC", OrderStatus::Paid, "s3");
        c.datetime = *parseTimestamp("2024-03-01T00:00:00Z");
        repo.upsert(a);
        repo.upsert(b);
        repo.upsert(c);
        tx.commit();
    }
    OrderRepository repo(f.store);
    OrderQuery q;
    q.status = OrderStatus::Paid;
    CHECK(repo.count(f.eventId, q) == 2);
    q = {};
    q.ordering = "-datetime";
    auto list = repo.list(f.eventId, q);
    REQUIRE(list.size() == 3);
    CHECK(list[0].code == "CCCCC");
    q.search = "Minh";
    CHECK(repo.list(f.eventId, q).at(0).code == "BBBBB");
    q = {};
    q.limit = 1;
    q.offset = 1;
    CHECK(repo.list(f.eventId, q).at(0).code == "BBBBB");
    q = {};
    q.ordering = "bogus";
    CHECK_THROWS_AS(repo.list(f.eventId, q), std::invalid_argument);
}

// A page read after an earlier one starts where that one ended (keyset); the pages must be the
// same as OFFSET gives, in every order they are asked, with ties in the sort column, and again
// once another connection has changed the orders.
TEST_CASE("Order pages read one after another are the pages OFFSET gives", "[store][orders]") {
    Fixture f;
    auto insert = [&](Store& store, int from, int to, const char* month) {
        Store::Transaction tx(store);
        OrderRepository repo(store);
        for (int i = from; i < to; ++i) {
            const auto n = std::to_string(i);
            auto o = f.makeOrder("K" + std::string(4 - n.size(), '0') + n, OrderStatus::Paid, "k" + n);
            // Seven orders to a minute: most pages begin or end inside a run of equal times.
            const auto minute = std::to_string(i * 37 % 230 / 7);
            o.datetime = *parseTimestamp(std::string("2024-") + month + "-01T10:" +
                                         std::string(2 - minute.size(), '0') + minute + ":00Z");
            repo.upsert(o);
        }
        tx.commit();
    };
    insert(f.store, 0, 230, "05");
    auto expected = [&](const std::string& ordering) {
        // A connection of its own, which has remembered nothing.
        Store fresh(f.file);
        OrderQuery all;
        all.ordering = ordering;
        std::vector<Id> ids;
        for (const auto& o : OrderRepository(fresh).list(f.eventId, all)) {
            ids.push_back(o.id);
        }
        return ids;
    };
    auto page = [&](const std::string& ordering, std::int64_t n) {
        OrderQuery q;
        q.ordering = ordering;
        q.limit = 20;
        q.offset = n * 20;
        std::vector<Id> ids;
        for (const auto& r : OrderRepository(f.store).listRevisions(f.eventId, q)) {
            ids.push_back(r.id);
        }
        return ids;
    };
    for (const std::string ordering : {"datetime", "-datetime", "last_modified", "code"}) {
        INFO(ordering);
        const auto all = expected(ordering);
        REQUIRE(all.size() == 230);
        // In order, skipping ahead, and going back.
        for (const std::int64_t n : {0, 1, 2, 3, 5, 4, 9, 11, 10, 6, 8, 7}) {
            INFO("page " << n);
            const auto got = page(ordering, n);
            const auto from = all.begin() + n * 20;
            CHECK(got == std::vector<Id>(from, std::min(from + 20, all.end())));
        }
    }
    // Another connection adds orders that sort before and between the ones read: the next page
    // must not start after a row remembered from before the change.
    for (std::int64_t n = 0; n < 5; ++n) {
        (void)page("datetime", n);
    }
    {
        Store other(f.file);
        insert(other, 230, 260, "04");
    }
    const auto all = expected("datetime");
    REQUIRE(all.size() == 260);
    for (std::int64_t n = 5; n < 13; ++n) {
        const auto got = page("datetime", n);
        const auto from = all.begin() + n * 20;
        CHECK(got == std::vector<Id>(from, std::min(from + 20, all.end())));
    }
}

TEST_CASE("Check-in lists count admitted positions and check-ins", "[store][checkin]") {
    Fixture f;
    CheckinList list;
    list.eventId = f.eventId;
    list.name = "Main entrance";
    {
        Store::Transaction tx(f.store);
        OrderRepository repo(f.store);
        auto paid = f.makeOrder("PAID1", OrderStatus::Paid, "p1");
        auto pending = f.makeOrder("PEND1", OrderStatus::Pending, "p2");
        repo.upsert(paid);
        repo.upsert(pending);
        CheckinRepository(f.store).upsertList(list);
        Checkin c;
        c.listId = list.id;
        c.positionId = paid.positions[0].id;
        c.datetime = now();
        c.nonce = "n1";
        CheckinRepository(f.store).insert(c);
        tx.commit();
    }
    auto loaded = CheckinRepository(f.store).list(f.eventId, list.id);
    REQUIRE(loaded);
    CHECK(loaded->positionCount == 1);  // pending orders are not on the list by default
    CHECK(loaded->checkinCount == 1);
    CHECK(CheckinRepository(f.store).byNonce(list.id, "n1"));

    list.includePending = true;
    {
        Store::Transaction tx(f.store);
        CheckinRepository(f.store).upsertList(list);
        tx.commit();
    }
    CHECK(CheckinRepository(f.store).list(f.eventId, list.id)->positionCount == 2);

    // The same nonce on the same list cannot be stored twice.
    Checkin dup;
    dup.listId = list.id;
    dup.positionId = OrderRepository(f.store).positionBySecret(f.eventId, "p1")->id;
    dup.datetime = now();
    dup.nonce = "n1";
    CHECK_THROWS(CheckinRepository(f.store).insert(dup));
    CHECK(CheckinRepository(f.store).countForEvent(f.eventId) == 1);

    // The event at a glance: paid tickets with an entry, of all paid tickets (pending ones are
    // not expected, whatever a list admits); an exit alone is no entry.
    auto admission = CheckinRepository(f.store).admission(f.eventId);
    CHECK(admission.checkedIn == 1);
    CHECK(admission.expected == 1);
    Checkin exitOnly;
    exitOnly.listId = list.id;
    exitOnly.positionId = OrderRepository(f.store).positionBySecret(f.eventId, "p2")->id;
    exitOnly.datetime = now();
    exitOnly.type = CheckinType::Exit;
    CheckinRepository(f.store).insert(exitOnly);
    auto pending = *OrderRepository(f.store).byCode(f.eventId, "PEND1");
    pending.status = OrderStatus::Paid;
    OrderRepository(f.store).upsert(pending);
    admission = CheckinRepository(f.store).admission(f.eventId);
    CHECK(admission.checkedIn == 1);
    CHECK(admission.expected == 2);
}

TEST_CASE("A transaction that is not committed leaves nothing behind", "[store]") {
    Fixture f;
    {
        Store::Transaction tx(f.store);
        auto o = f.makeOrder("GONE1", OrderStatus::Paid, "g1");
        OrderRepository(f.store).upsert(o);
    }
    CHECK(OrderRepository(f.store).count(f.eventId, {}) == 0);
    CHECK_FALSE(OrderRepository(f.store).positionBySecret(f.eventId, "g1"));
}

TEST_CASE("Layouts, files, tokens and settings are stored", "[store]") {
    Fixture f;
    Store::Transaction tx(f.store);
    LayoutRepository layouts(f.store);
    StoredFile file;
    file.filename = "bg.pdf";
    file.contentType = "application/pdf";
    file.data = {'%', 'P', 'D', 'F'};
    layouts.storeFile(file);
    CHECK(file.id.rfind("file:", 0) == 0);
    TicketLayout a;
    a.eventId = f.eventId;
    a.name = "A";
    a.isDefault = true;
    a.background = file.id;
    a.layout = nlohmann::json::array({{{"type", "textarea"}}});
    a.itemAssignments.push_back({0, 0, f.itemId, "web"});
    layouts.upsert(a);
    TicketLayout b;
    b.eventId = f.eventId;
    b.name = "B";
    b.isDefault = true;
    layouts.upsert(b);
    CHECK(layouts.defaultLayout(f.eventId)->name == "B");  // only one default
    CHECK(layouts.byId(f.eventId, a.id)->itemAssignments.size() == 1);
    CHECK(layouts.file(file.id)->data.size() == 4);

    TokenRepository tokens(f.store);
    ApiToken t;
    t.name = "gate";
    t.organizerSlug = "org";
    t.hash[0] = 1;
    tokens.insert(t);
    CHECK(tokens.byHash(t.hash)->name == "gate");
    CHECK(tokens.revoke(t.id));
    CHECK(tokens.byId(t.id)->revoked);
    CHECK_FALSE(tokens.revoke(12345));

    SettingsRepository settings(f.store);
    settings.set("k", "v");
    CHECK(settings.get("k") == "v");
    settings.remove("k");
    CHECK_FALSE(settings.get("k"));
    tx.commit();
}

TEST_CASE("Expired uploads go unless a layout uses them, certificate layouts are stored", "[store]") {
    Fixture f;
    Store::Transaction tx(f.store);
    LayoutRepository layouts(f.store);
    const auto past = now() - std::chrono::hours(2);
    auto upload = [&](std::optional<Timestamp> expires) {
        StoredFile file;
        file.filename = "bg.pdf";
        file.contentType = "application/pdf";
        file.data = {'%', 'P', 'D', 'F'};
        file.ownerToken = 7;
        file.expires = expires;
        layouts.storeFile(file);
        return file.id;
    };
    const std::string unused = upload(past);
    const std::string usedByTicket = upload(past);
    const std::string usedByCertificate = upload(past);
    const std::string fresh = upload(now() + std::chrono::hours(2));
    const std::string kept = upload(std::nullopt);
    CHECK(layouts.file(unused)->ownerToken == Id{7});
    TicketLayout a;
    a.eventId = f.eventId;
    a.name = "A";
    a.background = usedByTicket;
    layouts.upsert(a);
    CertificateLayout c;
    c.eventId = f.eventId;
    c.layout = nlohmann::json::array({{{"type", "textarea"}}});
    c.background = usedByCertificate;
    layouts.setCertificateLayout(c);

    CHECK(layouts.removeExpiredFiles(now()) == 1);
    CHECK_FALSE(layouts.file(unused));
    for (const auto& id : {usedByTicket, usedByCertificate, fresh, kept}) {
        CHECK(layouts.file(id));
    }
    layouts.keepFile(fresh);
    CHECK_FALSE(layouts.file(fresh)->expires);

    auto stored = layouts.certificateLayout(f.eventId);
    REQUIRE(stored);
    CHECK(stored->background == usedByCertificate);
    CHECK(stored->layout.size() == 1);
    CHECK(layouts.removeCertificateLayout(f.eventId));
    CHECK_FALSE(layouts.certificateLayout(f.eventId));
    tx.commit();
}

TEST_CASE("Online backup copies a store that is being written", "[store]") {
    Fixture f;
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        Store own(f.file);
        int n = 0;
        while (!stop) {
            Store::Transaction tx(own);
            auto o = f.makeOrder("W" + std::to_string(n), OrderStatus::Paid, "w" + std::to_string(n));
            o.positions[0].itemId = f.itemId;
            OrderRepository(own).upsert(o);
            tx.commit();
            ++n;
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto copy = f.dir / "backup.sqlite";
    f.store.backupTo(copy);
    stop = true;
    writer.join();
    Store restored(copy);
    CHECK(restored.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(OrderRepository(restored).count(f.eventId, {}) >= 0);
    CHECK(EventRepository(restored).eventBySlug("org", "ev"));
}

TEST_CASE("The change feed reaches subscribers until they leave", "[store]") {
    auto& feed = ChangeFeed::instance();
    int seen = 0;
    auto token = feed.subscribe([&](const Change& c) {
        if (c.kind == Change::Kind::Orders) {
            ++seen;
        }
    });
    feed.publish({Change::Kind::Orders, 1});
    feed.unsubscribe(token);
    feed.publish({Change::Kind::Orders, 1});
    CHECK(seen == 1);
}

TEST_CASE("Meta data, name parts and seat parts are stored", "[store][orders]") {
    Fixture f;
    {
        Store::Transaction tx(f.store);
        EventRepository events(f.store);
        auto e = *events.eventById(f.eventId);
        e.metaData = {{"room", "B12"}};
        events.upsertEvent(e);
        SubEvent s;
        s.eventId = f.eventId;
        s.name = I18nString::plain("Day 1");
        s.metaData = {{"room", "A1"}};
        events.upsertSubEvent(s);
        auto it = *events.item(f.eventId, f.itemId);
        it.metaData = {{"colour", "red"}};
        it.variations[0].metaData = {{"colour", "gold"}};
        events.upsertItem(it);
        auto o = f.makeOrder("META1", OrderStatus::Paid, "secret-meta");
        o.positions[0].attendeeNameParts = {
            {"_scheme", "given_family"}, {"given_name", "Zoë"}, {"family_name", "Ørsted"}};
        o.positions[0].seat = "guid-4";
        o.positions[0].seatParts = SeatParts{12, "Ground floor, Row 3, Seat 4", "Ground floor", "3", "", "4", ""};
        o.invoiceAddress = InvoiceAddress{};
        o.invoiceAddress->name = "John Doe";
        o.invoiceAddress->nameParts = {{"_scheme", "given_family"}, {"given_name", "John"}, {"family_name", "Doe"}};
        OrderRepository(f.store).upsert(o);
        tx.commit();
    }
    EventRepository events(f.store);
    CHECK(events.eventById(f.eventId)->metaData == StringMap{{"room", "B12"}});
    CHECK(events.subEvents(f.eventId).at(0).metaData == StringMap{{"room", "A1"}});
    auto it = *events.item(f.eventId, f.itemId);
    CHECK(it.metaData == StringMap{{"colour", "red"}});
    CHECK(it.variations.at(0).metaData == StringMap{{"colour", "gold"}});
    auto p = *OrderRepository(f.store).positionBySecret(f.eventId, "secret-meta");
    CHECK(p.attendeeNameParts.at("family_name") == "Ørsted");
    CHECK(p.seat == "guid-4");
    REQUIRE(p.seatParts);
    CHECK(*p.seatParts == SeatParts{12, "Ground floor, Row 3, Seat 4", "Ground floor", "3", "", "4", ""});
    auto order = *OrderRepository(f.store).byCode(f.eventId, "META1");
    CHECK(order.invoiceAddress->nameParts.at("given_name") == "John");
    CHECK(order.positions.at(0).seatParts);
}

namespace {

// Saves `order` and a check-in list of its event in one transaction; returns the list.
CheckinList saveWithList(Fixture& f, Order& order) {
    CheckinList list;
    list.eventId = f.eventId;
    list.name = "Main entrance";
    Store::Transaction tx(f.store);
    OrderRepository(f.store).upsert(order);
    CheckinRepository(f.store).upsertList(list);
    tx.commit();
    return list;
}

}  // namespace

TEST_CASE("An order's revision changes with everything its API answer shows, and is never reused", "[store]") {
    Fixture f;
    OrderRepository orders(f.store);
    auto order = f.makeOrder("REV1", OrderStatus::Paid, "rev-secret");
    const auto list = saveWithList(f, order);
    auto revision = orders.byId(order.id)->revision;
    CHECK(revision > 0);
    auto raised = [&] {
        const auto now = orders.byId(order.id)->revision;
        const bool up = now > revision;
        revision = now;
        return up;
    };
    const auto positionId = order.positions.at(0).id;

    Checkin c;
    c.listId = list.id;
    c.positionId = positionId;
    c.datetime = now();
    CheckinRepository(f.store).insert(c);
    CHECK(raised());
    CheckinRepository(f.store).setSyncState(c.id, SyncState::Uploaded);
    CHECK_FALSE(raised());  // not part of the answer
    f.store.db().exec("UPDATE checkin SET type = 'exit' WHERE id = " + std::to_string(c.id));
    CHECK(raised());
    f.store.db().exec("DELETE FROM checkin WHERE id = " + std::to_string(c.id));
    CHECK(raised());
    Question q;
    q.eventId = f.eventId;
    q.identifier = "DIET";
    q.question = I18nString::plain("Diet");
    EventRepository(f.store).upsertQuestion(q);
    CHECK_FALSE(raised());
    orders.saveAnswer(positionId, Answer{q.id, "no", {}});
    CHECK(raised());
    f.store.db().exec("UPDATE answer SET answer = 'yes'");
    CHECK(raised());
    f.store.db().exec("DELETE FROM answer");
    CHECK(raised());
    f.store.db().exec("UPDATE order_position SET attendee_name = 'Else' WHERE id = " + std::to_string(positionId));
    CHECK(raised());
    f.store.db().exec("INSERT INTO invoice_address (order_id, name) VALUES (" + std::to_string(order.id) + ", 'A')");
    CHECK(raised());
    f.store.db().exec("UPDATE invoice_address SET name = 'B'");
    CHECK(raised());
    f.store.db().exec("DELETE FROM invoice_address");
    CHECK(raised());
    f.store.db().exec("UPDATE orders SET email = 'new@example.org'");
    CHECK(raised());
    orders.touch(order.id, now() + std::chrono::hours(1));
    CHECK(raised());
    // Another order's changes leave this one alone.
    auto other = f.makeOrder("REV2", OrderStatus::Paid, "rev-other");
    orders.upsert(other);
    f.store.db().exec("UPDATE order_position SET attendee_name = 'Other' WHERE id = " +
                      std::to_string(other.positions.at(0).id));
    CHECK_FALSE(raised());

    // An order put back under a deleted order's ID gets a revision no earlier state had.
    const auto before = revision;
    f.store.db().exec("DELETE FROM orders WHERE id = " + std::to_string(order.id));
    auto again = f.makeOrder("REV1", OrderStatus::Paid, "rev-secret");
    again.id = order.id;
    again.positions.at(0).id = positionId;
    orders.upsert(again);
    CHECK(orders.byId(order.id)->revision > before);
}

TEST_CASE("A check-in made here moves its order's last_modified on, a pulled one does not", "[store]") {
    Fixture f;
    OrderRepository orders(f.store);
    auto order = f.makeOrder("LM1", OrderStatus::Paid, "lm-secret");
    order.lastModified = now() - std::chrono::hours(24);
    const auto list = saveWithList(f, order);
    const auto before = orders.byId(order.id)->lastModified;
    const auto revision = orders.byId(order.id)->revision;
    f.store.db().exec("INSERT INTO checkin (id, list_id, position_id, datetime, type, sync_state, created) VALUES "
                      "(7, " + std::to_string(list.id) + ", " + std::to_string(order.positions.at(0).id) +
                      ", 0, 'entry', 'remote', " + std::to_string(toStorage(now())) + ")");
    CHECK(orders.byId(order.id)->lastModified == before);
    CHECK(orders.byId(order.id)->revision > revision);

    Checkin c;
    c.listId = list.id;
    c.positionId = order.positions.at(0).id;
    c.datetime = before;  // a scan made offline a day ago: recorded now
    c.syncState = SyncState::Local;
    CheckinRepository(f.store).insert(c);
    CHECK(orders.byId(order.id)->lastModified == c.created);
    CHECK(c.created > before);
}

TEST_CASE("An event's sync remote is the one it was used with most recently", "[store][sync]") {
    Fixture f;
    SyncRepository sync(f.store);
    CHECK_FALSE(sync.remoteForEvent(f.eventId));
    SyncRemote other;  // another event's remote
    other.url = "https://other.example";
    other.organizer = "org";
    other.eventSlug = "other";
    sync.saveRemote(other);
    CHECK_FALSE(sync.remoteForEvent(f.eventId));
    SyncRemote first;
    first.url = "https://a.example";
    first.organizer = "org";
    first.eventSlug = "ev";
    first.eventId = f.eventId;
    sync.saveRemote(first);
    REQUIRE(sync.remoteForEvent(f.eventId));
    CHECK(sync.remoteForEvent(f.eventId)->url == "https://a.example");
    SyncRemote second = first;
    second.id = 0;
    second.url = "https://b.example";
    sync.saveRemote(second);
    CHECK(sync.remoteForEvent(f.eventId)->url == "https://b.example");
}
