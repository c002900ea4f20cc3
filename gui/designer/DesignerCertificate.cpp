// The Designer tab's certificate of attendance: saving the event's certificate layout through
// certificates::saveEventLayout (based on the layout as opened, so a change made elsewhere
// meanwhile is overwritten only when the user says so), and going back to the built-in design
// (certificates::resetEventLayout). Both run on a session worker.
#include "designer/DesignerPanel.h"

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/layout/LayoutJson.h"
#include "designer/BackgroundFiles.h"
#include "designer/LayoutActions.h"

#include <utility>

namespace boxoffice::gui {

void DesignerPanel::saveCertificate(bool overwrite) {
    std::optional<certificates::OpenedLayout> basedOn;
    if (!overwrite && m_openedCertificate) {
        basedOn = certificates::OpenedLayout{m_openedCertificate->modified};
    }
    m_saving = true;
    updateState();
    m_canvas->SetFocus();
    session().run<model::Result<model::CertificateLayout>>(
        this,
        [event = eventId(), json = layout::toJsonText(m_document->layout(), -1), background = m_document->background(),
         basedOn](desk::TaskContext& context) {
            return storeCertificate(context.store, event, json, background, basedOn);
        },
        [this, saved = m_document->layout(), background = m_document->background(),
         document = m_document.get()](model::Result<model::CertificateLayout>&& stored) {
            m_saving = false;
            const bool same = m_document.get() == document && m_layoutId == kCertificateLayout;
            if (!stored) {
                if (stored.error().code == model::ErrorCode::Conflict && same) {
                    askToOverwrite();
                    return;
                }
                m_closeAfterSave = false;
                updateState();
                showLayoutError(_("The certificate layout could not be saved."), stored.error());
                return;
            }
            auto storedBackground = storedAs(background, stored.value());
            if (same) {
                m_openedCertificate = OpenedCertificate{stored->modified};
            }
            afterSaved(same, saved, background, storedBackground);
        },
        [this](const wxString& error) { saveFailed(error); });
}

void DesignerPanel::resetCertificate() {
    if (!m_openedCertificate) {
        return;
    }
    if (!m_openedCertificate->modified && !modified()) {
        return;  // the built-in design, as it is
    }
    const wxString question =
        modified() ? _("Go back to the built-in certificate design? The event's own certificate layout and your unsaved "
                       "changes are lost. This cannot be undone.")
                   : _("Go back to the built-in certificate design? The event's own certificate layout is lost. This "
                       "cannot be undone.");
    if (!confirm(question, _("Reset"), this)) {
        return;
    }
    session().run<bool>(
        this, [event = eventId()](desk::TaskContext& context) { return certificates::resetEventLayout(context.store, event); },
        [this, event = eventId()](bool&&) {
            if (event == eventId() && m_layoutId == kCertificateLayout) {
                open(kCertificateLayout);
            }
        });
}

} // namespace boxoffice::gui
