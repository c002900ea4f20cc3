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
// A posting list fewer than this many times longer than the candidates is intersected by walking
// both; a longer one by looking each candidate up (a binary search costs about this many steps).
constexpr std::size_t kMergeRatio = 16;

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::uint32_t trigram(std::string_view s, std::size_t i) {
    return (std::uint32_t{static_cast<unsigned char>(s[i])} << 16) |
           (std::uint32_t{static_cast<unsigned char>(s[i + 1])} << 8) | std::uint32_t{static_cast<unsigned char>(s[i + 2])};
}

// string_view::find, without a memchr or memcmp call per try: the fields are short, and a broad
// search checks 100,000 of them.
bool contains(std::string_view hay, std::string_view needle) {
    if (needle.size() > hay.size()) {
        return false;
    }
    const char first = needle.front();
    for (std::size_t i = 0, last = hay.size() - needle.size(); i <= last; ++i) {
        if (hay[i] != first) {
            continue;
        }
        std::size_t k = 1;
        while (k < needle.size() && hay[i + k] == needle[k]) {
            ++k;
        }
        if (k == needle.size()) {
            return true;
        }
    }
    return false;
}

struct Snapshot {
    std::int64_t version = 0;
    std::vector<Id> ids;                 // per document, ascending
    std::vector<bool> nullName;          // per document: its own attendee name is NULL
    // Per document: its place in pretix's default order of list positions (see firstByName).
    std::vector<std::uint32_t> nameRank;
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
            if (f < kContainsFields ? contains(value, needle) : value.starts_with(needle)) {
                return true;
            }
        }
        return false;
    }

    // Calls found(doc) for each document matching `needle`, in document order.
    template <class Found>
    void forEachMatch(std::string_view needle, Found&& found) const {
        std::vector<const std::vector<std::uint32_t>*> lists;
        for (std::size_t i = 0; i + 3 <= needle.size(); ++i) {
            auto it = postings.find(trigram(needle, i));
            if (it == postings.end()) {
                return;
            }
            lists.push_back(&it->second);
        }
        std::sort(lists.begin(), lists.end(), [](const auto* a, const auto* b) { return a->size() < b->size(); });
        std::vector<std::uint32_t> candidates = *lists.front();
        for (std::size_t i = 1; i < lists.size() && candidates.size() > kCheckDirectly; ++i) {
            const auto& longer = *lists[i];
            if (i > 1 && longer.size() / kMergeRatio < candidates.size() && candidates.size() * 2 > lists[0]->size()) {
                // The trigrams go together (a common name): walking another list as long would
                // hardly leave fewer candidates, and checking them is cheaper.
                break;
            }
            if (longer.size() / kMergeRatio < candidates.size()) {
                // Lists of like length (the trigrams of a common name): one pass over both.
                std::vector<std::uint32_t> both;
                std::set_intersection(candidates.begin(), candidates.end(), longer.begin(), longer.end(),
                                      std::back_inserter(both));
                candidates = std::move(both);
            } else {
                // Look each candidate up in the longer list rather than walking all of it.
                std::erase_if(candidates,
                              [&](std::uint32_t doc) { return !std::binary_search(longer.begin(), longer.end(), doc); });
            }
        }
        // A broad search checks 100,000 candidates spread over the snapshot: each a cache miss on
        // its offsets, its text and its place by name, unless asked for a few candidates ahead.
        constexpr std::size_t kAhead = 16;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (i + 2 * kAhead < candidates.size()) {
                __builtin_prefetch(&offsets[candidates[i + 2 * kAhead] * kFields]);
            }
            if (i + kAhead < candidates.size()) {
                __builtin_prefetch(text.data() + offsets[candidates[i + kAhead] * kFields]);
                __builtin_prefetch(&nameRank[candidates[i + kAhead]]);
            }
            if (matches(candidates[i], needle)) {
                found(candidates[i]);
            }
        }
    }

    std::vector<Id> find(std::string_view needle) const {
        std::vector<Id> out;
        forEachMatch(needle, [&](std::uint32_t doc) { out.push_back(ids[doc]); });
        return out;
    }

    // How many documents match, and the first `upTo` of them by name (see firstByName), in one
    // pass: the matches of a broad search are counted and weighed as they are found, never kept.
    ByName findByName(std::string_view needle, std::size_t upTo) const {
        ByName out;
        std::vector<std::uint64_t> best;  // a max-heap of place << 32 | doc, at most upTo long
        best.reserve(upTo + 1);
        forEachMatch(needle, [&](std::uint32_t doc) {
            ++out.count;
            const std::uint64_t placed = (std::uint64_t{nameRank[doc]} << 32) | doc;
            if (best.size() < upTo) {
                best.push_back(placed);
                std::push_heap(best.begin(), best.end());
            } else if (upTo > 0 && placed < best.front()) {
                std::pop_heap(best.begin(), best.end());
                best.back() = placed;
                std::push_heap(best.begin(), best.end());
            }
        });
        std::sort_heap(best.begin(), best.end());
        for (const auto placed : best) {
            out.first.push_back(ids[placed & 0xFFFFFFFFU]);
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
        snap->nullName.push_back(q.getColumn(1).isNull());
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
    // Named first by the lower-cased name (SQLite's NOCASE folds ASCII only, as the snapshot
    // does), then unnamed ones, NULL before ''; then by ID, which the document order is.
    std::vector<std::uint32_t> order(snap->ids.size());
    for (std::uint32_t doc = 0; doc < order.size(); ++doc) {
        order[doc] = doc;
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto na = snap->field(a, 0);
        const auto nb = snap->field(b, 0);
        if (na.empty() != nb.empty()) {
            return nb.empty();
        }
        if (na.empty() && snap->nullName[a] != snap->nullName[b]) {
            return static_cast<bool>(snap->nullName[a]);
        }
        const int c = na.compare(nb);
        return c != 0 ? c < 0 : a < b;
    });
    snap->nameRank.resize(order.size());
    for (std::uint32_t place = 0; place < order.size(); ++place) {
        snap->nameRank[order[place]] = place;
    }
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

std::optional<std::vector<Id>> firstByName(Store& store, Id eventId, const std::vector<Id>& ids, std::size_t count) {
    const auto snap = currentOrBuild(store, eventId);
    if (!snap) {
        return std::nullopt;
    }
    std::vector<std::uint32_t> docs;
    docs.reserve(ids.size());
    auto from = snap->ids.begin();
    const auto last = snap->ids.end();
    for (const Id id : ids) {
        // Galloping from the previous one: the IDs ascend, often a few documents apart.
        std::ptrdiff_t step = 1;
        while (step < last - from && from[step] < id) {
            from += step;
            step *= 2;
        }
        from = std::lower_bound(from, from + std::min(step + 1, last - from), id);
        if (from == last || *from != id) {
            return std::nullopt;  // not a position of this snapshot
        }
        docs.push_back(static_cast<std::uint32_t>(from - snap->ids.begin()));
    }
    // Each document's place, then the document, in one number to sort (reading the places
    // ahead: they are spread over the snapshot).
    constexpr std::size_t kAhead = 16;
    std::vector<std::uint64_t> placed(docs.size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
        if (i + kAhead < docs.size()) {
            __builtin_prefetch(&snap->nameRank[docs[i + kAhead]]);
        }
        placed[i] = (std::uint64_t{snap->nameRank[docs[i]]} << 32) | docs[i];
    }
    const auto end = placed.begin() + static_cast<std::ptrdiff_t>(std::min(count, placed.size()));
    std::partial_sort(placed.begin(), end, placed.end());
    std::vector<Id> out;
    out.reserve(static_cast<std::size_t>(end - placed.begin()));
    for (auto it = placed.begin(); it != end; ++it) {
        out.push_back(snap->ids[*it & 0xFFFFFFFFU]);
    }
    return out;
}

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

std::optional<ByName> findByName(Store& store, Id eventId, const std::string& text, std::size_t upTo) {
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
    return snap->findByName(needle, upTo);
}

}  // namespace boxoffice::model::search
