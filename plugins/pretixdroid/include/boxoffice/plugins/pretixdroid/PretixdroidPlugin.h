// The legacy pretixdroid scanner API (scanner-protocol.md §A, seed 003) as a server plugin:
// /pretixdroid/api/{organizer}/{event}[/{subevent}]/{redeem,search,download,status}/?key=<token>.
// The key is an API token of the event (boxoffice-cli token create); the list scanned against is
// the event's scanner list (checkin::scannerList). Every logical outcome answers 200 with JSON
// carrying "version": 3; a wrong key answers 403, an unknown event 404.
//
// Stateless: created by the server's owner, routes run concurrently on worker threads.
#pragma once

#include "boxoffice/server/Plugin.h"

namespace boxoffice::plugins::pretixdroid {

inline constexpr int kApiVersion = 3;
inline constexpr std::size_t kMinSearchLength = 4;
inline constexpr std::int64_t kMaxSearchResults = 25;

class PretixdroidPlugin : public server::Plugin {
public:
    std::string name() const override { return "pretixdroid"; }
    void registerRoutes(server::Router& router) override;
};

}  // namespace boxoffice::plugins::pretixdroid
