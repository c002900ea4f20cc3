#include "boxoffice/model/SearchIndex.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>

namespace boxoffice::model::search {

namespace {

// Searchable fields per position: the first three match anywhere, the last two as a prefix.
constexpr std::size_t kFields = 5;
constexpr std::size_t kContainsFields = 3;
// Candidates left after intersecting the rarest posting lists are checked one by one; below
// this many, checking is cheaper than intersecting further.
constexpr std::size_t kCheckDirectly = 64;

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::uint32_t trigram(std::string_view s, std::size_t i) {
    return (std::uint32_t{static_cast<unsigned char>(s[i])} << 16) |
           (std::uint32_t{static_cast<unsigned char>(s[i + 1])} << 8) | std::uint32_t{static_cast<unsigned char>(s[i + 2])};
}

struct Snapshot {
    std::int64_t version = 0;
    std::vector<Id> ids;                 // per document, ascending
    std::vector<std::uint32_t> offsets;  // per document kFields offsets into `text`, then the end
    std::string text;                    // every field, lower-cased, one after another
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> postings;  // trigram -> documents

    std::string_view field(std::size_t doc, std::size_t f) const {
        const auto begin = offsets[doc * kFields + f];
        const auto end = offsets[doc * kFields + f + 1];
        return std::string_view(text).substr(begin, end - begin);
    }

    bool matches(std::size_t doc, std::string_view needle) const {
        for (std::size_t f = 0; f < kFields; ++f) {
            const auto value = field(doc, f);
            if (f < kContainsFields ? value.find(needle) != std::string_view::npos : value.starts_with(needle)) {
                return true;
            }
        }
        return false;
    }

    std::vector<Id> find(std::string_view needle) const {
        std::vector<const std::vector<std::uint32_t>*> lists;
        for (std::size_t i = 0; i + 3 <= needle.size(); ++i) {
            auto it = postings.find(trigram(needle, i));
            if (it == postings.end()) {
                return {};
            }
            lists.push_back(&it->second);
        }
        std::sort(lists.begin(), lists.end(), [](const auto* a, const auto* b) { return a->size() < b->size(); });
        std::vector<std::uint32_t> candidates = *lists.front();
        for (std::size_t i = 1; i < lists.size() && candidates.size() > kCheckDirectly; ++i) {
            // Look each candidate up in the longer list rather than walking all of it.
            const auto& longer = *lists[i];
            std::erase_if(candidates,
                          [&](std::uint32_t doc) { return !std::binary_search(longer.begin(), longer.end(), doc); });
        }
        std::vector<Id> out;
        for (auto doc : candidates) {
            if (matches(doc, needle)) {
                out.push_back(ids[doc]);
            }
        }
        return out;
    }
};

std::int64_t currentVersion(Store& store, Id eventId) {
    auto q = store.cached("SELECT version FROM search_version WHERE event_id = ?");
    q.bind(1, eventId);
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

std::shared_ptr<const Snapshot> build(Store& store, Id eventId) {
    auto snap = std::make_shared<Snapshot>();
    Store::Transaction tx(store, Store::TxMode::Deferred);  // the version and the rows of one moment
    snap->version = currentVersion(store, eventId);
    auto q = store.cached(
        "SELECT p.id, p.attendee_name, pp.attendee_name, ia.name, o.code, p.secret "
        "FROM order_position p JOIN orders o ON o.id = p.order_id "
        "LEFT JOIN order_position pp ON pp.id = p.addon_to "
        "LEFT JOIN invoice_address ia ON ia.order_id = p.order_id "
        "WHERE p.event_id = ? ORDER BY p.id");
    q.bind(1, eventId);
    while (q.executeStep()) {
        const auto doc = static_cast<std::uint32_t>(snap->ids.size());
        snap->ids.push_back(q.getColumn(0).getInt64());
        for (int f = 0; f < static_cast<int>(kFields); ++f) {
            snap->offsets.push_back(static_cast<std::uint32_t>(snap->text.size()));
            const auto* value = q.getColumn(f + 1).getText("");
            const auto start = snap->text.size();
            for (const char* c = value; *c; ++c) {
                snap->text.push_back(lowerAscii(*c));
            }
            const std::string_view added = std::string_view(snap->text).substr(start);
            for (std::size_t i = 0; i + 3 <= added.size(); ++i) {
                auto& list = snap->postings[trigram(added, i)];
                if (list.empty() || list.back() != doc) {
                    list.push_back(doc);
                }
            }
        }
    }
    snap->offsets.push_back(static_cast<std::uint32_t>(snap->text.size()));
    tx.commit();
    return snap;
}

// One per database file and event, kept for the life of the process.
struct Entry {
    std::mutex mutex;
    std::shared_ptr<const Snapshot> snapshot;
    bool building = false;
    std::jthread builder;
};

std::shared_ptr<Entry> entryFor(const std::filesystem::path& file, Id eventId) {
    static std::mutex guard;
    // Never destroyed: a build may still be running while the process exits.
    static auto* entries = new std::map<std::pair<std::string, Id>, std::shared_ptr<Entry>>;
    std::lock_guard lock(guard);
    auto& e = (*entries)[{file.string(), eventId}];
    if (!e) {
        e = std::make_shared<Entry>();
    }
    return e;
}

void rebuild(const std::shared_ptr<Entry>& entry, const std::filesystem::path& file, Id eventId) {
#if defined(__linux__)
    // Background work: the gates' requests come first (Linux sets nice values per thread).
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#endif
    std::shared_ptr<const Snapshot> snap;
    try {
        Store store(file);
        snap = build(store, eventId);
    } catch (const std::exception&) {
        // The database was busy or went away: the next search tries again; FTS answers meanwhile.
    }
    std::lock_guard lock(entry->mutex);
    if (snap) {
        entry->snapshot = std::move(snap);
    }
    entry->building = false;
}

// The event's snapshot if it is current in the caller's transaction; else nullptr, after
// starting a build unless one is running.
std::shared_ptr<const Snapshot> currentOrBuild(Store& store, Id eventId) {
    const auto version = currentVersion(store, eventId);
    const auto entry = entryFor(store.path(), eventId);
    std::lock_guard lock(entry->mutex);
    if (entry->snapshot && entry->snapshot->version == version) {
        return entry->snapshot;
    }
    if (!entry->building) {
        entry->building = true;
        if (entry->builder.joinable()) {
            entry->builder.join();  // the previous build, already finished
        }
        entry->builder = std::jthread([entry, file = store.path(), eventId] { rebuild(entry, file, eventId); });
    }
    return nullptr;
}

}  // namespace

bool warm(Store& store, Id eventId) { return currentOrBuild(store, eventId) != nullptr; }

std::optional<std::vector<Id>> find(Store& store, Id eventId, const std::string& text) {
    if (text.size() < 3) {
        return std::nullopt;
    }
    const auto snap = currentOrBuild(store, eventId);
    if (!snap) {
        return std::nullopt;
    }
    std::string needle;
    needle.reserve(text.size());
    std::transform(text.begin(), text.end(), std::back_inserter(needle), lowerAscii);
    return snap->find(needle);
}

}  // namespace boxoffice::model::search
