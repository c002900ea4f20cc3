// boxoffice-cli render: tickets of positions, orders or a whole event into one PDF, with the
// layout assigned to each product, a stored layout (--layout) or a layout file (--layout-file).
#include <fmt/core.h>

#include <fstream>
#include <iterator>

#include "Command.h"
#include "PositionSelection.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/TicketLoader.h"

namespace boxoffice::cli {
namespace {

struct RenderOptions {
    std::string organizer;
    std::string event;
    std::vector<long long> positions;
    std::vector<std::string> orders;
    bool all = false;
    long long layoutId = 0;
    std::string layoutFile;
    std::string background;
    std::string out;
};

std::vector<unsigned char> readBinary(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UserError(fmt::format("Cannot read the {} {}.", what, path));
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int renderCommand(Context& ctx, const RenderOptions& o) {
    auto& store = ctx.store();
    auto selection = selectPositions(store, o.organizer, o.event, o.positions, o.orders, o.all);
    const auto* event = &selection.event;
    auto& ids = selection.positionIds;
    render::TicketLoader loader(store);
    if (ids.empty()) {
        throw UserError("Nothing to render: give --position, --order or --all (the event has no tickets?).");
    }
    std::shared_ptr<render::RenderTemplate> fileDesign;
    if (!o.layoutFile.empty()) {
        auto bytes = readBinary(o.layoutFile, "layout file");
        auto parsed = layout::parseLayoutText(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        if (!parsed) {
            throw UserError(fmt::format("{}: {}", o.layoutFile, parsed.error().message));
        }
        fileDesign = std::make_shared<render::RenderTemplate>();
        fileDesign->layout = std::move(parsed.value());
        if (!o.background.empty()) {
            fileDesign->backgroundPdf = readBinary(o.background, "background");
        }
    }
    auto jobs = loader.jobs(event->id, ids, o.layoutId ? std::optional<model::Id>(o.layoutId) : std::nullopt);
    if (!jobs) {
        throw UserError(jobs.error().message);
    }
    if (fileDesign) {
        for (auto& job : jobs.value()) {
            job.design = fileDesign;
        }
    }
    auto result = render::renderTickets(jobs.value(), o.out);
    if (!result) {
        throw UserError(result.error().message);
    }
    for (const auto& problem : result->problems) {
        fmt::print(stderr, "warning: {}\n", problem);
    }
    fmt::print("Rendered {} ticket{} ({} page{}) to {}.\n", result->tickets, result->tickets == 1 ? "" : "s",
               result->pages, result->pages == 1 ? "" : "s", o.out);
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto opts = std::make_shared<RenderOptions>();
        auto* cmd = app.add_subcommand("render", "Render PDF tickets of positions, orders or a whole event");
        cmd->add_option("--organizer", opts->organizer, "Organizer slug")->required();
        cmd->add_option("--event", opts->event, "Event slug")->required();
        cmd->add_option("--position", opts->positions, "Order position ID (repeatable)");
        cmd->add_option("--order", opts->orders, "Order code: all its positions (repeatable)");
        cmd->add_flag("--all", opts->all, "Every position of the event");
        auto* layoutId = cmd->add_option("--layout", opts->layoutId, "Ticket layout ID instead of the assigned one");
        auto* layoutFile = cmd->add_option("--layout-file", opts->layoutFile, "Layout JSON file (pretix format)");
        layoutId->excludes(layoutFile);
        cmd->add_option("--background", opts->background, "Background PDF for --layout-file (default: blank A4)")
            ->needs(layoutFile);
        cmd->add_option("--out", opts->out, "PDF file to write")->required();
        return [opts](Context& ctx) { return renderCommand(ctx, *opts); };
    },
    70}};

}  // namespace
}  // namespace boxoffice::cli
