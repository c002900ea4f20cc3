# Sourced by update-translations.sh and check-translations.sh: the files xgettext reads and how.
# The desktop app's strings are _() and wxPLURAL in gui/; a lower layer has no wx, so the few
# labels of its that the app shows (through wxGetTranslation) are marked N_() there.
mapfile -t translation_sources < <(find gui -name '*.cpp' -o -name '*.h' | sort)
translation_sources+=(services/layout/src/Variables.cpp)  # the designer's variable catalogue
translation_keywords=(--keyword=_ --keyword=N_ --keyword=wxPLURAL:1,2 --keyword=wxTRANSLATE)
