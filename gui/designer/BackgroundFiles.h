// What the Designer tab does with a layout's background PDF away from the UI thread: reading the
// stored one when a layout opens, taking a file as a new background (checked as the renderer
// reads it), making a blank one, one a page longer or one a page shorter, saving the layout with
// it, and the PDF beside an exported or imported layout JSON file. Plain functions without wx:
// call them on a session worker (`desk::TaskContext`), never on the UI thread. Their errors'
// messages are message ids: the UI shows them through wxGetTranslation.
#pragma once

#include "boxoffice/certificates/Certificates.h"
#include "boxoffice/layout/Editing.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/model/TicketLayout.h"
#include "boxoffice/pdf/Layouts.h"
#include "boxoffice/render/Background.h"

#include <filesystem>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boxoffice::gui {

// A background file bigger than this is refused (pretix's limit for uploads).
inline constexpr std::uintmax_t kMaxBackgroundBytes = 10u * 1024u * 1024u;

// `pdf` as a background: its page count and page size read with the renderer's reader. BadInput
// for a file that is not a PDF whose pages can be drawn; an empty `pdf` is no background.
model::Result<layout::SharedBackground> backgroundOf(std::vector<unsigned char> pdf,
                                                     std::optional<std::string> storedId = std::nullopt);

// The stored background `id` of a layout (none: no background). NotFound when the file is gone.
model::Result<layout::SharedBackground> readStoredBackground(model::LayoutRepository& files,
                                                             const std::optional<std::string>& id);

// The PDF file `file` as a background: BadInput for one that is too big, unreadable or no usable
// PDF (the message says which), Io when it cannot be read.
model::Result<layout::SharedBackground> readBackgroundFile(const std::filesystem::path& file);

// A blank background of `size` with `pages` pages (render::blankBackground).
model::Result<layout::SharedBackground> makeBlankBackground(render::PageSize size, int pages);

// `background` one empty page longer.
model::Result<layout::SharedBackground> addBlankPage(const layout::SharedBackground& background);

// `background` without its page `page` (1-based; render::withoutPage): BadInput for its only page
// or one it does not have.
model::Result<layout::SharedBackground> removeBackgroundPage(const layout::SharedBackground& background, int page);

// Sets `edit`'s background to `background`: none, the stored file it is, or a new file to store
// in the save's transaction.
void putBackground(pdf::LayoutEdit& edit, const layout::SharedBackground& background);

// The designer's save: the design `json` on `background` (a new one stored in the same
// transaction) through pdf::saveLayout; Conflict when `basedOn` is given and the stored layout
// is no longer that one.
model::Result<model::TicketLayout> storeLayout(model::Store& store, model::Id eventId, model::Id layoutId,
                                               const std::string& json, const layout::SharedBackground& background,
                                               std::optional<model::TicketLayout> basedOn = std::nullopt);

// After a save of `sent` stored as `stored`: the background with the stored file's ID when the
// save stored it anew, else nullptr.
layout::SharedBackground storedAs(const layout::SharedBackground& sent, const model::TicketLayout& stored);

// The designer's save of the event's certificate layout: the design `json` on `background` (its
// PDF stored anew, none without one) through certificates::saveEventLayout; Conflict when
// `basedOn` is given and the stored certificate layout is no longer that one.
model::Result<model::CertificateLayout> storeCertificate(model::Store& store, model::Id eventId, const std::string& json,
                                                         const layout::SharedBackground& background,
                                                         std::optional<certificates::OpenedLayout> basedOn = std::nullopt);

// After a save of the certificate with `sent` stored as `stored`: the background with the stored
// file's ID, else nullptr (no PDF).
layout::SharedBackground storedAs(const layout::SharedBackground& sent, const model::CertificateLayout& stored);

// Where the background of a layout exported to `json` goes: the same name with ".pdf".
std::filesystem::path pdfBeside(const std::filesystem::path& json);

// Writes `bytes` to `file` through a temporary file renamed when complete. Empty on success,
// else why it failed.
std::string writeWholeFile(const std::filesystem::path& file, const std::string_view bytes);

}  // namespace boxoffice::gui
