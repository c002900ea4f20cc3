// ticketlayouts/ and ticketlayoutitems/ (seed 002).
#include <fmt/core.h>

#include "Routes.h"
#include "boxoffice/pdf/Layouts.h"
#include "boxoffice/model/LayoutRepository.h"

namespace boxoffice::pdf {
namespace {

using nlohmann::json;
using server::Context;
using server::Response;

json layoutJson(const Context& ctx, const model::TicketLayout& l) {
    json assignments = json::array();
    for (const auto& a : l.itemAssignments) {
        assignments.push_back({{"item", a.itemId}, {"sales_channel", a.salesChannel}});
    }
    json background = nullptr;
    if (l.background) {
        background = fmt::format("{}ticketlayouts/{}/background.pdf", ctx.eventApiUrl(), l.id);
    }
    return {{"id", l.id},         {"name", l.name},           {"default", l.isDefault},
            {"layout", l.layout}, {"background", background}, {"item_assignments", assignments}};
}

std::optional<model::Id> idParam(const Context& ctx, std::size_t index) { return server::parseId(ctx.param(index)); }

// Saves the API body as the layout `layoutId` (empty: a new one) through the layouts service.
Response write(Context& ctx, std::optional<model::Id> layoutId, EditMode mode, int status) {
    auto body = ctx.request.jsonObject();
    if (!body) {
        return Response::detail(400, body.error().message);
    }
    auto edit = layoutEditFromJson(body.value());
    if (!edit) {
        return Response::fromError(edit.error());
    }
    // The background URL this API answered with stands for the background the layout has.
    if (layoutId && edit->background && *edit->background ==
                                            fmt::format("{}ticketlayouts/{}/background.pdf", ctx.eventApiUrl(), *layoutId)) {
        auto current = model::LayoutRepository(ctx.store).byId(ctx.event->id, *layoutId);
        edit->background = current ? current->background : std::nullopt;
    }
    auto saved = saveLayout(ctx.store, ctx.event->id, layoutId, edit.value(), mode,
                            ctx.token ? std::optional<model::Id>(ctx.token->id) : std::nullopt);
    if (!saved) {
        return Response::fromError(saved.error());
    }
    return Response::json(layoutJson(ctx, saved.value()), status);
}

}  // namespace

void registerLayoutRoutes(server::Router& router) {
    using server::Auth;
    router.add("GET", kEventBase + "ticketlayouts/", Auth::EventToken, [](Context& ctx) {
        auto all = model::LayoutRepository(ctx.store).list(ctx.event->id);
        return server::paginate(ctx, static_cast<std::int64_t>(all.size()), [&](std::int64_t offset, std::int64_t limit) {
            json rows = json::array();
            for (auto i = offset; i < offset + limit && i < static_cast<std::int64_t>(all.size()); ++i) {
                rows.push_back(layoutJson(ctx, all[static_cast<std::size_t>(i)]));
            }
            return rows;
        });
    });
    router.add("GET", kEventBase + "ticketlayouts/{id}/", Auth::EventToken, [](Context& ctx) {
        auto id = idParam(ctx, 2);
        auto l = id ? model::LayoutRepository(ctx.store).byId(ctx.event->id, *id) : std::nullopt;
        return l ? Response::json(layoutJson(ctx, *l)) : Response::detail(404, "Not found.");
    });
    router.add("GET", kEventBase + "ticketlayouts/{id}/background.pdf", Auth::EventToken, [](Context& ctx) {
        auto id = idParam(ctx, 2);
        auto l = id ? model::LayoutRepository(ctx.store).byId(ctx.event->id, *id) : std::nullopt;
        auto file = l && l->background ? model::LayoutRepository(ctx.store).file(*l->background) : std::nullopt;
        if (!file) {
            return Response::detail(404, "Not found.");
        }
        Response r;
        r.contentType = "application/pdf";
        r.body.assign(file->data.begin(), file->data.end());
        return r;
    });
    // Reading layouts asks for the event only; changing one for can_change_event_settings.
    const server::Permissions change{server::Permission::ChangeEventSettings};
    router.add("POST", kEventBase + "ticketlayouts/", Auth::EventToken, change,
               [](Context& ctx) { return write(ctx, std::nullopt, EditMode::Replace, 201); });
    for (const char* method : {"PATCH", "PUT"}) {
        const EditMode mode = std::string(method) == "PUT" ? EditMode::Replace : EditMode::Patch;
        router.add(method, kEventBase + "ticketlayouts/{id}/", Auth::EventToken, change, [mode](Context& ctx) {
            auto id = idParam(ctx, 2);
            if (!id || !model::LayoutRepository(ctx.store).byId(ctx.event->id, *id)) {
                return Response::detail(404, "Not found.");
            }
            return write(ctx, id, mode, 200);
        });
    }
    router.add("DELETE", kEventBase + "ticketlayouts/{id}/", Auth::EventToken, change, [](Context& ctx) {
        auto id = idParam(ctx, 2);
        auto removed = id ? deleteLayout(ctx.store, ctx.event->id, *id) : model::Error::notFound("Not found.");
        return removed ? Response::noContent() : Response::fromError(removed.error());
    });
    router.add("GET", kEventBase + "ticketlayoutitems/", Auth::EventToken, [](Context& ctx) {
        std::vector<json> rows;
        for (const auto& l : model::LayoutRepository(ctx.store).list(ctx.event->id)) {
            for (const auto& a : l.itemAssignments) {
                rows.push_back({{"id", a.id}, {"layout", l.id}, {"item", a.itemId}, {"sales_channel", a.salesChannel}});
            }
        }
        return server::paginate(ctx, static_cast<std::int64_t>(rows.size()), [&](std::int64_t offset, std::int64_t limit) {
            json out = json::array();
            for (auto i = offset; i < offset + limit && i < static_cast<std::int64_t>(rows.size()); ++i) {
                out.push_back(rows[static_cast<std::size_t>(i)]);
            }
            return out;
        });
    });
}

}  // namespace boxoffice::pdf
