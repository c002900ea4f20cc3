#include "print/PagePreview.h"

#include <wx/dcbuffer.h>

namespace boxoffice::gui {

PagePreview::PagePreview(wxWindow* parent)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE, wxS("print.preview")) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(240, 300)));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
}

void PagePreview::setPage(const wxBitmap& page, const wxString& description) {
    m_page = page;
    m_text.clear();
    SetLabel(description);
    Refresh();
}

void PagePreview::setText(const wxString& text) {
    m_page = wxBitmap();
    m_text = text;
    SetLabel(text);
    Refresh();
}

void PagePreview::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxColour(0x80, 0x80, 0x80)));
    dc.Clear();
    const wxSize size = GetClientSize();
    if (m_page.IsOk()) {
        const int x = (size.x - m_page.GetWidth()) / 2;
        const int y = (size.y - m_page.GetHeight()) / 2;
        dc.DrawBitmap(m_page, x, y);
        dc.SetPen(wxPen(*wxBLACK));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.DrawRectangle(x - 1, y - 1, m_page.GetWidth() + 2, m_page.GetHeight() + 2);
    } else if (!m_text.empty()) {
        dc.SetTextForeground(*wxWHITE);
        const wxSize extent = dc.GetMultiLineTextExtent(m_text);
        dc.DrawText(m_text, (size.x - extent.x) / 2, (size.y - extent.y) / 2);
    }
}

} // namespace boxoffice::gui
