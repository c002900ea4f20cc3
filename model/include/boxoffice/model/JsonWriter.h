// Two ways to write the same JSON: JsonText writes text as it goes, without a document (rapidjson's
// Writer does the escaping and the numbers); JsonDom builds a nlohmann document. The wire
// functions that write orders and positions (Wire.h, `write`) take either, so the server's pages
// are written straight to text, while sync, tests and the GUI get documents, from one field list.
//
// Both take calls in document order: begin/end of objects and arrays, a key before each member's
// value. Keys inside one object must be distinct; that is the caller's to keep.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace boxoffice::model {

class JsonText {
public:
    JsonText();
    ~JsonText();
    JsonText(const JsonText&) = delete;
    JsonText& operator=(const JsonText&) = delete;

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view k);
    void string(std::string_view s);
    void integer(std::int64_t v);
    void boolean(bool b);
    void null();
    // A whole document as the next value (small parts such as meta data or a layout).
    void document(const nlohmann::json& j);
    // An object written earlier by a JsonText (take()), as the next value, copied as it is.
    void rawObject(std::string_view json);

    // The text written; the writer is empty afterwards.
    std::string take();

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

class JsonDom {
public:
    void beginObject() { open(nlohmann::json::object()); }
    void endObject() { close(); }
    void beginArray() { open(nlohmann::json::array()); }
    void endArray() { close(); }
    void key(std::string_view k) { m_key.assign(k); }
    void string(std::string_view s) { put(nlohmann::json(std::string(s))); }
    void integer(std::int64_t v) { put(nlohmann::json(v)); }
    void boolean(bool b) { put(nlohmann::json(b)); }
    void null() { put(nlohmann::json(nullptr)); }
    void document(const nlohmann::json& j) { put(j); }

    nlohmann::json take() { return std::move(m_root); }

private:
    // Puts a value where the next one goes and returns it.
    nlohmann::json& put(nlohmann::json v) {
        if (m_open.empty()) {
            m_root = std::move(v);
            return m_root;
        }
        auto& parent = *m_open.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return parent.back();
        }
        return parent[m_key] = std::move(v);
    }
    void open(nlohmann::json empty) { m_open.push_back(&put(std::move(empty))); }
    void close() { m_open.pop_back(); }

    nlohmann::json m_root;
    std::vector<nlohmann::json*> m_open;  // the objects and arrays not yet ended, innermost last
    std::string m_key;
};

}  // namespace boxoffice::model
