// Check-in questions and the door's name search, driven as a person would: the mouse and the
// keyboard through wxUIActionSimulator on the Xvfb display, the question dialog answered while it
// runs modally (a timer drives it from inside its event loop), the outcome read from the store.
#include "Browser.h"
#include "Driving.h"
#include "TestSupport.h"
#include "WxSession.h"
#include "boxoffice/gui/MainFrame.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "checkin/QuestionDialog.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/datectrl.h>
#include <wx/dialog.h>
#include <wx/frame.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/scrolwin.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timectrl.h>
#include <wx/timer.h>
#include <wx/uiaction.h>

using namespace boxoffice;

namespace {

using test::widget;

// Runs UI work (and lets X deliver simulated input) until `done` holds; false after 10 s.
bool waitUntil(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        test::runPendingUiWork();
        wxYield();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

// Moves the pointer to a point of `window` (client coordinates) and clicks there. The pointer
// also decides where keys go: Xvfb has no window manager, X's focus follows the pointer.
void clickAt(wxWindow& window, wxPoint point) {
    wxUIActionSimulator mouse;
    mouse.MouseMove(window.ClientToScreen(point));
    test::runPendingUiWork();
    wxYield();
    mouse.MouseClick();
    test::runPendingUiWork();
    wxYield();
}

void clickOn(wxWindow& window) {
    const wxSize size = window.GetClientSize();
    clickAt(window, wxPoint(std::min(size.x / 2, 40), size.y / 2));
}

void typeText(const std::string& text) {
    wxUIActionSimulator keyboard;
    keyboard.Text(text.c_str());
}

void pressKey(int key) {
    wxUIActionSimulator keyboard;
    keyboard.Char(key);
}

wxDialog* shownDialog(const wxString& name) {
    for (auto* window : wxTopLevelWindows) {
        auto* dialog = dynamic_cast<wxDialog*>(window);
        if (dialog && dialog->GetName() == name && dialog->IsShown()) {
            return dialog;
        }
    }
    return nullptr;
}

// Answers the question dialog while its modal loop runs: `steps` are tried in turn every 20 ms
// from a timer (timers fire inside modal loops); each returns true when it is done, and the next
// one starts. After 20 s the dialog is cancelled so that a failing test ends.
class DialogDriver : public wxTimer {
public:
    explicit DialogDriver(std::vector<std::function<bool(wxDialog&)>> steps) : m_steps(std::move(steps)) {
        m_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        Start(20);
    }
    bool finished() const { return m_next == m_steps.size(); }
    bool timedOut() const { return m_timedOut; }

    void Notify() override {
        if (m_busy || finished()) {
            return;
        }
        m_busy = true;
        wxDialog* dialog = shownDialog(wxS("questions"));
        if (std::chrono::steady_clock::now() > m_deadline) {
            m_timedOut = true;
            m_next = m_steps.size();
            if (dialog) {
                dialog->EndModal(wxID_CANCEL);
            }
        } else if (dialog && m_steps[m_next](*dialog)) {
            ++m_next;
        }
        m_busy = false;
    }

private:
    std::vector<std::function<bool(wxDialog&)>> m_steps;
    std::size_t m_next = 0;
    bool m_busy = false;
    bool m_timedOut = false;
    std::chrono::steady_clock::time_point m_deadline;
};

// A required one-line text question asked at check-in for `itemId`.
model::Question addTextQuestion(model::Store& store, model::Id eventId, model::Id itemId,
                                const std::string& type) {
    model::Question question;
    question.eventId = eventId;
    question.identifier = "DOOR" + type;
    question.question = model::I18nString::plain(type == "N" ? "Number of guests" : "Allergies");
    question.type = type;
    question.required = true;
    question.askDuringCheckin = true;
    question.position = 9;
    question.items = {itemId};
    model::EventRepository(store).upsertQuestion(question);
    return question;
}

const model::Answer* answerTo(const model::OrderPosition& position, model::Id questionId) {
    const auto it = std::find_if(position.answers.begin(), position.answers.end(),
                                 [&](const model::Answer& a) { return a.questionId == questionId; });
    return it == position.answers.end() ? nullptr : &*it;
}

// A paid ticket that the first list admits at once: its attendee name in plain ASCII (typed on a
// US keyboard map), no check-in questions open, no "attention" flag.
model::PositionRow admittableTicket(model::Store& store, model::Id eventId, model::Id listId) {
    const auto questions = model::EventRepository(store).questions(eventId);
    model::PositionFilter paid;
    paid.list = listId;
    paid.orderStatuses = {model::OrderStatus::Paid};
    for (auto& row : model::PositionQuery(store).rows(eventId, paid)) {
        const std::string name = row.position.attendeeName.value_or(std::string());
        const bool plain = name.size() >= 5 && std::all_of(name.begin(), name.end(), [](char c) {
                               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ';
                           });
        const bool asked = std::any_of(questions.begin(), questions.end(), [&](const model::Question& q) {
            return q.askDuringCheckin &&
                   std::count(q.items.begin(), q.items.end(), row.position.itemId) > 0 &&
                   !answerTo(row.position, q.id);
        });
        if (plain && !asked && !row.requireAttention()) {
            return row;
        }
    }
    FAIL("no admittable ticket in the demo event");
    return {};
}

} // namespace

TEST_CASE("the orders tab asks a required check-in question, refuses no answer and stores the typed one") {
    test::TempDir tmp;
    const auto db = tmp / "questions.sqlite";
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    const model::Id demo = frame->currentEvent();
    const auto lists = model::CheckinRepository(frame->store()).lists(demo);
    REQUIRE_FALSE(lists.empty());
    const auto ticket = admittableTicket(frame->store(), demo, lists.front().id);
    const auto question = addTextQuestion(frame->store(), demo, ticket.position.itemId, "S");

    widget<wxSearchCtrl>(window, "orders.search").SetValue(wxString::FromUTF8(ticket.position.orderCode));
    test::waitForTasks(window);
    test::selectBrowserRow(window, 0);
    test::waitForTasks(window);
    auto& positions = test::positionsList(window);
    auto& checkIn = widget<wxButton>(window, "orders.checkIn");
    // The order's positions in the order shown; the ticket's row is clicked.
    const auto order = model::OrderRepository(frame->store()).byId(ticket.position.orderId);
    REQUIRE(order);
    unsigned row = 0;
    for (unsigned i = 0; i < static_cast<unsigned>(positions.GetItemCount()); ++i) {
        if (positions.GetTextValue(i, 2) == wxString::FromUTF8(ticket.position.secret)) {
            row = i;
        }
    }
    test::selectPosition(window, row);
    test::waitForTasks(window);
    REQUIRE(checkIn.IsEnabled());

    wxString errorWhenEmpty;
    wxString errorAfterTyping = wxS("not read");
    std::filesystem::path screenshot;
    const std::string name = "question." + std::to_string(question.id);
    DialogDriver driver({
        [&](wxDialog& dialog) { // OK without an answer: refused, the problem beside the field
            clickOn(widget<wxButton>(dialog, "questions.ok"));
            return true;
        },
        [&](wxDialog& dialog) {
            errorWhenEmpty = widget<wxStaticText>(dialog, (name + ".error").c_str()).GetLabel();
            if (errorWhenEmpty.empty()) {
                return false;
            }
            screenshot = test::saveScreenshot(dialog, "orders-checkin-question-refused");
            clickOn(widget<wxTextCtrl>(dialog, name.c_str()));
            typeText("No nuts");
            return true;
        },
        [&](wxDialog& dialog) {
            if (widget<wxTextCtrl>(dialog, name.c_str()).GetValue() != wxS("No nuts")) {
                return false;
            }
            errorAfterTyping = widget<wxStaticText>(dialog, (name + ".error").c_str()).GetLabel();
            pressKey(WXK_RETURN); // the dialog's default button
            return true;
        },
    });
    clickOn(checkIn);
    test::waitForTasks(window);
    REQUIRE(waitUntil([&] { return driver.finished() && frame->session().pendingTasks() == 0; }));
    test::waitForTasks(window);
    CHECK_FALSE(driver.timedOut());
    CHECK(errorWhenEmpty == "An answer is required.");
    CHECK(errorAfterTyping.empty());
    CHECK_FALSE(screenshot.empty());
    CHECK(widget<wxStaticText>(window, "orders.actionResult").GetLabel() == "Checked in.");

    model::Store store(db);
    const auto checkins = model::CheckinRepository(store).forPosition(ticket.position.id);
    REQUIRE(checkins.size() == 1);
    CHECK(checkins.front().device == "desk");
    const auto stored = model::OrderRepository(store).position(demo, ticket.position.id);
    REQUIRE(stored);
    const auto* answer = answerTo(*stored, question.id);
    REQUIRE(answer != nullptr);
    CHECK(answer->answer == "No nuts");
}

TEST_CASE("door mode finds a typed name, picks it from the list with the keyboard and admits it") {
    test::TempDir tmp;
    const auto db = tmp / "doorname.sqlite";
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    const model::Id demo = frame->currentEvent();
    const auto lists = model::CheckinRepository(frame->store()).lists(demo);
    REQUIRE_FALSE(lists.empty());
    const auto ticket = admittableTicket(frame->store(), demo, lists.front().id);
    const std::string name = *ticket.position.attendeeName;

    frame->setDoorMode(true);
    test::waitForTasks(window);
    auto& code = widget<wxTextCtrl>(window, "door.code");
    auto& matches = widget<wxListBox>(window, "door.matches");
    auto& headline = widget<wxStaticText>(window, "door.headline");
    CHECK_FALSE(matches.IsShownOnScreen());

    clickOn(code);
    typeText(name);
    REQUIRE(waitUntil([&] { return code.GetValue() == wxString::FromUTF8(name); }));
    pressKey(WXK_RETURN);
    REQUIRE(waitUntil([&] { return matches.IsShownOnScreen() && frame->session().pendingTasks() == 0; }));
    CHECK(headline.GetLabel() == "Choose the ticket");
    CHECK(model::CheckinRepository(frame->store()).forPosition(ticket.position.id).empty());

    // The ticket's line names its order; the arrow keys move there.
    int wanted = -1;
    for (unsigned i = 0; i < matches.GetCount(); ++i) {
        if (matches.GetString(i).EndsWith(wxString::FromUTF8(" \u2013 " + ticket.position.orderCode)) &&
            matches.GetString(i).StartsWith(wxString::FromUTF8(name))) {
            wanted = static_cast<int>(i);
            break;
        }
    }
    REQUIRE(wanted >= 0);
    CHECK(matches.GetSelection() == 0);
    for (int i = 0; i < wanted; ++i) {
        pressKey(WXK_DOWN);
        REQUIRE(waitUntil([&] { return matches.GetSelection() == i + 1; }));
    }
    CHECK(code.HasFocus()); // the input keeps the focus, ready for a scanner
    CHECK_FALSE(test::saveScreenshot(window, "door-name-search-pick").empty());
    pressKey(WXK_RETURN);
    REQUIRE(waitUntil([&] { return !matches.IsShownOnScreen(); }));
    test::waitForTasks(window);
    REQUIRE(waitUntil([&] { return headline.GetLabel() != "Checking..."; }));

    CHECK(headline.GetLabel() == "Welcome");
    CHECK(widget<wxWindow>(window, "door.verdict").GetBackgroundColour() == wxColour(0x1B, 0x7F, 0x3B));
    const auto checkins = model::CheckinRepository(frame->store()).forPosition(ticket.position.id);
    REQUIRE(checkins.size() == 1);
    CHECK(checkins.front().device == "desk");
    CHECK(code.GetValue().empty());
    CHECK(code.HasFocus());
}

TEST_CASE("door mode asks a check-in question in the large dialog and admits with the answer") {
    test::TempDir tmp;
    const auto db = tmp / "doorquestion.sqlite";
    test::FrameUnderTest frame(db);
    auto& window = frame.frame();
    const model::Id demo = frame->currentEvent();
    const auto lists = model::CheckinRepository(frame->store()).lists(demo);
    REQUIRE_FALSE(lists.empty());
    const auto ticket = admittableTicket(frame->store(), demo, lists.front().id);
    const auto question = addTextQuestion(frame->store(), demo, ticket.position.itemId, "N");

    frame->setDoorMode(true);
    test::waitForTasks(window);
    auto& code = widget<wxTextCtrl>(window, "door.code");
    auto& headline = widget<wxStaticText>(window, "door.headline");
    clickOn(code);
    typeText(ticket.position.secret);
    REQUIRE(waitUntil([&] { return code.GetValue() == wxString::FromUTF8(ticket.position.secret); }));

    wxString headlineWhileAsked;
    wxString errorForText;
    std::filesystem::path screenshot;
    const std::string name = "question." + std::to_string(question.id);
    DialogDriver driver({
        [&](wxDialog& dialog) {
            headlineWhileAsked = headline.GetLabel();
            clickOn(widget<wxTextCtrl>(dialog, name.c_str()));
            typeText("two");
            return true;
        },
        [&](wxDialog& dialog) {
            if (widget<wxTextCtrl>(dialog, name.c_str()).GetValue() != wxS("two")) {
                return false;
            }
            pressKey(WXK_RETURN); // refused: not a number
            return true;
        },
        [&](wxDialog& dialog) {
            auto& entry = widget<wxTextCtrl>(dialog, name.c_str());
            errorForText = widget<wxStaticText>(dialog, (name + ".error").c_str()).GetLabel();
            if (errorForText.empty()) {
                return false;
            }
            screenshot = test::saveScreenshot(dialog, "door-question-refused");
            entry.SelectAll();
            typeText("2");
            return true;
        },
        [&](wxDialog& dialog) {
            if (widget<wxTextCtrl>(dialog, name.c_str()).GetValue() != wxS("2")) {
                return false;
            }
            pressKey(WXK_RETURN);
            return true;
        },
    });
    pressKey(WXK_RETURN);
    REQUIRE(waitUntil([&] { return driver.finished() && frame->session().pendingTasks() == 0; }));
    test::waitForTasks(window);
    CHECK_FALSE(driver.timedOut());
    CHECK(headlineWhileAsked == "Questions to answer");
    CHECK(errorForText == "Enter a number, e.g. 12 or 2.5.");
    CHECK(headline.GetLabel() == "Welcome");
    CHECK(code.HasFocus());
    CHECK_FALSE(screenshot.empty());

    model::Store store(db);
    CHECK(model::CheckinRepository(store).forPosition(ticket.position.id).size() == 1);
    const auto stored = model::OrderRepository(store).position(demo, ticket.position.id);
    REQUIRE(stored);
    const auto* answer = answerTo(*stored, question.id);
    REQUIRE(answer != nullptr);
    CHECK(answer->answer == "2");
}

TEST_CASE("the question dialog has a named control for every question type and gives the wire form") {
    test::ensureWx();
    auto* parent = new wxFrame(nullptr, wxID_ANY, wxS("parent"));
    parent->Show();
    std::vector<model::Question> questions;
    auto add = [&](const char* type, const char* text, bool required) -> model::Question& {
        model::Question q;
        q.id = 500 + static_cast<model::Id>(questions.size());
        q.type = type;
        q.question = model::I18nString::plain(text);
        q.required = required;
        q.position = static_cast<int>(questions.size());
        questions.push_back(q);
        return questions.back();
    };
    add("S", "Company", false);
    add("T", "Notes", false);
    add("N", "Guests", true);
    add("B", "Photos allowed", true);
    add("C", "Shirt size", true).options = {{91, "M", 0, model::I18nString::plain("M")},
                                            {92, "L", 1, model::I18nString::plain("L")}};
    add("M", "Workshops", false).options = {{93, "A", 0, model::I18nString::plain("Printing")},
                                            {94, "B", 1, model::I18nString::plain("Lighting")}};
    add("D", "Birthday", true);
    add("H", "Arrival", true);
    add("W", "Departure", true);
    add("CC", "Country", true);
    add("TEL", "Phone", true);
    add("F", "Photo", false);
    add("H", "Optional time", false);

    gui::QuestionDialog dialog(parent, wxS("Mara Lind"), questions);
    dialog.Show();
    auto name = [](model::Id id) { return "question." + std::to_string(id); };
    auto error = [&](model::Id id) {
        return widget<wxStaticText>(dialog, (name(id) + ".error").c_str()).GetLabel();
    };

    // OK with nothing given: refused, each required question says why.
    auto& ok = widget<wxButton>(dialog, "questions.ok");
    wxCommandEvent press(wxEVT_BUTTON, ok.GetId());
    press.SetEventObject(&ok);
    ok.ProcessWindowEvent(press);
    CHECK(dialog.IsShown());
    CHECK(error(502) == "An answer is required.");
    CHECK(error(503) == "An answer is required."); // a required yes/no must be ticked
    CHECK(error(500).empty());
    CHECK(error(507) == "An answer is required."); // a time picker's time counts once ticked
    CHECK(error(511).empty());                     // an optional file is simply not given
    // The later questions, scrolled to (the first ones show in the orders tab's screenshot).
    widget<wxScrolledWindow>(dialog, "questions.fields").Scroll(0, 1000);
    CHECK_FALSE(test::saveScreenshot(dialog, "question-dialog-every-type").empty());

    widget<wxTextCtrl>(dialog, name(500).c_str()).ChangeValue(wxS(" ACME "));
    widget<wxTextCtrl>(dialog, name(501).c_str()).ChangeValue(wxS("two\nlines"));
    widget<wxTextCtrl>(dialog, name(502).c_str()).ChangeValue(wxS("3"));
    widget<wxCheckBox>(dialog, name(503).c_str()).SetValue(true);
    widget<wxChoice>(dialog, name(504).c_str()).SetSelection(2);
    auto& workshops = widget<wxCheckListBox>(dialog, name(505).c_str());
    workshops.Check(0);
    workshops.Check(1);
    widget<wxDatePickerCtrl>(dialog, name(506).c_str()).SetValue(wxDateTime(1, wxDateTime::Jul, 1990));
    widget<wxTimePickerCtrl>(dialog, name(507).c_str()).SetTime(18, 30, 0);
    widget<wxCheckBox>(dialog, (name(507) + ".given").c_str()).SetValue(true);
    widget<wxDatePickerCtrl>(dialog, name(508).c_str()).SetValue(wxDateTime(2, wxDateTime::Jul, 2026));
    widget<wxTimePickerCtrl>(dialog, (name(508) + ".time").c_str()).SetTime(9, 5, 0);
    auto& country = widget<wxChoice>(dialog, name(509).c_str());
    country.SetSelection(country.FindString(wxS("Germany (DE)")));
    widget<wxTextCtrl>(dialog, name(510).c_str()).ChangeValue(wxS("+49 30 1234567"));
    CHECK_FALSE(widget<wxCheckBox>(dialog, (name(512) + ".given").c_str()).GetValue()); // no time given

    const auto answers = dialog.answers();
    CHECK(answers.at(500) == "ACME");
    CHECK(answers.at(501) == "two\nlines");
    CHECK(answers.at(502) == "3");
    CHECK(answers.at(503) == "True");
    CHECK(answers.at(504) == "92");
    CHECK(answers.at(505) == "93,94");
    CHECK(answers.at(506) == "1990-07-01");
    CHECK(answers.at(507) == "18:30");
    CHECK(answers.at(508) == "2026-07-02T09:05");
    CHECK(answers.at(509) == "DE");
    CHECK(answers.at(510) == "+49301234567");
    CHECK(answers.at(511).empty()); // optional, not given
    CHECK(answers.at(512).empty());

    ok.ProcessWindowEvent(press); // now accepted: the dialog ends (not modal here: it hides)
    CHECK(error(502).empty());
    dialog.Hide();
    parent->Destroy();
    test::runPendingUiWork();
}

TEST_CASE("a required file question cannot be answered at the desk, and the dialog says so") {
    test::ensureWx();
    model::Question photo;
    photo.id = 600;
    photo.type = "F";
    photo.question = model::I18nString::plain("Photo");
    photo.required = true;
    gui::QuestionDialog dialog(nullptr, wxString(), {photo});
    dialog.Show();
    auto& ok = widget<wxButton>(dialog, "questions.ok");
    wxCommandEvent press(wxEVT_BUTTON, ok.GetId());
    press.SetEventObject(&ok);
    ok.ProcessWindowEvent(press);
    CHECK(dialog.IsShown());
    CHECK(widget<wxStaticText>(dialog, "question.600.error").GetLabel() ==
          "A file is asked for; files cannot be given at the desk.");
    CHECK(dialog.answers().empty());
    dialog.Hide();
}
