#include "boxoffice/model/ApiToken.h"

#include <array>
#include <utility>

namespace boxoffice::model {

namespace {

// pretix's name and the short one `token create --permissions` also takes, by Permission.
constexpr std::array<std::pair<Permission, std::pair<std::string_view, std::string_view>>, 4> kNames{{
    {Permission::CheckinOrders, {"can_checkin_orders", "checkin"}},
    {Permission::ViewOrders, {"can_view_orders", "view_orders"}},
    {Permission::ChangeOrders, {"can_change_orders", "change_orders"}},
    {Permission::ChangeEventSettings, {"can_change_event_settings", "event_settings"}},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace

std::string_view permissionName(Permission p) {
    for (const auto& [permission, names] : kNames) {
        if (permission == p) {
            return names.first;
        }
    }
    return {};
}

std::vector<std::string> Permissions::names() const {
    std::vector<std::string> out;
    for (const auto& [permission, names] : kNames) {
        if (has(permission)) {
            out.emplace_back(names.first);
        }
    }
    return out;
}

std::string Permissions::toString() const {
    std::string out;
    for (const auto& name : names()) {
        if (!out.empty()) {
            out += ',';
        }
        out += name;
    }
    return out;
}

std::optional<Permissions> Permissions::parse(std::string_view text) {
    Permissions out;
    while (true) {
        const auto comma = text.find(',');
        const auto name = trim(text.substr(0, comma));
        if (name == "all") {
            out = all();
        } else if (!name.empty()) {
            bool known = false;
            for (const auto& [permission, names] : kNames) {
                if (name == names.first || name == names.second) {
                    out.m_bits |= static_cast<std::uint8_t>(permission);
                    known = true;
                }
            }
            if (!known) {
                return std::nullopt;
            }
        }
        if (comma == std::string_view::npos) {
            return out;
        }
        text.remove_prefix(comma + 1);
    }
}

}  // namespace boxoffice::model
