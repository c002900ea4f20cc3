#include "OrderCache.h"

namespace boxoffice::server::detail {

std::vector<OrderCache::Text> OrderCache::find(const std::vector<model::OrderRevision>& page,
                                               const std::string& links) const {
    std::vector<Text> out(page.size());
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < page.size(); ++i) {
        const auto it = m_entries.find(page[i].id);
        if (it != m_entries.end() && it->second.revision == page[i].revision && it->second.links == links) {
            out[i] = it->second.text;
        }
    }
    return out;
}

void OrderCache::keep(model::Id order, std::int64_t revision, const std::string& links, Text text) {
    if (m_maxBytes == 0 || !text) {
        return;
    }
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(order);
    if (it != m_entries.end()) {
        // Two workers may read the same order at different revisions; the later one stays.
        if (it->second.revision > revision) {
            return;
        }
        m_bytes -= cost(it->second);
        m_ages.erase(it->second.age);
        m_entries.erase(it);
    }
    Entry e{revision, links, std::move(text), {}};
    if (cost(e) > m_maxBytes) {
        return;
    }
    m_bytes += cost(e);
    e.age = m_ages.insert(m_ages.end(), order);
    m_entries.emplace(order, std::move(e));
    while (m_bytes > m_maxBytes) {
        const auto oldest = m_entries.find(m_ages.front());
        m_bytes -= cost(oldest->second);
        m_entries.erase(oldest);
        m_ages.pop_front();
    }
}

std::size_t OrderCache::bytes() const {
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

std::size_t OrderCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

}  // namespace boxoffice::server::detail
