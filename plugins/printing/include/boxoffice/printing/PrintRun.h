// Printing tickets and certificates of attendance: which positions, what they print, and the
// print itself (render with the printer's calibration, hand to the spooler, log it). The desk's
// Print tab and `boxoffice-cli print` call these same functions, on a worker or the CLI's thread.
// Each call uses the caller's Store; call it from the thread that owns that Store.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "boxoffice/model/PrintLog.h"
#include "boxoffice/model/Store.h"
#include "boxoffice/render/BatchRenderer.h"
#include "boxoffice/render/Raster.h"

namespace boxoffice::printing {

using model::PrintedDocument;

// What to print. The scopes choose positions (never canceled ones):
// - Positions, Orders: exactly those given (an order: all its positions), in the order given;
// - List: those the check-in list admits (its products and date; paid, and pending when the list
//   includes pending orders);
// - Product, Everyone: of paid and pending orders (a product: with that product).
// The narrowing choices apply to every scope.
struct Selection {
    enum class Scope { Positions, Orders, List, Product, Everyone };
    Scope scope = Scope::Everyone;
    std::vector<model::Id> positions;
    std::vector<std::string> orders;
    model::Id listId = 0;
    model::Id itemId = 0;
    bool notYetPrinted = false;  // leave out positions the print log has for this kind of document
    bool checkedInOnly = false;  // only positions with an entry (on the list, for the List scope)
};

// The positions of the selection, in print order (order code, then position), without repeats.
// NotFound for an unknown order code or list.
model::Result<std::vector<model::Id>> selectPositions(model::Store& store, model::Id eventId,
                                                      const Selection& selection, PrintedDocument document);

// How many pages each position prints (its design's pages), in their order: the count a print
// shows before it starts and the map from a preview page to its ticket. Reads no ticket data.
// A stop request ends it with a Conflict error.
model::Result<std::vector<int>> pagesPerTicket(model::Store& store, model::Id eventId,
                                               const std::vector<model::Id>& positions, PrintedDocument document,
                                               std::stop_token stop = {});

// What a set of positions prints: one render job per position (a ticket with its layout; a
// certificate with the event's certificate design) and what the log will say of it.
struct Batch {
    model::Id eventId = 0;
    PrintedDocument document = PrintedDocument::Ticket;
    std::vector<render::TicketJob> jobs;
    std::vector<model::PrintRunEntry> entries;  // one per job
    std::size_t notCheckedIn = 0;               // certificates left out: the attendee never came in
};

// Loads the batch. A certificate needs an entry check-in unless `includeAbsent` (the rule of the
// certificates API); those without one are counted, not loaded.
model::Result<Batch> loadBatch(model::Store& store, model::Id eventId, const std::vector<model::Id>& positions,
                               PrintedDocument document, bool includeAbsent = false);

// done of total tickets rendered; runs on the calling thread, must not block.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

struct PrintOptions {
    std::string printer;  // a queue of listPrinters(); empty: the default printer
    int copies = 1;
    std::string title;    // the job's name in the queue; empty: "Box Office tickets (20)"
};

struct PrintOutcome {
    model::PrintRun run;  // as logged: printer, pages, job numbers, entries
    std::vector<std::string> problems;  // element-level render problems, ticket-prefixed
};

// Prints the batch: renders it (tickets of one page size per spooler job) with the printer's
// calibration for that paper, hands each job to the spooler, and logs the run. A stop request
// before the first job was handed over ends it with a Conflict error and nothing logged; after
// that, the jobs already with the spooler are logged and the error says how many tickets went.
model::Result<PrintOutcome> printBatch(model::Store& store, const Batch& batch, const PrintOptions& options,
                                       const ProgressCallback& progress = {}, std::stop_token stop = {});

// The batch into one PDF at `file` (no calibration, not logged: a file is not a print).
model::Result<render::RenderSummary> saveBatch(const Batch& batch, const std::filesystem::path& file,
                                               const ProgressCallback& progress = {}, std::stop_token stop = {});

// One PDF per position into `directory`, named after the order code and the attendee
// ("ABC12 Jane Doe.pdf"); returns the files written. A stop request removes none already written.
model::Result<std::vector<std::filesystem::path>> saveEach(const Batch& batch, const std::filesystem::path& directory,
                                                           const ProgressCallback& progress = {},
                                                           std::stop_token stop = {});

// Page `page` (0-based) of the batch's first ticket as pixels, fitting maxWidth x maxHeight: the
// preview of what prints, drawn by the renderer itself (through a temporary PDF).
model::Result<render::Raster> previewPage(const Batch& batch, int page, int maxWidth, int maxHeight,
                                          std::stop_token stop = {});

// "ABC12 Jane Doe.pdf" without the characters file systems refuse.
std::string fileNameFor(const layout::TicketData& data);

}  // namespace boxoffice::printing
