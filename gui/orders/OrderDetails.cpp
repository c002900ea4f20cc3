#include "orders/OrderDetails.h"

#include "boxoffice/gui/Format.h"

#include <algorithm>
#include <wx/intl.h>

namespace boxoffice::gui {

namespace {

void line(wxString& out, const wxString& label, const std::string& value) {
    if (!value.empty()) {
        out << label << wxS(": ") << fromUtf8(value) << wxS("\n");
    }
}

wxString productOf(const model::OrderPosition& position, const std::map<model::Id, model::Item>& items) {
    const auto item = items.find(position.itemId);
    if (item == items.end()) {
        return wxString::Format(_("Product #%lld"), static_cast<long long>(position.itemId));
    }
    wxString name = localized(item->second.name);
    if (position.variationId) {
        for (const auto& variation : item->second.variations) {
            if (variation.id == *position.variationId) {
                name += wxS(" \u2013 ") + localized(variation.value);
            }
        }
    }
    return name;
}

wxString checkinLine(const model::Checkin& checkin) {
    wxString text = checkin.type == model::CheckinType::Exit ? _("exit") : _("entry");
    text << wxS(" ") << localDateTime(checkin.datetime);
    if (!checkin.device.empty()) {
        text << wxS(" (") << fromUtf8(checkin.device) << wxS(")");
    }
    if (checkin.autoCheckedIn) {
        text << wxS(", ") << _("automatic");
    }
    if (checkin.syncState == model::SyncState::Local) {
        text << wxS(", ") << _("not uploaded yet");
    } else if (checkin.syncState == model::SyncState::Conflict) {
        text << wxS(", ") << _("refused by the server");
    }
    return text;
}

} // namespace

std::vector<std::size_t> displayOrder(const model::Order& order) {
    std::vector<std::size_t> out;
    const auto& positions = order.positions;
    std::vector<bool> placed(positions.size(), false);
    const auto addWithAddons = [&](std::size_t parent) {
        out.push_back(parent);
        placed[parent] = true;
        for (std::size_t i = 0; i < positions.size(); ++i) {
            if (!placed[i] && positions[i].addonTo && *positions[i].addonTo == positions[parent].id) {
                out.push_back(i);
                placed[i] = true;
            }
        }
    };
    for (std::size_t i = 0; i < positions.size(); ++i) {
        if (!placed[i] && !positions[i].addonTo) {
            addWithAddons(i);
        }
    }
    for (std::size_t i = 0; i < positions.size(); ++i) {  // add-ons of a position in another order
        if (!placed[i]) {
            out.push_back(i);
            placed[i] = true;
        }
    }
    return out;
}

wxString checkinState(const model::OrderPosition& position, const std::vector<model::Checkin>& checkins) {
    if (position.canceled) {
        return _("Canceled");
    }
    const auto last = std::max_element(checkins.begin(), checkins.end(),
                                       [](const auto& a, const auto& b) { return a.datetime < b.datetime; });
    if (last == checkins.end()) {
        return _("Not checked in");
    }
    return last->type == model::CheckinType::Exit
               ? wxString::Format(_("Left %s"), localDateTime(last->datetime))
               : wxString::Format(_("Checked in %s"), localDateTime(last->datetime));
}

wxString orderDetailsText(const OrderDetails& details, const std::map<model::Id, model::Item>& items,
                          const std::string& currency) {
    const auto& order = details.order;
    wxString out;
    out << wxString::Format(_("Order %s: %s"), fromUtf8(order.code), statusText(order.status));
    if (order.testmode) {
        out << wxS(" (") << _("test mode") << wxS(")");
    }
    out << wxS("\n");
    out << _("Placed") << wxS(": ") << localDateTime(order.datetime) << wxS("\n");
    out << _("Total") << wxS(": ") << money(order.total, currency) << wxS("\n");
    if (order.paymentDate) {
        line(out, _("Paid on"), model::formatDate(*order.paymentDate));
    }
    line(out, _("Payment"), order.paymentProvider);
    if (order.expires) {
        out << _("Expires") << wxS(": ") << localDateTime(*order.expires) << wxS("\n");
    }
    line(out, _("Email"), order.email);
    line(out, _("Phone"), order.phone);
    line(out, _("Language"), order.locale);
    line(out, _("Sales channel"), order.salesChannel);
    line(out, _("Comment"), order.comment);
    if (order.checkinAttention) {
        out << _("Needs attention at check-in") << wxS("\n");
    }
    if (order.requireApproval) {
        out << _("Waiting for approval") << wxS("\n");
    }
    for (const auto& fee : order.fees) {
        out << _("Fee") << wxS(": ") << fromUtf8(fee.description.empty() ? fee.type : fee.description)
            << wxS(" ") << money(fee.value, currency) << wxS("\n");
    }
    if (const auto& address = order.invoiceAddress) {
        out << wxS("\n") << _("Invoice address") << wxS("\n");
        for (const auto* part : {&address->company, &address->name, &address->street}) {
            if (!part->empty()) {
                out << wxS("  ") << fromUtf8(*part) << wxS("\n");
            }
        }
        const std::string city = address->zipcode + (address->zipcode.empty() ? "" : " ") + address->city;
        for (const auto& part : {city, address->state, address->country}) {
            if (!part.empty()) {
                out << wxS("  ") << fromUtf8(part) << wxS("\n");
            }
        }
        if (!address->vatId.empty()) {
            out << wxS("  ") << _("VAT ID") << wxS(": ") << fromUtf8(address->vatId) << wxS("\n");
        }
    }
    out << wxS("\n") << _("Positions") << wxS("\n");
    for (const std::size_t i : displayOrder(order)) {
        const auto& position = order.positions[i];
        const wxString indent = position.addonTo ? wxS("    ") : wxS("  ");
        out << indent << wxS("#") << position.positionid << wxS(" ") << productOf(position, items);
        if (position.addonTo) {
            out << wxS(" (") << _("add-on") << wxS(")");
        }
        if (position.attendeeName && !position.attendeeName->empty()) {
            out << wxS(", ") << fromUtf8(*position.attendeeName);
        }
        out << wxS(", ") << money(position.price, currency);
        if (position.canceled) {
            out << wxS(", ") << _("canceled");
        }
        out << wxS("\n");
        const wxString inner = indent + wxS("    ");
        if (position.attendeeEmail && !position.attendeeEmail->empty()) {
            out << inner << _("Email") << wxS(": ") << fromUtf8(*position.attendeeEmail) << wxS("\n");
        }
        if (position.seatParts && !position.seatParts->name.empty()) {
            out << inner << _("Seat") << wxS(": ") << fromUtf8(position.seatParts->name) << wxS("\n");
        }
        out << inner << _("Secret") << wxS(": ") << fromUtf8(position.secret) << wxS("\n");
        for (const auto& answer : position.answers) {
            const auto question = std::find_if(details.questions.begin(), details.questions.end(),
                                               [&](const model::Question& q) { return q.id == answer.questionId; });
            const wxString label = question != details.questions.end()
                                       ? localized(question->question)
                                       : wxString::Format(_("Question #%lld"), static_cast<long long>(answer.questionId));
            out << inner << label << wxS(": ") << fromUtf8(answer.answer) << wxS("\n");
        }
        const auto& checkins = i < details.checkins.size() ? details.checkins[i] : std::vector<model::Checkin>{};
        if (checkins.empty() && !position.canceled) {
            out << inner << _("Not checked in") << wxS("\n");
        }
        std::map<model::Id, std::vector<const model::Checkin*>> byList;
        for (const auto& checkin : checkins) {
            byList[checkin.listId].push_back(&checkin);
        }
        for (auto& [listId, list] : byList) {
            std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) { return a->datetime < b->datetime; });
            const auto name = details.listNames.find(listId);
            out << inner
                << (name != details.listNames.end() ? fromUtf8(name->second)
                                                    : wxString::Format(_("List #%lld"), static_cast<long long>(listId)))
                << wxS(":");
            for (const auto* checkin : list) {
                out << wxS("\n") << inner << wxS("  ") << checkinLine(*checkin);
            }
            out << wxS("\n");
        }
    }
    return out;
}

} // namespace boxoffice::gui
