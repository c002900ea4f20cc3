#include "setup/ChannelBoxes.h"

#include "boxoffice/sales/EventSetup.h"

#include <algorithm>
#include <wx/checkbox.h>
#include <wx/sizer.h>

namespace boxoffice::gui {

namespace {
constexpr const char* kWeb = "web";
}

ChannelBoxes::ChannelBoxes(wxWindow* parent, const wxString& name)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, name) {
    m_web = new wxCheckBox(this, wxID_ANY, _("Online shop (web)"), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, name + wxS(".web"));
    m_desk = new wxCheckBox(this, wxID_ANY, _("This box office (desk)"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, name + wxS(".desk"));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(m_web, 0, wxRIGHT, FromDIP(16));
    row->Add(m_desk);
    SetSizer(row);
}

void ChannelBoxes::setChannels(const std::vector<std::string>& channels) {
    const auto has = [&channels](const std::string& channel) {
        return std::find(channels.begin(), channels.end(), channel) != channels.end();
    };
    m_web->SetValue(has(kWeb));
    m_desk->SetValue(has(sales::kDeskSalesChannel));
    m_others.clear();
    std::copy_if(channels.begin(), channels.end(), std::back_inserter(m_others),
                 [](const std::string& c) { return c != kWeb && c != sales::kDeskSalesChannel; });
}

std::vector<std::string> ChannelBoxes::channels() const {
    std::vector<std::string> out = m_others;
    if (m_web->GetValue()) {
        out.emplace_back(kWeb);
    }
    if (m_desk->GetValue()) {
        out.emplace_back(sales::kDeskSalesChannel);
    }
    return out;
}

} // namespace boxoffice::gui
