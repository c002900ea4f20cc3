// Small helpers for binding and reading optional values and JSON lists with SQLiteCpp.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model::sql {

template <class S>
inline void bindValue(S& s, int i, const std::optional<std::string>& v) {
    v ? s.bind(i, *v) : s.bind(i);
}
template <class S>
inline void bindValue(S& s, int i, const std::optional<Id>& v) { v ? s.bind(i, *v) : s.bind(i); }
template <class S>
inline void bindValue(S& s, int i, const std::optional<Timestamp>& v) {
    v ? s.bind(i, toStorage(*v)) : s.bind(i);
}
template <class S>
inline void bindValue(S& s, int i, bool v) { s.bind(i, v ? 1 : 0); }

inline std::optional<std::string> optText(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<std::string>(c.getString());
}
inline std::optional<Id> optId(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<Id>(c.getInt64());
}
inline std::optional<Timestamp> optTime(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<Timestamp>(fromStorage(c.getInt64()));
}
inline Timestamp time(const SQLite::Column& c) { return fromStorage(c.getInt64()); }
inline bool flag(const SQLite::Column& c) { return c.getInt() != 0; }

template <class T>
std::string listToJson(const std::vector<T>& v) {
    return nlohmann::json(v).dump();
}
template <class T>
std::vector<T> listFromJson(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    std::vector<T> out;
    if (j.is_array()) {
        for (const auto& e : j) {
            if constexpr (std::is_same_v<T, std::string>) {
                if (e.is_string()) {
                    out.push_back(e.get<std::string>());
                }
            } else {
                if (e.is_number_integer()) {
                    out.push_back(e.get<T>());
                }
            }
        }
    }
    return out;
}

inline std::string mapToJson(const StringMap& m) { return nlohmann::json(m).dump(); }
// A JSON object of strings; anything else (NULL, bad JSON, other values) reads as empty.
inline StringMap mapFromJson(const std::string& text) {
    StringMap out;
    if (text.size() <= 2) {
        return out;  // "{}", the common case, without a parse
    }
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) {
            if (v.is_string()) {
                out.emplace(k, v.get<std::string>());
            }
        }
    }
    return out;
}

}  // namespace boxoffice::model::sql
