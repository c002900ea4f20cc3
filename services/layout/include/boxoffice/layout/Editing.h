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
// neither moved, resized, rotated, aligned nor deleted. Not thread-safe: one owner.
#pragma once

#include <cstddef>
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
    Add, Delete, Move, Resize, Rotate, Align, Distribute, Reorder, Lock, Unlock, Cut, Paste, Duplicate, Change, Replace
};

// What a step did: its kind and how many elements it touched.
struct StepLabel {
    EditKind kind = EditKind::Change;
    std::size_t count = 0;
    bool operator==(const StepLabel&) const = default;
};

enum class Alignment { Left, CenterX, Right, Bottom, CenterY, Top };
enum class Axis { X, Y };
enum class Reorder { Forward, Backward, ToFront, ToBack };

class Document {
public:
    explicit Document(Layout layout = {}, TextAreaHeight measure = {});

    const Layout& layout() const { return m_layout; }
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
    bool change(std::size_t index, Element element, std::string_view burst = {});
    // Replaces the whole layout (the JSON source view's Apply). Clears selection and locks.
    void replace(Layout layout);

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
    // Whether the layout differs from the one last marked saved.
    bool modified() const { return m_layout != m_saved; }
    void markSaved() { m_saved = m_layout; }

private:
    struct Step {
        StepLabel label;
        Layout before;
        std::vector<std::size_t> selectionBefore;
        std::set<std::size_t> lockedBefore;
        Layout after;
        std::vector<std::size_t> selectionAfter;
        std::set<std::size_t> lockedAfter;
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
    TextAreaHeight m_measure;
    std::vector<std::size_t> m_selection;
    std::set<std::size_t> m_locked;
    std::vector<Step> m_undo;
    std::vector<Step> m_redo;
    std::string m_burst;
};

}  // namespace boxoffice::layout
