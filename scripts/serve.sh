#!/usr/bin/env bash
# Serve the built site on 127.0.0.1 (optional; build it first with scripts/build-site.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-8000}"
test -f "$ROOT/_build/html/index.html" || { echo "No site yet: run bash scripts/build-site.sh first" >&2; exit 1; }
echo "Serving http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/_build/html"
