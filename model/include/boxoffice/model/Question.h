// Questions asked of buyers or at the door, with the products they apply to and their options.
#pragma once

#include <string>
#include <vector>

#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

struct QuestionOption {
    Id id = 0;
    std::string identifier;
    int position = 0;
    I18nString answer;
};

// pretix question types: N number, S one-line text, T multi-line text, B yes/no, C one choice,
// M several choices, F file, D date, H time, W date and time, CC country, TEL phone number.
struct Question {
    Id id = 0;
    Id eventId = 0;
    std::string identifier;
    I18nString question;
    I18nString helpText;
    std::string type = "S";
    bool required = false;
    bool hidden = false;
    bool askDuringCheckin = false;
    int position = 0;
    std::vector<Id> items;
    std::vector<QuestionOption> options;

    static bool isKnownType(const std::string& type);
};

}  // namespace boxoffice::model
