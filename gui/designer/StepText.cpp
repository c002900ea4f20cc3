#include "designer/StepText.h"

#include <algorithm>
#include <wx/intl.h>

namespace boxoffice::gui {

namespace {

// The number that chooses a plural form (wxPLURAL takes an unsigned int).
unsigned pluralOf(std::size_t n) { return static_cast<unsigned>(std::min<std::size_t>(n, 1'000'000'000)); }

} // namespace

wxString stepText(const layout::StepLabel& label) {
    const std::size_t n = label.count;
    const unsigned p = pluralOf(n);
    switch (label.kind) {
        case layout::EditKind::Add: return wxString::Format(wxPLURAL("Add %zu element", "Add %zu elements", p), n);
        case layout::EditKind::Delete:
            return wxString::Format(wxPLURAL("Delete %zu element", "Delete %zu elements", p), n);
        case layout::EditKind::Move: return wxString::Format(wxPLURAL("Move %zu element", "Move %zu elements", p), n);
        case layout::EditKind::Resize:
            return wxString::Format(wxPLURAL("Resize %zu element", "Resize %zu elements", p), n);
        case layout::EditKind::Rotate:
            return wxString::Format(wxPLURAL("Rotate %zu element", "Rotate %zu elements", p), n);
        case layout::EditKind::Align:
            return wxString::Format(wxPLURAL("Align %zu element", "Align %zu elements", p), n);
        case layout::EditKind::Distribute:
            return wxString::Format(wxPLURAL("Distribute %zu element", "Distribute %zu elements", p), n);
        case layout::EditKind::Reorder:
            return wxString::Format(wxPLURAL("Reorder %zu element", "Reorder %zu elements", p), n);
        case layout::EditKind::Lock: return wxString::Format(wxPLURAL("Lock %zu element", "Lock %zu elements", p), n);
        case layout::EditKind::Unlock:
            return wxString::Format(wxPLURAL("Unlock %zu element", "Unlock %zu elements", p), n);
        case layout::EditKind::Cut: return wxString::Format(wxPLURAL("Cut %zu element", "Cut %zu elements", p), n);
        case layout::EditKind::Paste:
            return wxString::Format(wxPLURAL("Paste %zu element", "Paste %zu elements", p), n);
        case layout::EditKind::Duplicate:
            return wxString::Format(wxPLURAL("Duplicate %zu element", "Duplicate %zu elements", p), n);
        case layout::EditKind::Change:
            return wxString::Format(wxPLURAL("Change %zu element", "Change %zu elements", p), n);
        case layout::EditKind::Replace: return _("Replace the layout");
    }
    return _("Edit");
}

wxString undoText(const std::optional<layout::StepLabel>& label) {
    // TRANSLATORS: %s is what the step did, such as "Move 3 elements".
    return label ? wxString::Format(_("Undo %s"), stepText(*label)) : _("Undo");
}

wxString redoText(const std::optional<layout::StepLabel>& label) {
    // TRANSLATORS: %s is what the step did, such as "Move 3 elements".
    return label ? wxString::Format(_("Redo %s"), stepText(*label)) : _("Redo");
}

} // namespace boxoffice::gui
