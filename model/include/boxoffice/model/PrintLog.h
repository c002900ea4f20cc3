// The print log: what was printed, when, on which printer and with which layout. A run is one
// print (the desk's Print button, `boxoffice-cli print`); its entries are the positions it
// printed. Read by the "not yet printed" choice and by the question before a reprint.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "boxoffice/model/Store.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/model/Types.h"

namespace boxoffice::model {

enum class PrintedDocument { Ticket, Certificate };

struct PrintRunEntry {
    Id positionId = 0;
    std::optional<Id> layoutId;  // none: pretix's default layout or the built-in certificate
    std::string layoutName;
};

struct PrintRun {
    Id id = 0;
    Id eventId = 0;
    Timestamp printedAt{};
    std::string printer;
    PrintedDocument document = PrintedDocument::Ticket;
    int copies = 1;
    int pages = 0;
    std::string jobs;  // the spooler's job numbers, "17 18"
    std::vector<PrintRunEntry> entries;
    int positions = 0;  // set when read back: how many entries the run has
};

// When and where a position was last printed.
struct LastPrint {
    Timestamp printedAt{};
    std::string printer;
};

class PrintLogRepository {
public:
    explicit PrintLogRepository(Store& store) : m_store(store) {}

    // Adds the run and its entries (sets run.id). Call inside a transaction for a large run.
    void add(PrintRun& run);
    // The event's runs, newest first, without their entries.
    std::vector<PrintRun> runs(Id eventId, int limit = 200);
    std::vector<PrintRunEntry> entries(Id runId);
    // The positions of the event printed at least once as `document`.
    std::unordered_set<Id> printedPositions(Id eventId, PrintedDocument document);
    // For those of `positionIds` printed before as `document`: their last print.
    std::unordered_map<Id, LastPrint> lastPrints(const std::vector<Id>& positionIds, PrintedDocument document);

private:
    Store& m_store;
};

}  // namespace boxoffice::model
