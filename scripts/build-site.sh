#!/usr/bin/env bash
# Build the course website into _build/html: creates .venv, installs the pinned
# requirements (and Debian's chromium and CJK fonts, which print the handouts to PDF), executes every notebook page (cached in _build/.jupyter_cache)
# and builds with warnings as errors.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
# jupyter-cache keys a page on its own code only. The pages' outputs also depend
# on the package, the data and the quizzes: when those change, start the cache afresh.
inputs="$(find proliferation_course data book/quizzes requirements.txt -type f \
  -not -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64)"
if [ "$(cat _build/.inputs-hash 2>/dev/null || true)" != "$inputs" ]; then
  rm -rf _build/.jupyter_cache _build/.doctrees _build/.instructor/_build/.doctrees
  mkdir -p _build && echo "$inputs" > _build/.inputs-hash
fi
echo "== building the learner edition into _build/html (warnings are errors)"
COURSE_EDITION=learner jupyter-book build "$ROOT" --builder html --warningiserror --nitpick --keep-going
test -f "$ROOT/_build/html/index.html"
# The instructor edition: the same sources with the instructor-only material, reusing the
# learner build's executed notebooks. It is built in _build/.instructor and copied to
# _build/instructor, beside the learner edition (never inside _build/html, which is published).
echo "== building the instructor edition into _build/instructor (warnings are errors)"
COURSE_EDITION=instructor jupyter-book build "$ROOT" --path-output "$ROOT/_build/.instructor" \
  --builder html --warningiserror --nitpick --keep-going
test -f "$ROOT/_build/.instructor/_build/html/index.html"
rm -rf "$ROOT/_build/instructor"
cp -a "$ROOT/_build/.instructor/_build/html" "$ROOT/_build/instructor"
# The seminar packets of both editions, printed from their built pages with one chromium.
echo "== printing the handouts of both editions to PDF"
python "$ROOT/scripts/make_handouts.py"
cat <<MSG

The learner edition (the public site) is in _build/html; the instructor edition, which
students must not see, is in _build/instructor. Open _build/html/index.html in a browser,
or serve it:
  bash scripts/serve.sh        # then open http://127.0.0.1:8000/
MSG
