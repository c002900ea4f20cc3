// Compact sets of what the first pass of an import keeps of every order: codes and ticket secrets
// (KeyIndex: the strings in one arena) and position IDs (IdIndex), each with a number (where in
// the file it was seen). A million positions cost tens of megabytes here, not the hundreds a map
// of strings would. Open addressing with linear probing; value types; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/model/Types.h"

namespace boxoffice::importer {

// Where a position was seen in the file: orders[order].positions[position].
struct FilePlace {
    std::uint32_t order = 0;
    std::uint32_t position = 0;
    std::string path() const;
    friend bool operator<(const FilePlace& a, const FilePlace& b) {
        return a.order != b.order ? a.order < b.order : a.position < b.position;
    }
};

class KeyIndex {
public:
    struct Entry {
        std::uint64_t value = 0;
        model::Id extra = 0;
    };
    // Adds `key`; when it was there already, returns its entry and leaves it unchanged.
    std::optional<Entry> insert(std::string_view key, Entry entry);
    const Entry* find(std::string_view key) const;
    std::size_t size() const { return m_entries.size(); }

private:
    struct Stored {
        std::uint64_t offset = 0;
        std::uint32_t length = 0;
        Entry entry;
    };
    std::string_view keyOf(const Stored& s) const { return {m_arena.data() + s.offset, s.length}; }
    void grow();

    std::string m_arena;
    std::vector<Stored> m_entries;
    std::vector<std::uint32_t> m_slots;  // 1 + index into m_entries; 0: empty
};

class IdIndex {
public:
    // Adds a positive `id`; when it was there already, returns the value it has.
    std::optional<std::uint64_t> insert(model::Id id, std::uint64_t value);
    const std::uint64_t* find(model::Id id) const;
    std::size_t size() const { return m_used; }

private:
    struct Slot {
        model::Id id = 0;  // 0: empty
        std::uint64_t value = 0;
    };
    void grow();

    std::vector<Slot> m_slots;
    std::size_t m_used = 0;
};

inline std::uint64_t pack(FilePlace p) { return (std::uint64_t{p.order} << 32) | p.position; }
inline FilePlace unpack(std::uint64_t v) {
    return {static_cast<std::uint32_t>(v >> 32), static_cast<std::uint32_t>(v & 0xFFFFFFFFu)};
}

}  // namespace boxoffice::importer
