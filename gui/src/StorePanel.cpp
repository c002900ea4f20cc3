#include "boxoffice/gui/StorePanel.h"

#include "boxoffice/gui/GuardedCall.h"

#include <algorithm>

namespace boxoffice::gui {

StorePanel::StorePanel(wxWindow* parent, Session& session, const wxString& name,
                       std::initializer_list<model::Change::Kind> kinds)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, name), m_session(session),
      m_kinds(kinds), m_subscription([this](const model::Change& change) { onChange(change); }) {}

void StorePanel::showEvent(model::Id eventId) {
    m_eventId = eventId;
    reload();
}

void StorePanel::reload() {
    m_reloadQueued = false;
    guardedCall([this] { doReload(); }, this);
}

void StorePanel::onChange(const model::Change& change) {
    const bool ourEvent = change.eventId == 0 || change.eventId == m_eventId;
    const bool ourKind = std::find(m_kinds.begin(), m_kinds.end(), change.kind) != m_kinds.end();
    if (!ourEvent || !ourKind || m_reloadQueued) {
        return;
    }
    // An import publishes many changes at once: read the store once, after the burst. Pending
    // calls die with the panel (wxEvtHandler drops its queue when destroyed).
    m_reloadQueued = true;
    CallAfter([this] {
        if (m_reloadQueued) {
            reload();
        }
    });
}

} // namespace boxoffice::gui
