// boxoffice-cli event create: an event run without a pretix server, set up through the same use
// cases as the desk's File > New event and Event tab (sales/EventSetup.h, checkin::saveList): the
// organizer and event, its products with their prices, a quota of the capacity over them and an
// entrance check-in list. Everything is checked before the first write, so a mistake in the
// options leaves nothing behind.
#include <fmt/core.h>

#include <algorithm>

#include "Command.h"
#include "boxoffice/checkin/ListEditing.h"
#include "boxoffice/model/Time.h"
#include "boxoffice/sales/EventSetup.h"

namespace boxoffice::cli {
namespace {

struct EventOptions {
    std::string organizer;
    std::string organizerName;
    std::string event;
    std::string name;
    std::string start;
    std::string end;
    std::string admission;
    std::string timezone = "UTC";
    std::string currency = "EUR";
    std::string location;
    std::vector<std::string> products;
    std::string taxRate = "0";
    long long capacity = -1;
    std::string list = "Entrance";
    bool deskCheckin = false;
};

struct Product {
    std::string name;
    model::Money price;
};

// "Regular=15.00" (a comma for the decimals works too).
Product parseProduct(const std::string& text) {
    const auto eq = text.rfind('=');
    if (eq == std::string::npos || eq == 0) {
        throw UserError(fmt::format("--product \"{}\": write it as NAME=PRICE, e.g. \"Regular=15.00\".", text));
    }
    std::string price = text.substr(eq + 1);
    std::replace(price.begin(), price.end(), ',', '.');
    const auto money = model::Money::parse(price);
    if (!money) {
        throw UserError(fmt::format("--product \"{}\": \"{}\" is not a price such as 15.00.", text, price));
    }
    return Product{text.substr(0, eq), *money};
}

std::optional<model::Timestamp> parseTime(const std::string& text, const char* option, bool required) {
    if (text.empty()) {
        if (required) {
            throw UserError(fmt::format("{} is required.", option));
        }
        return std::nullopt;
    }
    auto t = model::parseTimestamp(text);
    if (!t) {
        throw UserError(fmt::format("{} \"{}\": give a time with its offset, e.g. 2027-04-17T19:30:00+02:00.", option,
                                    text));
    }
    return t;
}

// The use case's field errors, one per line after its message.
[[noreturn]] void refused(const char* what, const model::Error& error) {
    std::string message = fmt::format("The {} was not saved: {}", what, error.message);
    for (const auto& [field, messages] : error.fields) {
        for (const auto& m : messages) {
            message += fmt::format("\n  {}: {}", field, m);
        }
    }
    throw UserError(message);
}

int create(Context& ctx, const EventOptions& o) {
    // Every option first: a typing mistake must not leave half an event behind.
    std::vector<Product> products;
    for (const auto& p : o.products) {
        products.push_back(parseProduct(p));
    }
    if (products.empty()) {
        throw UserError("Give at least one --product NAME=PRICE: an event needs something to sell.");
    }
    const auto tax = model::TaxRate::parse(o.taxRate);
    if (!tax) {
        throw UserError(fmt::format("--tax-rate \"{}\" is not a percentage such as 19 or 7.00.", o.taxRate));
    }
    model::Event event;
    event.slug = o.event;
    event.name = model::I18nString::plain(o.name);
    event.dateFrom = parseTime(o.start, "--start", true);
    event.dateTo = parseTime(o.end, "--end", false);
    event.dateAdmission = parseTime(o.admission, "--admission", false);
    event.timezone = o.timezone;
    event.currency = o.currency;
    if (!o.location.empty()) {
        event.location = model::I18nString::plain(o.location);
    }
    event.salesChannels = {"web", sales::kDeskSalesChannel};

    auto& store = ctx.store();
    auto saved = sales::saveEvent(store, {o.organizer, o.organizerName.empty() ? o.organizer : o.organizerName}, event);
    if (!saved) {
        refused("event", saved.error());
    }
    std::vector<model::Item> items;
    for (const auto& p : products) {
        model::Item item;
        item.eventId = saved->id;
        item.name = model::I18nString::plain(p.name);
        item.defaultPrice = p.price;
        item.taxRate = *tax;
        item.salesChannels = {"web", sales::kDeskSalesChannel};
        auto made = sales::saveItem(store, item);
        if (!made) {
            refused("product", made.error());
        }
        items.push_back(std::move(made.value()));
    }
    std::optional<model::Quota> quota;
    if (o.capacity >= 0) {
        model::Quota q;
        q.eventId = saved->id;
        q.name = o.name;
        q.size = o.capacity;
        for (const auto& item : items) {
            q.items.push_back(item.id);
        }
        auto made = sales::saveQuota(store, q);
        if (!made) {
            refused("quota", made.error());
        }
        quota = std::move(made.value());
    }
    model::CheckinList list;
    list.eventId = saved->id;
    list.name = o.list;
    if (o.deskCheckin) {
        list.autoCheckinSalesChannels = {sales::kDeskSalesChannel};
    }
    auto entrance = checkin::saveList(store, list);
    if (!entrance) {
        refused("check-in list", entrance.error());
    }

    fmt::print("Created event {}/{} (ID {}) \"{}\".\n", saved->organizerSlug, saved->slug, saved->id, o.name);
    for (const auto& item : items) {
        fmt::print("  product {} \"{}\" at {} {}\n", item.id, item.name.text("en"), item.defaultPrice.toString(),
                   saved->currency);
    }
    if (quota) {
        fmt::print("  quota {} \"{}\": {} places over every product\n", quota->id, quota->name, o.capacity);
    } else {
        fmt::print("  no quota: unlimited places\n");
    }
    fmt::print("  check-in list {} \"{}\"{}\n", entrance->id, entrance->name,
               o.deskCheckin ? ", admitting desk buyers at once" : "");
    return kExitOk;
}

const CommandRegistration kRegistration{Command{
    [](CLI::App& app) -> std::function<int(Context&)> {
        auto o = std::make_shared<EventOptions>();
        auto* event = app.add_subcommand("event", "Set up an event run without a pretix server");
        event->require_subcommand(1);
        auto* c = event->add_subcommand(
            "create", "Create an event with its products, a quota of its capacity and an entrance list");
        c->add_option("--organizer", o->organizer, "Organizer slug (created if new)")->required();
        c->add_option("--organizer-name", o->organizerName, "The organizer's name (default: the slug)");
        c->add_option("--event", o->event, "Event slug, e.g. spring-concert")->required();
        c->add_option("--name", o->name, "The event's name, e.g. \"Spring Concert\"")->required();
        c->add_option("--start", o->start, "When it begins, with its offset: 2027-04-17T19:30:00+02:00")->required();
        c->add_option("--end", o->end, "When it ends (same form)");
        c->add_option("--admission", o->admission, "When the doors open (same form)");
        c->add_option("--timezone", o->timezone, "The event's time zone, e.g. Europe/Berlin")->capture_default_str();
        c->add_option("--currency", o->currency, "Three capital letters, e.g. EUR")->capture_default_str();
        c->add_option("--location", o->location, "Where it takes place");
        c->add_option("--product", o->products, "A product and its price, NAME=PRICE (repeatable): \"Regular=15.00\"")
            ->required();
        c->add_option("--tax-rate", o->taxRate, "The products' tax rate in percent")->capture_default_str();
        c->add_option("--capacity", o->capacity, "Places across all products (omit: unlimited)");
        c->add_option("--list", o->list, "The entrance check-in list's name")->capture_default_str();
        c->add_flag("--desk-checkin", o->deskCheckin, "Admit desk buyers on the list at once");
        return [o, c](Context& ctx) { return c->parsed() ? create(ctx, *o) : kExitUsage; };
    },
    45}};

}  // namespace
}  // namespace boxoffice::cli
