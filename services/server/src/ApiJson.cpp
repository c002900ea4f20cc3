#include "ApiJson.h"

#include "boxoffice/model/EventRepository.h"

namespace boxoffice::server::detail {

using nlohmann::json;

model::wire::Links links(const Context& ctx) {
    model::wire::Links l;
    l.eventApiUrl = ctx.eventApiUrl();
    l.pdfDownloads = ctx.event && ctx.event->ticketDownloads && ctx.pluginEnabled("pdf", true);
    return l;
}

namespace {

// One field list for both sinks (model/JsonWriter.h).
template <class W>
void writePositionTo(W& out, const model::PositionRow& row, const std::vector<model::Checkin>& checkins,
                     const model::wire::Links& l, bool listExtras) {
    out.beginObject();
    const bool paid = row.orderStatus == model::OrderStatus::Paid;
    if (!listExtras) {
        model::wire::writeMembers(out, row.position, checkins, l, true, nullptr, paid);
        out.endObject();
        return;
    }
    const model::wire::ShownName shown{row.smartAttendeeName(), row.smartAttendeeNameParts()};
    model::wire::writeMembers(out, row.position, checkins, l, true, &shown, paid);
    out.key("require_attention");
    out.boolean(row.requireAttention());
    out.key("order__status");
    out.string(std::string(1, model::statusCode(row.orderStatus)));
    out.key("order__valid_if_pending");
    out.boolean(false);
    out.key("order__require_approval");
    out.boolean(row.orderRequireApproval);
    out.key("order__locale");
    out.string(row.orderLocale);
    out.endObject();
}

}  // namespace

json positionJson(const model::PositionRow& row, const std::vector<model::Checkin>& checkins,
                  const model::wire::Links& l, bool listExtras) {
    model::JsonDom out;
    writePositionTo(out, row, checkins, l, listExtras);
    return out.take();
}

void writePosition(model::JsonText& out, const model::PositionRow& row, const std::vector<model::Checkin>& checkins,
                   const model::wire::Links& l, bool listExtras) {
    writePositionTo(out, row, checkins, l, listExtras);
}

json questionJson(const model::Question& q) {
    json j = model::wire::toJson(q);
    j["show_during_checkin"] = false;
    return j;
}

void writeListSummary(model::JsonText& out, const Context& ctx, const model::CheckinList& list) {
    out.beginObject();
    out.key("id");
    out.integer(list.id);
    out.key("name");
    out.string(list.name);
    out.key("event");
    if (ctx.event) {
        out.string(ctx.event->slug);
    } else {
        out.null();
    }
    out.key("subevent");
    if (list.subeventId) {
        out.integer(*list.subeventId);
    } else {
        out.null();
    }
    out.key("include_pending");
    out.boolean(list.includePending);
    out.endObject();
}

Response redeemResponse(const Context& ctx, const checkin::RedeemResult& r) {
    model::JsonText out;
    out.beginObject();
    out.key("status");
    out.string(checkin::toString(r.status));
    out.key("require_attention");
    out.boolean(r.ticket ? r.ticket->requireAttention() : false);
    out.key("checkin_texts");
    out.beginArray();
    if (r.ticket) {
        for (const auto& text : r.ticket->checkinTexts) {
            out.string(text);
        }
    }
    out.endArray();
    out.key("list");
    writeListSummary(out, ctx, r.list);
    if (r.status == checkin::Status::Error) {
        out.key("reason");
        out.string(checkin::toString(r.reason));
        out.key("reason_explanation");
        out.null();
    }
    ScanRecord scan;
    scan.when = model::now();
    scan.device = ctx.device ? ctx.device->name : ctx.token ? ctx.token->name : std::string();
    scan.status = checkin::toString(r.status);
    scan.reason = checkin::toString(r.reason);
    scan.list = r.list.name;
    scan.eventId = ctx.event ? ctx.event->id : 0;
    if (r.ticket) {
        const auto& p = r.ticket->position;
        scan.ticket = p.orderCode + "-" + std::to_string(p.positionid);
        if (const auto name = r.ticket->smartAttendeeName(); name && !name->empty()) {
            scan.ticket += " " + *name;
        }
    }
    if (r.reason == checkin::Reason::Invalid) {
        out.key("detail");
        out.string("Not found.");
        out.endObject();
        auto notFound = Response::jsonText(out.take(), 404);
        notFound.scan = std::move(scan);
        return notFound;
    }
    if (r.ticket) {
        out.key("position");
        writePosition(out, *r.ticket, r.checkins, links(ctx), true);
    }
    if (r.status == checkin::Status::Incomplete) {
        out.key("questions");
        out.beginArray();
        for (const auto& q : r.questions) {
            out.document(questionJson(q));
        }
        out.endArray();
    }
    out.endObject();
    auto response = Response::jsonText(out.take(), r.status == checkin::Status::Ok ? 201 : 400);
    response.scan = std::move(scan);
    return response;
}

}  // namespace boxoffice::server::detail
