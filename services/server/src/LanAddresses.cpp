#include "boxoffice/server/LanAddresses.h"

#include <algorithm>
#include <cstring>

#if defined(__unix__) || defined(__APPLE__)
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#endif

namespace boxoffice::server {

std::vector<LanAddress> lanAddresses() {
    std::vector<LanAddress> out;
#if defined(__unix__) || defined(__APPLE__)
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) {
        return out;
    }
    for (const ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
        if (i->ifa_addr == nullptr || i->ifa_addr->sa_family != AF_INET || (i->ifa_flags & IFF_UP) == 0) {
            continue;
        }
        in_addr address{};
        std::memcpy(&address, &reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr, sizeof address);
        char text[INET_ADDRSTRLEN] = {};
        if (inet_ntop(AF_INET, &address, text, sizeof text) == nullptr) {
            continue;
        }
        LanAddress a;
        a.interfaceName = i->ifa_name ? i->ifa_name : "";
        a.address = text;
        a.loopback = (i->ifa_flags & IFF_LOOPBACK) != 0 || a.address.rfind("127.", 0) == 0;
        if (std::none_of(out.begin(), out.end(), [&](const LanAddress& o) { return o.address == a.address; })) {
            out.push_back(std::move(a));
        }
    }
    freeifaddrs(list);
    std::stable_partition(out.begin(), out.end(), [](const LanAddress& a) { return !a.loopback; });
#endif
    return out;
}

}  // namespace boxoffice::server
