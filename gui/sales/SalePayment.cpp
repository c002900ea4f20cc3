// The Sales tab's second half: paying, what a refused sale says, the sold order's tickets
// (printed, at once on Pay when asked, or saved as PDF), cancelling an order and the shift report
// (PDF or CSV). See SalesPanel.h.
#include "boxoffice/desk/Preferences.h"
#include "boxoffice/gui/Format.h"
#include "boxoffice/gui/GuardedCall.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/printing/PrintRun.h"
#include "boxoffice/printing/ShiftReportPdf.h"
#include "sales/SalesPanel.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/numformatter.h>
#include <wx/radiobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace boxoffice::gui {

namespace {

wxString joined(const std::vector<wxString>& lines) {
    wxString out;
    for (const auto& line : lines) {
        out += (out.empty() ? wxString() : wxString(wxS("\n"))) + line;
    }
    return out;
}

std::filesystem::path pathOf(const wxString& file) { return std::filesystem::path(file.fn_str().data()); }

// The desk preference (desk/Preferences.h) behind "Print tickets when paid": "1" or "0".
constexpr const char* kPrintOnPayKey = "sales.print_on_pay";

std::string utf8(const wxString& text) { return std::string(text.utf8_string()); }

// The shift report's words in the user's language.
printing::ShiftReportText reportText() {
    printing::ShiftReportText t;
    t.title = utf8(_("Shift report"));
    t.operatorLabel = utf8(_("Operator"));
    t.started = utf8(_("Started"));
    t.ended = utf8(_("Ended"));
    t.stillOpen = utf8(_("still open"));
    t.takings = utf8(_("Takings per payment method"));
    t.method = utf8(_("Payment method"));
    t.sales = utf8(_("Sales"));
    t.taken = utf8(_("Taken"));
    t.refunds = utf8(_("Refunds"));
    t.refunded = utf8(_("Refunded"));
    t.cash = utf8(_("Cash"));
    t.card = utf8(_("Card"));
    t.free = utf8(_("Free"));
    t.cancels = utf8(_("Orders canceled without a refund"));
    t.net = utf8(_("Net takings"));
    t.cashInDrawer = utf8(_("Cash in drawer"));
    t.products = utf8(_("Tickets per product"));
    t.product = utf8(_("Product"));
    t.tickets = utf8(_("Tickets"));
    t.amount = utf8(_("Amount"));
    t.noTickets = utf8(_("No tickets were sold in this shift."));
    t.continued = utf8(_("(continued)"));
    // TRANSLATORS: keep {page} and {pages}: they become the numbers.
    t.pageOf = utf8(_("Page {page} of {pages}"));
    return t;
}

// Writes the report to `path`: CSV for a name ending in .csv, else PDF. On a worker.
model::Result<bool> writeShiftReport(model::Store& store, model::Id shiftId, const std::filesystem::path& path,
                                     const printing::ShiftReportText& text) {
    const auto report = sales::shiftReport(store, shiftId);
    if (!report) {
        return report.error();
    }
    auto extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension != ".csv") {
        const auto event = model::EventRepository(store).eventById(report->shift.eventId);
        if (!event) {
            return model::Error::notFound("Not found.");
        }
        return printing::writeShiftReportPdf(report.value(), *event, path, text);
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << sales::shiftReportCsv(report.value());
    out.close();
    if (!out) {
        return model::Error{model::ErrorCode::Io, "The file could not be written.", {}};
    }
    return true;
}

} // namespace

wxString SalesPanel::serviceMessage(const std::string& message) const {
    // The services speak English with pretix's words; the ones a desk meets every day are
    // said in the user's language.
    if (message == "This field is required.") {
        return _("This field is required.");
    }
    if (message == "This field may not be blank.") {
        return _("This field may not be blank.");
    }
    return fromUtf8(message);
}

sales::PaymentMethod SalesPanel::paymentMethod() const {
    switch (m_payment->GetSelection()) {
    case 1:
        return sales::PaymentMethod::Card;
    case 2:
        return sales::PaymentMethod::Free;
    default:
        return sales::PaymentMethod::Cash;
    }
}

std::optional<model::Money> SalesPanel::amountGiven() const {
    // Typed with the locale's separators ("1.234,50" or "1,234.50"); the decimal point may
    // always be typed as "." too.
    const wxString decimal(wxNumberFormatter::GetDecimalSeparator());
    wxChar thousandsChar = 0;
    const bool hasThousands = wxNumberFormatter::GetThousandsSeparatorIfUsed(&thousandsChar);
    wxString text = m_given->GetValue().Strip(wxString::both);
    text.Replace(wxS(" "), wxString());
    if (hasThousands && wxString(thousandsChar) != decimal && text.Contains(decimal)) {
        text.Replace(wxString(thousandsChar), wxString());
    }
    text.Replace(decimal, wxS("."));
    const auto parsed = model::Decimal2::parse(std::string(text.utf8_string()));
    if (!parsed || parsed->minor() < 0) {
        return std::nullopt;
    }
    return parsed;
}

void SalesPanel::updatePayment() {
    const model::Money total = m_cart.total();
    m_total->SetLabel(wxString::Format(_("Total: %s"), amountText(total)));
    const bool cash = paymentMethod() == sales::PaymentMethod::Cash;
    m_given->Enable(cash);
    if (!cash || m_given->GetValue().Strip(wxString::both).empty()) {
        m_change->SetLabel(wxString());
    } else if (const auto given = amountGiven(); !given) {
        m_change->SetLabel(_("Enter an amount such as 50.00"));
    } else if (*given < total) {
        m_change->SetLabel(wxString::Format(_("%s missing"), amountText(total - *given)));
    } else {
        m_change->SetLabel(wxString::Format(_("Change: %s"), amountText(*given - total)));
    }
    updateButtons();
    Layout();
}

void SalesPanel::pay() {
    if (m_busy || m_cart.empty()) {
        return;
    }
    m_paymentError->SetLabel(wxString());
    if (!m_catalogue.shift) {
        m_paymentError->SetLabel(_("Start a shift before selling."));
        m_operator->SetFocus();
        return;
    }
    sales::SaleRequest request;
    request.eventId = m_catalogue.eventId;
    request.shiftId = m_catalogue.shift->id;
    request.positions = m_cart.positions();
    request.payment = paymentMethod();
    request.locale = m_catalogue.event.locale;
    if (request.payment == sales::PaymentMethod::Cash) {
        request.cashGiven = amountGiven();
        if (!request.cashGiven) {
            m_paymentError->SetLabel(_("Enter the amount the buyer handed over, such as 50.00."));
            m_given->SetFocus();
            return;
        }
    }
    m_busy = true;
    updateButtons();
    say(_("Selling..."));
    // A person at the desk waits for it, as for a check-in: it goes before background work.
    m_work = session().runUrgent<model::Result<sales::Sale>>(
        this, [request](desk::TaskContext& context) { return sales::sell(context.store, request); },
        [this](model::Result<sales::Sale>&& sold) {
            m_busy = false;
            if (!sold) {
                showSaleErrors(sold.error());
                updateButtons();
                return;
            }
            showSold(std::move(sold.value()));
        },
        [this](const wxString& error) {
            m_busy = false;
            m_paymentError->SetLabel(error);
            say(wxString());
            updateButtons();
        });
}

wxString SalesPanel::lineErrorText(std::size_t line, const std::string& field, const wxString& text) const {
    const wxString label = fromUtf8(m_cart.lines()[line].label);
    wxString question;
    if (field.rfind("answers.", 0) == 0) {
        for (const auto& q : m_catalogue.questions) {
            if ("answers." + std::to_string(q.id) == field) {
                question = localized(q.question);
            }
        }
    }
    // Said of the ticket as the cart numbers it; an add-on by its name under its ticket's number.
    const std::size_t ticket = m_cart.ticketNumber(line);
    if (m_cart.isAddon(line)) {
        return question.empty() ? wxString::Format(_("Ticket %zu, add-on %s: %s"), ticket, label, text)
                                : wxString::Format(_("Ticket %zu, add-on %s, %s: %s"), ticket, label, question, text);
    }
    return wxString::Format(_("Ticket %zu, %s: %s"), ticket, question.empty() ? label : question, text);
}

void SalesPanel::showSaleErrors(const model::Error& error) {
    m_lineErrors.clear();
    std::vector<wxString> cartProblems;
    std::vector<wxString> paymentProblems;
    std::optional<std::size_t> firstLine;
    for (const auto& [field, messages] : error.fields) {
        std::vector<wxString> texts;
        for (const auto& m : messages) {
            texts.push_back(serviceMessage(m));
        }
        const wxString text = joined(texts);
        if (field == "payment" || field == "cash_given") {
            paymentProblems.push_back(text);
            continue;
        }
        const auto at = positionField(field);
        if (!at || at->index >= m_cart.size()) {
            cartProblems.push_back(text);
            continue;
        }
        m_lineErrors[at->index][at->field] = text;
        firstLine = firstLine ? std::min(*firstLine, at->index) : at->index;
        cartProblems.push_back(lineErrorText(at->index, at->field, text));
    }
    if (error.fields.empty()) {
        const wxString general =
            error.code == model::ErrorCode::Conflict ? _("The shift is no longer open. Start a shift, then pay again.")
            : error.code == model::ErrorCode::Busy   ? _("The database was busy; nothing was sold. Press Pay again.")
                                                     : serviceMessage(error.message);
        paymentProblems.push_back(general);
    }
    if (paymentProblems.empty()) {
        paymentProblems.push_back(_("Nothing was sold: correct what is marked and press Pay again."));
    }
    say(wxString());
    m_cartError->SetLabel(joined(cartProblems));
    m_paymentError->SetLabel(joined(paymentProblems));
    if (firstLine) {
        showCart(firstLine);
        m_cartList->SetFocus();
    } else {
        showCart(selectedCartLine());
        if (!paymentProblems.empty()) {
            m_given->IsEnabled() ? m_given->SetFocus() : m_pay->SetFocus();
        }
    }
    if (error.code == model::ErrorCode::Conflict) {
        reload();  // the shift may have been ended at another desk
    }
}

void SalesPanel::showSold(sales::Sale&& sale) {
    m_lastOrderCode = sale.order.code;
    m_lastPositions.clear();
    for (const auto& position : sale.order.positions) {
        m_lastPositions.push_back(position.id);
    }
    // Add-ons are bought with a ticket: the buyer counts tickets.
    const auto tickets = static_cast<unsigned>(std::count_if(sale.order.positions.begin(), sale.order.positions.end(),
                                                             [](const auto& p) { return !p.addonTo; }));
    const wxString paid = wxString::Format(wxPLURAL("Order %s: %u ticket, %s paid.", "Order %s: %u tickets, %s paid.", tickets),
                                           fromUtf8(sale.order.code), tickets, amountText(sale.total));
    m_lastSale->SetLabel(paymentMethod() == sales::PaymentMethod::Cash
                             ? paid + wxS(" ") + wxString::Format(_("Change: %s"), amountText(sale.change))
                             : paid);
    m_cart.clear();
    m_lineErrors.clear();
    m_cartError->SetLabel(wxString());
    m_paymentError->SetLabel(wxString());
    m_given->ChangeValue(wxString());
    showCart(std::nullopt);
    say(wxString());
    updateButtons();
    if (!m_printOnPay->GetValue()) {
        (m_print->IsEnabled() ? m_print : m_savePdf)->SetFocus();
        return;
    }
    // Printed at once, the next thing to do is the next sale. The sale is made whatever the
    // printer does: a failure is said, never undone.
    const bool printer = m_print->IsEnabled();
    focusStart();
    if (printer) {
        printTickets(true);
    } else {
        say(_("The tickets were not printed: no printer is chosen. Save them as PDF instead."));
    }
}

void SalesPanel::loadPrinters() {
    m_printerTask.cancel();
    struct Loaded {
        model::Result<std::vector<printing::Printer>> printers;
        std::string chosen;
        bool printOnPay = false;
    };
    m_printerTask = session().run<Loaded>(
        this,
        [](desk::TaskContext& context) {
            // The Print tab's printer is the desk's printer.
            return Loaded{printing::listPrinters(),
                          desk::preference(context.store, "print.printer").value_or(std::string()),
                          desk::preference(context.store, kPrintOnPayKey) == std::optional<std::string>("1")};
        },
        [this](Loaded&& loaded) {
            m_printer->Clear();
            m_printers.clear();
            if (loaded.printers) {
                m_printers = std::move(loaded.printers.value());
            }
            m_printOnPay->SetValue(loaded.printOnPay);
            for (const auto& p : m_printers) {
                const int at = m_printer->Append(fromUtf8(p.name));
                if (p.name == loaded.chosen) {
                    m_printer->SetSelection(at);
                }
            }
            if (m_printer->GetSelection() == wxNOT_FOUND && !m_printers.empty()) {
                m_printer->SetSelection(0);  // the default printer comes first
            }
            m_printer->Enable(!m_printers.empty());
            updateButtons();
        },
        [this](const wxString&) { updateButtons(); });  // without printers, Save PDF is what is left
}

void SalesPanel::rememberPrintOnPay() {
    session().run<bool>(
        this,
        [on = m_printOnPay->GetValue()](desk::TaskContext& context) {
            desk::setPreference(context.store, kPrintOnPayKey, on ? "1" : "0");
            return true;
        },
        [](bool&&) {}, [](const wxString&) {});  // not remembered is no reason to interrupt a sale
}

void SalesPanel::printTickets(bool afterPay) {
    const int at = m_printer->GetSelection();
    if (m_busy || m_lastPositions.empty() || at == wxNOT_FOUND || static_cast<std::size_t>(at) >= m_printers.size()) {
        return;
    }
    printing::PrintOptions options;
    options.printer = m_printers[static_cast<std::size_t>(at)].name;
    // The job's name in the printer's queue.
    options.title = utf8(wxString::Format(_("Box Office order %s"), fromUtf8(m_lastOrderCode)));
    m_busy = true;
    updateButtons();
    say(afterPay ? wxString::Format(_("Paid. Printing the tickets of order %s on %s..."), fromUtf8(m_lastOrderCode),
                                    fromUtf8(options.printer))
                 : wxString::Format(_("Printing on %s..."), fromUtf8(options.printer)));
    m_work = session().run<model::Result<printing::PrintOutcome>>(
        this,
        [event = m_catalogue.eventId, ids = m_lastPositions, options](desk::TaskContext& context)
            -> model::Result<printing::PrintOutcome> {
            auto batch = printing::loadBatch(context.store, event, ids, printing::PrintedDocument::Ticket);
            if (!batch) {
                return batch.error();
            }
            return printing::printBatch(context.store, batch.value(), options, {}, context.stop);
        },
        [this, code = m_lastOrderCode, afterPay](model::Result<printing::PrintOutcome>&& printed) {
            showPrinted(std::move(printed), code, afterPay);
        },
        [this, afterPay](const wxString& error) {
            m_busy = false;
            say(afterPay ? wxString::Format(_("The sale is made, but the tickets were not printed: %s"), error) : error);
            updateButtons();
        });
}

void SalesPanel::showPrinted(model::Result<printing::PrintOutcome>&& printed, const std::string& code, bool afterPay) {
    m_busy = false;
    updateButtons();
    if (!printed) {
        const wxString why = serviceMessage(printed.error().message);
        say(afterPay ? wxString::Format(_("The sale is made, but the tickets were not printed: %s"), why) : why);
        return;
    }
    say(wxString::Format(_("Printed the tickets of order %s on %s."), fromUtf8(code), fromUtf8(printed->run.printer)));
}

void SalesPanel::saveTickets() {
    if (m_busy || m_lastPositions.empty() || !askPdfPath) {
        return;
    }
    const wxString file = askPdfPath(fromUtf8(m_lastOrderCode) + wxS(".pdf"));
    if (file.empty()) {
        return;
    }
    m_busy = true;
    updateButtons();
    say(wxString::Format(_("Saving %s..."), file));
    m_work = session().run<model::Result<render::RenderSummary>>(
        this,
        [event = m_catalogue.eventId, ids = m_lastPositions, path = pathOf(file)](desk::TaskContext& context)
            -> model::Result<render::RenderSummary> {
            auto batch = printing::loadBatch(context.store, event, ids, printing::PrintedDocument::Ticket);
            if (!batch) {
                return batch.error();
            }
            return printing::saveBatch(batch.value(), path, {}, context.stop);
        },
        [this, file, code = m_lastOrderCode](model::Result<render::RenderSummary>&& saved) {
            m_busy = false;
            updateButtons();
            if (!saved) {
                say(serviceMessage(saved.error().message));
                return;
            }
            say(wxString::Format(_("Saved the tickets of order %s to %s."), fromUtf8(code), file));
        },
        [this](const wxString& error) {
            m_busy = false;
            say(error);
            updateButtons();
        });
}

void SalesPanel::cancelOrder() {
    if (m_busy || !m_catalogue.shift || !askCancel) {
        return;
    }
    const auto answer = askCancel();
    if (!answer) {
        return;
    }
    sales::CancelRequest request;
    request.eventId = m_catalogue.eventId;
    request.shiftId = m_catalogue.shift->id;
    request.orderCode = answer->orderCode;
    request.reason = answer->reason;
    request.refundMethod = answer->refund;
    m_busy = true;
    updateButtons();
    m_work = session().run<model::Result<model::Order>>(
        this, [request](desk::TaskContext& context) { return sales::cancelOrder(context.store, request); },
        [this, refund = answer->refund](model::Result<model::Order>&& canceled) {
            m_busy = false;
            updateButtons();
            if (!canceled) {
                const auto& e = canceled.error();
                const wxString why = e.code == model::ErrorCode::NotFound ? _("There is no order with this code.")
                                     : e.fields.count("reason") > 0       ? _("Give a reason for the cancellation.")
                                                                          : serviceMessage(e.message);
                say(wxString::Format(_("The order was not canceled: %s"), why));
                showError(wxString::Format(_("The order was not canceled: %s"), why), this);
                return;
            }
            say(refund ? wxString::Format(_("Order %s was canceled; %s paid back."), fromUtf8(canceled->code),
                                          amountText(canceled->total))
                       : wxString::Format(_("Order %s was canceled."), fromUtf8(canceled->code)));
        },
        [this](const wxString& error) {
            m_busy = false;
            say(error);
            updateButtons();
        });
}

void SalesPanel::saveShiftReport() {
    if (m_busy || !m_catalogue.shift || !askReportPath) {
        return;
    }
    const auto& shift = *m_catalogue.shift;
    const wxString file = askReportPath(wxString::Format(wxS("shift-%s.pdf"), fromUtf8(shift.operatorName)));
    if (file.empty()) {
        return;
    }
    say(wxString::Format(_("Saving %s..."), file));
    m_work = session().run<model::Result<bool>>(
        this,
        [id = shift.id, path = pathOf(file), text = reportText()](desk::TaskContext& context) {
            return writeShiftReport(context.store, id, path, text);
        },
        [this, file](model::Result<bool>&& saved) { showReportSaved(std::move(saved), file); },
        [this](const wxString& error) { say(error); });
}

void SalesPanel::showReportSaved(model::Result<bool>&& saved, const wxString& file) {
    say(saved ? wxString::Format(_("Shift report saved to %s."), file)
              : wxString::Format(_("The shift report was not saved: %s"), serviceMessage(saved.error().message)));
}

} // namespace boxoffice::gui
