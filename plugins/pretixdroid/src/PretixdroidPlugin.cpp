#include "boxoffice/plugins/pretixdroid/PretixdroidPlugin.h"

#include <charconv>
#include <map>
#include <set>

#include "boxoffice/checkin/Lists.h"
#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/PositionQuery.h"

namespace boxoffice::plugins::pretixdroid {

namespace {

using nlohmann::json;
using server::Context;
using server::Response;

struct Catalogue {
    std::map<model::Id, model::Item> items;
    std::string itemName(model::Id id) const {
        auto it = items.find(id);
        return it == items.end() ? std::string() : it->second.name.text();
    }
    std::optional<std::string> variationName(model::Id item, std::optional<model::Id> variation) const {
        auto it = items.find(item);
        if (!variation || it == items.end()) {
            return std::nullopt;
        }
        for (const auto& v : it->second.variations) {
            if (v.id == *variation) {
                return v.value.text();
            }
        }
        return std::nullopt;
    }
};

Catalogue catalogue(Context& ctx) {
    Catalogue c;
    for (auto& i : model::EventRepository(ctx.store).items(ctx.event->id)) {
        c.items.emplace(i.id, std::move(i));
    }
    return c;
}

std::string addonsText(const Catalogue& cat, const std::vector<model::PositionRow>& addons) {
    std::string text;
    for (const auto& a : addons) {
        std::string one = cat.itemName(a.position.itemId);
        if (auto v = cat.variationName(a.position.itemId, a.position.variationId)) {
            one += " – " + *v;
        }
        text += (text.empty() ? "" : ", ") + one;
    }
    return text;
}

std::vector<model::PositionRow> addonsOf(Context& ctx, model::Id positionId) {
    model::PositionFilter f;
    f.addonTo = {positionId};
    f.ordering = "positionid";
    return model::PositionQuery(ctx.store).rows(ctx.event->id, f);
}

json dataJson(const Catalogue& cat, const model::CheckinList& list, const model::PositionRow& row, bool redeemed,
              const std::string& addons) {
    const auto& p = row.position;
    const bool paid = row.orderStatus == model::OrderStatus::Paid;
    const bool pending = row.orderStatus == model::OrderStatus::Pending;
    const auto name = row.smartAttendeeName();
    const auto variation = cat.variationName(p.itemId, p.variationId);
    return {{"secret", p.secret},
            {"order", p.orderCode},
            {"item", cat.itemName(p.itemId)},
            {"item_id", p.itemId},
            {"variation", variation ? json(*variation) : json(nullptr)},
            {"variation_id", p.variationId ? json(*p.variationId) : json(nullptr)},
            {"attendee_name", name ? json(*name) : json(nullptr)},
            {"attention", row.requireAttention()},
            {"redeemed", redeemed},
            {"paid", paid},
            {"checkin_allowed", !p.canceled && (paid || (pending && list.includePending))},
            {"addons_text", addons}};
}

json questionJson(const model::Question& q, bool withItems) {
    json options = json::array();
    for (const auto& o : q.options) {
        options.push_back({{"id", o.id}, {"answer", o.answer.text()}});
    }
    json j{{"id", q.id},
           {"type", q.type},
           {"question", q.question.text()},
           {"required", q.required},
           {"position", q.position},
           {"options", options}};
    if (withItems) {
        j["items"] = q.items;
    }
    return j;
}

// Sub-event segment rules of pretix's plugin: series need one of theirs, other events none.
std::optional<Response> checkSubevent(Context& ctx, bool withSubevent) {
    if (!withSubevent) {
        return ctx.event->hasSubevents ? std::optional<Response>(Response::detail(403, "Subevent required."))
                                       : std::nullopt;
    }
    if (!ctx.event->hasSubevents) {
        return Response::detail(403, "Not an event series.");
    }
    model::Id id = 0;
    const auto& s = ctx.param(2);
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    for (const auto& se : model::EventRepository(ctx.store).subEvents(ctx.event->id)) {
        if (ec == std::errc() && ptr == s.data() + s.size() && se.id == id) {
            return std::nullopt;
        }
    }
    return Response::detail(403, "Unknown subevent.");
}

// "2026-07-01T18:04Z" (minute precision, as the app sends it) or any ISO 8601 date-time.
std::optional<model::Timestamp> parseScanTime(const std::string& s) {
    if (auto t = model::parseTimestamp(s)) {
        return t;
    }
    if (s.size() == 17 && s[16] == 'Z') {
        return model::parseTimestamp(s.substr(0, 16) + ":00Z");
    }
    return std::nullopt;
}

bool formTrue(const server::Request& r, const std::string& key) {
    auto v = r.formValue(key);
    return v && (*v == "true" || *v == "True" || *v == "1");
}

Response redeem(Context& ctx) {
    const auto& r = ctx.request;
    const auto list = checkin::scannerList(ctx.store, ctx.event->id);
    checkin::RedeemRequest req;
    req.code = r.formValue("secret").value_or("");
    req.listId = list.id;
    req.force = formTrue(r, "force");
    req.ignoreUnpaid = formTrue(r, "ignore_unpaid");
    req.questionsSupported = formTrue(r, "questions_supported");
    req.canceledSupported = false;  // the app knows no "canceled": such tickets report "unpaid"
    if (auto n = r.formValue("nonce"); n && !n->empty()) {
        req.nonce = n;
    }
    if (auto d = r.formValue("datetime"); d && !d->empty()) {
        req.datetime = parseScanTime(*d);
        if (!req.datetime) {
            return Response::json({{"version", kApiVersion}, {"status", "error"}, {"reason", "error"},
                                   {"detail", "Invalid datetime."}});
        }
    }
    for (const auto& [k, v] : r.form) {
        if (k.rfind("answer_", 0) == 0) {
            model::Id qid = 0;
            const auto idText = k.substr(7);
            auto [ptr, ec] = std::from_chars(idText.data(), idText.data() + idText.size(), qid);
            if (ec == std::errc() && ptr == idText.data() + idText.size()) {
                req.answers[qid] = v;
            }
        }
    }
    req.device = "pretixdroid:" + (ctx.token ? ctx.token->name : std::string());
    json body{{"version", kApiVersion}};
    if (req.code.empty()) {
        body["status"] = "error";
        body["reason"] = "unknown_ticket";
        return Response::json(body);
    }
    auto result = checkin::redeem(ctx.store, ctx.event->id, req);
    if (!result) {
        return Response::fromError(result.error());
    }
    const auto& res = result.value();
    body["status"] = std::string(checkin::toString(res.status));
    if (res.status == checkin::Status::Error) {
        body["reason"] = res.reason == checkin::Reason::Invalid ? std::string("unknown_ticket")
                                                                : std::string(checkin::toString(res.reason));
    }
    if (res.ticket) {
        const auto cat = catalogue(ctx);
        body["data"] = dataJson(cat, list, *res.ticket, !res.checkins.empty(),
                                addonsText(cat, addonsOf(ctx, res.ticket->position.id)));
    }
    if (res.status == checkin::Status::Incomplete) {
        json qs = json::array();
        for (const auto& q : res.questions) {
            qs.push_back(questionJson(q, false));
        }
        body["questions"] = qs;
    }
    return Response::json(body);
}

Response search(Context& ctx) {
    json results = json::array();
    const auto query = ctx.request.queryValue("query").value_or("");
    if (query.size() >= kMinSearchLength) {
        const auto list = checkin::scannerList(ctx.store, ctx.event->id);
        model::PositionFilter f;
        f.list = list.id;
        f.ignoreStatus = true;
        f.search = query;
        f.ordering = "attendee_name,positionid";
        f.limit = kMaxSearchResults;
        model::PositionQuery pq(ctx.store);
        const auto rows = pq.rows(ctx.event->id, f);
        std::vector<model::Id> ids;
        for (const auto& row : rows) {
            ids.push_back(row.position.id);
        }
        const auto checkins = pq.checkins(ids, list.id);
        const auto cat = catalogue(ctx);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            results.push_back(dataJson(cat, list, rows[i], !checkins[i].empty(),
                                       addonsText(cat, addonsOf(ctx, rows[i].position.id))));
        }
    }
    return Response::json({{"version", kApiVersion}, {"results", results}});
}

Response download(Context& ctx) {
    const auto list = checkin::scannerList(ctx.store, ctx.event->id);
    model::PositionQuery pq(ctx.store);
    model::PositionFilter f;
    f.list = list.id;
    f.ordering = "id";
    const auto rows = pq.rows(ctx.event->id, f);
    std::set<model::Id> redeemed;
    {
        model::PositionFilter r = f;
        r.hasCheckin = true;
        for (const auto& row : pq.rows(ctx.event->id, r)) {
            redeemed.insert(row.position.id);
        }
    }
    std::map<model::Id, std::vector<model::PositionRow>> addons;
    {
        model::PositionFilter all;
        all.ordering = "positionid";
        for (auto& row : pq.rows(ctx.event->id, all)) {
            if (row.position.addonTo) {
                addons[*row.position.addonTo].push_back(std::move(row));
            }
        }
    }
    const auto cat = catalogue(ctx);
    json results = json::array();
    for (const auto& row : rows) {
        if (row.orderTestmode) {
            continue;
        }
        auto a = addons.find(row.position.id);
        results.push_back(dataJson(cat, list, row, redeemed.count(row.position.id) > 0,
                                   a == addons.end() ? std::string() : addonsText(cat, a->second)));
    }
    json questions = json::array();
    for (const auto& q : model::EventRepository(ctx.store).questions(ctx.event->id)) {
        if (q.askDuringCheckin) {
            questions.push_back(questionJson(q, true));
        }
    }
    return Response::json({{"version", kApiVersion}, {"results", results}, {"questions", questions}});
}

Response status(Context& ctx) {
    const auto list = checkin::scannerList(ctx.store, ctx.event->id);
    auto s = checkin::listStatus(ctx.store, ctx.event->id, list.id);
    if (!s) {
        return Response::detail(404, "Not found.");
    }
    json items = json::array();
    for (const auto& is : s->items) {
        json vars = json::array();
        for (const auto& vs : is.variations) {
            vars.push_back({{"id", vs.variation.id},
                            {"name", vs.variation.value.text()},
                            {"checkins", vs.checkinCount},
                            {"total", vs.positionCount}});
        }
        items.push_back({{"id", is.item.id},
                         {"name", is.item.name.text()},
                         {"admission", is.item.admission},
                         {"checkins", is.checkinCount},
                         {"total", is.positionCount},
                         {"variations", vars}});
    }
    const auto& e = *ctx.event;
    const json date = [](const std::optional<model::Timestamp>& t) {
        return t ? json(model::formatTimestamp(*t)) : json(nullptr);
    }(e.dateFrom);
    json event{{"name", e.name.text()},
               {"slug", e.slug},
               {"list", s->list.name},
               {"subevent", e.name.text()},
               {"date_from", date},
               {"date_to", e.dateTo ? json(model::formatTimestamp(*e.dateTo)) : json(nullptr)},
               {"timezone", e.timezone},
               {"url", ctx.request.baseUrl + "/" + e.organizerSlug + "/" + e.slug + "/"},
               {"organizer", {{"name", ctx.organizer ? ctx.organizer->name : std::string()}, {"slug", e.organizerSlug}}}};
    return Response::json({{"version", kApiVersion},
                           {"checkins", s->list.checkinCount},
                           {"total", s->list.positionCount},
                           {"event", event},
                           {"items", items}});
}

}  // namespace

void PretixdroidPlugin::registerRoutes(server::Router& router) {
    using server::Auth;
    struct Endpoint {
        const char* method;
        const char* name;
        Response (*handler)(Context&);
    };
    static constexpr Endpoint kEndpoints[] = {
        {"POST", "redeem", redeem}, {"GET", "search", search}, {"GET", "download", download}, {"GET", "status", status}};
    // Every pretixdroid call is a scanner's: the key needs the check-in permission.
    const server::Permissions checkin{server::Permission::CheckinOrders};
    for (const auto& ep : kEndpoints) {
        auto handler = ep.handler;
        router.add(ep.method, std::string("/pretixdroid/api/{organizer}/{event}/") + ep.name + "/", Auth::EventKey,
                   checkin, [handler](Context& ctx) {
                       if (auto bad = checkSubevent(ctx, false)) {
                           return *bad;
                       }
                       return handler(ctx);
                   });
        router.add(ep.method, std::string("/pretixdroid/api/{organizer}/{event}/{subevent}/") + ep.name + "/",
                   Auth::EventKey, checkin, [handler](Context& ctx) {
                       if (auto bad = checkSubevent(ctx, true)) {
                           return *bad;
                       }
                       return handler(ctx);
                   });
    }
}

}  // namespace boxoffice::plugins::pretixdroid
