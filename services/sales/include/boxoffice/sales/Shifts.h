// The desk's shifts: an operator picks their name when a shift starts; every sale, refund and
// cancel of the shift records it with the payment method. The shift report adds up the takings
// per method, the refunds and the tickets per product, and is written as CSV.
// Call from the thread that owns the Store; the use cases run outside any transaction of their own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/sales/Sale.h"

namespace boxoffice::sales {

struct Shift {
    model::Id id = 0;
    model::Id eventId = 0;
    std::string operatorName;
    model::Timestamp startedAt{};
    std::optional<model::Timestamp> endedAt;  // nullopt: open
};

// Starts a shift of `operatorName` at the event. Errors: NotFound (event), BadInput ("operator"
// blank).
model::Result<Shift> startShift(model::Store& store, model::Id eventId, const std::string& operatorName);
// Ends an open shift. Errors: NotFound, Conflict (already ended).
model::Result<Shift> endShift(model::Store& store, model::Id shiftId);
std::optional<Shift> shiftById(model::Store& store, model::Id shiftId);
std::vector<Shift> shifts(model::Store& store, model::Id eventId);  // newest first

struct MethodTotal {
    PaymentMethod method = PaymentMethod::Cash;
    std::int64_t sales = 0;
    model::Money taken;         // the sales' totals
    std::int64_t refunds = 0;
    model::Money refunded;      // paid back
};

struct ProductTotal {
    model::Id itemId = 0;
    std::optional<model::Id> variationId;
    std::string name;           // "Product" or "Product – Variation", in the event's locale
    std::int64_t tickets = 0;   // sold in the shift, including those canceled since
    model::Money amount;
};

struct ShiftReport {
    Shift shift;
    std::vector<MethodTotal> methods;   // cash, card, free: always all three
    std::vector<ProductTotal> products; // by product position and variation
    std::int64_t cancels = 0;           // orders canceled without a refund
    model::Money net;                   // taken minus refunded, every method
    model::Money cashInDrawer;          // cash taken minus cash refunded
};

// Errors: NotFound (shift).
model::Result<ShiftReport> shiftReport(model::Store& store, model::Id shiftId);

// The report as CSV (RFC 4180, "," separated, CRLF line ends, amounts with two decimals):
// a header "section,name,count,amount", then "shift" rows (operator, start, end), "payment" rows
// per method, "refund" rows per method, "cancel", "product" rows and "total" rows (net, cash in
// drawer).
std::string shiftReportCsv(const ShiftReport& report);

}  // namespace boxoffice::sales
