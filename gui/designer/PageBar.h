// The Designer tab's page bar, above the canvas: a toggle button per page of the layout ("Page 1",
// "Page 2", ...; the one shown pressed), "Add page", "Remove page" (the page shown; a button, so
// the keyboard reaches it; each page button's context menu removes its own page), the pages'
// size, and the Background menu button. Native controls, so a screen reader reads each
// page by its name. A page after the background's last one prints nothing (the renderer prints
// the background's pages only) and says so. Removing is offered while there are two pages or
// more. The bar only shows and reports: the panel decides what a choice does. UI thread only.
#pragma once

#include "boxoffice/layout/Length.h"

#include <functional>
#include <optional>
#include <utility>
#include <vector>
#include <wx/panel.h>

class wxButton;
class wxStaticText;
class wxToggleButton;
class wxSizer;

namespace boxoffice::gui {

class PageBar : public wxPanel {
public:
    explicit PageBar(wxWindow* parent);

    // Pages 1 to `count` (none: nothing open), `current` pressed; those after `printed` print
    // nothing.
    void setPages(int count, int printed, int current);
    // The size every page has (nullopt: nothing open).
    void setPageSize(std::optional<std::pair<layout::Length, layout::Length>> size);
    // Whether Add page, Remove page and Background can be used.
    void enableEditing(bool enabled);

    int current() const { return m_current; }
    int count() const { return static_cast<int>(m_pages.size()); }
    // The button of page `page` (1-based; nullptr when there is none).
    wxToggleButton* pageButton(int page) const;
    wxButton& backgroundButton() { return *m_background; }

    // A page button pressed (the page, 1-based); Add page; Remove page (the page to remove,
    // 1-based); the Background button.
    std::function<void(int page)> onChoose;
    std::function<void()> onAddPage;
    std::function<void(int page)> onRemovePage;
    std::function<void()> onBackground;

private:
    void showPageMenu(int page);
    void updateRemovable();

    std::vector<wxToggleButton*> m_pages;
    wxSizer* m_pageSizer = nullptr;
    wxButton* m_addPage = nullptr;
    wxButton* m_removePage = nullptr;
    wxButton* m_background = nullptr;
    wxStaticText* m_size = nullptr;
    int m_current = 0;
    int m_printed = 0;
    bool m_editing = false;
};

} // namespace boxoffice::gui
