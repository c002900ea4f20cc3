// The check-in list and annul use cases (checkin/ListEditing.h): validated, one transaction,
// published on commit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "DemoData.h"
#include "TestSupport.h"
#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/SyncRepository.h"

using namespace boxoffice;
using test::DemoIds;

namespace {

struct Fixture {
    test::TempDir dir;
    model::Store store{dir / "lists.sqlite"};
    DemoIds ids = test::createDemoData(store);
    std::vector<model::Change> published;
    model::ChangeFeed::Token token =
        model::ChangeFeed::instance().subscribe([this](const model::Change& c) { published.push_back(c); });
    ~Fixture() { model::ChangeFeed::instance().unsubscribe(token); }

    model::CheckinList list(const std::string& name) const {
        model::CheckinList l;
        l.eventId = ids.eventId;
        l.name = name;
        return l;
    }
};

}  // namespace

TEST_CASE("Saving a list validates it in pretix's words and writes nothing when refused", "[checkin][lists]") {
    Fixture f;
    const auto before = model::CheckinRepository(f.store).lists(f.ids.eventId).size();
    auto bad = f.list("  ");
    bad.allProducts = false;
    bad.limitProducts = {DemoIds::kDayTicket, 999};
    bad.subeventId = 77;
    auto refused = checkin::saveList(f.store, bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == model::ErrorCode::BadInput);
    const auto& fields = refused.error().fields;
    CHECK(fields.at("name") == std::vector<std::string>{"This field may not be blank."});
    CHECK(fields.at("limit_products") == std::vector<std::string>{"Invalid pk \"999\" - object does not exist."});
    CHECK(fields.at("subevent") == std::vector<std::string>{"Invalid pk \"77\" - object does not exist."});
    CHECK(model::CheckinRepository(f.store).lists(f.ids.eventId).size() == before);
    CHECK(f.published.empty());

    // A product of another event is not this event's.
    auto foreign = f.list("Foreign");
    foreign.eventId = f.ids.otherEventId;
    foreign.allProducts = false;
    foreign.limitProducts = {DemoIds::kDayTicket};
    CHECK_FALSE(checkin::saveList(f.store, foreign));
}

TEST_CASE("Saving and deleting a list publishes one change, an unknown list is NotFound", "[checkin][lists]") {
    Fixture f;
    auto side = f.list("Side entrance");
    side.allProducts = false;
    side.limitProducts = {DemoIds::kShirt};
    auto saved = checkin::saveList(f.store, side);
    REQUIRE(saved);
    CHECK(saved->id != 0);
    CHECK(saved->limitProducts == std::vector<model::Id>{DemoIds::kShirt});
    CHECK(f.published == std::vector<model::Change>{{model::Change::Kind::CheckinLists, f.ids.eventId}});

    auto renamed = saved.value();
    renamed.name = "Side door";
    REQUIRE(checkin::saveList(f.store, renamed));
    CHECK(model::CheckinRepository(f.store).list(f.ids.eventId, saved->id)->name == "Side door");

    auto ghost = f.list("Ghost");
    ghost.id = 424242;
    auto missing = checkin::saveList(f.store, ghost);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == model::ErrorCode::NotFound);

    f.published.clear();
    REQUIRE(checkin::deleteList(f.store, f.ids.eventId, saved->id));
    CHECK_FALSE(model::CheckinRepository(f.store).list(f.ids.eventId, saved->id));
    CHECK(f.published.size() == 2);  // the list and the check-ins made on it
    CHECK(checkin::deleteList(f.store, f.ids.eventId, saved->id).error().code == model::ErrorCode::NotFound);
    // Another event's list cannot be deleted through this event.
    CHECK_FALSE(checkin::deleteList(f.store, f.ids.otherEventId, DemoIds::kMainList));
    CHECK(model::CheckinRepository(f.store).list(f.ids.eventId, DemoIds::kMainList));
}

TEST_CASE("Annulling takes back a check-in not yet on the server, and only that", "[checkin][annul]") {
    Fixture f;
    checkin::RedeemRequest request;
    request.code = "paidsecret0001";
    request.listId = DemoIds::kMainList;
    request.device = "desk";
    auto admitted = checkin::redeem(f.store, f.ids.eventId, request);
    REQUIRE(admitted);
    REQUIRE(admitted->created);
    const model::Id checkinId = admitted->checkin->id;
    CHECK(model::SyncRepository(f.store).queueLength(f.ids.eventId) == 1);

    CHECK(checkin::annulCheckin(f.store, f.ids.otherEventId, checkinId).error().code == model::ErrorCode::NotFound);
    f.published.clear();
    REQUIRE(checkin::annulCheckin(f.store, f.ids.eventId, checkinId));
    CHECK(model::CheckinRepository(f.store).forPosition(DemoIds::kPaidPosition).empty());
    CHECK(model::SyncRepository(f.store).queueLength(f.ids.eventId) == 0);
    CHECK(std::count(f.published.begin(), f.published.end(),
                     model::Change{model::Change::Kind::Checkins, f.ids.eventId}) == 1);
    // The ticket is admitted again afterwards, as if the mistaken scan never happened.
    auto again = checkin::redeem(f.store, f.ids.eventId, request);
    REQUIRE(again);
    CHECK(again->status == checkin::Status::Ok);

    // One that reached the server stays.
    {
        model::Store::Transaction tx(f.store);
        model::SyncRepository(f.store).settle(again->checkin->id, model::SyncState::Uploaded, 201, "");
        tx.commit();
    }
    auto refused = checkin::annulCheckin(f.store, f.ids.eventId, again->checkin->id);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == model::ErrorCode::Conflict);
    CHECK(model::CheckinRepository(f.store).forPosition(DemoIds::kPaidPosition).size() == 1);
}
