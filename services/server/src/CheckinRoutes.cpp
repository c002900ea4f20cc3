// checkinlists/ (seed 004): list CRUD, status, positions per list and redeem.
#include <algorithm>

#include "ApiJson.h"
#include "CoreRoutes.h"
#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/checkin/Lists.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::server::detail {

namespace {

using nlohmann::json;

constexpr const char* kLists = "/api/v1/organizers/{organizer}/events/{event}/checkinlists/";

std::optional<model::CheckinList> findList(Context& ctx, bool withCounts) {
    auto id = parseId(ctx.param(2));
    if (!id || !ctx.listAllowed(*id)) {
        return std::nullopt;
    }
    model::CheckinRepository repo(ctx.store);
    return withCounts ? repo.list(ctx.event->id, *id) : repo.listInfo(ctx.event->id, *id);
}

// Parses the body over the list as it stands and saves it through the check-in list service.
Response writeList(Context& ctx, const std::optional<model::CheckinList>& existing, bool partial) {
    auto body = ctx.request.jsonObject();
    if (!body) {
        return Response::fromError(body.error());
    }
    model::CheckinList base = existing.value_or(model::CheckinList{});
    base.eventId = ctx.event->id;
    auto parsed = model::wire::checkinListFromJson(body.value(), base, partial);
    if (!parsed) {
        return Response::fromError(parsed.error());
    }
    auto saved = checkin::saveList(ctx.store, std::move(parsed.value()));
    if (!saved) {
        return Response::fromError(saved.error());
    }
    return Response::json(model::wire::toJson(saved.value()), existing ? 200 : 201);
}

Response status(Context& ctx) {
    auto id = parseId(ctx.param(2));
    if (id && !ctx.listAllowed(*id)) {
        id.reset();
    }
    auto s = id ? checkin::listStatus(ctx.store, ctx.event->id, *id) : std::nullopt;
    if (!s) {
        return Response::detail(404, "Not found.");
    }
    json items = json::array();
    for (const auto& is : s->items) {
        json vars = json::array();
        for (const auto& vs : is.variations) {
            vars.push_back({{"id", vs.variation.id},
                            {"value", vs.variation.value.text()},
                            {"checkin_count", vs.checkinCount},
                            {"position_count", vs.positionCount}});
        }
        items.push_back({{"id", is.item.id},
                         {"name", is.item.name.text()},
                         {"admission", is.item.admission},
                         {"checkin_count", is.checkinCount},
                         {"position_count", is.positionCount},
                         {"variations", vars}});
    }
    return Response::json({{"checkin_count", s->list.checkinCount},
                           {"position_count", s->list.positionCount},
                           {"inside_count", s->insideCount},
                           {"event", {{"name", ctx.event->name.text()}}},
                           {"items", items}});
}

// A position by ID or secret, as redeem finds it: active positions only, and a '+' that matches
// nothing tried again as a space (old scanner apps wrote spaces in paths so).
std::optional<model::PositionRow> lookupPosition(Context& ctx, const std::string& key) {
    model::PositionQuery pq(ctx.store);
    std::optional<model::PositionRow> row;
    if (auto byId = parseId(key)) {
        row = pq.byId(ctx.event->id, *byId);
    }
    if (!row) {
        row = pq.bySecret(ctx.event->id, key);
    }
    if (!row && key.find('+') != std::string::npos) {
        std::string spaced = key;
        std::replace(spaced.begin(), spaced.end(), '+', ' ');
        row = pq.bySecret(ctx.event->id, spaced);
    }
    if (row && row->position.canceled) {
        row.reset();
    }
    return row;
}

Response redeem(Context& ctx) {
    auto listId = parseId(ctx.param(2));
    if (!listId || !ctx.listAllowed(*listId)) {
        return Response::detail(404, "Not found.");
    }
    auto body = ctx.request.jsonObject();
    if (!body) {
        return Response::fromError(body.error());
    }
    checkin::RedeemRequest req;
    req.code = ctx.param(3);
    // A device's path segment is always a secret (a scanned code may look like a position ID).
    req.allowIdLookup = !ctx.device && !queryBool(ctx.request, "untrusted_input").value_or(false);
    req.plusMayBeSpace = true;
    req.listId = *listId;
    req.device = redeemingDevice(ctx);
    if (auto errors = readRedeemBody(body.value(), req); !errors.empty()) {
        return Response::fieldErrors(errors);
    }
    return suspendRedeem(ctx, ctx.event->id, std::move(req), redeemResponse);
}

}  // namespace

Response suspendRedeem(Context& ctx, model::Id eventId, checkin::RedeemRequest req, RedeemAnswer answer) {
    if (ctx.accessAssumed) {
        req.accessVersion = ctx.accessVersion;
    }
    // Written on the committer's thread before it calls `resume`, read after the request is
    // taken up again.
    auto outcome = std::make_shared<std::optional<checkin::RedeemOutcome>>();
    ctx.suspend(
        [&store = ctx.store, eventId, req = std::move(req), outcome](Context::Resume resume) mutable {
            checkin::redeemLater(store, eventId, std::move(req),
                                 [outcome, resume = std::move(resume)](checkin::RedeemOutcome o) {
                                     outcome->emplace(std::move(o));
                                     resume();
                                 });
        },
        [outcome, answer = std::move(answer)](Context& c) {
            auto result = (*outcome)->get();
            c.accessChecked = result.ok();
            if (!result) {
                return Response::fromError(result.error());
            }
            return answer(c, result.value());
        });
    return {};
}

std::string redeemingDevice(const Context& ctx) {
    if (ctx.device) {
        return "device:" + ctx.device->name;
    }
    return ctx.token ? "api:" + ctx.token->name : "api";
}

model::FieldErrors readRedeemBody(const json& body, checkin::RedeemRequest& req) {
    model::FieldErrors errors;
    auto boolean = [&](const char* key, bool& out) {
        if (auto it = body.find(key); it != body.end() && !it->is_null()) {
            if (it->is_boolean()) {
                out = it->get<bool>();
            } else {
                errors[key].push_back("Must be a valid boolean.");
            }
        }
    };
    boolean("force", req.force);
    boolean("ignore_unpaid", req.ignoreUnpaid);
    boolean("questions_supported", req.questionsSupported);
    boolean("canceled_supported", req.canceledSupported);
    if (auto it = body.find("nonce"); it != body.end() && !it->is_null()) {
        if (it->is_string()) {
            req.nonce = it->get<std::string>();
        } else {
            errors["nonce"].push_back("Not a valid string.");
        }
    }
    if (auto it = body.find("datetime"); it != body.end() && !it->is_null()) {
        auto t = it->is_string() ? model::parseTimestamp(it->get<std::string>()) : std::nullopt;
        if (t) {
            req.datetime = t;
        } else {
            errors["datetime"].push_back(
                "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
        }
    }
    if (auto it = body.find("type"); it != body.end() && !it->is_null()) {
        auto t = it->is_string() ? model::checkinTypeFromString(it->get<std::string>()) : std::nullopt;
        if (t) {
            req.type = *t;
        } else {
            std::string message = "\"";  // built in steps: GCC 12 warns falsely on "..." + std::string&&
            message += it->dump();
            message += "\" is not a valid choice.";
            errors["type"].push_back(std::move(message));
        }
    }
    if (auto it = body.find("answers"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) {
            errors["answers"].push_back("Expected a dictionary of items.");
        } else {
            for (const auto& [k, v] : it->items()) {
                auto qid = parseId(k);
                if (!qid || !(v.is_string() || v.is_number())) {
                    errors["answers"].push_back("Invalid answer for question " + k + ".");
                    continue;
                }
                req.answers[*qid] = v.is_string() ? v.get<std::string>() : v.dump();
            }
        }
    }
    return errors;
}

void registerCheckinRoutes(Router& router, const std::shared_ptr<KeptJson>& kept) {
    const std::string lists = kLists;
    // pretix: reading lists and their positions asks for can_view_orders or can_checkin_orders,
    // changing a list can_change_event_settings, redeeming can_change_orders or can_checkin_orders.
    const Permissions readLists{Permission::ViewOrders, Permission::CheckinOrders};
    const Permissions redeemTickets{Permission::ChangeOrders, Permission::CheckinOrders};
    const Permissions changeLists{Permission::ChangeEventSettings};
    router.add("GET", lists, Auth::EventToken, Devices::Allowed, readLists, [](Context& ctx) {
        // ?subevent=: the lists of that date; ?subevent_match=: those and the lists of all dates.
        model::FieldErrors errors;
        auto dateFilter = [&](const char* key, const char* message) {
            auto v = ctx.request.queryValue(key);
            auto id = v ? parseId(*v) : std::nullopt;
            if (v && !id) {
                errors[key].push_back(message);
            }
            return id;
        };
        const auto date = dateFilter("subevent", "Select a valid choice. That choice is not one of the available choices.");
        const auto dateMatch = dateFilter("subevent_match", "Enter a number.");
        if (!errors.empty()) {
            return Response::fieldErrors(errors);
        }
        auto all = model::CheckinRepository(ctx.store).lists(ctx.event->id);
        std::erase_if(all, [&](const model::CheckinList& l) {
            return !ctx.listAllowed(l.id) || (date && l.subeventId != date) ||
                   (dateMatch && l.subeventId && l.subeventId != dateMatch);
        });
        return paginate(ctx, static_cast<std::int64_t>(all.size()), [&](std::int64_t offset, std::int64_t limit) {
            json out = json::array();
            for (auto i = offset; i < offset + limit && i < static_cast<std::int64_t>(all.size()); ++i) {
                out.push_back(model::wire::toJson(all[static_cast<std::size_t>(i)]));
            }
            return out;
        });
    });
    router.add("POST", lists, Auth::EventToken, changeLists, [](Context& ctx) { return writeList(ctx, std::nullopt, false); });
    router.add("GET", lists + "{list}/", Auth::EventToken, Devices::Allowed, readLists, [](Context& ctx) {
        auto l = findList(ctx, true);
        return l ? Response::json(model::wire::toJson(*l)) : Response::detail(404, "Not found.");
    });
    router.add("PATCH", lists + "{list}/", Auth::EventToken, changeLists, [](Context& ctx) {
        auto l = findList(ctx, false);
        return l ? writeList(ctx, l, true) : Response::detail(404, "Not found.");
    });
    router.add("PUT", lists + "{list}/", Auth::EventToken, changeLists, [](Context& ctx) {
        auto l = findList(ctx, false);
        return l ? writeList(ctx, l, false) : Response::detail(404, "Not found.");
    });
    router.add("DELETE", lists + "{list}/", Auth::EventToken, changeLists, [](Context& ctx) {
        auto id = parseId(ctx.param(2));
        if (!id) {
            return Response::detail(404, "Not found.");
        }
        auto removed = checkin::deleteList(ctx.store, ctx.event->id, *id);
        return removed ? Response::noContent() : Response::fromError(removed.error());
    });
    router.add("GET", lists + "{list}/status/", Auth::EventToken, Devices::Allowed, readLists, status);
    router.add("GET", lists + "{list}/positions/", Auth::EventToken, Devices::Allowed, readLists, [kept](Context& ctx) {
        auto l = findList(ctx, false);
        if (!l) {
            return Response::detail(404, "Not found.");
        }
        model::PositionFilter f;
        if (auto bad = readPositionFilter(ctx.request, f, true)) {
            return *bad;
        }
        f.list = l->id;
        return listPositions(ctx, f, true, kept->positions);
    });
    router.add("GET", lists + "{list}/positions/{id}/", Auth::EventToken, Devices::Allowed, readLists, [](Context& ctx) {
        auto l = findList(ctx, false);
        auto row = l ? lookupPosition(ctx, ctx.param(3)) : std::nullopt;
        if (!row) {
            return Response::detail(404, "Not found.");
        }
        model::PositionQuery pq(ctx.store);
        return Response::json(positionJson(*row, pq.checkins({row->position.id}, l->id)[0], links(ctx), true));
    });
    router.add("POST", lists + "{list}/positions/{id}/redeem/", Auth::EventToken, Devices::Allowed, redeemTickets, redeem);
    router.checksAccessItself();  // checkin::RedeemRequest::accessVersion
}

}  // namespace boxoffice::server::detail
