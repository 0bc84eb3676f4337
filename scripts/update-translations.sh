#!/usr/bin/env bash
# Bring the Japanese catalogues (locales/ja/LC_MESSAGES/<page>.po) up to date with the English sources.
#
#   bash scripts/update-translations.sh                 every page that has a catalogue
#   bash scripts/update-translations.sh book/chapters/ch01_proposal ...   these pages (starts their catalogues)
#   bash scripts/update-translations.sh --package       only the package's texts (figures, panels, quizzes, messages)
#
# It extracts the translation units of every page with Sphinx's gettext builder (the instructor
# edition: it holds every unit of the learner edition and the instructor material; no notebook is
# executed), then sphinx-intl merges them into the catalogues: a new unit arrives empty, a unit whose
# English changed is marked fuzzy (its old translation kept as a draft), a removed unit is kept as
# obsolete (#~). Translate, remove the fuzzy marks, and run tests/test_translations.py.
#
# The package's own texts (what it writes at run time: figures, panels, quizzes, messages) have
# their catalogues inside the package, proliferation_course/locale/ja/LC_MESSAGES/<domain>.po, one
# per module or quiz; they are extracted and merged the same way, every time (see
# proliferation_course/i18n.py).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
update_package() {
  echo "== extracting the package's texts into _build/.gettext/package"
  local pots="$ROOT/_build/.gettext/package"
  rm -rf "$pots"
  python -m proliferation_course.sphinxext.messages "$pots" >/dev/null
  sphinx-intl update --pot-dir "$pots" --language ja --locale-dir "$ROOT/proliferation_course/locale" \
    --line-width 100
}
if [ "${1:-}" = "--package" ]; then
  update_package
  exit 0
fi
LOCALES="$ROOT/locales/ja/LC_MESSAGES"
echo "== extracting the translation units (gettext, instructor edition) into _build/.gettext"
COURSE_EDITION=instructor jupyter-book build "$ROOT" --path-output "$ROOT/_build/.gettext" \
  --builder custom --custom-builder gettext >/dev/null  # not -W: glue keys need executed notebooks
pots="$ROOT/_build/.gettext/_build/gettext"
if [ $# -eq 0 ]; then
  mapfile -t pages < <(cd "$LOCALES" && find . -name '*.po' -not -name sphinx.po | sed 's|^\./||; s|\.po$||' | sort)
else
  pages=("$@")
fi
chosen="$(mktemp -d)"
trap 'rm -rf "$chosen"' EXIT
for page in "${pages[@]}"; do
  if [ ! -f "$pots/$page.pot" ]; then
    echo "no page $page in the book (its units would be in $pots/$page.pot)" >&2
    exit 1
  fi
  mkdir -p "$chosen/$(dirname "$page")"
  cp "$pots/$page.pot" "$chosen/$page.pot"
done
sphinx-intl update --pot-dir "$chosen" --language ja --locale-dir "$ROOT/locales" --line-width 100
update_package
echo "Now translate the empty and fuzzy units; bash scripts/run-tests.sh --no-build -k translations checks them."
