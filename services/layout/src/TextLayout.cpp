// Text wrapping, leading, auto-resize and placement (spec ticket-layout.md §6.2-§6.5).
#include "boxoffice/layout/TextLayout.h"

#include <algorithm>
#include <cmath>

namespace boxoffice::layout {
namespace {

constexpr double kLeadingFactor = 1.15;

std::size_t utf8Length(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    return std::min(n, s.size() - i);
}

// A piece of a word between break opportunities (after '-').
struct Segment {
    std::string_view text;
    bool spaceBefore = false;
};

class LineBuilder {
public:
    LineBuilder(TextMeasurer& m, const FontSpec& font, double fontSize, double maxWidth, bool split,
                std::vector<WrappedLine>& out)
        : m_m(m), m_font(font), m_fs(fontSize), m_max(maxWidth), m_split(split), m_out(out),
          m_space(m.advance(font, " ") * fontSize) {}

    // A segment wider than the line is a "long word" (break opportunities after hyphens count as
    // word ends, as in pretix where they are zero-width spaces).
    void add(const Segment& seg) {
        double w = width(seg.text);
        double sep = (!m_line.empty() && seg.spaceBefore) ? m_space : 0.0;
        if (m_width + sep + w <= m_max + 1e-9 || (m_line.empty() && !(m_split && w > m_max))) {
            append(seg.text, w, sep);
            return;
        }
        if (m_split && w > m_max) {
            // A long word first fills what is left of the current line, then continues below.
            std::string_view rest = seg.text;
            double avail = m_max - m_width - sep;
            std::size_t cut = fitting(rest, avail);
            if (cut == 0 && !m_line.empty()) {
                flush();
                sep = 0.0;
                avail = m_max;
                cut = fitting(rest, avail);
            }
            while (!rest.empty()) {
                if (cut == 0) {
                    cut = utf8Length(rest, 0);  // at least one character per line
                }
                append(rest.substr(0, cut), width(rest.substr(0, cut)), sep);
                rest.remove_prefix(cut);
                sep = 0.0;
                if (rest.empty()) {
                    break;
                }
                flush();
                if (width(rest) <= m_max) {
                    append(rest, width(rest), 0.0);
                    break;
                }
                cut = fitting(rest, m_max);
            }
            return;
        }
        flush();
        append(seg.text, w, 0.0);
    }

    void endHardLine() {
        m_out.push_back({m_line, m_width});
        m_line.clear();
        m_width = 0.0;
    }

private:
    double width(std::string_view s) { return m_m.advance(m_font, s) * m_fs; }

    // Bytes of the longest prefix of `s` no wider than `avail`.
    std::size_t fitting(std::string_view s, double avail) {
        double w = 0.0;
        std::size_t i = 0;
        while (i < s.size()) {
            std::size_t n = utf8Length(s, i);
            double cw = width(s.substr(i, n));
            if (w + cw > avail + 1e-9) {
                break;
            }
            w += cw;
            i += n;
        }
        return i;
    }

    void append(std::string_view s, double w, double sep) {
        if (sep > 0.0) {
            m_line += ' ';
        }
        m_line.append(s);
        m_width += sep + w;
    }

    void flush() {
        if (m_line.empty()) {
            return;
        }
        m_out.push_back({m_line, m_width});
        m_line.clear();
        m_width = 0.0;
    }

    TextMeasurer& m_m;
    const FontSpec& m_font;
    double m_fs;
    double m_max;
    bool m_split;
    std::vector<WrappedLine>& m_out;
    double m_space;
    std::string m_line;
    double m_width = 0.0;
};

double textAreaLeading(TextMeasurer& m, const TextArea& a, double fs) {
    if (a.lineHeight) {
        return *a.lineHeight * kLeadingFactor * fs;
    }
    return std::max(fs, (m.ascender(a.style.font) - m.descender(a.style.font)) * fs);
}

double alignX(HAlign align, double boxWidth, double lineWidth) {
    switch (align) {
        case HAlign::Center: return (boxWidth - lineWidth) / 2.0;
        case HAlign::Right: return boxWidth - lineWidth;
        case HAlign::Left: break;
    }
    return 0.0;
}

TextBlock makeBlock(const TextStyle& style, double fs, PointPt pivot, const std::vector<WrappedLine>& lines,
                    double boxWidth, double firstBaseline, double leading) {
    TextBlock block;
    block.font = style.font;
    block.fontSize = fs;
    block.color = style.color;
    block.pivot = pivot;
    block.rotation = style.rotation;
    double y = firstBaseline;
    for (const auto& line : lines) {
        if (!line.text.empty()) {
            block.lines.push_back({line.text, alignX(style.align, boxWidth, line.width), y});
        }
        y -= leading;
    }
    return block;
}

}  // namespace

std::string prepareText(std::string_view text) {
    std::string out;
    out.reserve(std::min<std::size_t>(text.size(), kMaxPrintableChars * 4));
    bool pendingSpace = false;
    std::size_t characters = 0;  // code points kept: UTF-8 bytes that do not continue one
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && characters == kMaxPrintableChars) {
            out += "\u2026";  // cut at a character boundary
            break;
        }
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++characters;
        }
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                continue;
            }
            c = '\n';
        }
        if (c == '\n') {
            out += '\n';
            pendingSpace = false;
            continue;
        }
        if (c == ' ' || c == '\t') {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace && !out.empty() && out.back() != '\n') {
            out += ' ';
        }
        pendingSpace = false;
        out += c;
    }
    return out;
}

std::vector<WrappedLine> wrapText(TextMeasurer& m, const FontSpec& font, double fontSize, std::string_view text,
                                  double maxWidth, bool splitLongWords) {
    std::vector<WrappedLine> out;
    if (text.empty()) {
        return out;
    }
    LineBuilder builder(m, font, fontSize, maxWidth, splitLongWords, out);
    std::size_t lineStart = 0;
    while (lineStart <= text.size()) {
        std::size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string_view::npos) {
            lineEnd = text.size();
        }
        std::string_view hard = text.substr(lineStart, lineEnd - lineStart);
        std::size_t pos = 0;
        bool firstWord = true;
        while (pos < hard.size()) {
            while (pos < hard.size() && hard[pos] == ' ') {
                ++pos;
            }
            if (pos >= hard.size()) {
                break;
            }
            std::size_t end = hard.find(' ', pos);
            if (end == std::string_view::npos) {
                end = hard.size();
            }
            std::string_view word = hard.substr(pos, end - pos);
            std::size_t segStart = 0;
            bool firstSegment = true;
            while (segStart < word.size()) {
                std::size_t hyphen = word.find('-', segStart);
                std::size_t segEnd = hyphen == std::string_view::npos ? word.size() : hyphen + 1;
                builder.add({word.substr(segStart, segEnd - segStart), firstSegment && !firstWord});
                firstSegment = false;
                segStart = segEnd;
            }
            firstWord = false;
            pos = end;
        }
        builder.endHardLine();
        lineStart = lineEnd + 1;
    }
    return out;
}

FitResult fitText(TextMeasurer& m, const TextContainer& box, std::string_view text) {
    const double boxW = box.width.toPt();
    const double boxH = box.height.toPt();
    double fs = box.style.fontSize;
    for (int guard = 0; guard < 1000; ++guard) {
        auto lines = wrapText(m, box.style.font, fs, text, boxW, box.splitLongWords);
        if (!box.autoResize || lines.empty() || fs <= 1.0) {
            return {fs, std::move(lines)};
        }
        double leading = box.lineHeight * kLeadingFactor * fs;
        double height = static_cast<double>(lines.size()) * leading;
        double widest = 0.0;
        for (const auto& l : lines) {
            widest = std::max(widest, l.width);
        }
        if (height <= boxH + 1e-9 && widest <= boxW + 1e-9) {
            return {fs, std::move(lines)};
        }
        if (height > boxH + 1e-9) {
            fs -= std::max(1.0, 0.10 * fs);
        } else {
            fs -= std::max(0.25, 0.025 * fs);
        }
        fs = std::max(fs, 1.0);
    }
    return {fs, wrapText(m, box.style.font, fs, text, boxW, box.splitLongWords)};
}

TextBlock layoutTextContainer(TextMeasurer& m, const TextContainer& box, std::string_view text) {
    FitResult fit = fitText(m, box, text);
    const double fs = fit.fontSize;
    const double leading = box.lineHeight * kLeadingFactor * fs;
    const double boxH = box.height.toPt();
    const double blockH = static_cast<double>(fit.lines.size()) * leading;
    double top = 0.0;
    if (box.verticalAlign == VAlign::Middle) {
        top = -(boxH - blockH) / 2.0;
    } else if (box.verticalAlign == VAlign::Bottom) {
        top = -(boxH - blockH);
    }
    PointPt pivot{box.base.left.toPt(), (box.base.bottom + box.height).toPt()};
    return makeBlock(box.style, fs, pivot, fit.lines, box.width.toPt(), top - fs, leading);
}

TextBlock layoutTextArea(TextMeasurer& m, const TextArea& area, std::string_view text) {
    const double fs = area.style.fontSize;
    auto lines = wrapText(m, area.style.font, fs, text, area.width.toPt(), true);
    const double leading = textAreaLeading(m, area, fs);
    const double descender = m.descender(area.style.font) * fs;  // negative
    const double blockH = static_cast<double>(lines.size()) * leading;
    if (area.downward) {
        PointPt pivot{area.base.left.toPt(), area.base.bottom.toPt()};
        double top = std::fabs(descender) / 2.5;
        return makeBlock(area.style, fs, pivot, lines, area.width.toPt(), top - fs, leading);
    }
    const double f = area.lineHeight ? kLeadingFactor * *area.lineHeight : 1.0;
    const double shiftedDescender = f != 1.0 ? descender + (f - 1.0) * fs * 1.05 : descender;
    PointPt pivot{area.base.left.toPt(), area.base.bottom.toPt() + blockH};
    return makeBlock(area.style, fs, pivot, lines, area.width.toPt(), -shiftedDescender - fs, leading);
}

}  // namespace boxoffice::layout
