// The pdf plugin: registration, ticket downloads and render_batch.
#include "boxoffice/pdf/PdfPlugin.h"

#include <fmt/core.h>

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "Routes.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/render/TicketLoader.h"

namespace boxoffice::pdf {
namespace {

using nlohmann::json;
using server::Context;
using server::Response;

Response retryLater() { return Response::detail(409, "The requested resource is not ready, please retry later."); }

Response pdfFile(const std::filesystem::path& file, const std::string& filename) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Response r;
    r.contentType = "application/pdf";
    r.body = ss.str();
    r.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
    return r;
}

// The cache key of a download: SHA-256 (64 hex digits, a valid job ID) over what was asked for
// (`scope`) and everything that changes what the tickets print and that the store records a
// change of: the event's and the order's modification times, each position with its first
// check-in, and each design (layout document and background bytes).
std::string cacheKey(const std::string& scope, const model::Event& event, const model::Order& order,
                     const std::vector<render::TicketJob>& jobs) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!md || EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    auto feed = [&](std::string_view bytes) {
        const std::string length = fmt::format("{}:", bytes.size());  // unambiguous concatenation
        EVP_DigestUpdate(md.get(), length.data(), length.size());
        EVP_DigestUpdate(md.get(), bytes.data(), bytes.size());
    };
    feed(scope);
    feed(fmt::format("{}/{}/{}/{}", event.id, model::toStorage(event.lastModified), order.id,
                     model::toStorage(order.lastModified)));
    std::set<const render::RenderTemplate*> designs;
    for (const auto& job : jobs) {
        feed(fmt::format("{}/{}", job.data.position.id,
                         job.data.firstScan ? model::toStorage(*job.data.firstScan) : std::int64_t{0}));
        if (designs.insert(job.design.get()).second) {
            feed(layout::toJson(job.design->layout).dump());
            const auto& bg = job.design->backgroundPdf;
            feed(std::string_view(reinterpret_cast<const char*>(bg.data()), bg.size()));
        } else {
            feed("same design");
        }
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(md.get(), digest.data(), &length) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += fmt::format("{:02x}", digest[i]);
    }
    return hex;
}

// A ticket download (seed 001): the cached PDF if it is ready (200); otherwise the render is
// started, or still running, and the answer is pretix's 409 "retry later".
Response download(Context& ctx, render::RenderJobs& renders, const std::string& scope, const model::Order& order,
                  const std::vector<model::Id>& ids, const std::string& filename) {
    render::TicketLoader loader(ctx.store);
    auto jobs = loader.jobs(ctx.event->id, ids);
    if (!jobs) {
        return Response::fromError(jobs.error());
    }
    const auto dir = jobsDir(ctx) / "downloads";
    const std::string key = cacheKey(scope, *ctx.event, order, jobs.value());
    if (auto status = renders.status(dir, key)) {
        switch (status->kind) {
            case render::RenderJobs::Status::Kind::Running: return retryLater();
            case render::RenderJobs::Status::Kind::Done:
                if (std::filesystem::exists(status->pdf)) {
                    return pdfFile(status->pdf, filename);
                }
                break;  // deleted meanwhile: render again
            case render::RenderJobs::Status::Kind::Failed:
                if (!status->interrupted) {
                    // Answer the failure once; the next request tries again.
                    std::error_code ec;
                    std::filesystem::remove(dir / (key + ".json"), ec);
                    return Response::detail(500, status->message);
                }
                break;
        }
    }
    renders.cleanup(dir);
    renders.start(dir, std::move(jobs.value()), key, scope);
    return retryLater();
}

// Who may fetch a render_batch result: the organizer and event it was made for. IDs, not slugs,
// so an event that is deleted and made again under the same slug does not inherit the results.
// How many render_batch jobs may run at once: in all, and per event.
constexpr render::RenderJobs::Limits kBatchLimits{4, 2};

std::string batchTag(const Context& ctx) {
    return fmt::format("batch:{}:{}", ctx.event->organizerId, ctx.event->id);
}

std::optional<Response> downloadAllowed(const Context& ctx, const model::Order& order) {
    if (!ctx.event->ticketDownloads) {
        return Response::detail(403, "Ticket downloads are disabled for this event.");
    }
    if (order.status != model::OrderStatus::Paid) {
        return Response::detail(403, "Tickets can only be downloaded for paid orders.");
    }
    return std::nullopt;
}

}  // namespace

std::filesystem::path jobsDir(const Context& ctx) { return ctx.store.path().parent_path() / "render-jobs"; }

void registerDownloadRoutes(server::Router& router, std::shared_ptr<render::RenderJobs> jobs) {
    using server::Auth;
    // Tickets carry names, order codes and secrets: pretix asks for can_view_orders.
    const server::Permissions view{server::Permission::ViewOrders};
    router.add("GET", kEventBase + "orderpositions/{id}/download/pdf/", Auth::EventToken, view, [jobs](Context& ctx) {
        const auto parsed = server::parseId(ctx.param(2));
        if (!parsed) {
            return Response::detail(404, "Not found.");
        }
        const model::Id id = *parsed;
        model::OrderRepository orders(ctx.store);
        auto position = orders.position(ctx.event->id, id);
        auto order = position ? orders.byId(position->orderId) : std::nullopt;
        if (!order || position->canceled) {
            return Response::detail(404, "Not found.");
        }
        if (auto denied = downloadAllowed(ctx, *order)) {
            return *denied;
        }
        return download(ctx, *jobs, fmt::format("position:{}", id), *order, {id},
                        fmt::format("{}-{}-{}.pdf", ctx.event->slug, order->code, position->positionid));
    });
    router.add("GET", kEventBase + "orders/{code}/download/pdf/", Auth::EventToken, view, [jobs](Context& ctx) {
        auto order = model::OrderRepository(ctx.store).byCode(ctx.event->id, ctx.param(2));
        if (!order) {
            return Response::detail(404, "Not found.");
        }
        if (auto denied = downloadAllowed(ctx, *order)) {
            return *denied;
        }
        std::vector<model::Id> ids;
        for (const auto& p : order->positions) {
            if (!p.canceled) {
                ids.push_back(p.id);
            }
        }
        if (ids.empty()) {
            return Response::detail(404, "This order has no tickets.");
        }
        return download(ctx, *jobs, "order:" + order->code, *order, ids,
                        fmt::format("{}-{}.pdf", ctx.event->slug, order->code));
    });
    router.add("POST", kEventBase + "ticketpdfrenderer/render_batch/", Auth::EventToken, view, [jobs](Context& ctx) {
        auto body = ctx.request.jsonObject();
        if (!body) {
            return Response::detail(400, body.error().message);
        }
        const json& parts = body.value().contains("parts") ? body.value()["parts"] : json();
        if (!parts.is_array() || parts.empty()) {
            return Response::fieldErrors({{"parts", {"This field is required and must be a non-empty list."}}});
        }
        if (parts.size() > kMaxBatchParts) {
            return Response::fieldErrors(
                {{"parts", {fmt::format("Please do not submit more than {} parts.", kMaxBatchParts)}}});
        }
        render::TicketLoader loader(ctx.store);
        std::vector<render::TicketJob> list;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const json& part = parts[i];
            if (!part.is_object() || !part.contains("orderposition") || !part["orderposition"].is_number_integer()) {
                return Response::fieldErrors({{"parts", {fmt::format("Part {}: \"orderposition\" must be an integer.", i + 1)}}});
            }
            auto data = loader.load(ctx.event->id, part["orderposition"].get<model::Id>());
            if (!data) {
                return Response::fieldErrors({{"parts", {fmt::format("Part {}: {}", i + 1, data.error().message)}}});
            }
            std::optional<model::Id> layoutId;
            if (part.contains("override_layout") && !part["override_layout"].is_null()) {
                if (!part["override_layout"].is_number_integer()) {
                    return Response::fieldErrors({{"parts", {fmt::format("Part {}: \"override_layout\" must be an integer.", i + 1)}}});
                }
                layoutId = part["override_layout"].get<model::Id>();
            }
            std::string channel = data->order.salesChannel;
            if (part.contains("override_channel") && !part["override_channel"].is_null()) {
                if (!part["override_channel"].is_string()) {
                    return Response::fieldErrors({{"parts", {fmt::format("Part {}: \"override_channel\" must be a string.", i + 1)}}});
                }
                channel = part["override_channel"].get<std::string>();
            }
            auto design = loader.design(ctx.event->id, data->position.itemId, channel, layoutId);
            if (!design) {
                return Response::fieldErrors({{"parts", {fmt::format("Part {}: {}", i + 1, design.error().message)}}});
            }
            list.push_back({std::move(data.value()), design.value()});
        }
        const auto dir = jobsDir(ctx);
        jobs->cleanup(dir);
        // Each batch renders on a thread of its own: a few at once in all, and two per event, or a
        // client could start renders without end. The refused one may try again shortly.
        const auto id = jobs->tryStart(dir, std::move(list), kBatchLimits, {}, batchTag(ctx));
        if (!id) {
            auto busy = Response::detail(429, "Too many ticket renders are running; please try again in a few seconds.");
            busy.headers.emplace_back("Retry-After", "5");
            return busy;
        }
        return Response::json({{"download", fmt::format("{}ticketpdfrenderer/download/{}/", ctx.eventApiUrl(), *id)}}, 202);
    });
    router.add("GET", kEventBase + "ticketpdfrenderer/download/{id}/", Auth::EventToken, view, [jobs](Context& ctx) {
        // Another organizer's or event's job is answered as an unknown one, as pretix does.
        auto status = jobs->status(jobsDir(ctx), ctx.param(2));
        if (!status || status->tag != batchTag(ctx)) {
            return Response::detail(404, "Not found.");
        }
        switch (status->kind) {
            case render::RenderJobs::Status::Kind::Running: return Response::json({{"status", "running"}}, 409);
            case render::RenderJobs::Status::Kind::Failed:
                return Response::json({{"status", "failed"}, {"message", status->message}}, 410);
            case render::RenderJobs::Status::Kind::Done: break;
        }
        return pdfFile(status->pdf, "tickets.pdf");
    });
}

PdfPlugin::PdfPlugin() : m_jobs(std::make_shared<render::RenderJobs>()) {}
PdfPlugin::~PdfPlugin() = default;

void PdfPlugin::registerRoutes(server::Router& router) {
    registerLayoutRoutes(router);
    registerDownloadRoutes(router, m_jobs);
    registerUploadRoutes(router);
}

}  // namespace boxoffice::pdf
