#!/usr/bin/env bash
# Extracts the translatable strings of the desktop app (_() in gui/, and the labels marked N_() in
# the few lower-layer files the app shows text of) into po/boxoffice.pot and merges them into
# every po/<lang>.po. Run after changing user-visible text; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/translation-sources.sh
xgettext --language=C++ --from-code=UTF-8 "${translation_keywords[@]}" \
  --add-comments=TRANSLATORS: --package-name="Box Office" --msgid-bugs-address="" \
  --sort-by-file -o po/boxoffice.pot "${translation_sources[@]}"
for po in po/*.po; do
  [ -e "$po" ] || continue
  msgmerge --quiet --update --backup=none "$po" po/boxoffice.pot
done
echo "update-translations.sh: $(grep -c '^msgid ' po/boxoffice.pot) strings in po/boxoffice.pot"
