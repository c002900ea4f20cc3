// boxoffice-cli device pair|list|revoke: scanner devices (pretixSCAN) paired by a setup QR code.
// `pair` prints the QR code in the terminal and the setup payload JSON as its last line.
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <qrencode.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "Command.h"
#include "boxoffice/auth/Devices.h"

namespace boxoffice::cli {
namespace {

struct DeviceOptions {
    std::string organizer;
    std::string event;
    std::string gate;
    std::vector<long long> lists;
    std::string url;
    std::string name;
    int validMinutes = 60;
    long long revokeId = 0;
};

// The QR code of `text` in UTF-8 half blocks, two modules' rows per line, light modules and the
// quiet zone drawn as blocks (as `qrencode -t UTF8` does), so it scans on a dark terminal.
std::string qrText(const std::string& text) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) {
        throw UserError("Cannot make a QR code of the setup payload.");
    }
    constexpr int kQuiet = 2;
    const int width = code->width;
    auto light = [&](int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= width) {
            return true;
        }
        return (code->data[y * width + x] & 1) == 0;
    };
    std::string out;
    for (int y = -kQuiet; y < width + kQuiet; y += 2) {
        for (int x = -kQuiet; x < width + kQuiet; ++x) {
            const bool top = light(x, y);
            const bool bottom = light(x, y + 1);
            out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
        }
        out += '\n';
    }
    return out;
}

int pair(Context& ctx, const DeviceOptions& o) {
    if (o.url.empty()) {
        throw UserError(
            "--url is needed: the address scanners reach the server at from the LAN, e.g. "
            "--url http://192.168.1.20:8000 for `boxoffice-cli serve --listen 0.0.0.0:8000` on a machine "
            "with that address (not 127.0.0.1: that is the scanner itself).");
    }
    auth::PairRequest request;
    request.organizer = o.organizer;
    request.event = o.event;
    request.gateName = o.gate;
    request.name = o.name;
    request.url = o.url;
    request.lifetime = std::chrono::minutes(o.validMinutes);
    for (long long id : o.lists) {
        request.listIds.push_back(id);
    }
    auto paired = auth::createSetupToken(ctx.store(), request);
    if (!paired) {
        throw UserError(paired.error().message);
    }
    const auto& d = paired->device;
    fmt::print("{}", qrText(paired->payload));
    fmt::print("Device {} \"{}\" for {}/{}, gate {}, lists {}. Scan the code with pretixSCAN within {} minutes; "
               "it works once.\n",
               d.id, d.name, d.organizerSlug, d.eventSlug.value_or("*"), d.gateName.empty() ? "-" : d.gateName,
               d.listIds ? fmt::format("{}", fmt::join(*d.listIds, ",")) : "all", o.validMinutes);
    fmt::print("{}\n", paired->payload);
    return kExitOk;
}

std::string state(const model::Device& d) {
    if (d.revoked()) {
        return "revoked";
    }
    if (d.initialized()) {
        return "active";
    }
    return d.setupExpires && *d.setupExpires <= model::now() ? "expired" : "waiting";
}

int list(Context& ctx) {
    const auto devices = auth::listDevices(ctx.store());
    if (devices.empty()) {
        fmt::print("No devices.\n");
        return kExitOk;
    }
    fmt::print("{:<18} {:<22} {:<20} {:<12} {:<10} {:<28} {:<21} {}\n", "ID", "NAME", "SCOPE", "GATE", "LISTS",
               "SOFTWARE", "LAST SEEN", "STATE");
    for (const auto& d : devices) {
        fmt::print("{:<18} {:<22} {:<20} {:<12} {:<10} {:<28} {:<21} {}\n", d.id, d.name,
                   d.organizerSlug + "/" + d.eventSlug.value_or("*"), d.gateName.empty() ? "-" : d.gateName,
                   d.listIds ? fmt::format("{}", fmt::join(*d.listIds, ",")) : "all",
                   d.softwareBrand.empty() ? "-" : d.softwareBrand + " " + d.softwareVersion,
                   d.lastSeen ? model::formatTimestamp(*d.lastSeen) : "never", state(d));
    }
    return kExitOk;
}

int revoke(Context& ctx, long long id) {
    auto revoked = auth::revokeDevice(ctx.store(), id);
    if (!revoked) {
        throw UserError(revoked.error().message);
    }
    fmt::print("Device {} \"{}\" revoked.\n", id, revoked->name);
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto opts = std::make_shared<DeviceOptions>();
        auto* device = app.add_subcommand("device", "Pair, list and revoke scanner devices (pretixSCAN)");
        device->require_subcommand(1);
        auto* p = device->add_subcommand("pair", "Make a setup QR code; prints the payload JSON as the last line");
        p->add_option("--organizer", opts->organizer, "Organizer slug")->required();
        p->add_option("--event", opts->event, "Event slug")->required();
        p->add_option("--gate", opts->gate, "Gate name, e.g. \"Gate A\"");
        p->add_option("--list", opts->lists, "Check-in list ID the gate scans on (repeat; default: every list)");
        p->add_option("--url", opts->url, "Base URL scanners reach the server at, e.g. http://192.168.1.20:8000");
        p->add_option("--name", opts->name, "Device name (default: \"<gate> scanner\")");
        p->add_option("--valid-minutes", opts->validMinutes, "How long the code may wait to be scanned (default 60)")
            ->check(CLI::PositiveNumber);
        auto* l = device->add_subcommand("list", "List devices (never their tokens)");
        auto* r = device->add_subcommand("revoke", "Revoke a device by ID");
        r->add_option("ID", opts->revokeId, "Device ID from `device list`")->required();
        return [opts, p, l, r](Context& ctx) {
            if (p->parsed()) {
                return pair(ctx, *opts);
            }
            if (l->parsed()) {
                return list(ctx);
            }
            if (r->parsed()) {
                return revoke(ctx, opts->revokeId);
            }
            return kExitUsage;
        };
    },
    62}};

}  // namespace
}  // namespace boxoffice::cli
