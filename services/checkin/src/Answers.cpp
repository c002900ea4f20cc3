#include "boxoffice/checkin/Answers.h"

#include "boxoffice/model/Time.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>

namespace boxoffice::checkin {

using model::Id;

namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isSpace(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::optional<int> number(std::string_view s) {
    int v = 0;
    if (s.empty() || !std::all_of(s.begin(), s.end(), isDigit)) {
        return std::nullopt;
    }
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

// "-1.5", "+2", ".5", "3." (pretix's Decimal without exponents, NaN or infinity); "" when not one.
std::string normalNumber(std::string_view s) {
    std::string out;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        if (s.front() == '-') {
            out += '-';
        }
        s.remove_prefix(1);
    }
    const auto point = s.find('.');
    const std::string_view whole = s.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : s.substr(point + 1);
    if ((whole.empty() && fraction.empty()) || !std::all_of(whole.begin(), whole.end(), isDigit) ||
        !std::all_of(fraction.begin(), fraction.end(), isDigit)) {
        return {};
    }
    out += whole.empty() ? std::string_view("0") : whole;
    if (!fraction.empty()) {
        out += '.';
        out += fraction;
    }
    return out;
}

// "H:MM", "HH:MM" or "HH:MM:SS" as "HH:MM[:SS]"; "" when not a time of day.
std::string normalTime(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2) {
        return {};
    }
    const auto hours = number(s.substr(0, colon));
    const std::string_view rest = s.substr(colon + 1);
    const auto minutes = rest.size() >= 2 ? number(rest.substr(0, 2)) : std::nullopt;
    std::optional<int> seconds;
    if (rest.size() == 5 && rest[2] == ':') {
        seconds = number(rest.substr(3, 2));
        if (!seconds || *seconds > 59) {
            return {};
        }
    } else if (rest.size() != 2) {
        return {};
    }
    if (!hours || !minutes || *hours > 23 || *minutes > 59) {
        return {};
    }
    char buf[40]; // room for any int, so the compiler sees no truncation
    if (seconds) {
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", *hours, *minutes, *seconds);
    } else {
        std::snprintf(buf, sizeof buf, "%02d:%02d", *hours, *minutes);
    }
    return buf;
}

// "YYYY-MM-DDTHH:MM[:SS]" (or a space for "T"), then nothing, "Z" or "+HH:MM"/"-HH:MM".
std::string normalDateTime(std::string_view s) {
    if (s.size() < 16 || (s[10] != 'T' && s[10] != ' ')) {
        return {};
    }
    const auto date = model::parseDate(s.substr(0, 10));
    std::string_view rest = s.substr(11);
    std::string zone;
    if (!rest.empty() && rest.back() == 'Z') {
        zone = "Z";
        rest.remove_suffix(1);
    } else if (rest.size() > 6 && (rest[rest.size() - 6] == '+' || rest[rest.size() - 6] == '-')) {
        const std::string_view offset = rest.substr(rest.size() - 6);
        const auto h = number(offset.substr(1, 2));
        const auto m = number(offset.substr(4, 2));
        if (offset[3] != ':' || !h || !m || *h > 23 || *m > 59) {
            return {};
        }
        zone = offset;
        rest.remove_suffix(6);
    }
    const std::string time = normalTime(rest);
    if (!date || time.empty()) {
        return {};
    }
    return model::formatDate(*date) + "T" + time + zone;
}

// "+49 30 1234-567", "0049 (30) 1234567" as "+49301234567"; "" when not an international number.
std::string normalPhone(std::string_view s) {
    if (s.starts_with("00")) {
        s.remove_prefix(2);
    } else if (s.starts_with('+')) {
        s.remove_prefix(1);
    } else {
        return {};
    }
    std::string out = "+";
    for (const char c : s) {
        if (isDigit(c)) {
            out += c;
        } else if (c != ' ' && c != '-' && c != '/' && c != '.' && c != '(' && c != ')') {
            return {};
        }
    }
    const auto digits = out.size() - 1;
    if (digits < 7 || digits > 15 || out[1] == '0') {
        return {};
    }
    return out;
}

CheckedAnswer problem(AnswerProblem p) {
    CheckedAnswer c;
    c.problem = p;
    return c;
}

CheckedAnswer skippedOrRequired(const model::Question& q) {
    if (q.required) {
        return problem(AnswerProblem::Required);
    }
    CheckedAnswer c;
    c.skipped = true;
    return c;
}

CheckedAnswer accepted(const model::Question& q, std::string wire) {
    CheckedAnswer c;
    c.answer.questionId = q.id;
    c.answer.answer = wire;
    c.wire = std::move(wire);
    return c;
}

// The option `part` names, by its ID or its identifier (as pretix's clean_answer takes either);
// nullopt when none does or when the two name different options.
std::optional<Id> optionId(const model::Question& q, std::string_view part) {
    if (part.empty()) {
        return std::nullopt;
    }
    Id id = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
    const bool numeric = ec == std::errc() && ptr == part.data() + part.size() && id > 0;
    std::optional<Id> found;
    for (const auto& o : q.options) {
        if ((numeric && o.id == id) || (!o.identifier.empty() && o.identifier == part)) {
            if (found && *found != o.id) {
                return std::nullopt;
            }
            found = o.id;
        }
    }
    // An ID no option has is left to checkChoices, which refuses it.
    return found ? found : numeric ? std::optional<Id>(id) : std::nullopt;
}

} // namespace

CheckedAnswer checkChoices(const model::Question& q, const std::vector<Id>& chosen) {
    if (q.type != "C" && q.type != "M") {
        return problem(AnswerProblem::UnknownType);
    }
    if (chosen.empty()) {
        return skippedOrRequired(q);
    }
    if (q.type == "C" && chosen.size() > 1) {
        return problem(AnswerProblem::OneOptionOnly);
    }
    CheckedAnswer c;
    c.answer.questionId = q.id;
    for (const Id id : chosen) {
        const auto option = std::find_if(q.options.begin(), q.options.end(),
                                         [&](const model::QuestionOption& o) { return o.id == id; });
        if (option == q.options.end() ||
            std::find(c.answer.options.begin(), c.answer.options.end(), id) != c.answer.options.end()) {
            return problem(AnswerProblem::UnknownOption);
        }
        c.answer.options.push_back(id);
        c.wire += (c.wire.empty() ? "" : ",") + std::to_string(id);
        c.answer.answer += (c.answer.answer.empty() ? "" : ", ") + option->answer.text();
    }
    return c;
}

CheckedAnswer checkAnswer(const model::Question& q, std::string_view given) {
    if (!model::Question::isKnownType(q.type)) {
        return problem(AnswerProblem::UnknownType);
    }
    const std::string_view text = trim(given);
    if (text.empty()) {
        return skippedOrRequired(q);
    }
    if (q.type == "C" || q.type == "M") {
        std::vector<Id> chosen;
        std::string_view rest = text;
        for (;;) {
            const auto comma = rest.find(',');
            const std::string_view part = trim(rest.substr(0, comma));
            const auto id = optionId(q, part);
            if (!id) {
                return problem(AnswerProblem::UnknownOption);
            }
            chosen.push_back(*id);
            if (comma == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(comma + 1);
        }
        return checkChoices(q, chosen);
    }
    if (q.type == "B") {
        const bool yes = text == "True" || text == "true";
        if (!yes && text != "False" && text != "false") {
            return problem(AnswerProblem::NotYesNo);
        }
        if (!yes && q.required) {
            return problem(AnswerProblem::Required);
        }
        return accepted(q, yes ? "True" : "False");
    }
    if (q.type == "N") {
        std::string wire = normalNumber(text);
        return wire.empty() ? problem(AnswerProblem::NotANumber) : accepted(q, std::move(wire));
    }
    if (q.type == "D") {
        const auto date = model::parseDate(text);
        return date ? accepted(q, model::formatDate(*date)) : problem(AnswerProblem::NotADate);
    }
    if (q.type == "H") {
        std::string wire = normalTime(text);
        return wire.empty() ? problem(AnswerProblem::NotATime) : accepted(q, std::move(wire));
    }
    if (q.type == "W") {
        std::string wire = normalDateTime(text);
        return wire.empty() ? problem(AnswerProblem::NotADateTime) : accepted(q, std::move(wire));
    }
    if (q.type == "CC") {
        std::string code(text);
        std::transform(code.begin(), code.end(), code.begin(),
                       [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
        return isCountryCode(code) ? accepted(q, std::move(code)) : problem(AnswerProblem::UnknownCountry);
    }
    if (q.type == "TEL") {
        std::string wire = normalPhone(text);
        return wire.empty() ? problem(AnswerProblem::NotAPhoneNumber) : accepted(q, std::move(wire));
    }
    if (q.type == "F") {
        return text.starts_with("file:") && text.size() > 5 ? accepted(q, std::string(text))
                                                            : problem(AnswerProblem::NotAFile);
    }
    return accepted(q, std::string(text)); // S, T: any text
}

} // namespace boxoffice::checkin
