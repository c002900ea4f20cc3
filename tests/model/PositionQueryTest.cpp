// PositionQuery: filters, the smart attendee name, the trigram search index of migration 3
// kept current by triggers when names, invoice addresses and order codes change, and pages in
// pretix's default list order however they are read.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/model/SearchIndex.h"

#include <chrono>
#include <thread>

using namespace boxoffice::model;

namespace {

struct SearchFixture {
    boxoffice::test::TempDir dir;
    Store store{dir / "pq.sqlite"};
    Id eventId = 0;

    SearchFixture() {
        EventRepository events(store);
        events.upsertOrganizer("org", "Org");
        Event e;
        e.organizerId = events.organizerBySlug("org")->id;
        e.slug = "ev";
        e.name = I18nString::plain("Ev");
        events.upsertEvent(e);
        eventId = e.id;
        Item item;
        item.id = 1;
        item.eventId = eventId;
        item.name = I18nString::plain("Ticket");
        events.upsertItem(item);
        Order o;
        o.eventId = eventId;
        o.code = "ABC12";
        o.status = OrderStatus::Paid;
        OrderPosition p;
        p.id = 10;
        p.itemId = 1;
        p.secret = "secretzero000001";
        p.attendeeName = "Mara Lind";
        OrderPosition addon;
        addon.id = 11;
        addon.itemId = 1;
        addon.secret = "secretaddon00001";
        addon.addonTo = 10;
        addon.positionid = 2;
        o.positions = {p, addon};
        OrderRepository(store).upsert(o);
    }
    std::int64_t search(const std::string& q) {
        PositionFilter f;
        f.search = q;
        return PositionQuery(store).count(eventId, f);
    }
};

}  // namespace

TEST_CASE("position search: attendee (own and parent), code and secret prefix, case-insensitive", "[model][search]") {
    SearchFixture f;
    CHECK(f.search("mara") == 2);  // the add-on matches through its parent
    CHECK(f.search("LIND") == 2);
    CHECK(f.search("abc1") == 2);
    CHECK(f.search("bc12") == 0);  // order codes match at the start only
    CHECK(f.search("secretadd") == 1);
    CHECK(f.search("cretadd") == 0);  // secrets too
    CHECK(f.search("ma") == 2);       // under 3 characters: no index, same rules
    CHECK(f.search("nobody") == 0);
    CHECK(f.search("\"quoted\"") == 0);
}

TEST_CASE("position search index follows changes of names, invoice addresses and codes", "[model][search]") {
    SearchFixture f;
    auto order = *OrderRepository(f.store).byCode(f.eventId, "ABC12");
    order.positions[0].attendeeName = "Nina Neu";
    InvoiceAddress ia;
    ia.name = "Ivo Invoice";
    order.invoiceAddress = ia;
    OrderRepository(f.store).upsert(order);
    CHECK(f.search("mara") == 0);
    CHECK(f.search("nina neu") == 2);
    CHECK(f.search("ivo inv") == 2);
    f.store.db().exec("UPDATE orders SET code = 'XYZ99'");
    CHECK(f.search("abc12") == 0);
    CHECK(f.search("xyz9") == 2);
    f.store.db().exec("DELETE FROM invoice_address");
    CHECK(f.search("ivo inv") == 0);
}

namespace {

// The in-memory index answers once its background build for the current version is done.
std::optional<std::vector<Id>> indexed(SearchFixture& f, const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto found = search::find(f.store, f.eventId, text);
    while (!found && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        found = search::find(f.store, f.eventId, text);
    }
    return found;
}

}  // namespace

TEST_CASE("in-memory search index: the same rules as the SQL search, never stale", "[model][search]") {
    SearchFixture f;
    using Ids = std::vector<Id>;
    CHECK(indexed(f, "mara") == Ids{10, 11});  // the add-on through its parent
    CHECK(indexed(f, "LIND") == Ids{10, 11});
    CHECK(indexed(f, "abc1") == Ids{10, 11});
    CHECK(indexed(f, "bc12") == Ids{});  // order codes and secrets match at the start only
    CHECK(indexed(f, "secretadd") == Ids{11});
    CHECK(indexed(f, "cretadd") == Ids{});
    CHECK(indexed(f, "nobody") == Ids{});
    CHECK_FALSE(search::find(f.store, f.eventId, "ma"));  // under 3 bytes: the SQL search answers

    // After a change the old snapshot is not used; the rebuilt one has the change.
    f.store.db().exec("UPDATE order_position SET attendee_name = 'Nina Neu' WHERE id = 10");
    const auto first = search::find(f.store, f.eventId, "mara");
    CHECK((!first || first->empty()));
    CHECK(indexed(f, "mara") == Ids{});
    CHECK(indexed(f, "nina") == Ids{10, 11});
    f.store.db().exec("INSERT INTO invoice_address (order_id, name) SELECT id, 'Ivo Invoice' FROM orders");
    CHECK(indexed(f, "ivo inv") == Ids{10, 11});
    f.store.db().exec("UPDATE orders SET code = 'XYZ99'");
    CHECK(indexed(f, "xyz9") == Ids{10, 11});
    CHECK(indexed(f, "abc1") == Ids{});

    // With the index current, PositionQuery gives what the SQL rules give.
    CHECK(f.search("nina") == 2);
    CHECK(f.search("xyz99") == 2);
    CHECK(f.search("abc12") == 0);
}

TEST_CASE("smart attendee name falls back to the parent, then the invoice name", "[model]") {
    SearchFixture f;
    PositionQuery pq(f.store);
    auto addon = pq.byId(f.eventId, 11);
    REQUIRE(addon);
    CHECK(addon->smartAttendeeName() == std::optional<std::string>("Mara Lind"));
    auto rows = pq.rows(f.eventId, PositionFilter{});
    CHECK(rows.size() == 2);
    PositionFilter byAddon;
    byAddon.addonTo = {10};
    CHECK(pq.count(f.eventId, byAddon) == 1);
    CHECK_FALSE(PositionQuery::isValidOrdering("bogus", false));
    CHECK(PositionQuery::isValidOrdering("-attendee_name,positionid", false));
    CHECK_FALSE(PositionQuery::isValidOrdering("last_checked_in", false));
    CHECK(PositionQuery::isValidOrdering("last_checked_in", true));
}

TEST_CASE("one PositionQuery kept across changes answers from the current data, pages in order", "[model][search]") {
    SearchFixture f;
    REQUIRE(indexed(f, "mara"));  // the index answers, so its IDs are what a stale memo would keep
    PositionQuery pq(f.store);
    PositionFilter search;
    search.search = "mara";
    search.ordering = "-id";
    CHECK(pq.count(f.eventId, search) == 2);
    auto rows = pq.rows(f.eventId, search);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].position.id == 11);  // the ordering survives reading the page's rows by ID
    CHECK(rows[1].position.id == 10);
    search.limit = 1;
    search.offset = 1;
    rows = pq.rows(f.eventId, search);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].position.id == 10);
    CHECK(rows[0].position.attendeeName == "Mara Lind");

    // Another connection renames the attendee: the same query object must not answer from before.
    Store other(f.store.path());
    other.db().exec("UPDATE order_position SET attendee_name = 'Nina Neu' WHERE id = 10");
    search.limit = -1;
    search.offset = 0;
    for (int i = 0; i < 2; ++i) {  // FTS while the index rebuilds, then maybe the index: the same answer
        CHECK(pq.count(f.eventId, search) == 0);
        CHECK(pq.rows(f.eventId, search).empty());
    }
    search.search = "nina";
    CHECK(pq.count(f.eventId, search) == 2);
}

TEST_CASE("the trigram table is redone at commit, positions noted since are searched too", "[model][search]") {
    SearchFixture f;
    auto dirty = [&] { return f.store.db().execAndGet("SELECT count(*) FROM position_search_dirty").getInt(); };
    auto fullText = [&](const std::string& text) {
        return f.store.db()
            .execAndGet("SELECT count(*) FROM position_search WHERE position_search MATCH '\"" + text + "\"'")
            .getInt();
    };
    // The fixture wrote outside a Store::Transaction: its positions are only noted, and found.
    CHECK(dirty() >= 2);
    CHECK(fullText("mara lind") == 0);
    CHECK(f.search("mara lind") == 2);
    {
        Store::Transaction tx(f.store);
        f.store.db().exec("UPDATE orders SET email = 'a@example.org'");
        tx.commit();
    }
    CHECK(dirty() == 0);
    CHECK(fullText("mara lind") == 2);
    // A write outside Store::Transaction only notes the positions (the add-on with its parent).
    f.store.db().exec("UPDATE order_position SET attendee_name = 'Nina Neu' WHERE id = 10");
    CHECK(dirty() >= 2);
    CHECK(fullText("nina neu") == 0);
    CHECK(f.search("nina neu") == 2);  // found all the same, and the old name no more
    CHECK(f.search("mara lind") == 0);
    // The same values again note nothing.
    f.store.db().exec("DELETE FROM position_search_dirty");
    f.store.db().exec("UPDATE order_position SET attendee_name = 'Nina Neu' WHERE id = 10");
    CHECK(dirty() == 0);
    // Deleted rows and changed codes are redone at the next commit that changed anything.
    f.store.db().exec("UPDATE order_position SET attendee_name = 'Ole Ohm' WHERE id = 10");
    {
        Store::Transaction tx(f.store);
        f.store.db().exec("UPDATE orders SET code = 'XYZ99'");
        tx.commit();
    }
    CHECK(dirty() == 0);
    CHECK(fullText("ole ohm") == 2);
    CHECK(fullText("nina neu") == 0);
    // Codes are not in the trigram table (migration 14): the search finds them by prefix.
    CHECK(fullText("xyz99") == 0);
    CHECK(f.search("xyz99") == 2);
    CHECK(f.search("abc12") == 0);
}

TEST_CASE("the SQL search finds codes and secrets by prefix in any case, names from the trigram table",
          "[model][search]") {
    SearchFixture f;
    f.store.db().exec("UPDATE orders SET code = 'AbC12'");
    f.store.db().exec("UPDATE order_position SET secret = 'SeCrEt-' || id");
    f.store.db().exec("UPDATE order_position SET attendee_name = 'Zoë Ørsted' WHERE id = 11");
    // Inside a transaction that changed a name the in-memory index is not current: the SQL search
    // (trigram table, prefix ranges, noted positions) answers alone.
    Store::Transaction tx(f.store);
    f.store.db().exec("UPDATE order_position SET attendee_name = 'Nina Neu' WHERE id = 10");
    CHECK_FALSE(search::find(f.store, f.eventId, "abc1"));
    CHECK(f.search("abc1") == 2);
    CHECK(f.search("ABC12") == 2);
    CHECK(f.search("aBc12") == 2);
    CHECK(f.search("bc12") == 0);  // at the start only
    CHECK(f.search("abd") == 0);
    CHECK(f.search("secret-1") == 2);
    CHECK(f.search("SECRET-11") == 1);
    CHECK(f.search("sEcReT-10") == 1);
    CHECK(f.search("cret-1") == 0);
    CHECK(f.search("nina") == 2);  // noted for redoing, found all the same
    tx.commit();
    // Redone at commit: names from the trigram table, with the add-on through its parent.
    CHECK(f.search("nina neu") == 2);
    CHECK(f.search("ZOË") == 0);  // LIKE folds ASCII letters only, as before
    CHECK(f.search("ZOë") == 1);
    CHECK(f.search("rsted") == 1);
    CHECK(f.search("12") == 0);  // under 3 characters: no index; code prefix "12" is not a prefix
}

TEST_CASE("pages in pretix's default list order: read along the name index or ordered by the search index, "
          "the same as sorting in SQL",
          "[model][search]") {
    SearchFixture f;
    auto& db = f.store.db();
    db.exec("INSERT INTO checkin_list (id, event_id, name, last_modified) VALUES (5, " + std::to_string(f.eventId) +
            ", 'Main', 0)");
    // Names in either case, ties, non-ASCII letters (NOCASE folds ASCII only), '' and NULL; every
    // position found by "son" (in its name, or its secret's beginning for the unnamed ones).
    const std::vector<std::optional<std::string>> names = {
        "bob Sonne", "Anna Carlson", "anna carlson", std::nullopt, "Émile Sonder", "ANNA CARLSON", "",
        "zoe Sons", "Ändi Sonar", std::nullopt, "Bob Sonne", "", "adam sonnig"};
    SQLite::Statement order(db, "INSERT INTO orders (id, event_id, code, status, datetime, last_modified) "
                                "VALUES (?, ?, ?, ?, 0, 0)");
    SQLite::Statement pos(db, "INSERT INTO order_position (id, order_id, event_id, positionid, item_id, secret, "
                              "attendee_name, canceled) VALUES (?, ?, ?, 1, 1, ?, ?, ?)");
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto id = static_cast<Id>(100 + i * 7 % 13);  // IDs not in the order of the names
        order.bind(1, id);
        order.bind(2, f.eventId);
        order.bind(3, "ORD" + std::to_string(id));
        order.bind(4, i % 4 == 3 ? "n" : "p");
        order.exec();
        order.reset();
        pos.bind(1, id);
        pos.bind(2, id);
        pos.bind(3, f.eventId);
        pos.bind(4, "son" + std::to_string(id));
        if (names[i]) {
            pos.bind(5, *names[i]);
        } else {
            pos.bind(5);
        }
        pos.bind(6, i % 5 == 4 ? 1 : 0);
        pos.exec();
        pos.reset();
    }
    auto sorted = [&](const std::string& where) {
        std::vector<Id> ids;
        SQLite::Statement q(db, "SELECT p.id FROM order_position p JOIN orders o ON o.id = p.order_id "
                                "WHERE p.event_id = " + std::to_string(f.eventId) + where +
                                " ORDER BY (coalesce(p.attendee_name, '') = ''), p.attendee_name COLLATE NOCASE, p.id");
        while (q.executeStep()) {
            ids.push_back(q.getColumn(0).getInt64());
        }
        return ids;
    };
    auto pages = [&](PositionFilter filter) {
        std::vector<Id> all;
        PositionQuery pq(f.store);
        for (std::int64_t offset = 0; offset < 30; offset += 4) {
            filter.offset = offset;
            filter.limit = 4;
            const auto page = pq.pageIds(f.eventId, filter);
            all.insert(all.end(), page.begin(), page.end());
        }
        return all;
    };
    REQUIRE(indexed(f, "son"));
    PositionFilter scanner;  // what pretixSCAN asks: every status, canceled ones too
    scanner.list = 5;
    scanner.ignoreStatus = true;
    scanner.includeCanceled = true;
    scanner.ordering = "attendee_name_cached";
    scanner.search = "son";
    const auto everyone = sorted(" AND (p.attendee_name LIKE '%son%' OR p.secret LIKE 'son%')");
    CHECK(everyone.size() == names.size());
    CHECK(pages(scanner) == everyone);
    CHECK(PositionQuery(f.store).count(f.eventId, scanner) == static_cast<std::int64_t>(names.size()));
    scanner.search = "anna";
    CHECK(pages(scanner) == sorted(" AND p.attendee_name LIKE '%anna%'"));

    PositionFilter listed;  // without a search: along the name index, across the unnamed ones
    listed.list = 5;
    listed.ordering = "attendee_name_cached";
    CHECK(pages(listed) == sorted(" AND p.canceled = 0 AND o.status = 'p'"));
    listed.ignoreStatus = true;
    listed.includeCanceled = true;
    CHECK(pages(listed) == sorted(""));
    listed.search = "son";  // with the search index and a condition it leaves to SQL
    listed.includeCanceled = false;
    CHECK(pages(listed) == sorted(" AND p.canceled = 0 AND (p.attendee_name LIKE '%son%' OR p.secret LIKE 'son%')"));
}

// A search's count and first page come from one pass that keeps only the first positions by
// name with the count; pages further on than those must still be the ones SQL sorts.
TEST_CASE("a broad search pages in name order past the positions kept with its count", "[model][search]") {
    SearchFixture f;
    auto& db = f.store.db();
    db.exec("INSERT INTO checkin_list (id, event_id, name, last_modified) VALUES (5, " + std::to_string(f.eventId) +
            ", 'Main', 0)");
    const std::vector<std::string> first = {"Alexandra", "alexander", "Sandra", "Xandro", "Bob"};
    SQLite::Statement order(db, "INSERT INTO orders (id, event_id, code, status, datetime, last_modified) "
                                "VALUES (?, ?, ?, 'p', 0, 0)");
    SQLite::Statement pos(db, "INSERT INTO order_position (id, order_id, event_id, positionid, item_id, secret, "
                              "attendee_name) VALUES (?, ?, ?, 1, 1, ?, ?)");
    for (int i = 0; i < 400; ++i) {
        const Id id = 1000 + (i * 173) % 400;  // IDs not in the order of the names
        order.bind(1, id);
        order.bind(2, f.eventId);
        order.bind(3, "Q" + std::to_string(id));
        order.exec();
        order.reset();
        pos.bind(1, id);
        pos.bind(2, id);
        pos.bind(3, f.eventId);
        pos.bind(4, "s" + std::to_string(id));
        pos.bind(5, first[static_cast<std::size_t>(i) % first.size()] + " N" + std::to_string(i % 37));
        pos.exec();
        pos.reset();
    }
    REQUIRE(indexed(f, "andr"));
    std::vector<Id> expected;
    SQLite::Statement q(db, "SELECT p.id FROM order_position p WHERE p.event_id = " + std::to_string(f.eventId) +
                                " AND p.attendee_name LIKE '%andr%' ORDER BY p.attendee_name COLLATE NOCASE, p.id");
    while (q.executeStep()) {
        expected.push_back(q.getColumn(0).getInt64());
    }
    REQUIRE(expected.size() == 240);
    PositionFilter scanner;
    scanner.list = 5;
    scanner.ignoreStatus = true;
    scanner.includeCanceled = true;
    scanner.ordering = "attendee_name_cached";
    scanner.search = "andr";
    PositionQuery pq(f.store);
    CHECK(pq.count(f.eventId, scanner) == 240);
    std::vector<Id> all;
    // Forwards from the first page, as a scanner and a client following `next` read them.
    for (std::int64_t offset = 0; offset < 400; offset += 50) {
        scanner.offset = offset;
        scanner.limit = 50;
        const auto page = pq.pageIds(f.eventId, scanner);
        all.insert(all.end(), page.begin(), page.end());
    }
    CHECK(all == expected);
    // The same pass with a page far on asked first.
    PositionQuery fresh(f.store);
    scanner.offset = 150;
    scanner.limit = 50;
    CHECK(fresh.pageIds(f.eventId, scanner) == std::vector<Id>(expected.begin() + 150, expected.begin() + 200));
    const auto byName = search::findByName(f.store, f.eventId, "ANDR", 7);
    REQUIRE(byName);
    CHECK(byName->count == 240);
    CHECK(byName->first == std::vector<Id>(expected.begin(), expected.begin() + 7));
}

// The index decides a name match from where each trigram of the search stands: the cases where
// having every trigram is not enough, and the names too long to be indexed by place.
TEST_CASE("the search index matches a name only where the whole text stands", "[model][search]") {
    SearchFixture f;
    auto& db = f.store.db();
    SQLite::Statement order(db, "INSERT INTO orders (id, event_id, code, status, datetime, last_modified) "
                                "VALUES (?, ?, ?, 'p', 0, 0)");
    SQLite::Statement pos(db, "INSERT INTO order_position (id, order_id, event_id, positionid, item_id, secret, "
                              "attendee_name) VALUES (?, ?, ?, 1, 1, ?, ?)");
    auto add = [&](Id id, const std::string& code, const std::string& secret, const std::string& name) {
        order.bind(1, id);
        order.bind(2, f.eventId);
        order.bind(3, code);
        order.exec();
        order.reset();
        pos.bind(1, id);
        pos.bind(2, id);
        pos.bind(3, f.eventId);
        pos.bind(4, secret);
        pos.bind(5, name);
        pos.exec();
        pos.reset();
    };
    add(20, "XYZAB", "qyz1000000000001", "Xan And Ndr");  // every trigram of "xandr", apart
    add(21, "QQQ21", "qqq2100000000001", "Banana Split");  // a trigram twice: "nana" at 2 and "ana" at 3
    add(22, "QQQ22", "qqq2200000000001", std::string(300, 'z') + " Alexandra");  // too long to index by place
    add(23, "QQQ23", "qqq2300000000001", "Alexandra Lind");
    db.exec("INSERT INTO invoice_address (order_id, name) VALUES (23, 'Ruth Ark')");
    using Ids = std::vector<Id>;
    CHECK(indexed(f, "xandr") == Ids{22, 23});
    CHECK(indexed(f, "nana") == Ids{21});
    CHECK(indexed(f, "zzz alex") == Ids{22});
    CHECK(indexed(f, "lindr") == Ids{});  // "Lind" and "Ruth" are two names: nothing spans them
    CHECK(indexed(f, "ruth ark") == Ids{23});
    // "xyz" starts the code of 20 and "yz1" stands at place 1 of its secret: not one field's start.
    CHECK(indexed(f, "xyz1") == Ids{});
    CHECK(indexed(f, "xyzab") == Ids{20});
    CHECK(indexed(f, "QYZ1000000000001") == Ids{20});
    const auto byName = search::findByName(f.store, f.eventId, "xandr", 1);
    REQUIRE(byName);
    CHECK(byName->count == 2);
    CHECK(byName->first == Ids{23});  // "alexandra lind" before "zzz…"
}
