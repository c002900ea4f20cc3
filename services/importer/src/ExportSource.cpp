#include "ExportSource.h"

#include <cerrno>
#include <cstring>
#include <istream>

namespace boxoffice::importer {

using nlohmann::json;

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 18;  // bytes read from a file at a time
constexpr std::uint64_t kValuesPerCheck = 4096;       // parsed values between two looks at the stop token

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdULL;
}

std::uint64_t digestOf(std::uint64_t h, const char* data, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, data + i, 8);
        h = mix(h, w);
    }
    for (; i < n; ++i) {
        h = mix(h, static_cast<unsigned char>(data[i]));
    }
    return mix(h, n);
}

}  // namespace

model::Result<std::unique_ptr<ExportSource>> ExportSource::openFile(const std::filesystem::path& file) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    std::unique_ptr<ExportSource> source(new ExportSource());
    source->m_file = ec ? nullptr : std::fopen(file.c_str(), "rb");
    if (!source->m_file) {
        const int err = ec ? ec.value() : errno;
        return model::Error{model::ErrorCode::Io, "Cannot read " + file.string() + ": " + std::strerror(err), {}};
    }
    source->m_size = size;
    source->m_buffer.resize(kChunk);
    source->rewind();
    return source;
}

std::unique_ptr<ExportSource> ExportSource::fromText(std::string_view text) {
    std::unique_ptr<ExportSource> source(new ExportSource());
    source->m_text = text;
    source->m_size = text.size();
    source->rewind();
    return source;
}

ExportSource::~ExportSource() {
    if (m_file) {
        std::fclose(m_file);
    }
}

std::uint64_t ExportSource::consumed() const {
    return m_bufferStart + static_cast<std::uint64_t>(gptr() - eback());
}

bool ExportSource::rewind() {
    m_bufferStart = 0;
    m_digest = 0;
    if (!m_file) {
        // The get area is only read (the parser takes characters, never puts any back).
        char* begin = const_cast<char*>(m_text.data());
        setg(begin, begin, begin + m_text.size());
        return true;
    }
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data());
    std::clearerr(m_file);
    m_failed = std::fseek(m_file, 0, SEEK_SET) != 0;
    return !m_failed;
}

ExportSource::int_type ExportSource::underflow() {
    if (gptr() < egptr()) {
        return traits_type::to_int_type(*gptr());
    }
    if (!m_file || m_failed) {
        return traits_type::eof();
    }
    m_bufferStart += static_cast<std::uint64_t>(egptr() - eback());
    const std::size_t n = std::fread(m_buffer.data(), 1, m_buffer.size(), m_file);
    if (n == 0) {
        m_failed = std::ferror(m_file) != 0;
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data());
        return traits_type::eof();
    }
    m_digest = digestOf(m_digest, m_buffer.data(), n);
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + n);
    return traits_type::to_int_type(*gptr());
}

bool ExportSource::blank() {
    rewind();
    bool onlySpace = true;
    for (int_type c = sbumpc(); c != traits_type::eof(); c = sbumpc()) {
        const char ch = traits_type::to_char_type(c);
        if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
            onlySpace = false;
            break;
        }
    }
    rewind();
    return onlySpace;
}

namespace {

// nlohmann's SAX events turned into the skeleton document and one order at a time. Each value
// goes where its container's role says: kept in the skeleton, built as the current order, or
// skipped. Each order is handed on as soon as it ends.
class SkeletonSax {
public:
    enum class Role { Top, Event, Orders, Build, Skip };

    SkeletonSax(ExportSource& source, const StreamControl& control,
                const std::function<void(std::size_t, json&)>& onOrder, StreamedShape& shape)
        : m_source(source), m_control(control), m_onOrder(onOrder), m_shape(shape) {}

    bool null() { return value(json(nullptr)); }
    bool boolean(bool b) { return value(json(b)); }
    bool number_integer(json::number_integer_t v) { return value(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
    bool number_float(json::number_float_t v, const json::string_t&) { return value(json(v)); }
    bool string(json::string_t& s) { return value(json(std::move(s))); }
    bool binary(json::binary_t& b) { return value(json::binary(std::move(b))); }
    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(json::string_t& k) {
        if (!m_frames.empty() && m_frames.back().role == Role::Top) {
            m_shape.topKeys.push_back(k);
        }
        m_key = std::move(k);
        return tick();
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
        m_errorByte = position;
        m_error = ex.what();
        return false;
    }

    bool cancelled() const { return m_cancelled; }
    bool sawValues() const { return m_values > 0; }
    std::size_t errorByte() const { return m_errorByte; }
    const std::string& error() const { return m_error; }

private:
    struct Frame {
        json* target;  // nullptr: the container is not kept
        Role role;     // what its elements are
        bool order;    // the container is an order itself
    };

    bool tick() {
        if ((++m_values % kValuesPerCheck) == 0) {
            if (m_control.stop.stop_requested()) {
                m_cancelled = true;
                return false;
            }
            if (m_control.fraction && m_source.size() > 0) {
                m_control.fraction(static_cast<double>(m_source.consumed()) / static_cast<double>(m_source.size()));
            }
        }
        return true;
    }

    // Stores a value starting now where its container's role puts it; returns where it went
    // (nullptr: not kept) and sets the role its own elements get when it is a container.
    json* place(json&& v, Role& inner) {
        inner = Role::Build;
        if (m_frames.empty()) {
            m_shape.skeleton = std::move(v);
            inner = m_shape.skeleton.is_object() ? Role::Top : Role::Skip;
            return &m_shape.skeleton;
        }
        const Frame& parent = m_frames.back();
        switch (parent.role) {
            case Role::Skip:
                inner = Role::Skip;
                return nullptr;
            case Role::Top:
                if (m_key != "event" || m_eventSeen) {
                    if (m_key == "event") {
                        m_shape.repeated.emplace_back("event");
                    }
                    inner = Role::Skip;
                    return nullptr;
                }
                m_eventSeen = true;
                inner = v.is_object() ? Role::Event : Role::Build;
                return &((*parent.target)[m_key] = std::move(v));
            case Role::Event:
                if (m_key == "orders") {
                    if (m_ordersSeen) {
                        m_shape.repeated.emplace_back("event.orders");
                        inner = Role::Skip;
                        return nullptr;
                    }
                    m_ordersSeen = true;
                    if (v.is_array()) {
                        m_shape.ordersStreamed = true;
                        inner = Role::Orders;
                        return nullptr;
                    }
                }
                return &((*parent.target)[m_key] = std::move(v));
            case Role::Orders:
                m_order = std::move(v);
                return &m_order;
            case Role::Build:
                if (parent.target->is_array()) {
                    parent.target->push_back(std::move(v));
                    return &parent.target->back();
                }
                return &((*parent.target)[m_key] = std::move(v));
        }
        return nullptr;
    }

    bool value(json&& v) {
        Role inner{};
        const bool order = !m_frames.empty() && m_frames.back().role == Role::Orders;
        place(std::move(v), inner);
        if (order) {
            deliverOrder();
        }
        return tick();
    }

    bool open(json&& empty) {
        Role inner{};
        const bool order = !m_frames.empty() && m_frames.back().role == Role::Orders;
        json* target = place(std::move(empty), inner);
        m_frames.push_back({target, inner, order});
        return tick();
    }

    bool close() {
        const bool order = m_frames.back().order;
        m_frames.pop_back();
        if (order) {
            deliverOrder();
        }
        return tick();
    }

    void deliverOrder() {
        m_onOrder(m_shape.orders++, m_order);
        m_order = json();
    }

    ExportSource& m_source;
    const StreamControl& m_control;
    const std::function<void(std::size_t, json&)>& m_onOrder;
    StreamedShape& m_shape;
    std::vector<Frame> m_frames;
    std::string m_key;
    json m_order;
    bool m_eventSeen = false;
    bool m_ordersSeen = false;
    bool m_cancelled = false;
    std::uint64_t m_values = 0;
    std::size_t m_errorByte = 0;
    std::string m_error;
};

}  // namespace

model::Result<StreamedShape> streamExport(ExportSource& source, const StreamControl& control,
                                          const std::function<void(std::size_t, json&)>& onOrder) {
    if (!source.rewind()) {
        return model::Error{model::ErrorCode::Io, "The file cannot be read again.", {}};
    }
    StreamedShape shape;
    SkeletonSax sax(source, control, onOrder, shape);
    bool parsed = false;
    {
        std::istream in(&source);
        parsed = json::sax_parse(in, &sax);
    }
    if (parsed && control.fraction) {
        control.fraction(1.0);
    }
    if (source.failed()) {
        return model::Error{model::ErrorCode::Io, std::string("Reading the file failed: ") + std::strerror(EIO), {}};
    }
    if (sax.cancelled()) {
        return model::Error{model::ErrorCode::Conflict, "The import was cancelled.", {}};
    }
    if (parsed) {
        return shape;
    }
    if (!sax.sawValues() && source.blank()) {
        return model::Error::badInput("The file is empty: it is not a pretix order data export.");
    }
    std::string what = sax.error();
    // "[json.exception.parse_error.101] parse error at line 3, column 7: syntax error ..."
    if (auto colon = what.find("] "); colon != std::string::npos) {
        what = what.substr(colon + 2);
    }
    if (sax.errorByte() >= source.size()) {
        return model::Error::badInput("The file is not valid JSON: it ends at byte " + std::to_string(source.size()) +
                                      " in the middle of the data (truncated?): " + what);
    }
    return model::Error::badInput("The file is not valid JSON at byte " + std::to_string(sax.errorByte()) + " of " +
                                  std::to_string(source.size()) + ": " + what);
}

}  // namespace boxoffice::importer
