// boxoffice-cli certificate-layout: stores an event's certificate layout (and background PDF),
// used by `certificate` and the certificates API, or goes back to the built-in design.
#include <fmt/core.h>

#include <fstream>
#include <iterator>

#include "Command.h"
#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/model/EventRepository.h"

namespace boxoffice::cli {
namespace {

struct CertificateLayoutOptions {
    std::string organizer;
    std::string event;
    std::string layoutFile;
    std::string background;
    bool reset = false;
};

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UserError(fmt::format("Cannot read {}.", path));
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int certificateLayoutCommand(Context& ctx, const CertificateLayoutOptions& o) {
    auto& store = ctx.store();
    auto event = model::EventRepository(store).eventBySlug(o.organizer, o.event);
    if (!event) {
        throw UserError(fmt::format("Organizer \"{}\" has no event \"{}\".", o.organizer, o.event));
    }
    if (o.reset) {
        const bool removed = certificates::resetEventLayout(store, event->id);
        fmt::print("{}\n", removed ? "The event's certificates use the built-in design again."
                                   : "The event had no certificate layout; it uses the built-in design.");
        return kExitOk;
    }
    std::optional<std::vector<unsigned char>> background;
    if (!o.background.empty()) {
        const std::string bytes = readAll(o.background);
        background.emplace(bytes.begin(), bytes.end());
    }
    auto saved = certificates::saveEventLayout(store, event->id, readAll(o.layoutFile), background);
    if (!saved) {
        throw UserError(fmt::format("{}: {}", o.background.empty() ? o.layoutFile : o.layoutFile + " / " + o.background,
                                    saved.error().message));
    }
    fmt::print("Stored the certificate layout of {}/{}.\n", o.organizer, o.event);
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto opts = std::make_shared<CertificateLayoutOptions>();
        auto* cmd = app.add_subcommand("certificate-layout", "Store an event's certificate layout or reset it");
        cmd->add_option("--organizer", opts->organizer, "Organizer slug")->required();
        cmd->add_option("--event", opts->event, "Event slug")->required();
        auto* set = cmd->add_option("--set", opts->layoutFile, "Layout JSON file (pretix format) to store");
        cmd->add_option("--background", opts->background, "Background PDF for the stored layout")->needs(set);
        auto* reset = cmd->add_flag("--reset", opts->reset, "Go back to the built-in design");
        set->excludes(reset);
        return [opts](Context& ctx) {
            if (opts->layoutFile.empty() && !opts->reset) {
                throw UserError("Give --set FILE or --reset.");
            }
            return certificateLayoutCommand(ctx, *opts);
        };
    },
    72}};

}  // namespace
}  // namespace boxoffice::cli
