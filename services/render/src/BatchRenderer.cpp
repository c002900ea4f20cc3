// Batch rendering on a worker thread.
#include "boxoffice/render/BatchRenderer.h"

#include <fmt/core.h>

#include <map>
#include <system_error>

#include "boxoffice/render/Background.h"
#include "boxoffice/render/TicketDocument.h"

namespace boxoffice::render {

model::Result<RenderSummary> renderTickets(const std::vector<TicketJob>& jobs, const std::filesystem::path& file,
                                           const ProgressCallback& progress, std::stop_token stop) {
    return renderTickets(jobs, file, RenderOptions{}, progress, std::move(stop));
}

model::Result<RenderSummary> renderTickets(const std::vector<TicketJob>& jobs, const std::filesystem::path& file,
                                           const RenderOptions& options, const ProgressCallback& progress,
                                           std::stop_token stop) {
    std::filesystem::path part = file;
    part += ".part";
    auto removePart = [&] {
        std::error_code ec;
        std::filesystem::remove(part, ec);
    };
    auto doc = TicketDocument::create(part, options.title, options.transform);
    if (!doc) {
        return doc.error();
    }
    std::map<const RenderTemplate*, Background> backgrounds;
    RenderSummary summary;
    const RenderProgress start{0, jobs.size()};
    if (progress) {
        progress(start);
    }
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        if (stop.stop_requested()) {
            doc.value().reset();
            removePart();
            return model::Error{model::ErrorCode::Conflict, "The rendering was cancelled.", {}};
        }
        const TicketJob& job = jobs[i];
        if (!job.design) {
            doc.value().reset();
            removePart();
            return model::Error::badInput(fmt::format("Ticket {} has no layout.", i + 1));
        }
        auto it = backgrounds.find(job.design.get());
        if (it == backgrounds.end()) {
            if (job.design->backgroundPdf.empty()) {
                it = backgrounds.emplace(job.design.get(), Background::blank()).first;
            } else {
                auto bg = Background::fromPdf(job.design->backgroundPdf);
                if (!bg) {
                    doc.value().reset();
                    removePart();
                    return bg.error();
                }
                it = backgrounds.emplace(job.design.get(), std::move(bg.value())).first;
            }
        }
        std::vector<std::string> problems;
        auto pages = doc.value()->addTicket(job.design->layout, it->second, job.data, &problems);
        if (!pages) {
            doc.value().reset();
            removePart();
            return pages.error();
        }
        for (auto& p : problems) {
            summary.problems.push_back(fmt::format("ticket {} ({}-{}): {}", i + 1, job.data.order.code,
                                                   job.data.position.positionid, p));
        }
        summary.pages += pages.value();
        ++summary.tickets;
        if (progress) {
            progress({i + 1, jobs.size()});
        }
    }
    auto finished = doc.value()->finish();
    doc.value().reset();
    if (!finished) {
        removePart();
        return finished.error();
    }
    std::error_code ec;
    std::filesystem::rename(part, file, ec);
    if (ec) {
        removePart();
        return model::Error{model::ErrorCode::Io, fmt::format("Cannot write {}: {}", file.string(), ec.message()), {}};
    }
    return summary;
}

BatchRenderer::BatchRenderer(std::vector<TicketJob> jobs, std::filesystem::path file, ProgressCallback progress)
    : m_jobs(std::move(jobs)), m_file(std::move(file)), m_progress(std::move(progress)) {}

BatchRenderer::~BatchRenderer() {
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_thread.join();
    }
}

void BatchRenderer::start() {
    State expected = State::Idle;
    if (!m_state.compare_exchange_strong(expected, State::Running)) {
        return;
    }
    m_thread = std::jthread([this](std::stop_token stop) {
        try {
            auto result = renderTickets(m_jobs, m_file, m_progress, stop);
            std::lock_guard lock(m_mutex);
            if (result) {
                m_summary = std::move(result.value());
                m_state = State::Done;
            } else if (stop.stop_requested() && result.error().code == model::ErrorCode::Conflict) {
                m_error = result.error().message;
                m_state = State::Cancelled;
            } else {
                m_error = result.error().message;
                m_state = State::Failed;
            }
        } catch (const std::exception& e) {
            std::lock_guard lock(m_mutex);
            m_error = fmt::format("Rendering failed: {}", e.what());
            m_state = State::Failed;
        }
    });
}

void BatchRenderer::cancel() {
    if (m_thread.joinable()) {
        m_thread.request_stop();
    }
}

BatchRenderer::State BatchRenderer::wait() {
    if (m_thread.joinable()) {
        m_thread.join();
    }
    return m_state.load();
}

RenderSummary BatchRenderer::summary() const {
    std::lock_guard lock(m_mutex);
    return m_summary;
}

std::string BatchRenderer::errorMessage() const {
    std::lock_guard lock(m_mutex);
    return m_error;
}

}  // namespace boxoffice::render
