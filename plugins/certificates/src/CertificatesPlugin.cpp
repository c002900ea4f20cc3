#include "boxoffice/certificates/CertificatesPlugin.h"

#include <fmt/core.h>

#include <fstream>
#include <random>
#include <sstream>

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/render/BatchRenderer.h"

namespace boxoffice::certificates {
namespace {

using server::Context;
using server::Response;

std::string newResultId() {
    std::random_device rd;
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:08x}{:04x}", rd(), rd() & 0xffff, rd() & 0xffff, rd() & 0xffff,
                       rd(), rd() & 0xffff);
}

}  // namespace

CertificatesPlugin::CertificatesPlugin() : m_results(std::make_shared<Results>()) {}
CertificatesPlugin::~CertificatesPlugin() = default;

void CertificatesPlugin::registerRoutes(server::Router& router) {
    auto results = m_results;
    router.add("GET", "/api/v1/organizers/{organizer}/events/{event}/orderpositions/{id}/certificate/",
               server::Auth::EventToken, [results](Context& ctx) {
                   model::Id id = 0;
                   try {
                       id = std::stoll(ctx.param(2));
                   } catch (const std::exception&) {
                       return Response::detail(404, "Not found.");
                   }
                   if (auto result = ctx.request.queryValue("result")) {
                       std::lock_guard lock(results->mutex);
                       auto it = results->renders.find(*result + ":" + std::to_string(id));
                       if (it == results->renders.end()) {
                           return Response::detail(404, "Not found.");
                       }
                       switch (it->second->state()) {
                           case render::BatchRenderer::State::Idle:
                           case render::BatchRenderer::State::Running:
                               return Response::detail(409, "The certificate is being prepared, retry in a few seconds.");
                           case render::BatchRenderer::State::Failed:
                           case render::BatchRenderer::State::Cancelled:
                               return Response::json({{"status", "failed"}, {"message", it->second->errorMessage()}}, 410);
                           case render::BatchRenderer::State::Done: break;
                       }
                       std::ifstream in(it->second->file(), std::ios::binary);
                       std::stringstream ss;
                       ss << in.rdbuf();
                       Response r;
                       r.contentType = "application/pdf";
                       r.body = ss.str();
                       r.headers.emplace_back("Content-Disposition", "attachment; filename=\"certificate.pdf\"");
                       return r;
                   }
                   auto job = certificateJob(ctx.store, ctx.event->id, id, true);
                   if (!job) {
                       if (job.error().code == model::ErrorCode::Conflict) {
                           return Response::detail(403, job.error().message);
                       }
                       return Response::detail(404, "Not found.");
                   }
                   if (job->data.order.status != model::OrderStatus::Paid) {
                       return Response::detail(403, "Certificates are only available for paid orders.");
                   }
                   const std::string resultId = newResultId();
                   auto dir = ctx.store.path().parent_path() / "certificates";
                   std::filesystem::create_directories(dir);
                   auto renderer = std::make_unique<render::BatchRenderer>(
                       std::vector<render::TicketJob>{std::move(job.value())}, dir / (resultId + ".pdf"));
                   renderer->start();
                   {
                       std::lock_guard lock(results->mutex);
                       results->renders.emplace(resultId + ":" + std::to_string(id), std::move(renderer));
                   }
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
