// PDF ticket output as a server plugin ("pdf", on by default), following seed 002 and current
// pretix: ticketlayouts/ (list, detail, create, PATCH, PUT, DELETE; layouts validated, 400 names
// the bad element), ticketlayoutitems/, ticket downloads (orders/{code}/download/pdf/,
// orderpositions/{id}/download/pdf/), ticketpdfrenderer/render_batch/ with its download URL, and
// POST /api/v1/upload for background PDFs.
//
// Uploads: the raw PDF with "Content-Disposition: attachment; filename=..." answers 201
// {"id": "file:<uuid>"}. The file is kept in the database (stored_file) for the token that sent
// it; unless a layout starts using it ("background": "file:<uuid>") within a day it is deleted.
//
// Downloads render in the background: the first request starts the render and answers 409
// {"detail": ...}; once done, the same URL answers 200 with the PDF. The finished file is cached
// under a key made of the order's and event's modification times, the positions, their first
// check-in and their designs (layout and background bytes), so any change renders anew.
//
// Threads: routes run on the server's worker threads. Renders run on their own threads; their
// state and result live in "<database folder>/render-jobs/" (downloads in its "downloads/"), so a
// finished file survives a restart; files older than a day are deleted. Destroying the plugin
// stops running renders.
#pragma once

#include <memory>

#include "boxoffice/server/Plugin.h"

namespace boxoffice::render {
class RenderJobs;
}

namespace boxoffice::pdf {

class PdfPlugin final : public server::Plugin {
public:
    PdfPlugin();
    ~PdfPlugin() override;
    std::string name() const override { return "pdf"; }
    void registerRoutes(server::Router& router) override;

private:
    std::shared_ptr<render::RenderJobs> m_jobs;
};

}  // namespace boxoffice::pdf
