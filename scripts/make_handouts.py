"""Print every handout page of the built site to PDF with Debian's chromium (offline).

Run after the site is built (scripts/build-site.sh does it):
    python scripts/make_handouts.py [SITE]
(SITE: another built site, such as _build/html/ja, the Japanese one; default _build/html.)
It writes _build/html/book/handouts/<part>.pdf next to each handout page. Each
PDF is dated by the source (its last commit), not by the time it was printed,
so that two builds of one commit are identical.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from proliferation_course import browser, source_dates
from proliferation_course.handouts import PARTS

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"


def main(site: Path = SITE) -> int:
    folder = site / "book" / "handouts"
    if not folder.is_dir():
        print(f"no handout pages in {folder}: build the site first", file=sys.stderr)
        return 1
    # No date fixed by the source (no history, no SOURCE_DATE_EPOCH): the Unix epoch, never the clock.
    when = source_dates.source_time(ROOT) or 0
    with browser.serve(site) as base, sync_playwright() as p:
        chromium = browser.launch(p)
        page = chromium.new_page()
        for part in PARTS:
            page.goto(f"{base}/book/handouts/{part}.html", wait_until="networkidle")
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=False,
                           margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
            if len(pdf) < 10_000:
                print(f"{part}.pdf: only {len(pdf)} bytes, something went wrong", file=sys.stderr)
                return 1
            target = folder / f"{part}.pdf"
            target.write_bytes(browser.pdf_dated(pdf, when))
            print(f"wrote {target.relative_to(ROOT)} ({len(pdf) // 1024} KB)")
        chromium.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else SITE))
