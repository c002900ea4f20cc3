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
        case layout::EditKind::Change: return changeText(label.property, n);
        case layout::EditKind::Replace: return _("Replace the layout");
        case layout::EditKind::MoveToPage:
            return wxString::Format(wxPLURAL("Move %zu element to another page", "Move %zu elements to another page", p), n);
        case layout::EditKind::Background: return _("Change the background");
        case layout::EditKind::AddPage: return _("Add a page");
        // TRANSLATORS: an undo step, "Undo Remove page 2": the page's number as it was.
        case layout::EditKind::RemovePage: return wxString::Format(_("Remove page %d"), label.page);
    }
    return _("Edit");
}

// One sentence per property, so that each translates whole.
wxString changeText(layout::Property property, std::size_t n) {
    const unsigned p = pluralOf(n);
    using layout::Property;
    switch (property) {
        case Property::Unnamed: break;
        case Property::Size:
            return wxString::Format(wxPLURAL("Change size of %zu element", "Change size of %zu elements", p), n);
        case Property::Content:
            return wxString::Format(wxPLURAL("Change content of %zu element", "Change content of %zu elements", p), n);
        case Property::Text:
            return wxString::Format(wxPLURAL("Change text of %zu element", "Change text of %zu elements", p), n);
        case Property::FontFamily:
            return wxString::Format(wxPLURAL("Change font of %zu element", "Change font of %zu elements", p), n);
        case Property::FontSize:
            return wxString::Format(wxPLURAL("Change font size of %zu element", "Change font size of %zu elements", p), n);
        case Property::FontStyle:
            return wxString::Format(wxPLURAL("Change font style of %zu element", "Change font style of %zu elements", p), n);
        case Property::Color:
            return wxString::Format(wxPLURAL("Change colour of %zu element", "Change colour of %zu elements", p), n);
        case Property::Alignment:
            return wxString::Format(wxPLURAL("Change alignment of %zu element", "Change alignment of %zu elements", p), n);
        case Property::LineHeight:
            return wxString::Format(wxPLURAL("Change line height of %zu element", "Change line height of %zu elements", p),
                                    n);
        case Property::AutoResize:
            return wxString::Format(wxPLURAL("Change auto-resize of %zu element", "Change auto-resize of %zu elements", p),
                                    n);
        case Property::SplitLongWords:
            return wxString::Format(
                wxPLURAL("Change word splitting of %zu element", "Change word splitting of %zu elements", p), n);
        case Property::QuietZone:
            return wxString::Format(wxPLURAL("Change quiet zone of %zu element", "Change quiet zone of %zu elements", p),
                                    n);
        case Property::LogoStyle:
            return wxString::Format(wxPLURAL("Change logo style of %zu element", "Change logo style of %zu elements", p),
                                    n);
        case Property::Image:
            return wxString::Format(wxPLURAL("Change image of %zu element", "Change image of %zu elements", p), n);
    }
    return wxString::Format(wxPLURAL("Change %zu element", "Change %zu elements", p), n);
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
