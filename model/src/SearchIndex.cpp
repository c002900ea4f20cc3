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
// A posting list fewer than this many times longer than the candidates is intersected by walking
// both; a longer one by looking each candidate up (a binary search costs about this many steps).
constexpr std::size_t kMergeRatio = 16;
// The names of a document (the contains fields) are indexed by place: each occurrence of a
// trigram is one entry, document << 8 | place, the place counted in the names joined by a
// separator, so no trigram spans two names. A document holds "xandr" where "xan" is at some place
// p, "and" at p + 1 and "ndr" at p + 2: a merge of sorted lists decides it exactly, without
// reading a name (checking each of a broad search's 100,000 candidates by its text was three
// quarters of its time). Documents whose joined names pass kMaxPlace bytes, and any past the
// first 2^24, are kept aside and checked by their text.
constexpr std::size_t kMaxPlace = 255;
constexpr std::size_t kMaxPlacedDocs = std::size_t{1} << 24;
// The prefix fields (order code, secret) are indexed by trigram and place from their start (key
// trigram | place << 24, entries documents): a search's first kPrefixPlaces + 2 characters then
// match a field's beginning exactly; a longer search is checked by the text beyond that.
constexpr std::size_t kPrefixPlaces = 32;

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

// Room a search works in, lent from one search to the next whichever thread runs it: a broad
// search's 100,000 candidates in fresh vectors cost a page fault per 4 KiB, a quarter of the
// search's time. Kept per thread before, each of the server's 48 workers paid those faults on its
// own first broad search (5-14 ms on 1,000,000 positions, the slowest of 300 distinct searches in
// bench/server). What passes kScratchKept entries a vector is given back after the search (a
// search of three letters may start from half the event). The pool holds at most as many rooms
// as searches ever ran at once (or one, left by an index build).
struct Scratch {
    std::vector<std::uint32_t> start;
    std::vector<std::uint32_t> docs;
};
constexpr std::size_t kScratchKept = std::size_t{1} << 18;

class ScratchPool {
public:
    std::unique_ptr<Scratch> take() {
        std::lock_guard lock(m_mutex);
        if (m_free.empty()) {
            return std::make_unique<Scratch>();
        }
        auto room = std::move(m_free.back());
        m_free.pop_back();
        return room;
    }
    void give(std::unique_ptr<Scratch> room) {
        for (auto* v : {&room->start, &room->docs}) {
            if (v->capacity() > kScratchKept) {
                std::vector<std::uint32_t>().swap(*v);
            }
        }
        std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(room));
    }
    // Keeps `room` only when no room is free.
    void giveIfNone(std::unique_ptr<Scratch> room) {
        std::lock_guard lock(m_mutex);
        if (m_free.empty()) {
            m_free.push_back(std::move(room));
        }
    }

private:
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Scratch>> m_free;
};

ScratchPool& scratchPool() {
    static auto& pool = *new ScratchPool;  // never destroyed: a search may end while the process exits
    return pool;
}

// A room for one search, given back when the search ends.
class LentScratch {
public:
    LentScratch() : m_room(scratchPool().take()) {}
    ~LentScratch() { scratchPool().give(std::move(m_room)); }
    LentScratch(const LentScratch&) = delete;
    LentScratch& operator=(const LentScratch&) = delete;
    Scratch& operator*() const { return *m_room; }

private:
    std::unique_ptr<Scratch> m_room;
};

// A room whose pages are in memory already, left in the pool by an index build when none is
// free, so that the first broad search after the server starts does not pay the faults either.
void addWarmScratch() {
    auto room = std::make_unique<Scratch>();
    room->start.resize(kScratchKept);
    room->docs.resize(kScratchKept);
    room->start.clear();
    room->docs.clear();
    scratchPool().giveIfNone(std::move(room));
}

struct Snapshot {
    std::int64_t version = 0;
    std::vector<Id> ids;                 // per document, ascending
    std::vector<bool> nullName;          // per document: its own attendee name is NULL
    // Per document: its place in pretix's default order of list positions (see findByName).
    std::vector<std::uint32_t> nameRank;
    std::vector<std::uint32_t> offsets;  // per document kFields offsets into `text`, then the end
    std::string text;                    // every field, lower-cased, one after another
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> names;     // trigram -> doc << 8 | place
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> prefixes;  // trigram | place << 24 -> docs
    std::vector<std::uint32_t> unplaced;  // documents whose names are checked by their text

    std::string_view field(std::size_t doc, std::size_t f) const {
        const auto begin = offsets[doc * kFields + f];
        const auto end = offsets[doc * kFields + f + 1];
        return std::string_view(text).substr(begin, end - begin);
    }

    bool namesContain(std::size_t doc, std::string_view needle) const {
        for (std::size_t f = 0; f < kContainsFields; ++f) {
            if (contains(field(doc, f), needle)) {
                return true;
            }
        }
        return false;
    }

    bool startsWith(std::size_t doc, std::string_view needle) const {
        return field(doc, 3).starts_with(needle) || field(doc, 4).starts_with(needle);
    }

    // The entries `start` (doc << 8 | place) whose document has trigram `list` at place + shift,
    // kept in place: a broad search narrows 100,000 entries a few times, and a new vector each
    // time cost more in allocation and fresh pages than the merge itself.
    static void keepFollowed(std::vector<std::uint32_t>& start, const std::vector<std::uint32_t>& list,
                             std::uint32_t shift) {
        // An entry whose place + shift passes kMaxPlace would spill into the next document.
        std::erase_if(start, [&](std::uint32_t e) { return (e & 0xFFU) + shift > kMaxPlace; });
        if (list.size() / kMergeRatio < start.size()) {
            // Lists of like length (the trigrams of a common name): one pass over both. The next
            // match is usually a few entries on, so the list is walked, not searched.
            std::size_t kept = 0;
            auto it = list.begin();
            const auto end = list.end();
            for (const auto e : start) {
                const std::uint32_t target = e + shift;
                while (it != end && *it < target) {
                    ++it;
                }
                if (it == end) {
                    break;
                }
                if (*it == target) {
                    start[kept++] = e;
                }
            }
            start.resize(kept);
        } else {
            std::erase_if(start, [&](std::uint32_t e) { return !std::binary_search(list.begin(), list.end(), e + shift); });
        }
    }

    // The documents (ascending) whose names contain `needle`, from the places of its trigrams,
    // into `docs`; `start` is room to work in.
    void placedNameMatches(std::string_view needle, std::vector<std::uint32_t>& start,
                           std::vector<std::uint32_t>& docs) const {
        docs.clear();
        struct Part {
            const std::vector<std::uint32_t>* list;
            std::uint32_t shift;  // the trigram's place in the needle
        };
        std::vector<Part> parts;
        for (std::size_t i = 0; i + 3 <= needle.size(); ++i) {
            auto it = names.find(trigram(needle, i));
            if (it == names.end()) {
                return;
            }
            parts.push_back({&it->second, static_cast<std::uint32_t>(i)});
        }
        std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.list->size() < b.list->size(); });
        // Where the needle would start, from the rarest trigram's occurrences.
        start.clear();
        for (const auto e : *parts.front().list) {
            if ((e & 0xFFU) >= parts.front().shift) {
                start.push_back(e - parts.front().shift);
            }
        }
        for (std::size_t i = 1; i < parts.size() && !start.empty(); ++i) {
            keepFollowed(start, *parts[i].list, parts[i].shift);
        }
        for (const auto e : start) {
            if (docs.empty() || docs.back() != e >> 8) {
                docs.push_back(e >> 8);
            }
        }
    }

    // The documents (ascending) whose order code or secret starts with `needle`.
    std::vector<std::uint32_t> prefixMatches(std::string_view needle) const {
        std::vector<const std::vector<std::uint32_t>*> lists;
        for (std::size_t i = 0; i + 3 <= needle.size() && i < kPrefixPlaces; ++i) {
            auto it = prefixes.find(trigram(needle, i) | static_cast<std::uint32_t>(i << 24));
            if (it == prefixes.end()) {
                return {};
            }
            lists.push_back(&it->second);
        }
        std::sort(lists.begin(), lists.end(), [](const auto* a, const auto* b) { return a->size() < b->size(); });
        std::vector<std::uint32_t> docs = *lists.front();
        for (std::size_t i = 1; i < lists.size() && !docs.empty(); ++i) {
            const auto& list = *lists[i];
            std::erase_if(docs, [&](std::uint32_t d) { return !std::binary_search(list.begin(), list.end(), d); });
        }
        // Two fields share the keys: a document may have one trigram at a place in its code and
        // the next in its secret; and a needle longer than the places is checked beyond them.
        std::erase_if(docs, [&](std::uint32_t d) { return !startsWith(d, needle); });
        return docs;
    }

    // Every document matching `needle` (3 bytes or more), ascending, in `room.docs`.
    const std::vector<std::uint32_t>& matching(std::string_view needle, Scratch& room) const {
        auto& docs = room.docs;
        placedNameMatches(needle, room.start, docs);
        const auto prefixed = prefixMatches(needle);
        std::vector<std::uint32_t> checked;
        for (const auto d : unplaced) {
            if (namesContain(d, needle)) {
                checked.push_back(d);
            }
        }
        if (!prefixed.empty() || !checked.empty()) {
            std::vector<std::uint32_t> both;
            std::set_union(docs.begin(), docs.end(), prefixed.begin(), prefixed.end(), std::back_inserter(both));
            docs.clear();
            std::set_union(both.begin(), both.end(), checked.begin(), checked.end(), std::back_inserter(docs));
        }
        return docs;
    }

    std::vector<Id> find(std::string_view needle) const {
        std::vector<Id> out;
        const LentScratch room;
        const auto& docs = matching(needle, *room);
        out.reserve(docs.size());
        for (const auto doc : docs) {
            out.push_back(ids[doc]);
        }
        return out;
    }

    // How many documents match, and the first `upTo` of them by name (see findByName): only
    // those are sorted, in a bounded heap.
    ByName findByName(std::string_view needle, std::size_t upTo) const {
        ByName out;
        const LentScratch room;
        const auto& docs = matching(needle, *room);
        out.count = static_cast<std::int64_t>(docs.size());
        std::vector<std::uint64_t> best;  // a max-heap of place << 32 | doc, at most upTo long
        best.reserve(upTo + 1);
        constexpr std::size_t kAhead = 16;  // the places by name are spread over the snapshot
        for (std::size_t i = 0; i < docs.size() && upTo > 0; ++i) {
            if (i + kAhead < docs.size()) {
                __builtin_prefetch(&nameRank[docs[i + kAhead]]);
            }
            const std::uint64_t placed = (std::uint64_t{nameRank[docs[i]]} << 32) | docs[i];
            if (best.size() < upTo) {
                best.push_back(placed);
                std::push_heap(best.begin(), best.end());
            } else if (placed < best.front()) {
                std::pop_heap(best.begin(), best.end());
                best.back() = placed;
                std::push_heap(best.begin(), best.end());
            }
        }
        std::sort_heap(best.begin(), best.end());
        for (const auto placed : best) {
            out.first.push_back(ids[placed & 0xFFFFFFFFU]);
        }
        return out;
    }

    // Indexes document `doc`, whose fields are the last kFields in `offsets` and `text`.
    void index(std::uint32_t doc) {
        const auto base = static_cast<std::size_t>(doc) * kFields;
        std::size_t joined = 0;  // the names' length joined, separators included
        for (std::size_t f = 0; f < kContainsFields; ++f) {
            joined += (offsets[base + f + 1] - offsets[base + f]) + (f ? 1 : 0);
        }
        if (joined > kMaxPlace || doc >= kMaxPlacedDocs) {
            unplaced.push_back(doc);
        } else {
            std::size_t place = 0;
            for (std::size_t f = 0; f < kContainsFields; ++f) {
                const auto value = field(doc, f);
                for (std::size_t i = 0; i + 3 <= value.size(); ++i) {
                    names[trigram(value, i)].push_back((doc << 8) | static_cast<std::uint32_t>(place + i));
                }
                place += value.size() + 1;
            }
        }
        for (std::size_t f = kContainsFields; f < kFields; ++f) {
            const auto value = field(doc, f);
            for (std::size_t i = 0; i + 3 <= value.size() && i < kPrefixPlaces; ++i) {
                auto& list = prefixes[trigram(value, i) | static_cast<std::uint32_t>(i << 24)];
                if (list.empty() || list.back() != doc) {
                    list.push_back(doc);
                }
            }
        }
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
            for (const char* c = q.getColumn(f + 1).getText(""); *c; ++c) {
                snap->text.push_back(lowerAscii(*c));
            }
        }
        // The next document's first offset ends this one's last field: index it then.
        if (doc > 0) {
            snap->index(doc - 1);
        }
    }
    snap->offsets.push_back(static_cast<std::uint32_t>(snap->text.size()));
    if (!snap->ids.empty()) {
        snap->index(static_cast<std::uint32_t>(snap->ids.size() - 1));
    }
    tx.commit();
    addWarmScratch();
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
