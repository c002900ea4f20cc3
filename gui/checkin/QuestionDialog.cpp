#include "checkin/QuestionDialog.h"

#include "boxoffice/gui/Format.h"

#include <algorithm>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/display.h>
#include <wx/numformatter.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timectrl.h>

namespace boxoffice::gui {

namespace {

const wxColour kErrorColour(0xB0, 0x00, 0x20);

wxString controlName(const model::Question& question) {
    return wxString::Format(wxS("question.%lld"), static_cast<long long>(question.id));
}

// The person's text as the rules read it: numbers with the locale's decimal separator become "."
// numbers ("2,5" in German is 2.5).
std::string typed(const model::Question& question, const wxString& text) {
    wxString value = text;
    const wxChar separator = wxNumberFormatter::GetDecimalSeparator();
    if (question.type == "N" && separator != wxS('.')) {
        value.Replace(wxString(separator), wxS("."));
    }
    return value.utf8_string();
}

std::string isoTime(const wxTimePickerCtrl& picker) {
    int hour = 0;
    int minute = 0;
    int second = 0;
    picker.GetTime(&hour, &minute, &second);
    return wxString::Format(wxS("%02d:%02d"), hour, minute).utf8_string();
}

} // namespace

wxString answerProblemText(checkin::AnswerProblem problem) {
    switch (problem) {
    case checkin::AnswerProblem::None:
        return {};
    case checkin::AnswerProblem::Required:
        return _("An answer is required.");
    case checkin::AnswerProblem::NotANumber:
        return _("Enter a number, e.g. 12 or 2.5.");
    case checkin::AnswerProblem::NotYesNo:
        return _("Answer yes or no.");
    case checkin::AnswerProblem::UnknownOption:
        return _("Choose one of the options.");
    case checkin::AnswerProblem::OneOptionOnly:
        return _("Choose only one option.");
    case checkin::AnswerProblem::NotADate:
        return _("Enter a date.");
    case checkin::AnswerProblem::NotATime:
        return _("Enter a time, e.g. 18:30.");
    case checkin::AnswerProblem::NotADateTime:
        return _("Enter a date and a time.");
    case checkin::AnswerProblem::UnknownCountry:
        return _("Choose a country.");
    case checkin::AnswerProblem::NotAPhoneNumber:
        return _("Enter the number with its country code, e.g. +49 30 1234567.");
    case checkin::AnswerProblem::NotAFile:
        return _("A file is asked for; files cannot be given at the desk.");
    case checkin::AnswerProblem::UnknownType:
        return _("This kind of question cannot be answered here.");
    }
    return {};
}

QuestionDialog::QuestionDialog(wxWindow* parent, const wxString& ticket,
                               std::vector<model::Question> questions, Variant variant)
    : wxDialog(parent, wxID_ANY, _("Check-in questions"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("questions")) {
    if (variant == Variant::Door) {
        // Read at arm's length at the door; every control below inherits it.
        SetFont(GetFont().Scaled(1.6f));
    }
    std::stable_sort(
        questions.begin(), questions.end(),
        [](const model::Question& a, const model::Question& b) { return a.position < b.position; });

    auto* column = new wxBoxSizer(wxVERTICAL);
    if (!ticket.empty()) {
        auto* who = new wxStaticText(this, wxID_ANY, ticket, wxDefaultPosition, wxDefaultSize, 0,
                                     wxS("questions.ticket"));
        who->SetFont(who->GetFont().Bold());
        column->Add(who, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
    }
    column->Add(
        new wxStaticText(this, wxID_ANY,
                         _("Answer these questions to check the ticket in. Questions marked * must be "
                           "answered.")),
        0, wxEXPAND | wxALL, 12);

    auto* fields = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                        wxVSCROLL | wxTAB_TRAVERSAL, wxS("questions.fields"));
    fields->SetScrollRate(0, 10);
    auto* grid = new wxFlexGridSizer(2, 8, 12);
    grid->AddGrowableCol(1, 1);
    for (auto& question : questions) {
        addField(fields, grid, std::move(question));
    }
    fields->SetSizer(grid);
    m_fieldsWindow = fields;
    column->Add(fields, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);

    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = dynamic_cast<wxButton*>(FindWindow(wxID_OK))) {
        ok->SetLabel(_("Check &in"));
        ok->SetName(wxS("questions.ok"));
        ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onOk(); });
    }
    if (auto* cancel = FindWindow(wxID_CANCEL)) {
        cancel->SetName(wxS("questions.cancel"));
    }
    column->Add(buttons, 0, wxEXPAND | wxALL, 12);
    SetSizer(column);
    fitToContent();
    CallAfter([this] { fitToContent(); });
    if (!m_fields.empty()) {
        m_fields.front().control->SetFocus();
    }
}

void QuestionDialog::fitToContent() {
    const wxSize before = GetSize();
    m_fieldsWindow->SetMinSize(wxDefaultSize);
    m_fieldsWindow->FitInside();
    // As tall as the questions need, but never taller than most of the screen: then it scrolls.
    const int display = wxDisplay::GetFromWindow(GetParent() ? GetParent() : this);
    const wxRect screen =
        wxDisplay(display == wxNOT_FOUND ? 0U : static_cast<unsigned>(display)).GetClientArea();
    wxSize wanted = m_fieldsWindow->GetSizer()->CalcMin();
    wanted.y = std::min(wanted.y, screen.height * 2 / 3);
    m_fieldsWindow->SetMinSize(wanted);
    GetSizer()->SetSizeHints(this);
    if (GetSize() != before) {
        CentreOnParent();
    }
}

void QuestionDialog::addField(wxWindow* parent, wxSizer* grid, model::Question question) {
    Field field;
    const wxString name = controlName(question);
    const wxString text = localized(question.question) + (question.required ? wxS(" *") : wxString());
    auto* cell = new wxBoxSizer(wxVERTICAL);
    const std::string& type = question.type;
    wxStaticText* label = nullptr;
    if (type != "B") {
        label = new wxStaticText(parent, wxID_ANY, text);
        label->Wrap(parent->FromDIP(320));
    }
    if (type == "B") {
        field.control = new wxCheckBox(parent, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, 0,
                                       wxDefaultValidator, name);
    } else if (type == "C" || type == "CC") {
        wxArrayString items;
        items.Add(wxString()); // no answer yet
        field.values.emplace_back();
        if (type == "C") {
            auto options = question.options;
            std::stable_sort(options.begin(), options.end(),
                             [](const auto& a, const auto& b) { return a.position < b.position; });
            for (const auto& option : options) {
                items.Add(localized(option.answer));
                field.values.push_back(std::to_string(option.id));
            }
        } else {
            std::vector<checkin::Country> byName = checkin::countries();
            std::sort(byName.begin(), byName.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
            for (const auto& country : byName) {
                const std::string code(country.code);
                items.Add(fromUtf8(std::string(country.name)) + wxS(" (") + fromUtf8(code) + wxS(")"));
                field.values.push_back(code);
            }
        }
        auto* choice = new wxChoice(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, items, 0,
                                    wxDefaultValidator, name);
        choice->SetSelection(0);
        field.control = choice;
    } else if (type == "M") {
        wxArrayString items;
        auto options = question.options;
        std::stable_sort(options.begin(), options.end(),
                         [](const auto& a, const auto& b) { return a.position < b.position; });
        for (const auto& option : options) {
            items.Add(localized(option.answer));
            field.values.push_back(std::to_string(option.id));
        }
        field.control = new wxCheckListBox(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, items, 0,
                                           wxDefaultValidator, name);
    } else if (type == "D" || type == "W") {
        auto* date =
            new wxDatePickerCtrl(parent, wxID_ANY, wxDefaultDateTime, wxDefaultPosition, wxDefaultSize,
                                 wxDP_DROPDOWN | wxDP_SHOWCENTURY | wxDP_ALLOWNONE, wxDefaultValidator, name);
        date->SetValue(wxInvalidDateTime); // nothing chosen yet
        field.control = date;
        if (type == "W") {
            field.extra =
                new wxTimePickerCtrl(parent, wxID_ANY, wxDateTime::Today(), wxDefaultPosition, wxDefaultSize,
                                     wxTP_DEFAULT, wxDefaultValidator, name + wxS(".time"));
        }
    } else if (type == "H") {
        field.control = new wxTimePickerCtrl(parent, wxID_ANY, wxDateTime::Today(), wxDefaultPosition,
                                             wxDefaultSize, wxTP_DEFAULT, wxDefaultValidator, name);
        // A time picker always shows a time: this says whether it is the answer. Setting a time
        // ticks it; midnight itself is given by ticking it.
        auto* given = new wxCheckBox(parent, wxID_ANY, _("Answer with this time"), wxDefaultPosition,
                                     wxDefaultSize, 0, wxDefaultValidator, name + wxS(".given"));
        field.extra = given;
    } else if (type == "F") {
        field.control = new wxStaticText(parent, wxID_ANY,
                                         _("A file is asked for here. Files cannot be given at the "
                                           "desk."),
                                         wxDefaultPosition, wxDefaultSize, 0, name);
    } else {
        const bool multiline = type == "T";
        auto* entry = new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition,
                                     multiline ? parent->FromDIP(wxSize(-1, 80)) : wxDefaultSize,
                                     multiline ? wxTE_MULTILINE : 0, wxDefaultValidator, name);
        if (type == "N") {
            entry->SetHint(_("A number"));
        } else if (type == "TEL") {
            entry->SetHint(wxS("+49 30 1234567"));
        }
        field.control = entry;
    }
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(field.control, type == "M" || type == "T" || type == "S" || type == "N" || type == "TEL" ? 1 : 0,
             wxALIGN_CENTER_VERTICAL);
    if (field.extra) {
        row->Add(field.extra, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
    }
    cell->Add(row, 0, wxEXPAND);
    if (!question.helpText.empty()) {
        auto* help = new wxStaticText(parent, wxID_ANY, localized(question.helpText));
        help->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        help->Wrap(parent->FromDIP(360));
        cell->Add(help, 0, wxTOP, 2);
    }
    field.error = new wxStaticText(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   name + wxS(".error"));
    field.error->SetForegroundColour(kErrorColour);
    field.error->SetMinSize(wxSize(-1, field.error->GetCharHeight())); // room for a problem, so nothing jumps
    cell->Add(field.error, 0, wxEXPAND | wxTOP, 2);
    if (label) {
        grid->Add(label, 0, wxALIGN_TOP | wxTOP, 4);
    } else {
        grid->AddSpacer(0);
    }
    grid->Add(cell, 1, wxEXPAND);

    field.question = std::move(question);
    m_fields.push_back(std::move(field));
    const std::size_t index = m_fields.size() - 1;
    // A problem appears when the person leaves the field (or presses OK) and goes as soon as the
    // answer is right; choices are checked as they are made.
    // Not once the dialog has ended: focus leaving a control as the dialog closes changes nothing.
    auto recheck = [this, index](wxEvent& event) {
        if (IsShown() && !m_fields[index].error->GetLabel().empty()) {
            showCheck(m_fields[index]);
        }
        event.Skip();
    };
    auto checkNow = [this, index](wxEvent& event) {
        if (IsShown()) {
            showCheck(m_fields[index]);
        }
        event.Skip();
    };
    wxWindow* control = m_fields.back().control;
    control->Bind(wxEVT_TEXT, recheck);
    control->Bind(wxEVT_KILL_FOCUS, checkNow);
    control->Bind(wxEVT_CHOICE, checkNow);
    control->Bind(wxEVT_CHECKBOX, checkNow);
    control->Bind(wxEVT_CHECKLISTBOX, checkNow);
    control->Bind(wxEVT_DATE_CHANGED, checkNow);
    control->Bind(wxEVT_TIME_CHANGED, recheck);
    if (auto* extra = m_fields.back().extra) {
        extra->Bind(wxEVT_TIME_CHANGED, recheck);
        extra->Bind(wxEVT_CHECKBOX, checkNow);
    }
    if (auto* given = dynamic_cast<wxCheckBox*>(m_fields.back().extra)) {
        // Bound last, so it runs before the check above.
        control->Bind(wxEVT_TIME_CHANGED, [given](wxDateEvent& event) {
            given->SetValue(true);
            event.Skip();
        });
    }
}

checkin::CheckedAnswer QuestionDialog::check(const Field& field) const {
    const auto& question = field.question;
    const std::string& type = question.type;
    if (auto* entry = dynamic_cast<const wxTextCtrl*>(field.control)) {
        return checkin::checkAnswer(question, typed(question, entry->GetValue()));
    }
    if (auto* box = dynamic_cast<const wxCheckBox*>(field.control)) {
        return checkin::checkAnswer(question, box->GetValue() ? "True" : "False");
    }
    if (auto* choice = dynamic_cast<const wxChoice*>(field.control)) {
        const int selected = choice->GetSelection();
        const std::string value = selected > 0 && static_cast<std::size_t>(selected) < field.values.size()
                                      ? field.values[static_cast<std::size_t>(selected)]
                                      : std::string();
        return checkin::checkAnswer(question, value);
    }
    if (auto* list = dynamic_cast<const wxCheckListBox*>(field.control)) {
        std::vector<model::Id> chosen;
        for (unsigned i = 0; i < list->GetCount() && i < field.values.size(); ++i) {
            if (list->IsChecked(i)) {
                chosen.push_back(std::stoll(field.values[i]));
            }
        }
        return checkin::checkChoices(question, chosen);
    }
    if (auto* date = dynamic_cast<const wxDatePickerCtrl*>(field.control)) {
        const wxDateTime value = date->GetValue();
        if (!value.IsValid()) {
            return checkin::checkAnswer(question, "");
        }
        std::string text = value.FormatISODate().utf8_string();
        if (auto* time = dynamic_cast<const wxTimePickerCtrl*>(field.extra)) {
            text += "T" + isoTime(*time);
        }
        return checkin::checkAnswer(question, text);
    }
    if (auto* time = dynamic_cast<const wxTimePickerCtrl*>(field.control)) {
        const auto* given = dynamic_cast<const wxCheckBox*>(field.extra);
        return checkin::checkAnswer(question, given && !given->GetValue() ? std::string() : isoTime(*time));
    }
    if (type == "F" && question.required) {
        checkin::CheckedAnswer refused;
        refused.problem = checkin::AnswerProblem::NotAFile;
        return refused;
    }
    return checkin::checkAnswer(question, "");
}

bool QuestionDialog::showCheck(const Field& field) {
    const auto checked = check(field);
    const wxString text = answerProblemText(checked.problem);
    if (field.error->GetLabel() != text) {
        field.error->SetLabel(text);
        field.error->Wrap(field.error->GetParent()->FromDIP(360));
        fitToContent();
    }
    return checked.ok();
}

void QuestionDialog::onOk() {
    wxWindow* firstWrong = nullptr;
    for (const auto& field : m_fields) {
        if (!showCheck(field) && !firstWrong) {
            firstWrong = field.control;
        }
    }
    if (firstWrong) {
        firstWrong->SetFocus();
        return; // refused: the problems are shown beside their fields
    }
    EndDialog(wxID_OK); // EndModal when shown modally (always, but in tests)
}

std::map<model::Id, std::string> QuestionDialog::answers() const {
    std::map<model::Id, std::string> answers;
    for (const auto& field : m_fields) {
        auto checked = check(field);
        if (checked.ok()) {
            answers[field.question.id] = std::move(checked.wire);
        }
    }
    return answers;
}

} // namespace boxoffice::gui
