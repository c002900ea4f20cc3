#include "boxoffice/layout/Editing.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include "boxoffice/layout/LayoutJson.h"

namespace boxoffice::layout {

namespace {

void shift(Element& element, Length dx, Length dy) {
    auto& b = base(element);
    b.left = b.left + dx;
    b.bottom = b.bottom + dy;
}

double* rotationOf(Element& element) {
    if (auto* text = std::get_if<TextContainer>(&element)) {
        return &text->style.rotation;
    }
    if (auto* area = std::get_if<TextArea>(&element)) {
        return &area->style.rotation;
    }
    return nullptr;
}

// Degrees in (-180, 180].
double normalized(double degrees) {
    double d = std::fmod(degrees, 360.0);
    if (d <= -180.0) {
        d += 360.0;
    } else if (d > 180.0) {
        d -= 360.0;
    }
    return d;
}

bool isCorner(Handle h) {
    return h == Handle::TopLeft || h == Handle::TopRight || h == Handle::BottomLeft || h == Handle::BottomRight;
}
bool movesLeft(Handle h) { return h == Handle::TopLeft || h == Handle::Left || h == Handle::BottomLeft; }
bool movesRight(Handle h) { return h == Handle::TopRight || h == Handle::Right || h == Handle::BottomRight; }
bool movesTop(Handle h) { return h == Handle::TopLeft || h == Handle::Top || h == Handle::TopRight; }
bool movesBottom(Handle h) { return h == Handle::BottomLeft || h == Handle::Bottom || h == Handle::BottomRight; }

// The box `box` with handle `handle` dragged to `to` (both in the element's unrotated frame),
// each size at least `minimum`; the opposite side stays. `aspect` (width / height) kept when set.
Bounds draggedBox(const Bounds& box, Handle handle, Point to, Length minimum, std::optional<double> aspect) {
    Length left = box.left, right = box.right(), bottom = box.bottom, top = box.top();
    if (movesLeft(handle)) {
        left = std::min(to.x, right - minimum);
    }
    if (movesRight(handle)) {
        right = std::max(to.x, left + minimum);
    }
    if (movesBottom(handle)) {
        bottom = std::min(to.y, top - minimum);
    }
    if (movesTop(handle)) {
        top = std::max(to.y, bottom + minimum);
    }
    if (aspect && isCorner(handle)) {
        // The larger pull wins; the other side follows it.
        Length height = std::max(top - bottom, (right - left) / *aspect);
        Length width = height * *aspect;
        if (movesLeft(handle)) {
            left = right - width;
        } else {
            right = left + width;
        }
        if (movesBottom(handle)) {
            bottom = top - height;
        } else {
            top = bottom + height;
        }
    }
    return Bounds{left, bottom, right - left, top - bottom};
}

}  // namespace

namespace {

SharedBackground orNone(SharedBackground background) {
    return background ? std::move(background) : std::make_shared<const BackgroundFile>();
}

}  // namespace

Document::Document(Layout layout, TextAreaHeight measure, SharedBackground background)
    : m_layout(std::move(layout)), m_saved(m_layout), m_background(orNone(std::move(background))),
      m_savedBackground(m_background), m_measure(std::move(measure)) {}

void Document::select(std::vector<std::size_t> indices) {
    std::erase_if(indices, [this](std::size_t i) { return i >= size(); });
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    m_selection = std::move(indices);
}

void Document::selectAll(int page) {
    m_selection.clear();
    for (std::size_t i = 0; i < size(); ++i) {
        if (base(element(i)).page == page) {
            m_selection.push_back(i);
        }
    }
}

std::optional<std::size_t> Document::elementAt(int page, Point p, Length tolerance) const {
    for (std::size_t i = size(); i-- > 0;) {
        if (base(element(i)).page == page && hits(frame(i), p, tolerance)) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> Document::click(int page, Point p, Length tolerance, bool extend) {
    const auto hit = elementAt(page, p, tolerance);
    if (!hit) {
        if (!extend) {
            m_selection.clear();
        }
        return hit;
    }
    const auto at = std::find(m_selection.begin(), m_selection.end(), *hit);
    if (extend) {
        if (at != m_selection.end()) {
            m_selection.erase(at);
        } else {
            auto indices = m_selection;
            indices.push_back(*hit);
            select(std::move(indices));
        }
    } else if (at == m_selection.end()) {
        // Clicking one of several selected elements keeps them all: the drag that follows moves
        // them together.
        m_selection = {*hit};
    }
    return hit;
}

void Document::selectEnclosed(int page, const Bounds& band, bool extend) {
    std::vector<std::size_t> indices = extend ? m_selection : std::vector<std::size_t>{};
    for (std::size_t i = 0; i < size(); ++i) {
        if (base(element(i)).page == page && band.encloses(boundsOf(frame(i)))) {
            indices.push_back(i);
        }
    }
    select(std::move(indices));
}

std::optional<Bounds> Document::selectionBounds() const {
    std::optional<Bounds> out;
    for (std::size_t i : m_selection) {
        const Bounds r = boundsOf(frame(i));
        out = out ? unite(*out, r) : r;
    }
    return out;
}

std::vector<std::size_t> Document::unlockedSelection() const {
    std::vector<std::size_t> out;
    std::copy_if(m_selection.begin(), m_selection.end(), std::back_inserter(out),
                 [this](std::size_t i) { return !isLocked(i); });
    return out;
}

void Document::begin(StepLabel label, std::string_view burst) {
    if (!burst.empty() && burst == m_burst && !m_undo.empty()) {
        m_undo.back().label.count = std::max(m_undo.back().label.count, label.count);
        return;
    }
    m_undo.push_back(Step{label, m_layout, m_selection, m_locked, {}, {}, {}, m_background, {}});
    m_redo.clear();
    m_burst = std::string(burst);
}

void Document::commit() {
    auto& step = m_undo.back();
    step.after = m_layout;
    step.selectionAfter = m_selection;
    step.lockedAfter = m_locked;
    step.backgroundAfter = m_background;
}

std::size_t Document::add(Element e, std::string_view burst) {
    begin(StepLabel{EditKind::Add, 1}, burst);
    m_layout.elements.push_back(std::move(e));
    m_selection = {size() - 1};
    commit();
    return size() - 1;
}

bool Document::removeSelected() {
    const auto doomed = unlockedSelection();
    if (doomed.empty()) {
        return false;
    }
    begin(StepLabel{EditKind::Delete, doomed.size()}, {});
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < size(); ++i) {
        if (!std::binary_search(doomed.begin(), doomed.end(), i)) {
            order.push_back(i);
        }
    }
    permute(order);
    commit();
    return true;
}

bool Document::moveSelected(Length dx, Length dy, std::string_view burst) {
    const auto moving = unlockedSelection();
    if (moving.empty() || (dx == Length{} && dy == Length{})) {
        return false;
    }
    begin(StepLabel{EditKind::Move, moving.size()}, burst);
    for (std::size_t i : moving) {
        shift(m_layout.elements[i], dx, dy);
    }
    commit();
    return true;
}

bool Document::resize(std::size_t index, Handle handle, Point to, Length minimum, std::string_view burst) {
    if (index >= size() || isLocked(index)) {
        return false;
    }
    const auto handles = handlesOf(element(index));
    if (std::find(handles.begin(), handles.end(), handle) == handles.end()) {
        return false;
    }
    const Frame f = frame(index);
    const Point local = rotatePoint(to, f.pivot, -f.rotation);
    if (handle == Handle::Rotate) {
        // The top edge turns to point from the pivot at the pointer.
        const double degrees = -std::atan2((local.y - f.pivot.y).toPt(), (local.x - f.pivot.x).toPt()) * 180.0 /
                               std::numbers::pi;
        return rotate(index, f.rotation + degrees, burst);
    }
    Element e = element(index);
    std::optional<double> aspect;
    if (std::holds_alternative<BarcodeArea>(e)) {
        aspect = 1.0;
    } else if (std::holds_alternative<PoweredBy>(e)) {
        aspect = kLogoAspect;
    }
    const Bounds box = draggedBox(f.box, handle, local, minimum, aspect);
    // The new top-left corner, where the pivot goes: the same rotation about it keeps every
    // other point of the box where the drag put it.
    const Point pivot = rotatePoint(Point{box.left, box.top()}, f.pivot, f.rotation);
    struct Visitor {
        const Bounds& box;
        Point pivot;
        void operator()(TextContainer& t) const {
            t.width = box.width;
            t.height = box.height;
            t.base.left = pivot.x;
            t.base.bottom = pivot.y - box.height;
        }
        void operator()(TextArea& t) const {
            t.width = box.width;
            t.base.left = pivot.x;
            t.base.bottom = t.downward ? pivot.y : pivot.y - box.height;
        }
        void operator()(BarcodeArea& b) const {
            b.size = box.height;
            b.base.left = box.left;
            b.base.bottom = box.bottom;
        }
        void operator()(ImageArea& i) const {
            i.width = box.width;
            i.height = box.height;
            i.base.left = box.left;
            i.base.bottom = box.bottom;
        }
        void operator()(PoweredBy& p) const {
            p.size = box.height;
            p.base.left = box.left;
            p.base.bottom = box.bottom;
        }
    };
    std::visit(Visitor{box, pivot}, e);
    if (e == element(index)) {
        return false;
    }
    begin(StepLabel{EditKind::Resize, 1}, burst);
    m_layout.elements[index] = std::move(e);
    commit();
    return true;
}

bool Document::rotate(std::size_t index, double degrees, std::string_view burst) {
    if (index >= size() || isLocked(index)) {
        return false;
    }
    Element e = element(index);
    double* rotation = rotationOf(e);
    if (!rotation) {
        return false;
    }
    const double wanted = std::round(normalized(degrees) * 10.0) / 10.0;  // pretix's step: 0.1°
    if (*rotation == wanted) {
        return false;
    }
    begin(StepLabel{EditKind::Rotate, 1}, burst);
    *rotation = wanted;
    m_layout.elements[index] = std::move(e);
    commit();
    return true;
}

bool Document::align(Alignment alignment) {
    const auto moving = unlockedSelection();
    const auto bounds = selectionBounds();
    if (m_selection.size() < 2 || moving.empty() || !bounds) {
        return false;
    }
    std::vector<std::pair<std::size_t, std::pair<Length, Length>>> shifts;
    for (std::size_t i : moving) {
        const Bounds r = boundsOf(frame(i));
        Length dx, dy;
        switch (alignment) {
            case Alignment::Left: dx = bounds->left - r.left; break;
            case Alignment::CenterX: dx = bounds->centerX() - r.centerX(); break;
            case Alignment::Right: dx = bounds->right() - r.right(); break;
            case Alignment::Bottom: dy = bounds->bottom - r.bottom; break;
            case Alignment::CenterY: dy = bounds->centerY() - r.centerY(); break;
            case Alignment::Top: dy = bounds->top() - r.top(); break;
        }
        if (dx != Length{} || dy != Length{}) {
            shifts.push_back({i, {dx, dy}});
        }
    }
    if (shifts.empty()) {
        return false;
    }
    begin(StepLabel{EditKind::Align, shifts.size()}, {});
    for (const auto& [i, d] : shifts) {
        shift(m_layout.elements[i], d.first, d.second);
    }
    commit();
    return true;
}

bool Document::distribute(Axis axis) {
    if (m_selection.size() < 3) {
        return false;
    }
    struct Placed {
        std::size_t index;
        Bounds bounds;
    };
    std::vector<Placed> placed;
    for (std::size_t i : m_selection) {
        placed.push_back({i, boundsOf(frame(i))});
    }
    const bool x = axis == Axis::X;
    auto low = [x](const Bounds& r) { return x ? r.left : r.bottom; };
    auto extent = [x](const Bounds& r) { return x ? r.width : r.height; };
    std::stable_sort(placed.begin(), placed.end(),
                     [&](const Placed& a, const Placed& b) { return low(a.bounds) < low(b.bounds); });
    Length occupied;
    for (const auto& p : placed) {
        occupied = occupied + extent(p.bounds);
    }
    const Length span = low(placed.back().bounds) + extent(placed.back().bounds) - low(placed.front().bounds);
    const Length gap = (span - occupied) / static_cast<double>(placed.size() - 1);
    std::vector<std::pair<std::size_t, Length>> shifts;
    Length next = low(placed.front().bounds);
    for (const auto& p : placed) {
        const Length delta = next - low(p.bounds);
        if (delta != Length{} && !isLocked(p.index)) {
            shifts.push_back({p.index, delta});
        }
        next = next + extent(p.bounds) + gap;
    }
    if (shifts.empty()) {
        return false;
    }
    begin(StepLabel{EditKind::Distribute, shifts.size()}, {});
    for (const auto& [i, delta] : shifts) {
        shift(m_layout.elements[i], x ? delta : Length{}, x ? Length{} : delta);
    }
    commit();
    return true;
}

bool Document::reorder(Reorder how) {
    if (m_selection.empty()) {
        return false;
    }
    std::vector<std::size_t> order(size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    auto selected = [this](std::size_t i) { return std::binary_search(m_selection.begin(), m_selection.end(), i); };
    switch (how) {
        case Reorder::ToFront:
        case Reorder::ToBack:
            // Later elements paint over earlier ones: the front is the end.
            std::stable_partition(order.begin(), order.end(), [&](std::size_t i) {
                return how == Reorder::ToBack ? selected(i) : !selected(i);
            });
            break;
        case Reorder::Forward:
            for (std::size_t pos = order.size(); pos-- > 1;) {
                if (selected(order[pos - 1]) && !selected(order[pos])) {
                    std::swap(order[pos - 1], order[pos]);
                }
            }
            break;
        case Reorder::Backward:
            for (std::size_t pos = 1; pos < order.size(); ++pos) {
                if (selected(order[pos]) && !selected(order[pos - 1])) {
                    std::swap(order[pos - 1], order[pos]);
                }
            }
            break;
    }
    bool same = true;
    for (std::size_t i = 0; i < order.size() && same; ++i) {
        same = order[i] == i;
    }
    if (same) {
        return false;
    }
    begin(StepLabel{EditKind::Reorder, m_selection.size()}, {});
    permute(order);
    commit();
    return true;
}

bool Document::setLocked(bool locked) {
    std::vector<std::size_t> changing;
    for (std::size_t i : m_selection) {
        if (isLocked(i) != locked) {
            changing.push_back(i);
        }
    }
    if (changing.empty()) {
        return false;
    }
    begin(StepLabel{locked ? EditKind::Lock : EditKind::Unlock, changing.size()}, {});
    for (std::size_t i : changing) {
        if (locked) {
            m_locked.insert(i);
        } else {
            m_locked.erase(i);
        }
    }
    commit();
    return true;
}

bool Document::change(std::size_t index, Element e, std::string_view burst, Property property) {
    if (index >= size() || element(index) == e) {
        return false;
    }
    begin(StepLabel{EditKind::Change, 1, property}, burst);
    m_layout.elements[index] = std::move(e);
    commit();
    return true;
}

bool Document::changeSelected(Property property, const std::function<void(Element&)>& edit, std::string_view burst) {
    std::vector<std::pair<std::size_t, Element>> changed;
    for (std::size_t i : unlockedSelection()) {
        Element e = element(i);
        edit(e);
        if (e != element(i)) {
            changed.emplace_back(i, std::move(e));
        }
    }
    if (changed.empty()) {
        return false;
    }
    begin(StepLabel{EditKind::Change, changed.size(), property}, burst);
    for (auto& [i, e] : changed) {
        m_layout.elements[i] = std::move(e);
    }
    commit();
    return true;
}

bool Document::moveSelectedToPage(int page) {
    page = std::max(page, 1);
    std::vector<std::size_t> moving;
    for (std::size_t i : unlockedSelection()) {
        if (base(element(i)).page != page) {
            moving.push_back(i);
        }
    }
    if (moving.empty()) {
        return false;
    }
    begin(StepLabel{EditKind::MoveToPage, moving.size()}, {});
    for (std::size_t i : moving) {
        base(m_layout.elements[i]).page = page;
    }
    commit();
    return true;
}

std::size_t Document::elementsOn(int page) const {
    return static_cast<std::size_t>(std::count_if(m_layout.elements.begin(), m_layout.elements.end(),
                                                   [page](const Element& e) { return base(e).page == page; }));
}

bool Document::lockedOn(int page) const {
    return std::any_of(m_locked.begin(), m_locked.end(), [&](std::size_t i) { return base(element(i)).page == page; });
}

bool Document::removePage(int page, SharedBackground background) {
    if (pageCount() <= 1 || page < 1 || page > pageCount() || lockedOn(page)) {
        return false;
    }
    if (backgroundHas(page)) {
        if (m_background->pages <= 1 || !background || background->pages != m_background->pages - 1) {
            return false;
        }
    } else if (background) {
        return false;
    }
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < size(); ++i) {
        if (base(element(i)).page != page) {
            order.push_back(i);
        }
    }
    begin(StepLabel{EditKind::RemovePage, size() - order.size(), Property::Unnamed, page}, {});
    permute(order);
    for (auto& e : m_layout.elements) {
        if (base(e).page > page) {
            --base(e).page;
        }
    }
    if (background) {
        m_background = std::move(background);
    }
    m_selection.clear();
    commit();
    return true;
}

void Document::replace(Layout layout, SharedBackground background) {
    begin(StepLabel{EditKind::Replace, layout.elements.size()}, {});
    m_layout = std::move(layout);
    if (background) {
        m_background = std::move(background);
    }
    m_selection.clear();
    m_locked.clear();
    commit();
}

bool Document::setBackground(SharedBackground background, EditKind kind) {
    background = orNone(std::move(background));
    if (background == m_background || (background->pdf.empty() && m_background->pdf.empty())) {
        return false;
    }
    begin(StepLabel{kind, 0}, {});
    m_background = std::move(background);
    commit();
    return true;
}

void Document::backgroundStored(const SharedBackground& was, SharedBackground stored) {
    if (!was || !stored) {
        return;
    }
    auto swap = [&](SharedBackground& b) {
        if (b == was) {
            b = stored;
        }
    };
    swap(m_background);
    swap(m_savedBackground);
    for (auto* history : {&m_undo, &m_redo}) {
        for (auto& step : *history) {
            swap(step.backgroundBefore);
            swap(step.backgroundAfter);
        }
    }
}

std::string Document::copy() const {
    Layout picked;
    for (std::size_t i : m_selection) {
        picked.elements.push_back(element(i));
    }
    return toJsonText(picked);
}

bool Document::cut() {
    const auto doomed = unlockedSelection();
    if (doomed.empty()) {
        return false;
    }
    if (!removeSelected()) {
        return false;
    }
    m_undo.back().label = StepLabel{EditKind::Cut, doomed.size()};
    return true;
}

model::Result<std::size_t> Document::paste(std::string_view json, int page, Length dx, Length dy) {
    auto parsed = parseLayoutText(json);
    if (!parsed) {
        return parsed.error();
    }
    if (parsed->elements.empty()) {
        return std::size_t{0};
    }
    begin(StepLabel{EditKind::Paste, parsed->elements.size()}, {});
    m_selection.clear();
    for (auto& e : parsed->elements) {
        base(e).page = page;
        shift(e, dx, dy);
        m_layout.elements.push_back(std::move(e));
        m_selection.push_back(size() - 1);
    }
    commit();
    return parsed->elements.size();
}

bool Document::duplicate(Length offset) {
    if (m_selection.empty()) {
        return false;
    }
    const int page = base(element(m_selection.front())).page;
    auto pasted = paste(copy(), page, offset, Length{} - offset);
    if (!pasted || pasted.value() == 0) {
        return false;
    }
    m_undo.back().label.kind = EditKind::Duplicate;
    return true;
}

std::optional<StepLabel> Document::undoLabel() const {
    return m_undo.empty() ? std::nullopt : std::optional<StepLabel>(m_undo.back().label);
}

std::optional<StepLabel> Document::redoLabel() const {
    return m_redo.empty() ? std::nullopt : std::optional<StepLabel>(m_redo.back().label);
}

bool Document::undo() {
    if (m_undo.empty()) {
        return false;
    }
    Step step = std::move(m_undo.back());
    m_undo.pop_back();
    m_layout = step.before;
    m_selection = step.selectionBefore;
    m_locked = step.lockedBefore;
    m_background = step.backgroundBefore;
    m_redo.push_back(std::move(step));
    m_burst.clear();
    return true;
}

bool Document::redo() {
    if (m_redo.empty()) {
        return false;
    }
    Step step = std::move(m_redo.back());
    m_redo.pop_back();
    m_layout = step.after;
    m_selection = step.selectionAfter;
    m_locked = step.lockedAfter;
    m_background = step.backgroundAfter;
    m_undo.push_back(std::move(step));
    m_burst.clear();
    return true;
}

void Document::permute(const std::vector<std::size_t>& order) {
    std::vector<Element> elements;
    std::vector<std::size_t> selection;
    std::set<std::size_t> locked;
    elements.reserve(order.size());
    for (std::size_t to = 0; to < order.size(); ++to) {
        const std::size_t from = order[to];
        elements.push_back(std::move(m_layout.elements[from]));
        if (std::binary_search(m_selection.begin(), m_selection.end(), from)) {
            selection.push_back(to);
        }
        if (m_locked.contains(from)) {
            locked.insert(to);
        }
    }
    m_layout.elements = std::move(elements);
    m_selection = std::move(selection);
    m_locked = std::move(locked);
}

}  // namespace boxoffice::layout
