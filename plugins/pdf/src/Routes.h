// Route registration of the pdf plugin, split by topic. Private to plugins/pdf.
#pragma once

#include <filesystem>
#include <memory>

#include "BatchJobs.h"
#include "boxoffice/server/Router.h"

namespace boxoffice::pdf {

inline const std::string kEventBase = "/api/v1/organizers/{organizer}/events/{event}/";

void registerLayoutRoutes(server::Router& router);
void registerDownloadRoutes(server::Router& router, std::shared_ptr<BatchJobs> jobs);

// Where render_batch keeps its files for the store of `ctx`.
std::filesystem::path jobsDir(const server::Context& ctx);

}  // namespace boxoffice::pdf
