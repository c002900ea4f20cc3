// The desk's own rows (schema migration 17): shifts and the payments made in them. Plain reads
// and writes inside the caller's transaction; the use cases in Sale.h and Shifts.h decide.
// Call from the thread that owns the Store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/sales/Shifts.h"

namespace boxoffice::sales::detail {

enum class PaymentKind { Sale, Refund, Cancel };

struct PaymentRecord {
    model::Id id = 0;
    model::Id shiftId = 0;
    model::Id orderId = 0;
    PaymentKind kind = PaymentKind::Sale;
    std::optional<PaymentMethod> method;  // nullopt for a cancel
    model::Money amount;
    std::optional<model::Money> given;
    std::string reason;
    model::Timestamp datetime{};
};

void insertShift(model::Store& store, Shift& shift);  // sets shift.id
void closeShift(model::Store& store, model::Id shiftId, model::Timestamp when);
std::optional<Shift> readShift(model::Store& store, model::Id shiftId);
std::vector<Shift> readShifts(model::Store& store, model::Id eventId);

void insertPayment(model::Store& store, model::Id eventId, PaymentRecord& payment);  // sets payment.id
std::vector<PaymentRecord> paymentsOfShift(model::Store& store, model::Id shiftId);
// How the desk took the order's money, if a desk sold it.
std::optional<PaymentMethod> saleMethod(model::Store& store, model::Id orderId);

}  // namespace boxoffice::sales::detail
