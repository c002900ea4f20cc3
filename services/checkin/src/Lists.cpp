#include "boxoffice/checkin/Lists.h"

#include <algorithm>

#include "WriterLock.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::checkin {

using model::Id;

std::optional<ListStatus> listStatus(model::Store& store, Id eventId, Id listId) {
    model::CheckinRepository checkins(store);
    auto list = checkins.list(eventId, listId);
    if (!list) {
        return std::nullopt;
    }
    ListStatus s;
    s.list = *list;
    s.insideCount = checkins.insideCount(listId);
    const auto counts = checkins.productCounts(listId);
    for (auto& item : model::EventRepository(store).items(eventId)) {
        if (!list->allProducts &&
            std::find(list->limitProducts.begin(), list->limitProducts.end(), item.id) == list->limitProducts.end()) {
            continue;
        }
        ItemStatus is;
        for (const auto& c : counts) {
            if (c.itemId == item.id) {
                is.positionCount += c.positions;
                is.checkinCount += c.checkins;
            }
        }
        for (const auto& v : item.variations) {
            VariationStatus vs{v, 0, 0};
            for (const auto& c : counts) {
                if (c.itemId == item.id && c.variationId == v.id) {
                    vs.positionCount += c.positions;
                    vs.checkinCount += c.checkins;
                }
            }
            is.variations.push_back(std::move(vs));
        }
        is.item = std::move(item);
        s.items.push_back(std::move(is));
    }
    return s;
}

model::CheckinList scannerList(model::Store& store, Id eventId) {
    model::CheckinRepository checkins(store);
    model::EventRepository events(store);
    if (auto event = events.eventById(eventId); event && event->scannerListId) {
        if (auto chosen = checkins.listInfo(eventId, *event->scannerListId)) {
            return *chosen;
        }
    }
    auto firstList = [&]() -> std::optional<model::CheckinList> {
        auto q = store.cached("SELECT id FROM checkin_list WHERE event_id = ? ORDER BY id LIMIT 1");
        q.bind(1, eventId);
        if (!q.executeStep()) {
            return std::nullopt;
        }
        return checkins.listInfo(eventId, q.getColumn(0).getInt64());
    };
    if (auto first = firstList()) {
        return *first;
    }
    std::lock_guard lock(detail::writerMutex(store));
    model::Store::Transaction tx(store, model::Store::TxMode::Immediate);
    if (auto first = firstList()) {  // another gate created it meanwhile
        return *first;
    }
    model::CheckinList list;
    list.eventId = eventId;
    list.name = "Default";
    list.allProducts = true;
    checkins.upsertList(list);
    tx.commit();
    return list;
}

std::vector<model::Checkin> autoCheckin(model::Store& store, const model::Order& order) {
    std::vector<model::Checkin> created;
    model::CheckinRepository checkins(store);
    for (const auto& list : checkins.lists(order.eventId)) {
        const auto& channels = list.autoCheckinSalesChannels;
        if (std::find(channels.begin(), channels.end(), order.salesChannel) == channels.end()) {
            continue;
        }
        for (const auto& p : order.positions) {
            const bool admits =
                !p.canceled &&
                (list.allProducts ||
                 std::find(list.limitProducts.begin(), list.limitProducts.end(), p.itemId) != list.limitProducts.end()) &&
                (!list.subeventId || p.subeventId == list.subeventId);
            if (!admits || !checkins.forPosition(p.id, list.id).empty()) {
                continue;
            }
            model::Checkin c;
            c.listId = list.id;
            c.positionId = p.id;
            c.datetime = order.datetime;
            c.type = model::CheckinType::Entry;
            c.autoCheckedIn = true;
            c.device = "auto";
            checkins.insert(c);
            created.push_back(c);
        }
    }
    return created;
}

}  // namespace boxoffice::checkin
