#include <catch2/catch.hpp>

#include "TestSupport.h"
#include "boxoffice/model/EventRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/Store.h"

using namespace boxoffice;
using test::run;

namespace {
std::string cli() { return (test::binaryDir() / "apps" / "boxoffice-cli").string(); }
}  // namespace

TEST_CASE("render writes an order's tickets of the demo event to one PDF", "[cli][render]") {
    test::TempDir dir;
    const auto db = (dir / "demo.sqlite").string();
    REQUIRE(run({cli(), "--db", db, "demo"}).exitCode == 0);

    // A paid order with a named attendee.
    model::Store store(db);
    const auto event = model::EventRepository(store).eventBySlug("demo", "boxcon");
    REQUIRE(event);
    model::OrderQuery q;
    q.status = model::OrderStatus::Paid;
    std::optional<model::Order> order;
    for (auto& o : model::OrderRepository(store).list(event->id, q)) {
        if (!o.positions.empty() && o.positions[0].attendeeName && !o.positions[0].attendeeName->empty()) {
            order = o;
            break;
        }
    }
    REQUIRE(order);

    const auto pdf = (dir / "tickets.pdf").string();
    auto r = run({cli(), "--db", db, "render", "--organizer", "demo", "--event", "boxcon", "--order", order->code,
                  "--out", pdf});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto text = run({"/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-"});
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains(order->code));
    CHECK_THAT(text.out, Catch::Contains(*order->positions[0].attendeeName));
    const auto info = run({"/usr/bin/pdfinfo", pdf});
    const auto pagesAt = info.out.find("Pages:");
    REQUIRE(pagesAt != std::string::npos);
    CHECK(std::stoul(info.out.substr(pagesAt + 6)) == order->positions.size());  // one page a ticket

    // Bad input is a message and exit 1, never a partial file.
    const auto none = (dir / "none.pdf").string();
    auto unknownOrder = run({cli(), "--db", db, "render", "--organizer", "demo", "--event", "boxcon", "--order",
                             "NOPE1", "--out", none});
    CHECK(unknownOrder.exitCode == 1);
    CHECK_FALSE(unknownOrder.err.empty());
    CHECK_FALSE(std::filesystem::exists(none));
    auto unknownEvent = run({cli(), "--db", db, "render", "--organizer", "demo", "--event", "zzz", "--all", "--out", none});
    CHECK(unknownEvent.exitCode == 1);
    CHECK_THAT(unknownEvent.err, Catch::Contains("no event \"zzz\""));
    CHECK(run({cli(), "--db", db, "render", "--organizer", "demo", "--event", "boxcon"}).exitCode == 2);  // --out
}

TEST_CASE("certificate renders only attendees who were checked in unless asked otherwise", "[cli][render]") {
    test::TempDir dir;
    const auto db = (dir / "demo.sqlite").string();
    REQUIRE(run({cli(), "--db", db, "demo"}).exitCode == 0);
    const auto pdf = (dir / "certs.pdf").string();
    // Nobody has been checked in at the demo event yet.
    auto none = run({cli(), "--db", db, "certificate", "--organizer", "demo", "--event", "boxcon", "--all", "--out", pdf});
    CHECK(none.exitCode == 1);
    CHECK_FALSE(none.err.empty());
}

TEST_CASE("certificate-layout stores the event's certificate design that certificate then uses", "[cli][render]") {
    test::TempDir dir;
    const auto db = (dir / "demo.sqlite").string();
    REQUIRE(run({cli(), "--db", db, "demo"}).exitCode == 0);
    const auto layout = dir / "cert.json";
    test::writeFile(layout, R"([{"type": "textarea", "left": "20", "bottom": "200", "fontsize": "18",
        "color": [0, 0, 0, 1], "fontfamily": "Open Sans", "bold": false, "italic": false, "width": "170",
        "content": "other", "text": "Stored certificate of {attendee_name}", "align": "left"}])");
    const auto bad = dir / "bad.json";
    test::writeFile(bad, R"([{"type": "hologram"}])");
    const std::vector<std::string> event{"--organizer", "demo", "--event", "boxcon"};
    auto args = [&](std::vector<std::string> rest) {
        std::vector<std::string> all{cli(), "--db", db, "certificate-layout"};
        all.insert(all.end(), event.begin(), event.end());
        all.insert(all.end(), rest.begin(), rest.end());
        return all;
    };
    CHECK(run(args({"--set", bad.string()})).exitCode == 1);
    CHECK(run(args({"--set", layout.string(), "--background", layout.string()})).exitCode == 1);  // not a PDF
    CHECK(run(args({})).exitCode == 1);
    auto stored = run(args({"--set", layout.string(), "--background",
                            (test::dataDir() / "pretix" / "bg-a4-empty.pdf").string()}));
    INFO(stored.err);
    REQUIRE(stored.exitCode == 0);

    const auto pdf = (dir / "certs.pdf").string();
    auto r = run({cli(), "--db", db, "certificate", "--organizer", "demo", "--event", "boxcon", "--all",
                  "--include-absent", "--out", pdf});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto text = run({"/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-"});
    CHECK_THAT(text.out, Catch::Contains("Stored certificate of"));
    CHECK(run(args({"--reset"})).exitCode == 0);
}
