// The HTTP engine's worker threads (HttpEngine.cpp): they run the route handlers of whole
// requests. A job goes to the worker that became idle last (a stack, not a queue): one client's
// requests one after another then stay on one worker, whose Store still has its pages cached and
// remembers where the last page of a listing ended (model::Store::rememberedNumbers). Waking the
// longest idle of 48 workers instead sent each page of a scanner's full sync to a worker that had
// to find its start again: 3.5 ms a page became 11.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace boxoffice::server::detail {

class WorkerPool {
public:
    void start(std::size_t threads);
    // A job posted once stop() began is dropped.
    void post(std::function<void()> job);
    // Runs what is queued, then joins the threads.
    void stop();

private:
    // A worker waiting for a job, on the stack of idle ones.
    struct Idle {
        std::condition_variable woken;
        std::function<void()> job;  // set, and the worker taken off the stack, by post()
    };

    void work();

    std::mutex m_mutex;
    std::deque<std::function<void()>> m_jobs;  // posted while no worker was idle
    std::vector<Idle*> m_idle;                 // the last one became idle last
    bool m_stopping = false;
    bool m_stopped = false;
    std::vector<std::thread> m_threads;
};

}  // namespace boxoffice::server::detail
