#include "boxoffice/gui/ChangeSubscription.h"

#include <utility>
#include <wx/app.h>

namespace boxoffice::gui {

ChangeSubscription::ChangeSubscription(Handler onUiThread)
    : m_state(std::make_shared<State>(State{std::move(onUiThread)})) {
    // Runs on the publishing thread: copy only the weak reference (thread-safe) and post.
    // CallAfter queues thread-safely; the lambda then runs on the UI thread, where the
    // subscription is also destroyed, so lock() cannot race with the destructor.
    m_token = model::ChangeFeed::instance().subscribe(
        [weak = std::weak_ptr<State>(m_state)](const model::Change& change) {
            wxAppConsole* app = wxAppConsole::GetInstance();
            if (app == nullptr) {
                return;
            }
            app->CallAfter([weak, change] {
                if (auto state = weak.lock()) {
                    state->handler(change);
                }
            });
        });
}

ChangeSubscription::~ChangeSubscription() {
    model::ChangeFeed::instance().unsubscribe(m_token);
    m_state.reset();
}

} // namespace boxoffice::gui
