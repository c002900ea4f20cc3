// Benchmark: pre-flight of a layout against every ticket of a generated event of about 100,000
// positions (issue target: at most 5 s on this 2-core machine). Three different layouts run one
// after another, each with a fresh checker, so nothing measured by one run answers the next:
// pretix's default layout, a badge-like layout whose small auto-resizing name box shrinks most
// names, and one with many text elements. Then the certificate of attendance, as its pre-flight
// runs it (certificates::preflight: every ticket's check-in values read in bulk): three of four
// tickets are checked in first, and the built-in certificate design (with its check-in time) and
// a box of the check-in date are checked against those checked in, then against everyone. Prints each run's time, tickets/s,
// problems found and the time per 1,000 tickets (median, p99, worst: the designer's progress bar
// moves that often).
// Usage: bench_preflight [POSITIONS]
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/render/Preflight.h"
#include "boxoffice/render/TicketLoader.h"

using namespace boxoffice;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

layout::Length mm(double v) { return layout::Length::mm(v); }

layout::TextContainer box(double left, double bottom, double width, double height, double fs, const char* content) {
    layout::TextContainer t;
    t.base.left = mm(left);
    t.base.bottom = mm(bottom);
    t.width = mm(width);
    t.height = mm(height);
    t.style.fontSize = fs;
    t.content.content = content;
    t.autoResize = true;
    return t;
}

layout::BarcodeArea code(double left, double bottom, double size, const char* content) {
    layout::BarcodeArea b;
    b.base.left = mm(left);
    b.base.bottom = mm(bottom);
    b.size = mm(size);
    b.content = layout::Content{content, {}, {}};
    return b;
}

std::vector<std::pair<std::string, layout::Layout>> layouts() {
    std::vector<std::pair<std::string, layout::Layout>> out;
    out.emplace_back("pretix's default layout", layout::defaultLayout());
    layout::Layout badge;
    badge.elements.push_back(box(10, 60, 22, 5, 16, "attendee_name"));
    badge.elements.push_back(box(10, 50, 40, 6, 10, "item"));
    badge.elements.push_back(code(55, 45, 12, "secret"));
    out.emplace_back("badge with a small name box", badge);
    layout::Layout many;
    const char* contents[] = {"event_name", "attendee_name", "item", "variation", "order", "price",
                              "event_date", "event_location", "attendee_email", "invoice_name"};
    double y = 270;
    for (const char* content : contents) {
        many.elements.push_back(box(10, y, 120, 10, 12, content));
        y -= 15;
    }
    many.elements.push_back(code(140, 200, 50, "secret"));
    out.emplace_back("ten text boxes and a QR code", many);
    return out;
}

// Checks in three of every four tickets of the event on a new list, in one transaction.
std::size_t checkInMost(model::Store& store, model::Id eventId) {
    std::vector<model::Id> positions;
    auto visited = render::TicketLoader(store).forEachTicket(eventId, [&](layout::TicketData& ticket, std::size_t) {
        positions.push_back(ticket.position.id);
        return true;
    });
    if (!visited) {
        return 0;
    }
    model::Store::Transaction tx(store);
    model::CheckinRepository checkins(store);
    model::CheckinList list;
    list.eventId = eventId;
    list.name = "Main entrance";
    checkins.upsertList(list);
    const auto opened = model::now();
    std::size_t done = 0;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        if (i % 4 == 3) {
            continue;
        }
        model::Checkin c;
        c.listId = list.id;
        c.positionId = positions[i];
        c.datetime = opened + std::chrono::seconds(static_cast<long>(i));
        c.device = "bench";
        checkins.insert(c);
        ++done;
    }
    tx.commit();
    return done;
}

struct Run {
    std::string name;
    std::function<model::Result<render::PreflightReport>(const render::PreflightRun&)> check;
};

}  // namespace

int main(int argc, char** argv) {
    const long positions = argc > 1 ? std::stol(argv[1]) : 100'000;
    const auto dir = std::filesystem::temp_directory_path() / "boxoffice-bench-preflight";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    model::Store store(dir / "bench.sqlite");
    const auto start = Clock::now();
    importer::GeneratorOptions options;
    options.orders = static_cast<int>(positions * 10 / 24);  // about 2.4 positions per order
    options.organizerSlug = "bench";
    options.eventSlug = "preflight";
    {
        std::ofstream out(dir / "export.json", std::ios::binary);
        importer::writeGeneratedExport(out, options);
    }
    auto imported = importer::importPretixJson(store, dir / "export.json");
    if (!imported) {
        fmt::print(stderr, "import failed: {}\n", imported.error().message);
        return 1;
    }
    const auto event = model::EventRepository(store).eventBySlug("bench", "preflight");
    fmt::print("generated and imported {} orders, {} positions in {:.1f} s\n", imported->orders, imported->positions,
               msSince(start) / 1000.0);

    std::vector<Run> runs;
    for (const auto& [name, layout] : layouts()) {
        runs.push_back({name, [&store, id = event->id, layout = layout](const render::PreflightRun& run) {
                            return render::preflight(store, id, layout, {}, run);
                        }});
    }
    // The built-in design, and its check-in date in a box of its own: empty for those not checked in.
    auto certificate = certificates::defaultCertificateLayout();
    certificate.elements.push_back(box(20, 100, 170, 10, 12, "checkin_date"));
    for (const bool checkedInOnly : {true, false}) {
        runs.push_back({checkedInOnly ? "certificate, those checked in" : "certificate, everyone",
                        [&store, id = event->id, &certificate, checkedInOnly](const render::PreflightRun& run) {
                            return certificates::preflight(store, id, certificate, {}, checkedInOnly, run);
                        }});
    }

    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& [name, check] = runs[i];
        if (i == runs.size() - 2) {
            const auto setupStart = Clock::now();
            const std::size_t checkedIn = checkInMost(store, event->id);
            fmt::print("checked in {} tickets in {:.1f} s\n", checkedIn, msSince(setupStart) / 1000.0);
        }
        std::vector<double> chunks;
        auto chunkStart = Clock::now();
        render::PreflightRun run;
        run.progress = [&](std::size_t done, std::size_t) {
            if (done > 0) {
                chunks.push_back(msSince(chunkStart));
            }
            chunkStart = Clock::now();
        };
        const auto runStart = Clock::now();
        auto report = check(run);
        const double ms = msSince(runStart);
        if (!report) {
            fmt::print(stderr, "pre-flight failed: {}\n", report.error().message);
            return 1;
        }
        std::sort(chunks.begin(), chunks.end());
        auto at = [&](double q) { return chunks.empty() ? 0.0 : chunks[static_cast<std::size_t>(q * static_cast<double>(chunks.size() - 1))]; };
        std::size_t flagged = 0;
        for (const auto& p : report->problems) {
            flagged += p.tickets;
        }
        fmt::print("{}: {} tickets in {:.2f} s ({:.0f} tickets/s), {} problems ({} ticket findings); per 1,000 "
                   "tickets: median {:.1f} ms, p99 {:.1f} ms, worst {:.1f} ms\n",
                   name, report->checked, ms / 1000.0, static_cast<double>(report->checked) / (ms / 1000.0),
                   report->problems.size(), flagged, at(0.5), at(0.99), chunks.empty() ? 0.0 : chunks.back());
        const char* kinds[] = {"text too small", "text overflows", "prints nothing", "QR too fine", "off the page",
                               "over a QR code's quiet zone"};
        for (const auto& p : report->problems) {
            fmt::print("    element {} {}: {} tickets\n", p.element, kinds[static_cast<int>(p.kind)], p.tickets);
        }
    }
    std::filesystem::remove_all(dir);
    return 0;
}
