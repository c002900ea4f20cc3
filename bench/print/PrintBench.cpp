// Print benchmark: what a box office does the morning of an event: print 1,000 tickets. An event
// (the demo, plus generated orders: every run prints tickets no earlier run printed) is made in a
// child process so its memory is not counted; then each run chooses its tickets, loads them,
// renders them with pretix's default layout and background and hands the PDF to a CUPS queue
// (cups-pdf; the queue is added when missing). The time is from Print to the spooler having the
// whole job, as the desk's Print button measures it; the queue's own work (cups-pdf turning the
// job into a file) is cancelled between runs so it does not slow the next one.
// Usage: bench_print [TICKETS=1000] [RUNS=3] [PRINTER=BoxOfficeBenchPDF]
#include <fmt/core.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/printing/PrintRun.h"
#include "../support/CupsQueue.h"

using namespace boxoffice;

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

long peakRssKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// The event, made in a child process: the demo and enough generated orders for every run.
bool makeEvent(const std::filesystem::path& db, int positions) {
    const pid_t child = fork();
    if (child == 0) {
        model::Store store(db);
        auto demo = importer::ensureDemoEvent(store);
        if (!demo) {
            fmt::print(stderr, "demo: {}\n", demo.error().message);
            _exit(1);
        }
        importer::GeneratorOptions options;
        options.orders = positions * 3 / 4 + 100;  // about 1.3 positions per order
        options.seed = 4242;
        auto imported = importer::importPretixJsonText(store, importer::generateExport(options).dump());
        if (!imported) {
            fmt::print(stderr, "import: {}\n", imported.error().message);
            _exit(1);
        }
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they come, also into a pipe
    const int tickets = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    const std::string printer = argc > 3 ? argv[3] : "BoxOfficeBenchPDF";
    if (!bench::ensurePdfQueue(printer)) {
        fmt::print(stderr, "cannot set up the CUPS queue {} (needs cups and printer-driver-cups-pdf, and root)\n", printer);
        return 1;
    }
    const auto dir = std::filesystem::temp_directory_path() / fmt::format("boxoffice-bench-print-{}", getpid());
    std::filesystem::create_directories(dir);
    const auto db = dir / "bench.sqlite";
    auto start = Clock::now();
    if (!makeEvent(db, tickets * runs)) {
        return 1;
    }
    fmt::print("event made in {:.1f} s (child process)\n", since(start));

    model::Store store(db);
    const auto event = model::EventRepository(store).eventBySlug(importer::kDemoOrganizer, importer::kDemoEvent);
    auto all = printing::selectPositions(store, event->id, {}, printing::PrintedDocument::Ticket);
    if (!all || all->size() < static_cast<std::size_t>(tickets * runs)) {
        fmt::print(stderr, "the event has too few tickets\n");
        return 1;
    }
    fmt::print("{} tickets per run, {} runs, printer {}; load average {}\n", tickets, runs, printer,
               [] {
                   double load[3] = {};
                   getloadavg(load, 3);
                   return fmt::format("{:.2f} {:.2f} {:.2f}", load[0], load[1], load[2]);
               }());
    std::vector<double> totals;
    for (int run = 0; run < runs; ++run) {
        const std::vector<model::Id> ids(all->begin() + run * tickets, all->begin() + (run + 1) * tickets);
        start = Clock::now();
        auto batch = printing::loadBatch(store, event->id, ids, printing::PrintedDocument::Ticket);
        const double loaded = since(start);
        if (!batch) {
            fmt::print(stderr, "load: {}\n", batch.error().message);
            return 1;
        }
        printing::PrintOptions options;
        options.printer = printer;
        options.title = fmt::format("boxoffice-bench-{}-{}", getpid(), run);
        auto printed = printing::printBatch(store, batch.value(), options);
        const double total = since(start);
        if (!printed) {
            fmt::print(stderr, "print: {}\n", printed.error().message);
            return 1;
        }
        totals.push_back(total);
        fmt::print("run {}: {} tickets, {} pages: loaded in {:.2f} s, rendered and spooled in {:.2f} s; "
                   "Print to spooler {:.2f} s ({:.1f} ms per ticket)\n",
                   run + 1, printed->run.entries.size(), printed->run.pages, loaded, total - loaded, total,
                   total * 1000 / tickets);
        // The queue's own work on a job (cups-pdf turning 1,000 pages into a file takes minutes) is
        // not what is measured and would slow the next run: the jobs are cancelled once spooled.
        bench::clearQueue(printer);
    }
    std::sort(totals.begin(), totals.end());
    fmt::print("Print to spooler: best {:.2f} s, worst {:.2f} s; peak RSS {:.0f} MB (this process)\n", totals.front(),
               totals.back(), static_cast<double>(peakRssKiB()) / 1024);
    bench::removePdfs("boxoffice-bench-");
    std::filesystem::remove_all(dir);
    return 0;
}
