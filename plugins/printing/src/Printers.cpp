#include "boxoffice/printing/Printers.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#ifdef BOXOFFICE_HAVE_CUPS
#include <cups/cups.h>
#endif

namespace boxoffice::printing {

#ifdef BOXOFFICE_HAVE_CUPS

namespace {

std::string option(const cups_dest_t& dest, const char* name) {
    const char* value = cupsGetOption(name, dest.num_options, dest.options);
    return value ? value : "";
}

Printer toPrinter(const cups_dest_t& dest) {
    Printer p;
    p.name = dest.name;
    if (dest.instance) {
        p.name += std::string("/") + dest.instance;
    }
    p.description = option(dest, "printer-info");
    if (p.description.empty()) {
        p.description = p.name;
    }
    p.location = option(dest, "printer-location");
    p.makeAndModel = option(dest, "printer-make-and-model");
    const std::string state = option(dest, "printer-state");
    p.state = state == "4" ? "printing" : state == "5" ? "stopped" : "idle";
    p.accepting = option(dest, "printer-is-accepting-jobs") != "false";
    p.isDefault = dest.is_default != 0;
    return p;
}

model::Error spoolerError(const std::string& what) {
    return {model::ErrorCode::Io, fmt::format("{}: {}", what, cupsLastErrorString()), {}};
}

// The media a page size asks for: a standard size by its name (every driver knows those), else a
// custom size in points, which CUPS passes to drivers that take custom sizes.
std::string mediaOption(double widthPt, double heightPt) {
    struct Named {
        const char* name;
        double width;
        double height;
    };
    static constexpr Named kNamed[] = {{"A4", 595.28, 841.89}, {"A5", 419.53, 595.28}, {"A6", 297.64, 419.53},
                                       {"A3", 841.89, 1190.55}, {"Letter", 612, 792},    {"Legal", 612, 1008}};
    for (const auto& n : kNamed) {
        if (std::abs(widthPt - n.width) < 1 && std::abs(heightPt - n.height) < 1) {
            return n.name;
        }
    }
    return fmt::format("Custom.{:.2f}x{:.2f}", widthPt, heightPt);
}

}  // namespace

model::Result<std::vector<Printer>> listPrinters() {
    cups_dest_t* dests = nullptr;
    const int count = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
    if (count == 0 && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE && cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND) {
        return spoolerError("The print system cannot be reached");
    }
    std::vector<Printer> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(toPrinter(dests[i]));
    }
    cupsFreeDests(count, dests);
    std::stable_sort(out.begin(), out.end(), [](const Printer& a, const Printer& b) { return a.isDefault > b.isDefault; });
    return out;
}

model::Result<std::string> defaultPrinter() {
    auto printers = listPrinters();
    if (!printers) {
        return printers.error();
    }
    for (const auto& p : printers.value()) {
        if (p.isDefault) {
            return p.name;
        }
    }
    return std::string();
}

model::Result<int> spoolPdf(const SpoolRequest& request) {
    cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, request.printer.c_str(), nullptr);
    if (dest == nullptr) {
        if (cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE && cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND) {
            return spoolerError("The print system cannot be reached");
        }
        return model::Error{model::ErrorCode::NotFound, fmt::format("There is no printer \"{}\".", request.printer), {}};
    }
    cupsFreeDests(1, dest);
    int count = 0;
    cups_option_t* options = nullptr;
    const std::string copies = std::to_string(std::max(1, request.copies));
    count = cupsAddOption("copies", copies.c_str(), count, &options);
    if (request.widthPt > 0 && request.heightPt > 0) {
        const std::string media = mediaOption(request.widthPt, request.heightPt);
        count = cupsAddOption(media.starts_with("Custom.") ? "PageSize" : "media", media.c_str(), count, &options);
    }
    // The page is printed at its size, never shrunk or enlarged to the paper.
    count = cupsAddOption("print-scaling", "none", count, &options);
    count = cupsAddOption("fit-to-page", "false", count, &options);
    const int job = cupsPrintFile2(CUPS_HTTP_DEFAULT, request.printer.c_str(), request.pdf.c_str(),
                                   request.title.c_str(), count, options);
    cupsFreeOptions(count, options);
    if (job == 0) {
        return spoolerError(fmt::format("The printer \"{}\" did not take the job", request.printer));
    }
    return job;
}

#else

namespace {
model::Error noSpooler() {
    return {model::ErrorCode::Unsupported, "This build of Box Office cannot print directly; save a PDF instead.", {}};
}
}  // namespace

model::Result<std::vector<Printer>> listPrinters() { return noSpooler(); }
model::Result<std::string> defaultPrinter() { return noSpooler(); }
model::Result<int> spoolPdf(const SpoolRequest&) { return noSpooler(); }

#endif

}  // namespace boxoffice::printing
