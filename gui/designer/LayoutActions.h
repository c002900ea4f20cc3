// What the Designer tab asks before it overwrites a stored layout: the question shown when Save
// finds that the layout was changed elsewhere (a scanner client, another box office, the LAN API)
// since it was opened. The Manage layout menu's actions themselves are DesignerPanel's
// (LayoutActions.cpp). UI thread only.
#pragma once

#include <wx/string.h>

class wxWindow;

namespace boxoffice::gui {

// Asks, in a native dialog over `parent`, whether to overwrite the change made elsewhere to the
// layout named `layoutName` (Overwrite) or to keep editing without saving (Cancel, the default).
// True for Overwrite.
bool askOverwrite(const wxString& layoutName, wxWindow* parent);

} // namespace boxoffice::gui
