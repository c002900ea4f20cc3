// The Print tab's preview: one rendered page, centred on a grey ground with the page's outline,
// or a line of text when there is nothing to show. Its accessible name (the window's label) says
// which page it shows. UI thread only.
#pragma once

#include <wx/bitmap.h>
#include <wx/window.h>

namespace boxoffice::gui {

class PagePreview : public wxWindow {
public:
    explicit PagePreview(wxWindow* parent);

    void setPage(const wxBitmap& page, const wxString& description);
    void setText(const wxString& text);

private:
    void paint();

    wxBitmap m_page;
    wxString m_text;
};

} // namespace boxoffice::gui
