// The designer's document: a layout being edited, its selection, the elements locked in place,
// and the undo history. Every edit the designer offers is a method here, so it is tested without
// a display and the canvas only turns gestures into calls: add, delete, move, resize, rotate,
// align, distribute, z-order, lock, cut, copy, paste, duplicate and property changes.
//
// History: each edit is one step with a label (what and how many: the GUI words it, "Undo Move 3
// elements"). Edits given the same `burst` key one after another join one step until
// endBurst(): one drag, one burst of arrow keys or one typed value is one step. A step keeps the
// layout from before it (layouts are small), so undo and redo restore exactly.
//
// Locks are the designer's, not the file's: a locked element is selected as any other but is
// neither moved, resized, rotated, aligned nor deleted.
//
// Pages and background: the document also holds the background PDF the layout prints on
// (BackgroundFile), so replacing it or adding a page to it is a step like any other and undo
// brings the old one back; the elements keep their positions. A ticket prints one page per page
// of the background (spec ticket-layout.md §6.1), so an element whose page the background lacks
// prints nothing. Removing a page takes what the page shows with it: its elements and, when the
// background PDF has that page, the background's page, so the pages after it move up one with
// their own background pages and print as before (removePage). Not thread-safe: one owner.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Geometry.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::layout {

enum class EditKind {
    Add, Delete, Move, Resize, Rotate, Align, Distribute, Reorder, Lock, Unlock, Cut, Paste, Duplicate, Change, Replace,
    MoveToPage, Background, AddPage, RemovePage
};

// Which property a Change step set, so that its label can name it ("Change font size of 3
// elements"); Unnamed for a change the label does not name.
enum class Property {
    Unnamed, Size, Content, Text, FontFamily, FontSize, FontStyle, Color, Alignment, LineHeight, AutoResize,
    SplitLongWords, QuietZone, LogoStyle, Image
};

// What a step did: its kind, how many elements it touched and, for a Change, which property.
struct StepLabel {
    EditKind kind = EditKind::Change;
    std::size_t count = 0;
    Property property = Property::Unnamed;
    int page = 0;  // RemovePage: the page removed (1-based)
    bool operator==(const StepLabel&) const = default;
};

// The background a layout prints on, as the designer edits it. The document never reads the PDF
// (PDFs are services/render's): whoever makes one fills in its page count. Shared and never
// changed once made, so the history keeps backgrounds without copying them.
struct BackgroundFile {
    std::vector<unsigned char> pdf;       // empty: none, the layout prints on one blank A4 page
    int pages = 1;                        // pages of `pdf`; 1 without one
    Length width = Length::mm(210);       // its first page's size, which every page of a ticket
    Length height = Length::mm(297);      // has (spec §6.1); A4 without a PDF
    std::optional<std::string> storedId;  // the stored file it is; nullopt: none, or not stored yet
    bool operator==(const BackgroundFile&) const = default;
};
using SharedBackground = std::shared_ptr<const BackgroundFile>;

enum class Alignment { Left, CenterX, Right, Bottom, CenterY, Top };
enum class Axis { X, Y };
enum class Reorder { Forward, Backward, ToFront, ToBack };

class Document {
public:
    // `background`: as stored (nullptr: none).
    explicit Document(Layout layout = {}, TextAreaHeight measure = {}, SharedBackground background = nullptr);

    const Layout& layout() const { return m_layout; }
    // The background (never nullptr; without one, an empty BackgroundFile of one page).
    const SharedBackground& background() const { return m_background; }
    // The pages that print: the background's.
    int printedPages() const { return std::max(1, m_background->pages); }
    // The pages the designer shows: those that print, and beyond them any page an element names
    // (such an element prints nothing until the background has its page).
    int pageCount() const { return std::max(printedPages(), m_layout.maxPage()); }
    const Element& element(std::size_t index) const { return m_layout.elements.at(index); }
    std::size_t size() const { return m_layout.elements.size(); }
    Frame frame(std::size_t index) const { return frameOf(element(index), m_measure); }

    // Selection: indices into layout().elements, ascending.
    const std::vector<std::size_t>& selection() const { return m_selection; }
    void select(std::vector<std::size_t> indices);
    void selectAll(int page);
    void clearSelection() { m_selection.clear(); }
    // The topmost element of `page` under `p` (within `tolerance`), rotation followed.
    std::optional<std::size_t> elementAt(int page, Point p, Length tolerance) const;
    // A click: selects the element under `p` (extend: Shift adds or removes it; nothing under
    // the pointer clears the selection unless extending). Returns the element clicked.
    std::optional<std::size_t> click(int page, Point p, Length tolerance, bool extend);
    // A rubber band: selects the elements of `page` wholly inside `band` (extend: added).
    void selectEnclosed(int page, const Bounds& band, bool extend);
    // The bounds of the selected elements together; nullopt when nothing is selected.
    std::optional<Bounds> selectionBounds() const;

    bool isLocked(std::size_t index) const { return m_locked.contains(index); }

    // Edits. Each returns false, changing nothing and making no step, when there is nothing to
    // do (nothing selected, everything locked, a no-op).
    std::size_t add(Element element, std::string_view burst = {});   // appended and selected
    bool removeSelected();
    bool moveSelected(Length dx, Length dy, std::string_view burst = {});
    // Drags handle `handle` of element `index` to `to` (page coordinates). Corner handles of a
    // QR code keep it square, of a logo its aspect; sizes never fall below `minimum`; the
    // opposite corner or edge stays where it was. Rotate turns text so the handle points at `to`.
    bool resize(std::size_t index, Handle handle, Point to, Length minimum, std::string_view burst = {});
    bool rotate(std::size_t index, double degrees, std::string_view burst = {});
    // Aligns the selection's unlocked elements to the selection's bounds (two or more selected).
    bool align(Alignment alignment);
    // Spaces three or more selected elements evenly between the outermost two.
    bool distribute(Axis axis);
    bool reorder(Reorder how);
    bool setLocked(bool locked);
    // Replaces element `index` (a property edited in the panel).
    bool change(std::size_t index, Element element, std::string_view burst = {},
                Property property = Property::Unnamed);
    // Applies `edit` to every selected element that is not locked, as one step labelled with
    // `property` and the number of elements it changed (several selected texts get one font
    // size). `edit` may leave an element as it is (a QR code has no font); when it changes none,
    // nothing changes and no step is made.
    bool changeSelected(Property property, const std::function<void(Element&)>& edit, std::string_view burst = {});
    // Moves the selection's unlocked elements to page `page` (1-based; the first page below 1),
    // keeping their positions on the page; they stay selected.
    bool moveSelectedToPage(int page);
    // The elements on page `page` (1-based), and whether any of them is locked.
    std::size_t elementsOn(int page) const;
    bool lockedOn(int page) const;
    // Whether the background PDF has page `page`: removing that page removes the background's too.
    bool backgroundHas(int page) const {
        return !m_background->pdf.empty() && page >= 1 && page <= m_background->pages;
    }
    // Removes page `page` (1-based) as one step (RemovePage, counting the elements that went, with
    // the page): its elements are deleted, those of later pages move up one page (their place on
    // the page unchanged), the selection is cleared. When backgroundHas(page), `background` is the
    // background without that page (its later pages moved up; the caller makes it, the document
    // never reads PDFs) and replaces it; else it must be nullptr. False, changing nothing: the
    // layout's only page, a page it does not show, a page with a locked element (locks keep
    // elements from being deleted), the background PDF's only page (a background has at least
    // one), or a `background` that is missing, not one page shorter, or not wanted.
    bool removePage(int page, SharedBackground background = nullptr);
    // Replaces the whole layout (the JSON source view's Apply, an import), and the background
    // with it when `background` is given. Clears selection and locks.
    void replace(Layout layout, SharedBackground background = nullptr);
    // Puts the layout on `background` (nullptr: none, a blank A4 page), the elements where they
    // are: one step labelled `kind` (Background, or AddPage for the same background one page
    // longer). False when it is the background already.
    bool setBackground(SharedBackground background, EditKind kind = EditKind::Background);
    // `was` (the background, or one in the history) has been stored as `stored` (the same PDF
    // with its storedId): the document and its history name the stored one from now on, so it is
    // not stored again. Makes no step.
    void backgroundStored(const SharedBackground& was, SharedBackground stored);

    // Clipboard: the selected elements as pretix layout JSON text (what pretix's editor keeps),
    // so it pastes across layouts and into pretix's source view.
    std::string copy() const;
    bool cut();
    // Adds the elements of `json` (a layout JSON array) to `page`, moved by (dx, dy), and
    // selects them. BadInput for text that is not a layout; the document is then unchanged.
    model::Result<std::size_t> paste(std::string_view json, int page, Length dx = {}, Length dy = {});
    // Copies and pastes the selection `offset` to the right and below.
    bool duplicate(Length offset);

    // History.
    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    std::optional<StepLabel> undoLabel() const;
    std::optional<StepLabel> redoLabel() const;
    bool undo();
    bool redo();
    // Ends the running burst: the next edit starts a new step (mouse released, arrow keys paused,
    // a field left).
    void endBurst() { m_burst.clear(); }
    // Whether the layout or its background differs from the one last marked saved.
    bool modified() const { return m_layout != m_saved || m_background != m_savedBackground; }
    void markSaved() {
        m_saved = m_layout;
        m_savedBackground = m_background;
    }

private:
    struct Step {
        StepLabel label;
        Layout before;
        std::vector<std::size_t> selectionBefore;
        std::set<std::size_t> lockedBefore;
        Layout after;
        std::vector<std::size_t> selectionAfter;
        std::set<std::size_t> lockedAfter;
        SharedBackground backgroundBefore;
        SharedBackground backgroundAfter;
    };
    // Opens a step (or continues the running burst with the same key) before an edit.
    void begin(StepLabel label, std::string_view burst);
    // Closes the step just edited: records what the layout became.
    void commit();
    std::vector<std::size_t> unlockedSelection() const;
    // Moves elements within the layout, carrying selection and locks along: `order[i]` is the
    // old index of the element that ends at i.
    void permute(const std::vector<std::size_t>& order);

    Layout m_layout;
    Layout m_saved;
    SharedBackground m_background;
    SharedBackground m_savedBackground;
    TextAreaHeight m_measure;
    std::vector<std::size_t> m_selection;
    std::set<std::size_t> m_locked;
    std::vector<Step> m_undo;
    std::vector<Step> m_redo;
    std::string m_burst;
};

}  // namespace boxoffice::layout
