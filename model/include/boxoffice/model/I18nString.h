// A text in several languages, as pretix sends names and descriptions: {"en": "...", "de": "..."}.
// A plain string on the wire is read as a text in one language.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace boxoffice::model {

class I18nString {
public:
    I18nString() = default;
    // A text in one language (default "en").
    static I18nString plain(std::string text, std::string language = "en");

    bool empty() const;
    // The text in `language`, falling back to its base language ("de" for "de-formal"), then
    // English, then any language that has one. Empty when there is none.
    std::string text(std::string_view language = "en") const;
    void set(std::string language, std::string text);
    const std::map<std::string, std::string>& values() const { return m_values; }

    bool operator==(const I18nString&) const = default;

    // {"en": "..."}; reading accepts an object of strings, a string, or null (empty).
    nlohmann::json toJson() const;
    static I18nString fromJson(const nlohmann::json& j, std::string_view language = "en");
    std::string toJsonText() const;  // storage form
    static I18nString fromJsonText(std::string_view text);

private:
    std::map<std::string, std::string> m_values;
};

}  // namespace boxoffice::model
