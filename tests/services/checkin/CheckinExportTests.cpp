// The CSV export of a list's check-ins (checkin/CheckinExport.h): RFC 4180 quoting, the guard
// against formula injection, the rows of a real store, and the file written beside its place
// and renamed into it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "DemoData.h"
#include "TestSupport.h"
#include "boxoffice/checkin/CheckinExport.h"
#include "boxoffice/model/CheckinRepository.h"

using namespace boxoffice;
using test::DemoIds;

namespace {

constexpr const char* kHeader =
    "List,Order,Position ID,Attendee name,Product,Variation,Type,Time (UTC),Device,Automatic,Sync state\r\n";

struct Fixture {
    test::TempDir dir;
    model::Store store{dir / "export.sqlite"};
    DemoIds ids = test::createDemoData(store);

    void checkIn(model::Id positionId, const std::string& when, model::CheckinType type, const std::string& device,
                 bool automatic = false) {
        model::Checkin c;
        c.listId = DemoIds::kMainList;
        c.positionId = positionId;
        c.datetime = *model::parseTimestamp(when);
        c.type = type;
        c.device = device;
        c.autoCheckedIn = automatic;
        model::CheckinRepository(store).insert(c);
    }
};

}  // namespace

TEST_CASE("A CSV field is quoted as RFC 4180 says and cannot start a formula", "[checkin][export]") {
    CHECK(checkin::csvField("") == "");
    CHECK(checkin::csvField("Mara Lind") == "Mara Lind");
    CHECK(checkin::csvField("Lind, Mara") == "\"Lind, Mara\"");
    CHECK(checkin::csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(checkin::csvField("two\nlines") == "\"two\nlines\"");
    CHECK(checkin::csvField("two\r\nlines") == "\"two\r\nlines\"");
    CHECK(checkin::csvField("=1+1") == "'=1+1");
    CHECK(checkin::csvField("+49 30 1234") == "'+49 30 1234");
    CHECK(checkin::csvField("-2") == "'-2");
    CHECK(checkin::csvField("@SUM(A1)") == "'@SUM(A1)");
    CHECK(checkin::csvField("\tx") == "'\tx");
    CHECK(checkin::csvField("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(checkin::csvField("a=b") == "a=b");  // only at the start
    CHECK(checkin::csvField("\xC3\x96zil") == "\xC3\x96zil");  // UTF-8 passes unchanged
}

TEST_CASE("The export has one row per check-in of the list, oldest first, times in UTC", "[checkin][export]") {
    Fixture f;
    f.store.db().exec("UPDATE order_position SET attendee_name = '=cmd|'' /C calc''!A0, \"Sven\"' WHERE id = 104");
    f.checkIn(104, "2026-07-01T19:31:02Z", model::CheckinType::Entry, "gate 2");
    f.checkIn(DemoIds::kPaidPosition, "2026-07-01T19:30:00.250000Z", model::CheckinType::Entry, "desk");
    f.checkIn(DemoIds::kPaidPosition, "2026-07-01T21:00:00Z", model::CheckinType::Exit, "desk");
    f.checkIn(DemoIds::kParentPosition, "2026-06-01T10:00:00Z", model::CheckinType::Entry, "auto", true);
    model::Checkin otherList;  // on the shirt list: not in this export
    otherList.listId = DemoIds::kShirtList;
    otherList.positionId = 104;
    otherList.datetime = *model::parseTimestamp("2026-07-01T19:00:00Z");
    model::CheckinRepository(f.store).insert(otherList);

    std::ostringstream out;
    const auto written = checkin::exportCheckinsCsv(f.store, f.ids.eventId, DemoIds::kMainList, out);
    REQUIRE(written);
    CHECK(written.value() == 4);
    const std::string expected =
        std::string(kHeader) +
        "Main entrance,ADDON,106,,Day ticket,,entry,2026-06-01T10:00:00Z,auto,yes,local\r\n"
        "Main entrance,PAID1,101,Mara Lind,Day ticket,,entry,2026-07-01T19:30:00.250000Z,desk,no,local\r\n"
        "Main entrance,SHIRT,104,\"'=cmd|' /C calc'!A0, \"\"Sven\"\"\",T-Shirt,M,entry,2026-07-01T19:31:02Z,"
        "gate 2,no,local\r\n"
        "Main entrance,PAID1,101,Mara Lind,Day ticket,,exit,2026-07-01T21:00:00Z,desk,no,local\r\n";
    CHECK(out.str() == expected);
}

TEST_CASE("A list without check-ins exports its header only, one of another event is NotFound", "[checkin][export]") {
    Fixture f;
    std::ostringstream empty;
    const auto none = checkin::exportCheckinsCsv(f.store, f.ids.eventId, DemoIds::kShirtList, empty);
    REQUIRE(none);
    CHECK(none.value() == 0);
    CHECK(empty.str() == kHeader);

    std::ostringstream foreign;
    const auto refused = checkin::exportCheckinsCsv(f.store, f.ids.otherEventId, DemoIds::kMainList, foreign);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == model::ErrorCode::NotFound);
    CHECK(foreign.str().empty());
}

TEST_CASE("The export file replaces the old one whole and leaves no temporary file", "[checkin][export]") {
    Fixture f;
    f.checkIn(DemoIds::kPaidPosition, "2026-07-01T19:30:00Z", model::CheckinType::Entry, "desk");
    const auto folder = f.dir / "exports";
    std::filesystem::create_directories(folder);
    const auto file = folder / "Main entrance.csv";
    test::writeFile(file, "an older export\n");

    const auto written = checkin::exportCheckinsCsvFile(f.store, f.ids.eventId, DemoIds::kMainList, file);
    REQUIRE(written);
    CHECK(written.value() == 1);
    CHECK(test::readFile(file) ==
          std::string(kHeader) +
              "Main entrance,PAID1,101,Mara Lind,Day ticket,,entry,2026-07-01T19:30:00Z,desk,no,local\r\n");
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) {
        ++files;
    }
    CHECK(files == 1);

    SECTION("a folder that does not exist is an Io error and writes nothing") {
        const auto missing = folder / "no such folder" / "x.csv";
        const auto refused = checkin::exportCheckinsCsvFile(f.store, f.ids.eventId, DemoIds::kMainList, missing);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == model::ErrorCode::Io);
        CHECK_FALSE(refused.error().message.empty());
        CHECK_FALSE(std::filesystem::exists(missing.parent_path()));
    }
    SECTION("an unknown list is NotFound and keeps the old file") {
        const auto refused = checkin::exportCheckinsCsvFile(f.store, f.ids.eventId, 999, file);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == model::ErrorCode::NotFound);
        CHECK(test::readFile(file).find("Mara Lind") != std::string::npos);
        int left = 0;
        for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) {
            ++left;
        }
        CHECK(left == 1);
    }
}
