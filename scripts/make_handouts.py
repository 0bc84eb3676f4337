"""Print every handout page of the built site to PDF with Debian's chromium (offline).

Run after the site is built (scripts/build-site.sh does it):
    python scripts/make_handouts.py
It writes _build/html/book/handouts/<part>.pdf next to each handout page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from proliferation_course.handouts import PARTS  # noqa: E402
from site_helpers import CHROMIUM, CHROMIUM_ARGS, SITE, serve  # noqa: E402


def main() -> int:
    folder = SITE / "book" / "handouts"
    if not folder.is_dir():
        print(f"no handout pages in {folder}: build the site first", file=sys.stderr)
        return 1
    with serve(SITE) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for part in PARTS:
            page.goto(f"{base}/book/handouts/{part}.html", wait_until="networkidle")
            page.emulate_media(media="print")
            target = folder / f"{part}.pdf"
            page.pdf(path=str(target), format="A4", print_background=False,
                     margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
            size = target.stat().st_size
            if size < 10_000:
                print(f"{target}: only {size} bytes, something went wrong", file=sys.stderr)
                return 1
            print(f"wrote {target.relative_to(ROOT)} ({size // 1024} KB)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
