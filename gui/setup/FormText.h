// What the Event tab's forms share in turning text into values and back: names in the user's
// language (keeping the other languages an imported event has), prices typed as "15.00" or
// "15,00", whole numbers, and the set-up services' field errors in the user's language.
// Free functions; UI thread (they read wx's locale and translations).
#pragma once

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Types.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <wx/string.h>

namespace boxoffice::gui {

// Field errors as a form shows them, by the service's field name ("name", "variations.0.value").
using FormErrors = std::map<std::string, std::vector<wxString>>;

// The text of `text` a person edits: the one shown in the user's language (with I18nString's
// fallbacks).
wxString editableText(const model::I18nString& text);

// `text` with the edited value put back under the language it was shown in, so the other
// languages of an imported name stay as they were; `newLanguage` for a text that had none.
model::I18nString editedText(model::I18nString text, const wxString& value, const std::string& newLanguage);

// "15.00", "15,00", "15", "-3.50" (refused later by the service, beside the field); nullopt for
// anything that is not an amount.
std::optional<model::Money> parseMoney(const wxString& text);
// "15.00": how a price field shows an amount (no thousands separator, so it reads back).
wxString moneyText(model::Money amount);

// A whole number such as "120"; nullopt for anything else.
std::optional<std::int64_t> parseWhole(const wxString& text);

// The set-up services' field errors in the user's language, where the desk knows the wording;
// else as the service said it.
wxString serviceText(const std::string& message);
FormErrors serviceErrors(const model::FieldErrors& fields);

// Stripped UTF-8 of a text field's value.
std::string trimmed(const wxString& text);

} // namespace boxoffice::gui
