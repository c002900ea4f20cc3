// The layout use cases (pdf/Layouts.h) without HTTP: what the designer calls.
#include <catch2/catch.hpp>

#include "DemoData.h"
#include "TestSupport.h"
#include "boxoffice/model/LayoutRepository.h"
#include "boxoffice/pdf/Layouts.h"

using namespace boxoffice;
using test::DemoIds;
using nlohmann::json;

namespace {

struct Fixture {
    test::TempDir dir;
    model::Store store{dir / "layouts.sqlite"};
    DemoIds ids = test::createDemoData(store);

    model::TicketLayout save(const std::string& name, bool isDefault, std::vector<model::Id> items = {}) {
        pdf::LayoutEdit edit;
        edit.name = name;
        edit.isDefault = isDefault;
        edit.layout = json::parse(test::readFile(test::assetsDir() / "pretix" / "default-layout.json"));
        std::vector<model::TicketLayoutItem> assignments;
        for (auto item : items) {
            model::TicketLayoutItem a;
            a.itemId = item;
            assignments.push_back(a);
        }
        edit.itemAssignments = assignments;
        auto saved = pdf::saveLayout(store, ids.eventId, std::nullopt, edit, pdf::EditMode::Replace);
        REQUIRE(saved);
        return saved.value();
    }
};

}  // namespace

TEST_CASE("A layout is refused with pretix's field errors and nothing is written", "[pdf][layouts]") {
    Fixture f;
    pdf::LayoutEdit edit;
    edit.name = "";
    edit.layout = json::array({{{"type", "nonsense"}}});
    edit.background = std::optional<std::string>("file:does-not-exist");
    model::TicketLayoutItem unknown;
    unknown.itemId = 999;
    edit.itemAssignments = std::vector<model::TicketLayoutItem>{unknown};
    auto refused = pdf::saveLayout(f.store, f.ids.eventId, std::nullopt, edit, pdf::EditMode::Replace);
    REQUIRE_FALSE(refused);
    const auto& fields = refused.error().fields;
    CHECK(fields.count("name") == 1);
    CHECK(fields.count("layout") == 1);
    CHECK(fields.at("background") == std::vector<std::string>{"The submitted file ID was not found."});
    CHECK(fields.at("item_assignments") ==
          std::vector<std::string>{"Invalid pk \"999\" - object does not exist."});
    CHECK(model::LayoutRepository(f.store).list(f.ids.eventId).empty());

    // A patch of a layout that does not exist.
    pdf::LayoutEdit rename;
    rename.name = "x";
    CHECK(pdf::saveLayout(f.store, f.ids.eventId, 4242, rename, pdf::EditMode::Patch).error().code ==
          model::ErrorCode::NotFound);
}

TEST_CASE("Duplicating keeps the design but not the products, one default per event", "[pdf][layouts]") {
    Fixture f;
    const auto original = f.save("Main", true, {DemoIds::kDayTicket});
    auto copy = pdf::duplicateLayout(f.store, f.ids.eventId, original.id);
    REQUIRE(copy);
    CHECK(copy->id != original.id);
    CHECK(copy->name == "Main (copy)");
    CHECK(copy->layout == original.layout);
    CHECK_FALSE(copy->isDefault);
    CHECK(copy->itemAssignments.empty());
    // The original keeps its product: a product and channel belong to one layout.
    CHECK(model::LayoutRepository(f.store).byId(f.ids.eventId, original.id)->itemAssignments.size() == 1);

    REQUIRE(pdf::setDefaultLayout(f.store, f.ids.eventId, copy->id));
    CHECK(model::LayoutRepository(f.store).defaultLayout(f.ids.eventId)->id == copy->id);
    CHECK_FALSE(model::LayoutRepository(f.store).byId(f.ids.eventId, original.id)->isDefault);

    REQUIRE(pdf::deleteLayout(f.store, f.ids.eventId, copy->id));
    CHECK(pdf::deleteLayout(f.store, f.ids.eventId, copy->id).error().code == model::ErrorCode::NotFound);
    CHECK(pdf::duplicateLayout(f.store, f.ids.otherEventId, original.id).error().code == model::ErrorCode::NotFound);
}

TEST_CASE("An upload must be a PDF whose page can be drawn on", "[pdf][layouts]") {
    Fixture f;
    model::StoredFile notPdf;
    notPdf.filename = "bg.pdf";
    const std::string text = "not a pdf";
    notPdf.data.assign(text.begin(), text.end());
    CHECK_FALSE(pdf::storeUpload(f.store, notPdf));

    model::StoredFile pdfFile;
    pdfFile.filename = "bg.pdf";
    const auto bytes = test::readFile(test::dataDir() / "pretix" / "bg-a4-empty.pdf");
    pdfFile.data.assign(bytes.begin(), bytes.end());
    auto stored = pdf::storeUpload(f.store, pdfFile);
    REQUIRE(stored);
    CHECK(stored->expires.has_value());
    pdf::LayoutEdit edit;
    edit.name = "With background";
    edit.background = std::optional<std::string>(stored->id);
    auto saved = pdf::saveLayout(f.store, f.ids.eventId, std::nullopt, edit, pdf::EditMode::Replace);
    REQUIRE(saved);
    CHECK(saved->background == stored->id);
    // Taken by a layout, the upload is kept.
    CHECK_FALSE(model::LayoutRepository(f.store).file(stored->id)->expires.has_value());
}

TEST_CASE("A layout changed elsewhere since the designer opened it is not overwritten unseen", "[pdf][layouts]") {
    Fixture f;
    const auto opened = f.save("Main", true);
    // Meanwhile the LAN API renames it.
    pdf::LayoutEdit rename;
    rename.name = "Main entrance";
    REQUIRE(pdf::saveLayout(f.store, f.ids.eventId, opened.id, rename, pdf::EditMode::Patch));

    pdf::LayoutEdit mine;
    mine.layout = json::array();
    mine.basedOn = opened;
    auto refused = pdf::saveLayout(f.store, f.ids.eventId, opened.id, mine, pdf::EditMode::Patch);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == model::ErrorCode::Conflict);
    CHECK(model::LayoutRepository(f.store).byId(f.ids.eventId, opened.id)->layout == opened.layout);

    // Based on what is stored now, it saves; without basedOn (the API) it always does.
    mine.basedOn = model::LayoutRepository(f.store).byId(f.ids.eventId, opened.id);
    REQUIRE(pdf::saveLayout(f.store, f.ids.eventId, opened.id, mine, pdf::EditMode::Patch));
    CHECK(model::LayoutRepository(f.store).byId(f.ids.eventId, opened.id)->layout == json::array());
}

TEST_CASE("A new background is stored with the layout in one transaction, or not at all", "[pdf][layouts]") {
    Fixture f;
    const auto opened = f.save("Main", true);
    auto fileCount = [&] {
        auto q = f.store.db().execAndGet("SELECT COUNT(*) FROM stored_file");
        return q.getInt();
    };
    const int filesBefore = fileCount();
    const auto bytes = test::readFile(test::dataDir() / "pretix" / "bg-a4-empty.pdf");

    // Not a PDF: refused as the background, and no file is left behind.
    pdf::LayoutEdit broken;
    broken.layout = json::array();
    broken.newBackground = model::StoredFile{};
    const std::string text = "not a pdf";
    broken.newBackground->data.assign(text.begin(), text.end());
    auto refused = pdf::saveLayout(f.store, f.ids.eventId, opened.id, broken, pdf::EditMode::Patch);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().fields.count("background") == 1);
    CHECK(fileCount() == filesBefore);
    CHECK(model::LayoutRepository(f.store).byId(f.ids.eventId, opened.id)->layout == opened.layout);

    // A PDF, but the layout was changed elsewhere since it was opened: Conflict, and again no file.
    pdf::LayoutEdit rename;
    rename.name = "Main entrance";
    REQUIRE(pdf::saveLayout(f.store, f.ids.eventId, opened.id, rename, pdf::EditMode::Patch));
    pdf::LayoutEdit mine;
    mine.layout = json::array();
    mine.basedOn = opened;
    mine.newBackground = model::StoredFile{};
    mine.newBackground->filename = "a4.pdf";
    mine.newBackground->data.assign(bytes.begin(), bytes.end());
    mine.newBackground->id = "file:someone-elses";  // never taken: the save names the file
    mine.newBackground->expires = model::now();
    auto conflict = pdf::saveLayout(f.store, f.ids.eventId, opened.id, mine, pdf::EditMode::Patch);
    REQUIRE_FALSE(conflict);
    CHECK(conflict.error().code == model::ErrorCode::Conflict);
    CHECK(fileCount() == filesBefore);

    // Based on what is stored: saved, the file stored for good and used.
    mine.basedOn = model::LayoutRepository(f.store).byId(f.ids.eventId, opened.id);
    auto saved = pdf::saveLayout(f.store, f.ids.eventId, opened.id, mine, pdf::EditMode::Patch);
    REQUIRE(saved);
    REQUIRE(saved->background.has_value());
    CHECK(*saved->background != "file:someone-elses");
    CHECK(fileCount() == filesBefore + 1);
    const auto file = model::LayoutRepository(f.store).file(*saved->background);
    REQUIRE(file);
    CHECK(file->data == std::vector<unsigned char>(bytes.begin(), bytes.end()));
    CHECK(file->filename == "a4.pdf");
    CHECK(file->contentType == "application/pdf");
    CHECK_FALSE(file->expires.has_value());
    CHECK_FALSE(file->ownerToken.has_value());
    CHECK(saved->layout == json::array());
}
