// The column lists and row readers shared by the repositories that select order positions and
// check-ins, so each table is read in one place. Private to model/.
#pragma once

#include <unordered_map>

#include "Sql.h"
#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/Wire.h"

namespace boxoffice::model::rows {

// An order position with its order's code: 26 columns, from `order_position p JOIN orders o`.
inline constexpr const char* kPositionColumns =
    "p.id, p.order_id, o.code, p.positionid, p.item_id, p.variation_id, p.subevent_id, p.addon_to, p.price, "
    "p.tax_rate, p.tax_value, p.attendee_name, p.attendee_email, p.company, p.street, p.zipcode, p.city, "
    "p.country, p.state, p.voucher, p.secret, p.pseudonymization_id, p.seat, p.canceled, p.attendee_name_parts, "
    "p.seat_parts";
inline constexpr int kPositionColumnCount = 26;

// The stored form of a seat's parts (column seat_parts): pretix's seat object without the GUID.
inline std::optional<std::string> seatPartsToText(const std::optional<SeatParts>& s) {
    if (!s) {
        return std::nullopt;
    }
    auto j = wire::toJson(*s, "");
    j.erase("seat_guid");
    return j.dump();
}

inline std::optional<SeatParts> seatPartsFromText(const std::optional<std::string>& text) {
    if (!text) {
        return std::nullopt;
    }
    return wire::seatPartsFromJson(nlohmann::json::parse(*text, nullptr, false));
}

inline OrderPosition readPosition(CachedStatement& q) {
    OrderPosition p;
    p.id = q.getColumn(0).getInt64();
    p.orderId = q.getColumn(1).getInt64();
    p.orderCode = q.getColumn(2).getString();
    p.positionid = q.getColumn(3).getInt();
    p.itemId = q.getColumn(4).getInt64();
    p.variationId = sql::optId(q.getColumn(5));
    p.subeventId = sql::optId(q.getColumn(6));
    p.addonTo = sql::optId(q.getColumn(7));
    p.price = Money::fromMinor(q.getColumn(8).getInt64());
    p.taxRate = TaxRate::fromMinor(q.getColumn(9).getInt64());
    p.taxValue = Money::fromMinor(q.getColumn(10).getInt64());
    p.attendeeName = sql::optText(q.getColumn(11));
    p.attendeeEmail = sql::optText(q.getColumn(12));
    p.company = sql::optText(q.getColumn(13));
    p.street = sql::optText(q.getColumn(14));
    p.zipcode = sql::optText(q.getColumn(15));
    p.city = sql::optText(q.getColumn(16));
    p.country = sql::optText(q.getColumn(17));
    p.state = sql::optText(q.getColumn(18));
    p.voucher = sql::optId(q.getColumn(19));
    p.secret = q.getColumn(20).getString();
    p.pseudonymizationId = q.getColumn(21).getString();
    p.seat = sql::optText(q.getColumn(22));
    p.canceled = sql::flag(q.getColumn(23));
    p.attendeeNameParts = sql::mapFromJson(q.getColumn(24).getString());
    p.seatParts = seatPartsFromText(sql::optText(q.getColumn(25)));
    return p;
}

// A check-in: 10 columns of table `checkin` (aliased `c`).
inline constexpr const char* kCheckinColumns =
    "c.id, c.list_id, c.position_id, c.datetime, c.type, c.nonce, c.auto_checked_in, c.device, c.sync_state, "
    "c.created";
inline constexpr int kCheckinColumnCount = 10;

inline Checkin readCheckin(CachedStatement& q) {
    Checkin c;
    c.id = q.getColumn(0).getInt64();
    c.listId = q.getColumn(1).getInt64();
    c.positionId = q.getColumn(2).getInt64();
    c.datetime = sql::time(q.getColumn(3));
    c.type = checkinTypeFromString(q.getColumn(4).getString()).value_or(CheckinType::Entry);
    c.nonce = sql::optText(q.getColumn(5));
    c.autoCheckedIn = sql::flag(q.getColumn(6));
    c.device = q.getColumn(7).getString();
    c.syncState = syncStateFromString(q.getColumn(8).getString()).value_or(SyncState::Local);
    c.created = sql::time(q.getColumn(9));
    return c;
}

// A JSON array of IDs, for `IN (SELECT value FROM json_each(?))`: one statement for a whole page
// of rows instead of one per row.
inline std::string idArray(const std::vector<Id>& ids) {
    std::string out = "[";
    for (Id id : ids) {
        if (out.size() > 1) {
            out += ',';
        }
        out += std::to_string(id);
    }
    return out + "]";
}

// Fills in the answers of the given positions with one query.
inline void loadAnswers(Store& store, const std::vector<OrderPosition*>& positions) {
    if (positions.empty()) {
        return;
    }
    std::vector<Id> ids;
    std::unordered_map<Id, OrderPosition*> byId;
    ids.reserve(positions.size());
    for (auto* p : positions) {
        ids.push_back(p->id);
        byId.emplace(p->id, p);
    }
    auto q = store.cached(
        "SELECT position_id, question_id, answer, options FROM answer "
        "WHERE position_id IN (SELECT value FROM json_each(?)) ORDER BY position_id, question_id");
    q.bind(1, idArray(ids));
    while (q.executeStep()) {
        byId.at(q.getColumn(0).getInt64())
            ->answers.push_back({q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                                 sql::listFromJson<Id>(q.getColumn(3).getString())});
    }
}

}  // namespace boxoffice::model::rows
