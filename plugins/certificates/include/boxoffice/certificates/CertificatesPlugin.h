// Certificates of attendance as a server plugin ("certificates", off by default like pretix's):
// GET orderpositions/{id}/certificate/ answers 303 to ...?result=<id> and starts rendering on a
// worker; that URL answers 409 while rendering, 200 with the PDF, 410 if rendering failed and
// 404 for unknown results. Only attendees with an entry check-in get one (403 with the reason).
// Results live in memory and in "<database folder>/certificates/"; destroying the plugin stops
// running renders. Handlers are thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "boxoffice/server/Plugin.h"

namespace boxoffice::render {
class BatchRenderer;
}

namespace boxoffice::certificates {

class CertificatesPlugin final : public server::Plugin {
public:
    CertificatesPlugin();
    ~CertificatesPlugin() override;
    std::string name() const override { return "certificates"; }
    bool enabledByDefault() const override { return false; }
    void registerRoutes(server::Router& router) override;

    struct Results {
        std::mutex mutex;
        std::map<std::string, std::unique_ptr<render::BatchRenderer>> renders;
    };

private:
    std::shared_ptr<Results> m_results;
};

}  // namespace boxoffice::certificates
