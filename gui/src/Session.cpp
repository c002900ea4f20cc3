#include "boxoffice/gui/Session.h"

#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"

#include <chrono>
#include <mutex>
#include <wx/app.h>
#include <wx/window.h>

namespace boxoffice::gui {

namespace {

// Runs `call` on the UI thread later; dropped when the application is already gone.
void onUiThread(std::function<void()> call) {
    if (auto* app = wxAppConsole::GetInstance()) {
        app->CallAfter(std::move(call));
    }
}

// Passes a worker's progress reports to the UI thread, at most one every 100 ms.
class ProgressRelay {
public:
    ProgressRelay(std::function<void(const desk::Progress&)> show, std::weak_ptr<const int> alive)
        : m_show(std::move(show)), m_alive(std::move(alive)) {}

    void report(const desk::Progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool last = p.total >= 0 && p.done >= p.total;
        {
            std::lock_guard lock(m_mutex);
            if (!last && now - m_last < std::chrono::milliseconds(100)) {
                return;
            }
            m_last = now;
        }
        onUiThread([show = m_show, alive = m_alive, p] {
            if (alive.lock()) {
                show(p);
            }
        });
    }

private:
    std::function<void(const desk::Progress&)> m_show;
    std::weak_ptr<const int> m_alive;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace

Session::Session(std::unique_ptr<model::Store> store, unsigned workers)
    : m_store(std::move(store)), m_tasks(std::make_shared<desk::TaskRunner>(m_store->path(), workers)) {}

Session::~Session() {
    // A receiver still alive (the main frame, whose destructor runs this) must not call back
    // into a session that is gone when it is destroyed itself.
    for (const auto& [window, life] : m_receivers) {
        window->Unbind(wxEVT_DESTROY, &Session::onDestroy, this);
    }
    m_tasks.reset(); // cancels what is queued or running and joins the workers
}

Session::Alive Session::lifeOf(wxWindow* receiver) {
    auto it = m_receivers.find(receiver);
    if (it == m_receivers.end()) {
        it = m_receivers.emplace(receiver, std::make_shared<const int>(0)).first;
        receiver->Bind(wxEVT_DESTROY, &Session::onDestroy, this);
    }
    return it->second;
}

// A receiver's own destroy event (those of its children pass by too): its results are dropped.
void Session::onDestroy(wxWindowDestroyEvent& event) {
    auto* window = dynamic_cast<wxWindow*>(event.GetEventObject());
    if (const auto it = m_receivers.find(window); it != m_receivers.end()) {
        it->first->Unbind(wxEVT_DESTROY, &Session::onDestroy, this);
        m_receivers.erase(it);
    }
    event.Skip();
}

desk::TaskHandle Session::submit(wxWindow* receiver,
                                 std::function<std::function<void()>(desk::TaskContext&)> work,
                                 std::function<void(const wxString&)> failed,
                                 std::function<void(const desk::Progress&)> progress, bool urgent) {
    Alive alive = lifeOf(receiver);
    if (!failed) {
        failed = [receiver](const wxString& message) { showError(message, receiver); };
    }
    auto delivery = std::make_shared<std::function<void()>>();
    auto handle = std::make_shared<desk::TaskHandle>();
    desk::TaskRunner::Task task;
    task.urgent = urgent;
    task.work = [work = std::move(work), delivery](desk::TaskContext& context) { *delivery = work(context); };
    if (progress) {
        auto relay = std::make_shared<ProgressRelay>(std::move(progress), alive);
        task.progress = [relay](const desk::Progress& p) { relay->report(p); };
    }
    // Counted from submission on the UI thread, so a task is pending until its delivery ran.
    ++*m_pending;
    std::weak_ptr<std::size_t> pending = m_pending;
    std::weak_ptr<desk::TaskRunner> runner = m_tasks;
    task.finish = [delivery, failed, alive, handle, pending, runner](desk::TaskOutcome outcome,
                                                                      const std::string& error) {
        if (outcome != desk::TaskOutcome::Done) {
            *delivery = nullptr; // a large result is freed here, not on the UI thread
        }
        onUiThread([delivery, failed, alive, handle, pending, runner, outcome, error] {
            if (auto counter = pending.lock()) {
                --*counter;
            }
            if (!alive.lock() || handle->cancelled() || outcome == desk::TaskOutcome::Cancelled) {
                // Cancelled while on its way: the result is freed on a worker too.
                if (auto tasks = runner.lock(); tasks && *delivery) {
                    desk::TaskRunner::Task dispose;
                    dispose.work = [delivery](desk::TaskContext&) { *delivery = nullptr; };
                    tasks->submit(std::move(dispose));
                }
                return;
            }
            if (outcome == desk::TaskOutcome::Failed) {
                failed(fromUtf8(error));
            } else if (*delivery) {
                guardedCall(*delivery);
            }
        });
    };
    *handle = m_tasks->submit(std::move(task));
    return *handle;
}

} // namespace boxoffice::gui
