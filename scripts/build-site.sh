#!/usr/bin/env bash
# Build the course website into _build/html: creates .venv, installs the pinned
# requirements (and Debian's chromium and CJK fonts, which print the handouts to PDF), executes every notebook
# page (cached in _build/.jupyter_cache)
# and builds with warnings as errors. Then the Japanese site into _build/html/ja (same paths below it),
# from the same sources with the catalogues of locales/ja (its own cache, _build/.jupyter_cache_ja),
# and each language's instructor edition: _build/instructor and _build/instructor/ja.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
# jupyter-cache keys a page on its own code only. The pages' outputs also depend
# on the package, the data and the quizzes: when those change, start the caches afresh
# (both languages). The Sphinx extension, its templates and its styles are read by the
# build, never by a kernel: a change there only starts the doctrees afresh, and the
# notebooks are not executed again (the Japanese build doubles what a re-execution costs).
hash_files() { find "$@" -type f -not -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum \
  | sha256sum | cut -c1-64; }
kernel_inputs="$(hash_files data book/quizzes requirements.txt \
  $(find proliferation_course -mindepth 1 -maxdepth 1 -not -name sphinxext -not -name _templates \
    -not -name _static -not -name __pycache__ | sort))"
# The page catalogues are the pages' dependencies (Sphinx tracks them); the theme's strings are not.
build_inputs="$(hash_files proliferation_course locales/*/LC_MESSAGES/sphinx.po)"
if [ "$(cat _build/.inputs-hash 2>/dev/null || true)" != "$kernel_inputs" ]; then
  rm -rf _build/.jupyter_cache _build/.jupyter_cache_ja
  mkdir -p _build && echo "$kernel_inputs" > _build/.inputs-hash
fi
if [ "$(cat _build/.build-inputs-hash 2>/dev/null || true)" != "$build_inputs" ]; then
  rm -rf _build/.doctrees _build/.instructor/_build/.doctrees \
    _build/.ja/_build/.doctrees _build/.instructor-ja/_build/.doctrees
  mkdir -p _build && echo "$build_inputs" > _build/.build-inputs-hash
fi
echo "== building the learner edition into _build/html (warnings are errors)"
COURSE_EDITION=learner jupyter-book build "$ROOT" --builder html --warningiserror --nitpick --keep-going
test -f "$ROOT/_build/html/index.html"
# build_copy EDITION OUT TARGET [jupyter-book options]: build one edition in OUT (beside the
# learner edition's folders) and copy its HTML to TARGET.
build_copy() {
  local edition="$1" out="$2" target="$3"
  shift 3
  COURSE_EDITION="$edition" jupyter-book build "$ROOT" "$@" --path-output "$out" \
    --builder html --warningiserror --nitpick --keep-going
  test -f "$out/_build/html/index.html"
  rm -rf "$target"
  cp -a "$out/_build/html" "$target"
}
# The instructor edition: the same sources with the instructor-only material, reusing the
# learner build's executed notebooks. It is built in _build/.instructor and copied to
# _build/instructor, beside the learner edition (never inside _build/html, which is published).
echo "== building the instructor edition into _build/instructor (warnings are errors)"
build_copy instructor "$ROOT/_build/.instructor" "$ROOT/_build/instructor"
# The Japanese site. Jupyter Book cannot pass Sphinx's language on its command line (its issue 1791):
# the build writes a configuration of its own, _config.yml with locales/ja/_config.yml laid over it.
# It executes every notebook again, in Japanese, into its own cache (reused by its instructor edition).
python -c "import sys; from proliferation_course.sphinxext.languages import main; sys.exit(main())" \
  config ja "$ROOT/_build/.ja/_config.yml"
echo "== building the Japanese learner edition into _build/html/ja (warnings are errors)"
build_copy learner "$ROOT/_build/.ja" "$ROOT/_build/html/ja" --config "$ROOT/_build/.ja/_config.yml"
echo "== building the Japanese instructor edition into _build/instructor/ja (warnings are errors)"
build_copy instructor "$ROOT/_build/.instructor-ja" "$ROOT/_build/instructor/ja" \
  --config "$ROOT/_build/.ja/_config.yml"
# The seminar packets of both editions in both languages, printed from their built pages.
echo "== printing the handouts of both editions to PDF (English, then Japanese)"
python "$ROOT/scripts/make_handouts.py"
python "$ROOT/scripts/make_handouts.py" ja
cat <<MSG

The learner edition (the public site) is in _build/html, its Japanese version in
_build/html/ja; the instructor edition, which students must not see, is in _build/instructor
(Japanese: _build/instructor/ja). Open _build/html/index.html in a browser,
or serve it:
  bash scripts/serve.sh        # then open http://127.0.0.1:8000/
MSG
