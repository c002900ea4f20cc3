// Pre-flight against the tickets of a real store: each kind of problem is found with the ticket
// that shows it worst, a layout without problems passes, and a stop request ends it. A document's
// own values (PreflightData, what the certificates plugin supplies) complete each ticket, leave
// tickets out, and end the run with their error.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <optional>
#include <string>

#include "TestSupport.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/render/Preflight.h"

using namespace boxoffice;
using model::Id;

namespace {

// An event "Spring Concert" with five tickets: two long names, one short, two without a name
// (one of them canceled, which pre-flight leaves out).
Id seedEvent(model::Store& store) {
    model::Store::Transaction tx(store);
    model::EventRepository events(store);
    model::Event e;
    e.organizerId = events.upsertOrganizer("choir", "Town Choir");
    e.slug = "spring";
    e.name = model::I18nString::plain("Spring Concert");
    e.dateFrom = model::parseTimestamp("2027-04-17T17:30:00Z");
    events.upsertEvent(e);
    model::Item item;
    item.id = 11;
    item.eventId = e.id;
    item.name = model::I18nString::plain("Regular");
    events.upsertItem(item);
    const std::vector<std::optional<std::string>> names{
        "Maria Magdalena Theresia von Hohenzollern-Sigmaringen", "Ada Lovelace", std::nullopt,
        "Bartholomäus Wilhelm Friedrich Maximilian Oberhuber", std::nullopt};
    model::OrderRepository orders(store);
    for (std::size_t i = 0; i < names.size(); ++i) {
        model::Order o;
        o.eventId = e.id;
        o.code = "ORD" + std::to_string(i);
        o.status = model::OrderStatus::Paid;
        o.secret = "s" + o.code;
        o.datetime = *model::parseTimestamp("2027-03-01T10:00:00Z");
        model::OrderPosition p;
        p.id = static_cast<Id>(101 + i);
        p.positionid = 1;
        p.itemId = item.id;
        p.secret = "secret" + std::string(26, static_cast<char>('a' + i));
        p.attendeeName = names[i];
        p.canceled = i == 4;
        o.positions = {p};
        orders.upsert(o);
    }
    tx.commit();
    return e.id;
}

layout::Length mm(double v) { return layout::Length::mm(v); }

layout::TextContainer textBox(double left, double bottom, double width, double height, double fontSize,
                              const std::string& content, bool autoResize) {
    layout::TextContainer t;
    t.base.left = mm(left);
    t.base.bottom = mm(bottom);
    t.width = mm(width);
    t.height = mm(height);
    t.style.fontSize = fontSize;
    t.content.content = content;
    t.autoResize = autoResize;
    return t;
}

layout::BarcodeArea qr(double left, double bottom, double size) {
    layout::BarcodeArea b;
    b.base.left = mm(left);
    b.base.bottom = mm(bottom);
    b.size = mm(size);
    b.content = layout::Content{"secret", {}, {}};
    return b;
}

const render::PreflightProblem* find(const render::PreflightReport& report, render::PreflightKind kind,
                                     std::size_t element) {
    for (const auto& p : report.problems) {
        if (p.kind == kind && p.element == element) {
            return &p;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("pre-flight finds each kind of problem with the ticket that shows it worst", "[render][preflight]") {
    test::TempDir dir;
    model::Store store(dir / "s.sqlite");
    const Id eventId = seedEvent(store);
    // 0: names in a small auto-resizing box; 1: the event name in a box too narrow, no resize;
    // 2: the name again, empty for one ticket; 3: a small QR code; 4: an image off the page;
    // 5: a text box over the big QR code 6.
    layout::Layout layout;
    layout.elements.push_back(textBox(10, 250, 25, 6, 12, "attendee_name", true));
    auto narrow = textBox(10, 230, 12, 5, 12, "event_name", false);
    narrow.splitLongWords = false;
    layout.elements.push_back(narrow);
    layout::TextArea area;
    area.base.left = mm(10);
    area.base.bottom = mm(200);
    area.width = mm(150);
    area.style.fontSize = 10;
    area.content.content = "attendee_name";
    layout.elements.push_back(area);
    layout.elements.push_back(qr(10, 150, 8));
    layout::ImageArea image;
    image.base.left = mm(200);
    image.base.bottom = mm(100);
    image.width = mm(30);
    image.height = mm(20);
    layout.elements.push_back(image);
    layout.elements.push_back(textBox(110, 60, 40, 10, 10, "event_name", false));
    layout.elements.push_back(qr(100, 20, 50));
    render::PreflightOptions options;
    options.printerDpi = 203;  // a label printer
    std::vector<std::size_t> progress;
    render::PreflightRun run;
    run.progress = [&](std::size_t done, std::size_t) { progress.push_back(done); };
    auto report = render::preflight(store, eventId, layout, options, run);
    REQUIRE(report);
    CHECK(report->checked == 4);  // the canceled ticket is left out
    CHECK_FALSE(report->canceled);
    CHECK_FALSE(progress.empty());

    const auto* small = find(report.value(), render::PreflightKind::TextTooSmall, 0);
    REQUIRE(small);
    CHECK(small->tickets == 2);  // the two long names; "Ada Lovelace" fits
    CHECK(small->positionId == Id{101});  // the longest name shrinks most
    CHECK(small->value < 6.0);
    CHECK(small->text.find("Hohenzollern") != std::string::npos);

    const auto* overflow = find(report.value(), render::PreflightKind::TextOverflows, 1);
    REQUIRE(overflow);
    CHECK(overflow->tickets == 4);
    CHECK(overflow->value > 0.0);

    const auto* empty = find(report.value(), render::PreflightKind::EmptyText, 2);
    REQUIRE(empty);
    CHECK(empty->tickets == 1);
    CHECK(empty->positionId == Id{103});

    const auto* fine = find(report.value(), render::PreflightKind::QrTooFine, 3);
    REQUIRE(fine);
    CHECK(fine->tickets == 4);
    CHECK(fine->value < 2.0);
    CHECK_FALSE(find(report.value(), render::PreflightKind::QrTooFine, 6));  // 50 mm prints fine

    const auto* off = find(report.value(), render::PreflightKind::OffPage, 4);
    REQUIRE(off);
    CHECK_FALSE(off->positionId);  // the layout's own
    CHECK(off->value == Approx(20.0 * 72.0 / 25.4).margin(0.01));

    const auto* quiet = find(report.value(), render::PreflightKind::OverQuietZone, 5);
    REQUIRE(quiet);
    CHECK(quiet->other == std::size_t{6});
    // The name box and the event name box are nowhere near a code.
    CHECK_FALSE(find(report.value(), render::PreflightKind::OverQuietZone, 0));
}

TEST_CASE("pre-flight passes a layout every ticket prints well, and stops when asked", "[render][preflight]") {
    test::TempDir dir;
    model::Store store(dir / "s.sqlite");
    const Id eventId = seedEvent(store);
    layout::Layout layout;
    layout.elements.push_back(textBox(10, 250, 150, 20, 12, "event_name", true));
    auto admit = textBox(10, 220, 150, 20, 10, "other", true);
    admit.content.text = "Admit one";
    layout.elements.push_back(admit);
    layout.elements.push_back(qr(10, 100, 40));
    auto clean = render::preflight(store, eventId, layout, {});
    REQUIRE(clean);
    CHECK(clean->checked == 4);
    CHECK(clean->problems.empty());

    std::stop_source stop;
    stop.request_stop();
    render::PreflightRun run;
    run.stop = stop.get_token();
    auto stopped = render::preflight(store, eventId, layout, {}, run);
    REQUIRE(stopped);
    CHECK(stopped->canceled);
    CHECK(stopped->checked == 0);

    CHECK_FALSE(render::preflight(store, 424242, layout, {}));
}

namespace {

// A document whose own variable "door_gift" has a value for some tickets, and that prints only
// for the tickets it has one for unless `everyone`.
class Gifts final : public render::PreflightData {
public:
    explicit Gifts(bool everyone, bool failing = false) : m_everyone(everyone), m_failing(failing) {}
    int prepared = 0;
    bool inTransaction = false;
    std::vector<Id> completed;

    model::Result<bool> prepare(model::Store& store, Id) override {
        ++prepared;
        inTransaction = sqlite3_get_autocommit(store.db().getHandle()) == 0;
        if (m_failing) {
            return model::Error::badInput("No gifts today.");
        }
        return true;
    }
    bool complete(layout::TicketData& ticket) override {
        completed.push_back(ticket.position.id);
        CHECK(ticket.extra.empty());  // another ticket's values are gone
        if (ticket.position.id == 101 || ticket.position.id == 102) {
            ticket.extra["door_gift"] = "Poster " + std::to_string(ticket.position.id - 100);
            return true;
        }
        return m_everyone;
    }

private:
    bool m_everyone;
    bool m_failing;
};

}  // namespace

TEST_CASE("pre-flight checks a document's own values, for the tickets it prints", "[render][preflight]") {
    test::TempDir dir;
    model::Store store(dir / "s.sqlite");
    const Id eventId = seedEvent(store);
    layout::Layout layout;
    auto custom = textBox(10, 250, 150, 20, 12, "other", false);
    custom.content.text = "Your gift: {door_gift}";
    layout.elements.push_back(custom);
    layout.elements.push_back(textBox(10, 220, 150, 20, 12, "door_gift", false));

    // Only the tickets with a gift: each completed once, after one bulk read inside the read
    // transaction, and nothing empty.
    Gifts gifted(false);
    render::PreflightRun run;
    run.data = &gifted;
    auto report = render::preflight(store, eventId, layout, {}, run);
    REQUIRE(report);
    CHECK(gifted.prepared == 1);
    CHECK(gifted.inTransaction);
    CHECK(gifted.completed == std::vector<Id>{101, 102, 103, 104});
    CHECK(report->checked == 2);
    CHECK(report->problems.empty());

    // Every ticket: the two without a gift print nothing in the box of the gift alone.
    Gifts everyone(true);
    run.data = &everyone;
    auto all = render::preflight(store, eventId, layout, {}, run);
    REQUIRE(all);
    CHECK(all->checked == 4);
    REQUIRE(all->problems.size() == 1);
    CHECK(all->problems.front().kind == render::PreflightKind::EmptyText);
    CHECK(all->problems.front().element == 1);
    CHECK(all->problems.front().tickets == 2);

    // Without the document, its variable prints nothing on any ticket.
    auto ticketsOnly = render::preflight(store, eventId, layout, {});
    REQUIRE(ticketsOnly);
    REQUIRE(ticketsOnly->problems.size() == 1);
    CHECK(ticketsOnly->problems.front().tickets == 4);

    // Its error ends the run with that error.
    Gifts failing(true, true);
    run.data = &failing;
    auto failed = render::preflight(store, eventId, layout, {}, run);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message == "No gifts today.");
    CHECK(failing.completed.empty());
}
