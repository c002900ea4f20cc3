#!/usr/bin/env bash
# Checks that every translation catalogue compiles (msgfmt --check) and that the template is
# current: a user-visible string added without running update-translations.sh fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for po in po/*.po; do
  [ -e "$po" ] || continue
  msgfmt --check --output-file=/dev/null "$po" || { echo "check-translations: $po does not compile"; status=1; }
done
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
source scripts/translation-sources.sh
xgettext --language=C++ --from-code=UTF-8 "${translation_keywords[@]}" \
  --sort-by-file -o "$tmp" "${translation_sources[@]}"
if ! diff <(grep -E '^msgid' "$tmp" | sort -u) <(grep -E '^msgid' po/boxoffice.pot | sort -u) >/dev/null; then
  echo "check-translations: po/boxoffice.pot is out of date; run scripts/update-translations.sh"
  diff <(grep -E '^msgid' "$tmp" | sort -u) <(grep -E '^msgid' po/boxoffice.pot | sort -u) | head -20
  status=1
fi
exit $status
