// JSON helpers shared by the core API routes: positions with the check-in list extras,
// redeem answers, and reading typed fields from request bodies. Pure functions of their input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/model/Wire.h"
#include "boxoffice/server/Router.h"

namespace boxoffice::server::detail {

// An order position as orderpositions/ shows it; with `listExtras` as checkinlists/{id}/positions/
// shows it: smart attendee name, require_attention and the order__* fields.
nlohmann::json positionJson(const model::PositionRow& row, const std::vector<model::Checkin>& checkins,
                            const model::wire::Links& links, bool listExtras);
// The same, written straight to text (pages and redeem answers).
void writePosition(model::JsonText& out, const model::PositionRow& row, const std::vector<model::Checkin>& checkins,
                   const model::wire::Links& links, bool listExtras);

// pretix's redeem answer body and its status code (201 ok, 400 error/incomplete, 404 unknown).
Response redeemResponse(const Context& ctx, const checkin::RedeemResult& result);

// The `list` object inside redeem answers.
void writeListSummary(model::JsonText& out, const Context& ctx, const model::CheckinList& list);

// A question resource as the check-in endpoints show it.
nlohmann::json questionJson(const model::Question& q);

model::wire::Links links(const Context& ctx);

}  // namespace boxoffice::server::detail
