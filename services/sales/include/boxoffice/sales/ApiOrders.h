// Creating an order through the API, as pretix's POST orders/ does (the LAN server's adapter; a
// box office that syncs to this one uploads its desk sales with it). Trusted input for the most
// part, as in pretix: the quotas are checked, secrets and the code kept unique, the rest taken as
// given (sales channel, payment provider, prices, the original time of the order).
//
// Never oversold: the quota check and the order are one BEGIN IMMEDIATE transaction, like
// sales::sell. No automatic check-in is made: a box office uploading its own sale uploads the
// check-ins it made with it. Call from the thread that owns the Store, outside any transaction.
#pragma once

#include <nlohmann/json.hpp>

#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::sales {

// `body`: pretix's order creation object — email, locale, sales_channel, payment_provider,
// status ("n" or "p"), testmode, code (optional; unique), comment, payment_date, datetime (the
// order's original time; now when absent), positions (positionid, item, variation, price,
// attendee_name, attendee_email, secret, addon_to as the parent's positionid, answers with
// question, answer and options). Returns the order as stored.
//
// Errors: NotFound for an unknown event; BadInput with pretix's field errors, positions' as
// "positions.N.field" ("Invalid pk \"7\" - object does not exist." for an unknown item, variation
// or question; "There is not enough quota available on quota \"Hall\" to perform the operation."
// when sold out; "You cannot assign a position secret that already exists."), "code" ("This order
// code is already in use."), "status", "positions" (none); Busy when the database stayed locked.
model::Result<model::Order> createOrder(model::Store& store, model::Id eventId, const nlohmann::json& body);

}  // namespace boxoffice::sales
