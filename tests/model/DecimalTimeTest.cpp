#include <catch2/catch.hpp>

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Time.h"

#include <nlohmann/json.hpp>

using namespace boxoffice::model;

TEST_CASE("Decimal2 parses pretix money strings exactly", "[decimal]") {
    CHECK(Decimal2::parse("23.00")->minor() == 2300);
    CHECK(Decimal2::parse("23")->minor() == 2300);
    CHECK(Decimal2::parse("23.5")->minor() == 2350);
    CHECK(Decimal2::parse("-0.50")->minor() == -50);
    CHECK(Decimal2::parse("0.10")->minor() == 10);
    CHECK(Decimal2::parse("19.000")->minor() == 1900);
    CHECK(Decimal2::parse("92233720368547758.07") == std::nullopt);  // would overflow
    CHECK_FALSE(Decimal2::parse(""));
    CHECK_FALSE(Decimal2::parse("1.234"));  // would lose a cent fraction
    CHECK_FALSE(Decimal2::parse("1e2"));
    CHECK_FALSE(Decimal2::parse("abc"));
    CHECK_FALSE(Decimal2::parse("1."));
    CHECK_FALSE(Decimal2::parse(".5"));
    CHECK_FALSE(Decimal2::parse("1,50"));
}

TEST_CASE("Decimal2 writes two fractional digits", "[decimal]") {
    CHECK(Decimal2::fromMinor(2300).toString() == "23.00");
    CHECK(Decimal2::fromMinor(5).toString() == "0.05");
    CHECK(Decimal2::fromMinor(-50).toString() == "-0.50");
    CHECK(Decimal2::fromMinor(-12345).toString() == "-123.45");
    CHECK((Decimal2::fromMinor(10) + Decimal2::fromMinor(20)).toString() == "0.30");  // no float drift
}

TEST_CASE("Timestamps parse ISO 8601 with zones and format as UTC", "[time]") {
    auto t = parseTimestamp("2017-12-01T10:00:00Z");
    REQUIRE(t);
    CHECK(formatTimestamp(*t) == "2017-12-01T10:00:00Z");
    CHECK(formatTimestamp(*parseTimestamp("2017-12-01T11:00:00+01:00")) == "2017-12-01T10:00:00Z");
    CHECK(formatTimestamp(*parseTimestamp("2017-12-01T05:30:00-0430")) == "2017-12-01T10:00:00Z");
    CHECK(formatTimestamp(*parseTimestamp("2017-12-01T10:00:00.123Z")) == "2017-12-01T10:00:00.123000Z");
    CHECK(formatTimestamp(*parseTimestamp("2017-12-01 10:00:00.5+00:00")) == "2017-12-01T10:00:00.500000Z");
    CHECK(formatTimestamp(*parseTimestamp("2017-12-31T23:30:00-01:00")) == "2018-01-01T00:30:00Z");
    CHECK_FALSE(parseTimestamp("2017-12-01T10:00:00"));  // no zone
    CHECK_FALSE(parseTimestamp("2017-02-30T10:00:00Z"));
    CHECK_FALSE(parseTimestamp("2017-12-01T25:00:00Z"));
    CHECK_FALSE(parseTimestamp("garbage"));
    CHECK_FALSE(parseTimestamp(""));
    CHECK(fromStorage(toStorage(*t)) == *t);
}

TEST_CASE("Dates round-trip", "[time]") {
    auto d = parseDate("2017-12-05");
    REQUIRE(d);
    CHECK(formatDate(*d) == "2017-12-05");
    CHECK(formatDate(dateFromStorage(toStorage(*d))) == "2017-12-05");
    CHECK_FALSE(parseDate("2017-13-05"));
}

TEST_CASE("I18nString falls back through languages", "[i18n]") {
    auto s = I18nString::fromJson(nlohmann::json{{"en", "Ticket"}, {"de", "Eintrittskarte"}});
    CHECK(s.text("de") == "Eintrittskarte");
    CHECK(s.text("de-formal") == "Eintrittskarte");
    CHECK(s.text("fr") == "Ticket");
    CHECK(I18nString::fromJson(nlohmann::json{{"de", "Nur Deutsch"}}).text("en") == "Nur Deutsch");
    CHECK(I18nString::fromJson(nlohmann::json("plain")).text() == "plain");
    CHECK(I18nString::fromJson(nlohmann::json()).empty());
    CHECK(I18nString::fromJsonText(s.toJsonText()) == s);
}
