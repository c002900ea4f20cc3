// render_batch jobs: each renders on its own thread into "<dir>/<id>.pdf" and records its state
// in "<dir>/<id>.json" ({"status": "running" | "done" | "failed", "message", "created"}).
// Thread-safe; destroying it requests every running job to stop and joins them.
#pragma once

#include <filesystem>
#include <list>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "boxoffice/render/BatchRenderer.h"

namespace boxoffice::pdf {

inline constexpr std::size_t kMaxBatchParts = 1000;
inline constexpr std::chrono::hours kJobLifetime{24};

class BatchJobs {
public:
    ~BatchJobs();

    // Starts a job writing into `dir`; returns its ID.
    std::string start(const std::filesystem::path& dir, std::vector<render::TicketJob> jobs);

    struct Status {
        enum class Kind { Running, Done, Failed } kind = Kind::Running;
        std::string message;
        std::filesystem::path pdf;
    };
    // nullopt: unknown or expired. A job recorded as running that no thread of this process runs
    // (the box office was restarted meanwhile) is reported as failed.
    std::optional<Status> status(const std::filesystem::path& dir, const std::string& id);

    // Deletes jobs older than kJobLifetime.
    void cleanup(const std::filesystem::path& dir);

private:
    std::mutex m_mutex;
    std::set<std::string> m_running;
    std::list<std::jthread> m_threads;
};

}  // namespace boxoffice::pdf
