// The sales channels an event or product sells through, as two check boxes: the online shop
// ("web") and this desk (sales::kDeskSalesChannel). Channels of an imported event the desk does
// not offer here (pretix's "resellers", ...) are kept as they were.
// Owned by its form; UI thread only. The boxes are named "<name>.web" and "<name>.desk".
#pragma once

#include <string>
#include <vector>
#include <wx/panel.h>

class wxCheckBox;

namespace boxoffice::gui {

class ChannelBoxes : public wxPanel {
public:
    ChannelBoxes(wxWindow* parent, const wxString& name);

    void setChannels(const std::vector<std::string>& channels);
    // The channels ticked, after the ones kept as they were.
    std::vector<std::string> channels() const;

private:
    wxCheckBox* m_web = nullptr;
    wxCheckBox* m_desk = nullptr;
    std::vector<std::string> m_others;
};

} // namespace boxoffice::gui
