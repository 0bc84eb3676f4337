"""sphinxext.quiz_exports: the Moodle and Canvas files in the instructor edition only, listed by the guide."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from proliferation_course import source_dates
from proliferation_course.quiz_export import export_files
from proliferation_course.sphinxext import quiz_exports

EXTS = ["myst_parser", "proliferation_course.sphinxext.editions", "proliferation_course.sphinxext.quiz_exports"]
PAGE = "# Quizzes for your platform\n\n```{quiz-exports}\n```\n"
ROOT = Path(__file__).resolve().parent.parent


def _build(tiny_sphinx, monkeypatch: pytest.MonkeyPatch, edition: str) -> Path:
    monkeypatch.setenv("COURSE_EDITION", edition)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")  # 2025-12-05
    pages = {"index": "Home\n====\n\n.. toctree::\n\n   guide/quizzes\n", "guide/quizzes.md": PAGE}
    return tiny_sphinx.build(pages, EXTS, source_suffix={".rst": "restructuredtext", ".md": "markdown"})


def test_the_instructor_edition_writes_every_file_and_links_each_from_the_page(
        tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    html = _build(tiny_sphinx, monkeypatch, "instructor")
    page = (html / "guide" / "quizzes.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)" download', page)
    expected = export_files(quiz_exports.quizzes(), "en", dt.date(2025, 12, 5), quiz_exports._rights())
    assert len(links) == len(expected) == 27
    for href in links:
        target = (html / "guide" / href).resolve()
        assert target.is_file(), f"{href} does not resolve"
        assert target.read_bytes() == expected[target.name], f"{target.name} differs from the export"
    assert page.count("<tr>") == 1 + 1 + 13  # header, all chapters, one per chapter


def test_the_learner_edition_has_neither_the_files_nor_the_table(tiny_sphinx,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    html = _build(tiny_sphinx, monkeypatch, "learner")
    assert not (html / quiz_exports.FOLDER).exists()
    assert "moodle-" not in (html / "guide" / "quizzes.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_built_instructor_guide_links_the_files_and_the_learner_site_has_none() -> None:
    learner, instructor = ROOT / "_build" / "html", ROOT / "_build" / "instructor"
    assert not (learner / quiz_exports.FOLDER).exists()
    guide = instructor / "book" / "instructor" / "guide.html"
    links = re.findall(r'href="([^"]+)" download', guide.read_text(encoding="utf-8"))
    when = source_dates.source_time(ROOT) or 0
    day = dt.datetime.fromtimestamp(when, tz=dt.UTC).date()
    expected = export_files(quiz_exports.quizzes(), "en", day, quiz_exports._rights())
    assert sorted(Path(h).name for h in links) == sorted(expected)
    for href in links:
        assert (guide.parent / href).resolve().read_bytes() == expected[Path(href).name]
