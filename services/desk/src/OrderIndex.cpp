#include "boxoffice/desk/OrderIndex.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <functional>
#include <limits>
#include <stdexcept>
#include <thread>
#include <utility>

#include "boxoffice/desk/SearchText.h"
#include "boxoffice/model/OrderDigest.h"

namespace boxoffice::desk {

namespace {

constexpr char kFieldEnd = '\x1f';  // folded text never holds it: control characters fold to ' '
constexpr char kRecordEnd = '\0';

using Arena = OrderIndex::Arena;

void checkSize(const Arena& arena) {
    if (arena.size() >= std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error("The event is too large for the order browser's index (over 4 GB of text).");
    }
}

void appendRecord(Arena& hay, std::vector<std::uint32_t>& starts, std::initializer_list<std::string_view> fields) {
    checkSize(hay);
    starts.push_back(static_cast<std::uint32_t>(hay.size()));
    thread_local std::string folding;  // the record, folded: one allocation reused
    folding.clear();
    for (const auto field : fields) {
        appendFolded(folding, field);
        folding.push_back(kFieldEnd);
    }
    folding.push_back(kRecordEnd);
    hay.append(folding);
}

// The first occurrence of `needle` (not empty) in [begin, end), or nullptr.
const char* find(const char* begin, const char* end, std::string_view needle) {
#ifdef _WIN32
    const auto* hit = std::search(begin, end, std::boyer_moore_horspool_searcher(needle.begin(), needle.end()));
    return hit == end ? nullptr : hit;
#else
    // glibc's and the BSDs' memmem are several times faster than a generic search on short needles.
    return static_cast<const char*>(memmem(begin, static_cast<std::size_t>(end - begin), needle.data(), needle.size()));
#endif
}

// Calls `mark` with the number of each record in [first, last) of `hay` that contains `needle`
// (once per record).
template <class Mark>
bool scan(const Arena& hay, const std::vector<std::uint32_t>& starts, std::size_t first, std::size_t last,
          std::string_view needle, Mark mark, const std::stop_token& stop) {
    if (first >= last) {
        return true;
    }
    // Scanned in slices so that a cancelled search stops soon; a slice overlaps the next by the
    // needle's length so that no match is lost at a boundary.
    constexpr std::size_t kSlice = std::size_t{8} << 20;
    const char* base = hay.data();
    const std::size_t end = last < starts.size() ? starts[last] : hay.size();
    std::size_t pos = starts[first];
    std::size_t record = first;  // hits come in order: the record is found by walking, not searching
    while (pos < end) {
        if (stop.stop_requested()) {
            return false;
        }
        const std::size_t sliceEnd = std::min(end, pos + kSlice + needle.size());
        const char* hit = find(base + pos, base + sliceEnd, needle);
        if (hit == nullptr) {
            if (sliceEnd == end) {
                break;
            }
            pos = sliceEnd - needle.size() + 1;
            continue;
        }
        const auto offset = static_cast<std::uint32_t>(hit - base);
        while (record + 1 < starts.size() && starts[record + 1] <= offset) {
            ++record;
        }
        mark(record);
        pos = record + 1 < starts.size() ? starts[record + 1] : end;
    }
    return true;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<unsigned char>(c + 32);
        }
        if (c != static_cast<unsigned char>(prefix[i])) {
            return false;
        }
    }
    return true;
}

// FNV-1a over the fields of an order's rows, each field ended so that "ab"+"c" differs from
// "a"+"bc". Rows come in the same order in a full and a partial scan (OrderDigest.h).
class Fingerprint {
public:
    Fingerprint& add(std::string_view text) {
        for (const char c : text) {
            mix(static_cast<unsigned char>(c));
        }
        mix(0x1f);
        return *this;
    }
    Fingerprint& add(std::int64_t number) {
        for (int i = 0; i < 8; ++i) {
            mix(static_cast<unsigned char>(static_cast<std::uint64_t>(number) >> (8 * i)));
        }
        return *this;
    }
    std::uint64_t value() const { return m_hash; }
    void start(std::uint64_t from) { m_hash = from; }

private:
    void mix(unsigned char byte) {
        m_hash ^= byte;
        m_hash *= 0x100000001b3ULL;
    }
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

std::uint64_t orderFingerprint(const model::OrderDigest& o) {
    Fingerprint f;
    f.add(o.code).add(std::string_view(&o.status, 1)).add(o.datetime).add(o.totalMinor).add(o.email).add(o.phone);
    f.add(o.invoiceName).add(o.invoiceCompany).add(o.testmode ? 1 : 0);
    return f.value();
}

std::uint64_t withPosition(std::uint64_t hash, const model::PositionDigest& p) {
    Fingerprint f;
    f.start(hash);
    f.add(p.id).add(p.itemId).add(p.variationId).add(p.subeventId).add(p.addonTo).add(p.attendeeName);
    f.add(p.attendeeEmail).add(p.company).add(p.secret).add(p.canceled ? 1 : 0).add(p.positionid);
    return f.value();
}

std::uint64_t withAnswer(std::uint64_t hash, const model::AnswerDigest& a) {
    Fingerprint f;
    f.start(hash);
    f.add(a.positionId).add(a.answer);
    return f.value();
}

int compareNoCase(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        auto ca = static_cast<unsigned char>(a[i]);
        auto cb = static_cast<unsigned char>(b[i]);
        if (ca >= 'A' && ca <= 'Z') {
            ca = static_cast<unsigned char>(ca + 32);
        }
        if (cb >= 'A' && cb <= 'Z') {
            cb = static_cast<unsigned char>(cb + 32);
        }
        if (ca != cb) {
            return ca < cb ? -1 : 1;
        }
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

template <class T>
int compareValues(const T& a, const T& b) {
    return a < b ? -1 : (b < a ? 1 : 0);
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace

OrderIndex::Arena::~Arena() { std::free(m_data); }

void OrderIndex::Arena::reserve(std::size_t capacity) {
    auto* grown = static_cast<char*>(std::realloc(m_data, std::max<std::size_t>(capacity, 1)));
    if (grown == nullptr) {
        throw std::bad_alloc();
    }
    m_data = grown;
    m_capacity = capacity;
}

void OrderIndex::Arena::append(std::string_view text) {
    if (m_size + text.size() > m_capacity) {
        reserve(std::max(m_size + text.size(), m_capacity + m_capacity / 2 + 4096));
    }
    if (!text.empty()) {
        std::memcpy(m_data + m_size, text.data(), text.size());
    }
    m_size += text.size();
}

void OrderIndex::Arena::shrink() {
    if (m_capacity > m_size) {
        reserve(m_size);
    }
}

OrderIndex::Text OrderIndex::keep(std::string_view s) {
    checkSize(m_text);
    Text t{static_cast<std::uint32_t>(m_text.size()), static_cast<std::uint32_t>(s.size())};
    m_text.append(s);
    return t;
}

std::unique_ptr<const OrderIndex> OrderIndex::build(model::Store& store, model::Id eventId, std::stop_token stop) {
    std::unique_ptr<OrderIndex> index(new OrderIndex);
    OrderIndex& ix = *index;
    ix.m_eventId = eventId;
    std::vector<Text> companies;  // each order's invoice company, for orders without any name
    std::size_t seen = 0;
    const auto goOn = [&] { return (++seen & 0xFFF) != 0 || !stop.stop_requested(); };

    // Reserved, not grown: growing by doubling would hold up to twice the memory while reading.
    // The counts may be stale by the time the scan reads (a sync writing meanwhile): then the
    // vectors grow as usual.
    const auto counts = model::countOrderDigests(store, eventId);
    ix.m_orders.reserve(counts.orders);
    ix.m_revisions.reserve(counts.orders);
    ix.m_fingerprints.reserve(counts.orders);
    ix.m_orderStarts.reserve(counts.orders);
    companies.reserve(counts.orders);
    ix.m_positions.reserve(counts.positions);
    ix.m_positionIds.reserve(counts.positions);
    ix.m_positionStarts.reserve(counts.positions);
    ix.m_answerPositions.reserve(counts.answers);
    ix.m_answerStarts.reserve(counts.answers);
    std::size_t cursor = 0;  // positions come by order ID, as the orders did
    model::DigestVisitor visitor;
    visitor.order = [&](const model::OrderDigest& o) {
        Order row;
        row.id = o.id;
        row.code = ix.keep(o.code);
        row.name = ix.keep(o.invoiceName);
        row.email = ix.keep(o.email);
        row.datetime = o.datetime;
        row.totalMinor = o.totalMinor;
        row.status = o.status;
        ix.m_orders.push_back(row);
        ix.m_revisions.push_back(o.revision);
        ix.m_fingerprints.push_back(orderFingerprint(o));
        companies.push_back(ix.keep(o.invoiceCompany));
        appendRecord(ix.m_orderHay, ix.m_orderStarts, {o.code, o.email, o.phone, o.invoiceName, o.invoiceCompany});
        return goOn();
    };
    visitor.position = [&](const model::PositionDigest& p) {
        while (cursor < ix.m_orders.size() && ix.m_orders[cursor].id < p.orderId) {
            ++cursor;
        }
        if (cursor == ix.m_orders.size() || ix.m_orders[cursor].id != p.orderId) {
            return goOn();  // cannot happen (a foreign key): skipped rather than misfiled
        }
        Order& order = ix.m_orders[cursor];
        ix.m_fingerprints[cursor] = withPosition(ix.m_fingerprints[cursor], p);
        if (order.positionCount == 0) {
            order.firstPosition = static_cast<std::uint32_t>(ix.m_positions.size());
        }
        ++order.positionCount;
        Position row;
        row.id = p.id;
        row.itemId = p.itemId;
        row.variationId = p.variationId;
        row.subeventId = p.subeventId;
        row.addon = p.addonTo != 0;
        row.order = static_cast<std::uint32_t>(cursor);
        row.name = ix.keep(p.attendeeName);
        row.email = ix.keep(p.attendeeEmail);
        row.secret = ix.keep(p.secret);
        row.canceled = p.canceled;
        if (order.name.size == 0 && row.name.size != 0) {
            order.name = row.name;
        }
        ix.m_positionIds.emplace_back(p.id, static_cast<std::uint32_t>(ix.m_positions.size()));
        ix.m_positions.push_back(row);
        appendRecord(ix.m_positionHay, ix.m_positionStarts, {p.attendeeName, p.attendeeEmail, p.company});
        return goOn();
    };
    bool sorted = false;
    visitor.answer = [&](const model::AnswerDigest& a) {
        if (!sorted) {
            std::sort(ix.m_positionIds.begin(), ix.m_positionIds.end());
            sorted = true;
        }
        if (const auto position = ix.positionIndex(a.positionId)) {
            const std::uint32_t order = ix.m_positions[*position].order;
            ix.m_fingerprints[order] = withAnswer(ix.m_fingerprints[order], a);
            ix.m_answerPositions.push_back(*position);
            appendRecord(ix.m_answerHay, ix.m_answerStarts, {a.answer});
        }
        return goOn();
    };
    if (!model::scanOrderDigests(store, eventId, visitor) || stop.stop_requested()) {
        return nullptr;
    }
    if (!sorted) {
        std::sort(ix.m_positionIds.begin(), ix.m_positionIds.end());
    }
    for (std::size_t i = 0; i < ix.m_orders.size(); ++i) {
        if (ix.m_orders[i].name.size == 0) {
            ix.m_orders[i].name = companies[i];
        }
    }
    ix.m_answersFrom.assign(ix.m_positions.size() + 1, 0);
    for (const auto position : ix.m_answerPositions) {
        ++ix.m_answersFrom[position + 1];
    }
    for (std::size_t i = 1; i < ix.m_answersFrom.size(); ++i) {
        ix.m_answersFrom[i] += ix.m_answersFrom[i - 1];
    }
    ix.m_answersOf.resize(ix.m_answerPositions.size());
    {
        std::vector<std::uint32_t> next(ix.m_answersFrom.begin(), ix.m_answersFrom.end() - 1);
        for (std::uint32_t a = 0; a < ix.m_answerPositions.size(); ++a) {
            ix.m_answersOf[next[ix.m_answerPositions[a]]++] = a;
        }
    }
    ix.m_byDate.resize(ix.m_orders.size());
    for (std::uint32_t i = 0; i < ix.m_byDate.size(); ++i) {
        ix.m_byDate[i] = i;
    }
    std::stable_sort(ix.m_byDate.begin(), ix.m_byDate.end(), [&](std::uint32_t a, std::uint32_t b) {
        return ix.m_orders[a].datetime < ix.m_orders[b].datetime;
    });
    ix.m_dateRank.resize(ix.m_byDate.size());
    for (std::uint32_t n = 0; n < ix.m_byDate.size(); ++n) {
        ix.m_dateRank[ix.m_byDate[n]] = n;
    }
    // Secrets are searched by their beginning (what a person copies from a ticket), in a sorted
    // list rather than in the scanned text: a third of the text less to scan per keystroke.
    ix.m_bySecret.resize(ix.m_positions.size());
    for (std::uint32_t i = 0; i < ix.m_bySecret.size(); ++i) {
        ix.m_bySecret[i] = i;
    }
    std::sort(ix.m_bySecret.begin(), ix.m_bySecret.end(), [&](std::uint32_t a, std::uint32_t b) {
        return compareNoCase(ix.text(ix.m_positions[a].secret), ix.text(ix.m_positions[b].secret)) < 0;
    });
    // Grown by doubling while read: up to half of each would be unused.
    ix.m_text.shrink();
    ix.m_orderHay.shrink();
    ix.m_positionHay.shrink();
    ix.m_answerHay.shrink();
    ix.m_orders.shrink_to_fit();
    ix.m_positions.shrink_to_fit();
    ix.m_orderStarts.shrink_to_fit();
    ix.m_positionStarts.shrink_to_fit();
    ix.m_answerStarts.shrink_to_fit();
    ix.m_answerPositions.shrink_to_fit();
    ix.m_positionIds.shrink_to_fit();
    ix.m_revisions.shrink_to_fit();
    ix.m_fingerprints.shrink_to_fit();
    return index;
}

std::optional<std::uint32_t> OrderIndex::positionIndex(model::Id positionId) const {
    const auto found = std::lower_bound(m_positionIds.begin(), m_positionIds.end(),
                                        std::pair<model::Id, std::uint32_t>(positionId, 0));
    if (found == m_positionIds.end() || found->first != positionId) {
        return std::nullopt;
    }
    return found->second;
}

std::optional<std::uint32_t> OrderIndex::orderIndex(model::Id orderId) const {
    const auto found = std::lower_bound(m_orders.begin(), m_orders.end(), orderId,
                                        [](const Order& o, model::Id id) { return o.id < id; });
    if (found == m_orders.end() || found->id != orderId) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(found - m_orders.begin());
}

bool OrderIndex::isCurrent(model::Store& store, std::stop_token stop) const {
    const auto revisions = model::orderRevisions(store, m_eventId);
    if (revisions.size() != m_orders.size() || stop.stop_requested()) {
        return false;
    }
    std::vector<model::Id> changed;
    for (std::size_t i = 0; i < revisions.size(); ++i) {
        if (revisions[i].first != m_orders[i].id) {
            return false;
        }
        if (revisions[i].second != m_revisions[i]) {
            changed.push_back(revisions[i].first);
        }
    }
    if (changed.empty()) {
        return true;
    }
    if (changed.size() > std::max<std::size_t>(1000, m_orders.size() / 20)) {
        return false;
    }
    // The changed orders' fields as they are now, hashed as build() hashed them.
    std::vector<std::uint64_t> now;
    std::vector<model::Id> seen;
    model::DigestVisitor visitor;
    visitor.order = [&](const model::OrderDigest& o) {
        seen.push_back(o.id);
        now.push_back(orderFingerprint(o));
        return !stop.stop_requested();
    };
    const auto slot = [&](model::Id orderId) -> std::uint64_t* {
        const auto found = std::lower_bound(seen.begin(), seen.end(), orderId);
        return found == seen.end() || *found != orderId ? nullptr : &now[static_cast<std::size_t>(found - seen.begin())];
    };
    std::vector<std::pair<model::Id, model::Id>> positionOrders;  // position ID, order ID
    visitor.position = [&](const model::PositionDigest& p) {
        if (auto* hash = slot(p.orderId)) {
            *hash = withPosition(*hash, p);
        }
        positionOrders.emplace_back(p.id, p.orderId);
        return !stop.stop_requested();
    };
    bool sorted = false;
    visitor.answer = [&](const model::AnswerDigest& a) {
        if (!sorted) {
            std::sort(positionOrders.begin(), positionOrders.end());
            sorted = true;
        }
        const auto found = std::lower_bound(positionOrders.begin(), positionOrders.end(),
                                            std::pair<model::Id, model::Id>(a.positionId, 0));
        if (found != positionOrders.end() && found->first == a.positionId) {
            if (auto* hash = slot(found->second)) {
                *hash = withAnswer(*hash, a);
            }
        }
        return !stop.stop_requested();
    };
    if (!model::scanOrderDigests(store, m_eventId, visitor, &changed) || seen.size() != changed.size()) {
        return false;
    }
    for (std::size_t i = 0; i < seen.size(); ++i) {
        const auto index = orderIndex(seen[i]);
        if (!index || m_fingerprints[*index] != now[i]) {
            return false;
        }
    }
    return true;
}

std::size_t OrderIndex::bytes() const {
    return sizeof(*this) + m_orders.capacity() * sizeof(Order) + m_positions.capacity() * sizeof(Position) +
           m_text.capacity() + m_orderHay.capacity() + m_positionHay.capacity() + m_answerHay.capacity() +
           (m_orderStarts.capacity() + m_positionStarts.capacity() + m_answerStarts.capacity() +
            m_answerPositions.capacity()) * sizeof(std::uint32_t) +
           m_positionIds.capacity() * sizeof(m_positionIds[0]) +
           (m_revisions.capacity() + m_fingerprints.capacity()) * sizeof(std::int64_t) +
           (m_byDate.capacity() + m_dateRank.capacity() + m_answersFrom.capacity() + m_answersOf.capacity() + m_bySecret.capacity()) *
               sizeof(std::uint32_t);
}

namespace {

// Whether record `r` of `hay` contains `needle`.
bool recordHas(const Arena& hay, const std::vector<std::uint32_t>& starts, std::size_t r,
               std::string_view needle) {
    const char* begin = hay.data() + starts[r];
    const char* end = hay.data() + (r + 1 < starts.size() ? starts[r + 1] : hay.size());
    return find(begin, end, needle) != nullptr;
}

}  // namespace

bool OrderIndex::search(std::string_view needle, SearchMarks& marks, std::stop_token stop,
                        const SearchMarks* previous) const {
    marks.needle = std::string(needle);
    marks.orders.assign(m_orders.size(), 0);
    marks.positions.assign(m_positions.size(), 0);
    marks.found = 0;
    if (needle.empty()) {
        return true;
    }
    // Typing makes the text longer: what it is found in now was found before. When the text
    // before was found in few rows (a sixteenth: a call of memmem per row costs more than the
    // scan of its text), those rows are looked at one by one; otherwise scanning everything is
    // quicker.
    const bool narrow = previous != nullptr && !previous->needle.empty() &&
                        needle.find(previous->needle) != std::string_view::npos &&
                        previous->orders.size() == m_orders.size() &&
                        previous->positions.size() == m_positions.size() &&
                        previous->found * 16 < m_orders.size() + m_positions.size();
    if (narrow) {
        for (std::size_t o = 0; o < m_orders.size(); ++o) {
            if ((o & 0xFFFF) == 0 && stop.stop_requested()) {
                return false;
            }
            if (previous->orders[o] != 0 && recordHas(m_orderHay, m_orderStarts, o, needle)) {
                marks.orders[o] = 1;
                ++marks.found;
            }
        }
        for (std::size_t i = 0; i < m_positions.size(); ++i) {
            if ((i & 0xFFFF) == 0 && stop.stop_requested()) {
                return false;
            }
            if (previous->positions[i] == 0) {
                continue;
            }
            bool found = recordHas(m_positionHay, m_positionStarts, i, needle) ||
                         startsWithNoCase(text(m_positions[i].secret), needle);
            for (std::uint32_t a = m_answersFrom[i]; !found && a < m_answersFrom[i + 1]; ++a) {
                found = recordHas(m_answerHay, m_answerStarts, m_answersOf[a], needle);
            }
            if (found) {
                marks.positions[i] = 1;
                ++marks.found;
            }
        }
        return true;
    }
    // Two threads share the text, each about half of it: a keystroke's search takes half the
    // time on the desk's two cores. The second takes the first positions; this one the other
    // positions, the orders and the answers (answers mark positions too: into marks of their
    // own, merged below).
    auto& orderHits = marks.orders;
    auto& positionHits = marks.positions;
    const std::size_t half = (m_positionHay.size() + m_orderHay.size() + m_answerHay.size()) / 2;
    const std::size_t split = std::min<std::size_t>(
        m_positionStarts.size(),
        static_cast<std::size_t>(std::upper_bound(m_positionStarts.begin(), m_positionStarts.end(), half) -
                                 m_positionStarts.begin()));
    const auto markPosition = [&](std::size_t r) { positionHits[r] = 1; };
    bool firstDone = true;
    std::thread first([&] { firstDone = scan(m_positionHay, m_positionStarts, 0, split, needle, markPosition, stop); });
    std::vector<char> answerHits(m_positions.size(), 0);
    const bool done =
        scan(m_positionHay, m_positionStarts, split, m_positionStarts.size(), needle, markPosition, stop) &&
        scan(m_orderHay, m_orderStarts, 0, m_orderStarts.size(), needle, [&](std::size_t r) { orderHits[r] = 1; },
             stop) &&
        scan(m_answerHay, m_answerStarts, 0, m_answerStarts.size(), needle,
             [&](std::size_t r) { answerHits[m_answerPositions[r]] = 1; }, stop);
    first.join();
    if (!done || !firstDone) {
        return false;
    }
    // Secrets by their beginning, in the sorted list.
    auto from = std::lower_bound(m_bySecret.begin(), m_bySecret.end(), needle, [&](std::uint32_t p, std::string_view n) {
        return compareNoCase(text(m_positions[p].secret), n) < 0;
    });
    for (; from != m_bySecret.end() && startsWithNoCase(text(m_positions[*from].secret), needle); ++from) {
        positionHits[*from] = 1;
    }
    for (std::size_t i = 0; i < positionHits.size(); ++i) {
        positionHits[i] = static_cast<char>(positionHits[i] | answerHits[i]);
        marks.found += static_cast<std::size_t>(positionHits[i]);
    }
    for (const char hit : orderHits) {
        marks.found += static_cast<std::size_t>(hit);
    }
    return true;
}

std::optional<std::vector<std::uint32_t>> browse(const OrderIndex& index, const BrowseFilter& filter,
                                                 std::stop_token stop, const SearchMarks* previous,
                                                 SearchMarks* marks) {
    const auto& orders = index.orders();
    const auto& positions = index.positions();
    const std::string needle = folded(trimmed(filter.search));
    SearchMarks hits;
    if (!needle.empty() && !index.search(needle, hits, stop, previous)) {
        return std::nullopt;
    }
    const auto& orderHits = hits.orders;
    const auto& positionHits = hits.positions;
    std::vector<model::Id> listItems;
    if (filter.list && !filter.list->allProducts) {
        listItems = filter.list->limitProducts;
        std::sort(listItems.begin(), listItems.end());
    }
    const bool positionFilters = filter.itemId != 0 || filter.variationId != 0 || filter.subeventId != 0 ||
                                 filter.list.has_value();
    const auto passes = [&](std::uint32_t i) {
        const auto& p = positions[i];
        if ((filter.itemId != 0 && p.itemId != filter.itemId) ||
            (filter.variationId != 0 && p.variationId != filter.variationId) ||
            (filter.subeventId != 0 && p.subeventId != filter.subeventId)) {
            return false;
        }
        if (const auto& list = filter.list) {
            const char status = orders[p.order].status;
            if (p.canceled || (status != 'p' && !(status == 'n' && list->includePending)) ||
                (!list->allProducts && !std::binary_search(listItems.begin(), listItems.end(), p.itemId)) ||
                (list->subeventId && p.subeventId != *list->subeventId)) {
                return false;
            }
            if (filter.checkedIn &&
                std::binary_search(filter.checkedInPositions.begin(), filter.checkedInPositions.end(), p.id) !=
                    *filter.checkedIn) {
                return false;
            }
        }
        return true;
    };

    // Sorting by date (the default) takes the orders in the index's date order instead of
    // sorting: on a million positions a sort would cost more than the search.
    const bool byDate = filter.sort == SortKey::Date;
    const auto orderAt = [&](std::size_t n) -> std::uint32_t {
        if (!byDate) {
            return static_cast<std::uint32_t>(n);
        }
        return filter.ascending ? index.m_byDate[n] : index.m_byDate[orders.size() - 1 - n];
    };
    // A search found in few rows: only the orders it found are looked at (in date order by
    // their rank), not every order of the event.
    std::vector<std::uint32_t> candidates;
    const bool few = !needle.empty() && hits.found * 8 < orders.size() + positions.size();
    if (few) {
        for (std::uint32_t o = 0; o < orders.size(); ++o) {
            if (orderHits[o] != 0) {
                candidates.push_back(o);
            }
        }
        for (std::uint32_t i = 0; i < positions.size(); ++i) {
            if (positionHits[i] != 0) {
                candidates.push_back(positions[i].order);
            }
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        if (byDate) {
            const auto& rank = index.m_dateRank;
            std::sort(candidates.begin(), candidates.end(), [&](std::uint32_t a, std::uint32_t b) {
                return filter.ascending ? rank[a] < rank[b] : rank[a] > rank[b];
            });
        }
    }
    const std::size_t count = few ? candidates.size() : orders.size();
    std::vector<std::uint32_t> rows;
    for (std::size_t n = 0; n < count; ++n) {
        if ((n & 0xFFFF) == 0 && stop.stop_requested()) {
            return std::nullopt;
        }
        const std::uint32_t o = few ? candidates[n] : orderAt(n);
        const auto& order = orders[o];
        if (filter.status && order.status != *filter.status) {
            continue;
        }
        const std::uint32_t first = order.firstPosition;
        const std::uint32_t last = first + order.positionCount;
        if (filter.mode == BrowseMode::Orders) {
            bool found = needle.empty() || orderHits[o] != 0;
            for (std::uint32_t i = first; !found && i < last; ++i) {
                found = positionHits[i] != 0;
            }
            bool admitted = !positionFilters;
            for (std::uint32_t i = first; found && !admitted && i < last; ++i) {
                admitted = passes(i);
            }
            if (found && admitted) {
                rows.push_back(o);
            }
            continue;
        }
        const bool orderFound = needle.empty() || orderHits[o] != 0;
        for (std::uint32_t i = first; i < last; ++i) {
            if ((orderFound || positionHits[i] != 0) && (!positionFilters || passes(i))) {
                rows.push_back(i);
            }
        }
    }
    if (stop.stop_requested()) {
        return std::nullopt;
    }
    if (marks != nullptr) {
        *marks = std::move(hits);
    }
    if (byDate) {
        return rows;
    }

    // Sorted stably on top of the natural order (orders by ID, positions by order), so that equal
    // keys keep a predictable order.
    const bool byOrder = filter.mode == BrowseMode::Orders;
    const auto orderOf = [&](std::uint32_t row) -> const OrderIndex::Order& {
        return byOrder ? orders[row] : orders[positions[row].order];
    };
    const auto compare = [&](std::uint32_t a, std::uint32_t b) -> int {
        switch (filter.sort) {
        case SortKey::Code: {
            const int c = compareNoCase(index.text(orderOf(a).code), index.text(orderOf(b).code));
            return c != 0 || byOrder ? c : compareValues(a, b);  // positions of one order: by positionid
        }
        case SortKey::Status:
            return compareValues(orderOf(a).status, orderOf(b).status);
        case SortKey::Name:
            return byOrder ? compareNoCase(index.text(orders[a].name), index.text(orders[b].name))
                           : compareNoCase(index.text(positions[a].name), index.text(positions[b].name));
        case SortKey::Email:
            return byOrder ? compareNoCase(index.text(orders[a].email), index.text(orders[b].email))
                           : compareNoCase(index.text(positions[a].email), index.text(positions[b].email));
        case SortKey::Total:
            return compareValues(orderOf(a).totalMinor, orderOf(b).totalMinor);
        case SortKey::Positions:
            return compareValues(orderOf(a).positionCount, orderOf(b).positionCount);
        case SortKey::Product:
            return byOrder ? 0
                           : compareValues(std::pair(positions[a].itemId, positions[a].variationId),
                                           std::pair(positions[b].itemId, positions[b].variationId));
        case SortKey::Secret:
            return byOrder ? 0 : compareValues(index.text(positions[a].secret), index.text(positions[b].secret));
        case SortKey::Date:  // taken above without sorting
        default:
            return compareValues(orderOf(a).datetime, orderOf(b).datetime);
        }
    };
    const bool ascending = filter.ascending;
    std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
        const int c = compare(a, b);
        return ascending ? c < 0 : c > 0;
    });
    return rows;
}

}  // namespace boxoffice::desk
