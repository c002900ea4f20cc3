// Where text lands on the page (spec ticket-layout.md §6.3-§6.6), measured with pdftotext -bbox.
// poppler reports a word's box from the font's ascent/descent as written in the PDF's font
// descriptor (for Open Sans, cairo writes the hhea values 2189/2048 and -600/2048 em), so a
// baseline is recovered as yMax - 600/2048 * fs (horizontal text; y from the page top).
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include "CairoPainter.h"
#include "RenderFixture.h"
#include "boxoffice/layout/TextLayout.h"
#include "boxoffice/render/TicketLoader.h"

using namespace boxoffice;
using namespace boxoffice::test;

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageH = 841.8897637795277;
constexpr double kTolerance = 0.5 * kMm;  // 0.5 mm

std::string textBox(double left, double bottom, double w, double h, double fs, const std::string& text,
                    const std::string& align, const std::string& valign, double rotation = 0, bool autoresize = false,
                    bool bold = false) {
    return fmt::format(
        R"({{"type":"textcontainer","left":"{}","bottom":"{}","width":"{}","height":"{}","content":"other","text":"{}",
        "fontsize":"{}","fontfamily":"Open Sans","bold":{},"italic":false,"align":"{}","verticalalign":"{}",
        "color":[0,0,0,1],"rotation":{},"autoresize":{},"lineheight":"1"}})",
        left, bottom, w, h, text, fs, bold, align, valign, rotation, autoresize);
}

std::vector<Word> renderLayout(RenderFixture& f, const std::string& layoutJson) {
    f.addLayout(layoutJson, readBytes(dataDir() / "pretix" / "bg-a4-empty.pdf"));
    f.addOrder("POS01", {"Anyone"});
    render::TicketLoader loader(*f.store);
    auto jobs = loader.jobs(f.eventId, loader.orderPositions(f.eventId, "POS01").value());
    REQUIRE(jobs.ok());
    auto out = f.dir / "pos.pdf";
    auto result = render::renderTickets(jobs.value(), out);
    REQUIRE(result.ok());
    return pdfWords(out);
}

const Word& word(const std::vector<Word>& words, const std::string& text) {
    const Word* w = findWord(words, text);
    INFO("word " << text);
    REQUIRE(w);
    return *w;
}

double baselineFromTop(const Word& w, double fs) { return w.yMax - 600.0 / 2048.0 * fs; }

}  // namespace

TEST_CASE("text box first lines land where spec §6.4 puts them", "[render][position]") {
    RenderFixture f;
    const double fs = 20;
    std::string layout = "[" + textBox(20, 250, 100, 20, fs, "Lefty", "left", "top") + "," +
                         textBox(20, 200, 100, 20, fs, "Centred", "center", "middle") + "," +
                         textBox(20, 150, 100, 20, fs, "Righty", "right", "bottom") + "," +
                         textBox(150, 150, 60, 20, fs, "Turned", "left", "top", 90) + "]";
    auto words = renderLayout(f, layout);
    const double leading = 1.15 * fs;
    const double boxH = 20 * kMm;

    const Word& left = word(words, "Lefty");
    CHECK(left.xMin == Approx(20 * kMm).margin(kTolerance));
    CHECK(baselineFromTop(left, fs) == Approx(kPageH - (270 * kMm - fs)).margin(kTolerance));

    const Word& centre = word(words, "Centred");
    CHECK((centre.xMin + centre.xMax) / 2 == Approx(70 * kMm).margin(kTolerance));
    CHECK(baselineFromTop(centre, fs) == Approx(kPageH - (220 * kMm - (boxH - leading) / 2 - fs)).margin(kTolerance));

    const Word& right = word(words, "Righty");
    CHECK(right.xMax == Approx(120 * kMm).margin(kTolerance));
    CHECK(baselineFromTop(right, fs) == Approx(kPageH - (170 * kMm - (boxH - leading) - fs)).margin(kTolerance));

    // Rotated 90° clockwise about the top-left corner (150, 170) mm: the text runs downwards from
    // the pivot, its baseline a vertical line fs to the left of the pivot, ascenders towards it.
    const Word& turned = word(words, "Turned");
    CHECK(turned.yMin == Approx(kPageH - 170 * kMm).margin(kTolerance));
    CHECK(turned.xMin == Approx(150 * kMm - fs - 600.0 / 2048.0 * fs).margin(kTolerance));
    CHECK(turned.yMax - turned.yMin > turned.xMax - turned.xMin);
}

TEST_CASE("legacy text: the last line's descender sits on bottom, and downward starts at the anchor",
          "[render][position]") {
    RenderFixture f;
    const double fs = 13;
    std::string layout = fmt::format(
        R"([{{"type":"textarea","left":"20","bottom":"100","fontsize":"{0}","color":[0,0,0,1],"fontfamily":"Open Sans",
            "bold":false,"italic":false,"width":"100","content":"other","text":"Upward","align":"left"}},
           {{"type":"textarea","left":"20","bottom":"60","fontsize":"{0}","color":[0,0,0,1],"fontfamily":"Open Sans",
            "bold":false,"italic":false,"width":"100","content":"other","text":"Downward","align":"left","downward":true}}])",
        fs);
    auto words = renderLayout(f, layout);
    const double legacyLeading = (0.765 + 0.240) * fs;
    const Word& up = word(words, "Upward");
    CHECK(baselineFromTop(up, fs) == Approx(kPageH - (100 * kMm + 0.240 * fs + legacyLeading - fs)).margin(kTolerance));
    const Word& down = word(words, "Downward");
    CHECK(baselineFromTop(down, fs) == Approx(kPageH - (60 * kMm + 0.240 * fs / 2.5 - fs)).margin(kTolerance));
}

TEST_CASE("auto-resize follows the reference sequence with Open Sans metrics", "[render][autoresize]") {
    render::CairoPainter painter;
    CHECK(painter.ascender({}) == Approx(0.765).margin(0.001));
    CHECK(painter.descender({}) == Approx(-0.240).margin(0.001));
    layout::TextContainer box;
    box.width = layout::Length::mm(30);
    box.height = layout::Length::mm(10);
    box.style.fontSize = 16;
    box.style.font.bold = true;
    box.style.align = layout::HAlign::Center;
    box.autoResize = true;
    auto name = layout::fitText(painter, box, "Dr. Sabine Leutheusser-Schnarrenberger");
    CHECK(name.fontSize == Approx(7.4478).margin(0.001));
    REQUIRE(name.lines.size() == 3);
    CHECK(name.lines[1].text == "Leutheusser-");

    box.splitLongWords = false;
    auto whole = layout::fitText(painter, box, "Vielzulangernamedernichtpasst");
    CHECK(whole.fontSize == Approx(5.14).margin(0.05));
    CHECK(whole.lines.size() == 1);

    box.splitLongWords = true;
    auto split = layout::fitText(painter, box, "Vielzulangernamedernichtpasst");
    CHECK(split.fontSize == Approx(9.4478).margin(0.001));
    CHECK(split.lines.size() == 2);
}

TEST_CASE("an auto-resized box is drawn at the fitted size", "[render][position][autoresize]") {
    RenderFixture f;
    auto words = renderLayout(f, "[" + textBox(100, 100, 30, 10, 16, "Dr. Sabine Leutheusser-Schnarrenberger", "center",
                                               "top", 0, true, true) + "]");
    const double fs = 7.4478;
    const Word& first = word(words, "Dr.");
    // Top-aligned: first baseline = box top - fs.
    CHECK(baselineFromTop(first, fs) == Approx(kPageH - (110 * kMm - fs)).margin(kTolerance));
    CHECK((first.yMax - first.yMin) == Approx((2189.0 + 600.0) / 2048.0 * fs).margin(0.3));
}
