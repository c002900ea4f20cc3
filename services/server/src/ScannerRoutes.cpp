// What an offline-capable pretixSCAN reads beyond the catalogue and orders (spec
// pretixscan-devices.md §3.3, §5.3, §6): the organizer-wide sub-events, badge layouts and their
// products, revoked and blocked secrets, event settings (all empty or minimal here: the box
// office has no badges, no revoked secrets and no blocking), and failed scans. Anything else a
// scanner asks for answers a plain (non-JSON) 404, which the app reads as "not supported".
#include <algorithm>

#include "CoreRoutes.h"
#include "boxoffice/checkin/FailedScans.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/Wire.h"

namespace boxoffice::server::detail {

namespace {

using nlohmann::json;

constexpr const char* kEvent = "/api/v1/organizers/{organizer}/events/{event}/";

Response emptyList(Context& ctx) {
    return paginate(ctx, 0, [](std::int64_t, std::int64_t) { return json::array(); });
}

// Reads an optional datetime query value; a 400 answer when it is not one.
std::optional<Response> readTime(const Request& r, const std::string& key, std::optional<model::Timestamp>& out) {
    if (auto v = r.queryValue(key)) {
        out = model::parseTimestamp(*v);
        if (!out) {
            return Response::fieldErrors({{key, {"Enter a valid date/time."}}});
        }
    }
    return std::nullopt;
}

// GET /api/v1/organizers/{o}/subevents/: the dates of every event the caller may see, with the
// filters pretixSCAN sends (active, ends_after, modified_since).
Response organizerSubEvents(Context& ctx) {
    std::optional<model::Timestamp> endsAfter;
    std::optional<model::Timestamp> modifiedSince;
    if (auto bad = readTime(ctx.request, "ends_after", endsAfter)) {
        return *bad;
    }
    if (auto bad = readTime(ctx.request, "modified_since", modifiedSince)) {
        return *bad;
    }
    const auto active = queryBool(ctx.request, "active");
    json rows = json::array();
    model::EventRepository events(ctx.store);
    for (const auto& e : events.events()) {
        if (e.organizerSlug != ctx.organizer->slug || !ctx.eventAllowed(e.slug)) {
            continue;
        }
        for (const auto& s : events.subEvents(e.id)) {
            const auto ends = s.dateTo.value_or(s.dateFrom);
            if ((active && s.active != *active) || (endsAfter && ends < *endsAfter) ||
                (modifiedSince && s.lastModified < *modifiedSince)) {
                continue;
            }
            json j = model::wire::toJson(s);
            j["event"] = e.slug;
            j["seat_category_mapping"] = json::object();
            rows.push_back(std::move(j));
        }
    }
    return paginate(ctx, static_cast<std::int64_t>(rows.size()), [&](std::int64_t offset, std::int64_t limit) {
        json out = json::array();
        for (auto i = offset; i < offset + limit && i < static_cast<std::int64_t>(rows.size()); ++i) {
            out.push_back(rows[static_cast<std::size_t>(i)]);
        }
        return out;
    });
}

// POST …/checkinlists/{list}/failed_checkins/: a scan the device refused offline. Checked as
// pretix checks it, kept (checkin/FailedScans.h: once per nonce) and acknowledged with 201.
Response failedCheckin(Context& ctx) {
    auto listId = parseId(ctx.param(2));
    if (!listId || !ctx.listAllowed(*listId) ||
        !model::CheckinRepository(ctx.store).listInfo(ctx.event->id, *listId)) {
        return Response::detail(404, "Not found.");
    }
    auto body = ctx.request.jsonObject();
    if (!body) {
        return Response::fromError(body.error());
    }
    const json& b = body.value();
    static const std::vector<std::string> kReasons = {
        "canceled", "invalid", "unpaid", "product", "rules", "revoked", "incomplete", "already_redeemed",
        "ambiguous", "blocked", "invalid_time", "unapproved", "exchange", "already_exchanged", "error"};
    model::FieldErrors errors;
    auto reason = b.find("error_reason");
    if (reason == b.end() || !reason->is_string() ||
        std::find(kReasons.begin(), kReasons.end(), reason->get<std::string>()) == kReasons.end()) {
        errors["error_reason"].push_back(reason == b.end() ? "This field is required."
                                                           : "\"" + reason->dump() + "\" is not a valid choice.");
    }
    auto barcode = b.find("raw_barcode");
    if (barcode == b.end() || !barcode->is_string()) {
        errors["raw_barcode"].push_back("This field is required.");
    }
    auto when = b.find("datetime");
    if (when == b.end() || !when->is_string() || !model::parseTimestamp(when->get<std::string>())) {
        errors["datetime"].push_back(
            "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
    }
    if (auto type = b.find("type"); type != b.end() && !(type->is_string() && model::checkinTypeFromString(type->get<std::string>()))) {
        std::string message(1, '"');  // not "\"" + ...: GCC 12 at -O3 then warns of a memcpy overlap (-Wrestrict)
        message += type->dump() + "\" is not a valid choice.";
        errors["type"].push_back(std::move(message));
    }
    if (!errors.empty()) {
        return Response::fieldErrors(errors);
    }
    json out = {{"raw_barcode", *barcode},
                {"error_reason", *reason},
                {"datetime", *when},
                {"type", b.value("type", std::string("entry"))},
                {"list", *listId}};
    for (const char* key : {"position", "raw_item", "raw_variation", "raw_subevent", "nonce"}) {
        if (auto it = b.find(key); it != b.end()) {
            out[key] = *it;
        }
    }
    for (auto [alias, key] : {std::pair{"item", "raw_item"}, std::pair{"variation", "raw_variation"},
                              std::pair{"subevent", "raw_subevent"}}) {
        if (auto it = b.find(alias); it != b.end() && !out.contains(key)) {
            out[key] = *it;
        }
    }
    model::FailedScan scan;
    scan.listId = *listId;
    scan.rawBarcode = barcode->get<std::string>();
    scan.errorReason = reason->get<std::string>();
    scan.type = model::checkinTypeFromString(b.value("type", std::string("entry"))).value_or(model::CheckinType::Entry);
    scan.datetime = *model::parseTimestamp(when->get<std::string>());
    scan.device = redeemingDevice(ctx);
    if (auto position = b.find("position"); position != b.end() && position->is_number_integer()) {
        scan.positionId = position->get<model::Id>();
    }
    if (auto nonce = b.find("nonce"); nonce != b.end() && nonce->is_string() && !nonce->get<std::string>().empty()) {
        scan.nonce = nonce->get<std::string>();
    }
    if (auto kept = checkin::recordFailedScan(ctx.store, ctx.event->id, std::move(scan)); !kept) {
        return Response::fromError(kept.error());
    }
    return Response::json(out, 201);
}

}  // namespace

void registerScannerRoutes(Router& router) {
    router.add("GET", "/api/v1/organizers/{organizer}/subevents/", Auth::OrganizerToken, Devices::Allowed,
               organizerSubEvents);
    const std::string event = kEvent;
    for (const char* resource : {"badgelayouts/", "badgeitems/", "revokedsecrets/", "blockedsecrets/"}) {
        router.add("GET", event + resource, Auth::EventToken, Devices::Allowed, emptyList);
    }
    router.add("GET", event + "settings/", Auth::EventToken, Devices::Allowed, [](Context& ctx) {
        return Response::json({{"locale", ctx.event->locale}, {"timezone", ctx.event->timezone},
                               {"reusable_media_usage_enforced", false}});
    });
    router.add("POST", event + "checkinlists/{list}/failed_checkins/", Auth::EventToken, Devices::Allowed,
               Permissions{Permission::CheckinOrders, Permission::ChangeOrders}, failedCheckin);
}

}  // namespace boxoffice::server::detail
