// The store's numbered migrations: a store of each older schema is opened, migrated to the
// current one, and keeps its rows. Each dropMigrationN takes a current store back to schema N-1,
// so an old store is made from a new one.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <tuple>

#include "StoreFixture.h"
#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
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

// Takes a current store back to schema 19 (tokens without permissions).
void dropMigration21(SQLite::Database& db) {
    for (const char* t : {"list", "list_item"}) {
        for (const char* op : {"ins", "upd", "del"}) {
            db.exec(std::string("DROP TRIGGER access_version_") + t + "_" + op);
        }
    }
}

void dropMigration20(SQLite::Database& db) {
    dropMigration21(db);
    db.exec("ALTER TABLE api_token DROP COLUMN permissions");
}

// Takes a current store back to schema 18 (no check-in texts).
void dropMigration19(SQLite::Database& db) {
    dropMigration20(db);
    db.exec("ALTER TABLE orders DROP COLUMN checkin_text");
    db.exec("ALTER TABLE item DROP COLUMN checkin_text");
    db.exec("ALTER TABLE variation DROP COLUMN checkin_text");
}

// Takes a current store back to schema 17 (no upload state of desk orders).
void dropMigration18(SQLite::Database& db) {
    dropMigration19(db);
    db.exec("DROP TABLE order_upload");
}

// Takes a current store back to schema 16 (no desk tables, event sales channels or add-ons).
void dropMigration17(SQLite::Database& db) {
    dropMigration18(db);
    db.exec("DROP TABLE desk_payment");
    db.exec("DROP TABLE desk_shift");
    db.exec("ALTER TABLE event DROP COLUMN sales_channels");
    db.exec("ALTER TABLE item DROP COLUMN addons");
}

// Takes a current store back to schema 15 (no refused scans kept).
void dropMigration16(SQLite::Database& db) {
    dropMigration17(db);
    db.exec("DROP TABLE failed_checkin");
}

// Takes a current store back to schema 14 (insert triggers that always track).
void dropMigration15(SQLite::Database& db) {
    dropMigration16(db);
    const char* triggers[][3] = {
        {"position_search_ins", "order_position", "INSERT INTO position_search_dirty (id) VALUES (new.id);"},
        {"position_search_ia_ins", "invoice_address",
         "INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE order_id = new.order_id;"},
        {"search_version_pos_ins", "order_position",
         "INSERT INTO search_version (event_id, version) VALUES (new.event_id, 1) "
         "ON CONFLICT (event_id) DO UPDATE SET version = version + 1;"},
        {"search_version_ia_ins", "invoice_address",
         "INSERT INTO search_version (event_id, version) SELECT event_id, 1 FROM orders WHERE id = new.order_id "
         "ON CONFLICT (event_id) DO UPDATE SET version = version + 1;"},
        {"order_revision_pos_ins", "order_position", "UPDATE orders SET revision = revision + 1 WHERE id = new.order_id;"},
        {"order_revision_answer_ins", "answer",
         "UPDATE orders SET revision = revision + 1 WHERE id = (SELECT order_id FROM order_position WHERE id = "
         "new.position_id);"},
        {"order_revision_ia_ins", "invoice_address", "UPDATE orders SET revision = revision + 1 WHERE id = new.order_id;"},
    };
    for (const auto& t : triggers) {
        db.exec(std::string("DROP TRIGGER ") + t[0]);
        db.exec(std::string("CREATE TRIGGER ") + t[0] + " AFTER INSERT ON " + t[1] + " BEGIN " + t[2] + " END");
    }
    db.exec("DROP TABLE untracked_inserts");
}

// Takes a current store back to schema 13 (the trigram table over names, order code and secret).
void dropMigration14(SQLite::Database& db) {
    dropMigration15(db);
    db.exec("DROP VIEW position_search_doc");
    db.exec("CREATE VIEW position_search_doc AS SELECT p.id AS id, coalesce(p.attendee_name, '') || char(31) || "
            "coalesce(pp.attendee_name, '') || char(31) || coalesce(ia.name, '') || char(31) || o.code || char(31) || "
            "p.secret AS doc FROM order_position p JOIN orders o ON o.id = p.order_id "
            "LEFT JOIN order_position pp ON pp.id = p.addon_to LEFT JOIN invoice_address ia ON ia.order_id = p.order_id");
    db.exec("CREATE TRIGGER position_search_order AFTER UPDATE OF code ON orders WHEN new.code IS NOT old.code BEGIN "
            "INSERT INTO position_search_dirty (id) SELECT id FROM order_position WHERE order_id = new.id; END");
    db.exec("DELETE FROM position_search");
    db.exec("INSERT INTO position_search (rowid, doc) SELECT id, doc FROM position_search_doc");
}

// Takes a current store back to schema 12 (before migration 13's devices).
void dropMigration13(SQLite::Database& db) {
    dropMigration14(db);
    db.exec("DROP TABLE device");  // its triggers go with it
}

// Takes a current store back to schema 11 (before migration 12's reviews and dismissals).
void dropMigration12(SQLite::Database& db) {
    dropMigration13(db);
    for (const char* drop : {"double_entry DROP COLUMN reviewed", "double_entry DROP COLUMN note",
                             "double_entry DROP COLUMN reviewed_at", "sync_queue DROP COLUMN dismissed_at"}) {
        db.exec(std::string("ALTER TABLE ") + drop);
    }
}

// Takes a current store back to schema 10 (before migration 11's print log).
void dropMigration11(SQLite::Database& db) {
    dropMigration12(db);
    db.exec("DROP TABLE print_log");
    db.exec("DROP TABLE print_run");
}

// Takes a current store back to schema 8 (before migration 9's order revisions, and with them
// migration 10's trigger for local check-ins).
void dropMigration9(SQLite::Database& db) {
    dropMigration11(db);
    for (const char* t : {"ins", "upd", "ia_ins", "ia_upd", "ia_del", "pos_ins", "pos_upd", "pos_del", "answer_ins",
                          "answer_upd", "answer_del", "checkin_ins", "checkin_local_ins", "checkin_upd",
                          "checkin_del"}) {
        db.exec(std::string("DROP TRIGGER order_revision_") + t);
    }
    db.exec("DROP TABLE order_revision");
    db.exec("ALTER TABLE orders DROP COLUMN revision");
}

// Takes a current store back to schema 7 (before migration 8's deferred search text). The old
// per-statement triggers are not put back: these tests do not search.
void dropMigration8(SQLite::Database& db) {
    dropMigration9(db);
    for (const char* t : {"ins", "upd", "del", "order", "ia_ins", "ia_upd", "ia_del"}) {
        db.exec(std::string("DROP TRIGGER position_search_") + t);
    }
    db.exec("DROP TABLE position_search_dirty");
}

// Takes a current store back to schema 6 (before migration 7's access version).
void dropMigration7(SQLite::Database& db) {
    dropMigration8(db);
    for (const char* t : {"token", "organizer", "event", "plugin"}) {
        for (const char* op : {"ins", "upd", "del"}) {
            db.exec(std::string("DROP TRIGGER access_version_") + t + "_" + op);
        }
    }
    db.exec("DROP TABLE access_version");
}

// Adds the event org/old to a store (for the migration tests: it must survive them).
Event addOldEvent(Store& s) {
    Event e;
    e.organizerId = EventRepository(s).upsertOrganizer("org", "Organizer");
    e.slug = "old";
    e.name = I18nString::plain("Old event");
    EventRepository(s).upsertEvent(e);
    return e;
}

// A store at schema `version` holding the event org/old: made current, then taken back by `drop`.
void makeOldStore(const std::filesystem::path& file, int version, void (*drop)(SQLite::Database&)) {
    {
        Store s(file);
        Store::Transaction tx(s);
        addOldEvent(s);
        tx.commit();
    }
    SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
    drop(db);
    db.exec("PRAGMA user_version = " + std::to_string(version));
}

}  // namespace

TEST_CASE("A schema 17 store queues the desk sales it holds for upload, not other orders or canceled ones",
          "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    Id eventId = 0;
    {
        Store s(file);
        Store::Transaction tx(s);
        eventId = addOldEvent(s).id;
        const std::string ev = std::to_string(eventId);
        s.db().exec("INSERT INTO desk_shift (id, event_id, operator, started_at) VALUES (1, " + ev + ", 'Alice', 0)");
        // 1: sold at the desk; 2: sold at the desk, then canceled; 3: pulled from a remote.
        for (const auto& [id, code, status] : {std::tuple{1, "DESKA", "p"}, {2, "DESKB", "c"}, {3, "WEBAA", "p"}}) {
            s.db().exec("INSERT INTO orders (id, event_id, code, status, datetime, last_modified) VALUES (" +
                        std::to_string(id) + ", " + ev + ", '" + code + "', '" + status + "', 0, 0)");
        }
        for (int order : {1, 2}) {
            s.db().exec("INSERT INTO desk_payment (shift_id, order_id, kind, method, amount, datetime) VALUES (1, " +
                        std::to_string(order) + ", 'sale', 'cash', 1500, 0)");
        }
        s.db().exec("INSERT INTO desk_payment (shift_id, order_id, kind, method, amount, datetime) VALUES (1, 1, "
                    "'refund', 'cash', 0, 0)");
        tx.commit();
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        dropMigration18(db);
        db.exec("PRAGMA user_version = 17");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    SQLite::Statement q(s.db(), "SELECT order_id, event_id, state, attempts FROM order_upload ORDER BY order_id");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getInt64() == 1);
    CHECK(q.getColumn(1).getInt64() == eventId);
    CHECK(q.getColumn(2).getString() == "queued");
    CHECK(q.getColumn(3).getInt() == 0);
    CHECK_FALSE(q.executeStep());
    // Only the four states are kept.
    CHECK_THROWS(s.db().exec("UPDATE order_upload SET state = 'lost'"));
    CHECK_NOTHROW(s.db().exec("UPDATE order_upload SET state = 'sent'"));
}

TEST_CASE("A schema 20 store's check-in lists raise the access version", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    makeOldStore(file, 20, dropMigration21);
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    const auto eventId = EventRepository(s).eventBySlug("org", "old")->id;
    EventRepository events(s);
    CheckinRepository lists(s);
    CheckinList l;
    l.eventId = eventId;
    l.name = "Main entrance";
    auto version = events.accessVersion();
    lists.upsertList(l);
    CHECK(events.accessVersion() > version);
    version = events.accessVersion();
    l.name = "Side door";
    lists.upsertList(l);
    CHECK(events.accessVersion() > version);
    // Its products (no product exists in this store: the foreign key is not what is tested).
    s.db().exec("PRAGMA foreign_keys = OFF");
    version = events.accessVersion();
    s.db().exec("INSERT INTO checkin_list_item (list_id, item_id) VALUES (" + std::to_string(l.id) + ", 7)");
    CHECK(events.accessVersion() > version);
    version = events.accessVersion();
    s.db().exec("DELETE FROM checkin_list_item");
    CHECK(events.accessVersion() > version);
    s.db().exec("PRAGMA foreign_keys = ON");
    version = events.accessVersion();
    CHECK(lists.removeList(eventId, l.id));
    CHECK(events.accessVersion() > version);
}

TEST_CASE("A schema 19 store's tokens keep every permission they had", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    {
        Store s(file);
        ApiToken t;
        t.name = "Old script";
        t.organizerSlug = "org";
        t.permissions = Permissions{Permission::CheckinOrders};
        TokenRepository(s).insert(t);
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        dropMigration20(db);
        db.exec("PRAGMA user_version = 19");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    const auto tokens = TokenRepository(s).list();
    REQUIRE(tokens.size() == 1);
    // Before permissions existed every token could do everything; it still can.
    CHECK(tokens[0].permissions == Permissions::all());
}

TEST_CASE("A schema 18 store gains check-in texts for orders, products and variations", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    Id eventId = 0;
    {
        Store s(file);
        Store::Transaction tx(s);
        eventId = addOldEvent(s).id;
        s.db().exec("INSERT INTO item (id, event_id, name) VALUES (7, " + std::to_string(eventId) +
                    ", '{\"en\": \"Ticket\"}')");
        s.db().exec("INSERT INTO variation (id, item_id, value) VALUES (8, 7, '{\"en\": \"VIP\"}')");
        tx.commit();
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        dropMigration19(db);
        db.exec("PRAGMA user_version = 18");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    EventRepository events(s);
    auto item = events.item(eventId, 7);
    REQUIRE(item);
    CHECK_FALSE(item->checkinText);
    REQUIRE(item->variations.size() == 1);
    CHECK_FALSE(item->variations[0].checkinText);
    item->checkinText = "Wristband";
    item->variations[0].checkinText = "VIP lane";
    events.upsertItem(*item);
    CHECK(events.item(eventId, 7)->checkinText == std::optional<std::string>("Wristband"));
    CHECK(events.item(eventId, 7)->variations[0].checkinText == std::optional<std::string>("VIP lane"));
    Order o;
    o.eventId = eventId;
    o.code = "TEXT1";
    o.status = OrderStatus::Paid;
    o.checkinText = "Greet by name";
    OrderRepository(s).upsert(o);
    CHECK(OrderRepository(s).byCode(eventId, "TEXT1")->checkinText == std::optional<std::string>("Greet by name"));
}

TEST_CASE("A schema 16 store gains the desk's tables, event sales channels and product add-ons", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    Id eventId = 0;
    {
        Store s(file);
        Store::Transaction tx(s);
        eventId = addOldEvent(s).id;
        s.db().exec("INSERT INTO item (id, event_id, name, default_price) VALUES (7, " + std::to_string(eventId) +
                    ", '{\"en\": \"Ticket\"}', 1500)");
        tx.commit();
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        dropMigration17(db);
        db.exec("PRAGMA user_version = 16");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    CHECK(s.db().tableExists("desk_shift"));
    CHECK(s.db().tableExists("desk_payment"));
    EventRepository events(s);
    auto event = events.eventById(eventId);
    REQUIRE(event);
    CHECK(event->salesChannels == std::vector<std::string>{"web"});
    auto item = events.item(eventId, 7);
    REQUIRE(item);
    CHECK(item->addons.empty());
    CHECK(item->defaultPrice.minor() == 1500);
    // The new columns are written and read back.
    event->salesChannels = {"web", "box_office"};
    events.upsertEvent(*event);
    item->addons = {ItemAddon{7, 0, 2, 1, true, false}};
    events.upsertItem(*item);
    CHECK(events.eventById(eventId)->salesChannels == std::vector<std::string>{"web", "box_office"});
    CHECK(events.item(eventId, 7)->addons == item->addons);
    // A payment names a known method, or none for a cancel.
    Order o;
    o.eventId = eventId;
    o.code = "DESK1";
    o.status = OrderStatus::Paid;
    OrderRepository(s).upsert(o);
    s.db().exec("INSERT INTO desk_shift (id, event_id, operator, started_at) VALUES (1, " + std::to_string(eventId) +
                ", 'Alice', 0)");
    const auto payment = [&](const std::string& method) {
        s.db().exec("INSERT INTO desk_payment (shift_id, order_id, kind, method, amount, datetime) VALUES (1, " +
                    std::to_string(o.id) + ", 'sale', " + method + ", 1500, 0)");
    };
    CHECK_NOTHROW(payment("'cash'"));
    CHECK_NOTHROW(payment("NULL"));
    CHECK_THROWS(payment("'cheque'"));
}

TEST_CASE("A schema 13 store's trigram table is rebuilt from the names alone, codes and secrets are still found",
          "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    Id eventId = 0;
    {
        Store s(file);
        Store::Transaction tx(s);
        eventId = addOldEvent(s).id;
        s.db().exec("INSERT INTO item (id, event_id, name) VALUES (1, " + std::to_string(eventId) + ", '{}')");
        Order o;
        o.eventId = eventId;
        o.code = "QRS77";
        o.status = OrderStatus::Paid;
        OrderPosition p;
        p.id = 5;
        p.itemId = 1;
        p.secret = "oldsecret0005";
        p.attendeeName = "Ada Lovelace";
        o.positions = {p};
        OrderRepository(s).upsert(o);
        tx.commit();
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        dropMigration14(db);
        CHECK(db.execAndGet("SELECT count(*) FROM position_search WHERE position_search MATCH '\"secret\"'").getInt() == 1);
        db.exec("PRAGMA user_version = 13");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    CHECK(s.db().execAndGet("SELECT count(*) FROM position_search WHERE position_search MATCH '\"secret\"'").getInt() == 0);
    CHECK(s.db().execAndGet("SELECT count(*) FROM position_search WHERE position_search MATCH '\"lovel\"'").getInt() == 1);
    CHECK(s.db().execAndGet("SELECT count(*) FROM position_search_dirty").getInt() == 0);
    PositionQuery query(s);
    for (const char* text : {"lovelace", "qrs7", "OLDSECRET0"}) {
        PositionFilter f;
        f.search = text;
        INFO(text);
        CHECK(query.count(eventId, f) == 1);
    }
}

TEST_CASE("A schema 12 store gains the device table, device changes raise the access version", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    makeOldStore(file, 12, dropMigration13);
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    CHECK(EventRepository(s).eventBySlug("org", "old"));
    REQUIRE(s.db().tableExists("device"));
    const auto before = EventRepository(s).accessVersion();
    s.db().exec("INSERT INTO device (id, organizer_slug, name, unique_serial, created) VALUES (1, 'org', 'Gate', 'S1', 0)");
    const auto inserted = EventRepository(s).accessVersion();
    CHECK(inserted > before);
    s.db().exec("UPDATE device SET last_seen = 5 WHERE id = 1");
    CHECK(EventRepository(s).accessVersion() == inserted);
    s.db().exec("UPDATE device SET revoked_at = 6 WHERE id = 1");
    CHECK(EventRepository(s).accessVersion() > inserted);
}

TEST_CASE("A schema 11 store gains reviewed double entries and dismissed conflicts, keeping its rows", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    {
        Store s(file);
        Store::Transaction tx(s);
        const Event e = addOldEvent(s);
        DoubleEntry d;
        d.eventId = e.id;
        d.listId = 1;
        d.positionId = 2;
        d.secret = "secret";
        d.nonce = "nonce-1";
        d.localDevice = "desk";
        d.remoteDevice = "gate";
        SyncRepository(s).recordDoubleEntry(d);
        tx.commit();
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        dropMigration12(db);
        db.exec("PRAGMA user_version = 11");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    auto e = EventRepository(s).eventBySlug("org", "old");
    REQUIRE(e);
    SyncInboxRepository inbox(s);
    auto entries = inbox.doubleEntries(e->id);
    REQUIRE(entries.size() == 1);
    CHECK_FALSE(entries[0].reviewed);
    CHECK(entries[0].note.empty());
    CHECK_FALSE(entries[0].reviewedAt);
    CHECK(entries[0].here.device == "desk");
    CHECK(inbox.unreviewedCount(e->id) == 1);
    SQLite::Statement q(s.db(), "SELECT count(*) FROM pragma_table_info('sync_queue') WHERE name = 'dismissed_at'");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getInt() == 1);
}

TEST_CASE("A schema 10 store gains the print log and keeps its events", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    makeOldStore(file, 10, dropMigration11);
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    CHECK(s.db().tableExists("print_run"));
    CHECK(s.db().tableExists("print_log"));
    CHECK(EventRepository(s).eventBySlug("org", "old"));
}

TEST_CASE("A schema 5 store is migrated to the current schema and keeps its rows", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    {
        Store s(file);
        Store::Transaction tx(s);
        addOldEvent(s);
        tx.commit();
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        for (const char* drop : {"event DROP COLUMN meta_data", "subevent DROP COLUMN meta_data",
                                 "item DROP COLUMN meta_data", "variation DROP COLUMN meta_data",
                                 "order_position DROP COLUMN attendee_name_parts",
                                 "order_position DROP COLUMN seat_parts", "invoice_address DROP COLUMN name_parts"}) {
            db.exec(std::string("ALTER TABLE ") + drop);
        }
        dropMigration7(db);
        db.exec("PRAGMA user_version = 5");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    auto e = EventRepository(s).eventBySlug("org", "old");
    REQUIRE(e);
    CHECK(e->metaData.empty());
}

TEST_CASE("A schema 6 store gains the access version, raised by access changes only", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    Id eventId = 0;
    {
        Store s(file);
        Event e;
        e.organizerId = EventRepository(s).upsertOrganizer("org", "Organizer");
        e.slug = "old";
        e.name = I18nString::plain("Old event");
        EventRepository(s).upsertEvent(e);
        eventId = e.id;
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        dropMigration7(db);
        db.exec("PRAGMA user_version = 6");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    EventRepository events(s);
    auto version = events.accessVersion();
    auto raised = [&] {
        const auto now = events.accessVersion();
        const bool up = now > version;
        version = now;
        return up;
    };
    ApiToken t;
    t.name = "gate";
    t.organizerSlug = "org";
    t.hash[0] = 1;
    TokenRepository tokens(s);
    tokens.insert(t);
    CHECK(raised());
    tokens.touch(t.id, now());
    CHECK_FALSE(raised());  // last_used is not what authorizing reads
    CHECK(tokens.revoke(t.id));
    CHECK(raised());
    events.setPluginEnabled(eventId, "pdf", false);
    CHECK(raised());
    s.db().exec("UPDATE event SET ticket_downloads = 0");
    CHECK(raised());
    s.db().exec("UPDATE organizer SET name = 'Renamed'");
    CHECK(raised());
    s.db().exec("UPDATE orders SET email = 'x@example.org'");
    CHECK_FALSE(raised());
}

TEST_CASE("A schema 8 store gains order revisions and keeps its orders", "[store]") {
    TempDir dir;
    const auto file = dir / "old.sqlite";
    Id orderId = 0;
    {
        Fixture f;
        auto o = f.makeOrder("OLD1", OrderStatus::Paid, "old-secret");
        OrderRepository(f.store).upsert(o);
        orderId = o.id;
        f.store.backupTo(file);
    }
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        dropMigration9(db);
        db.exec("PRAGMA user_version = 8");
    }
    Store s(file);
    CHECK(s.schemaVersion() == Store::kSchemaVersion);
    OrderRepository orders(s);
    const auto o = orders.byId(orderId);
    REQUIRE(o);
    CHECK(o->code == "OLD1");
    const auto first = o->revision;
    s.db().exec("UPDATE order_position SET attendee_name = 'New'");
    CHECK(orders.byId(orderId)->revision > first);
}
