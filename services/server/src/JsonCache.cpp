#include "JsonCache.h"

namespace boxoffice::server::detail {

std::vector<JsonCache::Text> JsonCache::find(const std::vector<Key>& keys) const {
    std::vector<Text> out(keys.size());
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto it = m_entries.find(keys[i].id);
        if (it != m_entries.end() && it->second.revision == keys[i].revision && it->second.variant == keys[i].variant) {
            out[i] = it->second.text;
        }
    }
    return out;
}

void JsonCache::keep(const Key& key, Text text) {
    if (m_maxBytes == 0 || !text) {
        return;
    }
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(key.id);
    if (it != m_entries.end()) {
        // Two workers may read the same order at different revisions; the later one stays.
        if (it->second.revision > key.revision) {
            return;
        }
        m_bytes -= cost(it->second);
        m_ages.erase(it->second.age);
        m_entries.erase(it);
    }
    Entry e{key.revision, key.variant, std::move(text), {}};
    if (cost(e) > m_maxBytes) {
        return;
    }
    m_bytes += cost(e);
    e.age = m_ages.insert(m_ages.end(), key.id);
    m_entries.emplace(key.id, std::move(e));
    while (m_bytes > m_maxBytes) {
        const auto oldest = m_entries.find(m_ages.front());
        m_bytes -= cost(oldest->second);
        m_entries.erase(oldest);
        m_ages.pop_front();
    }
}

}  // namespace boxoffice::server::detail
