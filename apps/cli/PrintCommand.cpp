// boxoffice-cli print and printers: tickets or certificates of attendance on a printer of the
// system's print spooler, through the same code as the desk's Print tab (printing/PrintRun.h),
// logged in the print log; and the list of the spooler's printers.
#include <fmt/core.h>

#include "Command.h"

#if defined(BOXOFFICE_HAVE_PRINTING)

#include "boxoffice/model/EventRepository.h"
#include "boxoffice/printing/Printers.h"
#include "boxoffice/printing/PrintRun.h"

namespace boxoffice::cli {
namespace {

struct PrintOptions {
    std::string printer;
    std::string organizer;
    std::string event;
    std::vector<std::string> orders;
    std::vector<long long> positions;
    long long listId = 0;
    long long productId = 0;
    bool all = false;
    bool notYetPrinted = false;
    bool checkedIn = false;
    bool certificates = false;
    bool includeAbsent = false;
    int copies = 1;
};

int printCommand(Context& ctx, const PrintOptions& o) {
    using Scope = printing::Selection::Scope;
    printing::Selection selection;
    int scopes = 0;
    if (!o.orders.empty()) {
        selection.scope = Scope::Orders;
        selection.orders = o.orders;
        ++scopes;
    }
    if (!o.positions.empty()) {
        selection.scope = Scope::Positions;
        selection.positions.assign(o.positions.begin(), o.positions.end());
        ++scopes;
    }
    if (o.listId != 0) {
        selection.scope = Scope::List;
        selection.listId = o.listId;
        ++scopes;
    }
    if (o.productId != 0) {
        selection.scope = Scope::Product;
        selection.itemId = o.productId;
        ++scopes;
    }
    if (o.all) {
        selection.scope = Scope::Everyone;
        ++scopes;
    }
    if (scopes != 1) {
        throw UserError("Say what to print with exactly one of --order, --position, --list, --product or --all.");
    }
    selection.notYetPrinted = o.notYetPrinted;
    selection.checkedInOnly = o.checkedIn;
    auto& store = ctx.store();
    auto event = model::EventRepository(store).eventBySlug(o.organizer, o.event);
    if (!event) {
        throw UserError(fmt::format("Organizer \"{}\" has no event \"{}\".", o.organizer, o.event));
    }
    const auto document = o.certificates ? printing::PrintedDocument::Certificate : printing::PrintedDocument::Ticket;
    auto ids = printing::selectPositions(store, event->id, selection, document);
    if (!ids) {
        throw UserError(ids.error().message);
    }
    auto batch = printing::loadBatch(store, event->id, ids.value(), document, o.includeAbsent);
    if (!batch) {
        throw UserError(batch.error().message);
    }
    const char* noun = o.certificates ? "certificate" : "ticket";
    if (batch->jobs.empty()) {
        throw UserError(batch->notCheckedIn > 0
                            ? fmt::format("Nothing to print: none of the {} attendees was checked in.", batch->notCheckedIn)
                            : std::string("Nothing to print: no ticket matches."));
    }
    printing::PrintOptions options;
    options.printer = o.printer;
    options.copies = o.copies;
    auto printed = printing::printBatch(store, batch.value(), options);
    if (!printed) {
        throw UserError(printed.error().message);
    }
    const auto& run = printed->run;
    fmt::print("Printed {} {}{} ({} page{}, {} cop{}) on {} as job {}.{}\n", run.entries.size(), noun,
               run.entries.size() == 1 ? "" : "s", run.pages, run.pages == 1 ? "" : "s", run.copies,
               run.copies == 1 ? "y" : "ies", run.printer, run.jobs,
               batch->notCheckedIn ? fmt::format(" {} not checked in, left out.", batch->notCheckedIn) : std::string());
    for (const auto& problem : printed->problems) {
        fmt::print(stderr, "warning: {}\n", problem);
    }
    return kExitOk;
}

int printersCommand() {
    auto printers = printing::listPrinters();
    if (!printers) {
        throw UserError(printers.error().message);
    }
    if (printers->empty()) {
        fmt::print("The print system has no printers.\n");
        return kExitOk;
    }
    for (const auto& p : printers.value()) {
        fmt::print("{} {}  {}{}{}\n", p.isDefault ? '*' : ' ', p.name, p.state,
                   p.description != p.name ? "  " + p.description : std::string(),
                   p.accepting ? std::string() : std::string("  (not accepting jobs)"));
    }
    return kExitOk;
}

const CommandRegistration kPrint{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto opts = std::make_shared<PrintOptions>();
        auto* cmd = app.add_subcommand("print", "Print tickets or certificates on a printer of the system");
        cmd->add_option("--printer", opts->printer, "Printer (see `printers`); default: the system's default printer");
        cmd->add_option("--organizer", opts->organizer, "Organizer slug")->required();
        cmd->add_option("--event", opts->event, "Event slug")->required();
        cmd->add_option("--order", opts->orders, "Order code: its tickets (repeatable)");
        cmd->add_option("--position", opts->positions, "Order position ID (repeatable)");
        cmd->add_option("--list", opts->listId, "Check-in list ID: the tickets it admits");
        cmd->add_option("--product", opts->productId, "Product ID: its tickets");
        cmd->add_flag("--all", opts->all, "Every ticket of paid and pending orders");
        cmd->add_flag("--not-yet-printed", opts->notYetPrinted, "Leave out what the print log has");
        cmd->add_flag("--checked-in", opts->checkedIn, "Only tickets that were checked in");
        cmd->add_flag("--certificates", opts->certificates, "Certificates of attendance instead of tickets");
        cmd->add_flag("--include-absent", opts->includeAbsent, "Certificates also for attendees never checked in");
        cmd->add_option("--copies", opts->copies, "Copies of each page")->check(CLI::Range(1, 100));
        return [opts](Context& ctx) { return printCommand(ctx, *opts); };
    },
    72}};

const CommandRegistration kPrinters{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        app.add_subcommand("printers", "List the printers of the system (* marks the default)");
        return [](Context&) { return printersCommand(); };
    },
    73}};

}  // namespace
}  // namespace boxoffice::cli

#endif
