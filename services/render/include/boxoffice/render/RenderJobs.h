// Background renders whose state lives on disk, so a finished file survives a restart of the box
// office: each job renders on its own thread into "<dir>/<id>.pdf" and records its state in
// "<dir>/<id>.json" ({"status": "running" | "done" | "failed", "message", "tag", "created"}).
// Used by render_batch and ticket downloads (plugins/pdf) and certificates (plugins/certificates).
//
// Thread-safe: any thread may call any member. Destroying it requests every running job to stop
// and joins them; a job left "running" on disk by an earlier process reports as interrupted.
#pragma once

#include <chrono>
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "boxoffice/render/BatchRenderer.h"

namespace boxoffice::render {

inline constexpr std::chrono::hours kJobLifetime{24};

class RenderJobs {
public:
    RenderJobs() = default;
    ~RenderJobs();
    RenderJobs(const RenderJobs&) = delete;
    RenderJobs& operator=(const RenderJobs&) = delete;

    // Starts rendering `jobs` in `dir` (created if needed) and returns the job's ID. `id` empty:
    // a new random UUID. Otherwise the caller's ID (lower-case hex digits and '-', at most 64
    // characters; e.g. a cache key): if a job with that ID is already running it is left alone,
    // a finished one is rendered again. `tag` is kept with the state for the caller to check who
    // may fetch the result.
    std::string start(const std::filesystem::path& dir, std::vector<TicketJob> jobs, const std::string& id = {},
                      const std::string& tag = {});

    // How many jobs may render at once: in all, and with the same tag (0: no limit). Renders take
    // a core each, so an API client must not be able to start them without end.
    struct Limits {
        std::size_t running = 0;
        std::size_t perTag = 0;
    };
    // Like start(), unless starting would pass `limits`: then nothing starts and the answer is
    // nullopt. A job with `id` already running is never refused (it is not started again).
    std::optional<std::string> tryStart(const std::filesystem::path& dir, std::vector<TicketJob> jobs, Limits limits,
                                        const std::string& id = {}, const std::string& tag = {});

    struct Status {
        enum class Kind { Running, Done, Failed } kind = Kind::Running;
        std::string message;  // why it failed
        std::string tag;
        bool interrupted = false;  // failed because the box office was restarted while it ran
        std::filesystem::path pdf;
    };
    // nullopt: unknown, malformed or expired (older than kJobLifetime) ID.
    std::optional<Status> status(const std::filesystem::path& dir, const std::string& id);

    // Deletes jobs older than kJobLifetime (never a running one).
    void cleanup(const std::filesystem::path& dir);

    static bool validId(const std::string& id);

private:
    std::mutex m_mutex;
    std::map<std::string, std::string> m_running;  // job ID, its tag
    std::list<std::pair<std::string, std::jthread>> m_threads;  // job ID, its thread
};

}  // namespace boxoffice::render
