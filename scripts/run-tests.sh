#!/usr/bin/env bash
# Run every test: sets up .venv (and Debian's chromium, for the browser tests, if
# it is missing: see _env.sh), builds the site (warnings are errors), then runs pytest:
# models, data, figures, widgets, quizzes, doctests, the built HTML, the browser
# (offline, no console errors) and a second build in another folder (determinism).
#
#   bash scripts/run-tests.sh [pytest options]              build the site, then run the tests
#   bash scripts/run-tests.sh --no-build [pytest options]   do not build; run the tests that need
#                                                           no built site (pytest -m "not build")
# With --no-build, narrow the run further with -k (a -m of your own replaces "not build").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
if [ "${1:-}" = "--no-build" ]; then
  shift
  echo "== running the tests that need no built site (the site is not built)"
  exec python -m pytest -m "not build" "$@"
fi
bash "$ROOT/scripts/build-site.sh"
echo "== running the tests"
python -m pytest "$@"
