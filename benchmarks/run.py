#!/usr/bin/env python
"""Benchmark report for the course website and its models (a report, not a test).

Usage::

    .venv/bin/python benchmarks/run.py [--skip-tests] [--output benchmarks/results/latest.md]

It measures, on a throw-away copy of the repository under /tmp:

1. the cold build time (no ``_build``) of each language, English and Japanese (the
   Japanese site executes every notebook again, into its own cache), and of both together,
2. the no-change rebuild time,
3. the rebuild time after touching one chapter source,
4. the page weight of every built page (own HTML, assets, first visit, visit
   after the root page, visit in table-of-contents order),

and, in the repository itself:

5. the time of one model call (median of repeated runs),
6. the time of the whole test suite (unless ``--skip-tests``).

It prints a Markdown report, writes it to ``--output`` and writes the same
data as JSON beside it (``latest.md`` -> ``latest.json``). Budgets are checked
and shown as PASS/FAIL, but the script always exits 0: it is a report.
Only the standard library and what the course's ``.venv`` holds are used.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gzip
import json
import os
import platform
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import traceback
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"
DEFAULT_OUTPUT = REPO / "benchmarks" / "results" / "latest.md"

KB = 1024  # the report's KB is 1024 bytes
BUDGET_PAGE_HTML = 250 * KB
BUDGET_REPEAT_VISIT = 300 * KB
BUDGET_REBUILD_FRACTION = 0.10
BUDGET_MODEL_CALL_MS = 50.0

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
EXCLUDED_PAGES = {"genindex.html", "search.html"}
FONT_PREFERENCE = ("woff2", "woff", "truetype", "ttf", "opentype", "otf")


def log(msg: str) -> None:
    """Progress goes to stderr, so stdout holds only the report."""
    print(f"== {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- environment


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def machine_info() -> dict[str, Any]:
    cpu = ""
    for line in _read("/proc/cpuinfo").splitlines():
        if line.lower().startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = None
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            mem = int(line.split()[1]) * 1024
            break
    os_name = ""
    for line in _read("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            os_name = line.split("=", 1)[1].strip().strip('"')
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count()
    return {
        "nproc": nproc,
        "memory_bytes": mem,
        "memory_gib": round(mem / 1024**3, 1) if mem else None,
        "cpu_model": cpu or platform.processor() or "unknown",
        "os": f"{os_name or platform.system()} (kernel {platform.release()}, {platform.machine()})",
    }


def package_versions() -> dict[str, str]:
    out = {}
    for name in ("jupyter-book", "sphinx", "myst-nb", "plotly"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit() -> dict[str, Any]:
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)

    try:
        head = git("rev-parse", "HEAD")
        commit = head.stdout.strip() if head.returncode == 0 and head.stdout.strip() else "uncommitted"
        status = git("status", "--porcelain")
        dirty = bool(status.stdout.strip()) if status.returncode == 0 else None
    except OSError:
        commit, dirty = "uncommitted", None
    return {"commit": commit, "working_tree_has_changes": dirty}


def build_env(extra_pythonpath: Path | None = None) -> dict[str, str]:
    """The environment of scripts/_env.sh: .venv first on PATH, no hash randomisation."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(REPO / ".venv")
    env["PYTHONHASHSEED"] = "0"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    if extra_pythonpath is not None:
        old = env.get("PYTHONPATH")
        env["PYTHONPATH"] = str(extra_pythonpath) + (os.pathsep + old if old else "")
    return env


# --------------------------------------------------------------------------- builds


def copy_repo(dest: Path) -> dict[str, Any]:
    """Copy tracked and untracked-but-not-ignored files into ``dest``."""
    res = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    copied, skipped = 0, []
    for rel in filter(None, res.stdout.split("\0")):
        src = REPO / rel
        dst = dest / rel
        try:
            if src.is_dir() and not src.is_symlink():  # e.g. a nested repository
                skipped.append(rel)
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst, follow_symlinks=False)
            copied += 1
        except FileNotFoundError:  # deleted by someone else since ls-files
            skipped.append(rel)
    # Installed front-end files (the plotly.js bundle) are not tracked, like .venv:
    # the copy uses the repository's install.
    modules = REPO / "scripts" / "node" / "node_modules"
    if modules.is_dir():
        (dest / "scripts" / "node" / "node_modules").symlink_to(modules, target_is_directory=True)
    return {"files_copied": copied, "files_skipped": skipped}


def run_build(root: Path, label: str, timeout: float, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    jb = VENV_BIN / "jupyter-book"
    cmd = [str(jb), "build", str(root), *extra, "--builder", "html",
           "--warningiserror", "--nitpick", "--keep-going"]
    log(f"{label}: {' '.join(cmd)}")
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=root, env=build_env(root), capture_output=True,
                              text=True, timeout=timeout)
        rc, out = proc.returncode, (proc.stdout or "") + (proc.stderr or "")
    except subprocess.TimeoutExpired as err:
        rc = None
        out = (err.stdout or b"").decode(errors="replace") if isinstance(err.stdout, bytes) \
            else (err.stdout or "")
        out += f"\n[benchmark] build timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    out = ANSI.sub("", out)
    problems = [ln.strip() for ln in out.splitlines()
                if re.search(r"\b(WARNING|ERROR|CRITICAL)\b|Traceback|Exception occurred", ln)]
    result = {
        "label": label,
        "seconds": round(seconds, 2),
        "returncode": rc,
        "ok": rc == 0,
        "notebooks_executed": len(re.findall(r"Executed notebook in", out)),
        "notebooks_failed": len(re.findall(r"Executing notebook failed", out)),
        "notebooks_from_cache": len(re.findall(r"Using cached notebook", out)),
        "problems": problems[:30],
        "output_tail": out.strip().splitlines()[-25:],
    }
    log(f"{label}: {seconds:.1f} s, exit {rc}")
    return result


LANGUAGE_CONFIG = "import sys; from proliferation_course.sphinxext.languages import main; sys.exit(main())"


def run_language_build(root: Path, language: str, label: str, timeout: float) -> dict[str, Any]:
    """The site in another language, as scripts/build-site.sh builds it: its own configuration
    (written by the course's languages module) and its own output folder and cache."""
    config = root / "_build" / f".{language}" / "_config.yml"
    subprocess.run([str(VENV_BIN / "python"), "-c", LANGUAGE_CONFIG, "config", language, str(config)],
                   cwd=root, env=build_env(root), check=True)
    return run_build(root, label, timeout,
                     ("--config", str(config), "--path-output", str(root / "_build" / f".{language}")))


def chapter_to_touch(root: Path) -> Path | None:
    chapters = root / "book" / "chapters"
    if chapters.is_dir():
        mds = sorted(p for p in chapters.rglob("*.md") if p.is_file())
        if mds:
            return mds[0]
    intro = root / "book" / "intro.md"
    return intro if intro.is_file() else None


# --------------------------------------------------------------------------- page weight


_ON_DEMAND = re.compile(r'window\.COURSE_(?:PLOTLY|MATHJAX)_SRC = "([^"]+)";')


class PageParser(HTMLParser):
    """Collect the assets a page loads and whether it holds a figure or math."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.assets: list[tuple[str, str]] = []  # (kind, url)
        self.in_body = False
        self.skip_depth = 0  # inside <script>/<style>
        self.has_figure = False
        self.has_math = False
        self.redirect: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "body":
            self.in_body = True
        if tag in ("script", "style"):
            self.skip_depth += 1
        if tag == "script" and a.get("src"):
            self.assets.append(("script", a["src"]))
        elif tag == "link" and a.get("href"):
            rel = a.get("rel", "").lower().split()
            if "stylesheet" in rel:
                self.assets.append(("stylesheet", a["href"]))
            elif "preload" in rel:
                self.assets.append((f"preload:{a.get('as', '')}", a["href"]))
        elif tag == "img" and a.get("src"):
            self.assets.append(("img", a["src"]))
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.redirect = a.get("content", "")
        if tag == "div" and "course-figure" in classes:
            self.has_figure = True
        if self.in_body and "math" in classes:
            self.has_math = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.skip_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip_depth:
            self.skip_depth -= 1
        if tag == "body":
            self.in_body = False

    def handle_data(self, data: str) -> None:
        # plotly.js and MathJax are not <script> tags: the page names them and course.js
        # loads them when a figure or formula nears the screen. A reader who scrolls the
        # page loads them, so they count in its weight.
        for m in _ON_DEMAND.finditer(data):
            self.assets.append(("script (on demand)", m.group(1)))
        if self.in_body and not self.skip_depth and ("\\(" in data or "\\[" in data):
            self.has_math = True


def resolve(base_rel: str, url: str) -> str | None:
    """Site-relative path of ``url`` referenced from the file ``base_rel``; None if not local."""
    url = url.strip()
    if not url or url.startswith(("data:", "javascript:", "#", "about:", "blob:")):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return "EXTERNAL:" + url
    path = unquote(parts.path)  # strips ?query and #fragment
    if not path:
        return None
    joined = path.lstrip("/") if path.startswith("/") else \
        posixpath.join(posixpath.dirname(base_rel), path)
    norm = posixpath.normpath(joined)
    return None if norm in (".", "") else norm


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}", re.I)
_SRC_ENTRY = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)\s*(?:format\(\s*["']?([^"')]+)["']?\s*\))?""",
                        re.I)


def css_dependencies(html_root: Path, css_rel: str) -> list[tuple[str, str]]:
    """(kind, url) loaded by a stylesheet: @import, and one file per @font-face.

    A browser downloads one source of each @font-face rule (the first format
    it supports), so the woff2 source is counted when there is one.
    """
    try:
        text = (html_root / css_rel).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    text = _CSS_COMMENT.sub("", text)
    deps = [("css-import", m.group(1)) for m in _CSS_IMPORT.finditer(text)]
    for face in _FONT_FACE.finditer(text):
        body = face.group(1)
        srcs = []
        for decl in re.finditer(r"(?:^|;)\s*src\s*:([^;]*)", body):
            srcs += [(m.group(1).strip(), (m.group(2) or "").lower())
                     for m in _SRC_ENTRY.finditer(decl.group(1))]
        srcs = [s for s in srcs if not s[0].startswith("data:")]
        if not srcs:
            continue

        def rank(s: tuple[str, str]) -> int:
            fmt = s[1] or s[0].rsplit(".", 1)[-1].lower()
            return FONT_PREFERENCE.index(fmt) if fmt in FONT_PREFERENCE else len(FONT_PREFERENCE)

        deps.append(("font", min(srcs, key=rank)[0]))
    return deps


def page_assets(html_root: Path, page_rel: str, parser: PageParser) -> dict[str, Any]:
    assets: dict[str, int] = {}
    kinds: dict[str, str] = {}
    missing: list[str] = []
    external: list[str] = []
    queue = [(kind, url, page_rel) for kind, url in parser.assets]
    while queue:
        kind, url, base = queue.pop(0)
        rel = resolve(base, url)
        if rel is None or rel in assets:
            continue
        if rel.startswith("EXTERNAL:"):
            external.append(rel[len("EXTERNAL:"):])
            continue
        path = html_root / rel
        if not path.is_file():
            missing.append(rel)
            assets[rel] = 0
            continue
        assets[rel] = path.stat().st_size
        kinds[rel] = kind
        if rel.lower().endswith(".css"):
            queue += [(k, u, rel) for k, u in css_dependencies(html_root, rel)]
    return {"assets": assets, "kinds": kinds, "missing": sorted(set(missing)),
            "external": sorted(set(external))}


def toc_order(root: Path) -> list[str]:
    """Built page paths (``book/intro.html``) in the order of _toc.yml."""
    try:
        import yaml  # in .venv (Jupyter Book depends on PyYAML)
        toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    except Exception:  # noqa: BLE001 - a broken toc just means no order
        return []
    files: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    files.append(node[key])
            for key, value in node.items():
                if key not in ("root", "file"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    out = []
    for f in files:
        f = re.sub(r"\.(md|ipynb|rst)$", "", f.strip("/"))
        if f + ".html" not in out:
            out.append(f + ".html")
    return out


_GZIP_CACHE: dict[Path, int] = {}


def gzip_size(path: Path) -> int:
    """Bytes after gzip -6, as a static server that compresses would send them."""
    if path not in _GZIP_CACHE:
        try:
            _GZIP_CACHE[path] = len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
        except OSError:
            _GZIP_CACHE[path] = 0
    return _GZIP_CACHE[path]


def page_weight(root: Path) -> dict[str, Any]:
    html_root = root / "_build" / "html"
    if not html_root.is_dir():
        return {"error": f"no built site at {html_root}", "pages": []}
    pages = []
    for path in sorted(html_root.rglob("*.html")):
        rel = path.relative_to(html_root).as_posix()
        if rel in EXCLUDED_PAGES or any(part.startswith("_") for part in rel.split("/")[:-1]):
            continue
        pages.append(rel)
    order = [p for p in toc_order(root) if p in pages]
    root_page = order[0] if order else ("index.html" if "index.html" in pages else
                                         (pages[0] if pages else None))
    tour = ([root_page] if root_page else []) + \
        [p for p in order if p != root_page] + sorted(p for p in pages if p not in order and p != root_page)

    info: dict[str, dict[str, Any]] = {}
    for rel in pages:
        html = (html_root / rel).read_text(encoding="utf-8", errors="replace")
        parser = PageParser()
        parse_error = None
        try:
            parser.feed(html)
            parser.close()
        except Exception as err:  # noqa: BLE001 - report, do not crash
            parse_error = f"{type(err).__name__}: {err}"
        found = page_assets(html_root, rel, parser)
        html_bytes = (html_root / rel).stat().st_size
        assets = found["assets"]
        info[rel] = {
            "page": rel,
            "html_bytes": html_bytes,
            "asset_count": len(assets),
            "assets_bytes": sum(assets.values()),
            "first_visit_bytes": html_bytes + sum(assets.values()),
            "assets": dict(sorted(assets.items(), key=lambda kv: -kv[1])),
            "missing_assets": found["missing"],
            "external_assets": found["external"],
            "loads_plotly": any("plotly" in a.lower() for a in assets),
            "loads_mathjax": any("mathjax" in a.lower() for a in assets),
            "has_course_figure": parser.has_figure,
            "has_math": parser.has_math,
            "redirect": parser.redirect,
            "parse_error": parse_error,
        }

    root_assets = set(info[root_page]["assets"]) if root_page else set()
    cache: set[str] = set()
    for rel in tour:
        p = info[rel]
        own = set(p["assets"])
        p["after_root_bytes"] = None if rel == root_page else \
            p["html_bytes"] + sum(p["assets"][a] for a in own - root_assets)
        p["tour_bytes"] = p["html_bytes"] + sum(p["assets"][a] for a in own - cache)
        gz = {a: gzip_size(html_root / a) for a in own}
        p["first_visit_gzip_bytes"] = gzip_size(html_root / rel) + sum(gz.values())
        p["after_root_gzip_bytes"] = None if rel == root_page else \
            gzip_size(html_root / rel) + sum(gz[a] for a in own - root_assets)
        cache |= own
    # Repeat visit: a reader who has been on the site before has the shared assets
    # (theme, course.js, plotly.js, MathJax) in the browser cache; arriving at a page
    # transfers its HTML plus any asset that no other page uses.
    for rel in tour:
        p = info[rel]
        used_elsewhere: set[str] = set()
        for other in tour:
            if other != rel:
                used_elsewhere |= set(info[other]["assets"])
        p["repeat_visit_bytes"] = p["html_bytes"] + sum(
            size for a, size in p["assets"].items() if a not in used_elsewhere)
    total_site = sum(f.stat().st_size for f in html_root.rglob("*") if f.is_file())
    return {"root_page": root_page, "visit_order": tour,
            "pages": [info[p] for p in tour], "site_bytes": total_site}


# --------------------------------------------------------------------------- model calls


def time_call(fn, number: int | None = None, repeat: int = 7) -> dict[str, Any]:
    fn()  # warm up (imports, caches)
    timer = timeit.Timer(fn)
    if number is None:
        number, _ = timer.autorange()  # enough calls for >= 0.2 s per run
    runs = [t / number * 1000 for t in timer.repeat(repeat=repeat, number=number)]
    return {"median_ms": statistics.median(runs), "min_ms": min(runs), "max_ms": max(runs),
            "calls_per_run": number, "runs": repeat}


def model_timings() -> list[dict[str, Any]]:
    sys.path.insert(0, str(REPO))
    results = []

    def add(name: str, model_call: bool, make) -> None:
        log(f"timing {name}")
        try:
            fn = make()
            r = time_call(fn, **({} if model_call else {"repeat": 5}))
            results.append({"call": name, "model_call": model_call, **r})
        except Exception as err:  # noqa: BLE001 - report, do not crash
            results.append({"call": name, "model_call": model_call,
                            "error": f"{type(err).__name__}: {err}"})

    def score():
        from proliferation_course.models import deterrence_score
        return lambda: deterrence_score(0.9, 0.3, 0.4)

    def score_weighted():
        from proliferation_course.models import deterrence_score
        return lambda: deterrence_score(0.9, 0.3, 0.4, rule="weighted_mean",
                                        weights=(2.0, 1.0, 1.0))

    def evaluate():
        from proliferation_course.models import evaluate_deterrence
        return lambda: evaluate_deterrence(0.9, 0.3, 0.4, gain=1.0, cost=3.0)

    def load():
        from proliferation_course.data import load_table
        return lambda: load_table("deterrence_presets")

    def figure():
        from proliferation_course.data import load_table
        from proliferation_course.figures import deterrence_triangle_figure
        return lambda: deterrence_triangle_figure(load_table("deterrence_presets"))

    add("deterrence_score(0.9, 0.3, 0.4)", True, score)
    add("deterrence_score(0.9, 0.3, 0.4, rule='weighted_mean', weights=(2, 1, 1))", True,
        score_weighted)
    add("evaluate_deterrence(0.9, 0.3, 0.4, gain=1, cost=3)", True, evaluate)
    add("load_table('deterrence_presets') (not a model call)", False, load)
    add("deterrence_triangle_figure(load_table('deterrence_presets')) (not a model call)",
        False, figure)
    return results


# --------------------------------------------------------------------------- tests


def run_tests(timeout: float) -> dict[str, Any]:
    cmd = [str(VENV_BIN / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    log(f"test suite: {' '.join(cmd)}")
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=REPO, env=build_env(), capture_output=True, text=True,
                              timeout=timeout)
        rc, out = proc.returncode, (proc.stdout or "") + (proc.stderr or "")
    except subprocess.TimeoutExpired:
        rc, out = None, f"[benchmark] test suite timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    lines = [ln for ln in out.splitlines() if ln.strip()]
    last = lines[-1].strip() if lines else ""
    counts = {}
    for n, word in re.findall(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|"
                              r"deselected|warnings?)", last):
        key = {"error": "errors", "warning": "warnings"}.get(word, word)
        counts[key] = counts.get(key, 0) + int(n)
    failures = [ln.strip() for ln in lines if ln.startswith(("FAILED ", "ERROR "))]
    log(f"test suite: {seconds:.1f} s, exit {rc}: {last}")
    return {"seconds": round(seconds, 2), "returncode": rc, "last_line": last,
            "counts": counts, "failures": failures[:40],
            "output_tail": lines[-15:] if rc not in (0, None) or not counts else []}


# --------------------------------------------------------------------------- budgets


def kb(n: int | None) -> str:
    return "—" if n is None else f"{n / KB:,.1f} KB"


def budget_checks(data: dict[str, Any]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []

    def add(name: str, limit: str, measured: str, ok: bool | None, details: str = "") -> None:
        checks.append({"check": name, "limit": limit, "measured": measured,
                       "result": "N/A" if ok is None else ("PASS" if ok else "FAIL"),
                       "details": details})

    builds = data.get("builds", {})
    failed_builds = [b["label"] for b in builds.values() if not b.get("ok")]
    add("every build succeeds (strict: -W --nitpick)", "exit 0",
        f"{len(builds) - len(failed_builds)}/{len(builds)} ok", not failed_builds if builds else None,
        ", ".join(failed_builds))

    pw = data.get("page_weight", {})
    pages = pw.get("pages", [])
    if pages:
        worst = max(pages, key=lambda p: p["html_bytes"])
        bad = [p["page"] for p in pages if p["html_bytes"] > BUDGET_PAGE_HTML]
        add("each page's own HTML", f"<= {kb(BUDGET_PAGE_HTML)}",
            f"max {kb(worst['html_bytes'])} ({worst['page']})", not bad, ", ".join(bad))
        others = [p for p in pages if not p.get("redirect")]
        if len(others) > 1:
            worst = max(others, key=lambda p: p["repeat_visit_bytes"])
            bad = [p["page"] for p in others if p["repeat_visit_bytes"] > BUDGET_REPEAT_VISIT]
            add("repeat visit to another page (shared assets cached)",
                f"<= {kb(BUDGET_REPEAT_VISIT)}",
                f"max {kb(worst['repeat_visit_bytes'])} ({worst['page']})", not bad, ", ".join(bad))
            first = [p for p in others if p["after_root_bytes"] is not None]
            if first:
                w = max(first, key=lambda p: p["after_root_bytes"])
                add(f"first arrival at another page after {pw['root_page']} (reported only; "
                    "the first page with a figure pays once for plotly.js)",
                    "reported only", f"max {kb(w['after_root_bytes'])} ({w['page']})", None)
        else:
            add("repeat visit to another page", f"<= {kb(BUDGET_REPEAT_VISIT)}",
                "only one page", None)
        for lib, loads, needs, what in (("plotly.js", "loads_plotly", "has_course_figure",
                                         'a class="course-figure" div'),
                                        ("MathJax", "loads_mathjax", "has_math", "math")):
            extra = [p["page"] for p in pages if p[loads] and not p[needs]]
            lacking = [p["page"] for p in pages if p[needs] and not p[loads]]
            n = sum(p[loads] for p in pages)
            details = []
            if extra:
                details.append(f"loaded without {what}: {', '.join(extra)}")
            if lacking:
                details.append(f"{what} but not loaded: {', '.join(lacking)}")
            add(f"{lib} only on pages with {what}", "only where needed",
                f"on {n}/{len(pages)} pages", not extra and not lacking, "; ".join(details))
    else:
        add("page weight", "pages built", "no pages", False, pw.get("error", ""))

    cold, warm = builds.get("cold"), builds.get("no_change")
    if cold and warm:
        limit = cold["seconds"] * BUDGET_REBUILD_FRACTION
        add("no-change rebuild", f"<= 1/10 of cold build ({limit:.1f} s)",
            f"{warm['seconds']:.1f} s ({warm['seconds'] / cold['seconds']:.1%} of "
            f"{cold['seconds']:.1f} s)", warm["seconds"] <= limit)

    for m in data.get("model_calls", []):
        if not m["model_call"]:
            continue
        if "error" in m:
            add(f"model call {m['call']}", f"<= {BUDGET_MODEL_CALL_MS:g} ms", "error", False,
                m["error"])
        else:
            add(f"model call {m['call']}", f"<= {BUDGET_MODEL_CALL_MS:g} ms",
                f"{m['median_ms']:.4f} ms", m["median_ms"] <= BUDGET_MODEL_CALL_MS)
    return checks


# --------------------------------------------------------------------------- report


def table(headers: list[str], rows: list[list[Any]]) -> str:
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(out)


def render(data: dict[str, Any]) -> str:
    env, m = data["environment"], data["environment"]["machine"]
    lines = ["# Course benchmark report", "",
             "A report, not a test: budgets are shown as PASS/FAIL and the script exits 0.", "",
             "## Environment", "",
             table(["Item", "Value"], [
                 ["Date (UTC)", data["date"]],
                 ["Git commit", env["git"]["commit"] + (" (working tree has uncommitted changes)"
                                                        if env["git"]["working_tree_has_changes"]
                                                        else "")],
                 ["Machine", f"{m['nproc']} CPUs, {m['memory_gib']} GiB RAM"],
                 ["CPU", m["cpu_model"]],
                 ["OS", m["os"]],
                 ["Python", env["python"]],
                 *[[k, v] for k, v in env["packages"].items()],
             ]), ""]

    builds = data.get("builds", {})
    if builds:
        lines += ["## Build times", "",
                  f"On a copy of the repository in a temporary folder "
                  f"({data['copy']['files_copied']} files; `jupyter-book build --builder html "
                  f"--warningiserror --nitpick --keep-going`, PYTHONHASHSEED=0).", ""]
        rows = []
        for b in builds.values():
            rows.append([b["label"], f"{b['seconds']:.1f} s",
                         "ok" if b["ok"] else f"FAILED (exit {b['returncode']})",
                         b["notebooks_executed"], b["notebooks_from_cache"]])
        lines += [table(["Build", "Time", "Status", "Notebooks executed",
                         "Notebooks from cache"], rows), ""]
        if data.get("languages"):
            t = data["languages"]
            lines += ["Cold build time per language (each executes every notebook, into its own cache):", "",
                      table(["Language", "Cold build"], [["English", f"{t['en']:.1f} s"],
                                                         ["Japanese", f"{t['ja']:.1f} s"],
                                                         ["both together", f"{t['both']:.1f} s"]]), ""]
        if data.get("touched"):
            lines += [f"Touched file: `{data['touched']}` (a blank line appended)."]
            t = builds.get("touched", {})
            if t.get("notebooks_from_cache") and not t.get("notebooks_executed"):
                lines += ["The touched page's outputs came from the jupyter-cache (its code "
                          "did not change), so this rebuild re-read and re-wrote pages but "
                          "executed no notebook."]
            elif t.get("notebooks_executed"):
                lines += [f"{t['notebooks_executed']} notebook(s) were re-executed."]
            lines += [""]
        for b in builds.values():
            if not b["ok"] and b["problems"]:
                lines += [f"Problems reported by the {b['label']} build:", "", "```"]
                lines += b["problems"][:15] + ["```", ""]
    if data.get("build_error"):
        lines += ["## Build error", "", "```", data["build_error"], "```", ""]

    pw = data.get("page_weight")
    if pw:
        lines += ["## Page weight", ""]
        if pw.get("pages"):
            lines += [
                f"Sizes on disk (uncompressed). Root page: `{pw['root_page']}`. "
                f"*After root*: what a visitor transfers arriving at the page after visiting the "
                f"root page (browser cache). *Repeat visit*: a reader who has been on the site "
                f"before (shared assets such as the theme, plotly.js and MathJax cached) arriving at "
                f"the page: its HTML plus any asset no other page uses; the 300 KB budget applies "
                f"here. *In tour*: the same, visiting every page in the order "
                f"of the table. *gzip*: the same bytes compressed (gzip -6), for information; the "
                f"budgets use the uncompressed sizes. Fonts: one file per @font-face rule "
                f"(woff2); fonts and components that MathJax fetches at run time are not "
                f"counted. Whole site on disk: {kb(pw['site_bytes'])}.", ""]
            rows = []
            for p in pw["pages"]:
                rows.append([
                    f"`{p['page']}`" + (" (redirect)" if p["redirect"] else ""),
                    kb(p["html_bytes"]), f"{kb(p['assets_bytes'])} ({p['asset_count']})",
                    kb(p["first_visit_bytes"]), kb(p["after_root_bytes"]),
                    kb(p["after_root_gzip_bytes"]), kb(p["repeat_visit_bytes"]), kb(p["tour_bytes"]),
                    "yes" if p["loads_plotly"] else "no",
                    "yes" if p["has_course_figure"] else "no",
                    "yes" if p["loads_mathjax"] else "no",
                    "yes" if p["has_math"] else "no",
                    "PASS" if p["html_bytes"] <= BUDGET_PAGE_HTML else "FAIL",
                    "—" if p["redirect"] else
                    ("PASS" if p["repeat_visit_bytes"] <= BUDGET_REPEAT_VISIT else "FAIL"),
                ])
            lines += [table(["Page", "HTML", "Assets (n)", "First visit", "After root",
                             "After root, gzip", "Repeat visit", "In tour", "plotly.js", "Figure",
                             "MathJax", "Math", "HTML ≤ 250 KB", "Repeat visit ≤ 300 KB"], rows), ""]
            root = next(p for p in pw["pages"] if p["page"] == pw["root_page"])
            big = list(root["assets"].items())[:8]
            lines += ["Largest assets of the root page: " +
                      ", ".join(f"`{a}` {kb(s)}" for a, s in big) + ".", ""]
            for p in pw["pages"]:
                if p["missing_assets"] or p["external_assets"]:
                    lines += [f"- `{p['page']}`: missing {p['missing_assets']}, "
                              f"external {p['external_assets']}"]
        else:
            lines += [f"No pages: {pw.get('error', 'nothing built')}", ""]

    if data.get("model_calls"):
        rows = []
        for mc in data["model_calls"]:
            if "error" in mc:
                rows.append([f"`{mc['call']}`", "error", "", "", mc["error"]])
            else:
                rows.append([f"`{mc['call']}`", f"{mc['median_ms']:.4f}",
                             f"{mc['min_ms']:.4f}–{mc['max_ms']:.4f}",
                             f"{mc['runs']} × {mc['calls_per_run']}",
                             (("PASS" if mc["median_ms"] <= BUDGET_MODEL_CALL_MS else "FAIL")
                              if mc["model_call"] else "reported only")])
        lines += ["## Model calls", "", "Per-call time in ms: median of repeated runs.", "",
                  table(["Call", "Median ms", "Range ms", "Runs × calls", "Budget 50 ms"], rows),
                  ""]

    t = data.get("tests")
    lines += ["## Test suite", ""]
    if t is None:
        lines += ["Skipped (`--skip-tests`).", ""]
    else:
        lines += [table(["Item", "Value"], [
            ["Command", "`.venv/bin/python -m pytest -q -p no:cacheprovider` (in the repository)"],
            ["Time", f"{t['seconds']:.1f} s"], ["Exit code", t["returncode"]],
            ["pytest summary", t["last_line"]],
            *[[k, v] for k, v in t["counts"].items()]]), ""]
        if t["failures"]:
            lines += ["Failures:", "", "```"] + t["failures"][:20] + ["```", ""]
        elif t["output_tail"]:
            lines += ["Output tail:", "", "```"] + t["output_tail"] + ["```", ""]

    checks = data["checks"]
    lines += ["## Budget checks", "",
              table(["Check", "Limit", "Measured", "Result", "Details"],
                    [[c["check"], c["limit"], c["measured"], f"**{c['result']}**"
                      if c["result"] == "FAIL" else c["result"], c["details"]] for c in checks]),
              ""]
    fails = [c for c in checks if c["result"] == "FAIL"]
    passes = sum(c["result"] == "PASS" for c in checks)
    lines += [f"**{passes} PASS, {len(fails)} FAIL.**", ""]
    for c in fails:
        lines.append(f"- FAIL: {c['check']}: {c['measured']} (limit {c['limit']})"
                     + (f" — {c['details']}" if c["details"] else ""))
    if data.get("errors"):
        lines += ["", "## Errors in the benchmark itself", ""]
        lines += [f"- {e}" for e in data["errors"]]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--skip-tests", action="store_true", help="do not run the test suite")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                    help="Markdown report (JSON is written beside it, .json)")
    ap.add_argument("--build-timeout", type=float, default=3600, help="seconds per build")
    ap.add_argument("--test-timeout", type=float, default=3600, help="seconds for pytest")
    ap.add_argument("--keep-temp", action="store_true", help="keep the temporary copy")
    args = ap.parse_args(argv)

    data: dict[str, Any] = {
        "date": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "environment": {"machine": machine_info(), "python": sys.version.split()[0],
                        "python_full": sys.version, "packages": package_versions(),
                        "git": git_commit()},
        "budgets": {"page_html_bytes": BUDGET_PAGE_HTML, "repeat_visit_bytes": BUDGET_REPEAT_VISIT,
                    "no_change_rebuild_fraction_of_cold": BUDGET_REBUILD_FRACTION,
                    "model_call_ms": BUDGET_MODEL_CALL_MS, "kb": KB},
        "errors": [],
    }

    tmp = Path(tempfile.mkdtemp(prefix="course-benchmark-", dir="/tmp"))
    log(f"temporary copy in {tmp}")
    try:
        try:
            data["copy"] = copy_repo(tmp)
            builds = {}
            builds["cold"] = run_build(tmp, "cold", args.build_timeout)
            builds["cold_ja"] = run_language_build(tmp, "ja", "cold (Japanese)", args.build_timeout)
            data["languages"] = {"en": builds["cold"]["seconds"], "ja": builds["cold_ja"]["seconds"],
                                 "both": round(builds["cold"]["seconds"] + builds["cold_ja"]["seconds"], 2)}
            builds["no_change"] = run_build(tmp, "no-change rebuild", args.build_timeout)
            target = chapter_to_touch(tmp)
            if target is not None:
                with target.open("a", encoding="utf-8") as fh:
                    fh.write("\n")
                data["touched"] = target.relative_to(tmp).as_posix()
                builds["touched"] = run_build(tmp, "rebuild after touching one chapter",
                                              args.build_timeout)
            else:
                data["errors"].append("no chapter or book/intro.md to touch")
            data["builds"] = builds
            log("measuring page weight")
            data["page_weight"] = page_weight(tmp)
        except Exception:  # noqa: BLE001 - report, do not crash
            data["build_error"] = traceback.format_exc()
            data["errors"].append("builds or page weight: see build_error")
        try:
            data["model_calls"] = model_timings()
        except Exception:  # noqa: BLE001
            data["errors"].append("model timings: " + traceback.format_exc())
        data["tests"] = None if args.skip_tests else run_tests(args.test_timeout)
    finally:
        if args.keep_temp:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    data["checks"] = budget_checks(data)
    report = render(data)
    out = args.output if args.output.is_absolute() else Path.cwd() / args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(data, indent=2, default=str) + "\n",
                                        encoding="utf-8")
    print(report)
    fails = [c for c in data["checks"] if c["result"] == "FAIL"]
    if fails:
        print(f"BUDGET FAILURES: {len(fails)} (see the table above); "
              f"this is a report, exit status 0.")
    log(f"wrote {out} and {out.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
