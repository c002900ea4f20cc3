// Turns model values into the text the user reads: UTF-8 strings, texts in the user's language,
// UTC times shown in local time, money with its currency, order states in words.
// Free functions without state of their own; call them on the UI thread (they read wx's locale).
#pragma once

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Time.h"

#include <filesystem>
#include <string>
#include <wx/string.h>

namespace boxoffice::gui {

// Every string from the model is UTF-8.
wxString fromUtf8(const std::string& text);

// The user interface language as pretix names languages ("de", "pt-br"); "en" when unknown.
std::string uiLanguage();

// The text in the user interface language, with I18nString's fallbacks.
wxString localized(const model::I18nString& text);

// A UTC time from the model in the local time zone, formatted for the user's locale.
wxString localDateTime(model::Timestamp utc);

// "1,234.50 EUR": the amount with the locale's separators, then the ISO currency code.
wxString money(model::Money amount, const std::string& currency);

// "Paid", "Pending", ... translated.
wxString statusText(model::OrderStatus status);

// A path the user chose (a file dialog's answer) as the file system names it.
std::filesystem::path toPath(const wxString& path);

// "Main entrance-checkins.csv" from "Main entrance", "-checkins.csv": `name` without the
// characters file systems refuse (replaced by '-'), trimmed, `fallback` when nothing is left,
// then `suffix`. For the name a save dialog suggests.
wxString suggestedFileName(const wxString& name, const wxString& fallback, const wxString& suffix);

} // namespace boxoffice::gui
