// The words for the designer's undo history (STYLE.md, "The designer"): a step's label from
// layout::Document (what and how many) as the Undo and Redo buttons say it, "Undo Move 3
// elements", translated with the plural form the count asks for. UI thread only (wx's locale).
#pragma once

#include "boxoffice/layout/Editing.h"

#include <optional>
#include <wx/string.h>

namespace boxoffice::gui {

// "Move 3 elements", "Change 1 element", ...
wxString stepText(const layout::StepLabel& label);
// A Change step's words: "Change font size of 3 elements"; "Change 1 element" when the property
// is Unnamed.
wxString changeText(layout::Property property, std::size_t count);
// "Undo Move 3 elements"; just "Undo" when there is nothing to undo.
wxString undoText(const std::optional<layout::StepLabel>& label);
// "Redo Move 3 elements"; just "Redo" when there is nothing to redo.
wxString redoText(const std::optional<layout::StepLabel>& label);

} // namespace boxoffice::gui
