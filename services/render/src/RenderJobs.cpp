#include "boxoffice/render/RenderJobs.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include "boxoffice/model/Time.h"

namespace boxoffice::render {
namespace {

std::string newId() {
    std::random_device rd;
    std::uniform_int_distribution<unsigned> dist(0, 15);
    std::string id;
    for (int i = 0; i < 32; ++i) {
        id += "0123456789abcdef"[dist(rd)];
        if (i == 7 || i == 11 || i == 15 || i == 19) {
            id += '-';
        }
    }
    return id;
}

void writeStatus(const std::filesystem::path& file, const nlohmann::json& state) {
    auto tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp);
        out << state.dump();
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
}

}  // namespace

bool RenderJobs::validId(const std::string& id) {
    return !id.empty() && id.size() <= 64 && id.find_first_not_of("0123456789abcdef-") == std::string::npos;
}

RenderJobs::~RenderJobs() {
    std::list<std::pair<std::string, std::jthread>> threads;
    {
        std::lock_guard lock(m_mutex);
        threads.swap(m_threads);
    }
    for (auto& t : threads) {
        t.second.request_stop();
    }
    threads.clear();  // joins, without holding the lock the jobs take when they end
}

std::string RenderJobs::start(const std::filesystem::path& dir, std::vector<TicketJob> jobs, const std::string& id,
                              const std::string& tag) {
    return *tryStart(dir, std::move(jobs), {}, id, tag);
}

std::optional<std::string> RenderJobs::tryStart(const std::filesystem::path& dir, std::vector<TicketJob> jobs,
                                                Limits limits, const std::string& id, const std::string& tag) {
    const std::string jobId = id.empty() ? newId() : id;
    if (!validId(jobId)) {
        throw std::invalid_argument("invalid render job ID: " + jobId);
    }
    std::filesystem::create_directories(dir);
    const std::int64_t created = model::toStorage(model::now());
    std::lock_guard lock(m_mutex);
    if (m_running.count(jobId)) {
        return jobId;
    }
    const auto sameTag = static_cast<std::size_t>(
        std::count_if(m_running.begin(), m_running.end(), [&tag](const auto& r) { return r.second == tag; }));
    if ((limits.running && m_running.size() >= limits.running) || (limits.perTag && sameTag >= limits.perTag)) {
        return std::nullopt;
    }
    // Join the threads of finished jobs, so the list does not grow with every job. A job leaves
    // m_running as the last thing it does under the lock, so joining it here cannot block long.
    std::erase_if(m_threads, [this](const auto& t) { return !m_running.count(t.first); });
    writeStatus(dir / (jobId + ".json"),
                {{"status", "running"}, {"message", ""}, {"tag", tag}, {"created", created}});
    m_running.emplace(jobId, tag);
    auto run = [this, dir, jobId, tag, created, jobs = std::move(jobs)](std::stop_token stop) {
        std::string status = "failed";
        std::string message;
        try {
            auto result = renderTickets(jobs, dir / (jobId + ".pdf"), {}, stop);
            if (result) {
                status = "done";
            } else {
                message = result.error().message;
            }
        } catch (const std::exception& e) {
            message = fmt::format("Rendering failed: {}", e.what());
        }
        std::lock_guard done(m_mutex);
        writeStatus(dir / (jobId + ".json"),
                    {{"status", status}, {"message", message}, {"tag", tag}, {"created", created}});
        m_running.erase(jobId);
    };
    m_threads.emplace_back(jobId, std::jthread(std::move(run)));
    return jobId;
}

std::optional<RenderJobs::Status> RenderJobs::status(const std::filesystem::path& dir, const std::string& id) {
    if (!validId(id)) {
        return std::nullopt;
    }
    std::lock_guard lock(m_mutex);
    std::ifstream in(dir / (id + ".json"));
    if (!in) {
        return std::nullopt;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (!j.is_object()) {
        return std::nullopt;
    }
    const auto created = model::fromStorage(j.value("created", std::int64_t{0}));
    if (model::now() - created > kJobLifetime) {
        return std::nullopt;
    }
    Status s;
    s.pdf = dir / (id + ".pdf");
    s.tag = j.value("tag", "");
    const std::string state = j.value("status", "");
    if (state == "done") {
        s.kind = Status::Kind::Done;
    } else if (state == "running") {
        if (!m_running.count(id)) {
            s.kind = Status::Kind::Failed;
            s.interrupted = true;
            s.message = "The rendering was interrupted by a restart of the box office.";
        }
    } else {
        s.kind = Status::Kind::Failed;
        s.message = j.value("message", "Rendering failed.");
    }
    return s;
}

void RenderJobs::cleanup(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return;
    }
    const auto limit = std::filesystem::file_time_type::clock::now() - kJobLifetime;
    std::vector<std::filesystem::path> old;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.is_regular_file(ec) && entry.last_write_time(ec) < limit) {
            old.push_back(entry.path());
        }
    }
    std::lock_guard lock(m_mutex);
    for (const auto& p : old) {
        if (!m_running.count(p.stem().string())) {
            std::filesystem::remove(p, ec);
        }
    }
}

}  // namespace boxoffice::render
