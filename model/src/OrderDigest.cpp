#include "boxoffice/model/OrderDigest.h"

#include <SQLiteCpp/Column.h>

#include <string>

namespace boxoffice::model {

namespace {

std::string_view text(const SQLite::Column& column) {
    const char* data = column.getText();
    return data == nullptr ? std::string_view() : std::string_view(data, static_cast<std::size_t>(column.getBytes()));
}

}  // namespace

bool scanOrderDigests(Store& store, Id eventId, const DigestVisitor& visitor, const std::vector<Id>* onlyOrders) {
    Store::Transaction snapshot(store, Store::TxMode::Deferred);  // read only: rolled back at the end
    // The few orders to read, as a JSON array that json_each() turns into rows.
    std::string only = "[]";
    if (onlyOrders != nullptr) {
        only = "[";
        for (std::size_t i = 0; i < onlyOrders->size(); ++i) {
            if (i > 0) {
                only += ',';
            }
            only += std::to_string((*onlyOrders)[i]);
        }
        only += "]";
    }
    // Either every row of the event, or the listed orders' rows found through their indexes.
    const bool all = onlyOrders == nullptr;
    const auto bindScope = [&](CachedStatement& q) {
        q.bind(1, eventId);
        if (!all) {
            q.bind(2, only);
        }
    };
    if (visitor.order) {
        auto q = store.cached(
            "SELECT o.id, o.code, o.status, o.datetime, o.total, o.email, o.phone, "
            "COALESCE(a.name, ''), COALESCE(a.company, ''), o.testmode, o.revision " +
            // A whole event is read in the table's own order: sorting it would hold every row in
            // memory at once (hundreds of megabytes on a large event).
            std::string(all ? "FROM orders o NOT INDEXED " : "FROM orders o ") +
            "LEFT JOIN invoice_address a ON a.order_id = o.id WHERE o.event_id = ? " +
            std::string(all ? "" : "AND o.id IN (SELECT value FROM json_each(?)) ") + "ORDER BY o.id");
        bindScope(q);
        OrderDigest row;
        while (q.executeStep()) {
            row.id = q.getColumn(0).getInt64();
            row.code = text(q.getColumn(1));
            const auto status = text(q.getColumn(2));
            row.status = status.empty() ? 'n' : status.front();
            row.datetime = q.getColumn(3).getInt64();
            row.totalMinor = q.getColumn(4).getInt64();
            row.email = text(q.getColumn(5));
            row.phone = text(q.getColumn(6));
            row.invoiceName = text(q.getColumn(7));
            row.invoiceCompany = text(q.getColumn(8));
            row.testmode = q.getColumn(9).getInt() != 0;
            row.revision = q.getColumn(10).getInt64();
            if (!visitor.order(row)) {
                return false;
            }
        }
    }
    if (visitor.position) {
        auto q = store.cached(
            "SELECT id, order_id, positionid, item_id, COALESCE(variation_id, 0), COALESCE(subevent_id, 0), "
            "COALESCE(addon_to, 0), COALESCE(attendee_name, ''), COALESCE(attendee_email, ''), "
            "COALESCE(company, ''), secret, canceled " +
            std::string(all ? "FROM order_position INDEXED BY position_order " : "FROM order_position ") +
            "WHERE event_id = ? " +
            std::string(all ? "" : "AND order_id IN (SELECT value FROM json_each(?)) ") +
            "ORDER BY order_id, positionid, id");
        bindScope(q);
        PositionDigest row;
        while (q.executeStep()) {
            row.id = q.getColumn(0).getInt64();
            row.orderId = q.getColumn(1).getInt64();
            row.positionid = q.getColumn(2).getInt();
            row.itemId = q.getColumn(3).getInt64();
            row.variationId = q.getColumn(4).getInt64();
            row.subeventId = q.getColumn(5).getInt64();
            row.addonTo = q.getColumn(6).getInt64();
            row.attendeeName = text(q.getColumn(7));
            row.attendeeEmail = text(q.getColumn(8));
            row.company = text(q.getColumn(9));
            row.secret = text(q.getColumn(10));
            row.canceled = q.getColumn(11).getInt() != 0;
            if (!visitor.position(row)) {
                return false;
            }
        }
    }
    if (visitor.answer) {
        auto q = store.cached(
            "SELECT a.position_id, a.answer FROM answer a CROSS JOIN order_position p ON p.id = a.position_id "
            "WHERE p.event_id = ? AND a.answer <> '' " +
            std::string(all ? "" : "AND p.order_id IN (SELECT value FROM json_each(?)) ") + "ORDER BY a.position_id");
        bindScope(q);
        AnswerDigest row;
        while (q.executeStep()) {
            row.positionId = q.getColumn(0).getInt64();
            row.answer = text(q.getColumn(1));
            if (!visitor.answer(row)) {
                return false;
            }
        }
    }
    return true;
}

DigestCounts countOrderDigests(Store& store, Id eventId) {
    DigestCounts counts;
    auto q = store.cached(
        "SELECT (SELECT count(*) FROM orders WHERE event_id = ?1), "
        "(SELECT count(*) FROM order_position WHERE event_id = ?1), "
        "(SELECT count(*) FROM answer a JOIN order_position p ON p.id = a.position_id "
        "WHERE p.event_id = ?1 AND a.answer <> '')");
    q.bind(1, eventId);
    if (q.executeStep()) {
        counts.orders = static_cast<std::size_t>(q.getColumn(0).getInt64());
        counts.positions = static_cast<std::size_t>(q.getColumn(1).getInt64());
        counts.answers = static_cast<std::size_t>(q.getColumn(2).getInt64());
    }
    return counts;
}

std::vector<std::pair<Id, std::int64_t>> orderRevisions(Store& store, Id eventId) {
    std::vector<std::pair<Id, std::int64_t>> out;
    auto q = store.cached("SELECT id, revision FROM orders WHERE event_id = ? ORDER BY id");
    q.bind(1, eventId);
    while (q.executeStep()) {
        out.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
    }
    return out;
}

}  // namespace boxoffice::model
