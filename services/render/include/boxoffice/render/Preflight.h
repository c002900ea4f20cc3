// Pre-flight: a layout checked against every ticket it prints before it is saved or printed,
// with the text measured exactly as the renderer measures it. What it finds, each with the
// element and the ticket (order position) that shows it worst:
//   - text that auto-resize shrinks below a legible size (PreflightOptions::minFontSize),
//   - text that overflows its box (too many lines, or a word too long to split),
//   - a variable that prints nothing for some tickets,
//   - a QR code whose modules are smaller than the printer can print
//     (PreflightOptions::printerDpi, minDotsPerModule),
//   - an element off the page, or over a QR code's quiet zone.
// Geometry problems are the layout's (no ticket); the others are counted over the tickets.
// A document printed from the tickets with values of its own (the certificate of attendance:
// check-in time, attendance) is checked with them through PreflightData, which the plugin that
// prints it supplies, so this module needs no plugin.
// Without a display or wx; the designer runs it on a worker with progress and a stop token.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "boxoffice/layout/Elements.h"
#include "boxoffice/layout/Variables.h"
#include "boxoffice/model/Store.h"

namespace boxoffice::render {

enum class PreflightKind { TextTooSmall, TextOverflows, EmptyText, QrTooFine, OffPage, OverQuietZone };

struct PreflightProblem {
    PreflightKind kind = PreflightKind::TextOverflows;
    std::size_t element = 0;               // index in the layout's elements
    std::optional<std::size_t> other;      // OverQuietZone: the QR code's index
    std::optional<model::Id> positionId;   // the ticket that shows it worst; nullopt: the layout's own
    std::size_t tickets = 0;               // how many of the checked tickets have it (0: the layout's own)
    // TextTooSmall: the font size (pt) it shrinks to; QrTooFine: printer dots per module;
    // TextOverflows: by how many points the text passes its box; OffPage: by how many points.
    double value = 0.0;
    std::string text;  // the text (or QR content) of that ticket, cut to 80 characters
};

struct PreflightReport {
    std::vector<PreflightProblem> problems;  // by element, then kind
    std::size_t checked = 0;                 // tickets checked
    bool canceled = false;
};

struct PreflightOptions {
    double minFontSize = 6.0;       // points: auto-resize text below this is not legible
    int printerDpi = 300;           // the printer's resolution
    double minDotsPerModule = 2.0;  // a QR module needs this many printer dots to scan reliably
    double pageWidthPt = 595.276;   // the page (the background's first page); A4 by default
    double pageHeightPt = 841.89;
};

// Checks one layout against tickets given one at a time. Not thread-safe: one per thread.
class PreflightChecker {
public:
    PreflightChecker(const layout::Layout& layout, PreflightOptions options);
    ~PreflightChecker();
    PreflightChecker(const PreflightChecker&) = delete;
    PreflightChecker& operator=(const PreflightChecker&) = delete;

    void check(const layout::TicketData& ticket);
    // The layout's own problems and those the checked tickets showed.
    PreflightReport report() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// What a document other than the ticket prints for each ticket, supplied by the plugin that
// prints it (certificates::preflight: the check-in values of a certificate of attendance).
// preflight() calls it on its own thread, inside its read transaction.
class PreflightData {
public:
    virtual ~PreflightData() = default;
    // Once, before the first ticket is completed: reads from `store` in bulk what complete()
    // needs (a few queries for the whole event, never one per ticket). An error ends the run
    // with that error.
    virtual model::Result<bool> prepare(model::Store& store, model::Id eventId) = 0;
    // Puts the document's own values into `ticket` (its `extra`, which is emptied before each
    // ticket). False: the document does not print for this ticket, so it is not checked.
    virtual bool complete(layout::TicketData& ticket) = 0;
};

struct PreflightRun {
    // Check only the tickets the stored layout `layoutId` prints (by its product and sales
    // channel assignments, or as the event's default); nullopt: every ticket of the event.
    std::optional<model::Id> layoutId;
    std::stop_token stop;
    // Called now and then with tickets done and the total, on the calling thread.
    std::function<void(std::size_t done, std::size_t total)> progress;
    // Not owned, outlives the call; nullptr: the tickets' own data, as tickets print.
    PreflightData* data = nullptr;
};

// Checks `layout` against the event's tickets (canceled ones left out; with `run.data`, as that
// document prints them), reading the store in one read transaction. NotFound for an unknown
// event. A stop request ends it early: the report says canceled and holds what was found so far.
// Call on the thread that owns `store`.
model::Result<PreflightReport> preflight(model::Store& store, model::Id eventId, const layout::Layout& layout,
                                         const PreflightOptions& options, const PreflightRun& run = {});

}  // namespace boxoffice::render
