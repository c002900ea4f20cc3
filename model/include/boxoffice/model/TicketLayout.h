// Ticket layouts (pretix's PDF output) and which product and sales channel uses which layout.
// The layout document itself stays JSON here; services/layout gives it structure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "boxoffice/model/Types.h"

namespace boxoffice::model {

struct TicketLayoutItem {
    Id id = 0;
    Id layoutId = 0;
    Id itemId = 0;
    std::string salesChannel = "web";
};

struct TicketLayout {
    Id id = 0;
    Id eventId = 0;
    std::string name;
    bool isDefault = false;
    nlohmann::json layout = nlohmann::json::array();
    std::optional<std::string> background;  // id of a stored file (see Files), or none
    std::vector<TicketLayoutItem> itemAssignments;
};

}  // namespace boxoffice::model
