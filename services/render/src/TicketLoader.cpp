// Loading ticket data and designs from the store.
#include "boxoffice/render/TicketLoader.h"

#include <glib.h>

#include <fmt/core.h>

#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/OrderRepository.h"

namespace boxoffice::render {
namespace {

struct EventCache {
    model::Event event;
    model::Organizer organizer;
    std::vector<model::SubEvent> subevents;
    std::vector<model::Item> items;
    std::vector<model::Category> categories;
    std::vector<model::Question> questions;
    std::function<std::chrono::seconds(model::Timestamp)> utcOffset;
};

std::function<std::chrono::seconds(model::Timestamp)> zoneOffset(const std::string& zone) {
    GTimeZone* tz = g_time_zone_new_identifier(zone.c_str());
    if (!tz) {
        return {};
    }
    std::shared_ptr<GTimeZone> shared(tz, g_time_zone_unref);
    return [shared](model::Timestamp t) {
        auto secs = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
        int interval = g_time_zone_find_interval(shared.get(), G_TIME_TYPE_UNIVERSAL, secs);
        return std::chrono::seconds(interval < 0 ? 0 : g_time_zone_get_offset(shared.get(), interval));
    };
}

}  // namespace

struct TicketLoader::Impl {
    model::Store& store;
    std::map<model::Id, EventCache> events;
    std::map<std::string, std::shared_ptr<const RenderTemplate>> designs;
    std::map<model::Id, model::Order> orders;

    explicit Impl(model::Store& s) : store(s) {}

    const EventCache* event(model::Id eventId) {
        auto it = events.find(eventId);
        if (it != events.end()) {
            return &it->second;
        }
        model::EventRepository repo(store);
        auto ev = repo.eventById(eventId);
        if (!ev) {
            return nullptr;
        }
        EventCache c;
        c.event = *ev;
        for (const auto& o : repo.organizers()) {
            if (o.id == ev->organizerId) {
                c.organizer = o;
            }
        }
        c.subevents = repo.subEvents(eventId);
        c.items = repo.items(eventId);
        c.categories = repo.categories(eventId);
        c.questions = repo.questions(eventId);
        c.utcOffset = zoneOffset(ev->timezone);
        return &events.emplace(eventId, std::move(c)).first->second;
    }

    std::shared_ptr<const RenderTemplate> fromLayout(const model::TicketLayout& stored, model::Result<bool>& error) {
        auto key = fmt::format("layout:{}", stored.id);
        if (auto it = designs.find(key); it != designs.end()) {
            return it->second;
        }
        auto parsed = layout::parseLayout(stored.layout);
        if (!parsed) {
            error = model::Error::badInput(fmt::format("Ticket layout \"{}\": {}", stored.name, parsed.error().message));
            return nullptr;
        }
        auto design = std::make_shared<RenderTemplate>();
        design->layout = std::move(parsed.value());
        design->layoutId = stored.id;
        design->name = stored.name;
        if (stored.background && !stored.background->empty()) {
            auto file = model::LayoutRepository(store).file(*stored.background);
            if (!file) {
                error = model::Error::notFound(
                    fmt::format("The background {} of ticket layout \"{}\" is missing.", *stored.background, stored.name));
                return nullptr;
            }
            design->backgroundPdf = std::move(file->data);
        }
        designs.emplace(key, design);
        return design;
    }
};

TicketLoader::TicketLoader(model::Store& store) : m_impl(std::make_unique<Impl>(store)) {}
TicketLoader::~TicketLoader() = default;

namespace {

// What every ticket of the event shares.
void fillEvent(const EventCache& ev, layout::TicketData& d) {
    d.organizer = ev.organizer;
    d.event = ev.event;
    d.items = ev.items;
    d.questions = ev.questions;
    d.utcOffset = ev.utcOffset;
}

// What is the ticket's own but its first scan and the time: from the order and the position.
void fillTicket(const EventCache& ev, const model::Order& order, const model::OrderPosition& position,
                layout::TicketData& d) {
    d.order = order;
    d.position = position;
    d.parent.reset();
    for (const auto& p : d.order.positions) {
        if (position.addonTo && p.id == *position.addonTo) {
            d.parent = p;
        }
    }
    d.subevent.reset();
    if (position.subeventId) {
        for (const auto& s : ev.subevents) {
            if (s.id == *position.subeventId) {
                d.subevent = s;
            }
        }
    }
    d.item = {};
    d.variation.reset();
    for (const auto& item : ev.items) {
        if (item.id == position.itemId) {
            d.item = item;
            if (position.variationId) {
                for (const auto& v : item.variations) {
                    if (v.id == *position.variationId) {
                        d.variation = v;
                    }
                }
            }
        }
    }
    d.category.reset();
    if (d.item.categoryId) {
        for (const auto& c : ev.categories) {
            if (c.id == *d.item.categoryId) {
                d.category = c;
            }
        }
    }
}

}  // namespace

model::Result<layout::TicketData> TicketLoader::load(model::Id eventId, model::Id positionId) {
    const EventCache* ev = m_impl->event(eventId);
    if (!ev) {
        return model::Error::notFound(fmt::format("There is no event with ID {}.", eventId));
    }
    model::OrderRepository orders(m_impl->store);
    auto position = orders.position(eventId, positionId);
    if (!position) {
        return model::Error::notFound(fmt::format("There is no order position with ID {}.", positionId));
    }
    auto orderIt = m_impl->orders.find(position->orderId);
    if (orderIt == m_impl->orders.end()) {
        auto order = orders.byId(position->orderId);
        if (!order) {
            return model::Error::notFound(fmt::format("The order of position {} is missing.", positionId));
        }
        if (m_impl->orders.size() > 256) {
            m_impl->orders.clear();
        }
        orderIt = m_impl->orders.emplace(order->id, std::move(*order)).first;
    }
    layout::TicketData d;
    fillEvent(*ev, d);
    fillTicket(*ev, orderIt->second, *position, d);
    for (const auto& c : model::CheckinRepository(m_impl->store).forPosition(positionId)) {
        if (c.type == model::CheckinType::Entry && (!d.firstScan || c.datetime < *d.firstScan)) {
            d.firstScan = c.datetime;
        }
    }
    d.now = model::now();
    return d;
}

model::Result<layout::TicketData> TicketLoader::preview(model::Id eventId) {
    const EventCache* ev = m_impl->event(eventId);
    if (!ev) {
        return model::Error::notFound(fmt::format("There is no event with ID {}.", eventId));
    }
    model::OrderQuery first;
    first.ordering = "datetime";
    first.limit = 20;
    for (const auto& order : model::OrderRepository(m_impl->store).list(eventId, first)) {
        for (const auto& p : order.positions) {
            if (!p.canceled) {
                return load(eventId, p.id);
            }
        }
    }
    layout::TicketData d;
    d.organizer = ev->organizer;
    d.event = ev->event;
    d.order.eventId = eventId;
    d.order.code = "PREVIEW1234";
    d.order.status = model::OrderStatus::Paid;
    d.order.email = "john@example.org";
    d.order.locale = "en";
    d.order.datetime = model::now();
    d.position.orderCode = d.order.code;
    d.position.attendeeName = "John Doe";
    // The secret of pretix's examples (spec §9): 32 characters, a QR code of 33 modules.
    d.position.secret = "tdmruoekvkpbv1o2mv8xccvqcikvr58u";
    d.position.pseudonymizationId = "ABCDEFGHKL";
    if (!ev->items.empty()) {
        d.item = ev->items.front();
        d.position.itemId = d.item.id;
        d.position.price = d.item.defaultPrice;
        if (!d.item.variations.empty()) {
            d.variation = d.item.variations.front();
            d.position.variationId = d.variation->id;
        }
        if (d.item.categoryId) {
            for (const auto& c : ev->categories) {
                if (c.id == *d.item.categoryId) {
                    d.category = c;
                }
            }
        }
    }
    if (!ev->subevents.empty()) {
        d.subevent = ev->subevents.front();
        d.position.subeventId = d.subevent->id;
    }
    d.order.positions.push_back(d.position);
    d.order.total = d.position.price;
    d.items = ev->items;
    d.questions = ev->questions;
    d.now = model::now();
    d.utcOffset = ev->utcOffset;
    return d;
}

model::Result<std::shared_ptr<const RenderTemplate>> TicketLoader::design(model::Id eventId, model::Id itemId,
                                                                          const std::string& channel,
                                                                          std::optional<model::Id> layoutId) {
    model::LayoutRepository repo(m_impl->store);
    model::Result<bool> error = true;
    std::optional<model::TicketLayout> chosen;
    if (layoutId) {
        chosen = repo.byId(eventId, *layoutId);
        if (!chosen) {
            return model::Error::notFound(fmt::format("There is no ticket layout with ID {}.", *layoutId));
        }
    } else {
        auto key = fmt::format("assign:{}:{}:{}", eventId, itemId, channel);
        if (auto it = m_impl->designs.find(key); it != m_impl->designs.end()) {
            return it->second;
        }
        for (const auto& l : repo.list(eventId)) {
            for (const auto& a : l.itemAssignments) {
                if (a.itemId == itemId && a.salesChannel == channel && !chosen) {
                    chosen = l;
                }
            }
        }
        if (!chosen) {
            chosen = repo.defaultLayout(eventId);
        }
        std::shared_ptr<const RenderTemplate> design;
        if (chosen) {
            design = m_impl->fromLayout(*chosen, error);
            if (!design) {
                return error.error();
            }
        } else {
            auto fallback = std::make_shared<RenderTemplate>();
            fallback->layout = layout::defaultLayout();
            design = fallback;
        }
        m_impl->designs.emplace(key, design);
        return design;
    }
    auto design = m_impl->fromLayout(*chosen, error);
    if (!design) {
        return error.error();
    }
    return design;
}

model::Result<std::vector<TicketJob>> TicketLoader::jobs(model::Id eventId, const std::vector<model::Id>& positionIds,
                                                         std::optional<model::Id> layoutId) {
    std::vector<TicketJob> out;
    out.reserve(positionIds.size());
    for (model::Id id : positionIds) {
        auto data = load(eventId, id);
        if (!data) {
            return data.error();
        }
        auto design = this->design(eventId, data->position.itemId, data->order.salesChannel, layoutId);
        if (!design) {
            return design.error();
        }
        out.push_back({std::move(data.value()), design.value()});
    }
    return out;
}

model::Result<std::vector<model::Id>> TicketLoader::orderPositions(model::Id eventId, const std::string& orderCode) {
    auto order = model::OrderRepository(m_impl->store).byCode(eventId, orderCode);
    if (!order) {
        return model::Error::notFound(fmt::format("There is no order {}.", orderCode));
    }
    std::vector<model::Id> ids;
    for (const auto& p : order->positions) {
        if (!p.canceled) {
            ids.push_back(p.id);
        }
    }
    return ids;
}

std::vector<model::Id> TicketLoader::allPositions(model::Id eventId) {
    std::vector<model::Id> ids;
    for (const auto& order : model::OrderRepository(m_impl->store).list(eventId, {})) {
        for (const auto& p : order.positions) {
            if (!p.canceled) {
                ids.push_back(p.id);
            }
        }
    }
    return ids;
}

model::Result<std::size_t> TicketLoader::forEachTicket(
    model::Id eventId, const std::function<bool(layout::TicketData&, std::size_t)>& visit) {
    model::Store::Transaction reading(m_impl->store, model::Store::TxMode::Deferred);
    const EventCache* ev = m_impl->event(eventId);
    if (!ev) {
        return model::Error::notFound(fmt::format("There is no event with ID {}.", eventId));
    }
    model::OrderRepository orders(m_impl->store);
    const auto total = static_cast<std::size_t>(orders.positionCount(eventId));
    const auto firstScans = model::CheckinRepository(m_impl->store).firstEntries(eventId);
    std::vector<model::Id> ids;
    for (const auto& r : orders.listRevisions(eventId, {})) {
        ids.push_back(r.id);
    }
    layout::TicketData d;
    fillEvent(*ev, d);
    d.now = model::now();
    std::size_t visited = 0;
    constexpr std::size_t kChunk = 500;
    for (std::size_t from = 0; from < ids.size(); from += kChunk) {
        const std::vector<model::Id> chunk(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                           ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + kChunk)));
        for (const auto& order : orders.byIds(chunk)) {
            for (const auto& position : order.positions) {
                if (position.canceled) {
                    continue;
                }
                fillTicket(*ev, order, position, d);
                const auto scan = firstScans.find(position.id);
                d.firstScan = scan == firstScans.end() ? std::nullopt : std::optional<model::Timestamp>(scan->second);
                d.extra.clear();
                ++visited;
                if (!visit(d, total)) {
                    reading.commit();
                    return visited;
                }
            }
        }
    }
    reading.commit();
    return visited;
}

}  // namespace boxoffice::render
