// The order browser's search text folding and its in-memory index: search over every field
// the desk searches, filters, check-in state and sorting, on a real SQLite store.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "boxoffice/desk/OrderIndex.h"
#include "boxoffice/desk/SearchText.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderDigest.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/Question.h"

using namespace boxoffice;

TEST_CASE("Search text ignores case and accents", "[desk][search]") {
    CHECK(desk::folded("M\u00fcller") == "muller");
    CHECK(desk::folded("M\u00dcLLER") == "muller");
    CHECK(desk::folded("Sj\u00f6n") == "sjon");
    CHECK(desk::folded("Stra\u00dfe") == "strasse");
    CHECK(desk::folded("\u0141\u00f3d\u017a") == "lodz");
    CHECK(desk::folded("Fran\u00e7ois \u00c6lfred \u0152uvre") == "francois aelfred oeuvre");
    CHECK(desk::folded("\u0218tefan \u021airiac") == "stefan tiriac");
    // A decomposed accent (e + combining acute) folds like the composed one.
    CHECK(desk::folded("Jose\u0301") == desk::folded("Jos\u00e9"));
    CHECK(desk::folded("\u0391\u03b8\u03ae\u03bd\u03b1") == desk::folded("\u03b1\u03b8\u03b7\u03bd\u03b1"));
    CHECK(desk::folded("\u0401\u041b\u041a\u0410") == desk::folded("\u0435\u043b\u043a\u0430"));
    // Kept as they are: digits, punctuation, CJK; control characters become spaces.
    CHECK(desk::folded("A-1@x.org") == "a-1@x.org");
    CHECK(desk::folded("\u5c71\u7530") == "\u5c71\u7530");
    CHECK(desk::folded("a\tb\x1f" "c") == "a b c");
    // Malformed UTF-8 is kept byte for byte instead of being dropped.
    CHECK(desk::folded(std::string("ab\xc3", 3)) == std::string("ab\xc3", 3));
    CHECK(desk::folded(std::string("\xff" "A", 2)) == std::string("\xff" "a", 2));
}

namespace {

struct BrowserFixture {
    test::TempDir dir;
    model::Store store{dir / "browse.sqlite"};
    model::Id eventId = 0;
    model::Id otherEvent = 0;
    model::CheckinList list;

    model::OrderPosition position(model::Id id, model::Id item, const std::string& name, const std::string& secret) {
        model::OrderPosition p;
        p.id = id;
        p.itemId = item;
        p.secret = secret;
        if (!name.empty()) {
            p.attendeeName = name;
        }
        return p;
    }

    BrowserFixture() {
        model::EventRepository events(store);
        const auto organizer = events.upsertOrganizer("org", "Org");
        for (const char* slug : {"ev", "other"}) {
            model::Event e;
            e.organizerId = organizer;
            e.slug = slug;
            e.name = model::I18nString::plain(slug);
            events.upsertEvent(e);
            (eventId == 0 ? eventId : otherEvent) = e.id;
        }
        for (model::Id id : {1, 2}) {
            model::Item item;
            item.id = id;
            item.eventId = eventId;
            item.name = model::I18nString::plain(id == 1 ? "Ticket" : "Workshop");
            events.upsertItem(item);
        }
        model::Question q;
        q.id = 7;
        q.eventId = eventId;
        q.question = model::I18nString::plain("Diet");
        q.items = {1};
        events.upsertQuestion(q);

        model::OrderRepository orders(store);
        model::Order a;  // paid, invoice name, two tickets
        a.eventId = eventId;
        a.code = "ABC12";
        a.status = model::OrderStatus::Paid;
        a.email = "buyer@example.org";
        a.datetime = model::fromStorage(1'000'000);
        a.total = model::Money::fromMinor(4200);
        a.invoiceAddress = model::InvoiceAddress{};
        a.invoiceAddress->name = "Greta M\u00fcller";
        a.invoiceAddress->company = "Acme GmbH";
        a.positions = {position(10, 1, "Greta M\u00fcller", "aaaasecret000001"),
                       position(11, 2, "Lars Sj\u00f6n", "bbbbsecret000002")};
        a.positions[1].positionid = 2;
        a.positions[1].answers = {{7, "Vegetarian", {}}};
        orders.upsert(a);
        model::Order b;  // pending, no invoice address
        b.eventId = eventId;
        b.code = "XYZ99";
        b.status = model::OrderStatus::Pending;
        b.email = "zed@example.com";
        b.datetime = model::fromStorage(3'000'000);
        b.total = model::Money::fromMinor(1000);
        b.positions = {position(20, 1, "Zoe Adams", "ccccsecret000003")};
        orders.upsert(b);
        model::Order c;  // canceled
        c.eventId = eventId;
        c.code = "CAN01";
        c.status = model::OrderStatus::Canceled;
        c.email = "gone@example.com";
        c.datetime = model::fromStorage(2'000'000);
        c.positions = {position(30, 2, "", "ddddsecret000004")};
        orders.upsert(c);
        model::Order foreign;  // another event's order must never show up
        foreign.eventId = otherEvent;
        foreign.code = "ABC12";
        foreign.status = model::OrderStatus::Paid;
        foreign.positions = {position(40, 1, "Greta Other", "eeeesecret000005")};
        orders.upsert(foreign);

        list.eventId = eventId;
        list.name = "Main hall";
        list.allProducts = false;
        list.limitProducts = {1};
        model::CheckinRepository(store).upsertList(list);
    }

    std::vector<std::string> codes(const desk::OrderIndex& index, const desk::BrowseFilter& filter) {
        std::vector<std::string> out;
        const auto rows = desk::browse(index, filter);
        REQUIRE(rows);
        for (const auto row : *rows) {
            out.emplace_back(filter.mode == desk::BrowseMode::Orders
                                 ? index.text(index.orders()[row].code)
                                 : index.text(index.positions()[row].secret).substr(0, 4));
        }
        return out;
    }
};

using Codes = std::vector<std::string>;

// An empty event with product 1, for the tests that make their own orders.
model::Id emptyEvent(model::Store& store, const char* slug) {
    model::EventRepository events(store);
    model::Event e;
    e.organizerId = events.upsertOrganizer("org", "Org");
    e.slug = slug;
    events.upsertEvent(e);
    model::Item item;
    item.id = 1;
    item.eventId = e.id;
    events.upsertItem(item);
    return e.id;
}

}  // namespace

TEST_CASE_METHOD(BrowserFixture, "The order index holds one event's orders and positions", "[desk][browse]") {
    const auto index = desk::OrderIndex::build(store, eventId);
    REQUIRE(index);
    REQUIRE(index->orders().size() == 3);
    REQUIRE(index->positions().size() == 4);
    const auto& first = index->orders()[0];  // by ID: the order stored first
    CHECK(index->text(first.code) == "ABC12");
    CHECK(index->text(first.name) == "Greta M\u00fcller");
    CHECK(first.positionCount == 2);
    CHECK(first.totalMinor == 4200);
    // Without an invoice address the order is named after its first attendee.
    CHECK(index->orderIndex(index->orders()[1].id) == 1u);
    CHECK(index->text(index->orders()[1].name) == "Zoe Adams");
    CHECK(index->positionIndex(11).has_value());
    CHECK_FALSE(index->positionIndex(40).has_value());  // the other event's
    CHECK(index->bytes() > 0);

    desk::BrowseFilter filter;  // newest first
    CHECK(codes(*index, filter) == Codes{"XYZ99", "CAN01", "ABC12"});
}

TEST_CASE_METHOD(BrowserFixture, "Searching finds every field, ignoring case and accents", "[desk][browse]") {
    const auto index = desk::OrderIndex::build(store, eventId);
    REQUIRE(index);
    desk::BrowseFilter filter;
    filter.sort = desk::SortKey::Code;
    filter.ascending = true;
    const auto find = [&](const std::string& text) {
        filter.search = text;
        return codes(*index, filter);
    };
    CHECK(find("muller") == Codes{"ABC12"});      // invoice and attendee name, accent ignored
    CHECK(find("  M\u00dcLLER ") == Codes{"ABC12"});
    CHECK(find("sjon") == Codes{"ABC12"});        // the second attendee of the order
    CHECK(find("acme") == Codes{"ABC12"});        // company
    CHECK(find("zed@") == Codes{"XYZ99"});        // e-mail
    CHECK(find("xyz9") == Codes{"XYZ99"});        // order code
    CHECK(find("ccccsec") == Codes{"XYZ99"});     // secret prefix
    CHECK(find("vegetar") == Codes{"ABC12"});     // an answer
    CHECK(find("example") == Codes{"ABC12", "CAN01", "XYZ99"});
    CHECK(find("greta other").empty());           // another event's attendee
    CHECK(find("nobody").empty());
    // Fields are searched one by one: no match across the end of one field and the next.
    CHECK(find("org" "zed").empty());

    filter.mode = desk::BrowseMode::Positions;
    filter.sort = desk::SortKey::Name;
    CHECK(find("sjon") == Codes{"bbbb"});         // only the attendee, not the whole order
    CHECK(find("acme") == Codes{"aaaa", "bbbb"});  // an order's fields find all its positions
}

TEST_CASE_METHOD(BrowserFixture, "Filters narrow orders and positions", "[desk][browse]") {
    const auto index = desk::OrderIndex::build(store, eventId);
    REQUIRE(index);
    desk::BrowseFilter filter;
    filter.sort = desk::SortKey::Code;
    filter.ascending = true;

    filter.status = 'n';
    CHECK(codes(*index, filter) == Codes{"XYZ99"});
    filter.status.reset();

    filter.itemId = 2;  // the workshop: orders with at least one workshop position
    CHECK(codes(*index, filter) == Codes{"ABC12", "CAN01"});
    filter.mode = desk::BrowseMode::Positions;
    CHECK(codes(*index, filter) == Codes{"bbbb", "dddd"});
    filter.itemId = 0;

    // The list admits tickets (item 1) of paid orders: pending XYZ99 only once it includes pending.
    filter.list = list;
    CHECK(codes(*index, filter) == Codes{"aaaa"});
    filter.list->includePending = true;
    CHECK(codes(*index, filter) == Codes{"aaaa", "cccc"});

    // Checked in or not, as read from the store.
    model::Checkin checkin;
    checkin.listId = list.id;
    checkin.positionId = 10;
    checkin.datetime = model::now();
    model::CheckinRepository(store).insert(checkin);
    filter.checkedInPositions = model::CheckinRepository(store).positionsWithCheckins(list.id);
    CHECK(filter.checkedInPositions == std::vector<model::Id>{10});
    filter.checkedIn = true;
    CHECK(codes(*index, filter) == Codes{"aaaa"});
    filter.checkedIn = false;
    CHECK(codes(*index, filter) == Codes{"cccc"});
    filter.mode = desk::BrowseMode::Orders;
    CHECK(codes(*index, filter) == Codes{"XYZ99"});
    // Combined with a search.
    filter.checkedIn.reset();
    filter.search = "zoe";
    CHECK(codes(*index, filter) == Codes{"XYZ99"});
}

TEST_CASE_METHOD(BrowserFixture, "Rows sort by any column, both ways", "[desk][browse]") {
    const auto index = desk::OrderIndex::build(store, eventId);
    REQUIRE(index);
    desk::BrowseFilter filter;
    filter.ascending = true;
    filter.sort = desk::SortKey::Date;
    CHECK(codes(*index, filter) == Codes{"ABC12", "CAN01", "XYZ99"});
    filter.sort = desk::SortKey::Total;
    CHECK(codes(*index, filter) == Codes{"CAN01", "XYZ99", "ABC12"});
    filter.sort = desk::SortKey::Name;  // "" (no name at all) < Greta < Zoe, case ignored
    CHECK(codes(*index, filter) == Codes{"CAN01", "ABC12", "XYZ99"});
    filter.ascending = false;
    CHECK(codes(*index, filter) == Codes{"XYZ99", "ABC12", "CAN01"});
    filter.sort = desk::SortKey::Positions;
    CHECK(codes(*index, filter).front() == "ABC12");
    filter.mode = desk::BrowseMode::Positions;
    filter.sort = desk::SortKey::Code;
    filter.ascending = true;  // by order code, then by position within the order
    CHECK(codes(*index, filter) == Codes{"aaaa", "bbbb", "dddd", "cccc"});
    filter.sort = desk::SortKey::Product;
    CHECK(codes(*index, filter) == Codes{"aaaa", "cccc", "bbbb", "dddd"});
}

TEST_CASE_METHOD(BrowserFixture, "A stopped build or search gives nothing rather than a part", "[desk][browse]") {
    std::stop_source stopped;
    stopped.request_stop();
    CHECK(desk::OrderIndex::build(store, eventId, stopped.get_token()) == nullptr);
    const auto index = desk::OrderIndex::build(store, eventId);
    REQUIRE(index);
    desk::BrowseFilter filter;
    filter.search = "example";
    CHECK_FALSE(desk::browse(*index, filter, stopped.get_token()).has_value());
}

TEST_CASE("The index finds matches on both sides of its search slices", "[desk][browse]") {
    test::TempDir dir;
    model::Store store(dir / "big.sqlite");
    const model::Id event = emptyEvent(store, "big");
    // Enough orders for more than 8 MB of order text, each with a long e-mail address; the
    // needle is in every 997th one.
    constexpr int kOrders = 40'000;
    model::Store::Transaction tx(store);
    model::OrderRepository orders(store);
    for (int i = 0; i < kOrders; ++i) {
        model::Order o;
        o.eventId = event;
        o.code = "C" + std::to_string(i);
        o.email = std::string(200, 'x') + (i % 997 == 0 ? "needle" : "hay") + std::to_string(i) + "@example.org";
        o.status = model::OrderStatus::Paid;
        orders.upsert(o);
    }
    tx.commit();
    const auto index = desk::OrderIndex::build(store, event);
    REQUIRE(index);
    desk::BrowseFilter filter;
    filter.search = "NEEDLE";
    const auto rows = desk::browse(*index, filter);
    REQUIRE(rows);
    CHECK(rows->size() == (kOrders + 996) / 997);
}

TEST_CASE_METHOD(BrowserFixture, "The index knows when the orders changed, and that a check-in changes nothing it shows",
                 "[desk][browse]") {
    const auto index = desk::OrderIndex::build(store, eventId);
    REQUIRE(index);
    CHECK(index->isCurrent(store));

    // A check-in raises the order's revision (OrderRepository::touch), but not what the index shows.
    model::OrderRepository orders(store);
    orders.touch(orders.byCode(eventId, "ABC12")->id, model::now());
    CHECK(index->isCurrent(store));

    SECTION("an attendee renamed") {
        auto order = *orders.byCode(eventId, "XYZ99");
        order.positions.front().attendeeName = "Zoe Adamsen";
        orders.upsert(order);
        CHECK_FALSE(index->isCurrent(store));
        const auto rebuilt = desk::OrderIndex::build(store, eventId);
        REQUIRE(rebuilt);
        CHECK(rebuilt->isCurrent(store));
        desk::BrowseFilter filter;
        filter.search = "adamsen";
        CHECK(desk::browse(*rebuilt, filter)->size() == 1);
    }
    SECTION("an answer changed") {
        orders.saveAnswer(11, {7, "Vegan", {}});
        CHECK_FALSE(index->isCurrent(store));
    }
    SECTION("a status changed") {
        auto order = *orders.byCode(eventId, "XYZ99");
        order.status = model::OrderStatus::Paid;
        orders.upsert(order);
        CHECK_FALSE(index->isCurrent(store));
    }
    SECTION("an order added") {
        model::Order added;
        added.eventId = eventId;
        added.code = "NEW01";
        added.positions = {position(50, 1, "New Person", "ffffsecret000006")};
        orders.upsert(added);
        CHECK_FALSE(index->isCurrent(store));
    }
    SECTION("another event's order changed") {
        auto order = *orders.byCode(otherEvent, "ABC12");
        order.email = "changed@example.org";
        orders.upsert(order);
        CHECK(index->isCurrent(store));
    }
}

TEST_CASE("A longer search text looks only where the shorter one was found, with the same result", "[desk][browse]") {
    test::TempDir dir;
    model::Store store(dir / "narrow.sqlite");
    const model::Id event = emptyEvent(store, "narrow");
    model::Question q;
    q.id = 3;
    q.eventId = event;
    q.items = {1};
    model::EventRepository(store).upsertQuestion(q);
    const char* names[] = {"Greta Lind", "Lars Lindqvist", "Linda Berg", "Olof Grell", "Mia Sj\u00f6lind"};
    model::Store::Transaction tx(store);
    for (int i = 0; i < 500; ++i) {
        model::Order o;
        o.eventId = event;
        o.code = "N" + std::to_string(i);
        o.status = model::OrderStatus::Paid;
        o.datetime = model::fromStorage(i);
        model::OrderPosition p;
        p.itemId = 1;
        p.secret = "narrowsecret" + std::to_string(i);
        p.attendeeName = names[i % 5];
        if (i % 7 == 0) {
            p.answers = {{3, "Linguist", {}}};  // found through an answer only
        }
        o.positions = {p};
        model::OrderRepository(store).upsert(o);
    }
    tx.commit();
    const auto index = desk::OrderIndex::build(store, event);
    REQUIRE(index);
    for (const auto mode : {desk::BrowseMode::Orders, desk::BrowseMode::Positions}) {
        desk::SearchMarks marks;
        desk::BrowseFilter filter;
        filter.mode = mode;
        for (const std::string typed : {"l", "li", "lin", "lind", "lindq", "x"}) {
            filter.search = typed;
            desk::SearchMarks next;
            const auto narrowed = desk::browse(*index, filter, {}, &marks, &next);
            const auto fresh = desk::browse(*index, filter);
            REQUIRE(narrowed);
            REQUIRE(fresh);
            CHECK(*narrowed == *fresh);
            marks = std::move(next);
        }
        CHECK(marks.found == 0);  // "x" is found nowhere
    }
}
