// Asks the check-in questions a redeem came back with (status Incomplete): one labelled control
// per question, built from its type (text, number, yes/no, one or several options, date, time,
// date and time, country, phone number; a file cannot be given here and the dialog says so).
// Each answer is checked with the rules redeem applies (checkin::checkAnswer): the problem is
// shown beside its field when the field is left or OK is pressed, and OK is refused until every
// answer is valid. answers() then gives the wire form for RedeemRequest::answers. Controls are
// named "question.<id>" (their error text "question.<id>.error") for tests and screen readers.
// The door uses the large variant. Created on the stack and shown modally; UI thread only.
#pragma once

#include "boxoffice/checkin/Answers.h"
#include "boxoffice/model/Question.h"

#include <map>
#include <string>
#include <vector>
#include <wx/dialog.h>

class wxStaticText;

namespace boxoffice::gui {

// The problem in the user's language ("Enter a number, e.g. 12 or 2.5.").
wxString answerProblemText(checkin::AnswerProblem problem);

class QuestionDialog : public wxDialog {
public:
    enum class Variant { Desk, Door };

    // `ticket`: whose questions these are (attendee and product), shown above them.
    QuestionDialog(wxWindow* parent, const wxString& ticket, std::vector<model::Question> questions,
                   Variant variant = Variant::Desk);

    // Question ID -> answer in wire form ("" for an optional question left unanswered). Valid
    // once the dialog ended with wxID_OK.
    std::map<model::Id, std::string> answers() const;

private:
    struct Field {
        model::Question question;
        wxWindow* control = nullptr; // the control itself; for W the date picker
        wxWindow* extra = nullptr;   // W: the time picker; H: the "answer with this time" check box
        wxStaticText* error = nullptr;
        // C, CC: the wire value of each choice item (item 0: no answer); M: each item's option ID.
        std::vector<std::string> values;
    };
    void addField(wxWindow* parent, wxSizer* column, model::Question question);
    checkin::CheckedAnswer check(const Field& field) const;
    // Shows or clears the field's problem; true when its answer is valid.
    bool showCheck(const Field& field);
    void onOk();
    // Sizes the dialog to its content (the questions scroll beyond two thirds of the screen) and
    // centres it. Run again once shown: GTK measures a changed font only then.
    void fitToContent();

    std::vector<Field> m_fields;
    wxWindow* m_fieldsWindow = nullptr;
};

} // namespace boxoffice::gui
