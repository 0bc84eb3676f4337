"""Every PDF of both editions, opened: page numbers, no raw TeX, fonts embedded (a CJK font
wherever Japanese appears), the figures' text where a figure was placed, no heading left at
the foot of a page, and instructor material only in the instructor edition.

The packets are printed by scripts/make_handouts.py (run by scripts/build-site.sh) from the
edition's built chapter pages; the test reads the figures a packet holds from those pages,
with the package's own reader (proliferation_course.handouts.chapter_print).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from proliferation_course import handouts
from site_helpers import ROOT, require_site

INSTRUCTOR_SITE = ROOT / "_build" / "instructor"
PACKETS = [p.id for p in handouts.packets()]
CHAPTERS = {p.id: p.chapters for p in handouts.packets()}
CAPSTONE = {"role_cards": "book/instructor/role_cards.pdf", "scoring_sheet": "book/instructor/scoring_sheet.pdf"}
RAW_TEX = ("$\\", "\\frac", "\\dot", "\\(", "\\[", "\\mathrm", "\\text{")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")
PAGE_NUMBER = re.compile(r"Page (\d+) of (\d+)")
#: The page footer of a Japanese PDF ("3ページ（全12ページ）").
PAGE_NUMBER_JA = re.compile(r"(\d+)ページ（全(\d+)ページ）")
#: The packets' own headings: none may end a page.
HEADINGS = ("Key points of the reading", "Discussion questions", "Worksheet: predict, then record", "Key data")
#: The same headings, as a Japanese packet prints them (read here, not from the package's catalogue,
#: so that a missing or wrong translation fails).
HEADINGS_JA = ("読む範囲の要点", "討論課題", "ワークシート：予想してから記録する", "主要データ")
JA_SITES = {"learner": ROOT / "_build" / "html" / "ja", "instructor": INSTRUCTOR_SITE / "ja"}


def _pdfs(site: Path) -> list[Path]:
    return sorted(site.rglob("*.pdf"))


def _language(pdf: Path, site: Path) -> str:
    """The language of a PDF of a site: "ja" below the site's ja/ folder."""
    rel = pdf.relative_to(site).as_posix()
    return "ja" if rel.startswith("ja/") or site.name == "ja" else "en"


def _fonts(resources, out: list[dict], seen: set[int]) -> None:
    """Every font a page uses, with those of the forms it draws (plotly's figures are forms)."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        subtype = font.get("/Subtype")
        desc = (font["/DescendantFonts"][0].get_object().get("/FontDescriptor") if subtype == "/Type0"
                else font.get("/FontDescriptor"))
        desc = desc.get_object() if desc is not None else {}
        embedded = (any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    or (subtype == "/Type3" and len(font.get_object().get("/CharProcs", {})) > 0))
        name = f"{font.get('/BaseFont', '')} {desc.get('/FontName', '')} {desc.get('/FontFamily', '')}"
        out.append({"name": name, "subtype": subtype, "embedded": embedded})
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) not in seen:
            seen.add(id(xobject))
            _fonts(xobject.get("/Resources"), out, seen)


def _axis_titles(figure_json: str) -> list[str]:
    layout = json.loads(figure_json).get("layout", {})
    titles = []
    for key, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", key) and isinstance(axis, dict):
            title = axis.get("title")
            text = title.get("text") if isinstance(title, dict) else title
            if text:
                titles.append(re.sub(r"<[^>]+>", " ", str(text)))
    return titles


def _placed_figures(site: Path, packet: str) -> list[handouts.FigurePrint]:
    """The explorers' figures a packet places: those of its chapters' built pages."""
    figures = []
    for stem in CHAPTERS.get(packet, ()):
        page = (site / "book" / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
        chapter = handouts.chapter_print(page, stem)
        figures += [f for explorer in chapter.explorers for f in explorer.figures]
    return figures


def _squash(text: str) -> str:
    """Text compared without whitespace, with ligatures (ﬁ) and typographic apostrophes undone, and
    the figure dash read back as the en dash it was drawn from (the Japanese fonts map an en dash's
    glyph to U+2012 in the PDF's text)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2012", "\u2013")
    return "".join(text.split())


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _check_pdf(pdf: Path, site: Path) -> list[str]:
    """What is wrong with one PDF (an empty list when nothing is)."""
    problems = []
    reader = PdfReader(pdf)
    name = pdf.relative_to(site).as_posix()
    texts = [page.extract_text() or "" for page in reader.pages]
    n = len(reader.pages)
    if n < 1:
        return [f"{name}: no pages"]
    ja = _language(pdf, site) == "ja"
    for i, (page, text) in enumerate(zip(reader.pages, texts, strict=True), 1):
        number = f"{i}ページ（全{n}ページ）" if ja else f"Page {i} of {n}"
        if number not in text:
            problems.append(f"{name} p. {i}: no page number {number!r}")
        if ja and PAGE_NUMBER.search(text):
            problems.append(f"{name} p. {i}: an English page number in a Japanese PDF")
        for tex in RAW_TEX:
            if tex in text:
                problems.append(f"{name} p. {i}: raw TeX {tex!r}")
        fonts: list[dict] = []
        _fonts(page.get("/Resources"), fonts, set())
        for font in fonts:
            if not font["embedded"]:
                problems.append(f"{name} p. {i}: font not embedded: {font['name']}")
        if CJK.search(text) and not any("CJK" in f["name"] and f["embedded"] for f in fonts):
            problems.append(f"{name} p. {i}: Japanese ({CJK.findall(text)[:5]}) but no CJK font embedded")
        if ja and not any("CJK" in f["name"] and f["embedded"] for f in fonts):
            problems.append(f"{name} p. {i}: a page of a Japanese PDF embeds no Japanese font")
        lines = [ln.strip() for ln in text.splitlines()
                 if ln.strip() and not PAGE_NUMBER.fullmatch(ln.strip())
                 and not PAGE_NUMBER_JA.fullmatch(ln.strip())
                 and "Selective nuclear" not in ln and "「選択的核拡散」をめぐる論争" not in ln]
        if i < n and lines and lines[-1] in (HEADINGS_JA if ja else HEADINGS):
            problems.append(f"{name} p. {i}: the heading {lines[-1]!r} ends the page")
    whole = _squash(" ".join(texts))
    # The figures of the pages the packet was printed from: the Japanese pages for a Japanese packet.
    pages = site / "ja" if ja and site.name != "ja" else site
    for figure in _placed_figures(pages, pdf.stem):
        for title in _axis_titles(figure.figure_json):
            if _squash(title) not in whole:
                problems.append(f"{name}: the axis title {title!r} of a placed figure is not in the PDF")
    return problems


@pytest.mark.build
def test_every_packet_is_printed_in_both_editions() -> None:
    site = require_site()
    assert (INSTRUCTOR_SITE / "index.html").is_file(), "no instructor edition: run `bash scripts/build-site.sh`"
    for root in (site, INSTRUCTOR_SITE):
        for packet in PACKETS:
            assert (root / "book" / "handouts" / f"{packet}.pdf").is_file(), f"{root.name}: {packet}.pdf missing"
        assert not (root / "book" / "handouts" / "print").exists(), "the packets' HTML is left in the site"
    for pdf in CAPSTONE.values():
        assert (INSTRUCTOR_SITE / pdf).is_file(), f"{pdf} missing from the instructor edition"
        assert not (site / pdf).exists(), f"{pdf} is in the learner edition"


@pytest.mark.build
@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_every_pdf_has_page_numbers_embedded_fonts_no_raw_tex_and_its_figures(edition: str) -> None:
    site = require_site() if edition == "learner" else INSTRUCTOR_SITE
    pdfs = _pdfs(site)
    assert len(pdfs) >= len(PACKETS), f"{edition}: only {len(pdfs)} PDFs"
    problems = [p for pdf in pdfs for p in _check_pdf(pdf, site)]
    assert not problems, "\n".join(problems[:30])


@pytest.mark.build
def test_the_packets_hold_figures_worksheets_and_japanese() -> None:
    site = require_site()
    for packet in PACKETS:
        assert _placed_figures(site, packet), f"{packet}: no explorer figure to place"
        text = _pdf_text(site / "book" / "handouts" / f"{packet}.pdf")
        assert "Discussion questions" in text and "Key points of the reading" in text
        assert "I PREDICT" in text.upper() and "I SAW" in text.upper(), f"{packet}: no worksheet printed"
        assert "Figure 1." in text, f"{packet}: no figure caption"
    # Japanese in what a packet prints (a term beside its English, a figure's label) prints as
    # Japanese, not as empty boxes; the CJK font itself is checked page by page above.
    with_japanese = [packet for packet in PACKETS if _prints_japanese(site, packet)]
    assert with_japanese, "no packet prints Japanese: the CJK check would test nothing"
    for packet in with_japanese:
        text = _pdf_text(site / "book" / "handouts" / f"{packet}.pdf")
        assert CJK.search(text), f"{packet}.pdf lost its Japanese"


def _prints_japanese(site: Path, packet: str) -> bool:
    for stem in CHAPTERS[packet]:
        page = (site / "book" / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
        ch = handouts.chapter_print(page, stem)
        printed = [ch.key_points, *ch.questions] + [
            part for e in ch.explorers for part in (*e.intro, *(t for f in e.figures for t in f.things_to_try))]
        if CJK.search(BeautifulSoup("".join(printed), "html.parser").get_text()):
            return True
    return False


@pytest.mark.build
def test_instructor_notes_are_in_the_instructor_packets_only() -> None:
    site = require_site()
    for packet in PACKETS:
        learner = _pdf_text(site / "book/handouts" / f"{packet}.pdf")
        instructor = _pdf_text(INSTRUCTOR_SITE / "book/handouts" / f"{packet}.pdf")
        assert "Notes for instructors" not in learner, f"learner {packet}.pdf prints instructor notes"
        assert "Notes for instructors" in instructor, f"instructor {packet}.pdf has no notes"
        if packet.startswith("week"):
            assert "THE SYLLABUS FOR THIS WEEK" in instructor.upper()
            assert "THE SYLLABUS FOR THIS WEEK" not in learner.upper()


@pytest.mark.build
def test_each_role_card_has_a_page_of_its_own() -> None:
    assert (INSTRUCTOR_SITE / "index.html").is_file(), "no instructor edition: run `bash scripts/build-site.sh`"
    page = (INSTRUCTOR_SITE / "book/instructor/role_cards.html").read_text(encoding="utf-8")
    cards = [" ".join(h.get_text(" ").replace("#", "").split())
             for h in BeautifulSoup(page, "html.parser").select("main section section section > h3")]
    assert len(cards) >= 10
    reader = PdfReader(INSTRUCTOR_SITE / CAPSTONE["role_cards"])
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    where = {card: [i for i, text in enumerate(pages) if card in text] for card in cards}
    assert all(where.values()), f"cards not printed: {[c for c, w in where.items() if not w]}"
    firsts = [w[0] for w in where.values()]
    assert len(set(firsts)) == len(cards), "two cards share a page"
    sheet = _pdf_text(INSTRUCTOR_SITE / CAPSTONE["scoring_sheet"])
    assert "Sheet 1" in sheet and "Sheet 2" in sheet


# ---------------------------------------------------------------- the Japanese PDFs

def _japanese_pdfs(edition: str) -> list[Path]:
    site = JA_SITES[edition]
    assert (site / "index.html").is_file(), f"no Japanese {edition} site: run `bash scripts/build-site.sh`"
    return _pdfs(site)


@pytest.mark.build
@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_every_japanese_pdf_is_printed_with_japanese_scaffolding(edition: str) -> None:
    """The Japanese site's packets: every packet printed, a Japanese font embedded on every page,
    Japanese page numbers and no raw TeX (checked by _check_pdf), and the packets' own words
    (headings, worksheet, running title) in Japanese, none of their English left."""
    site = JA_SITES[edition]
    pdfs = _japanese_pdfs(edition)
    names = {p.relative_to(site).as_posix() for p in pdfs}
    for packet in PACKETS:
        assert f"book/handouts/{packet}.pdf" in names, f"ja {edition}: {packet}.pdf missing"
    if edition == "instructor":
        assert {*CAPSTONE.values()} <= names, f"ja instructor: capstone PDFs missing from {sorted(names)}"
    problems = [p for pdf in pdfs for p in _check_pdf(pdf, site)]
    assert not problems, "\n".join(problems[:30])
    english = ("Key points of the reading", "Discussion questions", "Worksheet: predict", "Before: I predict",
               "After: I saw", "Set and ask", "Seminar packet", "Key data", "Page 1 of", "Instructor edition")
    for packet in PACKETS:
        text = _pdf_text(site / "book" / "handouts" / f"{packet}.pdf")
        assert "読む範囲の要点" in text and "討論課題" in text, f"ja {packet}.pdf: headings not Japanese"
        assert "操作前：予想" in text and "操作後：観察結果" in text, f"ja {packet}.pdf: worksheet not Japanese"
        assert "「選択的核拡散」をめぐる論争" in text, f"ja {packet}.pdf: no Japanese running title"
        left = [w for w in english if w in text]
        assert not left, f"ja {edition} {packet}.pdf prints the packet's English words {left}"
        if packet.startswith("week"):
            assert f"第{int(packet[4:])}週" in text, f"ja {packet}.pdf: its week is not named in Japanese"
    if edition == "instructor":
        week = _pdf_text(site / "book" / "handouts" / "week03.pdf")
        assert "今週のシラバス" in week and "教員版" in week
