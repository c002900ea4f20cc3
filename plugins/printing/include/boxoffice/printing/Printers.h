// The system's printers and its print spooler. On Linux and macOS that is CUPS: a PDF is handed
// to the queue as it is, with its exact page size, and the printer's own driver turns it into
// dots at the printer's resolution. That is the faithful path: the vector PDF the renderer wrote
// reaches the driver unchanged, where drawing it again through a toolkit's printing API would
// rasterise or re-lay it out first. Builds without CUPS (Windows) answer Unsupported: there only saving a PDF is offered.
// Blocking calls that talk to the spooler: never on the UI thread. Any thread.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "boxoffice/model/Types.h"

namespace boxoffice::printing {

struct Printer {
    std::string name;         // the queue's name, what --printer takes
    std::string description;  // "printer-info", else the name
    std::string location;
    std::string makeAndModel;
    std::string state;  // "idle", "printing" or "stopped"
    bool isDefault = false;
    bool accepting = true;
};

// The queues the spooler knows, the default one first. Io when the spooler cannot be reached,
// with the reason.
model::Result<std::vector<Printer>> listPrinters();

// The default queue's name; empty when no queue is the default.
model::Result<std::string> defaultPrinter();

struct SpoolRequest {
    std::string printer;
    std::filesystem::path pdf;
    std::string title;         // the job's name in the queue
    double widthPt = 0;        // the PDF's page size, sent as the job's media
    double heightPt = 0;
    int copies = 1;
};

// Hands the PDF to the queue; returns the job's number once the spooler has the whole file (the
// file may be removed afterwards). NotFound for an unknown queue, Unavailable when the spooler
// refuses or cannot be reached, with its message.
model::Result<int> spoolPdf(const SpoolRequest& request);

}  // namespace boxoffice::printing
