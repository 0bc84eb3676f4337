"""Handouts: assembled from the chapters and the data, printed to PDF, linked from the site."""

from __future__ import annotations

from html import escape

import pytest
from pypdf import PdfReader

from proliferation_course.handouts import PARTS, chapter_sections, handout, plain_markdown
from site_helpers import ROOT, require_site


def test_plain_markdown_resolves_roles_and_drops_instructor_notes() -> None:
    text = ("1. Is {term}`deterrence <Deterrence>` enough {cite:p}`snyder1961`?\n\n"
            "```{instructor}\nSecret.\n```\n")
    out = plain_markdown(text)
    assert out == "1. Is deterrence enough (Snyder 1961)?"


@pytest.mark.parametrize("part", list(PARTS))
def test_a_handout_holds_every_chapter_summary_and_question(part: str) -> None:
    h = handout(part)
    html = h.to_html()
    assert len(h.chapters) >= 1
    for title, summary, questions in h.chapters:
        assert escape(title) in html
        assert "Notes for instructors" not in questions
        assert "{cite" not in summary + questions and "{term" not in summary + questions
    assert html.count('class="course-table"') == len(PARTS[part]["tables"])


def test_the_handout_follows_a_change_in_a_chapter(tmp_path, monkeypatch) -> None:
    import proliferation_course.handouts as ho

    src = ROOT / "book" / "chapters" / "ch03_breakout.md"
    sections = chapter_sections(src)
    assert "Summary" in sections
    copy = tmp_path / "ch03_breakout.md"
    copy.write_text(src.read_text(encoding="utf-8").replace(
        "## Summary\n", "## Summary\n\n- A sentence added for the test.\n", 1), encoding="utf-8")
    chapters = [copy if p.name == "ch03_breakout.md" else p for p in
                ho._part_chapters(PARTS["part1"]["caption"])]
    monkeypatch.setattr(ho, "_part_chapters", lambda caption: chapters)
    assert "A sentence added for the test." in handout("part1").to_html()


@pytest.mark.build
@pytest.mark.parametrize("part", list(PARTS))
def test_each_handout_pdf_exists_opens_and_is_linked(part: str) -> None:
    site = require_site()
    pdf = site / "book" / "handouts" / f"{part}.pdf"
    assert pdf.is_file(), f"{pdf} missing: scripts/build-site.sh prints the handouts"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 2
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    for title, _, _ in handout(part).chapters:
        assert title.split(". ", 1)[-1][:25] in text.replace("\n", " "), title
    assert "Discussion questions" in text
    page = (site / "book" / "handouts" / f"{part}.html").read_text(encoding="utf-8")
    assert f'href="{part}.pdf"' in page
    index = (site / "book" / "handouts" / "index.html").read_text(encoding="utf-8")
    assert f'href="{part}.pdf"' in index


@pytest.mark.build
@pytest.mark.parametrize("part", list(PARTS))
def test_each_handout_pdf_is_dated_by_the_source_not_the_print(part: str) -> None:
    import re
    from datetime import UTC, datetime

    from proliferation_course.source_dates import source_time

    pdf = (require_site() / "book" / "handouts" / f"{part}.pdf").read_bytes()
    when = source_time(ROOT)
    assert when is not None, "the course's repository has a history"
    stamp = datetime.fromtimestamp(when, tz=UTC).strftime("%Y%m%d%H%M%S")
    dates = re.findall(rb"/(CreationDate|ModDate) \(D:(\d{14})", pdf)
    assert sorted(name for name, _ in dates) == [b"CreationDate", b"ModDate"]
    assert {value.decode() for _, value in dates} == {stamp}, (
        f"{part}.pdf is dated {dates}, the source {stamp} (rebuild the site after a commit)")
