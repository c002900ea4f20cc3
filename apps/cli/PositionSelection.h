// The tickets a render-like command works on: --position IDs, every position of each --order
// and, with --all, every position of the event. Shared by render and certificate.
#pragma once

#include <string>
#include <vector>

#include "Command.h"
#include "boxoffice/model/Event.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::cli {

struct PositionSelection {
    model::Event event;
    std::vector<model::Id> positionIds;  // in the order given: positions, orders, then all
};

// Throws UserError for an unknown organizer/event or order.
PositionSelection selectPositions(model::Store& store, const std::string& organizer, const std::string& event,
                                  const std::vector<long long>& positions, const std::vector<std::string>& orders,
                                  bool all);

}  // namespace boxoffice::cli
