#include "boxoffice/certificates/CertificatesPlugin.h"

#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/render/RenderJobs.h"
#include "boxoffice/server/Router.h"

namespace boxoffice::certificates {
namespace {

using server::Context;
using server::Response;

std::filesystem::path resultsDir(const Context& ctx) { return ctx.store.path().parent_path() / "certificates"; }

// Who may fetch a result: the event and position it was made for.
std::string resultTag(const Context& ctx, model::Id positionId) {
    return fmt::format("{}:{}", ctx.event->id, positionId);
}

Response result(const Context& ctx, render::RenderJobs& results, model::Id positionId, const std::string& id) {
    auto status = results.status(resultsDir(ctx), id);
    if (!status || status->tag != resultTag(ctx, positionId)) {
        return Response::detail(404, "Not found.");
    }
    switch (status->kind) {
        case render::RenderJobs::Status::Kind::Running:
            return Response::detail(409, "The certificate is being prepared, retry in a few seconds.");
        case render::RenderJobs::Status::Kind::Failed:
            return Response::json({{"status", "failed"}, {"message", status->message}}, 410);
        case render::RenderJobs::Status::Kind::Done: break;
    }
    std::ifstream in(status->pdf, std::ios::binary);
    if (!in) {
        return Response::detail(404, "Not found.");
    }
    std::stringstream ss;
    ss << in.rdbuf();
    Response r;
    r.contentType = "application/pdf";
    r.body = ss.str();
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"certificate.pdf\"");
    return r;
}

}  // namespace

CertificatesPlugin::CertificatesPlugin() : m_results(std::make_shared<render::RenderJobs>()) {}
CertificatesPlugin::~CertificatesPlugin() = default;

void CertificatesPlugin::registerRoutes(server::Router& router) {
    auto results = m_results;
    router.add("GET", "/api/v1/organizers/{organizer}/events/{event}/orderpositions/{id}/certificate/",
               server::Auth::EventToken, server::Permissions{server::Permission::ViewOrders}, [results](Context& ctx) {
                   const auto parsed = server::parseId(ctx.param(2));
                   if (!parsed) {
                       return Response::detail(404, "Not found.");
                   }
                   const model::Id id = *parsed;
                   if (auto resultId = ctx.request.queryValue("result")) {
                       return result(ctx, *results, id, *resultId);
                   }
                   auto design = eventDesign(ctx.store, ctx.event->id);
                   if (!design) {
                       return Response::detail(500, design.error().message);
                   }
                   auto job = certificateJob(ctx.store, ctx.event->id, id, true, design.value());
                   if (!job) {
                       if (job.error().code == model::ErrorCode::Conflict) {
                           return Response::detail(403, job.error().message);
                       }
                       return Response::detail(404, "Not found.");
                   }
                   if (job->data.order.status != model::OrderStatus::Paid) {
                       return Response::detail(403, "Certificates are only available for paid orders.");
                   }
                   const auto dir = resultsDir(ctx);
                   results->cleanup(dir);
                   std::vector<render::TicketJob> jobs{std::move(job.value())};
                   const std::string resultId = results->start(dir, std::move(jobs), {}, resultTag(ctx, id));
                   Response r;
                   r.status = 303;
                   r.body.clear();
                   r.contentType = "text/plain";
                   r.headers.emplace_back("Location",
                                          fmt::format("/api/v1/organizers/{}/events/{}/orderpositions/{}/certificate/?result={}",
                                                      ctx.organizer->slug, ctx.event->slug, id, resultId));
                   return r;
               });
}

}  // namespace boxoffice::certificates
