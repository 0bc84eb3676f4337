#!/usr/bin/env bash
# Run every test: sets up .venv (and Debian's chromium, for the browser tests, if
# it is missing: see _env.sh), builds the site (warnings are errors), then runs pytest:
# models, data, figures, widgets, quizzes, doctests, the built HTML, the browser
# (offline, no console errors) and a second build in another folder (determinism).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
bash "$ROOT/scripts/build-site.sh"
echo "== running the tests"
python -m pytest "$@"
