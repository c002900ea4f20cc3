// PDF ticket output as a server plugin ("pdf", on by default), following seed 002 and current
// pretix: ticketlayouts/ (list, detail, create, PATCH, PUT, DELETE; layouts validated, 400 names
// the bad element), ticketlayoutitems/, ticket downloads (orders/{code}/download/pdf/,
// orderpositions/{id}/download/pdf/) and ticketpdfrenderer/render_batch/ with its download URL.
//
// Threads: routes run on the server's worker threads. render_batch jobs render on their own
// thread; their state and result live in "<database folder>/render-jobs/" so a finished file
// survives a restart; jobs older than a day are deleted. Destroying the plugin stops running jobs.
#pragma once

#include <memory>

#include "boxoffice/server/Plugin.h"

namespace boxoffice::pdf {

class BatchJobs;

class PdfPlugin final : public server::Plugin {
public:
    PdfPlugin();
    ~PdfPlugin() override;
    std::string name() const override { return "pdf"; }
    void registerRoutes(server::Router& router) override;

private:
    std::shared_ptr<BatchJobs> m_jobs;
};

}  // namespace boxoffice::pdf
