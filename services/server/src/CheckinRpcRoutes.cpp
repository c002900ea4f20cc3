// The organizer-level check-in RPC (spec pretixscan-devices.md §4.1, §4.3): redeem a scanned
// secret on several lists at once (one per event) and search positions on lists. Redeems go
// through the same checkin::redeem as the per-list endpoint, so the exactly-once guarantee holds
// across both, the desk and every other gate.
#include <algorithm>

#include "ApiJson.h"
#include "CoreRoutes.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::server::detail {

namespace {

using nlohmann::json;

struct ListInEvent {
    model::CheckinList list;
    model::Event event;
};

// The caller's check-in list with this ID, if its event is one of the organizer's that the
// caller may see. Read from the list up, not from every event down: it runs on every scan.
std::optional<ListInEvent> findList(Context& ctx, model::Id id) {
    if (!ctx.listAllowed(id)) {
        return std::nullopt;
    }
    model::CheckinRepository lists(ctx.store);
    const auto eventId = lists.eventOfList(id);
    auto event = eventId ? model::EventRepository(ctx.store).eventById(*eventId) : std::nullopt;
    if (!event || event->organizerSlug != ctx.organizer->slug || !ctx.eventAllowed(event->slug)) {
        return std::nullopt;
    }
    if (auto l = lists.listInfo(event->id, id)) {
        return ListInEvent{std::move(*l), std::move(*event)};
    }
    return std::nullopt;
}

// Points the context at `event`, as an event route's authorization would have.
void enterEvent(Context& ctx, const model::Event& event) {
    ctx.event = event;
    ctx.plugins = model::EventRepository(ctx.store).plugins(event.id);
}

// ?expand=answers.question: each answer's question as the question resource instead of its ID.
void expandAnswerQuestions(Context& ctx, Response& response) {
    auto body = json::parse(response.body, nullptr, false);
    if (!body.is_object() || !body.contains("position")) {
        return;
    }
    auto& answers = body["position"]["answers"];
    if (!answers.is_array() || answers.empty()) {
        return;
    }
    const auto questions = model::EventRepository(ctx.store).questions(ctx.event->id);
    for (auto& a : answers) {
        const auto qid = a.value("question", model::Id{0});
        auto q = std::find_if(questions.begin(), questions.end(), [&](const auto& x) { return x.id == qid; });
        if (q != questions.end()) {
            a["question"] = questionJson(*q);
        }
    }
    response.body = body.dump();
}

Response redeem(Context& ctx) {
    auto body = ctx.request.jsonObject();
    if (!body) {
        return Response::fromError(body.error());
    }
    const json& b = body.value();
    model::FieldErrors errors;
    checkin::RedeemRequest req;
    if (auto errs = readRedeemBody(b, req); !errs.empty()) {
        errors = std::move(errs);
    }
    req.canceledSupported = true;  // the RPC always answers "canceled" for canceled tickets
    auto secret = b.find("secret");
    if (secret == b.end() || !secret->is_string()) {
        errors["secret"].push_back(secret == b.end() ? "This field is required." : "Not a valid string.");
    } else if (secret->get<std::string>().empty()) {
        errors["secret"].push_back("This field may not be blank.");
    }
    if (auto st = b.find("source_type"); st != b.end() && !st->is_null() && !st->is_string()) {
        errors["source_type"].push_back("Not a valid string.");
    }
    std::vector<ListInEvent> lists;
    // The lists, their events and the ticket's event read in one snapshot, not a transaction each.
    model::Store::Transaction reading(ctx.store, model::Store::TxMode::Deferred);
    auto ids = b.find("lists");
    if (ids == b.end() || !ids->is_array()) {
        errors["lists"].push_back(ids == b.end() ? "This field is required." : "Expected a list of items.");
    } else if (ids->empty()) {
        errors["lists"].push_back("This list may not be empty.");
    } else {
        for (const auto& v : *ids) {
            std::optional<model::Id> id;
            if (v.is_number_unsigned()) {
                id = v.get<model::Id>();
            } else if (v.is_string()) {
                id = parseId(v.get<std::string>());
            }
            auto found = id ? findList(ctx, *id) : std::nullopt;
            if (!found) {
                errors["lists"].push_back("Invalid pk \"" + (v.is_string() ? v.get<std::string>() : v.dump()) +
                                          "\" - object does not exist.");
                continue;
            }
            if (std::any_of(lists.begin(), lists.end(), [&](const auto& l) { return l.event.id == found->event.id; })) {
                errors["lists"].push_back("Selecting two check-in lists from the same event is unsupported.");
                continue;
            }
            lists.push_back(std::move(*found));
        }
    }
    if (!errors.empty()) {
        reading.commit();
        return Response::fieldErrors(errors);
    }
    req.code = secret->get<std::string>();
    req.allowIdLookup = false;
    req.device = redeemingDevice(ctx);
    // The list of the event the ticket belongs to; an unknown ticket is answered for the first.
    // With one list (a scanner at one event's door) that is the one, whatever the ticket.
    const ListInEvent* target = &lists.front();
    if (lists.size() > 1) {
        model::PositionQuery positions(ctx.store);
        for (const auto& l : lists) {
            if (positions.bySecret(l.event.id, req.code)) {
                target = &l;
                break;
            }
        }
    }
    req.listId = target->list.id;
    enterEvent(ctx, target->event);
    reading.commit();
    auto result = checkin::redeem(ctx.store, target->event.id, req);
    if (!result) {
        return Response::fromError(result.error());
    }
    auto response = redeemResponse(ctx, result.value());
    const auto expand = ctx.request.queryList("expand");
    const bool answered = result.value().ticket && !result.value().ticket->position.answers.empty();
    if (answered && std::find(expand.begin(), expand.end(), "answers.question") != expand.end()) {
        expandAnswerQuestions(ctx, response);
    }
    return response;
}

// One page over several lists' positions, list after list.
Response searchLists(Context& ctx, const std::vector<ListInEvent>& lists, const model::PositionFilter& base) {
    model::PositionQuery pq(ctx.store);
    model::Store::Transaction reading(ctx.store, model::Store::TxMode::Deferred);
    std::vector<std::int64_t> counts;
    std::int64_t total = 0;
    for (const auto& l : lists) {
        model::PositionFilter f = base;
        f.list = l.list.id;
        counts.push_back(pq.count(l.event.id, f));
        total += counts.back();
    }
    auto fetch = [&](std::int64_t offset, std::int64_t limit, model::JsonText& out) {
        for (std::size_t i = 0; i < lists.size() && limit > 0; ++i) {
            if (offset >= counts[i]) {
                offset -= counts[i];
                continue;
            }
            model::PositionFilter f = base;
            f.list = lists[i].list.id;
            f.offset = offset;
            f.limit = limit;
            enterEvent(ctx, lists[i].event);
            const auto rows = pq.rowsById(pq.pageIds(lists[i].event.id, f));
            std::vector<model::Id> ids;
            for (const auto& r : rows) {
                ids.push_back(r.position.id);
            }
            const auto checkins = pq.checkins(ids, f.list);
            for (std::size_t k = 0; k < rows.size(); ++k) {
                writePosition(out, rows[k], checkins[k], links(ctx), true);
            }
            limit -= static_cast<std::int64_t>(rows.size());
            offset = 0;
        }
    };
    auto response = paginateText(ctx, total, fetch);
    reading.commit();
    return response;
}

}  // namespace

void registerCheckinRpcRoutes(Router& router, const std::shared_ptr<KeptJson>& kept) {
    const std::string rpc = "/api/v1/organizers/{organizer}/checkinrpc/";
    router.add("POST", rpc + "redeem/", Auth::OrganizerToken, Devices::Allowed,
               Permissions{Permission::ChangeOrders, Permission::CheckinOrders}, redeem);
    router.add("GET", rpc + "search/", Auth::OrganizerToken, Devices::Allowed,
               Permissions{Permission::ViewOrders, Permission::CheckinOrders}, [kept](Context& ctx) {
        std::vector<ListInEvent> lists;
        std::vector<std::string> missing;
        for (const auto& v : ctx.request.queryList("list")) {
            auto id = parseId(v);
            auto found = id ? findList(ctx, *id) : std::nullopt;
            if (found) {
                lists.push_back(std::move(*found));
            } else if (id) {
                missing.push_back(v);
            }
        }
        if (!missing.empty()) {
            std::string message = "You requested lists that do not exist or that you do not have access to: ";
            for (std::size_t i = 0; i < missing.size(); ++i) {
                message += (i ? ", " : "") + missing[i];
            }
            return Response::detail(403, message);
        }
        model::PositionFilter f;
        if (auto bad = readPositionFilter(ctx.request, f, true)) {
            return *bad;
        }
        if (lists.size() == 1) {
            enterEvent(ctx, lists.front().event);
            f.list = lists.front().list.id;
            return listPositions(ctx, f, true, kept->positions);
        }
        return searchLists(ctx, lists, f);
    });
}

}  // namespace boxoffice::server::detail
