#include "checkin/RedeemText.h"

#include <wx/intl.h>

namespace boxoffice::gui {

wxString refusalText(checkin::Reason reason) {
    switch (reason) {
    case checkin::Reason::Invalid:
        return _("Unknown ticket");
    case checkin::Reason::Unpaid:
        return _("Not paid");
    case checkin::Reason::Canceled:
        return _("Canceled");
    case checkin::Reason::AlreadyRedeemed:
        return _("Already checked in");
    case checkin::Reason::Product:
        return _("Not valid on this list");
    case checkin::Reason::Unapproved:
        return _("Order not approved");
    case checkin::Reason::None:
        break;
    }
    return _("Refused");
}

} // namespace boxoffice::gui
