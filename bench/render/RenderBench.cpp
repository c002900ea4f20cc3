// Benchmark: N tickets (default 1,000) with pretix's default layout and background into one PDF.
// Usage: bench_render [COUNT] [OUT.pdf]. Prints tickets/s, peak RSS and bytes per ticket.
#include <sys/resource.h>

#include <fmt/core.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "boxoffice/layout/LayoutJson.h"
#include "boxoffice/render/BatchRenderer.h"

using namespace boxoffice;

namespace {

std::vector<render::TicketJob> makeJobs(int count, const std::shared_ptr<const render::RenderTemplate>& design) {
    std::vector<render::TicketJob> jobs;
    jobs.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        layout::TicketData d;
        d.organizer.name = "Demo Organizer";
        d.event.name = model::I18nString::plain("Summer Fest 2026");
        d.event.location = model::I18nString::plain("Town Hall, Market Square 1");
        d.event.dateFrom = model::parseTimestamp("2026-07-04T16:00:00Z");
        d.item.name = model::I18nString::plain("Day ticket");
        d.order.code = fmt::format("B{:04}", i / 2);
        d.order.locale = "en";
        d.position.id = i + 1;
        d.position.positionid = i % 2 + 1;
        d.position.price = *model::Decimal2::parse("23.00");
        d.position.attendeeName = fmt::format("Attendee Number {}", i);
        d.position.secret = fmt::format("bench{:027}", i);
        d.position.seat = fmt::format("Row {}, Seat {}", i / 20 + 1, i % 20 + 1);
        jobs.push_back({std::move(d), design});
    }
    return jobs;
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::stoi(argv[1]) : 1000;
    const std::filesystem::path out = argc > 2 ? argv[2] : "bench-render.pdf";
    const std::filesystem::path assets = BOXOFFICE_ASSETS_DIR;
    std::ifstream bg(assets / "pretix" / "ticket_default_a4.from-svg.pdf", std::ios::binary);
    auto design = std::make_shared<render::RenderTemplate>();
    design->layout = layout::defaultLayout();
    design->backgroundPdf.assign(std::istreambuf_iterator<char>(bg), std::istreambuf_iterator<char>());

    // One ticket first: the size baseline for bytes per ticket (fonts, background, catalogue).
    auto one = makeJobs(1, design);
    std::filesystem::path onePath = out;
    onePath += ".one.pdf";
    if (!render::renderTickets(one, onePath)) {
        fmt::print(stderr, "rendering one ticket failed\n");
        return 1;
    }
    const auto oneSize = std::filesystem::file_size(onePath);
    std::filesystem::remove(onePath);

    auto jobs = makeJobs(count, design);
    const double cpuStart = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    auto result = render::renderTickets(jobs, out);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = cpuSeconds() - cpuStart;
    if (!result) {
        fmt::print(stderr, "rendering failed: {}\n", result.error().message);
        return 1;
    }
    const auto size = std::filesystem::file_size(out);
    fmt::print("boxoffice (cairo/pango/poppler/qrencode)\n");
    fmt::print("  tickets:           {}\n", result->tickets);
    fmt::print("  time:              {:.3f} s\n", seconds);
    fmt::print("  tickets/s:         {:.0f} (wall clock; {:.0f} per CPU second, {:.3f} s CPU)\n",
               static_cast<double>(result->tickets) / seconds, static_cast<double>(result->tickets) / cpu, cpu);
    fmt::print("  peak RSS:          {:.1f} MB\n", static_cast<double>(peakRssKb()) / 1024.0);
    fmt::print("  file size:         {} bytes (1 ticket: {} bytes, background file: {} bytes)\n", size, oneSize,
               design->backgroundPdf.size());
    fmt::print("  bytes per ticket:  {:.0f}\n",
               count > 1 ? static_cast<double>(size - oneSize) / (count - 1.0) : static_cast<double>(size));
    fmt::print("TICKETS_PER_SECOND={:.1f}\n", static_cast<double>(result->tickets) / seconds);
    return 0;
}
