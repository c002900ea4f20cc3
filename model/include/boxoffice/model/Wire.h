// The pretix JSON wire format of each resource: field names exactly as pretix's API documents
// them (seeds 001-004). Writing never fails; reading returns field errors in pretix's shape.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/JsonWriter.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Question.h"
#include "boxoffice/model/TicketLayout.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model::wire {

using nlohmann::json;

// What a resource's JSON needs beyond the resource itself.
struct Links {
    // Absolute URL of the event's API root, "https://host/api/v1/organizers/o/events/e/".
    // Empty: no "downloads" entries are written.
    std::string eventApiUrl;
    bool pdfDownloads = true;
};

json toJson(const Organizer& o);
json toJson(const Event& e);
json toJson(const SubEvent& s);
json toJson(const Category& c);
json toJson(const Item& i);
json toJson(const Variation& v);
json toJson(const ItemAddon& a);
json toJson(const Question& q);
json toJson(const InvoiceAddress& a);
json toJson(const Answer& a);
// The checkins given are those of this position; with `withList` each carries its list ID.
json toJson(const OrderPosition& p, const std::vector<Checkin>& checkins, const Links& links,
            bool withList = true);
json toJson(const Order& o, const std::vector<std::vector<Checkin>>& checkinsPerPosition, const Links& links);
json toJson(const CheckinList& l);
json toJson(const Checkin& c);

// A name shown as a position's attendee_name instead of its own, and its parts (empty parts
// beside a name are written as {"full_name": name}).
struct ShownName {
    std::optional<std::string> name;
    StringMap parts;
};

// The same orders and positions written straight to text (the server's pages), or to a document
// member by member. writeMembers writes a position's members without the braces, so a caller can
// add its own members; `shown` (when given) is written as attendee_name and attendee_name_parts
// instead of the position's own. `orderPaid`: whether the position's order is paid; as in pretix,
// a ticket of an order not paid (pending, canceled) has no downloads.
void write(JsonText& out, const Order& o, const std::vector<std::vector<Checkin>>& checkinsPerPosition,
           const Links& links);
void writeMembers(JsonText& out, const OrderPosition& p, const std::vector<Checkin>& checkins, const Links& links,
                  bool withList, const ShownName* shown, bool orderPaid);
void writeMembers(JsonDom& out, const OrderPosition& p, const std::vector<Checkin>& checkins, const Links& links,
                  bool withList, const ShownName* shown, bool orderPaid);
json toJson(const TicketLayout& l, const std::string& backgroundUrl = {});
json toJson(const TicketLayoutItem& a);

// Reading. Unknown fields are ignored; each function collects every problem it finds.
Result<Order> orderFromJson(const json& j);
Result<OrderPosition> positionFromJson(const json& j);
Result<InvoiceAddress> invoiceAddressFromJson(const json& j);
Result<Item> itemFromJson(const json& j);
Result<ItemAddon> addonFromJson(const json& j);
Result<Category> categoryFromJson(const json& j);
Result<Question> questionFromJson(const json& j);
Result<Event> eventFromJson(const json& j);
Result<SubEvent> subEventFromJson(const json& j);
Result<TicketLayout> ticketLayoutFromJson(const json& j);
Result<Checkin> checkinFromJson(const json& j);
// A check-in list from a POST/PUT (partial = false: missing fields take their defaults) or a
// PATCH (partial = true: `base` keeps what the body does not name). Read-only fields are ignored.
Result<CheckinList> checkinListFromJson(const json& j, const CheckinList& base = {}, bool partial = false);

// pretix's seat object ({"id", "name", "zone_name", "row_name", ...}) with the given GUID, and
// back: the parts of a seat object, nullopt for anything but an object.
json toJson(const SeatParts& s, const std::string& guid);
std::optional<SeatParts> seatPartsFromJson(const json& j);

// Money and dates inside JSON: a decimal string or number; an ISO 8601 string.
std::optional<Decimal2> decimalFromJson(const json& j);

// pretix's error body for field errors: {"field": ["message"]}.
json errorBody(const FieldErrors& errors);
json detailBody(const std::string& detail);  // {"detail": "..."}

}  // namespace boxoffice::model::wire
