// Content resolution and variables (spec ticket-layout.md §4, §5, §9.6).
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "boxoffice/layout/Variables.h"

using namespace boxoffice;
using namespace boxoffice::layout;

namespace {

TicketData sample() {
    TicketData d;
    d.organizer.name = "Demo Organizer";
    d.event.name = model::I18nString::plain("Summer Fest");
    d.event.name.set("de", "Sommerfest");
    d.event.currency = "EUR";
    d.event.dateFrom = model::parseTimestamp("2026-07-04T18:00:00Z");
    d.event.dateTo = model::parseTimestamp("2026-07-06T22:00:00Z");
    d.event.location = model::I18nString::plain("Town Hall");
    d.order.code = "A1B2C";
    d.order.locale = "en";
    d.order.email = "buyer@example.org";
    d.order.datetime = *model::parseTimestamp("2026-05-01T09:30:00Z");
    d.position.id = 7;
    d.position.positionid = 2;
    d.position.secret = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";  // 40 chars
    d.position.attendeeName = "Ada Lovelace";
    d.position.price = *model::Decimal2::parse("23.50");
    d.item.name = model::I18nString::plain("Day ticket");
    d.items.push_back(d.item);
    return d;
}

Content var(const std::string& name) { return Content{name, "", {}}; }

}  // namespace

TEST_CASE("variables resolve from plain data", "[layout][variables]") {
    TicketData d = sample();
    Resolver r(d);
    CHECK(r.text(var("attendee_name"), std::nullopt) == "Ada Lovelace");
    CHECK(r.text(var("order"), std::nullopt) == "A1B2C");
    CHECK(r.text(var("order_positionid"), std::nullopt) == "A1B2C-2");
    CHECK(r.text(var("price"), std::nullopt) == "23.50 EUR");
    CHECK(r.text(var("price"), std::string("de")) == "23,50 EUR");
    CHECK(r.text(var("event_name"), std::nullopt) == "Summer Fest");
    CHECK(r.text(var("event_name"), std::string("de-informal")) == "Sommerfest");
    CHECK(r.text(var("event_begin"), std::nullopt) == "2026-07-04 18:00");
    CHECK(r.text(var("event_begin_weekday"), std::nullopt) == "Saturday");
    CHECK(r.text(var("event_date"), std::nullopt) == "July 4th, 2026");
    CHECK(r.text(var("event_date_range"), std::nullopt) == "July 4th – July 6th, 2026");
    CHECK(r.text(var("event_admission"), std::nullopt).empty());
    CHECK(r.text(var("organizer"), std::nullopt) == "Demo Organizer");
    CHECK(r.text(var("itemvar"), std::nullopt) == "Day ticket");
    CHECK(r.text(var("no_such_variable"), std::nullopt).empty());
}

TEST_CASE("dates follow the event's time zone offset", "[layout][variables]") {
    TicketData d = sample();
    d.utcOffset = [](model::Timestamp) { return std::chrono::seconds(2 * 3600); };
    Resolver r(d);
    CHECK(r.text(var("event_begin"), std::nullopt) == "2026-07-04 20:00");
    CHECK(r.text(var("event_begin_date"), std::string("de")) == "04.07.2026");
    CHECK(r.text(var("purchase_time"), std::nullopt) == "11:30");
}

TEST_CASE("secret as text is shortened, as placeholder and barcode it is full", "[layout][variables]") {
    TicketData d = sample();
    Resolver r(d);
    CHECK(r.text(var("secret"), std::nullopt) == "abcdefghijklmnopqrstuvwxyz0123…");
    CHECK(r.text(Content{"other", "{secret}", {}}, std::nullopt) == d.position.secret);
    CHECK(r.barcode(std::nullopt) == d.position.secret);
    CHECK(r.barcode(var("secret")) == d.position.secret);
    CHECK(r.barcode(var("order")) == "A1B2C");
    CHECK(r.barcode(Content{"", "", {}}) == "(error)");
}

TEST_CASE("custom text: placeholders, unknown names kept, no recursion", "[layout][variables]") {
    TicketData d = sample();
    d.position.attendeeName = "{order}";
    d.eventMeta["room"] = "B12";
    Resolver r(d);
    CHECK(r.text(Content{"other", "Hi {attendee_name} in {meta:room}, {unknown} {not closed", {}}, std::nullopt) ==
          "Hi {order} in B12, {unknown} {not closed");
    CHECK(r.text(Content{"", "", {}}, std::nullopt) == "(error)");
    CHECK(r.text(Content{"meta:room", "", {}}, std::nullopt) == "B12");
    CHECK(r.text(Content{"itemmeta:missing", "", {}}, std::nullopt).empty());
}

TEST_CASE("the placeholders custom text would print as typed are named, each once", "[layout][variables]") {
    TicketData d = sample();
    model::Question q;
    q.id = 9;
    q.identifier = "DIET";
    d.questions.push_back(q);
    Resolver r(d);
    // Variables of the catalogue, of the event's questions, meta properties and the full secret
    // are known; an unclosed or empty brace is no placeholder at all.
    CHECK(r.unknownPlaceholders("{attendee_name} {order}-{positionid} {question_DIET} {meta:room} {itemmeta:x} {secret}")
              .empty());
    CHECK(r.unknownPlaceholders("{attendee_na {} {no space}").empty());
    CHECK(r.unknownPlaceholders("").empty());
    // A typo, a question the event lacks: named in order of appearance, a repeat once.
    CHECK(r.unknownPlaceholders("Hi {atendee_name}, {question_SHOE} and {atendee_name} again") ==
          std::vector<std::string>{"atendee_name", "question_SHOE"});
    // Exactly what substitute() leaves untouched.
    const std::string text = "{order} {bogus} {event_begin_hour}";
    CHECK(r.unknownPlaceholders(text) == std::vector<std::string>{"bogus", "event_begin_hour"});
    CHECK(r.substitute(text, "en") == "A1B2C {bogus} {event_begin_hour}");
}

TEST_CASE("other_i18n falls back through base language, variants, English, first", "[layout][variables]") {
    std::map<std::string, std::string> texts{{"de-informal", "Hallo du"}, {"fr", "Bonjour"}};
    CHECK(pickLanguage(texts, "de") == "Hallo du");
    CHECK(pickLanguage(texts, "fr") == "Bonjour");
    CHECK(pickLanguage(texts, "it") == "Hallo du");  // the first non-empty value
    texts["en"] = "Hello";
    CHECK(pickLanguage(texts, "it") == "Hello");
    texts["de"] = "Hallo";
    CHECK(pickLanguage(texts, "de-informal") == "Hallo du");
    CHECK(pickLanguage(texts, "de-formal") == "Hallo");
    TicketData d = sample();
    d.order.locale = "de";
    Resolver r(d);
    CHECK(r.text(Content{"other_i18n", "", texts}, std::nullopt) == "Hallo");
    CHECK(r.text(Content{"other_i18n", "", texts}, std::string("fr")) == "Bonjour");
}

TEST_CASE("add-ons, answers and parent fallback", "[layout][variables]") {
    TicketData d = sample();
    model::Item workshop;
    workshop.id = 50;
    workshop.name = model::I18nString::plain("Workshop");
    d.items.push_back(workshop);
    for (int i = 0; i < 2; ++i) {
        model::OrderPosition addon;
        addon.id = 100 + i;
        addon.itemId = 50;
        addon.addonTo = 7;
        addon.price = *model::Decimal2::parse("10.00");
        d.order.positions.push_back(addon);
    }
    model::Question q;
    q.id = 9;
    q.identifier = "DIET";
    d.questions.push_back(q);
    d.position.answers.push_back({9, "vegan", {}});
    Resolver r(d);
    CHECK(r.text(var("addons"), std::nullopt) == "2x Workshop");
    CHECK(r.text(var("price_with_addons"), std::nullopt) == "43.50 EUR");
    CHECK(r.text(var("question_DIET"), std::nullopt) == "vegan");

    TicketData child = sample();
    child.parent = d.position;
    child.position.attendeeName.reset();
    child.questions = d.questions;
    Resolver rc(child);
    CHECK(rc.text(var("attendee_name"), std::nullopt) == "Ada Lovelace");
    CHECK(rc.text(var("question_DIET"), std::nullopt) == "vegan");
}

TEST_CASE("the catalogue lists the spec's variables", "[layout][variables]") {
    // Every entry the designer offers resolves for a real ticket; none is listed twice.
    const TicketData d = sample();
    const Resolver r(d);
    std::set<std::string> names;
    for (const auto& info : variableCatalogue()) {
        INFO(info.name);
        CHECK(names.insert(info.name).second);
        CHECK(isKnownVariable(info.name));
        CHECK(r.variable(info.name, "en").has_value());
        CHECK_FALSE(info.label.empty());
    }
    CHECK(names.size() == 70);  // the fixed names of spec ticket-layout.md §5
    CHECK_FALSE(r.variable("attendee_shoe_size", "en").has_value());
    CHECK(isKnownVariable("event_begin_time"));
    CHECK(isKnownVariable("pseudonymization_id"));
    CHECK_FALSE(isKnownVariable("attendee_shoe_size"));
}

TEST_CASE("the certificate catalogue adds the certificate's own variables", "[layout][variables]") {
    // The ticket's variables first, unchanged, then the certificate's, which are extra values.
    const auto& tickets = variableCatalogue(CatalogueKind::Ticket);
    const auto& certificates = variableCatalogue(CatalogueKind::Certificate);
    REQUIRE(certificates.size() == tickets.size() + 5);
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        CHECK(certificates[i].name == tickets[i].name);
    }
    std::vector<std::string> own;
    for (std::size_t i = tickets.size(); i < certificates.size(); ++i) {
        own.push_back(certificates[i].name);
        CHECK_FALSE(certificates[i].label.empty());
        CHECK_FALSE(certificates[i].sample.empty());
        CHECK_FALSE(isKnownVariable(certificates[i].name));
    }
    CHECK(own == std::vector<std::string>{"checkin_date", "checkin_time", "checkin_datetime", "checkin_list", "attendance"});
    CHECK(&variableCatalogue() == &tickets);

    TicketData d = sample();
    d.extra["checkin_date"] = "2026-07-04";
    const Resolver r(d);
    CHECK(r.variable("checkin_date", "en") == "2026-07-04");
    CHECK_FALSE(r.variable("checkin_time", "en").has_value());
}

TEST_CASE("attendee name parts, with the parent's for add-ons", "[layout][variables]") {
    TicketData d = sample();
    d.position.attendeeNameParts = {{"_scheme", "given_family"}, {"given_name", "Ada"}, {"family_name", "Lovelace"}};
    Resolver r(d);
    CHECK(r.text(var("attendee_name_given_name"), std::nullopt) == "Ada");
    CHECK(r.text(var("attendee_name_family_name"), std::nullopt) == "Lovelace");
    CHECK(r.text(var("attendee_name_given_name_family_name"), std::nullopt) == "Ada Lovelace");
    CHECK(r.text(var("attendee_name__scheme"), std::nullopt).empty());
    CHECK(r.text(var("attendee_name_title"), std::nullopt).empty());
    CHECK(r.text(Content{"other", "{attendee_name_family_name}, {attendee_name_given_name}", {}}, std::nullopt) ==
          "Lovelace, Ada");

    TicketData child = sample();
    child.parent = d.position;
    child.position.attendeeName.reset();
    child.position.attendeeNameParts.clear();
    Resolver rc(child);
    CHECK(rc.text(var("attendee_name_given_name"), std::nullopt) == "Ada");
    CHECK(rc.text(var("attendee_name_family_name"), std::nullopt) == "Lovelace");
    child.position.attendeeNameParts = {{"_scheme", "given_family"}, {"given_name", "Tim"}, {"family_name", "Lee"}};
    CHECK(rc.text(var("attendee_name_given_name"), std::nullopt) == "Tim");

    TicketData full = sample();  // only a full name: the "full" scheme
    Resolver rf(full);
    CHECK(rf.text(var("attendee_name_full_name"), std::nullopt) == "Ada Lovelace");
    CHECK(rf.text(var("attendee_name_given_name"), std::nullopt).empty());

    TicketData salutation = sample();
    salutation.position.attendeeNameParts = {{"_scheme", "salutation_title_given_family"}, {"salutation", "Mx"},
                                             {"title", "Dr"}, {"given_name", "Ada"}, {"family_name", "Lovelace"}};
    Resolver rs(salutation);
    CHECK(rs.text(var("attendee_name_salutation_given_name_family_name"), std::nullopt) == "Ada Lovelace");
    CHECK(rs.text(var("attendee_name_title_family_name"), std::nullopt) == "Dr Lovelace");
    CHECK(rs.text(var("attendee_name_for_salutation"), std::nullopt) == "Dr Lovelace");
}

TEST_CASE("invoice name parts", "[layout][variables]") {
    TicketData d = sample();
    Resolver r(d);
    CHECK(r.text(var("invoice_name_family_name"), std::nullopt).empty());
    d.order.invoiceAddress = model::InvoiceAddress{};
    d.order.invoiceAddress->name = "John Doe";
    CHECK(r.text(var("invoice_name_full_name"), std::nullopt) == "John Doe");
    d.order.invoiceAddress->nameParts = {{"_scheme", "given_family"}, {"given_name", "John"}, {"family_name", "Doe"}};
    CHECK(r.text(var("invoice_name_family_name"), std::nullopt) == "Doe");
    CHECK(r.text(var("invoice_name"), std::nullopt) == "John Doe");
}

TEST_CASE("meta properties of the event, its date, the product and the variation", "[layout][variables]") {
    TicketData d = sample();
    d.event.metaData = {{"room", "Hall"}, {"door", "North"}};
    d.item.metaData = {{"colour", "red"}, {"level", "1"}};
    Resolver r(d);
    CHECK(r.text(Content{"meta:room", "", {}}, std::nullopt) == "Hall");
    CHECK(r.text(Content{"meta:missing", "", {}}, std::nullopt).empty());
    CHECK(r.text(Content{"itemmeta:colour", "", {}}, std::nullopt) == "red");
    CHECK(r.text(Content{"itemmeta:missing", "", {}}, std::nullopt).empty());

    model::SubEvent day;
    day.name = model::I18nString::plain("Day 1");
    day.metaData = {{"room", "Annex"}};
    d.subevent = day;
    model::Variation vip;
    vip.value = model::I18nString::plain("VIP");
    vip.metaData = {{"colour", "gold"}};
    d.variation = vip;
    CHECK(r.text(Content{"meta:room", "", {}}, std::nullopt) == "Annex");
    CHECK(r.text(Content{"meta:door", "", {}}, std::nullopt) == "North");
    CHECK(r.text(Content{"itemmeta:colour", "", {}}, std::nullopt) == "gold");
    CHECK(r.text(Content{"itemmeta:level", "", {}}, std::nullopt) == "1");
    CHECK(r.text(Content{"other", "{meta:room}/{itemmeta:colour}/{meta:none}.", {}}, std::nullopt) == "Annex/gold/.");
    d.eventMeta["room"] = "Override";
    CHECK(r.text(Content{"meta:room", "", {}}, std::nullopt) == "Override");
}

TEST_CASE("seat and its parts, with the parent's for add-ons", "[layout][variables]") {
    TicketData d = sample();
    Resolver r(d);
    CHECK(r.text(var("seat"), std::nullopt).empty());
    CHECK(r.text(var("seat_zone"), std::nullopt).empty());
    d.position.seat = "guid-4";
    CHECK(r.text(var("seat"), std::nullopt) == "guid-4");  // no parts known: the GUID as before
    CHECK(r.text(var("seat_row"), std::nullopt).empty());
    d.position.seatParts = model::SeatParts{12, "Ground floor, Row 3, Seat 4", "Ground floor", "3", "", "4", ""};
    CHECK(r.text(var("seat"), std::nullopt) == "Ground floor, Row 3, Seat 4");
    CHECK(r.text(var("seat_zone"), std::nullopt) == "Ground floor");
    CHECK(r.text(var("seat_row"), std::nullopt) == "3");
    CHECK(r.text(var("seat_number"), std::nullopt) == "4");

    TicketData child = sample();
    child.parent = d.position;
    Resolver rc(child);
    CHECK(rc.text(var("seat_number"), std::nullopt) == "4");
    CHECK(rc.text(var("seat"), std::nullopt) == "Ground floor, Row 3, Seat 4");
}
