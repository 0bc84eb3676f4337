"""sphinxext.editions: the {instructor} directive in each edition, and the class site without solutions.

The edition rules themselves are tested in test_editions.py; this builds small projects with the extension.
"""

from __future__ import annotations

import pytest

EXTS = ["myst_parser", "proliferation_course.sphinxext.editions"]
PAGE = "# A page\n\nQuestion 1?\n\n```{instructor}\nThe answer only instructors read.\n```\n\nQuestion 2?\n"


def _build(tiny_sphinx, monkeypatch: pytest.MonkeyPatch, edition: str) -> str:
    monkeypatch.setenv("COURSE_EDITION", edition)
    html = tiny_sphinx.build({"index.md": PAGE}, EXTS, source_suffix={".md": "markdown"},
                             html_copy_source=True)
    return (html / "index.html").read_text(encoding="utf-8") + (html / "_sources" / "index.md.txt").read_text(
        encoding="utf-8")


def test_the_learner_edition_has_no_instructor_block(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _build(tiny_sphinx, monkeypatch, "learner")
    assert "Question 2?" in text
    assert "only instructors read" not in text, "the block reached the page or its copied source"


def test_the_instructor_edition_shows_it_with_its_title(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _build(tiny_sphinx, monkeypatch, "instructor")
    assert "only instructors read" in text and "Notes for instructors" in text
    assert "instructor-note" in text


def test_an_unknown_edition_stops_the_build(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(Exception, match="COURSE_EDITION must be 'learner' or 'instructor'"):
        _build(tiny_sphinx, monkeypatch, "student")
