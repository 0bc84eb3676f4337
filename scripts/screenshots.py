"""Take full-page screenshots of the built site (desktop and phone widths, light and dark).

Usage: .venv/bin/python scripts/screenshots.py [page ...]   (pages relative to _build/html)
Writes PNGs to _build/screenshots/. A tool for looking at the site, not a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from site_helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, content_pages, require_site, serve  # noqa: E402

OUT = ROOT / "_build" / "screenshots"
SIZES = {"desktop": (1280, 900), "phone": (375, 740)}


def main(pages: list[str]) -> None:
    site = require_site()
    pages = pages or [p.relative_to(site).as_posix() for p in content_pages(site)]
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            for size, (w, h) in SIZES.items():
                ctx = browser.new_context(viewport={"width": w, "height": h},
                                          color_scheme=scheme)
                page = ctx.new_page()
                for path in pages:
                    page.goto(f"{base}/{path}", wait_until="networkidle")
                    page.wait_for_timeout(500)
                    name = path.replace("/", "_").removesuffix(".html")
                    page.screenshot(path=str(OUT / f"{name}-{size}-{scheme}.png"), full_page=True)
                ctx.close()
        browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
