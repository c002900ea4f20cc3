// Certificates of attendance: the certificate layout (same format as ticket layouts) and the
// data a certificate prints. Variables beyond the ticket ones (spec §5): checkin_date,
// checkin_time, checkin_datetime (first entry), checkin_list (its list's name) and attendance
// ("Attended" / "Not attended"). An event may store its own certificate layout (with an optional
// background PDF); without one the built-in design is used. The designer's pre-flight of a
// certificate layout checks it with these values, as certificates print (preflight). Reads and
// writes the caller's Store; call on the thread that owns it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/TicketLayout.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/Preflight.h"

namespace boxoffice::certificates {

// The built-in certificate design: A4 portrait text boxes, no background.
layout::Layout defaultCertificateLayout();

// The event's stored certificate design, or the built-in one when it stores none. BadInput if
// the stored layout no longer parses, NotFound if its background file is missing.
model::Result<std::shared_ptr<const render::RenderTemplate>> eventDesign(model::Store& store, model::Id eventId);

// The certificate layout a save is based on, as the designer opened it: the stored one's
// `modified`, or nullopt when the event stored none (the built-in design was opened).
struct OpenedLayout {
    std::optional<model::Timestamp> modified;
};

// Stores `layoutJson` (the ticket layout format, validated) as the event's certificate layout,
// with `backgroundPdf` as its background (checked to be a readable PDF) or none. A background the
// same as the stored one (byte for byte) keeps its stored file: it is not stored again. BadInput
// with the reason when either is refused. With `basedOn`, Conflict (nothing stored) when the stored
// certificate layout is no longer that one: it was stored, replaced or reset elsewhere since.
// Runs in its own transaction; returns the layout as stored.
model::Result<model::CertificateLayout> saveEventLayout(model::Store& store, model::Id eventId,
                                                        const std::string& layoutJson,
                                                        const std::optional<std::vector<unsigned char>>& backgroundPdf,
                                                        const std::optional<OpenedLayout>& basedOn = std::nullopt);
// Goes back to the built-in design; false when the event stored none.
bool resetEventLayout(model::Store& store, model::Id eventId);

// A render job for the certificate of one position. With `requireCheckin`, a position without
// an entry check-in is refused (Conflict error, message for the user); unknown position: NotFound.
// `design` null: the event's design (eventDesign).
model::Result<render::TicketJob> certificateJob(model::Store& store, model::Id eventId, model::Id positionId,
                                                bool requireCheckin,
                                                std::shared_ptr<const render::RenderTemplate> design = nullptr);

// The data the designer draws a certificate with. `positionId` 0: TicketLoader::preview's
// ticket with its first entry check-in, or, without one, a sample check-in at the event's
// admission (else its begin) on the event's first check-in list, so every certificate variable
// shows a value. Else that position's certificate data as certificateJob makes it (a position
// not checked in: empty check-in values, "Not attended"). NotFound without the event or position.
model::Result<layout::TicketData> previewData(model::Store& store, model::Id eventId, model::Id positionId = 0);

// Pre-flight of the certificate layout `layout` (as edited) against the event's certificates as
// they print: each ticket's data with its certificate values, as certificateJob makes them, the
// check-ins read in bulk in the pre-flight's read transaction (render::preflight with
// render::PreflightData). The tickets of paid and pending orders, as the Print tab chooses them;
// `checkedInOnly`: only those with an entry check-in, for whom the Print tab prints certificates
// by default (the certificates API's rule); else all of them, those not checked in with empty
// check-in values and "Not attended". `run.layoutId` is ignored (the certificate is no ticket
// layout); errors and cancelling as render::preflight.
model::Result<render::PreflightReport> preflight(model::Store& store, model::Id eventId, const layout::Layout& layout,
                                                 const render::PreflightOptions& options, bool checkedInOnly,
                                                 render::PreflightRun run = {});

}  // namespace boxoffice::certificates
