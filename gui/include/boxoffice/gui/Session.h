// What every panel of the desktop app works with, handed to it by the main frame (the one
// composition root): the database, the UI thread's own connection for small reads, and a task
// runner for everything that may take time (searching a large event, loading an order, running a
// use case that writes). Work runs on a worker with its own connection and a std::stop_token;
// its result comes back on the UI thread, and only to a window that still exists and only when
// the task was not cancelled meanwhile.
//
// Owned by the MainFrame, which outlives its panels. UI thread only, except where noted.
#pragma once

#include "boxoffice/desk/TaskRunner.h"
#include "boxoffice/model/Store.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <wx/string.h>

class wxWindow;
class wxWindowDestroyEvent;

namespace boxoffice::gui {

class Session {
public:
    // Takes the UI thread's opened store; workers open their own connections on the same file.
    explicit Session(std::unique_ptr<model::Store> store, unsigned workers = 2);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // The UI thread's connection: for small reads only (an event's name, a list of lists).
    model::Store& store() { return *m_store; }
    const std::filesystem::path& database() const { return m_store->path(); }

    // Runs `work` on a worker. On the UI thread afterwards, if `receiver` still exists and the
    // task was not cancelled: `done` with the result, or `failed` with the error message (by
    // default a message box over `receiver`). `progress`, if given, runs on the UI thread too, at
    // most every 100 ms and for the last report.
    template <class T>
    desk::TaskHandle run(wxWindow* receiver, std::function<T(desk::TaskContext&)> work,
                         std::function<void(T&&)> done, std::function<void(const wxString&)> failed = {},
                         std::function<void(const desk::Progress&)> progress = {});

    // The same for what a person waits for (a scan at the door, a check-in from the desk): it
    // goes before queued work and has a worker of its own (desk::TaskRunner's urgent tasks).
    template <class T>
    desk::TaskHandle runUrgent(wxWindow* receiver, std::function<T(desk::TaskContext&)> work,
                               std::function<void(T&&)> done, std::function<void(const wxString&)> failed = {}) {
        return submit(
            receiver,
            [work = std::move(work), done = std::move(done)](desk::TaskContext& context) -> std::function<void()> {
                auto result = std::make_shared<T>(work(context));
                return [done, result] { done(std::move(*result)); };
            },
            std::move(failed), {}, true);
    }

    // Lets a worker free `value` (a large result a panel no longer shows), so that the UI thread
    // does not spend its time in destructors.
    template <class T>
    void discard(T&& value) {
        // Moved into the task: a copy left here could be the last owner when the worker is quick.
        auto kept = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
        desk::TaskRunner::Task task;
        task.work = [kept = std::move(kept)](desk::TaskContext&) mutable { kept.reset(); };
        m_tasks->submit(std::move(task));
    }

    // Tasks queued or running now (tests wait for this to reach zero).
    std::size_t pendingTasks() const { return *m_pending; }

    // Whether a worker wrote to the database since the last call (see desk::TaskRunner).
    bool takeWorkerWrites() { return m_tasks->takeWrites(); }

private:
    using Alive = std::weak_ptr<const int>;
    Alive lifeOf(wxWindow* receiver);
    void onDestroy(wxWindowDestroyEvent& event);
    desk::TaskHandle submit(wxWindow* receiver, std::function<std::function<void()>(desk::TaskContext&)> work,
                            std::function<void(const wxString&)> failed,
                            std::function<void(const desk::Progress&)> progress, bool urgent = false);

    std::unique_ptr<model::Store> m_store;
    std::map<wxWindow*, std::shared_ptr<const int>> m_receivers;
    // Tasks submitted whose outcome has not reached the UI thread yet; a delivery that arrives
    // after the session is gone finds this expired.
    std::shared_ptr<std::size_t> m_pending = std::make_shared<std::size_t>(0);
    std::shared_ptr<desk::TaskRunner> m_tasks;  // shared: late deliveries hold it weakly
};

template <class T>
desk::TaskHandle Session::run(wxWindow* receiver, std::function<T(desk::TaskContext&)> work,
                              std::function<void(T&&)> done, std::function<void(const wxString&)> failed,
                              std::function<void(const desk::Progress&)> progress) {
    // The worker turns the result into a call of `done`, made on the UI thread.
    return submit(
        receiver,
        [work = std::move(work), done = std::move(done)](desk::TaskContext& context) -> std::function<void()> {
            auto result = std::make_shared<T>(work(context));
            return [done, result] { done(std::move(*result)); };
        },
        std::move(failed), std::move(progress));
}

} // namespace boxoffice::gui
