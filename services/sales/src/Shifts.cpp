#include "boxoffice/sales/Shifts.h"

#include <map>

#include "Common.h"
#include "DeskRecords.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::sales {

using model::Id;
using model::Money;
using namespace detail;

model::Result<Shift> startShift(model::Store& store, Id eventId, const std::string& operatorName) {
    return guarded([&]() -> model::Result<Shift> {
        model::Store::Transaction tx(store);
        if (!model::EventRepository(store).eventById(eventId)) {
            return model::Error::notFound("Not found.");
        }
        if (blank(operatorName)) {
            return badInput({{"operator", {kBlank}}});
        }
        Shift shift;
        shift.eventId = eventId;
        shift.operatorName = operatorName;
        shift.startedAt = model::now();
        insertShift(store, shift);
        tx.commit();
        return shift;
    });
}

model::Result<Shift> endShift(model::Store& store, Id shiftId) {
    return guarded([&]() -> model::Result<Shift> {
        model::Store::Transaction tx(store);
        auto shift = readShift(store, shiftId);
        if (!shift) {
            return model::Error::notFound("Not found.");
        }
        if (shift->endedAt) {
            return model::Error::conflict("The shift has ended already.");
        }
        closeShift(store, shiftId, model::now());
        shift = readShift(store, shiftId);
        tx.commit();
        return *shift;
    });
}

std::optional<Shift> shiftById(model::Store& store, Id shiftId) { return readShift(store, shiftId); }

std::vector<Shift> shifts(model::Store& store, Id eventId) { return readShifts(store, eventId); }

namespace {

std::vector<MethodTotal> methodTotals(const std::vector<PaymentRecord>& payments, std::int64_t& cancels) {
    std::vector<MethodTotal> out;
    for (auto m : {PaymentMethod::Cash, PaymentMethod::Card, PaymentMethod::Free}) {
        MethodTotal t;
        t.method = m;
        out.push_back(t);
    }
    for (const auto& p : payments) {
        if (p.kind == PaymentKind::Cancel || !p.method) {
            ++cancels;
            continue;
        }
        auto& t = out[static_cast<std::size_t>(*p.method)];
        if (p.kind == PaymentKind::Sale) {
            ++t.sales;
            t.taken += p.amount;
        } else {
            ++t.refunds;
            t.refunded += p.amount;
        }
    }
    return out;
}

std::string productName(const model::Item& item, std::optional<Id> variationId, const std::string& locale) {
    std::string name = item.name.text(locale);
    for (const auto& v : item.variations) {
        if (variationId && v.id == *variationId) {
            name += " \xE2\x80\x93 " + v.value.text(locale);  // an en dash
        }
    }
    return name;
}

// Tickets of the orders sold in the shift, per product and variation, in the catalogue's order.
std::vector<ProductTotal> productTotals(model::Store& store, const Shift& shift) {
    std::map<std::pair<Id, Id>, ProductTotal> byKey;
    auto q = store.cached(
        "SELECT p.item_id, p.variation_id, count(*), sum(p.price) FROM desk_payment d "
        "JOIN order_position p ON p.order_id = d.order_id WHERE d.shift_id = ? AND d.kind = 'sale' "
        "GROUP BY p.item_id, p.variation_id");
    q.bind(1, shift.id);
    while (q.executeStep()) {
        ProductTotal t;
        t.itemId = q.getColumn(0).getInt64();
        if (!q.getColumn(1).isNull()) {
            t.variationId = q.getColumn(1).getInt64();
        }
        t.tickets = q.getColumn(2).getInt64();
        t.amount = Money::fromMinor(q.getColumn(3).getInt64());
        byKey[{t.itemId, t.variationId.value_or(0)}] = t;
    }
    model::EventRepository events(store);
    const auto event = events.eventById(shift.eventId);
    const std::string locale = event ? event->locale : "en";
    std::vector<ProductTotal> out;
    for (const auto& item : events.items(shift.eventId)) {
        for (auto it = byKey.begin(); it != byKey.end();) {
            if (it->first.first != item.id) {
                ++it;
                continue;
            }
            it->second.name = productName(item, it->second.variationId, locale);
            out.push_back(it->second);
            it = byKey.erase(it);
        }
    }
    return out;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        return s;
    }
    std::string out = "\"";
    for (char c : s) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

void csvRow(std::string& out, const std::string& section, const std::string& name, const std::string& count,
            const std::string& amount) {
    out += csvField(section) + "," + csvField(name) + "," + csvField(count) + "," + csvField(amount) + "\r\n";
}

}  // namespace

model::Result<ShiftReport> shiftReport(model::Store& store, Id shiftId) {
    return guarded([&]() -> model::Result<ShiftReport> {
        // One snapshot for the whole report; nothing is written.
        model::Store::Transaction read(store, model::Store::TxMode::Deferred);
        auto shift = readShift(store, shiftId);
        if (!shift) {
            return model::Error::notFound("Not found.");
        }
        ShiftReport r;
        r.shift = *shift;
        r.methods = methodTotals(paymentsOfShift(store, shiftId), r.cancels);
        r.products = productTotals(store, *shift);
        for (const auto& m : r.methods) {
            r.net += m.taken - m.refunded;
            if (m.method == PaymentMethod::Cash) {
                r.cashInDrawer = m.taken - m.refunded;
            }
        }
        return r;
    });
}

std::string shiftReportCsv(const ShiftReport& r) {
    std::string out;
    csvRow(out, "section", "name", "count", "amount");
    csvRow(out, "shift", "operator", "", r.shift.operatorName);
    csvRow(out, "shift", "started", "", model::formatTimestamp(r.shift.startedAt));
    csvRow(out, "shift", "ended", "", r.shift.endedAt ? model::formatTimestamp(*r.shift.endedAt) : "");
    for (const auto& m : r.methods) {
        csvRow(out, "payment", std::string(toString(m.method)), std::to_string(m.sales), m.taken.toString());
    }
    for (const auto& m : r.methods) {
        csvRow(out, "refund", std::string(toString(m.method)), std::to_string(m.refunds), m.refunded.toString());
    }
    csvRow(out, "cancel", "without refund", std::to_string(r.cancels), "");
    for (const auto& p : r.products) {
        csvRow(out, "product", p.name, std::to_string(p.tickets), p.amount.toString());
    }
    csvRow(out, "total", "net", "", r.net.toString());
    csvRow(out, "total", "cash in drawer", "", r.cashInDrawer.toString());
    return out;
}

}  // namespace boxoffice::sales
