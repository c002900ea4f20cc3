// "Cancel order...": asks which order to take back, why, and whether its money is paid back (in
// cash or to the card). A modal dialog of native controls with labels; UI thread only.
#pragma once

#include "sales/SalesPanel.h"

#include <optional>
#include <string>

class wxWindow;

namespace boxoffice::gui {

// Shows the dialog with `suggestedCode` (the last sale's) filled in; nullopt when cancelled or
// left without an order code.
std::optional<SalesPanel::CancelAnswer> askCancelOrder(wxWindow* parent, const std::string& suggestedCode);

}  // namespace boxoffice::gui
