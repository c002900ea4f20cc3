// Wrapping, auto-resize and placement with a fake font whose every character is 0.5 em wide
// (spec ticket-layout.md §6.3-§6.5).
#include <catch2/catch.hpp>

#include "boxoffice/layout/Draw.h"
#include "boxoffice/layout/TextLayout.h"

using namespace boxoffice::layout;

namespace {

class FixedMeasurer : public TextMeasurer {
public:
    double advance(const FontSpec&, std::string_view utf8) override {
        double n = 0;
        for (char c : utf8) {
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                n += 1;
            }
        }
        return n * 0.5;
    }
    double ascender(const FontSpec&) override { return 0.765; }
    double descender(const FontSpec&) override { return -0.240; }
};

std::vector<std::string> texts(const std::vector<WrappedLine>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) {
        out.push_back(l.text);
    }
    return out;
}

TextContainer box(double wMm, double hMm) {
    TextContainer tc;
    tc.base.left = Length::mm(10);
    tc.base.bottom = Length::mm(100);
    tc.width = Length::mm(wMm);
    tc.height = Length::mm(hMm);
    tc.style.fontSize = 10;
    return tc;
}

}  // namespace

TEST_CASE("greedy wrapping at spaces and after hyphens", "[layout][text]") {
    FixedMeasurer m;
    FontSpec f;
    // 10 pt font: 5 pt per character; width 50 pt = 10 characters.
    CHECK(texts(wrapText(m, f, 10, "aaa bbb ccc", 50, true)) == std::vector<std::string>{"aaa bbb", "ccc"});
    CHECK(texts(wrapText(m, f, 10, "Jean-Luc Picard", 50, true)) == std::vector<std::string>{"Jean-Luc", "Picard"});
    CHECK(texts(wrapText(m, f, 10, "abcd abcd-efghij", 50, true)) ==
          std::vector<std::string>{"abcd abcd-", "efghij"});
    CHECK(texts(wrapText(m, f, 10, "one\n\ntwo", 50, true)) == std::vector<std::string>{"one", "", "two"});
    CHECK(wrapText(m, f, 10, "", 50, true).empty());
    auto lines = wrapText(m, f, 10, "ab cd", 50, true);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].width == Approx(25.0));
}

TEST_CASE("long words split at the last fitting character, or overflow", "[layout][text]") {
    FixedMeasurer m;
    FontSpec f;
    CHECK(texts(wrapText(m, f, 10, "abcdefghijklmnopqrstuvw", 50, true)) ==
          std::vector<std::string>{"abcdefghij", "klmnopqrst", "uvw"});
    CHECK(texts(wrapText(m, f, 10, "ab abcdefghijklmn", 50, true)) ==
          std::vector<std::string>{"ab abcdefg", "hijklmn"});
    CHECK(texts(wrapText(m, f, 10, "ab abcdefghijklmn", 50, false)) ==
          std::vector<std::string>{"ab", "abcdefghijklmn"});
}

TEST_CASE("whitespace collapses and lines are trimmed", "[layout][text]") {
    CHECK(prepareText("  a \t  b  \r\nc  ") == "a b\nc");
}

TEST_CASE("text longer than a ticket can hold is cut at a character, with an ellipsis", "[layout][text]") {
    // Five megabytes of a name, as an API client could send: laid out, it would take minutes.
    std::string huge;
    for (std::size_t i = 0; huge.size() < 5'000'000; ++i) {
        huge += "\u00e9";  // two bytes each: a cut inside one would leave broken UTF-8
    }
    const std::string prepared = prepareText(huge);
    std::string expected;
    for (std::size_t i = 0; i < kMaxPrintableChars; ++i) {
        expected += "\u00e9";
    }
    CHECK(prepared == expected + "\u2026");
    // Text up to the limit is kept whole.
    CHECK(prepareText(expected) == expected);
}

TEST_CASE("auto-resize shrinks by 10 % (at least 1 pt) for height, small steps for width", "[layout][text]") {
    FixedMeasurer m;
    TextContainer tc = box(200, 5);  // 14.17 pt high: fits one line up to 12.3 pt
    tc.autoResize = true;
    tc.style.fontSize = 16;
    auto tall = fitText(m, tc, "abc def ghi jkl mno pqr stu vwx yza bcd efg hij klm nop qrs tuv wxy zab cde");
    // 16 -> 14.4 -> 12.96 -> 11.664 (one line of 11.664 * 1.15 = 13.41 pt <= 14.17).
    CHECK(tall.fontSize == Approx(11.664));
    CHECK(tall.lines.size() == 1);

    TextContainer narrow = box(20, 100);  // 56.7 pt wide
    narrow.autoResize = true;
    narrow.splitLongWords = false;
    narrow.style.fontSize = 10;
    auto fit = fitText(m, narrow, "abcdefghijklmn");  // 14 chars: needs fs <= 8.1
    CHECK(fit.fontSize <= 8.1);
    CHECK(fit.fontSize > 7.8);
    CHECK(fit.lines.size() == 1);

    TextContainer off = narrow;
    off.autoResize = false;
    CHECK(fitText(m, off, "abcdefghijklmn").fontSize == 10);
}

TEST_CASE("text box placement: first baseline = block top - fs, aligned inside the width", "[layout][text]") {
    FixedMeasurer m;
    TextContainer tc = box(30, 20);
    const double boxH = Length::mm(20).toPt();
    const double w = Length::mm(30).toPt();
    tc.verticalAlign = VAlign::Top;
    auto top = layoutTextContainer(m, tc, "ab");
    CHECK(top.pivot.x == Approx(Length::mm(10).toPt()));
    CHECK(top.pivot.y == Approx(Length::mm(120).toPt()));
    REQUIRE(top.lines.size() == 1);
    CHECK(top.lines[0].baseline == Approx(-10.0));
    CHECK(top.lines[0].x == Approx(0.0));

    tc.verticalAlign = VAlign::Middle;
    tc.style.align = HAlign::Center;
    auto mid = layoutTextContainer(m, tc, "ab");
    CHECK(mid.lines[0].baseline == Approx(-(boxH - 11.5) / 2.0 - 10.0));
    CHECK(mid.lines[0].x == Approx((w - 10.0) / 2.0));

    tc.verticalAlign = VAlign::Bottom;
    tc.style.align = HAlign::Right;
    auto bottom = layoutTextContainer(m, tc, "ab\ncd");
    REQUIRE(bottom.lines.size() == 2);
    CHECK(bottom.lines[0].baseline == Approx(-(boxH - 23.0) - 10.0));
    CHECK(bottom.lines[1].baseline == Approx(bottom.lines[0].baseline - 11.5));
    CHECK(bottom.lines[0].x == Approx(w - 10.0));
}

TEST_CASE("legacy text: upward from bottom, downward from the anchor", "[layout][text]") {
    FixedMeasurer m;
    TextArea ta;
    ta.base.left = Length::mm(10);
    ta.base.bottom = Length::mm(100);
    ta.width = Length::mm(100);
    ta.style.fontSize = 10;
    const double bottom = Length::mm(100).toPt();
    // Legacy leading max(fs, A - D) = 10.05; last baseline at bottom + 0.24 fs + (L - fs).
    auto up = layoutTextArea(m, ta, "one\ntwo");
    REQUIRE(up.lines.size() == 2);
    CHECK(up.pivot.y + up.lines[1].baseline == Approx(bottom + 2.4 + 0.05));
    CHECK(up.lines[0].baseline - up.lines[1].baseline == Approx(10.05));

    ta.lineHeight = 2.0;  // f = 2.3: D' = D + 1.3 * fs * 1.05
    auto tall = layoutTextArea(m, ta, "one");
    CHECK(tall.pivot.y + tall.lines[0].baseline == Approx(bottom - (-2.4 + 1.3 * 10 * 1.05) + 23.0 - 10.0));

    ta.lineHeight.reset();
    ta.downward = true;
    auto down = layoutTextArea(m, ta, "one");
    CHECK(down.pivot.y == Approx(bottom));
    CHECK(down.lines[0].baseline == Approx(2.4 / 2.5 - 10.0));
}

TEST_CASE("QR error correction follows the content length", "[layout][qr]") {
    CHECK(qrErrorLevel(std::string(32, 'a')) == QrErrorLevel::H);
    CHECK(qrErrorLevel(std::string(33, 'a')) == QrErrorLevel::M);
    CHECK(qrErrorLevel(std::string(128, 'a')) == QrErrorLevel::M);
    CHECK(qrErrorLevel(std::string(129, 'a')) == QrErrorLevel::L);
}
