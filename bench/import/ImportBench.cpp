// Import benchmark: a generated export written to a temporary file (as a stream, so even a
// million positions cost the generator little memory), imported into a fresh store, then imported
// again (the update-in-place path). Each import runs in a fresh process (this program run again
// with --import), so its peak RSS is the import's alone, not the generator's. Prints figures only;
// nothing is asserted.
//
//   bench_import [ORDERS]            N orders (default 10,000, ~24,000 positions)
//   bench_import --positions N       about N positions (the order count is chosen for it)
//   bench_import --import FILE DB    one import of FILE into DB, with its figures
//   bench_import --write FILE ORDERS only the export, kept (for profiling --import)
#include <fmt/core.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "boxoffice/importer/ExportGenerator.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/Store.h"

namespace {

using Clock = std::chrono::steady_clock;

// Positions per order of the generated export, measured over 100,000 orders: used to choose the
// order count for --positions.
constexpr double kPositionsPerOrder = 2.387;

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

// The peak resident set of this process image (VmHWM): unlike getrusage's ru_maxrss it starts
// afresh at exec, so the parent's memory does not count.
double peakRssMiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
        }
    }
    return 0;
}

int importOnce(const char* file, const char* db) {
    using namespace boxoffice;
    model::Store store(db);
    const auto start = Clock::now();
    const double cpuStart = cpuSeconds();
    // Where the time goes: each step from its start, as the importer reports it ("reading": the
    // first pass, "checking": against the store, "writing": the second pass, "saving": the commit).
    std::vector<std::pair<std::string, Clock::time_point>> steps;
    importer::ImportControl control;
    control.progress = [&steps](std::string_view step) { steps.emplace_back(std::string(step), Clock::now()); };
    auto result = importer::importPretixJson(store, file, control);
    const double wall = secondsSince(start);
    const auto end = Clock::now();
    std::string split;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto until = i + 1 < steps.size() ? steps[i + 1].second : end;
        split += fmt::format("{}{} {:.1f} s", split.empty() ? "" : ", ", steps[i].first,
                             std::chrono::duration<double>(until - steps[i].second).count());
    }
    const double cpu = cpuSeconds() - cpuStart;
    if (!result) {
        fmt::print(stderr, "import failed: {}\n", result.error().message);
        return 1;
    }
    fmt::print("{} orders, {} positions in {:.2f} s wall, {:.2f} s CPU ({:.0f} positions/s), peak RSS {:.1f} MiB\n",
               result->orders, result->positions, wall, cpu, result->positions / wall, peakRssMiB());
    fmt::print("  steps: {}\n", split);
    return 0;
}

// Runs this program again with --import in a child process; true when it succeeded.
bool importInChild(const std::filesystem::path& file, const std::filesystem::path& db) {
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        const std::string f = file.string(), d = db.string();
        execl("/proc/self/exe", "bench_import", "--import", f.c_str(), d.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

double loadAverage() {
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace boxoffice;
    if (argc == 4 && std::strcmp(argv[1], "--import") == 0) {
        return importOnce(argv[2], argv[3]);
    }
    if (argc == 4 && std::strcmp(argv[1], "--write") == 0) {
        importer::GeneratorOptions options;
        options.orders = std::atoi(argv[3]);
        std::ofstream out(argv[2], std::ios::binary);
        importer::writeGeneratedExport(out, options);
        return out ? 0 : 1;
    }
    int orders = 10'000;
    if (argc == 3 && std::strcmp(argv[1], "--positions") == 0) {
        orders = static_cast<int>(std::ceil(std::atof(argv[2]) / kPositionsPerOrder));
    } else if (argc == 2) {
        orders = std::atoi(argv[1]);
    }
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
        importer::writeGeneratedExport(out, options);
    }
    fmt::print("export: {} orders, {:.1f} MiB, generated and written in {:.2f} s (generator peak RSS {:.1f} MiB)\n",
               orders, static_cast<double>(std::filesystem::file_size(exportFile)) / (1024.0 * 1024.0),
               secondsSince(start), peakRssMiB());
    fmt::print("load average before the imports: {:.2f}\n", loadAverage());

    int status = 0;
    const auto db = dir / "bench.sqlite";
    for (const char* pass : {"first import", "re-import"}) {
        fmt::print("{}: ", pass);
        if (!importInChild(exportFile, db)) {
            fmt::print(stderr, "{} failed\n", pass);
            status = 1;
            break;
        }
    }
    fmt::print("database: {:.1f} MiB; load average after: {:.2f}\n",
               static_cast<double>(std::filesystem::file_size(db)) / (1024.0 * 1024.0), loadAverage());
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return status;
}
