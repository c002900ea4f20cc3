// The Designer tab's JSON source view: the open layout as pretix's layout JSON in an editable,
// monospace text, checked as it is typed (a moment after the last key) with a line under it
// saying how many elements the layout has or what is wrong, and where; Apply is enabled only for
// a valid layout. The dialog only reads and checks the text: the designer replaces its document
// with layout() once the dialog returns wxID_OK (DesignerPanel, LayoutSource.cpp).
//
// Also the checking shared with the designer's JSON import (parseSource, problemText).
//
// Created on the stack by DesignerPanel; UI thread only (parseSource: any thread).
#pragma once

#include "boxoffice/layout/Elements.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <wx/dialog.h>
#include <wx/timer.h>

class wxButton;
class wxStaticText;
class wxTextCtrl;

namespace boxoffice::gui {

// JSON text read as a layout: the layout, or what is wrong with it. No wx: safe on a worker.
struct SourceParse {
    std::optional<layout::Layout> layout;
    // Without a layout: the layout parser's message (naming the element and property), or for
    // text that is not JSON at all the JSON parser's detail and where (1-based line and column).
    std::string problem;
    std::size_t line = 0;
    std::size_t column = 0;
};
SourceParse parseSource(std::string_view text);

// What the status line says about `parsed`: "Valid layout: 3 elements" or the problem.
wxString problemText(const SourceParse& parsed);

class SourceDialog : public wxDialog {
public:
    // `json`: the layout as pretix layout JSON, pretty-printed.
    SourceDialog(wxWindow* parent, const wxString& json);

    // The layout the text holds now (checked again, not the last debounced check); nullopt when
    // it is not a valid layout.
    std::optional<layout::Layout> layout() const;

    // The controls, for tests: the text, the status line, the Apply button.
    wxTextCtrl& text() { return *m_text; }
    wxStaticText& status() { return *m_status; }
    wxButton& applyButton() { return *m_apply; }

private:
    // Parses the text now and shows the result.
    void check();

    wxTextCtrl* m_text = nullptr;
    wxStaticText* m_status = nullptr;
    wxButton* m_apply = nullptr;
    wxTimer m_typing;  // the check runs once typing pauses
};

} // namespace boxoffice::gui
