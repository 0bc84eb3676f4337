"""Lighthouse on every page of the built site, mobile and desktop, median of three runs.

Usage (from the repository root, after ``bash scripts/build-site.sh``)::

    .venv/bin/python benchmarks/lighthouse.py                     # every page, 3 runs each
    .venv/bin/python benchmarks/lighthouse.py --runs 1 --pages 'book/chapters/*'
    .venv/bin/python benchmarks/run.py --lighthouse               # the same, inside the full benchmark

The site in ``_build/html`` is served from 127.0.0.1 the way a static host serves
it: text files (HTML, CSS, JavaScript, JSON, SVG, CSV) gzip-compressed when the
browser accepts it, with ``Cache-Control: max-age=600`` (GitHub Pages' setting).
Lighthouse (pinned in ``benchmarks/lighthouse/package-lock.json``, installed here
with ``npm ci`` on first use) runs Debian's chromium headless: one browser per
page (``runner.mjs``) for all its runs, mobile then desktop, each run a fresh
navigation with an emptied cache (reusing the browser saves launching it and
loading Lighthouse for every run, a third of the time). For each page and preset
the report keeps the run with the median performance score (Lighthouse's own
advice for noisy runs), and gives the performance, accessibility and
best-practices scores, FCP, LCP, TBT, CLS and the bytes transferred.
Accessibility is scored on each preset's first run only: it does not vary from
run to run, and it is the slowest part of a run.

It is a report, not a test: it always exits 0 and asserts nothing. The budgets
(mobile performance >= 97, desktop 100, best practices 100) are shown as
PASS or FAIL. Scores depend on the machine and its load: compare runs made on
the same machine. Results go to ``benchmarks/results/lighthouse.md`` and
``lighthouse.json``.
"""

from __future__ import annotations

import argparse
import fnmatch
import functools
import gzip
import http.server
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from proliferation_course.browser import chromium_path

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "_build" / "html"
LH_DIR = REPO / "benchmarks" / "lighthouse"
LH_BIN = LH_DIR / "node_modules" / ".bin" / "lighthouse"
OUT = REPO / "benchmarks" / "results" / "lighthouse.md"
CHROMIUM = chromium_path()  # the course's one place that finds chromium
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage")
BUDGETS = {"mobile": 97, "desktop": 100}
TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".csv", ".txt", ".map")
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint",
           "tbt": "total-blocking-time", "cls": "cumulative-layout-shift",
           "bytes": "total-byte-weight"}


def log(msg: str) -> None:
    print(f"[lighthouse] {msg}", file=sys.stderr, flush=True)


class StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host does: gzip for text, a short cache lifetime."""

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def send_head(self):  # noqa: ANN201 - the base class's signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gz = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gz and path.is_file() and path.suffix in TEXT_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(StaticHostHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def ensure_lighthouse() -> str:
    if not LH_BIN.exists():
        log("installing the pinned Lighthouse (npm ci in benchmarks/lighthouse)")
        subprocess.run(["npm", "ci", "--prefix", str(LH_DIR), "--no-audit", "--no-fund",
                        "--loglevel=error"], check=True)
    out = subprocess.run([str(LH_BIN), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def redirects(page: Path) -> bool:
    """Whether ``page`` only sends the reader on (``index.html`` and ``ja/index.html``, a meta refresh
    to the introduction): its target is measured itself."""
    head = page.read_text(encoding="utf-8", errors="replace")[:2000].lower()
    return 'http-equiv="refresh"' in head and "<article" not in head


def site_pages(site: Path, patterns: list[str]) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if "_static" not in p.parts and "_sources" not in p.parts and not redirects(p))
    if patterns:
        pages = [p for p in pages if any(fnmatch.fnmatch(p, pat) for pat in patterns)]
    return pages


RUNNER = LH_DIR / "runner.mjs"


def summarise(r: dict[str, Any]) -> dict[str, Any]:
    """The figures the report keeps from one Lighthouse report (its ``lhr``)."""
    if r.get("runtimeError") or "categories" not in r:
        return {"error": str(r.get("runtimeError", {}).get("message", "no report"))[-800:]}
    res: dict[str, Any] = {k: (round(v["score"] * 100) if v.get("score") is not None else None)
                           for k, v in r["categories"].items()}
    for key, audit in METRICS.items():
        res[key] = r["audits"][audit].get("numericValue")
    failed = [a for a in ("errors-in-console", "inspector-issues", "valid-source-maps")
              if r["audits"].get(a, {}).get("score") == 0]
    res["failed_audits"] = failed
    net = r["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    res["requests"] = len(net)
    res["external_requests"] = sorted({i["url"] for i in net
                                       if not i["url"].startswith(("http://127.0.0.1", "data:"))})
    return res


def run_page(url: str, runs: int, workdir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every run of one page, mobile then desktop, on one Chrome (``runner.mjs``).

    Each run is a fresh Lighthouse navigation with an emptied cache. The first run of each
    preset also scores accessibility, which does not vary from run to run; every run scores
    performance and best practices.
    """
    jobs = []
    for preset in ("mobile", "desktop"):
        for i in range(runs):
            cats = ["performance", "best-practices"] + (["accessibility"] if i == 0 else [])
            jobs.append({"url": url, "preset": preset, "categories": cats,
                         "out": str(workdir / f"{preset}-{i}.json")})
    spec = workdir / "jobs.json"
    spec.write_text(json.dumps({"chromePath": CHROMIUM, "chromeFlags": CHROME_FLAGS.split(),
                                "jobs": jobs}), encoding="utf-8")
    proc = subprocess.run(["node", str(RUNNER), str(spec)], capture_output=True, text=True,
                          timeout=240 * len(jobs))
    out: dict[str, list[dict[str, Any]]] = {"mobile": [], "desktop": []}
    for job in jobs:
        path = Path(job["out"])
        if not path.exists():
            out[job["preset"]].append({"error": (proc.stderr or proc.stdout)[-800:] or "no report"})
            continue
        out[job["preset"]].append(summarise(json.loads(path.read_text(encoding="utf-8"))))
        path.unlink()
    return out


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    good = [r for r in runs if "error" in r or r.get("performance") is not None]
    ok = [r for r in good if "error" not in r]
    if not ok:
        return runs[0]
    ok.sort(key=lambda r: r["performance"])
    chosen = dict(ok[(len(ok) - 1) // 2])
    chosen["all_performance"] = [r["performance"] for r in ok]
    # Accessibility is scored on the first run only (it does not vary from run to run).
    chosen["accessibility"] = next((r["accessibility"] for r in ok if r.get("accessibility") is not None), None)
    chosen["errors"] = len(runs) - len(ok)
    return chosen


def versions(lighthouse: str) -> dict[str, str]:
    chrom = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {"lighthouse": lighthouse, "chromium": chrom, "node": node, "cpus": str(os.cpu_count()),
            "cpu": cpu, "os": platform.platform(), "python": platform.python_version()}


def fmt_ms(v: float | None) -> str:
    return "-" if v is None else (f"{v / 1000:.1f} s" if v >= 1000 else f"{v:.0f} ms")


def render(data: dict[str, Any]) -> str:
    lines = ["# Lighthouse report", "",
             f"Date: {data['date']}. Commit: `{data['commit']}`. Runs per page and preset: {data['runs']} "
             "(the run with the median performance score is shown).", "",
             "Machine and versions: " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()) + ".", "",
             "Served from 127.0.0.1 as a static host serves it (gzip for text, `Cache-Control: max-age=600`). "
             f"Budgets: mobile performance >= {BUDGETS['mobile']}, desktop >= {BUDGETS['desktop']}, "
             "best practices 100. This is a report, "
             "not a test.", ""]
    for preset in ("mobile", "desktop"):
        lines += [f"## {preset.capitalize()}", "",
                  "| page | perf | a11y | best pr. | FCP | LCP | TBT | CLS | KB | runs (perf) | budget |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for page, res in data["pages"].items():
            r = res[preset]
            if "error" in r:
                lines.append(f"| {page} | error | | | | | | | | | FAIL |")
                continue
            ok = (r["performance"] >= BUDGETS[preset] and r["best-practices"] == 100)
            lines.append(
                f"| {page} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | "
                f"{fmt_ms(r['fcp'])} | {fmt_ms(r['lcp'])} | {fmt_ms(r['tbt'])} | {r['cls']:.3f} | "
                f"{r['bytes'] / 1024:.0f} | {r['all_performance']} | {'PASS' if ok else 'FAIL'} |")
        lines.append("")
    worst = {p: min((res[p].get("performance") or 0) for res in data["pages"].values())
             for p in ("mobile", "desktop")}
    ext = sorted({u for res in data["pages"].values() for p in ("mobile", "desktop")
                  for u in res[p].get("external_requests", [])})
    lines += ["## Summary", "",
              f"- Lowest mobile performance: {worst['mobile']}; lowest desktop: {worst['desktop']}.",
              f"- External requests seen by Lighthouse: {len(ext)}"
              + (f" ({', '.join(ext)})" if ext else "") + ".",
              ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per page and preset (median kept)")
    ap.add_argument("--pages", action="append", default=[], help="glob of pages, relative to the site")
    ap.add_argument("--site", type=Path, default=SITE)
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not (args.site / "book" / "intro.html").exists():
        log(f"no built site in {args.site}: run bash scripts/build-site.sh first")
        return 0
    lh = ensure_lighthouse()
    pages = site_pages(args.site, args.pages)
    server, base = serve(args.site)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                            text=True).stdout.strip() or "uncommitted"
    data: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M"), "commit": commit, "runs": args.runs,
                            "versions": versions(lh), "pages": {}}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i, page in enumerate(pages, 1):
                runs = run_page(f"{base}/{page}", args.runs, Path(tmp))
                data["pages"][page] = {preset: median_run(runs[preset]) for preset in ("mobile", "desktop")}
                m, d = data["pages"][page]["mobile"], data["pages"][page]["desktop"]
                log(f"{i}/{len(pages)} {page}: mobile {m.get('performance')}, desktop {d.get('performance')}")
    finally:
        server.shutdown()
    data["median_mobile"] = statistics.median(
        r["mobile"]["performance"] for r in data["pages"].values() if r["mobile"].get("performance") is not None)
    report = render(data)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    args.output.with_suffix(".json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
