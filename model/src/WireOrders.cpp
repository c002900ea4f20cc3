// The order and position resources of the wire format (Wire.h), written to either sink of
// JsonWriter.h from one field list: JsonDom for toJson, JsonText for the server's pages.
#include "boxoffice/model/Wire.h"

namespace boxoffice::model::wire {

namespace {

template <class W>
void member(W& w, std::string_view key, std::string_view value) {
    w.key(key);
    w.string(value);
}

template <class W>
void memberInt(W& w, std::string_view key, std::int64_t value) {
    w.key(key);
    w.integer(value);
}

template <class W>
void memberBool(W& w, std::string_view key, bool value) {
    w.key(key);
    w.boolean(value);
}

template <class W>
void memberNull(W& w, std::string_view key) {
    w.key(key);
    w.null();
}

template <class W>
void memberOpt(W& w, std::string_view key, const std::optional<std::string>& value) {
    w.key(key);
    value ? w.string(*value) : w.null();
}

template <class W>
void memberOpt(W& w, std::string_view key, const std::optional<Id>& value) {
    w.key(key);
    value ? w.integer(*value) : w.null();
}

template <class W>
void memberOpt(W& w, std::string_view key, const std::optional<Timestamp>& value) {
    w.key(key);
    value ? w.string(formatTimestamp(*value)) : w.null();
}

template <class W>
void writeStringMap(W& w, const StringMap& m) {
    w.beginObject();
    for (const auto& [k, v] : m) {
        member(w, k, v);
    }
    w.endObject();
}

// Name parts as pretix writes them: the stored parts, else the full name alone.
template <class W>
void writeNameParts(W& w, const StringMap& parts, const std::string* fullName) {
    if (parts.empty() && fullName && !fullName->empty()) {
        w.beginObject();
        member(w, "full_name", *fullName);
        w.endObject();
        return;
    }
    writeStringMap(w, parts);
}

template <class W>
void writeInvoiceAddress(W& w, const InvoiceAddress& a) {
    w.beginObject();
    memberOpt(w, "last_modified", a.lastModified);
    memberBool(w, "is_business", a.isBusiness);
    member(w, "company", a.company);
    member(w, "name", a.name);
    w.key("name_parts");
    writeNameParts(w, a.nameParts, &a.name);
    member(w, "street", a.street);
    member(w, "zipcode", a.zipcode);
    member(w, "city", a.city);
    member(w, "country", a.country);
    member(w, "state", a.state);
    member(w, "vat_id", a.vatId);
    memberBool(w, "vat_id_validated", false);
    member(w, "internal_reference", "");
    w.endObject();
}

template <class W>
void writeAnswer(W& w, const Answer& a) {
    w.beginObject();
    memberInt(w, "question", a.questionId);
    member(w, "answer", a.answer);
    w.key("options");
    w.beginArray();
    for (Id o : a.options) {
        w.integer(o);
    }
    w.endArray();
    w.endObject();
}

template <class W>
void writeCheckin(W& w, const Checkin& c, bool withList) {
    w.beginObject();
    memberInt(w, "id", c.id);
    if (withList) {
        memberInt(w, "list", c.listId);
    }
    member(w, "datetime", formatTimestamp(c.datetime));
    member(w, "type", toString(c.type));
    memberBool(w, "auto_checked_in", c.autoCheckedIn);
    memberNull(w, "gate");
    memberNull(w, "device");
    w.endObject();
}

template <class W>
void writeSeat(W& w, const SeatParts& s, const std::string& guid) {
    w.beginObject();
    memberOpt(w, "id", s.id);
    member(w, "name", s.name);
    member(w, "zone_name", s.zoneName);
    member(w, "row_name", s.rowName);
    w.key("row_label");
    s.rowLabel.empty() ? w.null() : w.string(s.rowLabel);
    member(w, "seat_number", s.seatNumber);
    w.key("seat_label");
    s.seatLabel.empty() ? w.null() : w.string(s.seatLabel);
    member(w, "seat_guid", guid);
    w.endObject();
}

// pretix offers a ticket's downloads once its order is paid; a pending order's list is empty.
template <class W>
void writeDownloads(W& w, const Links& links, bool orderPaid, const std::string& path) {
    w.key("downloads");
    w.beginArray();
    if (orderPaid && !links.eventApiUrl.empty() && links.pdfDownloads) {
        w.beginObject();
        member(w, "output", "pdf");
        member(w, "url", links.eventApiUrl + path);
        w.endObject();
    }
    w.endArray();
}

template <class W>
void writePositionMembers(W& w, const OrderPosition& p, const std::vector<Checkin>& checkins, const Links& links,
                          bool withList, const ShownName* shown, bool orderPaid) {
    memberInt(w, "id", p.id);
    member(w, "order", p.orderCode);
    memberInt(w, "positionid", p.positionid);
    memberInt(w, "item", p.itemId);
    memberOpt(w, "variation", p.variationId);
    member(w, "price", p.price.toString());
    const auto& name = shown ? shown->name : p.attendeeName;
    memberOpt(w, "attendee_name", name);
    w.key("attendee_name_parts");
    writeNameParts(w, shown ? shown->parts : p.attendeeNameParts, name ? &*name : nullptr);
    memberOpt(w, "attendee_email", p.attendeeEmail);
    memberOpt(w, "company", p.company);
    memberOpt(w, "street", p.street);
    memberOpt(w, "zipcode", p.zipcode);
    memberOpt(w, "city", p.city);
    memberOpt(w, "country", p.country);
    memberOpt(w, "state", p.state);
    memberOpt(w, "voucher", p.voucher);
    member(w, "tax_rate", p.taxRate.toString());
    member(w, "tax_value", p.taxValue.toString());
    memberNull(w, "tax_rule");
    member(w, "secret", p.secret);
    memberOpt(w, "addon_to", p.addonTo);
    memberOpt(w, "subevent", p.subeventId);
    member(w, "pseudonymization_id", p.pseudonymizationId);
    w.key("seat");
    if (p.seatParts) {
        writeSeat(w, *p.seatParts, p.seat.value_or(""));
    } else if (p.seat) {
        w.beginObject();
        member(w, "seat_guid", *p.seat);
        w.endObject();
    } else {
        w.null();
    }
    memberBool(w, "canceled", p.canceled);
    w.key("checkins");
    w.beginArray();
    for (const auto& c : checkins) {
        writeCheckin(w, c, withList);
    }
    w.endArray();
    w.key("answers");
    w.beginArray();
    for (const auto& a : p.answers) {
        writeAnswer(w, a);
    }
    w.endArray();
    writeDownloads(w, links, orderPaid, "orderpositions/" + std::to_string(p.id) + "/download/pdf/");
}

template <class W>
void writeOrder(W& w, const Order& o, const std::vector<std::vector<Checkin>>& checkinsPerPosition,
                const Links& links) {
    static const std::vector<Checkin> kNone;
    w.beginObject();
    member(w, "code", o.code);
    member(w, "status", std::string(1, statusCode(o.status)));
    memberBool(w, "testmode", o.testmode);
    member(w, "secret", o.secret);
    member(w, "email", o.email);
    w.key("phone");
    o.phone.empty() ? w.null() : w.string(o.phone);
    member(w, "locale", o.locale);
    member(w, "sales_channel", o.salesChannel);
    member(w, "datetime", formatTimestamp(o.datetime));
    memberOpt(w, "expires", o.expires);
    w.key("payment_date");
    o.paymentDate ? w.string(formatDate(*o.paymentDate)) : w.null();
    member(w, "payment_provider", o.paymentProvider);
    member(w, "payment_fee", o.paymentFee.toString());
    member(w, "payment_fee_tax_rate", o.paymentFeeTaxRate.toString());
    member(w, "payment_fee_tax_value", o.paymentFeeTaxValue.toString());
    member(w, "total", o.total.toString());
    member(w, "comment", o.comment);
    memberBool(w, "checkin_attention", o.checkinAttention);
    memberOpt(w, "checkin_text", o.checkinText);
    memberBool(w, "require_approval", o.requireApproval);
    w.key("invoice_address");
    if (o.invoiceAddress) {
        writeInvoiceAddress(w, *o.invoiceAddress);
    } else {
        w.null();
    }
    w.key("positions");
    w.beginArray();
    for (std::size_t i = 0; i < o.positions.size(); ++i) {
        w.beginObject();
        writePositionMembers(w, o.positions[i], i < checkinsPerPosition.size() ? checkinsPerPosition[i] : kNone,
                             links, true, nullptr, o.status == OrderStatus::Paid);
        w.endObject();
    }
    w.endArray();
    w.key("fees");
    w.beginArray();
    for (const auto& f : o.fees) {
        w.beginObject();
        member(w, "fee_type", f.type);
        member(w, "value", f.value.toString());
        member(w, "description", f.description);
        w.endObject();
    }
    w.endArray();
    writeDownloads(w, links, o.status == OrderStatus::Paid, "orders/" + o.code + "/download/pdf/");
    member(w, "last_modified", formatTimestamp(o.lastModified));
    w.endObject();
}

template <class F>
json dom(F&& write) {
    JsonDom d;
    write(d);
    return d.take();
}

}  // namespace

json toJson(const InvoiceAddress& a) {
    return dom([&](JsonDom& d) { writeInvoiceAddress(d, a); });
}

json toJson(const Answer& a) {
    return dom([&](JsonDom& d) { writeAnswer(d, a); });
}

json toJson(const Checkin& c) {
    return dom([&](JsonDom& d) { writeCheckin(d, c, true); });
}

json toJson(const SeatParts& s, const std::string& guid) {
    return dom([&](JsonDom& d) { writeSeat(d, s, guid); });
}

json toJson(const OrderPosition& p, const std::vector<Checkin>& checkins, const Links& links, bool withList) {
    return dom([&](JsonDom& d) {
        d.beginObject();
        writePositionMembers(d, p, checkins, links, withList, nullptr, true);
        d.endObject();
    });
}

json toJson(const Order& o, const std::vector<std::vector<Checkin>>& checkinsPerPosition, const Links& links) {
    return dom([&](JsonDom& d) { writeOrder(d, o, checkinsPerPosition, links); });
}

void write(JsonText& out, const Order& o, const std::vector<std::vector<Checkin>>& checkinsPerPosition,
           const Links& links) {
    writeOrder(out, o, checkinsPerPosition, links);
}

void writeMembers(JsonText& out, const OrderPosition& p, const std::vector<Checkin>& checkins, const Links& links,
                  bool withList, const ShownName* shown, bool orderPaid) {
    writePositionMembers(out, p, checkins, links, withList, shown, orderPaid);
}

void writeMembers(JsonDom& out, const OrderPosition& p, const std::vector<Checkin>& checkins, const Links& links,
                  bool withList, const ShownName* shown, bool orderPaid) {
    writePositionMembers(out, p, checkins, links, withList, shown, orderPaid);
}

}  // namespace boxoffice::model::wire
