// orders/ and orderpositions/ (seed 001): every field of the resources, the documented filters
// and orderings, pagination; creating an order (POST orders/, pretix's order creation).
#include <memory>
#include <unordered_map>

#include <fmt/format.h>

#include "ApiJson.h"
#include "CoreRoutes.h"
#include "JsonCache.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/sales/ApiOrders.h"

namespace boxoffice::server::detail {

namespace {

using nlohmann::json;

constexpr const char* kEvent = "/api/v1/organizers/{organizer}/events/{event}/";

// Writes the orders, with the check-ins of all their positions read in one query.
void writeOrders(model::JsonText& out, const std::vector<model::Order>& orders, model::PositionQuery& pq,
                 const model::wire::Links& l) {
    std::vector<model::Id> ids;
    for (const auto& o : orders) {
        for (const auto& p : o.positions) {
            ids.push_back(p.id);
        }
    }
    const auto checkins = pq.checkins(ids, std::nullopt);
    auto next = checkins.begin();
    for (const auto& o : orders) {
        const auto end = next + static_cast<std::ptrdiff_t>(o.positions.size());
        model::wire::write(out, o, {next, end}, l);
        next = end;
    }
}

// Writes the texts of `keys` in their order: those the cache keeps at these revisions and
// variants as they are, the others from `read(missingIds)` (ID → text), which are kept then.
// Runs inside the caller's read transaction, so `read` finds every ID of the page.
template <class Read>
void writeKept(model::JsonText& out, JsonCache& cache, const std::vector<JsonCache::Key>& keys, Read&& read) {
    auto texts = cache.find(keys);
    std::vector<model::Id> missing;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!texts[i]) {
            missing.push_back(keys[i].id);
        }
    }
    if (!missing.empty()) {
        const std::unordered_map<model::Id, JsonCache::Text> fresh = read(missing);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (!texts[i]) {
                texts[i] = fresh.at(keys[i].id);
                cache.keep(keys[i], texts[i]);
            }
        }
    }
    for (const auto& text : texts) {
        out.rawObject(*text);
    }
}

// The text variant for what the links add: host and pdf downloads.
std::string linksVariant(const model::wire::Links& l) { return l.eventApiUrl + (l.pdfDownloads ? "\x1fpdf" : ""); }

void writeOrderPage(model::JsonText& out, const std::vector<model::OrderRevision>& page, model::OrderRepository& orders,
                    model::PositionQuery& pq, const model::wire::Links& l, JsonCache& cache) {
    const std::string variant = linksVariant(l);
    std::vector<JsonCache::Key> keys;
    for (const auto& o : page) {
        keys.push_back({o.id, o.revision, variant});
    }
    writeKept(out, cache, keys, [&](const std::vector<model::Id>& ids) {
        std::unordered_map<model::Id, JsonCache::Text> texts;
        model::JsonText one;
        for (const auto& o : orders.byIds(ids)) {
            writeOrders(one, {o}, pq, l);
            texts.emplace(o.id, std::make_shared<const std::string>(one.take()));
        }
        return texts;
    });
}

// A position's text also shows its list's check-ins (or all, for orderpositions/), its parent's
// name and its product's and variation's attention flags: all in the variant (PositionRevision).
void writePositionPage(model::JsonText& out, const std::vector<model::Id>& page, model::PositionQuery& pq,
                       const model::PositionFilter& f, const model::wire::Links& l, bool listExtras,
                       JsonCache& cache) {
    const std::optional<model::Id> list = listExtras ? f.list : std::nullopt;
    const std::string base =
        linksVariant(l) + (listExtras ? "\x1flist " + (list ? std::to_string(*list) : std::string("-")) : "");
    std::vector<JsonCache::Key> keys;
    for (const auto& r : pq.revisions(page)) {
        keys.push_back({r.id, r.orderRevision,
                        fmt::format("{}\x1f{}\x1f{}:{}\x1f{}", base, r.orderId, r.parentOrderId,
                                    r.parentOrderRevision, r.attention)});
    }
    writeKept(out, cache, keys, [&](const std::vector<model::Id>& ids) {
        const auto rows = pq.rowsById(ids);
        std::vector<model::Id> found;
        for (const auto& row : rows) {
            found.push_back(row.position.id);
        }
        const auto checkins = pq.checkins(found, list);
        std::unordered_map<model::Id, JsonCache::Text> texts;
        model::JsonText one;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            writePosition(one, rows[i], checkins[i], l, listExtras);
            texts.emplace(rows[i].position.id, std::make_shared<const std::string>(one.take()));
        }
        return texts;
    });
}

Response listOrders(Context& ctx, JsonCache& cache) {
    const auto& r = ctx.request;
    model::OrderQuery q;
    q.code = r.queryValue("code");
    if (auto s = r.queryValue("status")) {
        q.status = model::statusFromCode(*s);
        if (!q.status) {
            return Response::fieldErrors(
                {{"status", {"Select a valid choice. " + *s + " is not one of the available choices."}}});
        }
    }
    q.email = r.queryValue("email");
    q.locale = r.queryValue("locale");
    for (auto [key, field] : {std::pair{"modified_since", &q.modifiedSince}, std::pair{"created_since", &q.createdSince}}) {
        if (auto m = r.queryValue(key)) {
            *field = model::parseTimestamp(*m);
            if (!*field) {
                return Response::fieldErrors({{key, {"Enter a valid date/time."}}});
            }
        }
    }
    if (auto o = r.queryValue("ordering")) {
        const std::string key = (!o->empty() && (*o)[0] == '-') ? o->substr(1) : *o;
        if (key == "datetime" || key == "code" || key == "status" || key == "last_modified") {
            q.ordering = *o;
        }
    }
    model::OrderRepository orders(ctx.store);
    model::PositionQuery pq(ctx.store);
    const auto l = links(ctx);
    // One snapshot for the count, the page's revisions and the orders read.
    model::Store::Transaction reading(ctx.store, model::Store::TxMode::Deferred);
    auto fetch = [&](std::int64_t offset, std::int64_t limit, model::JsonText& out) {
        q.offset = offset;
        q.limit = limit;
        writeOrderPage(out, orders.listRevisions(ctx.event->id, q), orders, pq, l, cache);
    };
    auto response = paginateText(ctx, orders.count(ctx.event->id, q), fetch);
    reading.commit();
    return response;
}

Response orderDetail(Context& ctx) {
    auto order = model::OrderRepository(ctx.store).byCode(ctx.event->id, ctx.param(2));
    if (!order) {
        return Response::detail(404, "Not found.");
    }
    model::PositionQuery pq(ctx.store);
    model::JsonText out;
    writeOrders(out, {*order}, pq, links(ctx));
    return Response::jsonText(out.take());
}

// pretix's shape of an order's field errors: a position's are in the list "positions", one object
// per position sent (empty for a position without errors).
json nestedErrors(const model::FieldErrors& errors, std::size_t positions) {
    json out = json::object();
    json perPosition = json::array();
    for (std::size_t i = 0; i < positions; ++i) {
        perPosition.push_back(json::object());
    }
    bool anyPosition = false;
    for (const auto& [key, messages] : errors) {
        if (key.starts_with("positions.")) {
            const auto dot = key.find('.', 10);
            const auto index = std::stoul(key.substr(10, dot - 10));
            if (dot != std::string::npos && index < positions) {
                json* at = &perPosition[index];
                std::string rest = key.substr(dot + 1);
                // answers.K.question -> {"answers": [{}, ..., {"question": [...]}]}
                if (rest.starts_with("answers.")) {
                    const auto dot2 = rest.find('.', 8);
                    const auto k = std::stoul(rest.substr(8, dot2 - 8));
                    json& answers = (*at)["answers"];
                    while (answers.size() <= k) {
                        answers.push_back(json::object());
                    }
                    answers[k][rest.substr(dot2 + 1)] = messages;
                } else {
                    (*at)[rest] = messages;
                }
                anyPosition = true;
                continue;
            }
        }
        out[key] = messages;
    }
    if (anyPosition) {
        out["positions"] = perPosition;
    }
    return out;
}

// POST orders/: pretix's order creation over sales::createOrder. Tokens only: a paired scanner
// gets the plain 404 of a call not offered (a queued call must not fail every sync of the app).
Response createOrder(Context& ctx) {
    if (ctx.device) {
        return Response::notFound();
    }
    auto body = ctx.request.jsonObject();
    if (!body) {
        return Response::fromError(body.error());
    }
    auto created = sales::createOrder(ctx.store, ctx.event->id, body.value());
    if (!created) {
        const auto& e = created.error();
        if (e.code == model::ErrorCode::BadInput && !e.fields.empty()) {
            const auto positions = body.value().contains("positions") && body.value()["positions"].is_array()
                                       ? body.value()["positions"].size()
                                       : std::size_t{0};
            return Response::json(nestedErrors(e.fields, positions), 400);
        }
        return Response::fromError(e);
    }
    model::PositionQuery pq(ctx.store);
    model::JsonText out;
    writeOrders(out, {created.value()}, pq, links(ctx));
    return Response::jsonText(out.take(), 201);
}

}  // namespace

// Reads the position filters shared by orderpositions/ and checkinlists/{id}/positions/.
// Returns an error response for values of the wrong type.
std::optional<Response> readPositionFilter(const Request& r, model::PositionFilter& f, bool listEndpoint) {
    model::FieldErrors errors;
    auto ids = [&](const std::string& key, std::vector<model::Id>& out) {
        for (const auto& v : r.queryList(key)) {
            if (auto id = parseId(v)) {
                out.push_back(*id);
            } else {
                errors[key].push_back("Enter a whole number.");
            }
        }
    };
    auto statuses = [&](const std::string& key) {
        for (const auto& v : r.queryList(key)) {
            if (auto s = model::statusFromCode(v)) {
                f.orderStatuses.push_back(*s);
            } else {
                errors[key].push_back("Select a valid choice. " + v + " is not one of the available choices.");
            }
        }
    };
    f.orderCode = r.queryValue("order");
    ids("item", f.items);
    ids("item__in", f.items);
    ids("variation", f.variations);
    ids("variation__in", f.variations);
    f.attendeeName = r.queryValue("attendee_name");
    f.secret = r.queryValue("secret");
    statuses("order__status");
    statuses("order__status__in");
    ids("subevent", f.subevents);
    ids("subevent__in", f.subevents);
    ids("addon_to", f.addonTo);
    ids("addon_to__in", f.addonTo);
    if (auto v = r.queryValue("has_checkin")) {
        f.hasCheckin = queryBool(r, "has_checkin");
        if (!f.hasCheckin) {
            errors["has_checkin"].push_back("Select a valid choice.");
        }
    }
    if (listEndpoint) {
        f.search = r.queryValue("search");
        f.ignoreStatus = queryBool(r, "ignore_status").value_or(false);
        f.includeCanceled = f.ignoreStatus;
        f.ordering = "attendee_name_cached";  // then by ID, as pretix
    }
    if (auto o = r.queryValue("ordering"); o && model::PositionQuery::isValidOrdering(*o, listEndpoint)) {
        f.ordering = *o;
    }
    if (!errors.empty()) {
        return Response::fieldErrors(errors);
    }
    return std::nullopt;
}

Response listPositions(Context& ctx, model::PositionFilter& f, bool listExtras, JsonCache& cache) {
    model::PositionQuery pq(ctx.store);
    const auto l = links(ctx);
    // One snapshot for the count, the page, its revisions and what is read.
    model::Store::Transaction reading(ctx.store, model::Store::TxMode::Deferred);
    auto fetch = [&](std::int64_t offset, std::int64_t limit, model::JsonText& out) {
        f.offset = offset;
        f.limit = limit;
        writePositionPage(out, pq.pageIds(ctx.event->id, f), pq, f, l, listExtras, cache);
    };
    auto response = paginateText(ctx, pq.count(ctx.event->id, f), fetch);
    reading.commit();
    return response;
}

void registerOrderRoutes(Router& router, const std::shared_ptr<KeptJson>& kept) {
    // pretix: orders and positions ask for can_view_orders, creating an order can_change_orders.
    const Permissions view{Permission::ViewOrders};
    router.add("GET", std::string(kEvent) + "orders/", Auth::EventToken, Devices::Allowed, view,
               [kept](Context& ctx) { return listOrders(ctx, kept->orders); });
    router.add("POST", std::string(kEvent) + "orders/", Auth::EventToken, Devices::Allowed,
               Permissions{Permission::ChangeOrders}, createOrder);
    router.add("GET", std::string(kEvent) + "orders/{code}/", Auth::EventToken, Devices::Allowed, view, orderDetail);
    router.add("GET", std::string(kEvent) + "orderpositions/", Auth::EventToken, Devices::Allowed, view, [kept](Context& ctx) {
        model::PositionFilter f;
        if (auto bad = readPositionFilter(ctx.request, f, false)) {
            return *bad;
        }
        return listPositions(ctx, f, false, kept->positions);
    });
    router.add("GET", std::string(kEvent) + "orderpositions/{id}/", Auth::EventToken, Devices::Allowed, view, [](Context& ctx) {
        auto id = parseId(ctx.param(2));
        model::PositionQuery pq(ctx.store);
        auto row = id ? pq.byId(ctx.event->id, *id) : std::nullopt;
        if (!row || row->position.canceled) {
            return Response::detail(404, "Not found.");
        }
        return Response::json(positionJson(*row, pq.checkins({row->position.id}, std::nullopt)[0], links(ctx), false));
    });
}

}  // namespace boxoffice::server::detail
