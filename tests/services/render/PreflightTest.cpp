// Pre-flight against the tickets of a real store: each kind of problem is found with the ticket
// that shows it worst, a layout without problems passes, and a stop request ends it.
#include <catch2/catch.hpp>

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
