#include "setup/QuestionForm.h"

#include "boxoffice/gui/Format.h"
#include "setup/RowEditor.h"

#include <algorithm>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

// Every type model::Question knows, in the order pretix offers them.
struct QuestionType {
    const char* code;
    wxString (*label)();
};
const QuestionType kTypes[] = {
    {"S", [] { return _("Text (one line)"); }},
    {"T", [] { return _("Multiple lines of text"); }},
    {"N", [] { return _("Number"); }},
    {"B", [] { return _("Yes or no"); }},
    {"C", [] { return _("Choose one from a list"); }},
    {"M", [] { return _("Choose several from a list"); }},
    {"F", [] { return _("File upload"); }},
    {"D", [] { return _("Date"); }},
    {"H", [] { return _("Time"); }},
    {"W", [] { return _("Date and time"); }},
    {"CC", [] { return _("Country"); }},
    {"TEL", [] { return _("Phone number"); }},
};

bool isChoice(const std::string& type) { return type == "C" || type == "M"; }

} // namespace

QuestionForm::QuestionForm(wxWindow* parent) : SetupForm(parent, "question", _("Question")) {
    m_text = addRow(_("&Question:"), "question", [&] { return makeText("question", _("e.g. Dietary requirements")); });
    m_type = addRow(_("Type of a&nswer:"), "type", [&] {
        auto* choice = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                    wxDefaultValidator, controlName("type"));
        for (const auto& type : kTypes) {
            choice->Append(type.label());
        }
        return choice;
    });
    m_required = addRow(wxString(), "required", [&] { return makeCheck("required", _("Req&uired: an answer must be given")); });
    m_atCheckin = addRow(wxString(), "ask_during_checkin",
                         [&] { return makeCheck("atCheckin", _("Ask &during check-in, not when buying")); });
    m_identifier = addRow(_("&Identifier:"), "identifier",
                          [&] { return makeText("identifier", _("made up when left empty")); });
    m_products = addRow(_("Asked for &products:"), "items", [&] {
        return new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(280, 110)), 0, nullptr, 0,
                                  wxDefaultValidator, controlName("products"));
    });
    buildOptions();
    finish();
    m_type->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        event.Skip();
        updateOptionsShown();
    });
}

void QuestionForm::buildOptions() {
    m_optionList = new RowEditor(this, controlName("options"), _("Options to choose from:"), {{_("Option"), 300}});
    auto* parent = m_optionList;
    auto* grid = m_optionList->fields();
    grid->Add(new wxStaticText(parent, wxID_ANY, _("Opti&on:")), 0, wxALIGN_CENTER_VERTICAL);
    m_answer = new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                              controlName("option.answer"));
    grid->Add(m_answer, 1, wxEXPAND);
    grid->AddGrowableCol(1, 1);
    m_optionList->finish(_("&Add option"), _("Remove option"));
    side()->Add(m_optionList, 0, wxEXPAND);
    m_optionList->onSelect = [this](std::optional<std::size_t> row) { showOption(row); };
    m_optionList->onAdd = [this] { addOption(); };
    m_optionList->onRemove = [this](std::size_t row) {
        m_options.erase(m_options.begin() + static_cast<std::ptrdiff_t>(row));
        m_optionList->removeRow(row);
        showOption(std::nullopt);
        setDirty(true);
    };
    m_answer->Bind(wxEVT_TEXT, [this](wxCommandEvent& event) {
        event.Skip();
        if (const auto row = m_optionList->selected(); row && *row < m_options.size()) {
            m_options[*row].answer = m_answer->GetValue();
            m_optionList->setRow(*row, {m_answer->GetValue()});
        }
    });
}

void QuestionForm::setChoices(const std::vector<model::Item>& items) {
    std::vector<model::Id> ticked;
    for (unsigned i = 0; i < m_products->GetCount() && i < m_items.size(); ++i) {
        if (m_products->IsChecked(i)) {
            ticked.push_back(m_items[i]);
        }
    }
    m_items.clear();
    m_products->Clear();
    for (const auto& item : items) {
        m_items.push_back(item.id);
        m_products->Append(localized(item.name));
    }
    tick(ticked);
}

void QuestionForm::tick(const std::vector<model::Id>& items) {
    for (unsigned i = 0; i < m_items.size(); ++i) {
        m_products->Check(i, std::find(items.begin(), items.end(), m_items[i]) != items.end());
    }
}

void QuestionForm::edit(const model::Question& question, const std::string& language) {
    m_question = question;
    m_language = language;
    m_text->ChangeValue(editableText(question.question));
    int type = 0;
    for (std::size_t i = 0; i < std::size(kTypes); ++i) {
        type = question.type == kTypes[i].code ? static_cast<int>(i) : type;
    }
    m_type->SetSelection(type);
    m_required->SetValue(question.required);
    m_atCheckin->SetValue(question.askDuringCheckin);
    m_identifier->ChangeValue(fromUtf8(question.identifier));
    tick(question.items);
    m_options.clear();
    std::vector<std::vector<wxString>> rows;
    for (const auto& option : question.options) {
        m_options.push_back({option, editableText(option.answer)});
        rows.push_back({m_options.back().answer});
    }
    m_optionList->setRows(rows);
    showOption(std::nullopt);
    updateOptionsShown();
    setNew(question.id == 0);
    setDirty(false);
    clearErrors();
}

std::string QuestionForm::chosenType() const {
    const int type = m_type->GetSelection();
    return type >= 0 ? kTypes[type].code : "S";
}

model::Question QuestionForm::draft() const {
    model::Question q = m_question;
    q.question = editedText(q.question, m_text->GetValue(), m_language);
    q.type = chosenType();
    q.required = m_required->GetValue();
    q.askDuringCheckin = m_atCheckin->GetValue();
    q.identifier = trimmed(m_identifier->GetValue());
    q.items.clear();
    for (unsigned i = 0; i < m_items.size(); ++i) {
        if (m_products->IsChecked(i)) {
            q.items.push_back(m_items[i]);
        }
    }
    q.options.clear();
    // Options are a choice question's only; another type keeps none, as pretix does.
    if (isChoice(q.type)) {
        for (std::size_t i = 0; i < m_options.size(); ++i) {
            model::QuestionOption option = m_options[i].stored;
            option.answer = editedText(option.answer, m_options[i].answer, m_language);
            option.position = static_cast<int>(i);
            q.options.push_back(std::move(option));
        }
    }
    return q;
}

void QuestionForm::showOption(std::optional<std::size_t> row) {
    const bool shown = row && *row < m_options.size();
    m_answer->ChangeValue(shown ? m_options[*row].answer : wxString());
    m_answer->Enable(shown);
}

void QuestionForm::addOption() {
    m_options.push_back({});
    m_optionList->appendRow({wxString()});
    m_optionList->select(m_options.size() - 1);
    showOption(m_options.size() - 1);
    setDirty(true);
    m_answer->SetFocus();
}

void QuestionForm::updateOptionsShown() {
    m_optionList->Show(isChoice(chosenType()));
    FitInside();
    Layout();
}

bool QuestionForm::showSectionError(const std::string& field, const wxString& message) {
    wxString line;
    if (field == "options") {
        line = message;
    } else if (field.starts_with("options.") && field.size() > 8 && field[8] >= '0' && field[8] <= '9') {
        const std::size_t index = static_cast<std::size_t>(std::stoul(field.substr(8)));
        line = wxString::Format(_("Option %d: %s"), static_cast<int>(index + 1), message);
        m_badOptions.push_back(index);
    } else {
        return false;
    }
    m_optionErrors.push_back(line);
    m_optionList->showErrors(m_optionErrors, m_badOptions);
    return true;
}

void QuestionForm::clearSectionErrors() {
    m_optionErrors.clear();
    m_badOptions.clear();
    m_optionList->showErrors({}, {});
}

} // namespace boxoffice::gui
