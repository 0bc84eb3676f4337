#!/usr/bin/env bash
# Run every test: sets up .venv, installs Debian's chromium for the browser tests
# if it is missing, builds the site (warnings are errors), then runs pytest:
# models, data, figures, widgets, quizzes, doctests, the built HTML, the browser
# (offline, no console errors) and a second build in another folder (determinism).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium for the browser tests"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
bash "$ROOT/scripts/build-site.sh"
echo "== running the tests"
python -m pytest "$@"
