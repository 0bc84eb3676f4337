"""Print the seminar packets of both editions to PDF with one Debian chromium (offline).

Run after both editions are built (scripts/build-site.sh does it):
    python scripts/make_handouts.py [ja]
(``ja``: the Japanese site's editions, _build/html/ja and _build/instructor/ja.)
For each edition (the learner edition in _build/html; the instructor edition in
_build/instructor, when it is built) it writes one packet per week of the
13-week syllabus (week01.pdf ... week13.pdf) and one per part (part1.pdf ...)
into book/handouts/, the bilingual glossary (glossary_bilingual.pdf, English and
Japanese side by side) beside them, and, in the instructor edition only, the capstone's role
cards (one per page) and scoring sheet into book/instructor/. Each packet's
HTML is assembled by proliferation_course.handouts from the edition's own
built pages, written for the print into book/handouts/print/ (removed again:
the published site keeps only the PDFs) and printed with a running title and
page numbers. Each PDF is dated by the source (its last commit), not by the
time it was printed, so that two builds of one commit are identical.
"""

from __future__ import annotations

import shutil
import sys
from html import escape
from pathlib import Path

from playwright.sync_api import sync_playwright

from proliferation_course import browser, handouts, i18n, source_dates

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {"learner": ROOT / "_build" / "html", "instructor": ROOT / "_build" / "instructor"}
#: The Japanese site's editions, below the English ones.
EDITIONS_JA = {edition: site / "ja" for edition, site in EDITIONS.items()}
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}
#: The fonts of the running title and the page footer (chromium draws them outside the page's CSS):
#: a Japanese font from Debian's fonts-noto-cjk first for Japanese packets.
FONTS = {"en": "'Liberation Sans', sans-serif",
         "ja": "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', 'Liberation Sans', sans-serif"}


def footer(lang: str = "en") -> str:
    """The page footer: "Page n of N", in the packet's language (chromium fills in the numbers)."""
    with i18n.speaking(lang):
        text = i18n._(handouts.WORDS.page).format(page='<span class="pageNumber"></span>',
                                                        total='<span class="totalPages"></span>')
    return (f'<div lang="{lang}" style="font-family: {FONTS[lang]}; font-size: 8px; width: 100%; '
            f'text-align: center; color: #333;">{text}</div>')


FOOTER = footer("en")


def header(title: str, lang: str = "en") -> str:
    from html import escape

    return (f'<div lang="{lang}" style="font-family: {FONTS[lang]}; font-size: 8px; width: 100%; '
            f'margin: 0 15mm; color: #333; border-bottom: 0.5px solid #999;">{escape(title)}</div>')


def documents(site: Path, edition: str) -> list[tuple[str, str, str]]:
    """(path under the site for the HTML, its running title, path of the PDF) for every packet,
    after writing each packet's HTML into the site."""
    chapters: dict[str, handouts.ChapterPrint] = {}
    out = []
    folder = site / "book" / "handouts"
    printed = folder / "print"
    printed.mkdir(parents=True, exist_ok=True)
    static = "../../../_static/"
    for packet in handouts.packets():
        for stem in packet.chapters:
            if stem not in chapters:
                page = site / "book" / "chapters" / f"{stem}.html"
                chapters[stem] = handouts.chapter_print(page.read_text(encoding="utf-8"), stem)
        extra = ""
        if packet.part is not None:
            extra = handouts.part_data_html((folder / f"{packet.part}.html").read_text(encoding="utf-8"))
        body = handouts.packet_body(packet, chapters, edition=edition, extra=extra)
        srcs = {chapters[s].plotly_src for s in packet.chapters} - {None}
        if len(srcs) > 1:
            raise ValueError(f"packet {packet.id}: its chapters use different plotly.js bundles {sorted(srcs)}")
        title = handouts.running_title(handouts.packet_heading(packet, chapters), edition)
        doc = handouts.packet_document(title, body, edition=edition, static=static,
                                       plotly_src=next(iter(srcs), None))
        (printed / f"{packet.id}.html").write_text(doc, encoding="utf-8")
        out.append((f"book/handouts/print/{packet.id}.html", title, f"book/handouts/{packet.id}.pdf"))
    # The bilingual glossary (both languages side by side), for seminars that mix them.
    title = handouts.running_title(i18n._(handouts.L_BILINGUAL), edition)
    doc = handouts.packet_document(title, handouts.bilingual_glossary_body(handouts.bilingual_glossary()),
                                   edition=edition, static=static)
    (printed / "glossary_bilingual.html").write_text(doc, encoding="utf-8")
    out.append(("book/handouts/print/glossary_bilingual.html", title, "book/handouts/glossary_bilingual.pdf"))
    if edition == "instructor":
        for name, make, label in ((handouts.ROLE_CARDS, handouts.role_cards_body, handouts.WORDS.role_cards),
                                  (handouts.SCORING_SHEET, handouts.sheet_body,
                                   handouts.WORDS.scoring_sheet)):
            page = (site / f"{name}.html").read_text(encoding="utf-8")
            title = handouts.running_title(i18n._(label), edition)
            doc = handouts.packet_document(title, f"<h1>{escape(i18n._(label))}</h1>" + make(page),
                                           edition=edition, static=static)
            stem = name.rsplit("/", 1)[-1]
            (printed / f"{stem}.html").write_text(doc, encoding="utf-8")
            out.append((f"book/handouts/print/{stem}.html", title, f"{name}.pdf"))
    return out


def main(editions: dict[str, Path] = EDITIONS, lang: str = "en") -> int:
    """Print every packet of ``editions``; the packets' own words (headings, worksheet, running
    title, page footer) in ``lang``, the language of the site being printed."""
    with i18n.speaking(lang):
        return _main(editions, lang)


def _main(editions: dict[str, Path], lang: str) -> int:
    # No date fixed by the source (no history, no SOURCE_DATE_EPOCH): the Unix epoch, never the clock.
    when = source_dates.source_time(ROOT) or 0
    sites = {e: s for e, s in editions.items() if (s / "index.html").is_file()}
    if "learner" not in sites:
        print(f"no site in {editions['learner']}: build the site first", file=sys.stderr)
        return 1
    with sync_playwright() as p:
        chromium = browser.launch(p)
        for edition, site in sites.items():
            docs = documents(site, edition)
            with browser.serve(site) as base:
                page = chromium.new_page()
                for html_path, title, pdf_path in docs:
                    page.goto(f"{base}/{html_path}", wait_until="load")
                    page.wait_for_function("document.documentElement.dataset.figuresReady"
                                           " && document.documentElement.dataset.mathReady", timeout=60_000)
                    ready = page.evaluate("document.documentElement.dataset.figuresReady")
                    if ready != "yes":
                        print(f"{html_path}: figures not drawn ({ready})", file=sys.stderr)
                        return 1
                    pdf = page.pdf(format="A4", print_background=False, margin=MARGIN,
                                   display_header_footer=True, header_template=header(title, lang),
                                   footer_template=footer(lang), prefer_css_page_size=False)
                    target = site / pdf_path
                    target.write_bytes(browser.pdf_dated(pdf, when))
                    print(f"wrote {edition}: {pdf_path} ({len(pdf) // 1024} KB)")
                page.close()
            shutil.rmtree(site / "book" / "handouts" / "print")
        chromium.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(EDITIONS_JA, "ja") if sys.argv[1:] == ["ja"] else main(EDITIONS))
