// boxoffice-cli sell and shift: the desk's Sales tab without a window. `sell` makes a paid order
// through sales::sell in the operator's open shift (started when there is none); `shift end`
// closes it and `shift report` writes its report as CSV or PDF, like the desk.
#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <fstream>

#include "Command.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/printing/ShiftReportPdf.h"
#include "boxoffice/sales/Sale.h"
#include "boxoffice/sales/Shifts.h"

namespace boxoffice::cli {
namespace {

struct SellOptions {
    std::string organizer;
    std::string event;
    std::string operatorName;
    std::vector<std::string> tickets;
    std::string payment = "cash";
    std::string given;
    std::string email;
    long long shiftId = 0;
    std::string output;
};

model::Event findEvent(model::Store& store, const std::string& organizer, const std::string& slug) {
    auto event = model::EventRepository(store).eventBySlug(organizer, slug);
    if (!event) {
        throw UserError(fmt::format("There is no event {}/{} in this database.", organizer, slug));
    }
    return *event;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// "Regular", "Regular=Clara Schumann", "Concert:Reduced=Ada" or by IDs "12:5=Ada": the product
// (and variation) by ID or by name, as `event create` printed them.
sales::SalePosition parseTicket(model::Store& store, model::Id eventId, const std::string& spec) {
    sales::SalePosition position;
    std::string what = spec;
    if (const auto eq = spec.find('='); eq != std::string::npos) {
        what = spec.substr(0, eq);
        position.attendeeName = spec.substr(eq + 1);
    }
    std::string variation;
    if (const auto colon = what.find(':'); colon != std::string::npos) {
        variation = what.substr(colon + 1);
        what = what.substr(0, colon);
    }
    model::EventRepository events(store);
    for (const auto& item : events.items(eventId)) {
        if (std::to_string(item.id) != what && lower(item.name.text("en")) != lower(what)) {
            continue;
        }
        position.itemId = item.id;
        if (variation.empty()) {
            return position;
        }
        for (const auto& v : item.variations) {
            if (std::to_string(v.id) == variation || lower(v.value.text("en")) == lower(variation)) {
                position.variationId = v.id;
                return position;
            }
        }
        throw UserError(fmt::format("--ticket \"{}\": the product has no variation \"{}\".", spec, variation));
    }
    throw UserError(fmt::format("--ticket \"{}\": the event has no product \"{}\".", spec, what));
}

// The operator's open shift at the event, started when there is none.
sales::Shift openShift(model::Store& store, model::Id eventId, const std::string& operatorName) {
    for (const auto& shift : sales::shifts(store, eventId)) {
        if (!shift.endedAt && shift.operatorName == operatorName) {
            return shift;
        }
    }
    auto started = sales::startShift(store, eventId, operatorName);
    if (!started) {
        throw UserError(started.error().message);
    }
    fmt::print("Started the shift of {} (shift {}).\n", operatorName, started->id);
    return started.value();
}

[[noreturn]] void refused(const char* what, const model::Error& error) {
    std::string message = fmt::format("{}: {}", what, error.message);
    for (const auto& [field, messages] : error.fields) {
        for (const auto& m : messages) {
            message += fmt::format("\n  {}: {}", field, m);
        }
    }
    throw UserError(message);
}

int sell(Context& ctx, const SellOptions& o) {
    auto& store = ctx.store();
    const auto event = findEvent(store, o.organizer, o.event);
    sales::SaleRequest request;
    request.eventId = event.id;
    for (const auto& spec : o.tickets) {
        request.positions.push_back(parseTicket(store, event.id, spec));
    }
    const auto method = sales::paymentMethodFromString(o.payment);
    if (!method) {
        throw UserError(fmt::format("--payment \"{}\": cash, card or free.", o.payment));
    }
    request.payment = *method;
    if (!o.given.empty()) {
        std::string given = o.given;
        std::replace(given.begin(), given.end(), ',', '.');
        request.cashGiven = model::Money::parse(given);
        if (!request.cashGiven) {
            throw UserError(fmt::format("--given \"{}\" is not an amount such as 20.00.", o.given));
        }
    }
    request.email = o.email;
    request.locale = event.locale;
    request.shiftId = openShift(store, event.id, o.operatorName).id;
    auto sold = sales::sell(store, request);
    if (!sold) {
        refused("Nothing was sold", sold.error());
    }
    fmt::print("Sold order {}: {} {} paid by {}", sold->order.code, sold->total.toString(), event.currency,
               sales::toString(request.payment));
    if (request.payment == sales::PaymentMethod::Cash) {
        fmt::print(", change {} {}", sold->change.toString(), event.currency);
    }
    fmt::print(".\n");
    for (const auto& p : sold->order.positions) {
        fmt::print("  position {}{}\n", p.id, p.attendeeName ? " " + *p.attendeeName : std::string());
    }
    if (!sold->autoCheckins.empty()) {
        fmt::print("  admitted at once: {} check-in(s)\n", sold->autoCheckins.size());
    }
    fmt::print("Print them with: boxoffice-cli print --organizer {} --event {} --order {}\n", o.organizer, o.event,
               sold->order.code);
    return kExitOk;
}

// The shift asked for (--shift), else the operator's newest.
sales::Shift chosenShift(model::Store& store, model::Id eventId, const SellOptions& o) {
    if (o.shiftId) {
        auto shift = sales::shiftById(store, o.shiftId);
        if (!shift || shift->eventId != eventId) {
            throw UserError(fmt::format("The event has no shift {}.", o.shiftId));
        }
        return *shift;
    }
    for (const auto& shift : sales::shifts(store, eventId)) {
        if (shift.operatorName == o.operatorName) {
            return shift;
        }
    }
    throw UserError(o.operatorName.empty() ? "Give --shift ID or --operator NAME."
                                           : fmt::format("{} has no shift at this event.", o.operatorName));
}

int endShift(Context& ctx, const SellOptions& o) {
    auto& store = ctx.store();
    const auto event = findEvent(store, o.organizer, o.event);
    const auto shift = chosenShift(store, event.id, o);
    auto ended = sales::endShift(store, shift.id);
    if (!ended) {
        refused("The shift was not ended", ended.error());
    }
    fmt::print("Ended shift {} of {}.\n", shift.id, shift.operatorName);
    return kExitOk;
}

int report(Context& ctx, const SellOptions& o) {
    auto& store = ctx.store();
    const auto event = findEvent(store, o.organizer, o.event);
    const auto shift = chosenShift(store, event.id, o);
    auto made = sales::shiftReport(store, shift.id);
    if (!made) {
        refused("No report", made.error());
    }
    const std::filesystem::path file(o.output);
    if (lower(file.extension().string()) == ".csv") {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << sales::shiftReportCsv(made.value());
        if (!out.flush()) {
            throw UserError(fmt::format("Cannot write {}.", o.output));
        }
    } else if (auto written = printing::writeShiftReportPdf(made.value(), event, file); !written) {
        throw UserError(written.error().message);
    }
    fmt::print("Wrote the report of shift {} ({}) to {}.\n", shift.id, shift.operatorName, o.output);
    return kExitOk;
}

void eventOptions(CLI::App* c, SellOptions& o) {
    c->add_option("--organizer", o.organizer, "Organizer slug")->required();
    c->add_option("--event", o.event, "Event slug")->required();
}

const CommandRegistration kSell{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto o = std::make_shared<SellOptions>();
        auto* c = app.add_subcommand("sell", "Sell tickets at the desk: a paid order in the operator's shift");
        eventOptions(c, *o);
        c->add_option("--operator", o->operatorName, "Who sells (their shift is started if none is open)")->required();
        c->add_option("--ticket", o->tickets,
                      "A ticket (repeatable): PRODUCT[:VARIATION][=ATTENDEE], by name or ID, e.g. \"Regular=Ada\"")
            ->required();
        c->add_option("--payment", o->payment, "cash, card or free")->capture_default_str();
        c->add_option("--given", o->given, "Cash handed over, e.g. 50.00 (cash only; default: the total)");
        c->add_option("--email", o->email, "The buyer's e-mail address");
        return [o](Context& ctx) { return sell(ctx, *o); };
    },
    46}};

const CommandRegistration kShift{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto o = std::make_shared<SellOptions>();
        auto* shift = app.add_subcommand("shift", "End a desk shift or write its report");
        shift->require_subcommand(1);
        auto* end = shift->add_subcommand("end", "End the operator's open shift");
        eventOptions(end, *o);
        end->add_option("--operator", o->operatorName, "Whose shift")->required();
        auto* rep = shift->add_subcommand("report", "Write a shift's report: takings per method, refunds, tickets");
        eventOptions(rep, *o);
        rep->add_option("--shift", o->shiftId, "The shift's ID");
        rep->add_option("--operator", o->operatorName, "Or the operator's newest shift");
        rep->add_option("--output", o->output, "The file: .csv for CSV, else PDF")->required();
        return [o, end, rep](Context& ctx) {
            if (end->parsed()) {
                return endShift(ctx, *o);
            }
            return rep->parsed() ? report(ctx, *o) : kExitUsage;
        };
    },
    47}};

}  // namespace
}  // namespace boxoffice::cli
