// A centered message shown where a panel has nothing to show yet: a title and a sentence or two
// that say what would appear here and how to get it. Owned by its parent window; UI thread only.
#pragma once

#include <wx/panel.h>
#include <wx/string.h>

class wxStaticText;

namespace boxoffice::gui {

class EmptyState : public wxPanel {
public:
    EmptyState(wxWindow* parent, const wxString& title, const wxString& message,
               const wxString& name = wxS("emptyState"));

    void setText(const wxString& title, const wxString& message);
    wxString title() const;
    wxString message() const;

private:
    void rewrap();

    wxStaticText* m_title = nullptr;
    wxStaticText* m_message = nullptr;
    wxString m_messageText;
};

} // namespace boxoffice::gui
