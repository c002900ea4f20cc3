// Check-in answers: whether what a person gave answers a question, the form in which it travels
// (RedeemRequest::answers, the API's "answers") and is stored, and why not when it does not. One
// set of rules for every way in: checkin::redeem keeps only the answers this accepts (pretix's
// Question.clean_answer, invalid ones are dropped), and the desk's question dialog checks with it
// before it sends them, so what the dialog accepts the redeem stores.
// Pure functions of their arguments; any thread.
#pragma once

#include "boxoffice/model/Order.h"
#include "boxoffice/model/Question.h"

#include <string>
#include <string_view>
#include <vector>

namespace boxoffice::checkin {

// Why an answer was not taken. The GUI words these in the user's language.
enum class AnswerProblem {
    None,
    Required,        // nothing given for a required question; a required yes/no must be yes
    NotANumber,      // N: digits with an optional sign and "." decimals ("-1.5")
    NotYesNo,        // B: "True" or "False"
    UnknownOption,   // C, M: an ID or identifier that is not one of the question's options, or given twice
    OneOptionOnly,   // C: more than one option
    NotADate,        // D: a calendar date "2026-07-01"
    NotATime,        // H: "18:30" or "18:30:15"
    NotADateTime,    // W: "2026-07-01T18:30" with optional seconds and zone ("Z", "+02:00")
    UnknownCountry,  // CC: not an ISO 3166-1 alpha-2 code
    NotAPhoneNumber, // TEL: "+" (or "00"), the country code and number, 7 to 15 digits
    NotAFile,        // F: not a reference to an upload ("file:<id>"); the desk cannot give one
    UnknownType,     // a question type this program does not know
};

struct CheckedAnswer {
    AnswerProblem problem = AnswerProblem::None;
    // An optional question left without an answer: valid, nothing is stored.
    bool skipped = false;
    // What RedeemRequest::answers takes for this question ("" when skipped): trimmed, numbers
    // with "." and no "+", yes/no as "True"/"False", choices as option IDs ("9,10"), dates
    // "YYYY-MM-DD", times "HH:MM[:SS]", date-times "YYYY-MM-DDTHH:MM[:SS][zone]", country codes
    // in capitals, phone numbers "+" and digits.
    std::string wire;
    // What the store keeps (unless skipped or invalid): the wire form, or for choices the chosen
    // options' texts joined with ", " and their IDs.
    model::Answer answer;

    bool ok() const { return problem == AnswerProblem::None; }
};

// Checks `given` (as typed, or as received on the wire) as an answer to `question`. Choices are
// option IDs or option identifiers, comma-separated.
CheckedAnswer checkAnswer(const model::Question& question, std::string_view given);

// The same for the options a person ticked (C, M; empty: none); for other types, UnknownType.
CheckedAnswer checkChoices(const model::Question& question, const std::vector<model::Id>& chosen);

// ISO 3166-1 alpha-2 countries, sorted by code; the names are English (data, not translated).
struct Country {
    std::string_view code;
    std::string_view name; // UTF-8
};
const std::vector<Country>& countries();
bool isCountryCode(std::string_view code); // exact: capitals

} // namespace boxoffice::checkin
