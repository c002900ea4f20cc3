#include <catch2/catch.hpp>

#include "TestSupport.h"

using boxoffice::test::binaryDir;
using boxoffice::test::dataDir;
using boxoffice::test::run;
using boxoffice::test::TempDir;

namespace {

std::string cli() { return (binaryDir() / "apps" / "boxoffice-cli").string(); }

}  // namespace

TEST_CASE("boxoffice-cli demo creates the demo event once", "[importer][cli]") {
    TempDir dir;
    const auto db = (dir / "box.sqlite").string();
    auto first = run({cli(), "--db", db, "demo"});
    INFO(first.err);
    CHECK(first.exitCode == 0);
    CHECK_THAT(first.out, Catch::Contains("Created") && Catch::Contains("\"demo\"") && Catch::Contains("\"boxcon\"") &&
                              Catch::Contains("300 orders"));
    auto second = run({cli(), "--db", db, "demo"});
    CHECK(second.exitCode == 0);
    CHECK_THAT(second.out, Catch::Contains("Already there") && Catch::Contains("\"boxcon\"") && Catch::Contains("300 orders"));
}

TEST_CASE("boxoffice-cli import-pretix imports and reports, refuses bad files", "[importer][cli]") {
    TempDir dir;
    const auto db = (dir / "box.sqlite").string();
    auto ok = run({cli(), "--db", db, "import-pretix", (dataDir() / "pretix-export-small.json").string()});
    INFO(ok.err);
    CHECK(ok.exitCode == 0);
    CHECK(ok.out == "Imported Lesefest 2024 (stabi/lesefest24): 2 categories, 3 products (3 variations), 3 questions, "
                    "3 quotas, 9 orders with 12 positions.\n");

    auto truncated = run({cli(), "--db", db, "import-pretix", (dataDir() / "pretix-export-truncated.json").string()});
    CHECK(truncated.exitCode == 1);
    CHECK(truncated.out.empty());
    CHECK_THAT(truncated.err, Catch::Contains("not valid JSON") && Catch::Contains("byte"));

    auto wrong = run({cli(), "--db", db, "import-pretix", (dataDir() / "not-a-pretix-export.json").string()});
    CHECK(wrong.exitCode == 1);
    CHECK_THAT(wrong.err, Catch::Contains("not a pretix order data export"));

    auto missing = run({cli(), "--db", db, "import-pretix"});
    CHECK(missing.exitCode == 2);

    auto v2 = run({cli(), "--db", db, "import-pretix", (dataDir() / "pretix-export-small-v2.json").string()});
    CHECK(v2.exitCode == 0);
    CHECK_THAT(v2.out, Catch::Contains("10 orders with 14 positions"));
}
