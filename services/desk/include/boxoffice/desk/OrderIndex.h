// The order browser's index: an event's orders and positions (attendees) held compactly in
// memory with their searchable text folded (SearchText.h), so that a search, a filter or a sort
// over a million positions runs on a worker in tens of milliseconds without asking SQLite.
//
// An index is a snapshot: built once on a worker (build), then immutable, so the UI thread may
// read its rows while a worker searches it. The desk builds a new one when the event's orders
// change and drops the old one when the new one is shown. Check-ins are not part of it: the
// "checked in" filter reads the list's checked-in positions from the store when it is applied.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::desk {

struct BrowseFilter;

// Which orders and positions a search text was found in (1 = found), kept so that the next
// keystroke, which only makes the text longer, looks at these alone.
struct SearchMarks {
    std::string needle;  // folded
    std::vector<char> orders;
    std::vector<char> positions;
    std::size_t found = 0;  // orders and positions marked
};

class OrderIndex {
public:
    // A string kept in the index's text arena.
    struct Text {
        std::uint32_t offset = 0;
        std::uint32_t size = 0;
    };
    struct Order {
        model::Id id = 0;
        Text code;
        Text name;   // the invoice name, else the first attendee's name, else the company
        Text email;
        std::int64_t datetime = 0;  // microseconds since the epoch, UTC
        std::int64_t totalMinor = 0;
        std::uint32_t firstPosition = 0;  // index of its first position in positions()
        std::uint32_t positionCount = 0;
        char status = 'n';  // n, p, e, c, r as on the wire
    };
    struct Position {
        model::Id id = 0;
        model::Id itemId = 0;
        model::Id variationId = 0;  // 0: none
        model::Id subeventId = 0;   // 0: none
        std::uint32_t order = 0;    // index in orders()
        Text name;
        Text email;
        Text secret;
        bool addon = false;  // an add-on to another position
        bool canceled = false;
    };

    // Reads the event's orders, positions and answers (one snapshot). nullptr when `stop` was
    // requested meanwhile.
    static std::unique_ptr<const OrderIndex> build(model::Store& store, model::Id eventId, std::stop_token stop = {});

    model::Id eventId() const { return m_eventId; }
    const std::vector<Order>& orders() const { return m_orders; }
    // By order (as orders() lists them), then by positionid.
    const std::vector<Position>& positions() const { return m_positions; }
    std::string_view text(Text t) const { return {m_text.data() + t.offset, t.size}; }
    // Index in positions() of the position with this ID.
    std::optional<std::uint32_t> positionIndex(model::Id positionId) const;
    std::optional<std::uint32_t> orderIndex(model::Id orderId) const;
    // The memory the index holds, in bytes.
    std::size_t bytes() const;

    // Whether the index still shows the store: no order added or removed, and every order whose
    // revision changed since (a check-in changes it too) still has the same indexed fields.
    // Reads the revisions of all the event's orders and the rows of the changed ones; answers
    // false at once when more than a twentieth of the orders changed (rebuilding is then as
    // quick) or when stopped.
    bool isCurrent(model::Store& store, std::stop_token stop = {}) const;

    // Marks in `marks` the orders whose code, e-mail, phone, invoice name or company contains the
    // folded `needle`, and the positions whose attendee name, e-mail, company or an answer
    // contains it or whose secret begins with it. With `previous` marks of a text that `needle` contains, only what they
    // marked is looked at (a longer text is found in no other row). False when stopped.
    bool search(std::string_view needle, SearchMarks& marks, std::stop_token stop,
                const SearchMarks* previous = nullptr) const;

    // Text stored end to end. Grown and trimmed with realloc, which the C library does for
    // large blocks by remapping pages: a string's doubling and final copy would briefly hold
    // up to three times the text.
    class Arena {
    public:
        Arena() = default;
        ~Arena();
        Arena(const Arena&) = delete;
        Arena& operator=(const Arena&) = delete;
        const char* data() const { return m_data; }
        std::size_t size() const { return m_size; }
        std::size_t capacity() const { return m_capacity; }
        void append(std::string_view text);
        void push_back(char c) { append(std::string_view(&c, 1)); }
        void shrink();

    private:
        void reserve(std::size_t capacity);
        char* m_data = nullptr;
        std::size_t m_size = 0;
        std::size_t m_capacity = 0;
    };

private:
    OrderIndex() = default;
    Text keep(std::string_view s);

    model::Id m_eventId = 0;
    std::vector<Order> m_orders;
    std::vector<Position> m_positions;
    Arena m_text;
    // Folded searchable text: one record per order / position / answer, each ending in '\0',
    // its fields separated by '\x1f'; `*Starts` hold where each record begins.
    Arena m_orderHay;
    std::vector<std::uint32_t> m_orderStarts;
    Arena m_positionHay;
    std::vector<std::uint32_t> m_positionStarts;
    Arena m_answerHay;
    std::vector<std::uint32_t> m_answerStarts;
    std::vector<std::uint32_t> m_answerPositions;  // the position index of each answer record
    // The answer records of each position: m_answersOf[m_answersFrom[i] .. m_answersFrom[i + 1]).
    std::vector<std::uint32_t> m_answersFrom;
    std::vector<std::uint32_t> m_answersOf;
    std::vector<std::pair<model::Id, std::uint32_t>> m_positionIds;  // sorted by ID
    // Per order: its revision when read, and a hash of every field the index took from it,
    // its positions and their answers.
    std::vector<std::int64_t> m_revisions;
    std::vector<std::uint64_t> m_fingerprints;
    // Position indices by secret (ASCII case ignored): secrets are found by their beginning.
    std::vector<std::uint32_t> m_bySecret;
    // Order indices by date (then by index): the default sort, taken without sorting.
    std::vector<std::uint32_t> m_byDate;
    std::vector<std::uint32_t> m_dateRank;  // each order's place in m_byDate

    friend std::optional<std::vector<std::uint32_t>> browse(const OrderIndex&, const BrowseFilter&,
                                                            std::stop_token, const SearchMarks*, SearchMarks*);
};

// What the browser lists: orders, or positions (attendees).
enum class BrowseMode { Orders, Positions };

// The columns a browser row can be sorted by.
enum class SortKey { Code, Status, Name, Email, Total, Date, Positions, Product, Secret };

struct BrowseFilter {
    BrowseMode mode = BrowseMode::Orders;
    std::string search;                 // as typed; folded before searching
    std::optional<char> status;         // order status (n, p, e, c, r)
    model::Id itemId = 0;               // 0: any product
    model::Id variationId = 0;          // 0: any variation
    model::Id subeventId = 0;           // 0: any date
    // A check-in list: only positions it admits (its products and date, not canceled, paid or,
    // when it includes them, pending orders).
    std::optional<model::CheckinList> list;
    // With `list`: only positions checked in on it (true) or not yet (false).
    std::optional<bool> checkedIn;
    std::vector<model::Id> checkedInPositions;  // with `checkedIn`: CheckinRepository::positionsWithCheckins
    SortKey sort = SortKey::Date;
    bool ascending = false;
};

// The rows (indices into orders() or positions(), by mode) the filter lets through, sorted.
// In Orders mode an order is listed when it or one of its positions matches the search and one
// of its positions passes the product, date and list filters. nullopt when stopped.
// `previous`: the marks of the last search on this index (nullptr: none); `marks`, if given,
// receives this search's (empty when it had no text).
std::optional<std::vector<std::uint32_t>> browse(const OrderIndex& index, const BrowseFilter& filter,
                                                 std::stop_token stop = {}, const SearchMarks* previous = nullptr,
                                                 SearchMarks* marks = nullptr);

}  // namespace boxoffice::desk
