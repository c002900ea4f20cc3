// Route registration of the pdf plugin, split by topic. Private to plugins/pdf.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>

#include "boxoffice/render/RenderJobs.h"
#include "boxoffice/server/Router.h"

namespace boxoffice::pdf {

inline const std::string kEventBase = "/api/v1/organizers/{organizer}/events/{event}/";
inline constexpr std::size_t kMaxBatchParts = 1000;
// Uploads (backgrounds) larger than this are refused; the server's body limit may be lower.
inline constexpr std::size_t kMaxUploadBytes = 10 * 1024 * 1024;

void registerLayoutRoutes(server::Router& router);
void registerDownloadRoutes(server::Router& router, std::shared_ptr<render::RenderJobs> jobs);
void registerUploadRoutes(server::Router& router);

// Where render_batch keeps its files for the store of `ctx`; ticket downloads use "downloads/"
// inside it.
std::filesystem::path jobsDir(const server::Context& ctx);

}  // namespace boxoffice::pdf
