#include "boxoffice/model/JsonWriter.h"

#include <algorithm>
#include <cstring>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace boxoffice::model {

struct JsonText::Impl {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
};

JsonText::JsonText() : m(std::make_unique<Impl>()) {}
JsonText::~JsonText() = default;

void JsonText::beginObject() { m->writer.StartObject(); }
void JsonText::endObject() { m->writer.EndObject(); }
void JsonText::beginArray() { m->writer.StartArray(); }
void JsonText::endArray() { m->writer.EndArray(); }
void JsonText::key(std::string_view k) {
    m->writer.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}
void JsonText::string(std::string_view s) {
    const bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        m->writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        return;
    }
    // Beyond ASCII the text may not be valid UTF-8; nlohmann writes such bytes as U+FFFD, as every
    // other answer of the server does (Response::json), where rapidjson would copy them through.
    document(nlohmann::json(std::string(s)));
}
void JsonText::integer(std::int64_t v) { m->writer.Int64(v); }
void JsonText::boolean(bool b) { m->writer.Bool(b); }
void JsonText::null() { m->writer.Null(); }

void JsonText::document(const nlohmann::json& j) {
    const std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const auto type = j.is_object()   ? rapidjson::kObjectType
                      : j.is_array()  ? rapidjson::kArrayType
                      : j.is_string() ? rapidjson::kStringType
                      : j.is_null()   ? rapidjson::kNullType
                      : j.is_boolean() ? (j.get<bool>() ? rapidjson::kTrueType : rapidjson::kFalseType)
                                       : rapidjson::kNumberType;
    m->writer.RawValue(text.data(), text.size(), type);
}

void JsonText::rawObject(std::string_view json) {
    // rapidjson's RawValue copies byte by byte, which was most of the time of a page of kept
    // orders (70 KB). An empty raw value writes the separator and moves the writer on; the text
    // then goes into the buffer in one copy.
    m->writer.RawValue("", 0, rapidjson::kObjectType);
    std::memcpy(m->buffer.Push(json.size()), json.data(), json.size());
}

std::string JsonText::take() {
    std::string out(m->buffer.GetString(), m->buffer.GetSize());
    m->buffer.Clear();
    m->writer.Reset(m->buffer);
    return out;
}

}  // namespace boxoffice::model
