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
    // The stored parts of the name smartAttendeeName() takes from elsewhere (the parent's
    // attendee name parts, else the invoice address's name parts); empty when it shows the
    // position's own name.
    StringMap borrowedNameParts;
    bool itemCheckinAttention = false;
    bool variationCheckinAttention = false;
    // pretix's checkin_texts: the order's, the variation's and the product's check-in texts, the
    // blank ones left out.
    std::vector<std::string> checkinTexts;

    // pretix's "smart" attendee name: own name, else the parent's, else the invoice name.
    std::optional<std::string> smartAttendeeName() const;
    // Its parts, as pretix's check-in endpoints show them: the own parts, else the parent's,
    // else the invoice address's ({"_legacy": name} when only its name is known, as pretix keeps
    // a name given without parts), else the own (empty) parts. Empty parts beside a name are
    // written as {"full_name": name} (model/Wire.h).
    StringMap smartAttendeeNameParts() const;
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
    // order__email, positionid, attendee_name, last_checked_in (with `list`), id, and
    // attendee_name_cached (the own name with unnamed positions last: pretix's default order of
    // list positions). With `list`, attendee_name sorts an add-on without a name by its parent's
    // (unnamed first ascending, last descending), as pretix's list positions do.
    std::string ordering = "order__datetime,positionid";
    std::int64_t limit = -1;
    std::int64_t offset = 0;
};

// What a position's API answer shows beyond the position itself, as change numbers: its order's
// and its parent's order's revision (Order::revision), and its product's and variation's
// check-in attention flags. Equal numbers: the answer is the same (for the same list and links).
struct PositionRevision {
    Id id = 0;
    Id orderId = 0;
    std::int64_t orderRevision = 0;
    Id parentOrderId = 0;  // 0: not an add-on
    std::int64_t parentOrderRevision = 0;
    std::int64_t attention = 0;  // 1: the product asks for attention, 2: the variation does
};

class PositionQuery {
public:
    explicit PositionQuery(Store& store) : m_store(store) {}

    // Unknown ordering keys are refused with std::invalid_argument (callers check them first
    // with isValidOrdering).
    std::vector<PositionRow> rows(Id eventId, const PositionFilter& filter);
    // The same in two steps: the page's IDs (remembered until the next commit), then their rows
    // in that order.
    std::vector<Id> pageIds(Id eventId, const PositionFilter& filter);
    std::vector<PositionRow> rowsById(const std::vector<Id>& ids);
    // The revisions of these positions, in their order; positions that do not exist are left out.
    std::vector<PositionRevision> revisions(const std::vector<Id>& positionIds);
    std::int64_t count(Id eventId, const PositionFilter& filter);
    static bool isValidOrdering(const std::string& ordering, bool withList);

    // One position of the event, canceled or not, with its answers.
    std::optional<PositionRow> byId(Id eventId, Id positionId);
    std::optional<PositionRow> bySecret(Id eventId, const std::string& secret);

    // Check-ins of many positions at once (one list or all), in the order of `positionIds`.
    std::vector<std::vector<Checkin>> checkins(const std::vector<Id>& positionIds, std::optional<Id> list);

private:
    std::optional<std::vector<Id>> searchIndex(Id eventId, const PositionFilter& filter);
    // The count of a search and its first `upTo` positions by name (at least kKeptByName).
    std::optional<std::vector<Id>> searchByName(Id eventId, const std::string& text, std::size_t upTo,
                                                std::int64_t& count);
    bool keepsEveryPosition(const PositionFilter& filter);
    std::vector<Id> pageByName(Id eventId, const PositionFilter& filter);

    Store& m_store;
};

}  // namespace boxoffice::model
