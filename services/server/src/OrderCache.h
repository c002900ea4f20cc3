// The JSON of orders as orders/ answers them, kept in memory so that pages read again are not
// read from the database and written again order by order.
//
// Each order's text is kept with the revision it was read at (model::Order::revision, raised by
// triggers on every change to the order, its invoice address, positions, answers and check-ins,
// whoever writes) and with the links it was written with (host and pdf downloads). A kept text
// is used only while both still match, so it is never older than the database. The page's
// revisions are read in the same read transaction as everything else the page shows.
//
// Bounded by the bytes of text kept; past the bound the oldest entries go first. Thread-safe: all
// worker threads share one cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::server::detail {

class OrderCache {
public:
    using Text = std::shared_ptr<const std::string>;

    explicit OrderCache(std::size_t maxBytes) : m_maxBytes(maxBytes) {}

    // For each order of the page, its kept text if it was written at that revision with these
    // links; null where there is none.
    std::vector<Text> find(const std::vector<model::OrderRevision>& page, const std::string& links) const;
    // Keeps the text of an order at a revision (replacing what was kept for the order).
    void keep(model::Id order, std::int64_t revision, const std::string& links, Text text);

    std::size_t bytes() const;
    std::size_t size() const;

private:
    struct Entry {
        std::int64_t revision = 0;
        std::string links;
        Text text;
        std::list<model::Id>::iterator age;
    };
    static std::size_t cost(const Entry& e) { return e.text->size() + e.links.size() + 64; }

    const std::size_t m_maxBytes;
    mutable std::mutex m_mutex;
    std::unordered_map<model::Id, Entry> m_entries;
    std::list<model::Id> m_ages;  // oldest first
    std::size_t m_bytes = 0;
};

}  // namespace boxoffice::server::detail
