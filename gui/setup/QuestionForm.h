// The Event tab's form for a question asked of buyers (or at the door): its text, its type (every
// type pretix has, in words), required, asked during check-in, its identifier, the products it is
// asked for, and for a choice question its options. Saved with sales::saveQuestion; an option's
// error appears under the options' list, naming the option.
// Owned by the EventSetupPanel; UI thread only.
#pragma once

#include "boxoffice/model/Item.h"
#include "boxoffice/model/Question.h"
#include "setup/SetupForm.h"

#include <vector>

class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxTextCtrl;

namespace boxoffice::gui {

class RowEditor;

class QuestionForm : public SetupForm {
public:
    explicit QuestionForm(wxWindow* parent);

    // The event's products to choose from; what is ticked stays ticked.
    void setChoices(const std::vector<model::Item>& items);
    // Shows `question` (id 0: a new one of its event); `language` names a new text.
    void edit(const model::Question& question, const std::string& language);
    model::Question draft() const;
    model::Id questionId() const { return m_question.id; }

protected:
    bool showSectionError(const std::string& field, const wxString& message) override;
    void clearSectionErrors() override;

private:
    struct OptionRow {
        model::QuestionOption stored;
        wxString answer;
    };
    void buildOptions();
    void showOption(std::optional<std::size_t> row);
    void addOption();
    void updateOptionsShown();
    void tick(const std::vector<model::Id>& items);
    std::string chosenType() const;

    model::Question m_question;
    std::string m_language;
    std::vector<model::Id> m_items;  // the check list's lines
    std::vector<OptionRow> m_options;
    std::vector<wxString> m_optionErrors;
    std::vector<std::size_t> m_badOptions;

    wxTextCtrl* m_text = nullptr;
    wxChoice* m_type = nullptr;
    wxCheckBox* m_required = nullptr;
    wxCheckBox* m_atCheckin = nullptr;
    wxTextCtrl* m_identifier = nullptr;
    wxCheckListBox* m_products = nullptr;
    RowEditor* m_optionList = nullptr;
    wxTextCtrl* m_answer = nullptr;
};

} // namespace boxoffice::gui
