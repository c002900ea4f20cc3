#include "PositionSelection.h"

#include <fmt/core.h>

#include "boxoffice/model/EventRepository.h"

#if defined(BOXOFFICE_HAVE_RENDER)
#include "boxoffice/render/TicketLoader.h"

namespace boxoffice::cli {

PositionSelection selectPositions(model::Store& store, const std::string& organizer, const std::string& event,
                                  const std::vector<long long>& positions, const std::vector<std::string>& orders,
                                  bool all) {
    auto found = model::EventRepository(store).eventBySlug(organizer, event);
    if (!found) {
        throw UserError(fmt::format("Organizer \"{}\" has no event \"{}\".", organizer, event));
    }
    PositionSelection s{*found, {positions.begin(), positions.end()}};
    render::TicketLoader loader(store);
    for (const auto& code : orders) {
        auto ids = loader.orderPositions(s.event.id, code);
        if (!ids) {
            throw UserError(ids.error().message);
        }
        s.positionIds.insert(s.positionIds.end(), ids->begin(), ids->end());
    }
    if (all) {
        auto ids = loader.allPositions(s.event.id);
        s.positionIds.insert(s.positionIds.end(), ids.begin(), ids.end());
    }
    return s;
}

}  // namespace boxoffice::cli
#endif
