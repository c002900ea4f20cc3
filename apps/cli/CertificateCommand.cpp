// boxoffice-cli certificate: certificates of attendance of positions, orders or a whole event
// into one PDF, with a layout file, else the event's stored certificate layout (see
// `certificate-layout`), else the built-in design.
#include <fmt/core.h>

#include <fstream>
#include <iterator>

#include "Command.h"
#include "PositionSelection.h"
#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/TicketLoader.h"

namespace boxoffice::cli {
namespace {

struct CertificateOptions {
    std::string organizer;
    std::string event;
    std::vector<long long> positions;
    std::vector<std::string> orders;
    bool all = false;
    bool includeAbsent = false;
    std::string layoutFile;
    std::string out;
};

int certificateCommand(Context& ctx, const CertificateOptions& o) {
    auto& store = ctx.store();
    auto selection = selectPositions(store, o.organizer, o.event, o.positions, o.orders, o.all);
    const auto* event = &selection.event;
    auto& ids = selection.positionIds;
    render::TicketLoader loader(store);
    std::shared_ptr<const render::RenderTemplate> design;
    if (o.layoutFile.empty()) {
        auto stored = certificates::eventDesign(store, event->id);
        if (!stored) {
            throw UserError(stored.error().message);
        }
        design = stored.value();
    } else {
        std::ifstream in(o.layoutFile, std::ios::binary);
        if (!in) {
            throw UserError(fmt::format("Cannot read the layout file {}.", o.layoutFile));
        }
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        auto parsed = layout::parseLayoutText(text);
        if (!parsed) {
            throw UserError(fmt::format("{}: {}", o.layoutFile, parsed.error().message));
        }
        auto fromFile = std::make_shared<render::RenderTemplate>();
        fromFile->layout = std::move(parsed.value());
        design = fromFile;
    }
    std::vector<render::TicketJob> jobs;
    std::size_t skipped = 0;
    for (model::Id id : ids) {
        auto job = certificates::certificateJob(store, event->id, id, !o.includeAbsent, design);
        if (!job) {
            if (job.error().code == model::ErrorCode::Conflict && (o.all || !o.orders.empty())) {
                ++skipped;
                continue;
            }
            throw UserError(fmt::format("Position {}: {}", id, job.error().message));
        }
        jobs.push_back(std::move(job.value()));
    }
    if (jobs.empty()) {
        throw UserError("Nothing to render: no checked-in attendee among the positions given.");
    }
    auto result = render::renderTickets(jobs, o.out);
    if (!result) {
        throw UserError(result.error().message);
    }
    fmt::print("Rendered {} certificate{} to {}{}.\n", result->tickets, result->tickets == 1 ? "" : "s", o.out,
               skipped ? fmt::format(" ({} not checked in, skipped)", skipped) : std::string());
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto opts = std::make_shared<CertificateOptions>();
        auto* cmd = app.add_subcommand("certificate", "Render certificates of attendance into one PDF");
        cmd->add_option("--organizer", opts->organizer, "Organizer slug")->required();
        cmd->add_option("--event", opts->event, "Event slug")->required();
        cmd->add_option("--position", opts->positions, "Order position ID (repeatable)");
        cmd->add_option("--order", opts->orders, "Order code: its checked-in positions (repeatable)");
        cmd->add_flag("--all", opts->all, "Every checked-in attendee of the event");
        cmd->add_flag("--include-absent", opts->includeAbsent, "Also attendees who were never checked in");
        cmd->add_option("--layout-file", opts->layoutFile,
                        "Layout JSON file (pretix format); default: the event's certificate layout");
        cmd->add_option("--out", opts->out, "PDF file to write")->required();
        return [opts](Context& ctx) { return certificateCommand(ctx, *opts); };
    },
    71}};

}  // namespace
}  // namespace boxoffice::cli
