#include "boxoffice/desk/SearchText.h"

#include <cstdint>
#include <iterator>

namespace boxoffice::desk {

namespace {

// U+00C0 to U+017F, each to its ASCII base letters ("" where the character stays as it is).
constexpr const char* kLatin[] = {
    // U+00C0 ÀÁÂÃÄÅÆÇ ÈÉÊË ÌÍÎÏ
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00D0 ÐÑÒÓÔÕÖ× ØÙÚÛÜÝÞß
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    // U+00E0 àáâãäåæç èéêë ìíîï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0 ðñòóôõö÷ øùúûüýþÿ
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100 ĀāĂăĄą ĆćĈĉĊċČč ĎďĐđ
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", "d", "d",
    // U+0112 ĒēĔĕĖėĘęĚě
    "e", "e", "e", "e", "e", "e", "e", "e", "e", "e",
    // U+011C ĜĝĞğĠġĢģ ĤĥĦħ
    "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h",
    // U+0128 ĨĩĪīĬĭĮįİı ĲĳĴĵĶķĸ
    "i", "i", "i", "i", "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "k",
    // U+0139 ĹĺĻļĽľĿŀŁł
    "l", "l", "l", "l", "l", "l", "l", "l", "l", "l",
    // U+0143 ŃńŅņŇňŉŊŋ
    "n", "n", "n", "n", "n", "n", "n", "n", "n",
    // U+014C ŌōŎŏŐő Œœ ŔŕŖŗŘř
    "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r",
    // U+015A ŚśŜŝŞşŠš ŢţŤťŦŧ
    "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",
    // U+0168 ŨũŪūŬŭŮůŰűŲų ŴŵŶŷŸ ŹźŻżŽž ſ
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y",
    "z", "z", "z", "z", "z", "z", "s"};
static_assert(std::size(kLatin) == 0x180 - 0xC0);

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

// Greek small letters for the accented ones (U+0386 to U+03CE), 0 where none applies.
char32_t greekBase(char32_t c) {
    switch (c) {
    case 0x0386: case 0x03AC: return 0x03B1;  // alpha
    case 0x0388: case 0x03AD: return 0x03B5;  // epsilon
    case 0x0389: case 0x03AE: return 0x03B7;  // eta
    case 0x038A: case 0x03AF: case 0x03AA: case 0x03CA: case 0x0390: return 0x03B9;  // iota
    case 0x038C: case 0x03CC: return 0x03BF;  // omicron
    case 0x038E: case 0x03CD: case 0x03AB: case 0x03CB: case 0x03B0: return 0x03C5;  // upsilon
    case 0x038F: case 0x03CE: return 0x03C9;  // omega
    case 0x03C2: return 0x03C3;  // final sigma
    default: return 0;
    }
}

// The folded code point for Greek and Cyrillic, or `c` itself.
char32_t foldOther(char32_t c) {
    if (c >= 0x0386 && c <= 0x03CE) {
        if (const char32_t base = greekBase(c); base != 0) {
            return base;
        }
        if (c >= 0x0391 && c <= 0x03A9) {
            return c + 0x20;
        }
        return c;
    }
    if (c == 0x0401 || c == 0x0451) {
        return 0x0435;  // ё and Ё are searched as е
    }
    if (c >= 0x0400 && c <= 0x040F) {
        return c + 0x50;
    }
    if (c >= 0x0410 && c <= 0x042F) {
        return c + 0x20;
    }
    return c;
}

}  // namespace

void appendFolded(std::string& out, std::string_view utf8) {
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const auto* end = p + utf8.size();
    while (p < end) {
        const unsigned char b = *p;
        if (b < 0x80) {
            if (b >= 'A' && b <= 'Z') {
                out.push_back(static_cast<char>(b + ('a' - 'A')));
            } else if (b < 0x20 || b == 0x7F) {
                out.push_back(' ');
            } else {
                out.push_back(static_cast<char>(b));
            }
            ++p;
            continue;
        }
        // Decode one multi-byte sequence; a malformed one is copied a byte at a time.
        int length = 0;
        char32_t c = 0;
        if ((b & 0xE0) == 0xC0) {
            length = 2;
            c = b & 0x1F;
        } else if ((b & 0xF0) == 0xE0) {
            length = 3;
            c = b & 0x0F;
        } else if ((b & 0xF8) == 0xF0) {
            length = 4;
            c = b & 0x07;
        }
        bool valid = length > 0 && end - p >= length;
        for (int i = 1; valid && i < length; ++i) {
            if ((p[i] & 0xC0) != 0x80) {
                valid = false;
            } else {
                c = (c << 6) | (p[i] & 0x3F);
            }
        }
        if (!valid) {
            out.push_back(static_cast<char>(b));
            ++p;
            continue;
        }
        const auto* sequence = p;
        p += length;
        if (c >= 0xC0 && c < 0x180) {
            const char* base = kLatin[c - 0xC0];
            if (*base != '\0') {
                out.append(base);
                continue;
            }
        } else if (c >= 0x0218 && c <= 0x021B) {
            out.push_back(c < 0x021A ? 's' : 't');  // Romanian Șș Țț
            continue;
        } else if (c >= 0x0300 && c <= 0x036F) {
            continue;  // a combining accent
        } else if (const char32_t other = foldOther(c); other != c) {
            appendUtf8(out, other);
            continue;
        }
        out.append(reinterpret_cast<const char*>(sequence), static_cast<std::size_t>(length));
    }
}

}  // namespace boxoffice::desk
