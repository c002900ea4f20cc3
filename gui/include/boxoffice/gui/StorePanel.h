// Base of the notebook panels that show one event of the store (orders, check-in lists, ...).
//
// The main frame creates each panel, hands it the Session it owns (the store, the task runner),
// and tells it which event to show; the Session outlives the panel. A panel re-reads the store when model::ChangeFeed reports a
// change that concerns its event (several changes in a row cause one reload), and when the frame
// tells it that another process changed the database. Panels never call each other.
// UI thread only.
#pragma once

#include "boxoffice/gui/ChangeSubscription.h"
#include "boxoffice/gui/Session.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/Types.h"

#include <initializer_list>
#include <vector>
#include <wx/panel.h>

namespace boxoffice::gui {

class StorePanel : public wxPanel {
public:
    // `kinds`: the changes this panel shows; others are ignored.
    StorePanel(wxWindow* parent, Session& session, const wxString& name,
               std::initializer_list<model::Change::Kind> kinds);

    // Shows `eventId` (0: no event) and reads it from the store.
    void showEvent(model::Id eventId);
    model::Id eventId() const { return m_eventId; }

    // Re-reads the store now. Errors are reported to the user (GuardedCall).
    void reload();

    // Asked when the window is about to close: false keeps it open (work not saved yet; the
    // panel may ask the user, and may close the window itself once that work is saved).
    virtual bool mayClose() { return true; }

protected:
    Session& session() { return m_session; }
    // The UI thread's connection, for small reads; larger work goes through session().run().
    model::Store& store() { return m_session.store(); }
    virtual void doReload() = 0;

private:
    void onChange(const model::Change& change);

    Session& m_session;
    model::Id m_eventId = 0;
    std::vector<model::Change::Kind> m_kinds;
    bool m_reloadQueued = false;
    ChangeSubscription m_subscription;
};

} // namespace boxoffice::gui
