// The plugin interface of the LAN server (pretix's "plugins": pdf tickets, certificates,
// pretixdroid). A plugin adds routes to the server's Router; everything else it needs comes
// through the Context its handlers receive (Router.h): the authenticated organizer/event, the
// worker thread's Store, JSON/error helpers (Response) and pagination (paginate).
//
// Lifetime and threads: the owner (boxoffice-cli serve, the desktop app) creates plugins and
// hands them to server::Server before start(); registerRoutes is called once, on the thread that
// starts the server. Handlers then run on any worker thread, concurrently: keep per-request
// state on the stack and use only the Context's Store (one connection per worker thread).
//
// Per-event switch: a plugin's routes answer a plain 404 for an event where the plugin is off
// (model::EventRepository::setPluginEnabled(event, name(), false)); enabledByDefault() decides
// for events that never set it.
#pragma once

#include <string>

#include "boxoffice/server/Router.h"

namespace boxoffice::server {

class Plugin {
public:
    virtual ~Plugin() = default;
    // Stable identifier, also the key of the per-event switch: "pdf", "certificates", "pretixdroid".
    virtual std::string name() const = 0;
    virtual bool enabledByDefault() const { return true; }
    // Adds the plugin's routes, e.g.
    //   router.add("GET", "/api/v1/organizers/{organizer}/events/{event}/orderpositions/{id}/download/pdf/",
    //              Auth::EventToken, [](Context& ctx) { ...; return Response::json(...); });
    virtual void registerRoutes(Router& router) = 0;
};

}  // namespace boxoffice::server
