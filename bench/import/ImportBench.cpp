// Import benchmark: a generated export of N orders (default 10,000, ~25,000 positions) written to
// a temporary file, imported into a fresh store, then imported again (the update-in-place path).
// Prints figures only; nothing is asserted.
#include <fmt/core.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/Store.h"

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time (user + system) of this process so far: unlike wall time, not inflated when other
// programs compete for the processors.
double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

long peakRssKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
    using namespace boxoffice;
    const int orders = argc > 1 ? std::atoi(argv[1]) : 10'000;
    const auto dir = std::filesystem::temp_directory_path() / ("boxoffice-bench-import-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto exportFile = dir / "bench_pretixdata.json";

    auto start = Clock::now();
    importer::GeneratorOptions options;
    options.orders = orders;
    options.organizerSlug = "bench";
    options.eventSlug = "bigconf";
    options.eventName = "Benchmark Conference";
    {
        std::ofstream out(exportFile, std::ios::binary);
        out << importer::generateExport(options).dump();
    }
    const double generation = secondsSince(start);
    fmt::print("export: {} orders, {:.1f} MiB, generated and written in {:.3f} s\n", orders,
               static_cast<double>(std::filesystem::file_size(exportFile)) / (1024.0 * 1024.0), generation);

    int status = 0;
    {
        model::Store store(dir / "bench.sqlite");
        for (const char* pass : {"first import", "re-import"}) {
            start = Clock::now();
            const double cpuStart = cpuSeconds();
            auto result = importer::importPretixJson(store, exportFile);
            const double wall = secondsSince(start);
            const double cpu = cpuSeconds() - cpuStart;
            if (!result) {
                fmt::print(stderr, "{} failed: {}\n", pass, result.error().message);
                status = 1;
                break;
            }
            fmt::print("{}: {} orders, {} positions in {:.3f} s wall, {:.3f} s CPU ({:.0f} orders/s, {:.0f} positions/s)\n",
                       pass, result->orders, result->positions, wall, cpu, result->orders / wall,
                       result->positions / wall);
        }
    }
    fmt::print("database: {:.1f} MiB\n",
               static_cast<double>(std::filesystem::file_size(dir / "bench.sqlite")) / (1024.0 * 1024.0));
    fmt::print("peak RSS: {:.1f} MiB\n", static_cast<double>(peakRssKiB()) / 1024.0);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return status;
}
