#!/usr/bin/env bash
# The light set-up, for learners who cloned the repository and want to work the
# chapters and exercises live: no site build, no chromium, no npm.
#
#   bash scripts/setup-learner.sh
#
# It creates the virtual environment .venv (Python 3.11 or newer), installs the
# course package (editable) with JupyterLab, jupytext, jupyterlab-myst (MyST pages
# render as on the site), pytest and nbval, at the versions of requirements.txt,
# and copies the exercise notebooks into my-exercises/ (your own copies; files
# already there are never overwritten). Safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "The course needs Python 3.11 or newer; set PYTHON=/path/to/python3.11 and run again." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "== creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi
PIP=(.venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.txt)
echo "== installing the course package, JupyterLab, pytest and nbval (versions of requirements.txt)"
"${PIP[@]}" setuptools
"${PIP[@]}" --no-build-isolation -e ".[jupyter]" pytest nbval
mkdir -p my-exercises
for nb in book/exercises/ex*_*.ipynb; do
  case "$nb" in *_solution.ipynb) continue ;; esac
  [ -e "my-exercises/$(basename "$nb")" ] || cp "$nb" my-exercises/
done
cat <<MSG

Ready. Start JupyterLab with
  .venv/bin/jupyter lab
then open a chapter (book/chapters/*.md: right-click, Open With, Notebook) or an
exercise in my-exercises/ (your own copies: write your answers there).
MSG
