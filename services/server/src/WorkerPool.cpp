#include "WorkerPool.h"

#include <algorithm>

namespace boxoffice::server::detail {

void WorkerPool::start(std::size_t threads) {
    for (std::size_t i = 0; i < threads; ++i) {
        m_threads.emplace_back([this] { work(); });
    }
}

void WorkerPool::post(std::function<void()> job) {
    Idle* worker = nullptr;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopped) {
            return;
        }
        if (m_idle.empty()) {
            m_jobs.push_back(std::move(job));
            return;
        }
        worker = m_idle.back();
        m_idle.pop_back();
        worker->job = std::move(job);
    }
    worker->woken.notify_one();
}

void WorkerPool::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (Idle* worker : m_idle) {
            worker->woken.notify_one();
        }
    }
    for (auto& t : m_threads) {
        t.join();
    }
    m_threads.clear();
    std::lock_guard lock(m_mutex);
    m_stopped = true;
}

void WorkerPool::work() {
    Idle me;
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            if (!m_jobs.empty()) {
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            } else if (m_stopping) {
                return;
            } else {
                m_idle.push_back(&me);
                me.woken.wait(lock, [&] { return me.job != nullptr || m_stopping; });
                if (me.job == nullptr) {
                    std::erase(m_idle, &me);
                    return;
                }
                job = std::move(me.job);
                me.job = nullptr;
            }
        }
        job();
    }
}

}  // namespace boxoffice::server::detail
