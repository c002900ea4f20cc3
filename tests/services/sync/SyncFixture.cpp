#include "SyncFixture.h"

#include <catch2/catch.hpp>

#include "boxoffice/checkin/Redeem.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/pdf/PdfPlugin.h"

namespace boxoffice::test {

using nlohmann::json;

SyncFixture::SyncFixture(int bulkOrders, bool withPdf)
    : source(dir / "remote.sqlite"), ids(createDemoData(source)), token(createEventToken(source, "fest")),
      local(dir / "local.sqlite") {
    if (bulkOrders > 0) {
        addBulkOrders(source, ids.eventId, bulkOrders);
    }
    server::ServerOptions o;
    o.database = dir / "remote.sqlite";
    o.port = 0;
    o.threads = 8;
    std::vector<std::shared_ptr<server::Plugin>> plugins;
    if (withPdf) {
        plugins.push_back(std::make_shared<pdf::PdfPlugin>());
    }
    server = std::make_unique<server::Server>(o, plugins);
    auto started = server->start();
    REQUIRE(started.ok());
    proxy = std::make_unique<FaultProxy>(started.value());
    remote.url = proxy->url();
    remote.organizer = "demo";
    remote.eventSlug = "fest";
    remote.tokenLocation = "test";
    model::Store::Transaction tx(local);
    model::SyncRepository(local).saveRemote(remote);
    tx.commit();
}

SyncFixture::~SyncFixture() {
    proxy.reset();
    server->stop();
}

std::unique_ptr<sync::SyncEngine> SyncFixture::engine(int maxAttempts) {
    sync::EngineOptions o;
    o.http.token = token;
    o.retry.maxAttempts = maxAttempts;
    o.retry.base = std::chrono::milliseconds(20);
    o.retry.cap = std::chrono::milliseconds(200);
    o.retry.queueCap = std::chrono::milliseconds(0);
    auto current = model::SyncRepository(local).remote(remote.id);
    return std::make_unique<sync::SyncEngine>(local, current.value_or(remote), o);
}

model::Id SyncFixture::admit(model::Store& store, model::Id eventId, const std::string& secret, const std::string& device,
                             std::optional<model::Timestamp> when) {
    checkin::RedeemRequest r;
    r.code = secret;
    r.listId = DemoIds::kMainList;
    r.device = device;
    r.datetime = when;
    auto result = checkin::redeem(store, eventId, r);
    REQUIRE(result.ok());
    REQUIRE(result->status == checkin::Status::Ok);
    REQUIRE(result->checkin);
    return result->checkin->id;
}

model::Id SyncFixture::localEventId() {
    auto e = model::EventRepository(local).eventBySlug("demo", "fest");
    REQUIRE(e);
    return e->id;
}

json SyncFixture::snapshot(model::Store& store) {
    model::EventRepository events(store);
    auto event = events.eventBySlug("demo", "fest");
    if (!event) {
        return nullptr;
    }
    json out;
    out["event"] = {event->slug, event->name.toJson(), event->currency};
    for (const auto& i : events.items(event->id)) {
        json vars = json::array();
        for (const auto& v : i.variations) {
            vars.push_back({v.id, v.value.toJson(), v.defaultPrice.toString()});
        }
        out["items"].push_back({i.id, i.name.toJson(), i.defaultPrice.toString(), i.admission, vars});
    }
    for (const auto& q : events.questions(event->id)) {
        json opts = json::array();
        for (const auto& o : q.options) {
            opts.push_back({o.id, o.answer.toJson()});
        }
        out["questions"].push_back({q.id, q.type, q.question.toJson(), q.items, opts});
    }
    model::CheckinRepository checkins(store);
    for (const auto& l : checkins.lists(event->id)) {
        out["lists"].push_back({l.id, l.name, l.allProducts, l.limitProducts, l.includePending});
    }
    model::OrderQuery all;
    all.ordering = "code";
    for (const auto& o : model::OrderRepository(store).list(event->id, all)) {
        json positions = json::array();
        for (const auto& p : o.positions) {
            json answers = json::array();
            for (const auto& a : p.answers) {
                answers.push_back({a.questionId, a.answer, a.options});
            }
            json cis = json::array();
            for (const auto& c : checkins.forPosition(p.id)) {
                cis.push_back({c.id, c.listId, model::formatTimestamp(c.datetime), std::string(model::toString(c.type))});
            }
            std::sort(cis.begin(), cis.end());
            positions.push_back({p.id, p.positionid, p.secret, p.itemId, p.variationId ? json(*p.variationId) : json(nullptr),
                                 p.attendeeName.value_or(""), p.price.toString(), p.addonTo ? json(*p.addonTo) : json(nullptr),
                                 answers, cis});
        }
        out["orders"].push_back({o.code, std::string(1, model::statusCode(o.status)), o.email, o.total.toString(),
                                 model::formatTimestamp(o.datetime), positions});
    }
    return out;
}

std::int64_t SyncFixture::checkinsOf(model::Store& store, model::Id positionId, model::Id listId) {
    return static_cast<std::int64_t>(model::CheckinRepository(store).forPosition(positionId, listId).size());
}

}  // namespace boxoffice::test
