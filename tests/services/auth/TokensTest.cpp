#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include "TestSupport.h"
#include "boxoffice/auth/Tokens.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/TokenRepository.h"

using namespace boxoffice;

TEST_CASE("Tokens are random, stored hashed and scoped", "[auth]") {
    test::TempDir dir;
    model::Store store(dir / "s.sqlite");
    auto a = auth::createToken(store, "Gate 1", "org", std::string("ev"));
    auto b = auth::createToken(store, "Admin", "org", std::nullopt);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->secret.size() == 52);
    CHECK(a->secret != b->secret);

    // Only the hash is stored: the secret appears nowhere in the database file.
    store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const auto bytes = test::readFile(dir / "s.sqlite");
    CHECK(bytes.find(a->secret) == std::string::npos);
    CHECK(model::TokenRepository(store).byId(a->record.id)->hash == auth::hashToken(a->secret));

    using auth::Access;
    CHECK(auth::checkAccess(store, a->secret, "org", "ev") == Access::Granted);
    CHECK(auth::checkAccess(store, a->secret, "org", "other") == Access::Forbidden);
    CHECK(auth::checkAccess(store, a->secret, "someone-else", "ev") == Access::Forbidden);
    CHECK(auth::checkAccess(store, b->secret, "org", "other") == Access::Granted);
    CHECK(auth::checkAccess(store, "", "org", "ev") == Access::Unauthenticated);
    CHECK(auth::checkAccess(store, a->secret + "x", "org", "ev") == Access::Unauthenticated);

    model::TokenRepository(store).revoke(a->record.id);
    CHECK(auth::checkAccess(store, a->secret, "org", "ev") == Access::Unauthenticated);

    CHECK_FALSE(auth::createToken(store, "", "org", std::nullopt));
}

TEST_CASE("Random secrets use the ticket alphabet and do not repeat", "[auth]") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto s = auth::randomSecret(32);
        REQUIRE(s.size() == 32);
        REQUIRE(s.find_first_not_of("abcdefghjkmnpqrstuvwxyz23456789") == std::string::npos);
        seen.insert(s);
    }
    CHECK(seen.size() == 1000);
}

TEST_CASE("Issuing a token needs an organizer and event of this store, revoking an unknown one is NotFound",
          "[auth]") {
    test::TempDir dir;
    model::Store store(dir / "s.sqlite");
    {
        model::Store::Transaction tx(store);
        model::EventRepository events(store);
        model::Event e;
        e.organizerId = events.upsertOrganizer("org", "Organizer");
        e.slug = "ev";
        events.upsertEvent(e);
        tx.commit();
    }
    auto noOrganizer = auth::issueToken(store, "Gate", "nobody", std::nullopt, model::Permissions{model::Permission::CheckinOrders});
    REQUIRE_FALSE(noOrganizer);
    CHECK(noOrganizer.error().fields.count("organizer") == 1);
    auto noEvent = auth::issueToken(store, "Gate", "org", std::string("missing"), model::Permissions{model::Permission::CheckinOrders});
    REQUIRE_FALSE(noEvent);
    CHECK(noEvent.error().fields.count("event") == 1);
    auto noName = auth::issueToken(store, "", "org", std::nullopt, model::Permissions{model::Permission::CheckinOrders});
    REQUIRE_FALSE(noName);
    CHECK(noName.error().fields.count("name") == 1);
    auto mayNothing = auth::issueToken(store, "Gate", "org", std::nullopt, model::Permissions{});
    REQUIRE_FALSE(mayNothing);
    CHECK(mayNothing.error().fields.count("permissions") == 1);
    CHECK(model::TokenRepository(store).list().empty());

    auto issued = auth::issueToken(store, "Gate 1", "org", std::string("ev"), model::Permissions{model::Permission::CheckinOrders});
    REQUIRE(issued);
    // What it may do is stored with it.
    CHECK(model::TokenRepository(store).byId(issued->record.id)->permissions == model::Permissions{model::Permission::CheckinOrders});
    CHECK(auth::checkAccess(store, issued->secret, "org", "ev") == auth::Access::Granted);
    REQUIRE(auth::revokeToken(store, issued->record.id));
    CHECK(auth::checkAccess(store, issued->secret, "org", "ev") == auth::Access::Unauthenticated);
    auto unknown = auth::revokeToken(store, 424242);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == model::ErrorCode::NotFound);
}

TEST_CASE("Recording a token's use writes its last use and never waits for a busy database", "[auth]") {
    test::TempDir dir;
    model::Store store(dir / "s.sqlite");
    model::Store other(dir / "s.sqlite");
    auto created = auth::createToken(store, "Gate 1", "org", std::string("ev"));
    REQUIRE(created);
    const auto id = created->record.id;
    const auto when = *model::parseTimestamp("2026-07-01T18:00:00Z");
    REQUIRE(auth::recordTokenUse(store, id, when));
    CHECK(model::TokenRepository(store).byId(id)->lastUsed == when);

    {
        model::Store::Transaction writing(other);  // another connection holds the write lock
        const auto started = std::chrono::steady_clock::now();
        auto busy = auth::recordTokenUse(store, id, when + std::chrono::minutes(5));
        REQUIRE_FALSE(busy);
        CHECK(busy.error().code == model::ErrorCode::Busy);
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
    }
    CHECK(model::TokenRepository(store).byId(id)->lastUsed == when);
    // The store's own busy timeout is back: a later write waits for a writer as before.
    CHECK(store.db().execAndGet("PRAGMA busy_timeout").getInt() > 0);
    REQUIRE(auth::recordTokenUse(store, id, when + std::chrono::minutes(6)));
    CHECK(model::TokenRepository(store).byId(id)->lastUsed == when + std::chrono::minutes(6));
}

TEST_CASE("Permissions read pretix's names and the short ones and refuse unknown names", "[auth]") {
    using model::Permission;
    using model::Permissions;
    CHECK(Permissions::parse("checkin") == Permissions{Permission::CheckinOrders});
    CHECK(Permissions::parse(" can_view_orders , change_orders") ==
          Permissions{Permission::ViewOrders, Permission::ChangeOrders});
    CHECK(Permissions::parse("all") == Permissions::all());
    CHECK(Permissions::parse("event_settings")->toString() == "can_change_event_settings");
    CHECK(Permissions::parse("")->empty());
    CHECK_FALSE(Permissions::parse("checkin,admin"));
    CHECK(Permissions::all().toString() ==
          "can_checkin_orders,can_view_orders,can_change_orders,can_change_event_settings");
    // A route asking for "view or check in" is open to a token holding either.
    const Permissions readLists{Permission::ViewOrders, Permission::CheckinOrders};
    CHECK(Permissions{Permission::CheckinOrders}.anyOf(readLists));
    CHECK_FALSE(Permissions{Permission::ChangeEventSettings}.anyOf(readLists));
    CHECK(Permissions{Permission::ChangeEventSettings}.anyOf(Permissions{}));
}
