#include <array>
#include <string_view>

#include "boxoffice/model/Checkin.h"
#include "boxoffice/model/Order.h"
#include "boxoffice/model/Question.h"

namespace boxoffice::model {

char statusCode(OrderStatus s) {
    switch (s) {
    case OrderStatus::Pending: return 'n';
    case OrderStatus::Paid: return 'p';
    case OrderStatus::Expired: return 'e';
    case OrderStatus::Canceled: return 'c';
    case OrderStatus::Refunded: return 'r';
    }
    return 'n';
}

std::optional<OrderStatus> statusFromCode(std::string_view code) {
    if (code.size() != 1) {
        return std::nullopt;
    }
    switch (code[0]) {
    case 'n': return OrderStatus::Pending;
    case 'p': return OrderStatus::Paid;
    case 'e': return OrderStatus::Expired;
    case 'c': return OrderStatus::Canceled;
    case 'r': return OrderStatus::Refunded;
    default: return std::nullopt;
    }
}

std::string_view toString(CheckinType t) { return t == CheckinType::Exit ? "exit" : "entry"; }

std::optional<CheckinType> checkinTypeFromString(std::string_view s) {
    if (s == "entry") {
        return CheckinType::Entry;
    }
    if (s == "exit") {
        return CheckinType::Exit;
    }
    return std::nullopt;
}

std::string_view toString(SyncState s) {
    switch (s) {
    case SyncState::Local: return "local";
    case SyncState::Uploaded: return "uploaded";
    case SyncState::Remote: return "remote";
    case SyncState::Conflict: return "conflict";
    }
    return "local";
}

std::optional<SyncState> syncStateFromString(std::string_view s) {
    for (auto st : {SyncState::Local, SyncState::Uploaded, SyncState::Remote, SyncState::Conflict}) {
        if (toString(st) == s) {
            return st;
        }
    }
    return std::nullopt;
}

bool Question::isKnownType(const std::string& type) {
    static constexpr std::array<std::string_view, 12> kTypes{"N", "S", "T", "B", "C", "M",
                                                            "F", "D", "H", "W", "CC", "TEL"};
    for (auto t : kTypes) {
        if (t == type) {
            return true;
        }
    }
    return false;
}

}  // namespace boxoffice::model
