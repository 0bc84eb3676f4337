"""Take full-page screenshots of the built site (desktop and phone widths, light and dark).

Usage: .venv/bin/python scripts/screenshots.py [page ...]   (pages relative to _build/html)
Writes PNGs to _build/screenshots/. A tool for looking at the site, not a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from proliferation_course import browser

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "screenshots"
SIZES = {"desktop": (1280, 900), "phone": (375, 740)}


def main(pages: list[str]) -> int:
    if not (SITE / "index.html").is_file():
        print(f"no built site at {SITE}: run `bash scripts/build-site.sh` first", file=sys.stderr)
        return 1
    pages = pages or [p.relative_to(SITE).as_posix() for p in browser.content_pages(SITE)]
    OUT.mkdir(parents=True, exist_ok=True)
    with browser.serve(SITE) as base, sync_playwright() as p:
        chromium = browser.launch(p)
        for scheme in ("light", "dark"):
            for size, (w, h) in SIZES.items():
                ctx = chromium.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
                page = ctx.new_page()
                for path in pages:
                    page.goto(f"{base}/{path}", wait_until="networkidle")
                    page.wait_for_timeout(500)
                    name = path.replace("/", "_").removesuffix(".html")
                    page.screenshot(path=str(OUT / f"{name}-{size}-{scheme}.png"), full_page=True)
                ctx.close()
        chromium.close()
    print(f"screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
