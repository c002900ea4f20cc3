// GET routes for the event catalogue in pretix's shape: organizers, events, items, categories,
// questions, sub-events. Scanners and our own sync read them.
#include "ApiJson.h"
#include "CoreRoutes.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/Wire.h"

namespace boxoffice::server::detail {

namespace {

using nlohmann::json;

constexpr const char* kEvent = "/api/v1/organizers/{organizer}/events/{event}/";

template <class T>
Response listOf(const Context& ctx, const std::vector<T>& rows) {
    return paginate(ctx, static_cast<std::int64_t>(rows.size()), [&](std::int64_t offset, std::int64_t limit) {
        json out = json::array();
        for (auto i = offset; i < offset + limit && i < static_cast<std::int64_t>(rows.size()); ++i) {
            out.push_back(model::wire::toJson(rows[static_cast<std::size_t>(i)]));
        }
        return out;
    });
}

}  // namespace

void registerEventRoutes(Router& router) {
    // The organizers a token may see: here a token belongs to one organizer (pretix's team tokens
    // may see several). A desk connecting to this server lists them before picking an event.
    router.add("GET", "/api/v1/organizers/", Auth::AnyToken, [](Context& ctx) {
        std::vector<model::Organizer> organizers;
        if (ctx.organizer) {
            organizers.push_back(*ctx.organizer);
        }
        return listOf(ctx, organizers);
    });
    // ends_after (pretixSCAN's event picker): events that end (or, without an end, start) then or later.
    router.add("GET", "/api/v1/organizers/{organizer}/events/", Auth::OrganizerToken, Devices::Allowed, [](Context& ctx) {
        std::optional<model::Timestamp> endsAfter;
        if (auto v = ctx.request.queryValue("ends_after")) {
            endsAfter = model::parseTimestamp(*v);
            if (!endsAfter) {
                return Response::fieldErrors({{"ends_after", {"Enter a valid date/time."}}});
            }
        }
        std::vector<model::Event> events;
        for (auto& e : model::EventRepository(ctx.store).events()) {
            const auto ends = e.dateTo ? e.dateTo : e.dateFrom;
            if (e.organizerSlug == ctx.organizer->slug && ctx.eventAllowed(e.slug) &&
                !(endsAfter && ends && *ends < *endsAfter)) {
                events.push_back(std::move(e));
            }
        }
        return listOf(ctx, events);
    });
    router.add("GET", kEvent, Auth::EventToken, Devices::Allowed,
               [](Context& ctx) { return Response::json(model::wire::toJson(*ctx.event)); });
    router.add("GET", std::string(kEvent) + "items/", Auth::EventToken, Devices::Allowed,
               [](Context& ctx) { return listOf(ctx, model::EventRepository(ctx.store).items(ctx.event->id)); });
    router.add("GET", std::string(kEvent) + "items/{id}/", Auth::EventToken, Devices::Allowed, [](Context& ctx) {
        auto id = parseId(ctx.param(2));
        auto item = id ? model::EventRepository(ctx.store).item(ctx.event->id, *id) : std::nullopt;
        return item ? Response::json(model::wire::toJson(*item)) : Response::detail(404, "Not found.");
    });
    router.add("GET", std::string(kEvent) + "categories/", Auth::EventToken, Devices::Allowed,
               [](Context& ctx) { return listOf(ctx, model::EventRepository(ctx.store).categories(ctx.event->id)); });
    router.add("GET", std::string(kEvent) + "questions/", Auth::EventToken, Devices::Allowed,
               [](Context& ctx) { return listOf(ctx, model::EventRepository(ctx.store).questions(ctx.event->id)); });
    router.add("GET", std::string(kEvent) + "subevents/", Auth::EventToken, Devices::Allowed,
               [](Context& ctx) { return listOf(ctx, model::EventRepository(ctx.store).subEvents(ctx.event->id)); });
}

}  // namespace boxoffice::server::detail
