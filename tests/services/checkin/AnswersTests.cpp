// The rules check-in answers follow (checkin/Answers.h): per question type, required and optional,
// the wire form they are normalised to, and that redeem stores exactly what they accept.
#include "DemoData.h"
#include "TestSupport.h"
#include "boxoffice/checkin/Answers.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"

#include <catch2/catch.hpp>

using namespace boxoffice;
using checkin::AnswerProblem;
using checkin::checkAnswer;
using checkin::checkChoices;

namespace {

model::Question question(const std::string& type, bool required = true) {
    model::Question q;
    q.id = 77;
    q.type = type;
    q.required = required;
    q.askDuringCheckin = true;
    return q;
}

model::Question shirt(const std::string& type) {
    auto q = question(type);
    q.options = {{9, "M", 0, model::I18nString::plain("M")},
                 {10, "L", 1, model::I18nString::plain("L")},
                 {11, "XL", 2, model::I18nString::plain("XL")}};
    return q;
}

// The wire form of an accepted answer, or the problem's number when it is refused.
std::string wire(const model::Question& q, std::string_view given) {
    const auto c = checkAnswer(q, given);
    return c.ok() ? c.wire : "problem " + std::to_string(static_cast<int>(c.problem));
}

std::string refused(AnswerProblem p) {
    return "problem " + std::to_string(static_cast<int>(p));
}

} // namespace

TEST_CASE("required questions refuse an empty answer, optional ones are skipped", "[checkin][answers]") {
    for (const char* type : {"N", "S", "T", "B", "C", "M", "D", "H", "W", "CC", "TEL", "F"}) {
        INFO(type);
        CHECK(checkAnswer(question(type), "").problem == AnswerProblem::Required);
        CHECK(checkAnswer(question(type), "  \t ").problem == AnswerProblem::Required);
        const auto skipped = checkAnswer(question(type, false), " ");
        CHECK(skipped.ok());
        CHECK(skipped.skipped);
        CHECK(skipped.wire.empty());
    }
    CHECK(checkChoices(shirt("M"), {}).problem == AnswerProblem::Required);
    CHECK(checkAnswer(question("EMAIL"), "a@example.com").problem == AnswerProblem::UnknownType);
}

TEST_CASE("numbers: sign, digits and a decimal point, normalised", "[checkin][answers]") {
    const auto n = question("N");
    CHECK(wire(n, "42") == "42");
    CHECK(wire(n, " -1.50 ") == "-1.50");
    CHECK(wire(n, "+3") == "3");
    CHECK(wire(n, ".5") == "0.5");
    CHECK(wire(n, "7.") == "7");
    for (const char* bad : {"abc", "1e3", "nan", "inf", "1,5", "1.2.3", "-", ".", "0x1A", "12 3"}) {
        INFO(bad);
        CHECK(wire(n, bad) == refused(AnswerProblem::NotANumber));
    }
}

TEST_CASE("yes/no: True or False, a required one must be yes", "[checkin][answers]") {
    CHECK(wire(question("B"), "true") == "True");
    CHECK(wire(question("B"), "True") == "True");
    CHECK(wire(question("B"), "False") == refused(AnswerProblem::Required));
    CHECK(wire(question("B", false), "false") == "False");
    CHECK(wire(question("B"), "yes") == refused(AnswerProblem::NotYesNo));
    const auto stored = checkAnswer(question("B"), "true");
    CHECK(stored.answer.questionId == 77);
    CHECK(stored.answer.answer == "True");
}

TEST_CASE("choices: option IDs or identifiers of the question, one for C, any number for M", "[checkin][answers]") {
    CHECK(wire(shirt("C"), "10") == "10");
    CHECK(wire(shirt("C"), "9,10") == refused(AnswerProblem::OneOptionOnly));
    CHECK(wire(shirt("C"), "12") == refused(AnswerProblem::UnknownOption));
    CHECK(wire(shirt("C"), "XXL") == refused(AnswerProblem::UnknownOption));
    CHECK(wire(shirt("M"), "L, 11") == "10,11");
    CHECK(wire(shirt("M"), "M,9") == refused(AnswerProblem::UnknownOption));  // the same option twice
    CHECK(wire(shirt("M"), " 9 , 11") == "9,11");
    CHECK(wire(shirt("M"), "9,9") == refused(AnswerProblem::UnknownOption));
    CHECK(wire(shirt("M"), "9,") == refused(AnswerProblem::UnknownOption));
    const auto both = checkChoices(shirt("M"), {11, 9});
    REQUIRE(both.ok());
    CHECK(both.wire == "11,9");
    CHECK(both.answer.answer == "XL, M");
    CHECK(both.answer.options == std::vector<model::Id>{11, 9});
    CHECK(checkChoices(question("S"), {9}).problem == AnswerProblem::UnknownType);
}

TEST_CASE("choices: an identifier as pretix takes it, by itself or beside IDs", "[checkin][answers]") {
    const auto byIdentifier = checkAnswer(shirt("C"), "L");
    REQUIRE(byIdentifier.ok());
    CHECK(byIdentifier.wire == "10");
    CHECK(byIdentifier.answer.answer == "L");
    CHECK(byIdentifier.answer.options == std::vector<model::Id>{10});
    // An identifier that is another option's ID names two options: refused, as pretix does.
    auto q = shirt("C");
    q.options[1].identifier = "9";
    CHECK(wire(q, "9") == refused(AnswerProblem::UnknownOption));
    CHECK(wire(q, "11") == "11");
}

TEST_CASE("dates, times and date-times in ISO form", "[checkin][answers]") {
    CHECK(wire(question("D"), "2026-07-01") == "2026-07-01");
    CHECK(wire(question("D"), "2026-02-30") == refused(AnswerProblem::NotADate));
    CHECK(wire(question("D"), "01.07.2026") == refused(AnswerProblem::NotADate));
    CHECK(wire(question("H"), "9:05") == "09:05");
    CHECK(wire(question("H"), "18:30:15") == "18:30:15");
    for (const char* bad : {"24:00", "12:60", "12", "12:5", "12:30:61", "noon"}) {
        INFO(bad);
        CHECK(wire(question("H"), bad) == refused(AnswerProblem::NotATime));
    }
    CHECK(wire(question("W"), "2026-07-01T18:30") == "2026-07-01T18:30");
    CHECK(wire(question("W"), "2026-07-01 18:30:05Z") == "2026-07-01T18:30:05Z");
    CHECK(wire(question("W"), "2026-07-01T18:30+02:00") == "2026-07-01T18:30+02:00");
    for (const char* bad : {"2026-07-01", "2026-07-01T25:00", "2026-13-01T10:00", "2026-07-01T10:00+2"}) {
        INFO(bad);
        CHECK(wire(question("W"), bad) == refused(AnswerProblem::NotADateTime));
    }
}

TEST_CASE("countries, phone numbers, files and text", "[checkin][answers]") {
    CHECK(wire(question("CC"), "de") == "DE");
    CHECK(wire(question("CC"), "XX") == refused(AnswerProblem::UnknownCountry));
    CHECK(wire(question("CC"), "Germany") == refused(AnswerProblem::UnknownCountry));
    CHECK(checkin::countries().size() == 249);
    CHECK(checkin::isCountryCode("AX"));
    CHECK_FALSE(checkin::isCountryCode("ax"));

    CHECK(wire(question("TEL"), "+49 30 1234-567") == "+49301234567");
    CHECK(wire(question("TEL"), "0049 (30) 1234567") == "+49301234567");
    CHECK(wire(question("TEL"), "030 1234567") == refused(AnswerProblem::NotAPhoneNumber));
    CHECK(wire(question("TEL"), "+49 abc") == refused(AnswerProblem::NotAPhoneNumber));
    CHECK(wire(question("TEL"), "+12345") == refused(AnswerProblem::NotAPhoneNumber));

    CHECK(wire(question("F"), "file:1f550651") == "file:1f550651");
    CHECK(wire(question("F"), "photo.jpg") == refused(AnswerProblem::NotAFile));

    CHECK(wire(question("S"), "  Vegetarian ") == "Vegetarian");
    CHECK(wire(question("T"), "line one\nline two\n") == "line one\nline two");
}

TEST_CASE("redeem stores the normalised answer and drops one the rules refuse", "[checkin][answers]") {
    test::TempDir dir;
    model::Store store(dir / "box.sqlite");
    const auto ids = test::createDemoData(store);
    auto phone = question("TEL");
    phone.id = 41;
    phone.eventId = ids.eventId;
    phone.question = model::I18nString::plain("Phone");
    phone.items = {test::DemoIds::kDayTicket};
    model::EventRepository(store).upsertQuestion(phone);

    checkin::RedeemRequest req;
    req.code = "paidsecret0001";
    req.listId = test::DemoIds::kMainList;
    req.answers[41] = "030 1234567"; // no country code: dropped, still outstanding
    auto r = checkin::redeem(store, ids.eventId, req);
    REQUIRE(r.ok());
    CHECK(r->status == checkin::Status::Incomplete);
    REQUIRE(r->questions.size() == 1);
    CHECK(r->questions[0].id == 41);

    req.answers[41] = "+49 30 1234567";
    r = checkin::redeem(store, ids.eventId, req);
    REQUIRE(r.ok());
    CHECK(r->status == checkin::Status::Ok);
    const auto pos = model::OrderRepository(store).position(ids.eventId, test::DemoIds::kPaidPosition);
    REQUIRE(pos);
    REQUIRE(pos->answers.size() == 1);
    CHECK(pos->answers[0].questionId == 41);
    CHECK(pos->answers[0].answer == "+49301234567");
}
