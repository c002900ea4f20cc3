// The JSON of orders (orders/) and of positions (checkinlists/{id}/positions/, orderpositions/)
// kept in memory, so that what is read again is not read from the database and written again.
//
// Each text is kept under its order's or position's ID with the revision it was read at
// (model::Order::revision, raised by triggers on every change to the order, its invoice address,
// positions, answers and check-ins, whoever writes) and a variant: whatever else the text shows
// (host and pdf downloads of the links; for positions the list, the order and parent order with
// the parent's revision, the attention flags). A kept text is used only while both match, so it
// is never older than the database. Callers read the revisions in the same read transaction as
// everything else the answer shows.
//
// Bounded by the bytes kept; past the bound the oldest entries go first. Thread-safe: all worker
// threads share one cache per kind.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "boxoffice/model/Types.h"

namespace boxoffice::server::detail {

class JsonCache {
public:
    using Text = std::shared_ptr<const std::string>;
    struct Key {
        model::Id id = 0;
        std::int64_t revision = 0;
        std::string variant;
    };

    explicit JsonCache(std::size_t maxBytes) : m_maxBytes(maxBytes) {}

    // For each key, the text kept at that revision and variant; null where there is none.
    std::vector<Text> find(const std::vector<Key>& keys) const;
    // Keeps a text (replacing what was kept under the ID, unless that is of a later revision).
    void keep(const Key& key, Text text);

private:
    struct Entry {
        std::int64_t revision = 0;
        std::string variant;
        Text text;
        std::list<model::Id>::iterator age;
    };
    static std::size_t cost(const Entry& e) { return e.text->size() + e.variant.size() + 64; }

    const std::size_t m_maxBytes;
    mutable std::mutex m_mutex;
    std::unordered_map<model::Id, Entry> m_entries;
    std::list<model::Id> m_ages;  // oldest first
    std::size_t m_bytes = 0;
};

// The caches of one server's routes.
struct KeptJson {
    explicit KeptJson(std::size_t maxBytesEach) : orders(maxBytesEach), positions(maxBytesEach) {}
    JsonCache orders;
    JsonCache positions;
};

}  // namespace boxoffice::server::detail
