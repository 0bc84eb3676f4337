"""Screenshots and visual checks of every figure of the built site, in six views (a report, not a test).

For every figure page of ``_build/html`` and every figure on it, in each view
of the visual check (343, 375 and 1280 px wide, light and dark), this script
draws the figure, saves a screenshot of its whole frame (header, chart,
footer) and runs the visual check of ``tests/figure_checks.py`` (clipped
text, overlapping text, controls outside the figure, trace colours below 3:1).

Output, under ``benchmarks/results/figures/`` (the PNGs are not committed):

* ``<page>--<n>--<width>-<scheme>.png``: one screenshot per figure and view;
* ``report.json`` and ``report.md``: the problems found, figure by figure.

Usage::

    .venv/bin/python benchmarks/figures.py            # every figure page
    .venv/bin/python benchmarks/figures.py ch02 ch04  # pages whose name contains one of these

It needs the built site (``bash scripts/build-site.sh``) and Debian's chromium.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from proliferation_course.browser import content_pages, draw_every_figure, launch, serve
from proliferation_course.figure_checks import VIEW_HEIGHT, VIEWS, frame_of, visual_problems

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "_build" / "html"


def require_site() -> Path:
    if not (SITE / "index.html").is_file():
        raise SystemExit(f"no built site at {SITE}: run `bash scripts/build-site.sh` first")
    return SITE

OUT = REPO / "benchmarks" / "results" / "figures"
HIDE_PAGE_CHROME = (".bd-header, .bd-header-article, .header-article, .skip-link, #pst-back-to-top "
                    "{ display: none !important; }")


def figure_pages(only: list[str]) -> list[str]:
    site = require_site()
    pages = [p.relative_to(site).as_posix() for p in content_pages(site)
             if 'class="course-figure"' in p.read_text(encoding="utf-8")]
    return [p for p in pages if not only or any(o in p for o in only)]


def main(only: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    report: dict[str, dict[str, list[str]]] = {}
    with serve(require_site()) as url, sync_playwright() as p:
        browser = launch(p)
        for width, scheme in VIEWS:
            context = browser.new_context(viewport={"width": width, "height": VIEW_HEIGHT},
                                          color_scheme=scheme)
            page = context.new_page()
            for path in figure_pages(only):
                page.goto(f"{url}/{path}", wait_until="networkidle")
                # The theme's sticky header and floating buttons would cover the screenshots.
                page.add_style_tag(content=HIDE_PAGE_CHROME)
                undrawn = draw_every_figure(page)
                ids = page.eval_on_selector_all("div.course-figure", "els => els.map(e => e.id)")
                for n, div_id in enumerate(ids, 1):
                    name = f"{Path(path).stem}--{n}"
                    key = f"{width}-{scheme}"
                    frame = frame_of(page, div_id)
                    frame.scroll_into_view_if_needed()
                    page.wait_for_timeout(150)
                    frame.screenshot(path=str(OUT / f"{name}--{key}.png"))
                    problems = ["not drawn"] if div_id in undrawn else visual_problems(page, div_id)
                    title = page.locator(f"#{div_id}").get_attribute("aria-label")
                    report.setdefault(f"{name}: {title}", {})[key] = problems
                    print(f"{name} {key}: {len(problems)} problem(s)", flush=True)
            context.close()
        browser.close()
    (OUT / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    lines = ["# Visual check of every figure", "",
             "Views: " + ", ".join(f"{w} px {s}" for w, s in VIEWS) + ". Screenshots beside this file.", ""]
    clean = [f for f, views in report.items() if not any(views.values())]
    lines += [f"{len(clean)} of {len(report)} figures pass in every view.", ""]
    for fig, views in report.items():
        lines.append(f"## {fig}" + (" (passes)" if fig in clean else ""))
        for view, problems in views.items():
            if problems:
                lines.append(f"- {view}: " + "; ".join(sorted(set(problems))[:8])
                             + (f" (+{len(set(problems)) - 8} more)" if len(set(problems)) > 8 else ""))
        lines.append("")
    (OUT / "report.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(clean)} of {len(report)} figures pass every view; report in {OUT / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
