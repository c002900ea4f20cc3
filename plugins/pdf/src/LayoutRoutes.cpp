// ticketlayouts/ and ticketlayoutitems/ (seed 002).
#include <fmt/core.h>

#include "Routes.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/render/Background.h"

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

// Applies the fields of `body` to `layout`; `full` (PUT/POST): absent fields get their defaults.
std::optional<Response> apply(Context& ctx, const json& body, model::TicketLayout& layout, bool full) {
    model::FieldErrors errors;
    if (body.contains("name")) {
        if (!body["name"].is_string() || body["name"].get<std::string>().empty()) {
            errors["name"].push_back("This field may not be blank.");
        } else {
            layout.name = body["name"].get<std::string>();
        }
    } else if (full) {
        errors["name"].push_back("This field is required.");
    }
    if (body.contains("default")) {
        if (!body["default"].is_boolean()) {
            errors["default"].push_back("Must be a valid boolean.");
        } else {
            layout.isDefault = body["default"].get<bool>();
        }
    } else if (full) {
        layout.isDefault = false;
    }
    if (body.contains("layout")) {
        auto parsed = layout::parseLayout(body["layout"]);
        if (!parsed) {
            auto it = parsed.error().fields.find("layout");
            errors["layout"] = it != parsed.error().fields.end() ? it->second
                                                                 : std::vector<std::string>{parsed.error().message};
        } else {
            layout.layout = nlohmann::json::parse(layout::toJson(parsed.value()).dump());
        }
    } else if (full) {
        layout.layout = nlohmann::json::parse(layout::toJson(layout::defaultLayout()).dump());
    }
    if (body.contains("background")) {
        const json& bg = body["background"];
        if (bg.is_null()) {
            layout.background.reset();
        } else if (!bg.is_string()) {
            errors["background"].push_back("Expected a file ID (\"file:...\") or null.");
        } else if (layout.background && fmt::format("{}ticketlayouts/{}/background.pdf", ctx.eventApiUrl(), layout.id) ==
                                            bg.get<std::string>()) {
            // unchanged: the URL this API answered with
        } else {
            auto file = model::LayoutRepository(ctx.store).file(bg.get<std::string>());
            // An upload is usable by the token that sent it, until it expires; files made on
            // this machine (no owner) by anyone who knows their ID.
            const bool usable = file && (!file->ownerToken || (ctx.token && *file->ownerToken == ctx.token->id)) &&
                                (!file->expires || *file->expires > model::now());
            if (!usable) {
                errors["background"].push_back("The submitted file ID was not found.");
            } else if (file->contentType != "application/pdf") {
                errors["background"].push_back("The submitted file has a file type that is not allowed in this field.");
            } else if (auto pdf = render::Background::fromPdf(file->data); !pdf) {
                errors["background"].push_back(pdf.error().message);
            } else {
                layout.background = file->id;
            }
        }
    } else if (full) {
        layout.background.reset();
    }
    if (body.contains("item_assignments")) {
        const json& items = body["item_assignments"];
        auto known = model::EventRepository(ctx.store).items(ctx.event->id);
        std::vector<model::TicketLayoutItem> assignments;
        if (!items.is_array()) {
            errors["item_assignments"].push_back("Expected a list of {\"item\", \"sales_channel\"}.");
        } else {
            for (const auto& a : items) {
                if (!a.is_object() || !a.contains("item") || !a["item"].is_number_integer()) {
                    errors["item_assignments"].push_back("Each assignment needs an integer \"item\".");
                    continue;
                }
                model::TicketLayoutItem item;
                item.itemId = a["item"].get<model::Id>();
                item.salesChannel = a.value("sales_channel", std::string("web"));
                bool exists = false;
                for (const auto& k : known) {
                    exists = exists || k.id == item.itemId;
                }
                if (!exists) {
                    errors["item_assignments"].push_back(fmt::format("Invalid pk \"{}\" - object does not exist.", item.itemId));
                }
                assignments.push_back(item);
            }
        }
        layout.itemAssignments = assignments;
    } else if (full) {
        layout.itemAssignments.clear();
    }
    if (!errors.empty()) {
        return Response::fieldErrors(errors);
    }
    return std::nullopt;
}

std::optional<model::Id> idParam(const Context& ctx, std::size_t index) {
    try {
        std::size_t used = 0;
        long long v = std::stoll(ctx.param(index), &used);
        if (used == ctx.param(index).size()) {
            return v;
        }
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

Response save(Context& ctx, model::TicketLayout& layout, int status) {
    model::Store::Transaction tx(ctx.store);
    model::LayoutRepository(ctx.store).upsert(layout);
    if (layout.background) {
        model::LayoutRepository(ctx.store).keepFile(*layout.background);
    }
    tx.commit();
    model::ChangeFeed::instance().publish({model::Change::Kind::Layouts, ctx.event->id});
    auto stored = model::LayoutRepository(ctx.store).byId(ctx.event->id, layout.id);
    return Response::json(layoutJson(ctx, stored ? *stored : layout), status);
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
    router.add("POST", kEventBase + "ticketlayouts/", Auth::EventToken, [](Context& ctx) {
        auto body = ctx.request.jsonObject();
        if (!body) {
            return Response::detail(400, body.error().message);
        }
        model::TicketLayout layout;
        layout.eventId = ctx.event->id;
        if (auto error = apply(ctx, body.value(), layout, true)) {
            return *error;
        }
        return save(ctx, layout, 201);
    });
    for (const char* method : {"PATCH", "PUT"}) {
        const bool full = std::string(method) == "PUT";
        router.add(method, kEventBase + "ticketlayouts/{id}/", Auth::EventToken, [full](Context& ctx) {
            auto id = idParam(ctx, 2);
            auto layout = id ? model::LayoutRepository(ctx.store).byId(ctx.event->id, *id) : std::nullopt;
            if (!layout) {
                return Response::detail(404, "Not found.");
            }
            auto body = ctx.request.jsonObject();
            if (!body) {
                return Response::detail(400, body.error().message);
            }
            if (auto error = apply(ctx, body.value(), *layout, full)) {
                return *error;
            }
            return save(ctx, *layout, 200);
        });
    }
    router.add("DELETE", kEventBase + "ticketlayouts/{id}/", Auth::EventToken, [](Context& ctx) {
        auto id = idParam(ctx, 2);
        model::Store::Transaction tx(ctx.store);
        if (!id || !model::LayoutRepository(ctx.store).remove(ctx.event->id, *id)) {
            return Response::detail(404, "Not found.");
        }
        tx.commit();
        model::ChangeFeed::instance().publish({model::Change::Kind::Layouts, ctx.event->id});
        return Response::noContent();
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
