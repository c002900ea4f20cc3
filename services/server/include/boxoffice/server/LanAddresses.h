// The addresses this computer has on its networks, for telling scanners where the server is
// (the desk's Server tab, which also offers them as the address to listen on). Reads the
// system's interface table (getifaddrs on Linux and macOS; nothing elsewhere); no network
// traffic, quick enough for the UI thread. Any thread.
#pragma once

#include <string>
#include <vector>

namespace boxoffice::server {

struct LanAddress {
    std::string interfaceName;  // "eth0", "wlan0", "en0", "lo"
    std::string address;        // "192.168.1.20"
    bool loopback = false;      // 127.0.0.0/8: reachable only from this computer
};

// The IPv4 addresses of the interfaces that are up, LAN ones first (in the system's order), then
// loopback ones. IPv6 addresses are left out: scanners are pointed at IPv4 addresses in practice
// and a link-local IPv6 URL needs a zone the apps do not take.
std::vector<LanAddress> lanAddresses();

}  // namespace boxoffice::server
