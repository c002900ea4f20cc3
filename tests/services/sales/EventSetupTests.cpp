// Setting an event up through the sales use cases: what is stored, and the field errors of what
// is refused.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "SpringConcert.h"
#include "TestSupport.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/sales/Availability.h"
#include "boxoffice/sales/EventSetup.h"

using namespace boxoffice;
using model::Id;

namespace {

bool hasError(const model::Error& e, const std::string& field) { return e.fields.count(field) == 1; }

}  // namespace

TEST_CASE("Spring Concert is set up through the services as pretix would hold it", "[sales][setup]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    model::EventRepository events(store);

    const auto event = events.eventBySlug("music-club", "spring-concert");
    REQUIRE(event);
    CHECK(event->id == c.eventId);
    CHECK(model::isLocalId(event->id));
    CHECK(event->name.text() == "Spring Concert");
    CHECK(event->currency == "EUR");
    CHECK(event->timezone == "Europe/Berlin");
    CHECK(model::formatTimestamp(*event->dateFrom) == "2027-04-17T17:00:00Z");
    CHECK(event->salesChannels == std::vector<std::string>{"web", "box_office"});
    CHECK(events.organizerBySlug("music-club")->name == "Music Club");

    const auto regular = events.item(c.eventId, c.regular);
    REQUIRE(regular);
    CHECK(regular->defaultPrice.minor() == 1500);
    CHECK(regular->taxRate.minor() == 700);
    CHECK(regular->admission);
    REQUIRE(regular->addons.size() == 1);
    CHECK(regular->addons[0].maxCount == 1);
    CHECK(events.item(c.eventId, c.reduced)->defaultPrice.minor() == 1000);

    const auto quotas = events.quotas(c.eventId);
    REQUIRE(quotas.size() == 2);
    CHECK(quotas[0].name == "Concert hall");
    CHECK(quotas[0].size == 120);
    CHECK(sales::availability(store, c.eventId, c.regular).left == 120);
    CHECK_FALSE(sales::availability(store, c.eventId, c.programme).left.has_value());  // unlimited
    CHECK(sales::availability(store, c.eventId, c.programme).counted);

    const auto questions = events.questions(c.eventId);
    REQUIRE(questions.size() == 1);
    CHECK(questions[0].required);
    CHECK(questions[0].identifier.size() == 8);  // made up, as pretix does
    CHECK(questions[0].options.size() == 3);
    CHECK(questions[0].items.size() == 3);

    // The ticket layout of a new pretix event, and the check-in lists.
    const auto layout = model::LayoutRepository(store).defaultLayout(c.eventId);
    REQUIRE(layout);
    CHECK(layout->layout == nlohmann::json::parse(test::readFile(test::assetsDir() / "pretix/default-layout.json")));
    CHECK(layout->background);
    CHECK(model::CheckinRepository(store).lists(c.eventId).size() == 2);
}

TEST_CASE("An event is refused with an error per field", "[sales][setup]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    model::Event e;
    e.slug = "spring concert!";
    e.currency = "eur";
    e.timezone = "Berlin time";
    e.salesChannels.clear();
    auto r = sales::saveEvent(store, {"", "Music Club"}, e);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == model::ErrorCode::BadInput);
    for (const char* field : {"organizer.slug", "slug", "name", "currency", "date_from", "timezone", "sales_channels"}) {
        INFO(field);
        CHECK(hasError(r.error(), field));
    }
    CHECK(model::EventRepository(store).events().empty());

    e = {};
    e.slug = "spring-concert";
    e.name = model::I18nString::plain("Spring Concert");
    e.dateFrom = model::now();
    e.dateTo = *e.dateFrom - std::chrono::hours(1);
    r = sales::saveEvent(store, {"music-club", "Music Club"}, e);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().fields == model::FieldErrors{{"date_to", {"The end of the event has to be later than its start."}}});

    e.dateTo.reset();
    REQUIRE(sales::saveEvent(store, {"music-club", "Music Club"}, e).ok());
    r = sales::saveEvent(store, {"music-club", "Music Club"}, e);  // a second event of the same slug
    REQUIRE_FALSE(r.ok());
    CHECK(hasError(r.error(), "slug"));
}

TEST_CASE("Products, quotas and questions are refused with an error per field", "[sales][setup]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    model::EventRepository events(store);
    const Id ticketsCategory = events.item(c.eventId, c.regular)->categoryId.value();

    model::Item item;
    item.eventId = c.eventId;
    item.defaultPrice = model::Money::fromMinor(-100);
    item.taxRate = model::TaxRate::fromMinor(150'00);
    item.categoryId = 42;
    model::Variation v;
    item.variations = {v};
    item.addons = {model::ItemAddon{ticketsCategory, 2, 1, 0, false, false}};
    auto r = sales::saveItem(store, item);
    REQUIRE_FALSE(r.ok());
    for (const char* field : {"name", "default_price", "tax_rate", "category", "variations.0.value",
                              "addons.0.addon_category", "addons.0.max_count"}) {
        INFO(field);
        CHECK(hasError(r.error(), field));
    }
    CHECK(r.error().fields.at("addons.0.addon_category") ==
          std::vector<std::string>{"The category is not marked as an add-on category."});

    model::Quota quota;
    quota.eventId = c.eventId;
    quota.size = -1;
    quota.items = {c.regular, 99};
    auto q = sales::saveQuota(store, quota);
    REQUIRE_FALSE(q.ok());
    CHECK(hasError(q.error(), "name"));
    CHECK(hasError(q.error(), "size"));
    CHECK(q.error().fields.at("items") == std::vector<std::string>{"Invalid pk \"99\" - object does not exist."});

    model::Question question;
    question.eventId = c.eventId;
    question.question = model::I18nString::plain("Seat block?");
    question.type = "M";
    question.identifier = events.questions(c.eventId)[0].identifier;  // taken
    auto qn = sales::saveQuestion(store, question);
    REQUIRE_FALSE(qn.ok());
    CHECK(hasError(qn.error(), "options"));
    CHECK(hasError(qn.error(), "identifier"));
    question.type = "X";
    question.options.clear();
    CHECK(sales::saveQuestion(store, question).error().fields.count("type") == 1);

    // Nothing refused was written.
    CHECK(events.items(c.eventId).size() == 4);
    CHECK(events.quotas(c.eventId).size() == 2);
    CHECK(events.questions(c.eventId).size() == 1);

    // An object of another event, or an event that does not exist, is not found.
    item = *events.item(c.eventId, c.reduced);
    item.eventId = c.eventId + 1000;
    CHECK(sales::saveItem(store, item).error().code == model::ErrorCode::NotFound);
}

TEST_CASE("Every question type the door knows can be set up, asked at sale or at check-in", "[sales][setup]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto c = test::setUpSpringConcert(store);
    int n = 0;
    for (const char* type : {"N", "S", "T", "B", "C", "M", "F", "D", "H", "W", "CC", "TEL"}) {
        model::Question q;
        q.eventId = c.eventId;
        q.question = model::I18nString::plain(std::string("Question ") + type);
        q.type = type;
        q.required = n % 2 == 0;
        q.askDuringCheckin = n % 3 == 0;
        q.items = {c.reduced};
        if (q.type == "C" || q.type == "M") {
            model::QuestionOption o;
            o.answer = model::I18nString::plain("Yes please");
            q.options = {o};
        }
        ++n;
        auto saved = sales::saveQuestion(store, q);
        INFO(type);
        REQUIRE(saved.ok());
        CHECK(saved->type == type);
    }
    CHECK(model::EventRepository(store).questions(c.eventId).size() == 13);
}
