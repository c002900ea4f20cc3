#include "boxoffice/model/PositionQuery.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <variant>

#include "Rows.h"
#include "boxoffice/model/SearchIndex.h"
#include "Sql.h"

namespace boxoffice::model {

namespace {

using Arg = std::variant<std::int64_t, std::string>;

// The position's own columns (rows::kPositionColumns), then what the API needs of its order,
// parent, product and variation.
const std::string kRowColumns = std::string(rows::kPositionColumns) +
    ", o.status, o.require_approval, o.checkin_attention, o.testmode, o.locale, o.email, o.sales_channel, "
    "o.datetime, ia.name, pp.attendee_name, i.checkin_attention, v.checkin_attention, pp.attendee_name_parts, "
    "ia.name_parts, o.checkin_text, i.checkin_text, v.checkin_text";
static_assert(rows::kPositionColumnCount == 26, "readRow reads the order's columns from 26 on");

constexpr const char* kFrom =
    " FROM order_position p JOIN orders o ON o.id = p.order_id "
    "LEFT JOIN invoice_address ia ON ia.order_id = o.id "
    "LEFT JOIN order_position pp ON pp.id = p.addon_to "
    "LEFT JOIN item i ON i.id = p.item_id "
    "LEFT JOIN variation v ON v.id = p.variation_id ";

PositionRow readRow(CachedStatement& q) {
    PositionRow r;
    r.position = rows::readPosition(q);
    r.orderStatus = statusFromCode(q.getColumn(26).getString()).value_or(OrderStatus::Pending);
    r.orderRequireApproval = sql::flag(q.getColumn(27));
    r.orderCheckinAttention = sql::flag(q.getColumn(28));
    r.orderTestmode = sql::flag(q.getColumn(29));
    r.orderLocale = q.getColumn(30).getString();
    r.orderEmail = q.getColumn(31).getString();
    r.salesChannel = q.getColumn(32).getString();
    r.orderDatetime = sql::time(q.getColumn(33));
    r.invoiceName = sql::optText(q.getColumn(34));
    r.parentAttendeeName = sql::optText(q.getColumn(35));
    r.itemCheckinAttention = !q.getColumn(36).isNull() && sql::flag(q.getColumn(36));
    r.variationCheckinAttention = !q.getColumn(37).isNull() && sql::flag(q.getColumn(37));
    // The texts a scanner shows, in pretix's order: the order's, the variation's, the product's.
    for (const int column : {40, 42, 41}) {
        if (auto text = sql::optText(q.getColumn(column)); text && !text->empty()) {
            r.checkinTexts.push_back(std::move(*text));
        }
    }
    // Only the parts the smart attendee name shows are read (PositionRow::borrowedNameParts).
    auto named = [](const std::optional<std::string>& n) { return n && !n->empty(); };
    if (!named(r.position.attendeeName)) {
        if (named(r.parentAttendeeName)) {
            r.borrowedNameParts = sql::mapFromJson(q.getColumn(38).getString());
        } else if (r.invoiceName) {
            r.borrowedNameParts = sql::mapFromJson(q.getColumn(39).getString());
        }
    }
    return r;
}

void loadAnswers(Store& store, std::vector<PositionRow>& found) {
    std::vector<OrderPosition*> positions;
    positions.reserve(found.size());
    for (auto& r : found) {
        positions.push_back(&r.position);
    }
    rows::loadAnswers(store, positions);
}

std::string idsJson(const std::vector<Id>& ids) { return rows::idArray(ids); }

struct Built {
    std::string where;
    std::vector<Arg> args;  // ?2 onwards; ?1 is the event
    std::string placeholder(Arg a) {
        args.push_back(std::move(a));
        std::string p = "?";  // not "?" + ...: GCC 12 then warns of a memcpy overlap (-Wrestrict)
        p += std::to_string(args.size() + 1);
        return p;
    }
};

std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

// Ranges of the binary order that hold every text starting with `text` ignoring ASCII case (the
// rule of LIKE 'text%'): one per spelling of its first three letters in either case, each from
// that spelling of `text` to just past its last possible continuation. At most 8, so that a prefix
// search reads a few short stretches of the code and secret indexes.
std::vector<std::pair<std::string, std::string>> prefixRanges(const std::string& text) {
    std::vector<std::size_t> letters;
    for (std::size_t i = 0; i < text.size() && letters.size() < 3; ++i) {
        if (std::isalpha(static_cast<unsigned char>(text[i])) != 0 && static_cast<unsigned char>(text[i]) < 0x80) {
            letters.push_back(i);
        }
    }
    std::string lower = text;
    for (char& c : lower) {
        if (static_cast<unsigned char>(c) < 0x80) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    std::vector<std::pair<std::string, std::string>> ranges;
    for (unsigned mask = 0; mask < (1U << letters.size()); ++mask) {
        std::string low = lower;
        for (std::size_t k = 0; k < letters.size(); ++k) {
            if ((mask & (1U << k)) != 0) {
                low[letters[k]] = static_cast<char>(std::toupper(static_cast<unsigned char>(low[letters[k]])));
            }
        }
        // Cut after the third letter: the later ones may be in either case.
        std::string start = letters.size() < 3 ? low : low.substr(0, letters.back() + 1);
        ranges.emplace_back(start, start + "\xF4\x8F\xBF\xBF");  // U+10FFFF: above any continuation
    }
    return ranges;
}

// `found`: the positions the in-memory search index matched to f.search, when it could answer.
Built buildWhere(const PositionFilter& f, const std::optional<std::vector<Id>>& found) {
    Built b;
    std::string& w = b.where;
    // With a search of 3+ characters the search index or else the trigram FTS table (migration 3)
    // picks the candidates; "+" keeps the planner from scanning the event's positions instead.
    const bool ftsSearch = !found && f.search && codePoints(*f.search) >= 3;
    w = (found || ftsSearch) ? " WHERE +p.event_id = ?1" : " WHERE p.event_id = ?1";
    if (found) {
        w += " AND p.id IN (SELECT value FROM json_each(" + b.placeholder(rows::idArray(*found)) + "))";
    }
    if (ftsSearch) {
        std::string phrase = "\"";
        for (char c : *f.search) {
            phrase += c;
            if (c == '"') {
                phrase += '"';
            }
        }
        phrase += '"';
        // Names come from the trigram table (migration 14), order codes and secrets by prefix from
        // their indexes. Positions noted for redoing (migration 8) are candidates too: their
        // entries may be old.
        w += " AND (p.id IN (SELECT rowid FROM position_search WHERE position_search MATCH " + b.placeholder(phrase) +
             ") OR p.id IN (SELECT id FROM position_search_dirty)";
        for (const auto& [low, high] : prefixRanges(*f.search)) {
            const std::string lo = b.placeholder(low);
            const std::string hi = b.placeholder(high);
            w += " OR p.id IN (SELECT id FROM order_position WHERE event_id = ?1 AND secret >= " + lo +
                 " AND secret < " + hi + ") OR p.order_id IN (SELECT id FROM orders WHERE event_id = ?1 AND code >= " +
                 lo + " AND code < " + hi + ")";
        }
        w += ")";
    }
    if (!f.includeCanceled) {
        w += " AND p.canceled = 0";
    }
    if (f.orderCode) {
        w += " AND o.code = " + b.placeholder(*f.orderCode);
    }
    if (!f.items.empty()) {
        w += " AND p.item_id IN (SELECT value FROM json_each(" + b.placeholder(idsJson(f.items)) + "))";
    }
    if (!f.variations.empty()) {
        w += " AND p.variation_id IN (SELECT value FROM json_each(" + b.placeholder(idsJson(f.variations)) + "))";
    }
    if (f.attendeeName) {
        const std::string n = b.placeholder(*f.attendeeName);
        w += " AND (p.attendee_name = " + n + " COLLATE NOCASE OR pp.attendee_name = " + n + " COLLATE NOCASE)";
    }
    if (f.secret) {
        w += " AND p.secret = " + b.placeholder(*f.secret);
    }
    if (!f.orderStatuses.empty()) {
        std::string codes;
        for (auto s : f.orderStatuses) {
            codes += statusCode(s);
        }
        w += " AND instr(" + b.placeholder(codes) + ", o.status) > 0";
    }
    if (!f.subevents.empty()) {
        w += " AND p.subevent_id IN (SELECT value FROM json_each(" + b.placeholder(idsJson(f.subevents)) + "))";
    }
    if (!f.addonTo.empty()) {
        w += " AND p.addon_to IN (SELECT value FROM json_each(" + b.placeholder(idsJson(f.addonTo)) + "))";
    }
    std::string listArg;
    if (f.list) {
        listArg = b.placeholder(std::int64_t{*f.list});
        w += " AND EXISTS (SELECT 1 FROM checkin_list l WHERE l.id = " + listArg +
             " AND (l.all_products OR p.item_id IN (SELECT item_id FROM checkin_list_item WHERE list_id = l.id))"
             " AND (l.subevent_id IS NULL OR p.subevent_id = l.subevent_id)";
        if (!f.ignoreStatus) {
            w += " AND (o.status = 'p' OR (l.include_pending AND o.status = 'n'))";
        }
        w += ")";
    }
    if (f.hasCheckin) {
        std::string exists = "EXISTS (SELECT 1 FROM checkin c WHERE c.position_id = p.id";
        if (f.list) {
            exists += " AND c.list_id = " + listArg;
        }
        exists += ")";
        w += *f.hasCheckin ? " AND " + exists : " AND NOT " + exists;
    }
    if (!found && f.search && !f.search->empty()) {
        std::string escaped;
        for (char c : *f.search) {
            if (c == '%' || c == '_' || c == '\\') {
                escaped += '\\';
            }
            escaped += c;
        }
        const std::string contains = b.placeholder("%" + escaped + "%");
        const std::string prefix = b.placeholder(escaped + "%");
        w += " AND (p.attendee_name LIKE " + contains + " ESCAPE '\\' OR pp.attendee_name LIKE " + contains +
             " ESCAPE '\\' OR ia.name LIKE " + contains + " ESCAPE '\\' OR o.code LIKE " + prefix +
             " ESCAPE '\\' OR p.secret LIKE " + prefix + " ESCAPE '\\')";
    }
    return b;
}

const std::unordered_map<std::string, std::string>& orderingColumns() {
    static const std::unordered_map<std::string, std::string> kOrdering{
        {"order__code", "o.code"},           {"order__datetime", "o.datetime"},
        {"order__status", "o.status"},       {"order__email", "o.email COLLATE NOCASE"},
        {"positionid", "p.positionid"},      {"attendee_name", "p.attendee_name COLLATE NOCASE"},
        {"id", "p.id"},                      {"last_checked_in", ""},
        {"attendee_name_cached", "p.attendee_name COLLATE NOCASE"}};
    return kOrdering;
}

// On a list (pretix's check-in list positions and search), "attendee_name" sorts an add-on
// without a name of its own by its parent's name; unnamed positions come first ascending and
// last descending, as SQLite orders NULL.
constexpr const char* kListName = "coalesce(nullif(p.attendee_name, ''), pp.attendee_name) COLLATE NOCASE";
// "attendee_name_cached", pretix's default order of list positions: the own name, unnamed
// positions last either way.
constexpr const char* kUnnamedLast = "(coalesce(p.attendee_name, '') = '') ASC, ";

// The two parts of that order, each read along the position_name index: a name sorts after ''
// in every collation, and NULL before it, as the index holds them.
constexpr const char* kNamed = " AND p.attendee_name > ''";
constexpr const char* kUnnamed = " AND coalesce(p.attendee_name, '') = ''";

std::string orderBy(const std::string& ordering, const std::string& listArg) {
    std::string out;
    std::stringstream ss(ordering);
    std::string key;
    while (std::getline(ss, key, ',')) {
        if (key.empty()) {
            continue;
        }
        const bool desc = key[0] == '-';
        const std::string name = desc ? key.substr(1) : key;
        auto it = orderingColumns().find(name);
        if (it == orderingColumns().end() || (name == "last_checked_in" && listArg.empty())) {
            throw std::invalid_argument("unknown ordering: " + key);
        }
        std::string column = it->second;
        if (name == "last_checked_in") {
            column = "(SELECT max(c.datetime) FROM checkin c WHERE c.position_id = p.id AND c.list_id = " + listArg + ")";
        } else if (name == "attendee_name" && !listArg.empty()) {
            column = kListName;
        } else if (name == "attendee_name_cached") {
            column = kUnnamedLast + column;
        }
        out += (out.empty() ? " ORDER BY " : ", ") + column + (desc ? " DESC" : " ASC");
    }
    return (out.empty() ? " ORDER BY " : out + ", ") + std::string("p.id ASC");
}

void bindAll(CachedStatement& q, Id eventId, const std::vector<Arg>& args) {
    q.bind(1, eventId);
    int i = 2;
    for (const auto& a : args) {
        if (std::holds_alternative<std::int64_t>(a)) {
            q.bind(i++, std::get<std::int64_t>(a));
        } else {
            q.bind(i++, std::get<std::string>(a));
        }
    }
}

// The key under which Store remembers what a statement with these parameters returns.
std::string rememberKey(const std::string& sql, Id eventId, const std::vector<Arg>& args) {
    std::string key = sql;
    key += '\x1f';
    key += std::to_string(eventId);
    for (const auto& a : args) {
        key += '\x1f';
        key += std::holds_alternative<std::int64_t>(a) ? std::to_string(std::get<std::int64_t>(a))
                                                        : std::get<std::string>(a);
    }
    return key;
}

}  // namespace

std::optional<std::string> PositionRow::smartAttendeeName() const {
    if (position.attendeeName && !position.attendeeName->empty()) {
        return position.attendeeName;
    }
    if (parentAttendeeName && !parentAttendeeName->empty()) {
        return parentAttendeeName;
    }
    if (invoiceName && !invoiceName->empty()) {
        return invoiceName;
    }
    return position.attendeeName;
}

StringMap PositionRow::smartAttendeeNameParts() const {
    auto named = [](const std::optional<std::string>& n) { return n && !n->empty(); };
    if (named(position.attendeeName)) {
        return position.attendeeNameParts;
    }
    if (named(parentAttendeeName)) {
        return borrowedNameParts;
    }
    if (invoiceName) {
        if (borrowedNameParts.empty() && !invoiceName->empty()) {
            return {{"_legacy", *invoiceName}};
        }
        return borrowedNameParts;
    }
    return position.attendeeNameParts;
}

bool PositionQuery::isValidOrdering(const std::string& ordering, bool withList) {
    try {
        orderBy(ordering, withList ? "?2" : "");
        return true;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

// Remembered for the next call with the same event and text while the database is unchanged
// (a page asks for its count and then for its rows, and scanners repeat searches). An index that
// cannot answer yet is asked again next time.
std::optional<std::vector<Id>> PositionQuery::searchIndex(Id eventId, const PositionFilter& filter) {
    if (!filter.search) {
        return std::nullopt;
    }
    const std::string key = "search\x1f" + std::to_string(eventId) + '\x1f' + *filter.search;
    if (auto kept = m_store.rememberedNumbers(key)) {
        return kept;
    }
    auto found = search::find(m_store, eventId, *filter.search);
    if (found) {
        m_store.rememberNumbers(key, *found);
    }
    return found;
}

// A search's count and its first positions by name, in one pass over the index (search::
// findByName), remembered like searchIndex. The count is asked first and the page right after:
// the first kKeptByName are kept with the count, so a first page takes them.
std::optional<std::vector<Id>> PositionQuery::searchByName(Id eventId, const std::string& text, std::size_t upTo,
                                                           std::int64_t& count) {
    constexpr std::size_t kKeptByName = 100;
    const std::string key = "search by name\x1f" + std::to_string(eventId) + '\x1f' + text;
    auto kept = m_store.rememberedNumbers(key);
    if (!kept || (kept->size() - 1 < upTo && static_cast<std::int64_t>(kept->size() - 1) < kept->front())) {
        auto found = search::findByName(m_store, eventId, text, std::max(upTo, kKeptByName));
        if (!found) {
            return std::nullopt;
        }
        kept.emplace();
        kept->push_back(found->count);
        kept->insert(kept->end(), found->first.begin(), found->first.end());
        m_store.rememberNumbers(key, *kept);
    }
    count = kept->front();
    const auto first = kept->begin() + 1;
    return std::vector<Id>(first, first + static_cast<std::ptrdiff_t>(std::min(upTo, kept->size() - 1)));
}

// In two steps: the page's IDs by the filter and ordering first, which reads only the position
// and its order (SQLite leaves out the unused outer joins), then the full rows of those IDs. A
// search that matches 200 positions no longer reads 200 full rows with their invoice addresses
// and parents to show 50.
std::vector<PositionRow> PositionQuery::rows(Id eventId, const PositionFilter& filter) {
    return rowsById(pageIds(eventId, filter));
}

std::vector<Id> PositionQuery::pageIds(Id eventId, const PositionFilter& filter) {
    if (filter.ordering == "attendee_name_cached" && filter.limit >= 0) {
        if (filter.search && keepsEveryPosition(filter)) {
            // Every position found is listed: the index orders them with the names it holds.
            const auto offset = static_cast<std::size_t>(filter.offset);
            const auto upTo = offset + static_cast<std::size_t>(filter.limit);
            std::int64_t count = 0;
            if (auto first = searchByName(eventId, *filter.search, upTo, count)) {
                const auto skipped = static_cast<std::ptrdiff_t>(std::min(offset, first->size()));
                first->erase(first->begin(), first->begin() + skipped);
                return *first;
            }
        }
        if (!filter.search || filter.search->empty()) {
            return pageByName(eventId, filter);
        }
    }
    const auto found = searchIndex(eventId, filter);
    Built b = buildWhere(filter, found);
    const std::string listArg = filter.list ? "?" + std::to_string(b.args.size() + 2) : std::string();
    if (filter.list) {
        b.args.emplace_back(std::int64_t{*filter.list});
    }
    const std::string order = orderBy(filter.ordering, listArg);
    const std::string limit = " LIMIT " + b.placeholder(std::int64_t{filter.limit}) + " OFFSET " +
                              b.placeholder(std::int64_t{filter.offset});
    // The page's IDs are remembered while the database is unchanged (Store::rememberedNumbers):
    // picking 50 of a search's 200 candidates in order was 40 % of such a page's time.
    const std::string sqlText = std::string("SELECT p.id") + kFrom + b.where + order + limit;
    return m_store.rememberedNumbers(rememberKey(sqlText, eventId, b.args), [&] {
        std::vector<std::int64_t> ids;
        auto q = m_store.cached(sqlText);
        bindAll(q, eventId, b.args);
        while (q.executeStep()) {
            ids.push_back(q.getColumn(0).getInt64());
        }
        return ids;
    });
}

std::vector<PositionRow> PositionQuery::rowsById(const std::vector<Id>& page) {
    std::vector<PositionRow> out;
    if (page.empty()) {
        return out;
    }
    std::unordered_map<Id, std::size_t> at;
    for (std::size_t i = 0; i < page.size(); ++i) {
        at.emplace(page[i], i);
    }
    std::vector<std::optional<PositionRow>> byPlace(page.size());
    auto q = m_store.cached(std::string("SELECT ") + kRowColumns + kFrom +
                            " WHERE p.id IN (SELECT value FROM json_each(?1))");
    q.bind(1, rows::idArray(page));
    while (q.executeStep()) {
        auto row = readRow(q);
        byPlace[at.at(row.position.id)] = std::move(row);
    }
    out.reserve(page.size());
    for (auto& row : byPlace) {
        if (row) {  // always, in the one read transaction of a request
            out.push_back(std::move(*row));
        }
    }
    loadAnswers(m_store, out);
    return out;
}

// Remembered like the page's IDs: a page served from kept JSON reads nothing else.
std::vector<PositionRevision> PositionQuery::revisions(const std::vector<Id>& positionIds) {
    if (positionIds.empty()) {
        return {};
    }
    const std::string ids = rows::idArray(positionIds);
    const auto numbers = m_store.rememberedNumbers("position revisions\x1f" + ids, [&] {
        std::vector<std::int64_t> v;
        auto q = m_store.cached(
            "SELECT p.id, o.id, o.revision, coalesce(po.id, 0), coalesce(po.revision, 0), "
            "coalesce(i.checkin_attention, 0) | (coalesce(v.checkin_attention, 0) << 1) "
            "FROM order_position p JOIN orders o ON o.id = p.order_id "
            "LEFT JOIN order_position pp ON pp.id = p.addon_to LEFT JOIN orders po ON po.id = pp.order_id "
            "LEFT JOIN item i ON i.id = p.item_id LEFT JOIN variation v ON v.id = p.variation_id "
            "WHERE p.id IN (SELECT value FROM json_each(?1))");
        q.bind(1, ids);
        while (q.executeStep()) {
            for (int c = 0; c < 6; ++c) {
                v.push_back(q.getColumn(c).getInt64());
            }
        }
        return v;
    });
    std::unordered_map<Id, PositionRevision> byId;
    for (std::size_t i = 0; i + 5 < numbers.size(); i += 6) {
        byId[numbers[i]] = {numbers[i], numbers[i + 1], numbers[i + 2], numbers[i + 3], numbers[i + 4],
                            numbers[i + 5]};
    }
    std::vector<PositionRevision> out;
    for (Id id : positionIds) {
        if (auto it = byId.find(id); it != byId.end()) {
            out.push_back(it->second);
        }
    }
    return out;
}

std::int64_t PositionQuery::count(Id eventId, const PositionFilter& filter) {
    if (filter.search && keepsEveryPosition(filter)) {
        // The index's answer is exact for the current state: nothing else to leave out.
        std::int64_t count = 0;
        if (searchByName(eventId, *filter.search, 0, count)) {
            return count;
        }
    }
    const auto found = searchIndex(eventId, filter);
    Built b = buildWhere(filter, found);
    const std::string sqlText = std::string("SELECT count(*)") + kFrom + b.where;
    return m_store.rememberedCount(rememberKey(sqlText, eventId, b.args), [&] {
        auto q = m_store.cached(sqlText);
        bindAll(q, eventId, b.args);
        q.executeStep();
        return q.getColumn(0).getInt64();
    });
}

// Whether the filter leaves every position of the event in, but for its search: canceled ones
// included, no other condition, and a list (if any) of all products and dates whose orders of
// every status count (ignoreStatus).
bool PositionQuery::keepsEveryPosition(const PositionFilter& f) {
    if (!f.includeCanceled || f.orderCode || !f.items.empty() || !f.variations.empty() || f.attendeeName ||
        f.secret || !f.orderStatuses.empty() || !f.subevents.empty() || !f.addonTo.empty() || f.hasCheckin) {
        return false;
    }
    if (!f.list) {
        return true;
    }
    if (!f.ignoreStatus) {
        return false;
    }
    auto q = m_store.cached("SELECT all_products AND subevent_id IS NULL FROM checkin_list WHERE id = ?");
    q.bind(1, *f.list);
    return q.executeStep() && q.getColumn(0).getInt() != 0;
}

// pretix's default order of list positions ("attendee_name_cached") read along the position_name
// index (event, name ignoring ASCII case, then ID): the named positions in index order, then the
// unnamed ones, so a page reads what comes before it instead of sorting every match (a page of
// a 1,000,000-position event without a search sorted all of them: 3.7 s).
std::vector<Id> PositionQuery::pageByName(Id eventId, const PositionFilter& filter) {
    Built b = buildWhere(filter, std::nullopt);
    const std::string base = std::string("SELECT p.id") + kFrom + b.where;
    auto read = [&](const std::string& part, std::int64_t limit, std::int64_t offset, std::vector<Id>& out) {
        std::vector<Arg> args = b.args;
        args.emplace_back(limit);
        args.emplace_back(offset);
        const std::string sqlText = base + part + " ORDER BY p.attendee_name COLLATE NOCASE ASC, p.id ASC LIMIT ?" +
                                    std::to_string(args.size()) + " OFFSET ?" + std::to_string(args.size() + 1);
        const auto ids = m_store.rememberedNumbers(rememberKey(sqlText, eventId, args), [&] {
            std::vector<std::int64_t> v;
            auto q = m_store.cached(sqlText);
            bindAll(q, eventId, args);
            while (q.executeStep()) {
                v.push_back(q.getColumn(0).getInt64());
            }
            return v;
        });
        out.insert(out.end(), ids.begin(), ids.end());
    };
    std::vector<Id> page;
    read(kNamed, filter.limit, filter.offset, page);
    const auto named = static_cast<std::int64_t>(page.size());
    if (named < filter.limit) {
        // The named ones ended on this page, or before it: then count them to know where.
        std::int64_t namedCount = filter.offset + named;
        if (named == 0 && filter.offset > 0) {
            const std::string sqlText = std::string("SELECT count(*)") + kFrom + b.where + kNamed;
            namedCount = m_store.rememberedCount(rememberKey(sqlText, eventId, b.args), [&] {
                auto q = m_store.cached(sqlText);
                bindAll(q, eventId, b.args);
                q.executeStep();
                return q.getColumn(0).getInt64();
            });
        }
        read(kUnnamed, filter.limit - named, std::max<std::int64_t>(0, filter.offset - namedCount), page);
    }
    return page;
}

std::optional<PositionRow> PositionQuery::byId(Id eventId, Id positionId) {
    auto q = m_store.cached(std::string("SELECT ") + kRowColumns + kFrom + " WHERE p.event_id = ? AND p.id = ?");
    q.bind(1, eventId);
    q.bind(2, positionId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    std::vector<PositionRow> v{readRow(q)};
    loadAnswers(m_store, v);
    return std::move(v.front());
}

std::optional<PositionRow> PositionQuery::bySecret(Id eventId, const std::string& secret) {
    auto q = m_store.cached(std::string("SELECT ") + kRowColumns + kFrom + " WHERE p.event_id = ? AND p.secret = ?");
    q.bind(1, eventId);
    q.bind(2, secret);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    std::vector<PositionRow> v{readRow(q)};
    loadAnswers(m_store, v);
    return std::move(v.front());
}

std::vector<std::vector<Checkin>> PositionQuery::checkins(const std::vector<Id>& positionIds, std::optional<Id> list) {
    std::vector<std::vector<Checkin>> out(positionIds.size());
    if (positionIds.empty()) {
        return out;
    }
    std::unordered_map<Id, std::size_t> index;
    for (std::size_t i = 0; i < positionIds.size(); ++i) {
        index.emplace(positionIds[i], i);
    }
    auto q = m_store.cached(std::string("SELECT ") + rows::kCheckinColumns +
                            " FROM checkin c WHERE c.position_id IN (SELECT value FROM json_each(?1)) "
                            "AND (?2 IS NULL OR c.list_id = ?2) ORDER BY c.datetime, c.id");
    q.bind(1, rows::idArray(positionIds));
    sql::bindValue(q, 2, list);
    while (q.executeStep()) {
        auto c = rows::readCheckin(q);
        out[index.at(c.positionId)].push_back(std::move(c));
    }
    // A position listed twice gets the same check-ins twice.
    for (std::size_t i = 0; i < positionIds.size(); ++i) {
        if (const auto first = index.at(positionIds[i]); first != i) {
            out[i] = out[first];
        }
    }
    return out;
}

}  // namespace boxoffice::model
