#include "boxoffice/server/ScanFeed.h"

#include <algorithm>

namespace boxoffice::server {

ScanFeed::ScanFeed(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 1)) {}

void ScanFeed::push(ScanRecord record) {
    std::lock_guard lock(m_mutex);
    m_records.push_back(std::move(record));
    if (m_records.size() > m_capacity) {
        m_records.pop_front();
    }
    ++m_next;
}

ScanFeed::Batch ScanFeed::since(std::uint64_t after) const {
    std::lock_guard lock(m_mutex);
    Batch batch;
    batch.next = m_next;
    const std::uint64_t first = m_next - m_records.size();  // the number of the oldest record kept
    const std::uint64_t from = std::max(after, first);
    batch.dropped = after < first;
    for (auto i = from; i < m_next; ++i) {
        batch.records.push_back(m_records[static_cast<std::size_t>(i - first)]);
    }
    return batch;
}

}  // namespace boxoffice::server
