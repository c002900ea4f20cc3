#include "boxoffice/desk/TaskRunner.h"

#include <sqlite3.h>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <exception>
#include <optional>

namespace boxoffice::desk {

void TaskHandle::cancel() {
    if (m_source) {
        m_source->request_stop();
    }
}

bool TaskHandle::cancelled() const { return m_source && m_source->stop_requested(); }

TaskRunner::TaskRunner(std::filesystem::path database, unsigned workers) : m_database(std::move(database)) {
    for (unsigned i = 0; i < std::max(1U, workers); ++i) {
        m_workers.emplace_back([this](std::stop_token stop) { workerLoop(stop, false); });
    }
    m_workers.emplace_back([this](std::stop_token stop) { workerLoop(stop, true); });
}

TaskRunner::~TaskRunner() {
    std::deque<Entry> dropped;
    {
        std::lock_guard lock(m_mutex);
        dropped.swap(m_queue);
        for (auto& entry : m_urgent) {
            dropped.push_back(std::move(entry));
        }
        m_urgent.clear();
        for (auto& source : m_active) {
            source->request_stop();
        }
    }
    for (auto& worker : m_workers) {
        worker.request_stop();
    }
    m_wake.notify_all();
    m_workers.clear();  // joins
    for (auto& entry : dropped) {
        finish(entry, TaskOutcome::Cancelled, {});
    }
}

TaskHandle TaskRunner::submit(Task task) {
    auto source = std::make_shared<std::stop_source>();
    {
        std::lock_guard lock(m_mutex);
        const bool urgent = task.urgent;
        (urgent ? m_urgent : m_queue).push_back(Entry{std::move(task), source});
    }
    // Every worker wakes: the one that may take this task is not known here.
    m_wake.notify_all();
    return TaskHandle(source);
}

std::size_t TaskRunner::pending() const {
    std::lock_guard lock(m_mutex);
    return m_queue.size() + m_urgent.size() + m_running;
}

void TaskRunner::workerLoop(std::stop_token stop, bool urgentOnly) {
#if defined(__linux__)
    // Below the UI thread, which must answer the person at once (Linux sets nice values per
    // thread): on a busy machine a worker waits for a core, the window does not. The urgent
    // worker runs what a person waits for, at the caller's priority.
    if (!urgentOnly) {
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 5);
    }
#endif
    std::unique_ptr<model::Store> store;
    while (true) {
        Entry entry;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop,
                             [&] { return !m_urgent.empty() || (!urgentOnly && !m_queue.empty()); })) {
                return;
            }
            auto& queue = !m_urgent.empty() ? m_urgent : m_queue;
            entry = std::move(queue.front());
            queue.pop_front();
            ++m_running;
            m_active.push_back(entry.source);
        }
        if (entry.source->stop_requested()) {
            finish(entry, TaskOutcome::Cancelled, {});
        } else if (!store) {
            try {
                store = std::make_unique<model::Store>(m_database);
            } catch (const std::exception& e) {
                finish(entry, TaskOutcome::Failed, e.what());
            }
        }
        if (store && !entry.finished) {
            runOne(*store, entry);
        }
        std::lock_guard lock(m_mutex);
        --m_running;
        std::erase(m_active, entry.source);
    }
}

void TaskRunner::runOne(model::Store& store, Entry& entry) {
    const std::stop_token token = entry.source->get_token();
    TaskContext context{store, token,
                        entry.task.progress ? entry.task.progress : [](const Progress&) {}};
    TaskOutcome outcome = TaskOutcome::Done;
    std::string error;
    {
        // A statement running when the task is cancelled stops at its next step. sqlite3_interrupt
        // alone misses a cancel that comes just before a statement starts (SQLite forgets it when
        // no statement runs), so the statement also asks the token every few thousand steps.
        sqlite3* handle = store.db().getHandle();
        const auto changesBefore = sqlite3_total_changes64(handle);
        std::stop_callback interrupt(token, [handle] { sqlite3_interrupt(handle); });
        sqlite3_progress_handler(
            handle, 4096,
            [](void* stopToken) { return static_cast<const std::stop_token*>(stopToken)->stop_requested() ? 1 : 0; },
            const_cast<std::stop_token*>(&token));
        struct ProgressOff {
            sqlite3* handle;
            ~ProgressOff() { sqlite3_progress_handler(handle, 0, nullptr, nullptr); }
        } progressOff{handle};
        try {
            entry.task.work(context);
        } catch (const std::exception& e) {
            outcome = token.stop_requested() ? TaskOutcome::Cancelled : TaskOutcome::Failed;
            error = e.what();
        }
        if (sqlite3_total_changes64(handle) != changesBefore) {
            m_wrote = true;
        }
    }
    if (outcome == TaskOutcome::Done && token.stop_requested()) {
        outcome = TaskOutcome::Cancelled;
    }
    if (store.db().getHandle() != nullptr && sqlite3_get_autocommit(store.db().getHandle()) == 0) {
        store.db().tryExec("ROLLBACK");  // a task that threw inside a read transaction of its own
    }
    finish(entry, outcome, error);
}

void TaskRunner::finish(Entry& entry, TaskOutcome outcome, const std::string& error) {
    entry.finished = true;
    if (entry.task.finish) {
        entry.task.finish(outcome, error);
    }
}

}  // namespace boxoffice::desk
