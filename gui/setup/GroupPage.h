// What the Event tab shows for a heading of its outline (Categories, Products, Quotas,
// Questions): what the objects of that kind are for, and a button that makes a new one.
// Owned by the EventSetupPanel's page book; UI thread only.
#pragma once

#include <functional>
#include <wx/panel.h>

class wxButton;
class wxStaticText;

namespace boxoffice::gui {

class GroupPage : public wxPanel {
public:
    explicit GroupPage(wxWindow* parent);

    void show(const wxString& title, const wxString& text, const wxString& newLabel);
    std::function<void()> onNew;

private:
    wxStaticText* m_title = nullptr;
    wxStaticText* m_text = nullptr;
    wxButton* m_new = nullptr;
};

} // namespace boxoffice::gui
