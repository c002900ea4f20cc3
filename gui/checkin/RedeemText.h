// What the desk says about a redeem that was refused, in the user's language: shared by the door
// and the order browser's check-in actions. UI thread only.
#pragma once

#include "boxoffice/checkin/Redeem.h"

#include <wx/string.h>

namespace boxoffice::gui {

// "Unknown ticket", "Not paid", "Already checked in", ...
wxString refusalText(checkin::Reason reason);

} // namespace boxoffice::gui
