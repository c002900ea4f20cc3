// The detail pane's text for one order: every order field, the invoice address, the positions
// with add-ons under their parent, their answers, and each position's check-in history per list
// (entry or exit, local time, gate or device, automatic, waiting for upload). A read-only text
// control shows it, so a screen reader reads it line by line. UI thread (uses wx formatting).
#pragma once

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Item.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Question.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>
#include <wx/string.h>

namespace boxoffice::gui {

struct OrderDetails {
    model::Order order;
    // Per position of `order` (same order): its check-ins on every list, oldest first.
    std::vector<std::vector<model::Checkin>> checkins;
    std::map<model::Id, std::string> listNames;
    std::vector<model::Question> questions;
};

// The positions of `order` in display order: each position followed by its add-ons.
std::vector<std::size_t> displayOrder(const model::Order& order);

wxString orderDetailsText(const OrderDetails& details, const std::map<model::Id, model::Item>& items,
                          const std::string& currency);

// "Checked in 19:02 (desk)", "Left ...", "Not checked in", "Canceled": the latest check-in.
wxString checkinState(const model::OrderPosition& position, const std::vector<model::Checkin>& checkins);

} // namespace boxoffice::gui
