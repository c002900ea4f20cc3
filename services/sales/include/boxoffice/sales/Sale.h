// Selling at the desk and taking a sale back. A sale creates a paid order of the desk's sales
// channel (kDeskSalesChannel) with pretix's order code (5 characters of
// ABCDEFGHJKLMNPQRSTUVWXYZ3789), order secret and ticket secrets (32 characters of
// abcdefghjkmnpqrstuvwxyz23456789), all from the CSPRNG; the buyer is admitted at once on the
// lists that auto-check-in the desk's channel.
//
// Never oversold: the quota check and the order are one BEGIN IMMEDIATE transaction, so desks in
// several processes on one file, or the desk beside the LAN server, selling the last places take
// turns, and the later one sees the earlier one's tickets. Call from the thread that owns the
// Store, outside any transaction of its own.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::sales {

enum class PaymentMethod { Cash, Card, Free };
std::string_view toString(PaymentMethod m);  // "cash", "card", "free": the store's and the report's
std::optional<PaymentMethod> paymentMethodFromString(std::string_view s);

// One ticket or add-on of a sale.
struct SalePosition {
    model::Id itemId = 0;
    std::optional<model::Id> variationId;  // required for a product with variations
    // An add-on: the index in SaleRequest::positions of the ticket it is bought with (earlier in
    // the list, not an add-on itself).
    std::optional<std::size_t> addonTo;
    std::string attendeeName;  // empty: none given
    // Question ID -> the answer as typed (checkin/Answers.h: choices as option IDs or identifiers,
    // comma-separated). Questions asked during check-in may be answered here too.
    std::map<model::Id, std::string> answers;
};

// `quantity` copies of one position: the desk's "3 × Regular" before names are typed in.
std::vector<SalePosition> repeat(const SalePosition& position, int quantity);

struct SaleRequest {
    model::Id eventId = 0;
    model::Id shiftId = 0;  // the open shift of the event this desk sells in (Shifts.h)
    std::vector<SalePosition> positions;
    PaymentMethod payment = PaymentMethod::Cash;
    // Cash: what the buyer handed over, at least the total; the change is computed. Ignored for
    // card and free.
    std::optional<model::Money> cashGiven;
    std::string email;
    std::string locale = "en";
};

struct Sale {
    model::Order order;            // as stored: paid, with positions, answers and secrets
    model::Money total;            // the order's total
    model::Money change;           // cash: given minus total; zero otherwise
    std::vector<model::Checkin> autoCheckins;  // the entries made for the desk's channel
};

// Errors: NotFound for an unknown event; Conflict when the shift is not an open shift of the
// event; BadInput with field errors: "positions" (none), "positions.N.item" (unknown, inactive,
// not sold at the desk, sold out: "Only 2 left of quota Concert hall.", no quota),
// "positions.N.variation", "positions.N.addon_to", "positions.N.answers.QID" (the answer rules'
// problems; a required question left unanswered), "payment" (free with a price to pay; card or
// cash for nothing), "cash_given" (missing or less than the total); Busy when the database stayed
// locked past the busy timeout. Nothing is written unless the whole sale is.
model::Result<Sale> sell(model::Store& store, const SaleRequest& request);

struct CancelRequest {
    model::Id eventId = 0;
    model::Id shiftId = 0;  // the open shift recording it
    std::string orderCode;
    std::string reason;     // required: why the order was taken back
    // Set: the order's total is paid back this way (a refund); nullopt: nothing is paid back.
    std::optional<PaymentMethod> refundMethod;
};

// Cancels a pending or paid order in one transaction: its status becomes canceled, so its tickets
// are refused at the door from the next scan (reason canceled) and their quota places are free
// again; the refund or cancel is recorded with the shift's operator. Errors: NotFound (event or
// order), Conflict (the shift not an open shift of the event; the order already canceled or
// expired), BadInput ("reason" blank; "refund_method" free for an order that cost something).
model::Result<model::Order> cancelOrder(model::Store& store, const CancelRequest& request);

}  // namespace boxoffice::sales
