// An API token's stored form. The token itself is shown once when created and never stored:
// only its SHA-256 hash is (services/auth creates and checks tokens).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

using TokenHash = std::array<std::uint8_t, 32>;

// What a token may do, named as pretix's team permissions are. A route asks for one of a set, as
// pretix does ("can_view_orders or can_checkin_orders" to read a check-in list's positions).
enum class Permission : std::uint8_t {
    CheckinOrders = 1 << 0,        // can_checkin_orders: scan, search and redeem (a scanner)
    ViewOrders = 1 << 1,           // can_view_orders: orders, positions, ticket PDFs, certificates
    ChangeOrders = 1 << 2,         // can_change_orders: create orders, redeem
    ChangeEventSettings = 1 << 3,  // can_change_event_settings: check-in lists, layouts, uploads
};

// A set of permissions.
class Permissions {
public:
    constexpr Permissions() = default;
    constexpr Permissions(std::initializer_list<Permission> list) {
        for (auto p : list) {
            m_bits |= static_cast<std::uint8_t>(p);
        }
    }
    static constexpr Permissions all() { return fromBits(0x0F); }
    static constexpr Permissions fromBits(std::uint8_t bits) {
        Permissions p;
        p.m_bits = bits & 0x0F;
        return p;
    }
    constexpr std::uint8_t bits() const { return m_bits; }
    constexpr bool empty() const { return m_bits == 0; }
    constexpr bool has(Permission p) const { return (m_bits & static_cast<std::uint8_t>(p)) != 0; }
    // Whether this set holds at least one of `wanted` (an empty `wanted` asks for nothing).
    constexpr bool anyOf(Permissions wanted) const { return wanted.empty() || (m_bits & wanted.m_bits) != 0; }
    constexpr bool operator==(const Permissions&) const = default;

    // pretix's names, in the order of Permission: {"can_checkin_orders", ...}.
    std::vector<std::string> names() const;
    // "can_checkin_orders,can_view_orders": what the store keeps.
    std::string toString() const;
    // Parses a comma-separated list of pretix's names, or the short ones ("checkin", "view_orders",
    // "change_orders", "event_settings") and "all"; spaces around names are ignored. nullopt for
    // an unknown name.
    static std::optional<Permissions> parse(std::string_view text);

private:
    std::uint8_t m_bits = 0;
};

// A pretix permission's name ("can_view_orders").
std::string_view permissionName(Permission p);

struct ApiToken {
    Id id = 0;
    std::string name;
    std::string organizerSlug;
    std::optional<std::string> eventSlug;  // nullopt: every event of the organizer
    Permissions permissions = Permissions::all();
    TokenHash hash{};
    Timestamp created{};
    std::optional<Timestamp> lastUsed;
    bool revoked = false;
};

}  // namespace boxoffice::model
