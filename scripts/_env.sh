# Shared set-up for the course's scripts: a virtual environment in .venv with the
# exact pins of requirements.txt and the course package installed in editable mode.
# Sourced by build-site.sh and run-tests.sh; safe to run again (it only installs on change).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating the virtual environment in .venv"
  "$PYTHON" -m venv "$VENV"
fi
want="$(cat requirements.txt pyproject.toml | sha256sum | cut -c1-64)"
if [ "$(cat "$VENV/.course-installed" 2>/dev/null || true)" != "$want" ]; then
  echo "== installing the pinned requirements (requirements.txt)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
  # The course package, editable: the checkout's own files (setuptools comes from the pins).
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$want" > "$VENV/.course-installed"
fi
export PATH="$VENV/bin:$PATH"
# cffconvert (validates CITATION.cff) pins jsonschema 3, which Jupyter's jsonschema 4
# cannot share: it gets a venv of its own, with the exact pins of its requirements file.
CFFCONVERT_VENV="$VENV/tools/cffconvert"
want_cff="$(sha256sum scripts/requirements-cffconvert.txt | cut -c1-64)"
if [ "$(cat "$CFFCONVERT_VENV/.course-installed" 2>/dev/null || true)" != "$want_cff" ]; then
  echo "== installing cffconvert into its own environment (.venv/tools/cffconvert)"
  "$PYTHON" -m venv "$CFFCONVERT_VENV"
  "$CFFCONVERT_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r scripts/requirements-cffconvert.txt
  echo "$want_cff" > "$CFFCONVERT_VENV/.course-installed"
fi
# Debian's chromium: the build prints the handouts to PDF with it, and the tests drive it.
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# Japanese prints as Japanese: the handouts and a page printed from the browser need a CJK
# font, which chromium embeds in every PDF it writes (Debian's Noto CJK fonts).
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed"; then
  echo "== installing Debian's fonts-noto-cjk (Japanese in the printed handouts)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null
fi
# Front-end files the site ships: plotly.js, bundled for the course from its pinned source
# (scripts/node/plotly-course.js: core, bar and heatmap) by esbuild, and purgecss, which the
# build uses to trim the stylesheet bundles (scripts/node/purge-css.mjs), all pinned with their
# integrity in scripts/node/package-lock.json; npm ci installs exactly those.
# npm (Debian's package) installs them; install it when it is missing, as for chromium.
if ! command -v npm >/dev/null 2>&1; then
  echo "== installing Debian's npm"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
fi
want_node="$(cat scripts/node/package-lock.json scripts/node/plotly-course.js scripts/node/build-plotly.js | sha256sum | cut -c1-64)"
if [ "$(cat scripts/node/node_modules/.course-installed 2>/dev/null || true)" != "$want_node" ] \
    || [ ! -f scripts/node/dist/plotly-course.min.js ]; then
  echo "== installing the pinned front-end files (scripts/node/package-lock.json) and bundling plotly.js"
  npm ci --prefix scripts/node --no-audit --no-fund --loglevel=error >/dev/null
  node scripts/node/build-plotly.js
  echo "$want_node" > scripts/node/node_modules/.course-installed
fi
# Builds must not depend on hash randomisation (search index order, sets).
export PYTHONHASHSEED=0
export PYDEVD_DISABLE_FILE_VALIDATION=1
