// The shift report (sales/Shifts.h) as an A4 PDF to print or hand over with the cash drawer:
// the event and the operator, the shift's start and end in the event's time zone, the takings
// per payment method, the cancels, net and cash in drawer, then the tickets per product, which
// go on over as many pages as they need. Drawn with cairo and pango; no store, no spooler, so
// any thread may call it (the desk does on a worker).
#pragma once

#include <filesystem>
#include <string>

#include "boxoffice/model/Event.h"
#include "boxoffice/model/Types.h"
#include "boxoffice/sales/Shifts.h"

namespace boxoffice::printing {

// The report's words. The defaults are English; the desk passes them in the user's language.
// "{page}" and "{pages}" in pageOf are replaced by the numbers.
struct ShiftReportText {
    std::string title = "Shift report";
    std::string operatorLabel = "Operator";
    std::string started = "Started";
    std::string ended = "Ended";
    std::string stillOpen = "still open";
    std::string takings = "Takings per payment method";
    std::string method = "Payment method";
    std::string sales = "Sales";
    std::string taken = "Taken";
    std::string refunds = "Refunds";
    std::string refunded = "Refunded";
    std::string cash = "Cash";
    std::string card = "Card";
    std::string free = "Free";
    std::string cancels = "Orders canceled without a refund";
    std::string net = "Net takings";
    std::string cashInDrawer = "Cash in drawer";
    std::string products = "Tickets per product";
    std::string product = "Product";
    std::string tickets = "Tickets";
    std::string amount = "Amount";
    std::string noTickets = "No tickets were sold in this shift.";
    std::string continued = "(continued)";
    std::string pageOf = "Page {page} of {pages}";
};

// Writes `report` of `event` (its name, currency and time zone) to `file`: written beside it
// under a temporary name and renamed when complete, so `file` is either the old file or the whole
// new report. Amounts have two decimals and the event's currency ("15.00 EUR"). Io error with the
// reason when the file cannot be written.
model::Result<bool> writeShiftReportPdf(const sales::ShiftReport& report, const model::Event& event,
                                        const std::filesystem::path& file, const ShiftReportText& text = {});

}  // namespace boxoffice::printing
