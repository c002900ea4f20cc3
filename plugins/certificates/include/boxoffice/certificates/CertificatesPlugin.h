// Certificates of attendance as a server plugin ("certificates", off by default like pretix's):
// GET orderpositions/{id}/certificate/ answers 303 to ...?result=<id> and starts rendering on a
// worker; that URL answers 409 while rendering, 200 with the PDF, 410 if rendering failed and
// 404 for unknown results or a result of another position. Only attendees with an entry
// check-in get one (403 with the reason). Certificates use the event's stored certificate layout
// (Certificates.h), else the built-in design.
//
// Results live in "<database folder>/certificates/" (state and PDF, render::RenderJobs), so a
// finished certificate can still be fetched after a restart; they are deleted after a day.
// Destroying the plugin stops running renders. Handlers are thread-safe.
#pragma once

#include <memory>

#include "boxoffice/server/Plugin.h"

namespace boxoffice::render {
class RenderJobs;
}

namespace boxoffice::certificates {

class CertificatesPlugin final : public server::Plugin {
public:
    CertificatesPlugin();
    ~CertificatesPlugin() override;
    std::string name() const override { return "certificates"; }
    bool enabledByDefault() const override { return false; }
    void registerRoutes(server::Router& router) override;

private:
    std::shared_ptr<render::RenderJobs> m_results;
};

}  // namespace boxoffice::certificates
