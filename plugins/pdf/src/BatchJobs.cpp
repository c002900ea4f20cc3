#include "BatchJobs.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include "boxoffice/model/Time.h"

namespace boxoffice::pdf {
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

bool validId(const std::string& id) {
    return !id.empty() && id.size() <= 64 &&
           id.find_first_not_of("0123456789abcdef-") == std::string::npos;
}

void writeStatus(const std::filesystem::path& file, const std::string& status, const std::string& message,
                 std::int64_t created) {
    auto tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp);
        out << nlohmann::json{{"status", status}, {"message", message}, {"created", created}}.dump();
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
}

}  // namespace

BatchJobs::~BatchJobs() {
    std::list<std::jthread> threads;
    {
        std::lock_guard lock(m_mutex);
        threads.swap(m_threads);
    }
    for (auto& t : threads) {
        t.request_stop();
    }
    threads.clear();  // joins, without holding the lock the jobs take when they end
}

std::string BatchJobs::start(const std::filesystem::path& dir, std::vector<render::TicketJob> jobs) {
    std::filesystem::create_directories(dir);
    const std::string id = newId();
    const std::int64_t created = model::toStorage(model::now());
    writeStatus(dir / (id + ".json"), "running", "", created);
    std::lock_guard lock(m_mutex);
    m_running.insert(id);
    m_threads.emplace_back([this, dir, id, created, jobs = std::move(jobs)](std::stop_token stop) {
        std::string status = "failed";
        std::string message;
        try {
            auto result = render::renderTickets(jobs, dir / (id + ".pdf"), {}, stop);
            if (result) {
                status = "done";
            } else {
                message = result.error().message;
            }
        } catch (const std::exception& e) {
            message = fmt::format("Rendering failed: {}", e.what());
        }
        writeStatus(dir / (id + ".json"), status, message, created);
        std::lock_guard done(m_mutex);
        m_running.erase(id);
    });
    return id;
}

std::optional<BatchJobs::Status> BatchJobs::status(const std::filesystem::path& dir, const std::string& id) {
    if (!validId(id)) {
        return std::nullopt;
    }
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
    const std::string state = j.value("status", "");
    if (state == "done") {
        s.kind = Status::Kind::Done;
    } else if (state == "running") {
        std::lock_guard lock(m_mutex);
        if (!m_running.count(id)) {
            s.kind = Status::Kind::Failed;
            s.message = "The rendering was interrupted by a restart of the box office.";
        }
    } else {
        s.kind = Status::Kind::Failed;
        s.message = j.value("message", "Rendering failed.");
    }
    return s;
}

void BatchJobs::cleanup(const std::filesystem::path& dir) {
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
    for (const auto& p : old) {
        std::lock_guard lock(m_mutex);
        if (!m_running.count(p.stem().string())) {
            std::filesystem::remove(p, ec);
        }
    }
}

}  // namespace boxoffice::pdf
