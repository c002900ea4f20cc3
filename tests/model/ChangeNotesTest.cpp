// Changes publish themselves when the transaction that made them commits (ARCHITECTURE.md,
// "Changes flow from one place").
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/TokenRepository.h"

using namespace boxoffice::model;
using boxoffice::test::TempDir;

namespace {

// Everything published while it lives.
struct Recorder {
    std::vector<Change> seen;
    ChangeFeed::Token token;
    Recorder() : token(ChangeFeed::instance().subscribe([this](const Change& c) { seen.push_back(c); })) {}
    ~Recorder() { ChangeFeed::instance().unsubscribe(token); }
    std::size_t count(Change::Kind kind, Id eventId) const {
        return static_cast<std::size_t>(
            std::count(seen.begin(), seen.end(), Change{kind, eventId}));
    }
};

Id makeEvent(Store& store) {
    Store::Transaction tx(store);
    EventRepository events(store);
    Event e;
    e.organizerId = events.upsertOrganizer("org", "Organizer");
    e.slug = "ev";
    e.name = I18nString::plain("Event");
    events.upsertEvent(e);
    tx.commit();
    return e.id;
}

CheckinList listOf(Id eventId, const std::string& name) {
    CheckinList l;
    l.eventId = eventId;
    l.name = name;
    return l;
}

}  // namespace

TEST_CASE("A transaction publishes what it changed once, on commit", "[store][changes]") {
    TempDir dir;
    Store store(dir / "s.sqlite");
    const Id event = makeEvent(store);
    Recorder recorder;
    {
        Store::Transaction tx(store);
        CheckinRepository lists(store);
        auto a = listOf(event, "A");
        auto b = listOf(event, "B");
        lists.upsertList(a);
        lists.upsertList(b);
        CHECK(recorder.seen.empty());  // nothing before the commit
        tx.commit();
    }
    CHECK(recorder.count(Change::Kind::CheckinLists, event) == 1);
    CHECK(recorder.seen.size() == 1);
}

TEST_CASE("A rolled back transaction or savepoint publishes nothing of what it took back", "[store][changes]") {
    TempDir dir;
    Store store(dir / "s.sqlite");
    const Id event = makeEvent(store);
    Recorder recorder;
    {
        Store::Transaction tx(store);
        auto l = listOf(event, "Gone");
        CheckinRepository(store).upsertList(l);
    }  // rolled back
    CHECK(recorder.seen.empty());
    CHECK(CheckinRepository(store).lists(event).empty());

    {
        Store::Transaction tx(store);
        {
            Store::Savepoint kept(store);
            auto l = listOf(event, "Kept");
            CheckinRepository(store).upsertList(l);
            kept.release();
        }
        {
            Store::Savepoint dropped(store);
            TokenRepository tokens(store);
            ApiToken t;
            t.name = "dropped";
            t.organizerSlug = "org";
            tokens.insert(t);
        }  // rolled back to the savepoint
        tx.commit();
    }
    CHECK(recorder.count(Change::Kind::CheckinLists, event) == 1);
    CHECK(recorder.count(Change::Kind::Tokens, 0) == 0);
    CHECK(CheckinRepository(store).lists(event).size() == 1);
    CHECK(TokenRepository(store).list().empty());
}

TEST_CASE("A write outside a transaction is published at once, with its event", "[store][changes]") {
    TempDir dir;
    Store store(dir / "s.sqlite");
    const Id event = makeEvent(store);
    Recorder recorder;
    auto l = listOf(event, "Autocommit");
    CheckinRepository(store).upsertList(l);
    CHECK(recorder.count(Change::Kind::CheckinLists, event) == 1);
    SettingsRepository(store).set("k", "v");
    CHECK(recorder.count(Change::Kind::Settings, 0) == 1);
}
