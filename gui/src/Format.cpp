#include "boxoffice/gui/Format.h"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/numformatter.h>
#include <wx/uilocale.h>

namespace boxoffice::gui {

wxString fromUtf8(const std::string& text) {
    return wxString::FromUTF8(text.data(), text.size());
}

std::string uiLanguage() {
    // wx names locales "de_DE" or "de-DE"; pretix uses lower-case BCP 47 tags.
    std::string name = wxUILocale::GetCurrent().GetName().utf8_string();
    std::string language;
    for (char c : name) {
        if (c == '.' || c == '@') {
            break;
        }
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        language.push_back(lower == '_' ? '-' : lower);
    }
    if (language.empty() || language == "c" || language == "posix") {
        return "en";
    }
    return language;
}

wxString localized(const model::I18nString& text) {
    return fromUtf8(text.text(uiLanguage()));
}

wxString localDateTime(model::Timestamp utc) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(utc).time_since_epoch().count();
    const wxDateTime local(static_cast<time_t>(seconds)); // wxDateTime formats in local time
    return local.FormatDate() + wxS(" ") + local.Format(wxS("%H:%M"));
}

wxString money(model::Money amount, const std::string& currency) {
    const std::int64_t minor = amount.minor();
    const std::int64_t absolute = minor < 0 ? -minor : minor;
    const wxString units = wxNumberFormatter::ToString(static_cast<wxLongLong_t>(absolute / 100),
                                                       wxNumberFormatter::Style_WithThousandsSep);
    const wxString cents = wxString::Format(wxS("%02d"), static_cast<int>(absolute % 100));
    wxString text = (minor < 0 ? wxString(wxS("-")) : wxString()) + units +
                    wxString(wxNumberFormatter::GetDecimalSeparator()) + cents;
    if (!currency.empty()) {
        text += wxS(" ") + fromUtf8(currency);
    }
    return text;
}

wxString statusText(model::OrderStatus status) {
    switch (status) {
    case model::OrderStatus::Pending:
        return _("Pending");
    case model::OrderStatus::Paid:
        return _("Paid");
    case model::OrderStatus::Expired:
        return _("Expired");
    case model::OrderStatus::Canceled:
        return _("Canceled");
    case model::OrderStatus::Refunded:
        return _("Refunded");
    }
    return _("Unknown");
}

std::filesystem::path toPath(const wxString& path) {
#ifdef __WINDOWS__
    return std::filesystem::path(path.ToStdWstring());
#else
    return std::filesystem::path(static_cast<const char*>(path.fn_str()));
#endif
}

wxString suggestedFileName(const wxString& name, const wxString& fallback, const wxString& suffix) {
    wxString out = name;
    for (auto it = out.begin(); it != out.end(); ++it) {
        const wxUniChar c = *it;
        if (c < 0x20 || wxString(wxS("/\\:*?\"<>|")).Find(c) != wxNOT_FOUND) {
            *it = '-';
        }
    }
    out.Trim(true).Trim(false);
    return (out.empty() ? fallback : out) + suffix;
}

} // namespace boxoffice::gui
