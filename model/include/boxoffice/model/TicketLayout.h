// Ticket layouts (pretix's PDF output) and which product and sales channel uses which layout;
// the certificate layout of an event.
// The layout document itself stays JSON here; services/layout gives it structure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "boxoffice/model/Time.h"
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

// The design of an event's certificates of attendance: the ticket layout format, one per event.
struct CertificateLayout {
    Id eventId = 0;
    nlohmann::json layout = nlohmann::json::array();
    std::optional<std::string> background;  // id of a stored file, or none (blank A4)
    Timestamp modified{};
};

}  // namespace boxoffice::model
