// Runs work off the caller's thread: a few worker threads (at a lower priority than the caller
// where the system allows it), each with its own Store connection on the same database file (WAL
// lets them read beside the writers), a queue in submission order, cooperative cancellation with
// std::stop_token and progress reports.
//
// Urgent tasks (a person waits for them: a scan at the door, a check-in from the desk) go before
// every queued one, and one more worker, at the caller's priority, runs only them: however long
// the background work (an index of a million positions, a count after each check-in) keeps the
// other workers, an urgent task starts at once.
//
// A task's stop token is requested when its handle is cancelled or the runner is destroyed. A
// task that has not started by then never starts; a running one sees it through its token, and
// a running SQL statement of its connection is interrupted (it then throws SQLITE_INTERRUPT,
// which the runner reports as cancelled). `finish` runs on the worker, exactly once per task,
// after the work ended: with the outcome (done, cancelled, failed with a message).
//
// Thread-safety: submit() and cancel() from any thread; the destructor from the owner's thread
// (it joins the workers, so `finish` must not wait for that thread).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "boxoffice/model/Store.h"

namespace boxoffice::desk {

// How far a task is: `done` of `total` (-1: unknown) in its current `step` (may be empty).
struct Progress {
    std::int64_t done = 0;
    std::int64_t total = -1;
    std::string step;
};

// What a task's work gets on its worker.
struct TaskContext {
    model::Store& store;  // the worker's own connection; no transaction is open
    std::stop_token stop;
    std::function<void(const Progress&)> progress;  // never empty
};

enum class TaskOutcome { Done, Cancelled, Failed };

// Cancels its task; copies refer to the same task. Safe from any thread.
class TaskHandle {
public:
    TaskHandle() = default;
    void cancel();
    bool cancelled() const;

private:
    friend class TaskRunner;
    explicit TaskHandle(std::shared_ptr<std::stop_source> source) : m_source(std::move(source)) {}
    std::shared_ptr<std::stop_source> m_source;
};

class TaskRunner {
public:
    struct Task {
        std::function<void(TaskContext&)> work;
        // Called on the worker with the outcome and, when Failed, what went wrong.
        std::function<void(TaskOutcome, const std::string& error)> finish;
        std::function<void(const Progress&)> progress;  // called on the worker; may be empty
        bool urgent = false;
    };

    // `workers` threads (at least one) on `database`, and the urgent tasks' own; each opens its
    // connection on first use.
    explicit TaskRunner(std::filesystem::path database, unsigned workers = 2);
    ~TaskRunner();
    TaskRunner(const TaskRunner&) = delete;
    TaskRunner& operator=(const TaskRunner&) = delete;

    const std::filesystem::path& database() const { return m_database; }

    TaskHandle submit(Task task);

    // Tasks queued or running now.
    std::size_t pending() const;

    // Whether a task wrote to the database since the last call (its commits look like another
    // connection's to every other connection, e.g. the UI thread's data_version poll).
    bool takeWrites() { return m_wrote.exchange(false); }

private:
    struct Entry {
        Task task;
        std::shared_ptr<std::stop_source> source;
        bool finished = false;
    };
    void workerLoop(std::stop_token stop, bool urgentOnly);
    void runOne(model::Store& store, Entry& entry);
    static void finish(Entry& entry, TaskOutcome outcome, const std::string& error);

    std::filesystem::path m_database;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<Entry> m_queue;
    std::deque<Entry> m_urgent;
    std::size_t m_running = 0;
    std::vector<std::shared_ptr<std::stop_source>> m_active;  // sources of running tasks
    std::atomic<bool> m_wrote{false};
    std::vector<std::jthread> m_workers;
};

}  // namespace boxoffice::desk
