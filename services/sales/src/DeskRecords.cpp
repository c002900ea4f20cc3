#include "DeskRecords.h"

namespace boxoffice::sales::detail {

using model::Id;

namespace {

std::string_view kindText(PaymentKind k) {
    switch (k) {
        case PaymentKind::Sale: return "sale";
        case PaymentKind::Refund: return "refund";
        case PaymentKind::Cancel: return "cancel";
    }
    return "sale";
}

PaymentKind kindFromText(const std::string& s) {
    return s == "refund" ? PaymentKind::Refund : s == "cancel" ? PaymentKind::Cancel : PaymentKind::Sale;
}

Shift readShiftRow(model::CachedStatement& q) {
    Shift s;
    s.id = q.getColumn(0).getInt64();
    s.eventId = q.getColumn(1).getInt64();
    s.operatorName = q.getColumn(2).getString();
    s.startedAt = model::fromStorage(q.getColumn(3).getInt64());
    if (!q.getColumn(4).isNull()) {
        s.endedAt = model::fromStorage(q.getColumn(4).getInt64());
    }
    return s;
}

}  // namespace

void insertShift(model::Store& store, Shift& shift) {
    shift.id = store.nextLocalId("desk_shift");
    auto s = store.cached("INSERT INTO desk_shift (id, event_id, operator, started_at) VALUES (?, ?, ?, ?)");
    s.bind(1, shift.id);
    s.bind(2, shift.eventId);
    s.bind(3, shift.operatorName);
    s.bind(4, model::toStorage(shift.startedAt));
    s.exec();
    store.noteChange({model::Change::Kind::Orders, shift.eventId});
}

void closeShift(model::Store& store, Id shiftId, model::Timestamp when) {
    auto s = store.cached("UPDATE desk_shift SET ended_at = ? WHERE id = ?");
    s.bind(1, model::toStorage(when));
    s.bind(2, shiftId);
    s.exec();
    if (auto shift = readShift(store, shiftId)) {
        store.noteChange({model::Change::Kind::Orders, shift->eventId});
    }
}

std::optional<Shift> readShift(model::Store& store, Id shiftId) {
    auto q = store.cached("SELECT id, event_id, operator, started_at, ended_at FROM desk_shift WHERE id = ?");
    q.bind(1, shiftId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readShiftRow(q);
}

std::vector<Shift> readShifts(model::Store& store, Id eventId) {
    auto q = store.cached(
        "SELECT id, event_id, operator, started_at, ended_at FROM desk_shift WHERE event_id = ? "
        "ORDER BY started_at DESC, id DESC");
    q.bind(1, eventId);
    std::vector<Shift> out;
    while (q.executeStep()) {
        out.push_back(readShiftRow(q));
    }
    return out;
}

void insertPayment(model::Store& store, Id eventId, PaymentRecord& p) {
    p.id = store.nextLocalId("desk_payment");
    auto s = store.cached(
        "INSERT INTO desk_payment (id, shift_id, order_id, kind, method, amount, given, reason, datetime) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, p.id);
    s.bind(2, p.shiftId);
    s.bind(3, p.orderId);
    s.bind(4, std::string(kindText(p.kind)));
    p.method ? s.bind(5, std::string(toString(*p.method))) : s.bind(5);
    s.bind(6, p.amount.minor());
    p.given ? s.bind(7, p.given->minor()) : s.bind(7);
    s.bind(8, p.reason);
    s.bind(9, model::toStorage(p.datetime));
    s.exec();
    store.noteChange({model::Change::Kind::Orders, eventId});
}

std::vector<PaymentRecord> paymentsOfShift(model::Store& store, Id shiftId) {
    auto q = store.cached(
        "SELECT id, shift_id, order_id, kind, method, amount, given, reason, datetime FROM desk_payment "
        "WHERE shift_id = ? ORDER BY datetime, id");
    q.bind(1, shiftId);
    std::vector<PaymentRecord> out;
    while (q.executeStep()) {
        PaymentRecord p;
        p.id = q.getColumn(0).getInt64();
        p.shiftId = q.getColumn(1).getInt64();
        p.orderId = q.getColumn(2).getInt64();
        p.kind = kindFromText(q.getColumn(3).getString());
        if (!q.getColumn(4).isNull()) {
            p.method = paymentMethodFromString(q.getColumn(4).getString());
        }
        p.amount = model::Money::fromMinor(q.getColumn(5).getInt64());
        if (!q.getColumn(6).isNull()) {
            p.given = model::Money::fromMinor(q.getColumn(6).getInt64());
        }
        p.reason = q.getColumn(7).getString();
        p.datetime = model::fromStorage(q.getColumn(8).getInt64());
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<PaymentMethod> saleMethod(model::Store& store, Id orderId) {
    auto q = store.cached("SELECT method FROM desk_payment WHERE order_id = ? AND kind = 'sale' LIMIT 1");
    q.bind(1, orderId);
    if (!q.executeStep() || q.getColumn(0).isNull()) {
        return std::nullopt;
    }
    return paymentMethodFromString(q.getColumn(0).getString());
}

}  // namespace boxoffice::sales::detail
