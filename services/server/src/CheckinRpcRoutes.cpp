// The organizer-level check-in RPC (spec pretixscan-devices.md §4.1, §4.3): redeem a scanned
// secret on several lists at once (one per event) and search positions on lists. Redeems go
// through the same checkin::redeem as the per-list endpoint, so the exactly-once guarantee holds
// across both, the desk and every other gate.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "ApiJson.h"
#include "CoreRoutes.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::server::detail {

namespace {

using nlohmann::json;

// A check-in list with its event and the event's plugins.
struct ListInEvent {
    model::CheckinList list;
    model::Event event;
    std::map<std::string, bool> plugins;
};
using ListRef = std::shared_ptr<const ListInEvent>;

// The lists scans were made on, as read at an access version (migration 21 raises it with every
// change to a list or its products, as migration 7 with every change to an event or its
// plugins): a scan whose authorization was checked at the same version finds its list here
// instead of reading list, event and plugins in a read transaction of its own, which after every
// commit of the other gates' check-ins reads its pages again. Lists not found are not kept.
class KnownLists {
public:
    ListRef find(model::Id id, std::int64_t version) const {
        std::lock_guard lock(m_mutex);
        const auto it = m_lists.find(id);
        return it != m_lists.end() && it->second.version == version ? it->second.list : nullptr;
    }
    void keep(model::Id id, std::int64_t version, ListRef list) {
        std::lock_guard lock(m_mutex);
        if (m_lists.size() >= kMaxLists) {
            m_lists.clear();
        }
        m_lists[id] = Kept{version, std::move(list)};
    }

private:
    static constexpr std::size_t kMaxLists = 1024;
    struct Kept {
        std::int64_t version = 0;
        ListRef list;
    };
    mutable std::mutex m_mutex;
    std::unordered_map<model::Id, Kept> m_lists;
};

// The list with this ID, its event and the event's plugins, in one read transaction.
ListRef readList(model::Store& store, model::Id id) {
    model::Store::Transaction reading(store, model::Store::TxMode::Deferred);
    model::CheckinRepository lists(store);
    model::EventRepository events(store);
    const auto eventId = lists.eventOfList(id);
    auto event = eventId ? events.eventById(*eventId) : std::nullopt;
    auto list = event ? lists.listInfo(event->id, id) : std::nullopt;
    ListRef found;
    if (list) {
        auto plugins = events.plugins(event->id);
        found = std::make_shared<const ListInEvent>(ListInEvent{std::move(*list), std::move(*event), std::move(plugins)});
    }
    reading.commit();
    return found;
}

// The caller's check-in list with this ID, if its event is one of the organizer's that the
// caller may see. Read from the list up, not from every event down: it runs on every scan.
ListRef findList(Context& ctx, KnownLists& known, model::Id id) {
    if (!ctx.listAllowed(id)) {
        return nullptr;
    }
    ListRef found = ctx.accessVersion ? known.find(id, *ctx.accessVersion) : nullptr;
    if (!found) {
        found = readList(ctx.store, id);
        // Read after the version was: kept with it, it can only be read again too soon.
        if (found && ctx.accessVersion) {
            known.keep(id, *ctx.accessVersion, found);
        }
    }
    if (!found || found->event.organizerSlug != ctx.organizer->slug || !ctx.eventAllowed(found->event.slug)) {
        return nullptr;
    }
    return found;
}

// Points the context at the list's event, as an event route's authorization would have.
void enterEvent(Context& ctx, const ListInEvent& l) {
    ctx.event = l.event;
    ctx.plugins = l.plugins;
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

Response redeem(Context& ctx, KnownLists& known) {
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
    std::vector<ListRef> lists;
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
            auto found = id ? findList(ctx, known, *id) : nullptr;
            if (!found) {
                errors["lists"].push_back("Invalid pk \"" + (v.is_string() ? v.get<std::string>() : v.dump()) +
                                          "\" - object does not exist.");
                continue;
            }
            if (std::any_of(lists.begin(), lists.end(), [&](const auto& l) { return l->event.id == found->event.id; })) {
                errors["lists"].push_back("Selecting two check-in lists from the same event is unsupported.");
                continue;
            }
            lists.push_back(std::move(found));
        }
    }
    if (!errors.empty()) {
        return Response::fieldErrors(errors);
    }
    req.code = secret->get<std::string>();
    req.allowIdLookup = false;
    req.device = redeemingDevice(ctx);
    // The list of the event the ticket belongs to; an unknown ticket is answered for the first.
    // With one list (a scanner at one event's door) that is the one, whatever the ticket.
    const ListInEvent* target = lists.front().get();
    if (lists.size() > 1) {
        model::Store::Transaction reading(ctx.store, model::Store::TxMode::Deferred);
        model::PositionQuery positions(ctx.store);
        for (const auto& l : lists) {
            if (positions.bySecret(l->event.id, req.code)) {
                target = l.get();
                break;
            }
        }
        reading.commit();
    }
    req.listId = target->list.id;
    enterEvent(ctx, *target);
    return suspendRedeem(ctx, target->event.id, std::move(req), [](Context& c, const checkin::RedeemResult& r) {
        auto response = redeemResponse(c, r);
        const auto expand = c.request.queryList("expand");
        const bool answered = r.ticket && !r.ticket->position.answers.empty();
        if (answered && std::find(expand.begin(), expand.end(), "answers.question") != expand.end()) {
            expandAnswerQuestions(c, response);
        }
        return response;
    });
}

// One page over several lists' positions, list after list.
Response searchLists(Context& ctx, const std::vector<ListRef>& lists, const model::PositionFilter& base) {
    model::PositionQuery pq(ctx.store);
    model::Store::Transaction reading(ctx.store, model::Store::TxMode::Deferred);
    std::vector<std::int64_t> counts;
    std::int64_t total = 0;
    for (const auto& l : lists) {
        model::PositionFilter f = base;
        f.list = l->list.id;
        counts.push_back(pq.count(l->event.id, f));
        total += counts.back();
    }
    auto fetch = [&](std::int64_t offset, std::int64_t limit, model::JsonText& out) {
        for (std::size_t i = 0; i < lists.size() && limit > 0; ++i) {
            if (offset >= counts[i]) {
                offset -= counts[i];
                continue;
            }
            model::PositionFilter f = base;
            f.list = lists[i]->list.id;
            f.offset = offset;
            f.limit = limit;
            enterEvent(ctx, *lists[i]);
            const auto rows = pq.rowsById(pq.pageIds(lists[i]->event.id, f));
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
    auto known = std::make_shared<KnownLists>();
    router.add("POST", rpc + "redeem/", Auth::OrganizerToken, Devices::Allowed,
               Permissions{Permission::ChangeOrders, Permission::CheckinOrders},
               [known](Context& ctx) { return redeem(ctx, *known); });
    router.checksAccessItself();  // checkin::RedeemRequest::accessVersion
    router.add("GET", rpc + "search/", Auth::OrganizerToken, Devices::Allowed,
               Permissions{Permission::ViewOrders, Permission::CheckinOrders}, [kept, known](Context& ctx) {
        std::vector<ListRef> lists;
        std::vector<std::string> missing;
        for (const auto& v : ctx.request.queryList("list")) {
            auto id = parseId(v);
            auto found = id ? findList(ctx, *known, *id) : nullptr;
            if (found) {
                lists.push_back(std::move(found));
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
            enterEvent(ctx, *lists.front());
            f.list = lists.front()->list.id;
            return listPositions(ctx, f, true, kept->positions);
        }
        return searchLists(ctx, lists, f);
    });
}

}  // namespace boxoffice::server::detail
