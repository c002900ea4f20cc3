// Printing: which positions a selection prints, the print log and its "not yet printed" choice,
// printer calibration (the numbers and the drawn page, measured on the rasterised output), saving
// one certificate per person, and a batch of 20 tickets printed through a real CUPS queue whose
// output is checked with poppler and zbarimg.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "CupsQueue.h"
#include "TestSupport.h"
#include "boxoffice/importer/Importer.h"
#include "boxoffice/model/CheckinRepository.h"
#include "boxoffice/model/OrderRepository.h"
#include "boxoffice/model/PositionQuery.h"
#include "boxoffice/model/PrintLog.h"
#include "boxoffice/printing/Calibration.h"
#include "boxoffice/printing/PrintRun.h"
#include "boxoffice/printing/Printers.h"

using namespace boxoffice;
using namespace boxoffice::test;
using Scope = printing::Selection::Scope;

namespace {

constexpr const char* kQueue = test::kPdfQueue;

struct DemoFixture {
    TempDir dir;
    model::Store store{dir / "box.sqlite"};
    model::Id eventId = 0;

    DemoFixture() {
        auto demo = importer::ensureDemoEvent(store);
        REQUIRE(demo);
        eventId = demo->eventId;
    }

    model::Id firstList() {
        auto lists = model::CheckinRepository(store).lists(eventId);
        REQUIRE(!lists.empty());
        return lists.front().id;
    }

    void checkIn(model::Id listId, model::Id positionId) {
        model::Store::Transaction tx(store);
        model::Checkin c;
        c.listId = listId;
        c.positionId = positionId;
        c.datetime = model::now();
        c.device = "desk";
        model::CheckinRepository(store).insert(c);
        tx.commit();
    }
};

std::vector<model::Id> everyone(DemoFixture& f) {
    printing::Selection all;
    auto ids = printing::selectPositions(f.store, f.eventId, all, printing::PrintedDocument::Ticket);
    REQUIRE(ids);
    return ids.value();
}

// The dark pixels' bounding box of a page rasterised to a PGM at 254 dpi (10 pixels per mm).
struct Box {
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
};

Box inkBox(const std::filesystem::path& pdf, const std::filesystem::path& prefix) {
    auto raster = run({"/usr/bin/pdftoppm", "-gray", "-r", "254", "-f", "1", "-l", "1", "-singlefile", pdf.string(),
                       prefix.string()});
    REQUIRE(raster.exitCode == 0);
    std::ifstream in(prefix.string() + ".pgm", std::ios::binary);
    std::string magic;
    int width = 0, height = 0, maxValue = 0;
    in >> magic >> width >> height >> maxValue;
    in.get();
    REQUIRE(magic == "P5");
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    in.read(reinterpret_cast<char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
    Box box{width, height, -1, -1};
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            if (pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] < 128) {
                box.left = std::min(box.left, x);
                box.top = std::min(box.top, y);
                box.right = std::max(box.right, x);
                box.bottom = std::max(box.bottom, y);
            }
        }
    }
    REQUIRE(box.right >= 0);
    return box;
}

// Whether every character of `text` is in Latin-1. The queue's PostScript step (PDF to
// PostScript for cups-pdf) keeps the text of those glyphs only (WinAnsi); other letters print the
// same but come out of pdftotext as gaps, so the names checked are chosen from Latin-1 ones.
bool inLatin1(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80 && c != 0xC2 && c != 0xC3) {
            return false;
        }
        if (c == 0xC2 || c == 0xC3) {
            ++i;  // the continuation byte
        }
    }
    return true;
}

std::string uniqueTitle() {
    std::random_device random;
    return fmt::format("boxoffice-test-{:08x}", random());
}

}  // namespace

TEST_CASE("selection: everyone, a list, a product, orders, checked in", "[printing]") {
    DemoFixture f;
    const auto all = everyone(f);
    REQUIRE(all.size() > 100);
    // Everyone: positions of paid and pending orders, not canceled, by order code.
    model::PositionQuery query(f.store);
    std::string lastCode;
    for (model::Id id : all) {
        auto row = query.byId(f.eventId, id);
        REQUIRE(row);
        CHECK(!row->position.canceled);
        CHECK((row->orderStatus == model::OrderStatus::Paid || row->orderStatus == model::OrderStatus::Pending));
        CHECK(row->position.orderCode >= lastCode);
        lastCode = row->position.orderCode;
    }

    printing::Selection list;
    list.scope = Scope::List;
    list.listId = f.firstList();
    auto onList = printing::selectPositions(f.store, f.eventId, list, printing::PrintedDocument::Ticket);
    REQUIRE(onList);
    CHECK(!onList->empty());
    CHECK(onList->size() <= all.size());

    list.checkedInOnly = true;
    auto none = printing::selectPositions(f.store, f.eventId, list, printing::PrintedDocument::Ticket);
    REQUIRE(none);
    const auto before = none->size();
    f.checkIn(list.listId, onList->front());
    auto one = printing::selectPositions(f.store, f.eventId, list, printing::PrintedDocument::Ticket);
    REQUIRE(one);
    CHECK(one->size() == before + 1);
    CHECK(std::find(one->begin(), one->end(), onList->front()) != one->end());

    auto first = query.byId(f.eventId, all.front());
    REQUIRE(first);
    printing::Selection product;
    product.scope = Scope::Product;
    product.itemId = first->position.itemId;
    auto ofProduct = printing::selectPositions(f.store, f.eventId, product, printing::PrintedDocument::Ticket);
    REQUIRE(ofProduct);
    CHECK(!ofProduct->empty());
    for (model::Id id : ofProduct.value()) {
        CHECK(query.byId(f.eventId, id)->position.itemId == first->position.itemId);
    }

    printing::Selection orders;
    orders.scope = Scope::Orders;
    orders.orders = {first->position.orderCode, first->position.orderCode};
    auto ofOrder = printing::selectPositions(f.store, f.eventId, orders, printing::PrintedDocument::Ticket);
    REQUIRE(ofOrder);
    CHECK(std::find(ofOrder->begin(), ofOrder->end(), all.front()) != ofOrder->end());
    CHECK(std::set<model::Id>(ofOrder->begin(), ofOrder->end()).size() == ofOrder->size());  // no repeats

    orders.orders = {"NOSUCH"};
    auto unknown = printing::selectPositions(f.store, f.eventId, orders, printing::PrintedDocument::Ticket);
    REQUIRE(!unknown);
    CHECK(unknown.error().code == model::ErrorCode::NotFound);
}

TEST_CASE("calibration: the measured crosshairs give the correction that cancels the printer's error",
          "[printing][calibration]") {
    // A printer that shifts by (1.5, -2) mm and prints 2 % too large horizontally.
    const double width = 210, height = 297;
    const auto printed = [](double p, double scale, double shift) { return scale * p + shift; };
    printing::Measurement m;
    m.firstXMm = printed(printing::kTestMarkMm, 1.02, 1.5);
    m.firstYMm = printed(printing::kTestMarkMm, 1.0, -2);
    m.secondXMm = printed(width - printing::kTestMarkMm, 1.02, 1.5);
    m.secondYMm = printed(height - printing::kTestMarkMm, 1.0, -2);
    auto t = printing::calibrationFromMeasurement(m, width, height);
    REQUIRE(t);
    for (double p : {0.0, 37.0, 105.0, 210.0}) {
        // Drawn where the correction says, printed by that printer: lands at p.
        CHECK(printed(t->offsetXMm + p * t->scaleX, 1.02, 1.5) == Approx(p).margin(1e-9));
        CHECK(printed(t->offsetYMm + p * t->scaleY, 1.0, -2) == Approx(p).margin(1e-9));
    }
    // Only the first crosshair: a pure shift.
    printing::Measurement shift{21.0, 19.0, std::nullopt, std::nullopt};
    auto s = printing::calibrationFromMeasurement(shift, width, height);
    REQUIRE(s);
    CHECK(s->offsetXMm == Approx(-1.0));
    CHECK(s->offsetYMm == Approx(1.0));
    CHECK(s->scaleX == 1.0);

    printing::Measurement offPaper{250.0, 19.0, std::nullopt, std::nullopt};
    auto refused = printing::calibrationFromMeasurement(offPaper, width, height);
    REQUIRE(!refused);
    CHECK(refused.error().fields.count("first_x") == 1);
    printing::Measurement wild{20.0, 20.0, 100.0, std::nullopt};
    CHECK(!printing::calibrationFromMeasurement(wild, width, height));

    // Kept per printer and paper.
    TempDir dir;
    model::Store store(dir / "box.sqlite");
    CHECK(!printing::calibration(store, "Desk", "210x297"));
    printing::setCalibration(store, "Desk", "210x297", t.value());
    auto kept = printing::calibration(store, "Desk", "210x297");
    REQUIRE(kept);
    CHECK(kept->offsetXMm == Approx(t->offsetXMm).margin(1e-4));
    CHECK(kept->scaleX == Approx(t->scaleX).margin(1e-6));
    CHECK(!printing::calibration(store, "Desk", "100x150"));
    CHECK(!printing::calibration(store, "Other", "210x297"));
    printing::setCalibration(store, "Desk", "210x297", {});
    CHECK(!printing::calibration(store, "Desk", "210x297"));
    CHECK(printing::paperKey(595.2755905511812, 841.8897637795277) == "210x297");
}

TEST_CASE("calibration: the offsets move the drawn page by the set millimetres", "[printing][calibration]") {
    DemoFixture f;
    auto batch = printing::loadBatch(f.store, f.eventId, {everyone(f).front()}, printing::PrintedDocument::Ticket);
    REQUIRE(batch);
    render::RenderOptions plain;
    auto a = render::renderTickets(batch->jobs, f.dir / "plain.pdf", plain);
    REQUIRE(a);
    render::RenderOptions moved;
    moved.transform.offsetXMm = 5;
    moved.transform.offsetYMm = 12.5;
    auto b = render::renderTickets(batch->jobs, f.dir / "moved.pdf", moved);
    REQUIRE(b);
    const Box before = inkBox(f.dir / "plain.pdf", f.dir / "plain");
    const Box after = inkBox(f.dir / "moved.pdf", f.dir / "moved");
    // 10 pixels per millimetre; a pixel either way for the rasteriser's rounding.
    CHECK(std::abs((after.left - before.left) - 50) <= 1);
    CHECK(std::abs((after.top - before.top) - 125) <= 1);

    render::RenderOptions half;
    half.transform.scaleX = 0.5;
    half.transform.scaleY = 0.5;
    auto c = render::renderTickets(batch->jobs, f.dir / "half.pdf", half);
    REQUIRE(c);
    const Box small = inkBox(f.dir / "half.pdf", f.dir / "half");
    CHECK(std::abs(small.left - before.left / 2) <= 1);
    CHECK(std::abs((small.right - small.left) - (before.right - before.left) / 2) <= 2);

    // The test page is a PDF of the asked size with its instructions.
    REQUIRE(printing::writeTestPage(f.dir / "test.pdf", 283.46, 425.2, "Desk"));
    auto info = run({"/usr/bin/pdfinfo", (f.dir / "test.pdf").string()});
    CHECK(info.out.find("283.46 x 425.2 pts") != std::string::npos);
    auto text = run({"/usr/bin/pdftotext", (f.dir / "test.pdf").string(), "-"});
    CHECK(text.out.find("crosshair 1 at 20.0") != std::string::npos);
}

TEST_CASE("certificates: one file per checked-in attendee, named after order code and name", "[printing]") {
    DemoFixture f;
    const auto all = everyone(f);
    const model::Id listId = f.firstList();
    model::PositionQuery query(f.store);
    std::vector<model::Id> chosen(all.begin(), all.begin() + 6);
    for (std::size_t i = 0; i < 3; ++i) {
        f.checkIn(listId, chosen[i]);
    }
    auto batch = printing::loadBatch(f.store, f.eventId, chosen, printing::PrintedDocument::Certificate);
    REQUIRE(batch);
    CHECK(batch->jobs.size() == 3);
    CHECK(batch->notCheckedIn == 3);
    const auto out = f.dir / "certificates";
    std::filesystem::create_directories(out);
    auto files = printing::saveEach(batch.value(), out);
    REQUIRE(files);
    REQUIRE(files->size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        auto row = query.byId(f.eventId, chosen[i]);
        const std::string name = files->at(i).filename().string();
        INFO(name);
        if (row->position.attendeeName) {
            CHECK(name == row->position.orderCode + " " + *row->position.attendeeName + ".pdf");
        } else {
            CHECK(name == row->position.orderCode + "-" + std::to_string(row->position.positionid) + ".pdf");
        }
        auto text = run({"/usr/bin/pdftotext", files->at(i).string(), "-"});
        CHECK(text.out.find("Certificate of attendance") != std::string::npos);
        CHECK(text.out.find("checked in on") != std::string::npos);
    }
    auto absent = printing::loadBatch(f.store, f.eventId, chosen, printing::PrintedDocument::Certificate, true);
    REQUIRE(absent);
    CHECK(absent->jobs.size() == 6);
}

TEST_CASE("printing: 20 tickets through a CUPS queue, checked on the file it wrote, and the print log",
          "[printing][cups]") {
    const auto outputFolder = test::ensurePdfQueue();
    DemoFixture f;
    auto printers = printing::listPrinters();
    REQUIRE(printers);
    CHECK(std::any_of(printers->begin(), printers->end(), [](const printing::Printer& p) { return p.name == kQueue; }));

    // Twenty tickets with an attendee name in Latin-1, each of a different order.
    model::PositionQuery query(f.store);
    std::vector<model::Id> ids;
    std::map<model::Id, model::PositionRow> rows;
    for (model::Id id : everyone(f)) {
        auto row = query.byId(f.eventId, id);
        if (ids.size() < 20 && row->position.attendeeName && inLatin1(*row->position.attendeeName) &&
            row->position.positionid == 1) {
            ids.push_back(id);
            rows.emplace(id, *row);
        }
    }
    REQUIRE(ids.size() == 20);
    auto batch = printing::loadBatch(f.store, f.eventId, ids, printing::PrintedDocument::Ticket);
    REQUIRE(batch);
    printing::PrintOptions options;
    options.printer = kQueue;
    options.title = uniqueTitle();
    std::size_t reported = 0;
    auto printed = printing::printBatch(f.store, batch.value(), options, [&](std::size_t done, std::size_t total) {
        CHECK(total == 20);
        reported = done;
    });
    INFO((printed ? std::string() : printed.error().message));
    REQUIRE(printed);
    CHECK(reported == 20);
    CHECK(printed->run.pages == 20);
    CHECK(!printed->run.jobs.empty());

    const auto pdf = test::waitForPdfOutput(outputFolder, options.title);
    auto info = run({"/usr/bin/pdfinfo", pdf.string()});
    CHECK(info.out.find("Pages:           20") != std::string::npos);
    CHECK(info.out.find("595 x 842 pts (A4)") != std::string::npos);
    auto text = run({"/usr/bin/pdftotext", "-layout", pdf.string(), "-"});
    for (const auto& [id, row] : rows) {
        INFO(*row.position.attendeeName);
        CHECK(text.out.find(*row.position.attendeeName) != std::string::npos);
    }
    TempDir pages;
    auto raster = run({"/usr/bin/pdftoppm", "-r", "100", "-gray", "-png", pdf.string(), (pages / "page").string()});
    REQUIRE(raster.exitCode == 0);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto png = pages / fmt::format("page-{:02}.png", i + 1);
        REQUIRE(std::filesystem::exists(png));
        auto scan = run({"/usr/bin/zbarimg", "--quiet", "--raw", png.string()});
        INFO(scan.err);
        CHECK(scan.out == rows.at(ids[i]).position.secret + "\n");
    }
    std::error_code ec;
    std::filesystem::remove(pdf, ec);

    // The print log has the run and every position; "not yet printed" leaves them out now.
    model::PrintLogRepository log(f.store);
    auto runs = log.runs(f.eventId);
    REQUIRE(runs.size() == 1);
    CHECK(runs.front().printer == kQueue);
    CHECK(runs.front().positions == 20);
    CHECK(runs.front().pages == 20);
    const auto entries = log.entries(runs.front().id);
    REQUIRE(entries.size() == 20);
    CHECK(entries.front().positionId == ids.front());
    auto last = log.lastPrints(ids, printing::PrintedDocument::Ticket);
    CHECK(last.size() == 20);
    CHECK(last.at(ids.front()).printer == kQueue);
    CHECK(log.lastPrints(ids, printing::PrintedDocument::Certificate).empty());

    printing::Selection notYet;
    notYet.notYetPrinted = true;
    auto rest = printing::selectPositions(f.store, f.eventId, notYet, printing::PrintedDocument::Ticket);
    REQUIRE(rest);
    CHECK(rest->size() == everyone(f).size() - 20);
    for (model::Id id : ids) {
        CHECK(std::find(rest->begin(), rest->end(), id) == rest->end());
    }

    // An unknown printer is refused by name, and nothing is logged.
    options.printer = "NoSuchPrinter";
    auto refused = printing::printBatch(f.store, batch.value(), options);
    REQUIRE(!refused);
    CHECK(refused.error().code == model::ErrorCode::NotFound);
    CHECK(refused.error().message.find("NoSuchPrinter") != std::string::npos);
    CHECK(log.runs(f.eventId).size() == 1);
}
