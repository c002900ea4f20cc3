// The font families the designer offers are the ones the renderer draws: each listed family is
// looked up as itself by the painter that writes the PDFs, and a family not listed prints in
// Open Sans (spec ticket-layout.md §6.7).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <set>

#include "CairoPainter.h"
#include "boxoffice/render/Fonts.h"

using namespace boxoffice;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

TEST_CASE("the font families offered are those the renderer draws, sorted, each once", "[render][fonts]") {
    const auto families = render::fontFamilies();
    REQUIRE_FALSE(families.empty());
    // Open Sans is the family every ticket may use (a dependency of the package).
    CHECK(std::find(families.begin(), families.end(), render::kDefaultFontFamily) != families.end());
    CHECK(std::set<std::string>(families.begin(), families.end()).size() == families.size());
    CHECK(std::is_sorted(families.begin(), families.end(),
                         [](const std::string& a, const std::string& b) { return lower(a) < lower(b); }));
    render::CairoPainter painter;
    for (const auto& family : families) {
        INFO(family);
        CHECK(painter.resolvedFamily(family) == family);
    }
    const std::string missing = "No Such Family 7f3a";
    CHECK(std::find(families.begin(), families.end(), missing) == families.end());
    CHECK(painter.resolvedFamily(missing) == render::kDefaultFontFamily);
}
