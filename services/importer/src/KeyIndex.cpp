#include "KeyIndex.h"

#include <functional>

namespace boxoffice::importer {

namespace {

std::size_t hashOf(std::string_view key) { return std::hash<std::string_view>{}(key); }

std::size_t hashOf(model::Id id) {
    auto x = static_cast<std::uint64_t>(id);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return static_cast<std::size_t>(x);
}

constexpr std::size_t kFirstSlots = 1024;

}  // namespace

std::string FilePlace::path() const {
    return "orders[" + std::to_string(order) + "].positions[" + std::to_string(position) + "]";
}

std::optional<KeyIndex::Entry> KeyIndex::insert(std::string_view key, Entry entry) {
    if ((m_entries.size() + 1) * 2 > m_slots.size()) {
        grow();
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hashOf(key) & mask;; i = (i + 1) & mask) {
        if (m_slots[i] == 0) {
            m_entries.push_back({m_arena.size(), static_cast<std::uint32_t>(key.size()), entry});
            m_arena.append(key);
            m_slots[i] = static_cast<std::uint32_t>(m_entries.size());
            return std::nullopt;
        }
        const Stored& s = m_entries[m_slots[i] - 1];
        if (keyOf(s) == key) {
            return s.entry;
        }
    }
}

const KeyIndex::Entry* KeyIndex::find(std::string_view key) const {
    if (m_slots.empty()) {
        return nullptr;
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hashOf(key) & mask; m_slots[i] != 0; i = (i + 1) & mask) {
        const Stored& s = m_entries[m_slots[i] - 1];
        if (keyOf(s) == key) {
            return &s.entry;
        }
    }
    return nullptr;
}

void KeyIndex::grow() {
    m_slots.assign(m_slots.empty() ? kFirstSlots : m_slots.size() * 2, 0);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t e = 0; e < m_entries.size(); ++e) {
        std::size_t i = hashOf(keyOf(m_entries[e])) & mask;
        while (m_slots[i] != 0) {
            i = (i + 1) & mask;
        }
        m_slots[i] = static_cast<std::uint32_t>(e + 1);
    }
}

std::optional<std::uint64_t> IdIndex::insert(model::Id id, std::uint64_t value) {
    if ((m_used + 1) * 2 > m_slots.size()) {
        grow();
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hashOf(id) & mask;; i = (i + 1) & mask) {
        if (m_slots[i].id == 0) {
            m_slots[i] = {id, value};
            ++m_used;
            return std::nullopt;
        }
        if (m_slots[i].id == id) {
            return m_slots[i].value;
        }
    }
}

const std::uint64_t* IdIndex::find(model::Id id) const {
    if (m_slots.empty() || id == 0) {
        return nullptr;
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hashOf(id) & mask; m_slots[i].id != 0; i = (i + 1) & mask) {
        if (m_slots[i].id == id) {
            return &m_slots[i].value;
        }
    }
    return nullptr;
}

void IdIndex::grow() {
    std::vector<Slot> old(m_slots.empty() ? kFirstSlots : m_slots.size() * 2);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& s : old) {
        if (s.id == 0) {
            continue;
        }
        std::size_t i = hashOf(s.id) & mask;
        while (m_slots[i].id != 0) {
            i = (i + 1) & mask;
        }
        m_slots[i] = s;
    }
}

}  // namespace boxoffice::importer
