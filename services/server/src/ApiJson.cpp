#include "ApiJson.h"

#include <charconv>

#include "boxoffice/model/EventRepository.h"

namespace boxoffice::server::detail {

using nlohmann::json;

model::wire::Links links(const Context& ctx) {
    model::wire::Links l;
    l.eventApiUrl = ctx.eventApiUrl();
    l.pdfDownloads = ctx.event && ctx.event->ticketDownloads && ctx.pluginEnabled("pdf", true);
    return l;
}

std::optional<model::Id> parseId(const std::string& s) {
    model::Id v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

json positionJson(const model::PositionRow& row, const std::vector<model::Checkin>& checkins,
                  const model::wire::Links& l, bool listExtras) {
    json j = model::wire::toJson(row.position, checkins, l, true);
    if (listExtras) {
        const auto name = row.smartAttendeeName();
        j["attendee_name"] = name ? json(*name) : json(nullptr);
        if (name && !row.position.attendeeName) {
            j["attendee_name_parts"] = {{"full_name", *name}};
        }
        j["require_attention"] = row.requireAttention();
        j["order__status"] = std::string(1, model::statusCode(row.orderStatus));
        j["order__valid_if_pending"] = false;
        j["order__require_approval"] = row.orderRequireApproval;
        j["order__locale"] = row.orderLocale;
    }
    return j;
}

json questionJson(const model::Question& q) {
    json j = model::wire::toJson(q);
    j["show_during_checkin"] = false;
    return j;
}

json listSummary(const Context& ctx, const model::CheckinList& list) {
    return {{"id", list.id},
            {"name", list.name},
            {"event", ctx.event ? json(ctx.event->slug) : json(nullptr)},
            {"subevent", list.subeventId ? json(*list.subeventId) : json(nullptr)},
            {"include_pending", list.includePending}};
}

Response redeemResponse(const Context& ctx, const checkin::RedeemResult& r) {
    json body{{"status", std::string(checkin::toString(r.status))},
              {"require_attention", r.ticket ? r.ticket->requireAttention() : false},
              {"checkin_texts", json::array()},
              {"list", listSummary(ctx, r.list)}};
    if (r.status == checkin::Status::Error) {
        body["reason"] = std::string(checkin::toString(r.reason));
        body["reason_explanation"] = nullptr;
    }
    if (r.reason == checkin::Reason::Invalid) {
        body["detail"] = "Not found.";
        return Response::json(body, 404);
    }
    if (r.ticket) {
        body["position"] = positionJson(*r.ticket, r.checkins, links(ctx), true);
    }
    if (r.status == checkin::Status::Incomplete) {
        json qs = json::array();
        for (const auto& q : r.questions) {
            qs.push_back(questionJson(q));
        }
        body["questions"] = qs;
    }
    return Response::json(body, r.status == checkin::Status::Ok ? 201 : 400);
}

}  // namespace boxoffice::server::detail
