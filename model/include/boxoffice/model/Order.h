// Orders, their invoice address, positions (one per ticket or add-on) and answers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/model/Decimal.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

enum class OrderStatus { Pending, Paid, Expired, Canceled, Refunded };

char statusCode(OrderStatus s);  // 'n', 'p', 'e', 'c', 'r' as on the wire
std::optional<OrderStatus> statusFromCode(std::string_view code);

struct InvoiceAddress {
    std::optional<Timestamp> lastModified;
    std::string company;
    std::string name;
    std::string street;
    std::string zipcode;
    std::string city;
    std::string country;  // ISO 3166-1 alpha-2 where known
    std::string state;
    StringMap nameParts;  // as pretix sends name_parts, with "_scheme"; empty: only `name` is known
    std::string vatId;
    bool isBusiness = false;
};

struct Answer {
    Id questionId = 0;
    std::string answer;
    std::vector<Id> options;  // chosen option IDs for choice questions
};

// A reserved seat as pretix describes it (the position's `seat` object); strings may be empty.
struct SeatParts {
    std::optional<Id> id;
    std::string name;  // full description, "Ground floor, Row 3, Seat 4"
    std::string zoneName;
    std::string rowName;
    std::string rowLabel;
    std::string seatNumber;
    std::string seatLabel;

    bool operator==(const SeatParts&) const = default;
};

struct OrderPosition {
    Id id = 0;
    Id orderId = 0;
    std::string orderCode;  // denormalised from the order; read-only
    int positionid = 1;
    Id itemId = 0;
    std::optional<Id> variationId;
    std::optional<Id> subeventId;
    std::optional<Id> addonTo;
    Money price;
    TaxRate taxRate;
    Money taxValue;
    std::optional<std::string> attendeeName;
    // pretix's attendee_name_parts with "_scheme"; empty when only the full name is known.
    StringMap attendeeNameParts;
    std::optional<std::string> attendeeEmail;
    std::optional<std::string> company;
    std::optional<std::string> street;
    std::optional<std::string> zipcode;
    std::optional<std::string> city;
    std::optional<std::string> country;
    std::optional<std::string> state;
    std::optional<Id> voucher;
    std::string secret;
    std::string pseudonymizationId;
    std::optional<std::string> seat;  // the seat's GUID
    std::optional<SeatParts> seatParts;  // what the seat object said besides the GUID
    bool canceled = false;
    std::vector<Answer> answers;
};

struct OrderFee {
    std::string type;
    std::string description;
    Money value;
};

struct Order {
    Id id = 0;
    Id eventId = 0;
    std::string code;
    OrderStatus status = OrderStatus::Pending;
    std::string secret;
    std::string email;
    std::string phone;
    std::string locale = "en";
    std::string comment;
    std::string salesChannel = "web";
    std::string paymentProvider;
    Timestamp datetime{};
    std::optional<Timestamp> expires;
    std::optional<Date> paymentDate;
    Money paymentFee;
    TaxRate paymentFeeTaxRate;
    Money paymentFeeTaxValue;
    Money total;
    bool checkinAttention = false;
    std::optional<std::string> checkinText;  // shown by a scanner that admits one of its tickets
    bool testmode = false;
    bool requireApproval = false;
    std::optional<InvoiceAddress> invoiceAddress;
    std::vector<OrderFee> fees;
    std::vector<OrderPosition> positions;
    Timestamp lastModified{};
    // Read only: the store's change number of the order with everything its API answer shows
    // (orders.revision, schema migration 9); any change gives a new one. Writing ignores it.
    std::int64_t revision = 0;
};

}  // namespace boxoffice::model
