// Gathers from the store what tickets print: the TicketData of a position (order, event,
// product, answers, first scan ...) and the design (layout + background) that applies to it.
// Caches per-event data (products, questions, layouts) for the life of the loader, so build one
// per batch. Uses the caller's Store; call from the thread that owns that Store.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/render/BatchRenderer.h"

namespace boxoffice::render {

class TicketLoader {
public:
    explicit TicketLoader(model::Store& store);
    ~TicketLoader();

    // NotFound when the event or position does not exist.
    model::Result<layout::TicketData> load(model::Id eventId, model::Id positionId);

    // What the designer draws a layout with: the event's first order position that is not
    // cancelled (orders by date), or, for an event without one, sample data as pretix's preview
    // has (order PREVIEW1234, attendee John Doe, the event's first product). NotFound without the
    // event.
    model::Result<layout::TicketData> preview(model::Id eventId);

    // The design for a ticket: `layoutId` when given (NotFound if the event has no such layout),
    // else the layout assigned to (item, channel), else the event's default layout, else pretix's
    // default layout on a blank A4 page. A stored background that is missing is an error.
    model::Result<std::shared_ptr<const RenderTemplate>> design(model::Id eventId, model::Id itemId,
                                                                const std::string& channel,
                                                                std::optional<model::Id> layoutId = std::nullopt);

    // Jobs for positions, each with its design (`layoutId` overrides the selection for all).
    model::Result<std::vector<TicketJob>> jobs(model::Id eventId, const std::vector<model::Id>& positionIds,
                                               std::optional<model::Id> layoutId = std::nullopt);

    // IDs of the positions of an order (not cancelled), in position order.
    model::Result<std::vector<model::Id>> orderPositions(model::Id eventId, const std::string& orderCode);
    std::vector<model::Id> allPositions(model::Id eventId);

    // Calls `visit` with the data of each ticket of the event that is not canceled, order by
    // order, until it returns false; `total` is the event's number of positions (for progress).
    // Orders are read 500 at a time and the first scans in one query, inside one read
    // transaction, so a whole event costs a few hundred statements, not several per ticket.
    // The TicketData lives only during the call; `visit` may add values of its own to its `extra`
    // (a certificate's), which is emptied before the next ticket. Returns how many tickets were
    // visited; NotFound for an unknown event.
    model::Result<std::size_t> forEachTicket(
        model::Id eventId, const std::function<bool(layout::TicketData& ticket, std::size_t total)>& visit);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boxoffice::render
