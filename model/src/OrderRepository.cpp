#include "boxoffice/model/OrderRepository.h"

#include "ChangeNotes.h"

#include <initializer_list>
#include <stdexcept>
#include <unordered_map>

#include "Rows.h"
#include "Sql.h"

namespace boxoffice::model {

using sql::bindValue;

namespace {

template <class S>
void bindDate(S& s, int i, const std::optional<Date>& d) {
    d ? s.bind(i, toStorage(*d)) : s.bind(i);
}

std::string feesToJson(const std::vector<OrderFee>& fees) {
    auto j = nlohmann::json::array();
    for (const auto& f : fees) {
        j.push_back({{"type", f.type}, {"description", f.description}, {"value", f.value.minor()}});
    }
    return j.dump();
}

std::vector<OrderFee> feesFromJson(const std::string& text) {
    std::vector<OrderFee> out;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_array()) {
        for (const auto& f : j) {
            out.push_back({f.value("type", ""), f.value("description", ""),
                           Money::fromMinor(f.value("value", std::int64_t{0}))});
        }
    }
    return out;
}

constexpr const char* kOrderColumns =
    "o.id, o.event_id, o.code, o.status, o.secret, o.email, o.phone, o.locale, o.comment, o.sales_channel, "
    "o.payment_provider, o.datetime, o.expires, o.payment_date, o.payment_fee, o.payment_fee_tax_rate, "
    "o.payment_fee_tax_value, o.total, o.checkin_attention, o.testmode, o.require_approval, o.fees, "
    "o.last_modified, ia.order_id, ia.last_modified, ia.company, ia.name, ia.street, ia.zipcode, ia.city, "
    "ia.country, ia.state, ia.vat_id, ia.is_business, ia.name_parts, o.revision, o.checkin_text";

Order readOrder(CachedStatement& q) {
    Order o;
    o.id = q.getColumn(0).getInt64();
    o.eventId = q.getColumn(1).getInt64();
    o.code = q.getColumn(2).getString();
    o.status = statusFromCode(q.getColumn(3).getString()).value_or(OrderStatus::Pending);
    o.secret = q.getColumn(4).getString();
    o.email = q.getColumn(5).getString();
    o.phone = q.getColumn(6).getString();
    o.locale = q.getColumn(7).getString();
    o.comment = q.getColumn(8).getString();
    o.salesChannel = q.getColumn(9).getString();
    o.paymentProvider = q.getColumn(10).getString();
    o.datetime = sql::time(q.getColumn(11));
    o.expires = sql::optTime(q.getColumn(12));
    if (!q.getColumn(13).isNull()) {
        o.paymentDate = dateFromStorage(q.getColumn(13).getInt64());
    }
    o.paymentFee = Money::fromMinor(q.getColumn(14).getInt64());
    o.paymentFeeTaxRate = TaxRate::fromMinor(q.getColumn(15).getInt64());
    o.paymentFeeTaxValue = Money::fromMinor(q.getColumn(16).getInt64());
    o.total = Money::fromMinor(q.getColumn(17).getInt64());
    o.checkinAttention = sql::flag(q.getColumn(18));
    o.testmode = sql::flag(q.getColumn(19));
    o.requireApproval = sql::flag(q.getColumn(20));
    o.fees = feesFromJson(q.getColumn(21).getString());
    o.lastModified = sql::time(q.getColumn(22));
    if (!q.getColumn(23).isNull()) {
        InvoiceAddress a;
        a.lastModified = sql::optTime(q.getColumn(24));
        a.company = q.getColumn(25).getString();
        a.name = q.getColumn(26).getString();
        a.street = q.getColumn(27).getString();
        a.zipcode = q.getColumn(28).getString();
        a.city = q.getColumn(29).getString();
        a.country = q.getColumn(30).getString();
        a.state = q.getColumn(31).getString();
        a.vatId = q.getColumn(32).getString();
        a.isBusiness = sql::flag(q.getColumn(33));
        a.nameParts = sql::mapFromJson(q.getColumn(34).getString());
        o.invoiceAddress = std::move(a);
    }
    o.revision = q.getColumn(35).getInt64();
    o.checkinText = sql::optText(q.getColumn(36));
    return o;
}

void loadAnswers(Store& store, OrderPosition& p) { rows::loadAnswers(store, {&p}); }

// Builds WHERE and ORDER BY for an order query; binds are appended to `args`.
std::string orderFilter(const OrderQuery& q, std::vector<std::string>& args) {
    std::string where = " WHERE o.event_id = ?1";
    auto add = [&](const std::string& clause, std::string value) {
        args.push_back(std::move(value));
        where += " AND " + clause + " ?" + std::to_string(args.size() + 1);
    };
    if (q.code) {
        add("o.code =", *q.code);
    }
    if (q.status) {
        add("o.status =", std::string(1, statusCode(*q.status)));
    }
    if (q.email) {
        add("o.email = ", *q.email);
        where += " COLLATE NOCASE";
    }
    if (q.locale) {
        add("o.locale =", *q.locale);
    }
    if (q.modifiedSince) {
        // Bound as text like the other filters; the cast keeps the comparison numeric.
        add("o.last_modified >= CAST(", std::to_string(toStorage(*q.modifiedSince)));
        where += " AS INTEGER)";
    }
    if (q.createdSince) {
        add("o.datetime >= CAST(", std::to_string(toStorage(*q.createdSince)));
        where += " AS INTEGER)";
    }
    if (q.search && !q.search->empty()) {
        args.push_back("%" + *q.search + "%");
        std::string n = "?";
        n += std::to_string(args.size() + 1);
        where += " AND (o.code LIKE " + n + " OR o.email LIKE " + n + " OR ia.name LIKE " + n +
                 " OR ia.company LIKE " + n + " OR EXISTS (SELECT 1 FROM order_position sp WHERE sp.order_id = o.id "
                 "AND (sp.attendee_name LIKE " + n + " OR sp.secret LIKE " + n + ")))";
    }
    return where;
}

std::string orderOrdering(const std::string& ordering) {
    const bool desc = !ordering.empty() && ordering[0] == '-';
    const std::string key = desc ? ordering.substr(1) : ordering;
    static const std::unordered_map<std::string, std::string> kColumns{
        {"datetime", "o.datetime"}, {"code", "o.code"}, {"status", "o.status"}, {"last_modified", "o.last_modified"}};
    auto it = kColumns.find(key);
    if (it == kColumns.end()) {
        throw std::invalid_argument("unknown ordering: " + ordering);
    }
    const std::string dir = desc ? " DESC" : " ASC";
    return " ORDER BY " + it->second + dir + ", o.id" + dir;
}

// The search reads the invoice address; the other filters read the order alone.
bool searchesAddress(const OrderQuery& q) { return q.search && !q.search->empty(); }

}  // namespace

void OrderRepository::upsert(Order& o) { write(o, true); }

void OrderRepository::insertNew(Order& o) { write(o, false); }

void OrderRepository::write(Order& o, bool replacing) {
    if (o.id == 0) {
        auto q = m_store.cached("SELECT id FROM orders WHERE event_id = ? AND code = ?");
        q.bind(1, o.eventId);
        q.bind(2, o.code);
        o.id = q.executeStep() ? q.getColumn(0).getInt64() : m_store.nextLocalId("orders");
    }
    if (o.lastModified == Timestamp{}) {
        o.lastModified = now();
    }
    auto s = m_store.cached(
        "INSERT INTO orders (id, event_id, code, status, secret, email, phone, locale, comment, sales_channel, "
        "payment_provider, datetime, expires, payment_date, payment_fee, payment_fee_tax_rate, "
        "payment_fee_tax_value, total, checkin_attention, testmode, require_approval, fees, last_modified, "
        "checkin_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "event_id=excluded.event_id, code=excluded.code, status=excluded.status, secret=excluded.secret, "
        "email=excluded.email, phone=excluded.phone, locale=excluded.locale, comment=excluded.comment, "
        "sales_channel=excluded.sales_channel, payment_provider=excluded.payment_provider, "
        "datetime=excluded.datetime, expires=excluded.expires, payment_date=excluded.payment_date, "
        "payment_fee=excluded.payment_fee, payment_fee_tax_rate=excluded.payment_fee_tax_rate, "
        "payment_fee_tax_value=excluded.payment_fee_tax_value, total=excluded.total, "
        "checkin_attention=excluded.checkin_attention, testmode=excluded.testmode, "
        "require_approval=excluded.require_approval, fees=excluded.fees, last_modified=excluded.last_modified, "
        "checkin_text=excluded.checkin_text");
    s.bind(1, o.id);
    s.bind(2, o.eventId);
    s.bind(3, o.code);
    s.bind(4, std::string(1, statusCode(o.status)));
    s.bind(5, o.secret);
    s.bind(6, o.email);
    s.bind(7, o.phone);
    s.bind(8, o.locale);
    s.bind(9, o.comment);
    s.bind(10, o.salesChannel);
    s.bind(11, o.paymentProvider);
    s.bind(12, toStorage(o.datetime));
    bindValue(s, 13, o.expires);
    bindDate(s, 14, o.paymentDate);
    s.bind(15, o.paymentFee.minor());
    s.bind(16, o.paymentFeeTaxRate.minor());
    s.bind(17, o.paymentFeeTaxValue.minor());
    s.bind(18, o.total.minor());
    bindValue(s, 19, o.checkinAttention);
    bindValue(s, 20, o.testmode);
    bindValue(s, 21, o.requireApproval);
    s.bind(22, feesToJson(o.fees));
    s.bind(23, toStorage(o.lastModified));
    bindValue(s, 24, o.checkinText);
    s.exec();

    if (o.invoiceAddress) {
        const auto& a = *o.invoiceAddress;
        auto ia = m_store.cached(
            "INSERT OR REPLACE INTO invoice_address (order_id, last_modified, company, name, street, zipcode, city, "
            "country, state, vat_id, is_business, name_parts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
        ia.bind(1, o.id);
        bindValue(ia, 2, a.lastModified);
        ia.bind(3, a.company);
        ia.bind(4, a.name);
        ia.bind(5, a.street);
        ia.bind(6, a.zipcode);
        ia.bind(7, a.city);
        ia.bind(8, a.country);
        ia.bind(9, a.state);
        ia.bind(10, a.vatId);
        bindValue(ia, 11, a.isBusiness);
        ia.bind(12, sql::mapToJson(a.nameParts));
        ia.exec();
    } else if (replacing) {
        auto del = m_store.cached("DELETE FROM invoice_address WHERE order_id = ?");
        del.bind(1, o.id);
        del.exec();
    }

    // Positions the order no longer lists are marked canceled, never deleted: check-ins made on
    // them must survive.
    if (replacing) {
        auto mark = m_store.cached("UPDATE order_position SET canceled = 1 WHERE order_id = ?");
        mark.bind(1, o.id);
        mark.exec();
    }
    // Add-ons refer to their parent: write parents first.
    std::vector<OrderPosition*> ordered;
    for (auto& p : o.positions) {
        if (!p.addonTo) {
            ordered.push_back(&p);
        }
    }
    for (auto& p : o.positions) {
        if (p.addonTo) {
            ordered.push_back(&p);
        }
    }
    for (OrderPosition* pp : ordered) {
        OrderPosition& p = *pp;
        p.orderId = o.id;
        p.orderCode = o.code;
        if (p.id == 0) {
            p.id = m_store.nextLocalId("order_position");
        }
        auto ps = m_store.cached(
            "INSERT INTO order_position (id, order_id, event_id, positionid, item_id, variation_id, subevent_id, "
            "addon_to, price, tax_rate, tax_value, attendee_name, attendee_email, company, street, zipcode, city, "
            "country, state, voucher, secret, pseudonymization_id, seat, canceled, attendee_name_parts, seat_parts) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
            "order_id=excluded.order_id, event_id=excluded.event_id, positionid=excluded.positionid, "
            "item_id=excluded.item_id, variation_id=excluded.variation_id, subevent_id=excluded.subevent_id, "
            "addon_to=excluded.addon_to, price=excluded.price, tax_rate=excluded.tax_rate, "
            "tax_value=excluded.tax_value, attendee_name=excluded.attendee_name, "
            "attendee_email=excluded.attendee_email, company=excluded.company, street=excluded.street, "
            "zipcode=excluded.zipcode, city=excluded.city, country=excluded.country, state=excluded.state, "
            "voucher=excluded.voucher, secret=excluded.secret, pseudonymization_id=excluded.pseudonymization_id, "
            "seat=excluded.seat, canceled=excluded.canceled, attendee_name_parts=excluded.attendee_name_parts, "
            "seat_parts=excluded.seat_parts");
        ps.bind(1, p.id);
        ps.bind(2, o.id);
        ps.bind(3, o.eventId);
        ps.bind(4, p.positionid);
        ps.bind(5, p.itemId);
        bindValue(ps, 6, p.variationId);
        bindValue(ps, 7, p.subeventId);
        bindValue(ps, 8, p.addonTo);
        ps.bind(9, p.price.minor());
        ps.bind(10, p.taxRate.minor());
        ps.bind(11, p.taxValue.minor());
        bindValue(ps, 12, p.attendeeName);
        bindValue(ps, 13, p.attendeeEmail);
        bindValue(ps, 14, p.company);
        bindValue(ps, 15, p.street);
        bindValue(ps, 16, p.zipcode);
        bindValue(ps, 17, p.city);
        bindValue(ps, 18, p.country);
        bindValue(ps, 19, p.state);
        bindValue(ps, 20, p.voucher);
        ps.bind(21, p.secret);
        ps.bind(22, p.pseudonymizationId);
        bindValue(ps, 23, p.seat);
        bindValue(ps, 24, p.canceled);
        ps.bind(25, sql::mapToJson(p.attendeeNameParts));
        bindValue(ps, 26, rows::seatPartsToText(p.seatParts));
        ps.exec();

        if (replacing) {
            auto delA = m_store.cached("DELETE FROM answer WHERE position_id = ?");
            delA.bind(1, p.id);
            delA.exec();
        }
        for (const auto& a : p.answers) {
            auto ins = m_store.cached(
                "INSERT OR REPLACE INTO answer (position_id, question_id, answer, options) VALUES (?,?,?,?)");
            ins.bind(1, p.id);
            ins.bind(2, a.questionId);
            ins.bind(3, a.answer);
            ins.bind(4, sql::listToJson(a.options));
            ins.exec();
        }
    }
    m_store.noteChange({Change::Kind::Orders, o.eventId});
}

std::optional<Order> OrderRepository::byCode(Id eventId, const std::string& code) {
    OrderQuery q;
    q.code = code;
    auto v = list(eventId, q);
    if (v.empty()) {
        return std::nullopt;
    }
    return std::move(v.front());
}

std::optional<Order> OrderRepository::byId(Id orderId) {
    auto q = m_store.cached(std::string("SELECT ") + kOrderColumns +
                             " FROM orders o LEFT JOIN invoice_address ia ON ia.order_id = o.id WHERE o.id = ?");
    q.bind(1, orderId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    std::vector<Order> v{readOrder(q)};
    loadPositions(v);
    return std::move(v.front());
}

namespace {

// The column a page is sorted by first (then by ID), and whether it holds whole numbers: a page
// of those can start after the last row of an earlier one (see listRevisions).
struct SortKey {
    std::string column;
    bool numeric = false;
    bool descending = false;
};

SortKey sortKey(const std::string& ordering) {
    const bool desc = !ordering.empty() && ordering[0] == '-';
    const std::string key = desc ? ordering.substr(1) : ordering;
    return {"o." + key, key == "datetime" || key == "last_modified", desc};
}

// Selects `columns` (of orders o and invoice_address ia) of the query's page, in its order; the
// filter's parameters go to `args`, LIMIT and OFFSET come after them. With `afterRow`, the page
// starts after the row whose sort value and ID come before LIMIT: the index is entered there
// instead of being stepped through from the first order.
std::string pageSql(const OrderQuery& query, const std::string& columns, std::vector<std::string>& args,
                    bool afterRow = false) {
    // The filter must be built first: it decides how many parameters come before LIMIT.
    std::string where = orderFilter(query, args);
    const std::string ordering = orderOrdering(query.ordering);
    int next = static_cast<int>(args.size()) + 2;
    if (afterRow) {
        const auto key = sortKey(query.ordering);
        where += " AND (" + key.column + ", o.id) " + (key.descending ? "<" : ">") + " (?" + std::to_string(next) +
                 ", ?" + std::to_string(next + 1) + ")";
        next += 2;
    }
    // The page's IDs first, from the index alone: OFFSET then skips index entries instead of
    // whole rows with their invoice address (15 ms → 3 ms at order 95,000 of 100,000).
    const bool needsAddress = searchesAddress(query);
    const std::string page = std::string("SELECT o.id FROM orders o") +
                             (needsAddress ? " LEFT JOIN invoice_address ia ON ia.order_id = o.id" : "") + where +
                             ordering + " LIMIT ?" + std::to_string(next) + " OFFSET ?" + std::to_string(next + 1);
    return "SELECT " + columns + " FROM orders o LEFT JOIN invoice_address ia ON ia.order_id = o.id WHERE o.id IN (" +
           page + ")" + ordering;
}

// The statement with the event as ?1, then `args`, then `numbers` (a page's LIMIT and OFFSET).
CachedStatement bound(Store& store, const std::string& sql, Id eventId, const std::vector<std::string>& args,
                      std::initializer_list<std::int64_t> numbers) {
    auto q = store.cached(sql);
    q.bind(1, eventId);
    int i = 2;
    for (const auto& a : args) {
        q.bind(i++, a);
    }
    for (const auto n : numbers) {
        q.bind(i++, n);
    }
    return q;
}

// The key under which Store remembers what that statement returns.
std::string rememberKey(const std::string& sql, Id eventId, const std::vector<std::string>& args,
                        std::initializer_list<std::int64_t> numbers) {
    std::string key = sql;
    key += '\x1f';
    key += std::to_string(eventId);
    for (const auto& part : args) {
        key += '\x1f';
        key += part;
    }
    for (const auto n : numbers) {
        key += '\x1f';
        key += std::to_string(n);
    }
    return key;
}

}  // namespace

std::vector<Order> OrderRepository::list(Id eventId, const OrderQuery& query) {
    std::vector<std::string> args;
    const std::string sql = pageSql(query, kOrderColumns, args);
    auto q = bound(m_store, sql, eventId, args, {query.limit, query.offset});
    std::vector<Order> out;
    while (q.executeStep()) {
        out.push_back(readOrder(q));
    }
    loadPositions(out);
    return out;
}

// Remembered until the next change to the database (Store::rememberedNumbers), and so is where
// each page ended. A client reading the pages one after another (an offline scanner's first sync
// reads all 500,000 orders of a big event, 10,000 pages) then starts each page after the last row
// of one shortly before it, instead of stepping over every order before it: OFFSET made that
// sync quadratic (20 ns an order, 10 ms a page at order 500,000). The server's workers each have
// their connection and its own memory, so the page just before may have been read by another
// worker: the nearest of the eight pages before is taken.
std::vector<OrderRevision> OrderRepository::listRevisions(Id eventId, const OrderQuery& query) {
    const auto key = sortKey(query.ordering);
    std::vector<std::string> args;
    const std::string sql = pageSql(query, "o.id, o.revision, " + key.column, args);
    const std::string endKey = "page end\x1f" + rememberKey(sql, eventId, args, {query.limit});
    const auto numbers =
        m_store.rememberedNumbers(rememberKey(sql, eventId, args, {query.limit, query.offset}), [&] {
            std::optional<CachedStatement> q;
            if (key.numeric && query.limit > 0 && query.offset > 0) {
                for (std::int64_t back = 0; back < 8 && !q; ++back) {
                    const std::int64_t start = query.offset - back * query.limit;
                    if (start <= 0) {
                        break;
                    }
                    if (auto end = m_store.rememberedNumbers(endKey + '\x1f' + std::to_string(start))) {
                        std::vector<std::string> afterArgs;
                        q.emplace(bound(m_store, pageSql(query, "o.id, o.revision, " + key.column, afterArgs, true),
                                        eventId, afterArgs, {end->at(0), end->at(1), query.limit, query.offset - start}));
                    }
                }
            }
            if (!q) {
                q.emplace(bound(m_store, sql, eventId, args, {query.limit, query.offset}));
            }
            std::vector<std::int64_t> v;
            std::int64_t lastSort = 0;
            while (q->executeStep()) {
                v.push_back(q->getColumn(0).getInt64());
                v.push_back(q->getColumn(1).getInt64());
                lastSort = q->getColumn(2).getInt64();
            }
            if (key.numeric && !v.empty()) {
                const auto rows = static_cast<std::int64_t>(v.size() / 2);
                m_store.rememberNumbers(endKey + '\x1f' + std::to_string(query.offset + rows), {lastSort, v[v.size() - 2]});
            }
            return v;
        });
    std::vector<OrderRevision> out;
    for (std::size_t i = 0; i + 1 < numbers.size(); i += 2) {
        out.push_back({numbers[i], numbers[i + 1]});
    }
    return out;
}

std::vector<Order> OrderRepository::byIds(const std::vector<Id>& ids) {
    auto q = m_store.cached(std::string("SELECT ") + kOrderColumns +
                             " FROM orders o LEFT JOIN invoice_address ia ON ia.order_id = o.id "
                             "WHERE o.id IN (SELECT value FROM json_each(?)) ORDER BY o.id");
    q.bind(1, rows::idArray(ids));
    std::vector<Order> out;
    while (q.executeStep()) {
        out.push_back(readOrder(q));
    }
    loadPositions(out);
    return out;
}

std::int64_t OrderRepository::count(Id eventId, const OrderQuery& query) {
    std::vector<std::string> args;
    // The invoice address is only needed by the search; without it the count reads the index alone.
    const bool needsAddress = searchesAddress(query);
    const std::string sqlText = std::string("SELECT count(*) FROM orders o") +
                                (needsAddress ? " LEFT JOIN invoice_address ia ON ia.order_id = o.id" : "") +
                                orderFilter(query, args);
    return m_store.rememberedCount(rememberKey(sqlText, eventId, args, {}), [&] {
        auto q = bound(m_store, sqlText, eventId, args, {});
        q.executeStep();
        return q.getColumn(0).getInt64();
    });
}

void OrderRepository::loadPositions(std::vector<Order>& orders) {
    if (orders.empty()) {
        return;
    }
    std::vector<Id> ids;
    std::unordered_map<Id, Order*> byId;
    for (auto& o : orders) {
        ids.push_back(o.id);
        byId.emplace(o.id, &o);
    }
    auto q = m_store.cached(std::string("SELECT ") + rows::kPositionColumns +
                             " FROM order_position p JOIN orders o ON o.id = p.order_id "
                             "WHERE p.order_id IN (SELECT value FROM json_each(?)) AND p.canceled = 0 "
                             "ORDER BY p.order_id, p.positionid, p.id");
    q.bind(1, rows::idArray(ids));
    while (q.executeStep()) {
        auto p = rows::readPosition(q);
        byId.at(p.orderId)->positions.push_back(std::move(p));
    }
    std::vector<OrderPosition*> all;
    for (auto& o : orders) {
        for (auto& p : o.positions) {
            all.push_back(&p);
        }
    }
    rows::loadAnswers(m_store, all);
}

std::optional<OrderPosition> OrderRepository::position(Id eventId, Id positionId) {
    auto q = m_store.cached(std::string("SELECT ") + rows::kPositionColumns +
                             " FROM order_position p JOIN orders o ON o.id = p.order_id "
                             "WHERE p.event_id = ? AND p.id = ?");
    q.bind(1, eventId);
    q.bind(2, positionId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    auto p = rows::readPosition(q);
    loadAnswers(m_store, p);
    return p;
}

std::optional<OrderPosition> OrderRepository::positionBySecret(Id eventId, const std::string& secret) {
    auto q = m_store.cached(std::string("SELECT ") + rows::kPositionColumns +
                             " FROM order_position p JOIN orders o ON o.id = p.order_id "
                             "WHERE p.event_id = ? AND p.secret = ?");
    q.bind(1, eventId);
    q.bind(2, secret);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    auto p = rows::readPosition(q);
    loadAnswers(m_store, p);
    return p;
}

std::int64_t OrderRepository::positionCount(Id eventId) {
    auto q = m_store.cached("SELECT count(*) FROM order_position WHERE event_id = ? AND canceled = 0");
    q.bind(1, eventId);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

}  // namespace boxoffice::model

namespace boxoffice::model {

void OrderRepository::saveAnswer(Id positionId, const Answer& answer) {
    auto ins = m_store.cached("INSERT OR REPLACE INTO answer (position_id, question_id, answer, options) VALUES (?,?,?,?)");
    ins.bind(1, positionId);
    ins.bind(2, answer.questionId);
    ins.bind(3, answer.answer);
    ins.bind(4, sql::listToJson(answer.options));
    ins.exec();
    m_store.noteChange({Change::Kind::Orders, notes::eventOfPosition(m_store, positionId)});
}

void OrderRepository::touch(Id orderId, Timestamp when) {
    // Raising the revision here as well spares the order_revision_upd trigger's second update of
    // the row (it fires only when an update leaves the revision alone): one row write less in
    // every redeem's share of the group commit.
    auto s = m_store.cached(
        "UPDATE orders SET last_modified = max(last_modified, ?), revision = revision + 1 WHERE id = ?");
    s.bind(1, toStorage(when));
    s.bind(2, orderId);
    s.exec();
    m_store.noteChange({Change::Kind::Orders, notes::eventOfOrder(m_store, orderId)});
}

}  // namespace boxoffice::model
