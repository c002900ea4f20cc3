#include "sales/CancelOrderDialog.h"

#include "boxoffice/gui/Format.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

std::optional<SalesPanel::CancelAnswer> askCancelOrder(wxWindow* parent, const std::string& suggestedCode) {
    wxDialog dialog(parent, wxID_ANY, _("Cancel an order"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("cancelOrder"));
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, dialog.FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1);
    auto* code = new wxTextCtrl(&dialog, wxID_ANY, fromUtf8(suggestedCode), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, wxS("cancelOrder.code"));
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("&Order code:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(code, 1, wxEXPAND);
    auto* reason = new wxTextCtrl(&dialog, wxID_ANY, wxString(), wxDefaultPosition, dialog.FromDIP(wxSize(300, -1)), 0,
                                  wxDefaultValidator, wxS("cancelOrder.reason"));
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("&Reason:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(reason, 1, wxEXPAND);
    column->Add(grid, 0, wxEXPAND | wxALL, dialog.FromDIP(10));
    const wxString refunds[] = {_("Nothing is paid back"), _("Paid back in cash"), _("Paid back to the card")};
    auto* refund = new wxRadioBox(&dialog, wxID_ANY, _("Refund"), wxDefaultPosition, wxDefaultSize, 3, refunds, 1,
                                  wxRA_SPECIFY_COLS, wxDefaultValidator, wxS("cancelOrder.refund"));
    column->Add(refund, 0, wxEXPAND | wxLEFT | wxRIGHT, dialog.FromDIP(10));
    auto* buttons = dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = dynamic_cast<wxButton*>(dialog.FindWindow(wxID_OK))) {
        ok->SetLabel(_("Cancel the &order"));
    }
    if (auto* no = dynamic_cast<wxButton*>(dialog.FindWindow(wxID_CANCEL))) {
        no->SetLabel(_("&Keep it"));
    }
    column->Add(buttons, 0, wxEXPAND | wxALL, dialog.FromDIP(10));
    dialog.SetSizerAndFit(column);
    (suggestedCode.empty() ? code : reason)->SetFocus();
    if (dialog.ShowModal() != wxID_OK) {
        return std::nullopt;
    }
    SalesPanel::CancelAnswer answer;
    answer.orderCode = std::string(code->GetValue().Strip(wxString::both).Upper().utf8_string());
    answer.reason = std::string(reason->GetValue().Strip(wxString::both).utf8_string());
    switch (refund->GetSelection()) {
    case 1:
        answer.refund = sales::PaymentMethod::Cash;
        break;
    case 2:
        answer.refund = sales::PaymentMethod::Card;
        break;
    default:
        break;
    }
    if (answer.orderCode.empty()) {
        return std::nullopt;
    }
    return answer;
}

}  // namespace boxoffice::gui
