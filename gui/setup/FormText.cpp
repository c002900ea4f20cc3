#include "setup/FormText.h"

#include "boxoffice/gui/Format.h"

#include <utility>
#include <wx/intl.h>

namespace boxoffice::gui {

namespace {

// The key I18nString::text() reads for the user's language, or "" when the text has none.
std::string shownLanguage(const model::I18nString& text) {
    const auto& values = text.values();
    const std::string language = uiLanguage();
    if (values.count(language) > 0) {
        return language;
    }
    if (const auto dash = language.find('-'); dash != std::string::npos && values.count(language.substr(0, dash))) {
        return language.substr(0, dash);
    }
    if (values.count("en") > 0) {
        return "en";
    }
    for (const auto& [key, value] : values) {
        if (!value.empty()) {
            return key;
        }
    }
    return {};
}

// The services' messages that take a value: "Invalid pk \"7\" - object does not exist." and
// friends, translated with the value kept.
std::optional<wxString> messageWithValue(const std::string& message) {
    const auto quoted = [&message](const std::string& prefix, const std::string& suffix) -> std::optional<std::string> {
        if (message.size() > prefix.size() + suffix.size() && message.starts_with(prefix) && message.ends_with(suffix)) {
            return message.substr(prefix.size(), message.size() - prefix.size() - suffix.size());
        }
        return std::nullopt;
    };
    if (const auto value = quoted("Invalid pk \"", "\" - object does not exist.")) {
        return wxString::Format(_("There is no object with the ID %s (any more)."), fromUtf8(*value));
    }
    if (const auto value = quoted("Choose at least one variation of \"", "\".")) {
        return wxString::Format(_("Choose at least one variation of \"%s\"."), fromUtf8(*value));
    }
    if (const auto value = quoted("\"", "\" is not a valid choice.")) {
        return wxString::Format(_("\"%s\" is not a valid choice."), fromUtf8(*value));
    }
    return std::nullopt;
}

} // namespace

wxString editableText(const model::I18nString& text) { return localized(text); }

model::I18nString editedText(model::I18nString text, const wxString& value, const std::string& newLanguage) {
    std::string language = shownLanguage(text);
    if (language.empty()) {
        language = newLanguage;
    }
    text.set(std::move(language), trimmed(value));
    return text;
}

std::optional<model::Money> parseMoney(const wxString& text) {
    wxString amount = text;
    amount.Trim(true).Trim(false);
    amount.Replace(wxS(","), wxS("."));
    return model::Money::parse(std::string(amount.utf8_string()));
}

wxString moneyText(model::Money amount) { return fromUtf8(amount.toString()); }

std::optional<std::int64_t> parseWhole(const wxString& text) {
    long long value = 0;
    const wxString stripped = wxString(text).Trim(true).Trim(false);
    if (stripped.empty() || !stripped.ToLongLong(&value)) {
        return std::nullopt;
    }
    return value;
}

wxString serviceText(const std::string& message) {
    // The set-up services speak pretix's English; the messages a person meets when setting up an
    // event are translated here, in pretix's own wording (marked for the catalogue, looked up as
    // the service said them).
    static const char* const known[] = {
        wxTRANSLATE("This field may not be blank."),
        wxTRANSLATE("This field is required."),
        wxTRANSLATE("This list may not be empty."),
        wxTRANSLATE("Ensure this value is greater than or equal to 0."),
        wxTRANSLATE("Ensure this value is between 0 and 100."),
        wxTRANSLATE("The slug may only contain letters, numbers, dots and dashes."),
        wxTRANSLATE("This slug has already been used for a different event."),
        wxTRANSLATE("Enter a currency as its three-letter ISO 4217 code, e.g. \"EUR\"."),
        wxTRANSLATE("The end of the event has to be later than its start."),
        wxTRANSLATE("The admission has to be before the end of the event."),
        wxTRANSLATE("The category is not marked as an add-on category."),
        wxTRANSLATE("The item already has an add-on of this category."),
        wxTRANSLATE("The maximum count needs to be greater than the minimum count."),
        wxTRANSLATE("A quota needs at least one product."),
        wxTRANSLATE("This identifier is already used for a different question."),
        wxTRANSLATE("A choice question needs at least one option."),
        // Said by the Event tab's worker when the time zone cannot be found (EventSetupPanel.cpp).
        wxTRANSLATE("This time zone is not known on this computer."),
    };
    for (const char* text : known) {
        if (message == text) {
            return wxGetTranslation(wxString::FromUTF8(text));
        }
    }
    if (const auto withValue = messageWithValue(message)) {
        return *withValue;
    }
    return fromUtf8(message);
}

FormErrors serviceErrors(const model::FieldErrors& fields) {
    FormErrors out;
    for (const auto& [field, messages] : fields) {
        for (const auto& message : messages) {
            out[field].push_back(serviceText(message));
        }
    }
    return out;
}

std::string trimmed(const wxString& text) { return std::string(wxString(text).Trim(true).Trim(false).utf8_string()); }

} // namespace boxoffice::gui
