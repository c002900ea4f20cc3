// Search text as box-office staff type it: case and accents do not matter, so "muller" and
// "MÜLLER" find Müller, "sjon" finds Sjön, "strasse" finds Straße. Both the searched fields and
// the typed text are folded the same way and then compared byte for byte.
//
// Folding: ASCII letters to lower case; the Latin letters of Latin-1, Latin Extended-A and the
// Romanian comma-below letters to their base letter (ß to "ss", æ to "ae", œ to "oe", þ to
// "th"); Greek and Cyrillic capitals to small letters, Greek accents dropped, ё to е; combining
// accents (U+0300–U+036F) dropped; control characters to a space. Everything else is kept as
// it is. Malformed UTF-8 bytes are kept as they are. No allocation beyond `out`'s growth.
#pragma once

#include <string>
#include <string_view>

namespace boxoffice::desk {

void appendFolded(std::string& out, std::string_view utf8);

inline std::string folded(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    appendFolded(out, utf8);
    return out;
}

}  // namespace boxoffice::desk
