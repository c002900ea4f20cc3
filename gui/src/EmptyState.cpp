#include "boxoffice/gui/EmptyState.h"

#include <algorithm>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace boxoffice::gui {

namespace {
constexpr int kMaxTextWidth = 520; // pixels: keeps the explanation readable on wide windows
}

EmptyState::EmptyState(wxWindow* parent, const wxString& title, const wxString& message, const wxString& name)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, name),
      m_messageText(message) {
    m_title = new wxStaticText(this, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
                               wxALIGN_CENTRE_HORIZONTAL, wxS("emptyState.title"));
    m_title->SetFont(m_title->GetFont().Scale(1.4f).Bold());
    m_message = new wxStaticText(this, wxID_ANY, message, wxDefaultPosition, wxDefaultSize,
                                 wxALIGN_CENTRE_HORIZONTAL, wxS("emptyState.message"));

    auto* column = new wxBoxSizer(wxVERTICAL);
    column->AddStretchSpacer(1);
    column->Add(m_title, 0, wxALIGN_CENTRE_HORIZONTAL | wxALL, 8);
    column->Add(m_message, 0, wxALIGN_CENTRE_HORIZONTAL | wxLEFT | wxRIGHT, 24);
    column->AddStretchSpacer(2);
    SetSizer(column);
    rewrap();
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        rewrap();
        event.Skip();
    });
}

void EmptyState::setText(const wxString& title, const wxString& message) {
    m_title->SetLabel(title);
    m_messageText = message;
    rewrap();
}

wxString EmptyState::title() const {
    return m_title->GetLabel();
}
wxString EmptyState::message() const {
    return m_messageText;
}

void EmptyState::rewrap() {
    const int available = GetClientSize().GetWidth() - 48;
    const int width = available > 100 ? std::min(available, kMaxTextWidth) : kMaxTextWidth;
    m_message->SetLabel(m_messageText);
    m_message->Wrap(width);
    Layout();
}

} // namespace boxoffice::gui
