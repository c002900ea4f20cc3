// The pdf plugin: registration, ticket downloads and render_batch.
#include "boxoffice/pdf/PdfPlugin.h"

#include <fmt/core.h>

#include <fstream>
#include <random>
#include <sstream>

#include "Routes.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/render/TicketLoader.h"

namespace boxoffice::pdf {
namespace {

using nlohmann::json;
using server::Context;
using server::Response;

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

// Renders synchronously (an order's few tickets take milliseconds) into a private temp file.
Response renderNow(Context& ctx, const std::vector<model::Id>& ids, const std::string& filename) {
    render::TicketLoader loader(ctx.store);
    auto jobs = loader.jobs(ctx.event->id, ids);
    if (!jobs) {
        return Response::fromError(jobs.error());
    }
    std::random_device rd;
    auto dir = jobsDir(ctx) / "downloads";
    std::filesystem::create_directories(dir);
    auto file = dir / fmt::format("{:08x}{:08x}.pdf", rd(), rd());
    auto result = render::renderTickets(jobs.value(), file);
    if (!result) {
        return Response::detail(500, result.error().message);
    }
    Response r = pdfFile(file, filename);
    std::error_code ec;
    std::filesystem::remove(file, ec);
    return r;
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

void registerDownloadRoutes(server::Router& router, std::shared_ptr<BatchJobs> jobs) {
    using server::Auth;
    router.add("GET", kEventBase + "orderpositions/{id}/download/pdf/", Auth::EventToken, [](Context& ctx) {
        model::Id id = 0;
        try {
            id = std::stoll(ctx.param(2));
        } catch (const std::exception&) {
            return Response::detail(404, "Not found.");
        }
        model::OrderRepository orders(ctx.store);
        auto position = orders.position(ctx.event->id, id);
        auto order = position ? orders.byId(position->orderId) : std::nullopt;
        if (!order || position->canceled) {
            return Response::detail(404, "Not found.");
        }
        if (auto denied = downloadAllowed(ctx, *order)) {
            return *denied;
        }
        return renderNow(ctx, {id}, fmt::format("{}-{}-{}.pdf", ctx.event->slug, order->code, position->positionid));
    });
    router.add("GET", kEventBase + "orders/{code}/download/pdf/", Auth::EventToken, [](Context& ctx) {
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
        return renderNow(ctx, ids, fmt::format("{}-{}.pdf", ctx.event->slug, order->code));
    });
    router.add("POST", kEventBase + "ticketpdfrenderer/render_batch/", Auth::EventToken, [jobs](Context& ctx) {
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
        const std::string id = jobs->start(dir, std::move(list));
        return Response::json({{"download", fmt::format("{}ticketpdfrenderer/download/{}/", ctx.eventApiUrl(), id)}}, 202);
    });
    router.add("GET", kEventBase + "ticketpdfrenderer/download/{id}/", Auth::EventToken, [jobs](Context& ctx) {
        auto status = jobs->status(jobsDir(ctx), ctx.param(2));
        if (!status) {
            return Response::detail(404, "Not found.");
        }
        switch (status->kind) {
            case BatchJobs::Status::Kind::Running: return Response::json({{"status", "running"}}, 409);
            case BatchJobs::Status::Kind::Failed:
                return Response::json({{"status", "failed"}, {"message", status->message}}, 410);
            case BatchJobs::Status::Kind::Done: break;
        }
        return pdfFile(status->pdf, "tickets.pdf");
    });
}

PdfPlugin::PdfPlugin() : m_jobs(std::make_shared<BatchJobs>()) {}
PdfPlugin::~PdfPlugin() = default;

void PdfPlugin::registerRoutes(server::Router& router) {
    registerLayoutRoutes(router);
    registerDownloadRoutes(router, m_jobs);
}

}  // namespace boxoffice::pdf
