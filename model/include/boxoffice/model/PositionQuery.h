// Order positions with the order facts that check-in and the API need beside them (order status,
// approval, attention flag, invoice name, parent's attendee name), filtered and ordered the way
// pretix's orderpositions/ and checkinlists/{id}/positions/ endpoints filter them.
// Read-only; use it from the thread that owns the Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::model {

struct PositionRow {
    OrderPosition position;
    OrderStatus orderStatus = OrderStatus::Pending;
    bool orderRequireApproval = false;
    bool orderCheckinAttention = false;
    bool orderTestmode = false;
    std::string orderLocale;
    std::string orderEmail;
    std::string salesChannel;
    Timestamp orderDatetime{};
    std::optional<std::string> invoiceName;         // the order's invoice address name, if any
    std::optional<std::string> parentAttendeeName;  // the attendee name of the position it is an add-on to
    bool itemCheckinAttention = false;
    bool variationCheckinAttention = false;

    // pretix's "smart" attendee name: own name, else the parent's, else the invoice name.
    std::optional<std::string> smartAttendeeName() const;
    bool requireAttention() const { return orderCheckinAttention || itemCheckinAttention || variationCheckinAttention; }
};

struct PositionFilter {
    std::optional<std::string> orderCode;
    std::vector<Id> items;       // empty: any
    std::vector<Id> variations;  // empty: any
    std::optional<std::string> attendeeName;  // exact, case-insensitive; also add-ons of such an attendee
    std::optional<std::string> secret;
    std::vector<OrderStatus> orderStatuses;  // empty: any
    std::vector<Id> subevents;
    std::vector<Id> addonTo;
    std::optional<bool> hasCheckin;  // on `list` when set, else on any list
    // Case-insensitive: attendee name (own or parent's) or invoice name containing it, order code
    // or secret starting with it.
    std::optional<std::string> search;
    bool includeCanceled = false;  // canceled positions are left out unless set

    // Restrict to a check-in list: its products, its sub-event, and (unless ignoreStatus) paid
    // orders, plus pending ones when the list includes them. Also the list of `hasCheckin` and
    // of the "last_checked_in" ordering.
    std::optional<Id> list;
    bool ignoreStatus = false;

    // Comma-separated keys, each optionally with "-": order__code, order__datetime, order__status,
    // order__email, positionid, attendee_name, last_checked_in (with `list`), id.
    std::string ordering = "order__datetime,positionid";
    std::int64_t limit = -1;
    std::int64_t offset = 0;
};

class PositionQuery {
public:
    explicit PositionQuery(Store& store) : m_store(store) {}

    // Unknown ordering keys are refused with std::invalid_argument (callers check them first
    // with isValidOrdering).
    std::vector<PositionRow> rows(Id eventId, const PositionFilter& filter);
    std::int64_t count(Id eventId, const PositionFilter& filter);
    static bool isValidOrdering(const std::string& ordering, bool withList);

    // One position of the event, canceled or not, with its answers.
    std::optional<PositionRow> byId(Id eventId, Id positionId);
    std::optional<PositionRow> bySecret(Id eventId, const std::string& secret);

    // Check-ins of many positions at once (one list or all), in the order of `positionIds`.
    std::vector<std::vector<Checkin>> checkins(const std::vector<Id>& positionIds, std::optional<Id> list);

private:
    std::optional<std::vector<Id>> searchIndex(Id eventId, const PositionFilter& filter);

    struct LastSearch {
        Id eventId = 0;
        std::string text;
        std::pair<std::int64_t, std::int64_t> version;  // Store::changeStamp
        std::optional<std::vector<Id>> found;
    };
    Store& m_store;
    std::optional<LastSearch> m_lastSearch;
};

}  // namespace boxoffice::model
