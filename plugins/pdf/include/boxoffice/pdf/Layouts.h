// The ticket-layout use cases: save a layout with its background and product assignments, delete
// it, duplicate it, make it the event's default. The LAN API's ticketlayouts/ routes and the
// desktop designer call these; each validates, then writes in one transaction whose commit
// publishes the change (model::ChangeFeed). Errors are pretix's field errors ({"layout": [...]},
// {"background": [...]}, {"item_assignments": [...]}), NotFound for an unknown layout or event.
// Call from the thread that owns the Store, outside any transaction of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/model/TicketLayout.h"

namespace boxoffice::pdf {

// A change to a layout, field by field as the API names them. A field that is set replaces the
// stored one; one that is not keeps it (EditMode::Patch) or gets its default (EditMode::Replace:
// no background, no assignments, not the default, pretix's default layout; a name is required).
struct LayoutEdit {
    std::optional<std::string> name;
    std::optional<bool> isDefault;
    std::optional<nlohmann::json> layout;                  // pretix's layout JSON
    std::optional<std::optional<std::string>> background;  // a stored file's ID, or none
    // A background PDF to store with the layout and use instead of `background` (the designer's
    // uploaded or made backgrounds): stored in the save's own transaction, so a refused save
    // leaves no file behind. Its data must be a PDF whose pages can be drawn; the save gives it
    // its ID and keeps it for good (owner and expiry are ignored).
    std::optional<model::StoredFile> newBackground;
    std::optional<std::vector<model::TicketLayoutItem>> itemAssignments;
    // The layout as the editor read it before the change (the designer sets it): when the stored
    // one has since changed its name, design or background (the LAN API, another desk), the save
    // is refused with Conflict instead of overwriting that change unseen.
    std::optional<model::TicketLayout> basedOn;
};

enum class EditMode { Patch, Replace };

// Reads the fields of an API body (a JSON object) into an edit; BadInput with field errors for
// values of the wrong type.
model::Result<LayoutEdit> layoutEditFromJson(const nlohmann::json& body);

// Creates (`layoutId` empty) or changes a layout of the event. A background must be a PDF file
// stored here (an upload, usable by the token that sent it until it expires: `uploader`; a file
// made on this machine by anyone) whose first page can be drawn on; the layout must be valid
// (it is stored normalised); assigned products must be the event's. An assignment moves the
// product and channel from any other layout of the event. Conflict when `edit.basedOn` is set
// and the stored layout is no longer that one. Returns the stored layout.
model::Result<model::TicketLayout> saveLayout(model::Store& store, model::Id eventId, std::optional<model::Id> layoutId,
                                              const LayoutEdit& edit, EditMode mode,
                                              std::optional<model::Id> uploader = std::nullopt);

// Deletes a layout; its products fall back to the event's default layout.
model::Result<bool> deleteLayout(model::Store& store, model::Id eventId, model::Id layoutId);

// A copy named `name` (empty: "<name> (copy)") with the same design and background; it is not
// the default and has no products (a product and channel belong to one layout only).
model::Result<model::TicketLayout> duplicateLayout(model::Store& store, model::Id eventId, model::Id layoutId,
                                                   std::string name = {});

// Makes a layout the event's default (and no other).
model::Result<bool> setDefaultLayout(model::Store& store, model::Id eventId, model::Id layoutId);

// An uploaded file no layout uses is deleted after this long (pretix: one day).
inline constexpr std::chrono::hours kUploadLifetime{24};

// What one token may keep waiting for a layout to take it: uploads cost disk until they expire,
// so a token cannot fill the disk with them.
inline constexpr std::int64_t kMaxPendingUploads = 20;
inline constexpr std::int64_t kMaxPendingUploadBytes = 64 << 20;

// Keeps an uploaded background PDF (`file.filename`, `file.data`; `file.ownerToken`: the token
// that sent it, the only one that may use it) for kUploadLifetime, until a layout takes it, and
// drops expired uploads. BadInput when the first page cannot be drawn on; Conflict when the
// token already has kMaxPendingUploads uploads or kMaxPendingUploadBytes waiting (the upload
// route answers 429). Returns it with its ID.
model::Result<model::StoredFile> storeUpload(model::Store& store, model::StoredFile file);

}  // namespace boxoffice::pdf
