// Reads and writes orders with their invoice address, positions and answers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Order.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::model {

struct OrderQuery {
    std::optional<std::string> code;
    std::optional<OrderStatus> status;
    std::optional<std::string> email;
    std::optional<std::string> locale;
    std::optional<std::string> search;  // case-insensitive: code, email, invoice or attendee name
    std::optional<Timestamp> modifiedSince;  // orders changed at or after this time
    std::optional<Timestamp> createdSince;   // orders placed (datetime) at or after this time
    // "datetime", "code", "status", "last_modified", each optionally prefixed with "-" for descending.
    std::string ordering = "datetime";
    std::int64_t limit = -1;  // -1: no limit
    std::int64_t offset = 0;
};

// An order's ID with its revision (Order::revision).
struct OrderRevision {
    Id id = 0;
    std::int64_t revision = 0;
};

class OrderRepository {
public:
    explicit OrderRepository(Store& store) : m_store(store) {}

    // Inserts or updates the order, matched by (event, code), with its invoice address, positions
    // (matched by ID; ID 0 gets a local ID) and answers. Sets the IDs it assigns.
    void upsert(Order& order);
    // The same for an order the store does not hold in any form: its ID, code and positions' IDs
    // are new (an import of an event new to the store). It skips looking for what an older version
    // of the order left (a stale invoice address, positions, answers): a third of the statements.
    void insertNew(Order& order);

    std::optional<Order> byCode(Id eventId, const std::string& code);
    std::optional<Order> byId(Id orderId);
    // Orders with positions; bad ordering keys are refused with std::invalid_argument.
    std::vector<Order> list(Id eventId, const OrderQuery& query);
    std::int64_t count(Id eventId, const OrderQuery& query);
    // The IDs and revisions of the orders `list` returns for the same query, in the same order.
    std::vector<OrderRevision> listRevisions(Id eventId, const OrderQuery& query);
    // The orders with these IDs that exist, with positions, ordered by ID.
    std::vector<Order> byIds(const std::vector<Id>& ids);

    std::optional<OrderPosition> position(Id eventId, Id positionId);
    std::optional<OrderPosition> positionBySecret(Id eventId, const std::string& secret);
    std::int64_t positionCount(Id eventId);

    // Stores (replaces) one answer of a position.
    void saveAnswer(Id positionId, const Answer& answer);
    // Sets the order's last_modified (any change, check-ins included, bumps it).
    void touch(Id orderId, Timestamp when);

private:
    void write(Order& order, bool replacing);
    void loadPositions(std::vector<Order>& orders);
    Store& m_store;
};

}  // namespace boxoffice::model
