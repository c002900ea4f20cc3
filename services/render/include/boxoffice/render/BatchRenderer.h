// Rendering many tickets into one PDF (an order, a render_batch job, a print run) on a worker
// thread with progress and cancellation (STYLE.md, threads and errors). The PDF is written to
// "<file>.part" and renamed when complete, so a reader never sees a half-written file; a
// cancelled or failed run leaves no file behind.
//
// Threads: renderTickets() runs on the calling thread. BatchRenderer starts one std::jthread;
// start(), cancel(), wait() and state() may be called from any thread; the progress callback runs
// on the worker and must not block.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/Types.h"
#include "boxoffice/render/TicketDocument.h"

namespace boxoffice::render {

// A layout with its background, shared by all tickets that use it.
struct RenderTemplate {
    layout::Layout layout;
    std::vector<unsigned char> backgroundPdf;  // empty: one blank A4 page
    std::optional<model::Id> layoutId;          // the stored layout it came from, if any
    std::string name;                           // that layout's name ("" for a built-in design)
};

struct TicketJob {
    layout::TicketData data;
    std::shared_ptr<const RenderTemplate> design;
};

struct RenderProgress {
    std::size_t done = 0;
    std::size_t total = 0;
};

struct RenderSummary {
    std::size_t tickets = 0;
    int pages = 0;
    std::vector<std::string> problems;  // element-level problems (spec §6.12), ticket-prefixed
};

using ProgressCallback = std::function<void(const RenderProgress&)>;

// Renders `jobs` in order into `file`. A stop request ends the run with a Conflict error
// ("cancelled") and no file; an unreadable background is a BadInput error.
model::Result<RenderSummary> renderTickets(const std::vector<TicketJob>& jobs, const std::filesystem::path& file,
                                           const ProgressCallback& progress = {}, std::stop_token stop = {});

// How a run writes its PDF beyond the tickets themselves.
struct RenderOptions {
    std::string title = "Ticket";  // the PDF's title (a print queue shows it)
    PageTransform transform;       // a printer's calibration, applied to every page
};

// The same with `options`.
model::Result<RenderSummary> renderTickets(const std::vector<TicketJob>& jobs, const std::filesystem::path& file,
                                           const RenderOptions& options, const ProgressCallback& progress = {},
                                           std::stop_token stop = {});

class BatchRenderer {
public:
    enum class State { Idle, Running, Done, Cancelled, Failed };

    BatchRenderer(std::vector<TicketJob> jobs, std::filesystem::path file, ProgressCallback progress = {});
    ~BatchRenderer();  // requests a stop and joins
    BatchRenderer(const BatchRenderer&) = delete;
    BatchRenderer& operator=(const BatchRenderer&) = delete;

    void start();
    void cancel();
    // Blocks until the worker ends; returns the final state.
    State wait();
    State state() const { return m_state.load(); }
    // Valid after wait() returned Done / Failed.
    RenderSummary summary() const;
    std::string errorMessage() const;
    const std::filesystem::path& file() const { return m_file; }

private:
    std::vector<TicketJob> m_jobs;
    std::filesystem::path m_file;
    ProgressCallback m_progress;
    std::atomic<State> m_state{State::Idle};
    mutable std::mutex m_mutex;
    RenderSummary m_summary;
    std::string m_error;
    std::jthread m_thread;
};

}  // namespace boxoffice::render
