#include "boxoffice/model/I18nString.h"

#include <nlohmann/json.hpp>

namespace boxoffice::model {

I18nString I18nString::plain(std::string text, std::string language) {
    I18nString s;
    if (!text.empty()) {
        s.m_values.emplace(std::move(language), std::move(text));
    }
    return s;
}

bool I18nString::empty() const { return m_values.empty(); }

std::string I18nString::text(std::string_view language) const {
    if (auto it = m_values.find(std::string(language)); it != m_values.end()) {
        return it->second;
    }
    if (const auto dash = language.find('-'); dash != std::string_view::npos) {
        if (auto it = m_values.find(std::string(language.substr(0, dash))); it != m_values.end()) {
            return it->second;
        }
    }
    if (auto it = m_values.find("en"); it != m_values.end()) {
        return it->second;
    }
    for (const auto& [lang, value] : m_values) {
        if (!value.empty()) {
            return value;
        }
    }
    return {};
}

void I18nString::set(std::string language, std::string text) {
    if (text.empty()) {
        m_values.erase(language);
    } else {
        m_values[std::move(language)] = std::move(text);
    }
}

nlohmann::json I18nString::toJson() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [lang, value] : m_values) {
        j[lang] = value;
    }
    return j;
}

I18nString I18nString::fromJson(const nlohmann::json& j, std::string_view language) {
    I18nString s;
    if (j.is_string()) {
        return plain(j.get<std::string>(), std::string(language));
    }
    if (j.is_object()) {
        for (const auto& [lang, value] : j.items()) {
            if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
                s.m_values[lang] = value.get<std::string>();
            }
        }
    }
    return s;
}

std::string I18nString::toJsonText() const { return toJson().dump(); }

I18nString I18nString::fromJsonText(std::string_view text) {
    if (text.empty()) {
        return {};
    }
    return fromJson(nlohmann::json::parse(text, nullptr, false));
}

}  // namespace boxoffice::model
