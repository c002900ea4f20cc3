// Certificates of attendance: the certificate layout (same format as ticket layouts) and the
// data a certificate prints. Variables beyond the ticket ones (spec §5): checkin_date,
// checkin_time, checkin_datetime (first entry), checkin_list (its list's name) and attendance
// ("Attended" / "Not attended"). Reads the caller's Store; call on the thread that owns it.
#pragma once

#include "boxoffice/layout/Elements.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/render/BatchRenderer.h"

namespace boxoffice::certificates {

// The built-in certificate design: A4 portrait text boxes, no background.
layout::Layout defaultCertificateLayout();

// A render job for the certificate of one position. With `requireCheckin`, a position without
// an entry check-in is refused (Conflict error, message for the user); unknown position: NotFound.
model::Result<render::TicketJob> certificateJob(model::Store& store, model::Id eventId, model::Id positionId,
                                                bool requireCheckin,
                                                std::shared_ptr<const render::RenderTemplate> design = nullptr);

}  // namespace boxoffice::certificates
