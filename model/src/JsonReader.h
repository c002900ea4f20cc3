// Reads fields of a JSON object with pretix's (Django REST framework's) validation messages,
// collecting every error instead of stopping at the first.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/I18nString.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model::wire {

class JsonReader {
public:
    static constexpr const char* kRequired = "This field is required.";
    static constexpr const char* kNull = "This field may not be null.";

    explicit JsonReader(const nlohmann::json& j, std::string prefix = {}) : m_j(j), m_prefix(std::move(prefix)) {
        if (!j.is_object()) {
            m_errors["non_field_errors"].push_back("Invalid data. Expected a dictionary, but got " +
                                                   std::string(j.type_name()) + ".");
        }
    }

    bool has(const char* key) const { return m_j.is_object() && m_j.contains(key); }
    const nlohmann::json* get(const char* key) const {
        if (!m_j.is_object()) {
            return nullptr;
        }
        auto it = m_j.find(key);
        return it == m_j.end() ? nullptr : &*it;
    }

    void fail(const std::string& key, std::string message) { m_errors[m_prefix + key].push_back(std::move(message)); }
    void merge(const FieldErrors& errors, const std::string& prefix) {
        for (const auto& [k, v] : errors) {
            auto& dst = m_errors[m_prefix + prefix + k];
            dst.insert(dst.end(), v.begin(), v.end());
        }
    }
    const FieldErrors& errors() const { return m_errors; }
    bool ok() const { return m_errors.empty(); }

    std::string str(const char* key, bool required = false, std::string fallback = {}) {
        const auto* v = get(key);
        if (!v) {
            if (required) {
                fail(key, kRequired);
            }
            return fallback;
        }
        if (v->is_null()) {
            return fallback;
        }
        if (!v->is_string()) {
            fail(key, "Not a valid string.");
            return fallback;
        }
        return v->get<std::string>();
    }

    std::optional<std::string> optStr(const char* key) {
        const auto* v = get(key);
        if (!v || v->is_null()) {
            return std::nullopt;
        }
        if (!v->is_string()) {
            fail(key, "Not a valid string.");
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<Id> optId(const char* key, bool required = false) {
        const auto* v = get(key);
        if (!v) {
            if (required) {
                fail(key, kRequired);
            }
            return std::nullopt;
        }
        if (v->is_null()) {
            if (required) {
                fail(key, kNull);
            }
            return std::nullopt;
        }
        if (v->is_number_integer()) {
            return v->get<Id>();
        }
        if (v->is_string()) {
            try {
                std::size_t n = 0;
                const auto s = v->get<std::string>();
                const long long x = std::stoll(s, &n);
                if (n == s.size()) {
                    return x;
                }
            } catch (const std::exception&) {
            }
        }
        fail(key, "A valid integer is required.");
        return std::nullopt;
    }

    Id id(const char* key) { return optId(key, true).value_or(0); }

    int integer(const char* key, int fallback = 0) {
        auto v = optId(key);
        return v ? static_cast<int>(*v) : fallback;
    }

    bool boolean(const char* key, bool fallback = false) {
        const auto* v = get(key);
        if (!v || v->is_null()) {
            return fallback;
        }
        if (v->is_boolean()) {
            return v->get<bool>();
        }
        if (v->is_string()) {
            const auto s = v->get<std::string>();
            if (s == "true" || s == "True" || s == "1") {
                return true;
            }
            if (s == "false" || s == "False" || s == "0") {
                return false;
            }
        }
        if (v->is_number_integer() && (v->get<int>() == 0 || v->get<int>() == 1)) {
            return v->get<int>() == 1;
        }
        fail(key, "Must be a valid boolean.");
        return fallback;
    }

    Decimal2 decimal(const char* key, bool required = false) {
        const auto* v = get(key);
        if (!v || v->is_null()) {
            if (required) {
                fail(key, v ? kNull : kRequired);
            }
            return {};
        }
        auto d = parseDecimal(*v);
        if (!d) {
            fail(key, "A valid number is required.");
            return {};
        }
        return *d;
    }

    static std::optional<Decimal2> parseDecimal(const nlohmann::json& v) {
        if (v.is_string()) {
            return Decimal2::parse(v.get<std::string>());
        }
        if (v.is_number_integer()) {
            return Decimal2::parse(std::to_string(v.get<long long>()));
        }
        if (v.is_number_float()) {
            // A JSON number such as 23.5: go through its shortest decimal text, never through
            // arithmetic on the double.
            return Decimal2::parse(v.dump());
        }
        return std::nullopt;
    }

    std::optional<Timestamp> time(const char* key, bool required = false) {
        const auto* v = get(key);
        if (!v || v->is_null()) {
            if (required) {
                fail(key, v ? kNull : kRequired);
            }
            return std::nullopt;
        }
        if (v->is_string()) {
            if (auto t = parseTimestamp(v->get<std::string>())) {
                return t;
            }
        }
        fail(key, "Datetime has wrong format. Use one of these formats instead: "
                  "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
        return std::nullopt;
    }

    std::optional<Date> date(const char* key) {
        const auto* v = get(key);
        if (!v || v->is_null()) {
            return std::nullopt;
        }
        if (v->is_string()) {
            const auto s = v->get<std::string>();
            if (auto d = parseDate(s.substr(0, 10))) {
                return d;
            }
        }
        fail(key, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
        return std::nullopt;
    }

    // An object of text values (meta_data, name parts); absent or null is empty. Numbers and
    // booleans are kept as their JSON text, null values are left out.
    StringMap stringMap(const char* key) {
        StringMap out;
        const auto* v = get(key);
        if (!v || v->is_null()) {
            return out;
        }
        if (!v->is_object()) {
            fail(key, std::string("Expected a dictionary of items but got type \"") + v->type_name() + "\".");
            return out;
        }
        for (const auto& [k, value] : v->items()) {
            if (value.is_string()) {
                out.emplace(k, value.get<std::string>());
            } else if (value.is_number() || value.is_boolean()) {
                out.emplace(k, value.dump());
            } else if (!value.is_null()) {
                fail(key, "Not a valid string.");
            }
        }
        return out;
    }

    I18nString i18n(const char* key, bool required = false, std::string_view language = "en") {
        const auto* v = get(key);
        if (!v || v->is_null()) {
            if (required) {
                fail(key, kRequired);
            }
            return {};
        }
        if (!v->is_string() && !v->is_object()) {
            fail(key, "Not a valid string or translation object.");
            return {};
        }
        return I18nString::fromJson(*v, language);
    }

    std::vector<Id> ids(const char* key) {
        std::vector<Id> out;
        const auto* v = get(key);
        if (!v || v->is_null()) {
            return out;
        }
        if (!v->is_array()) {
            fail(key, "Expected a list of items but got type \"" + std::string(v->type_name()) + "\".");
            return out;
        }
        for (const auto& e : *v) {
            if (e.is_number_integer()) {
                out.push_back(e.get<Id>());
            } else if (e.is_object() && e.contains("id") && e["id"].is_number_integer()) {
                out.push_back(e["id"].get<Id>());
            } else {
                fail(key, "Incorrect type. Expected pk value, received " + std::string(e.type_name()) + ".");
            }
        }
        return out;
    }

    std::vector<std::string> strings(const char* key, std::vector<std::string> fallback = {}) {
        const auto* v = get(key);
        if (!v || v->is_null()) {
            return fallback;
        }
        if (!v->is_array()) {
            fail(key, "Expected a list of items but got type \"" + std::string(v->type_name()) + "\".");
            return fallback;
        }
        std::vector<std::string> out;
        for (const auto& e : *v) {
            if (e.is_string()) {
                out.push_back(e.get<std::string>());
            } else {
                fail(key, "Not a valid string.");
            }
        }
        return out;
    }

    const nlohmann::json* array(const char* key, bool required = false) {
        const auto* v = get(key);
        if (!v || v->is_null()) {
            if (required) {
                fail(key, kRequired);
            }
            return nullptr;
        }
        if (!v->is_array()) {
            fail(key, "Expected a list of items but got type \"" + std::string(v->type_name()) + "\".");
            return nullptr;
        }
        return v;
    }

private:
    const nlohmann::json& m_j;
    std::string m_prefix;
    FieldErrors m_errors;
};

}  // namespace boxoffice::model::wire
