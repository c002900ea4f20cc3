// A subscription to model::ChangeFeed that delivers each change on the UI thread.
//
// Owned by the window it serves (a member), so it ends with the window: the destructor
// unsubscribes, and a change already on its way to the UI thread is dropped once the
// subscription is gone (the hop holds only a weak reference; Poedit's `then_on_window`).
// Construct and destroy on the UI thread; the feed may publish from any thread.
#pragma once

#include "boxoffice/model/Store.h"

#include <functional>
#include <memory>

namespace boxoffice::gui {

class ChangeSubscription {
public:
    using Handler = std::function<void(const model::Change&)>;

    // `onUiThread` runs on the UI thread, after the change was published, for every change.
    explicit ChangeSubscription(Handler onUiThread);
    ~ChangeSubscription();
    ChangeSubscription(const ChangeSubscription&) = delete;
    ChangeSubscription& operator=(const ChangeSubscription&) = delete;

private:
    struct State {
        Handler handler;
    };
    std::shared_ptr<State> m_state;
    model::ChangeFeed::Token m_token = 0;
};

} // namespace boxoffice::gui
