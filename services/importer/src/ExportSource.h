// The bytes of an export and the streaming parser over them. An import goes through the file
// twice (check, then write), so a source can be rewound; neither pass holds more of the file than
// one chunk and one order. A text in memory is a source too (read in place, not
// copied). A source is read by one thread at a time.
#pragma once

#include <stop_token>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "boxoffice/model/Types.h"

namespace boxoffice::importer {

class ExportSource : public std::streambuf {
public:
    // Io error with a message when the file cannot be opened.
    static model::Result<std::unique_ptr<ExportSource>> openFile(const std::filesystem::path& file);
    // `text` must outlive the source.
    static std::unique_ptr<ExportSource> fromText(std::string_view text);
    ~ExportSource() override;
    ExportSource(const ExportSource&) = delete;
    ExportSource& operator=(const ExportSource&) = delete;

    std::uint64_t size() const { return m_size; }
    // Bytes handed to the reader since the last rewind.
    std::uint64_t consumed() const;
    // Back to the first byte; false when the file cannot be read again.
    bool rewind();
    // A digest of the bytes read since the last rewind, once the reader reached the end: two
    // passes that read the same file give the same digest. Text in memory cannot change: 0.
    std::uint64_t digest() const { return m_digest; }
    // True when the source holds nothing but whitespace (reads it from the start; rewinds).
    bool blank();
    // Whether reading failed (an I/O error, not the end of the file).
    bool failed() const { return m_failed; }

protected:
    int_type underflow() override;

private:
    ExportSource() = default;

    std::FILE* m_file = nullptr;
    std::string_view m_text;
    std::vector<char> m_buffer;
    std::uint64_t m_size = 0;
    std::uint64_t m_bufferStart = 0;  // offset of eback() in the source
    std::uint64_t m_digest = 0;
    bool m_failed = false;
};

// What the streaming parser saw of the document's shape, beside the events it handed on.
struct StreamedShape {
    // The document without the elements of event.orders: top level, event header, catalogue,
    // quotas. Members of the top-level object other than "event" are left out (their names are
    // in `topKeys`). A top level that is not an object is left as a value of its type, empty.
    nlohmann::json skeleton;
    std::vector<std::string> topKeys;
    bool ordersStreamed = false;  // event.orders was a list and its elements went to the callback
    std::size_t orders = 0;       // how many
    std::vector<std::string> repeated;  // "event", "event.orders": given more than once (second one ignored)
};

struct StreamControl {
    std::stop_token stop;
    // Now and then (every few thousand values, and 1 at the end): the part of the source parsed
    // so far, 0..1.
    std::function<void(double fraction)> fraction;
};

// Parses the whole source as JSON, handing each element of event.orders to `onOrder` (its index
// and its value, which the callback may move from) as soon as it ends. Errors: BadInput naming the
// byte of a syntax error (or the end, for a truncated file), Conflict "The import was cancelled."
// when `control.stop` is requested (asked every few thousand values), Io when reading fails.
// What `onOrder` throws ends the parse and goes to the caller.
model::Result<StreamedShape> streamExport(ExportSource& source, const StreamControl& control,
                                          const std::function<void(std::size_t index, nlohmann::json& order)>& onOrder);

}  // namespace boxoffice::importer
