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


def _exercise_notebook() -> str:
    import json

    def code(source: str, tags: list[str], output: str = "") -> dict:
        outputs = [{"name": "stdout", "output_type": "stream", "text": output}] if output else []
        return {"cell_type": "code", "execution_count": 1, "metadata": {"tags": tags}, "outputs": outputs,
                "source": source}

    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Exercise\n\n## Question 1\n"},
             code("answer = 42  # the worked solution", ["solution", "hide-cell"]),
             code('check("ex99", "q1", answer)', ["hide-output"], "ex99 q1: Correct: the verdict.\n"),
             code('progress("ex99")', [], "Question 1: right\n1 of 1 questions done.\n")]
    for n, cell in enumerate(cells):
        cell["id"] = f"cell-{n}"
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                   "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


@pytest.mark.parametrize("solutions", ["yes", "no"])
def test_a_class_site_drops_solutions_and_verdicts(tiny_sphinx, monkeypatch: pytest.MonkeyPatch,
                                                   solutions: str) -> None:
    monkeypatch.setenv("COURSE_EDITION", "learner")
    monkeypatch.setenv("COURSE_SOLUTIONS", solutions)
    html = tiny_sphinx.build({"index": "Home\n====\n\n.. toctree::\n\n   ex\n", "ex.ipynb": _exercise_notebook()},
                             ["myst_nb", "proliferation_course.sphinxext.editions"], nb_execution_mode="off")
    page = (html / "ex.html").read_text(encoding="utf-8")
    shown = ["the worked solution" in page, "the verdict" in page, "1 of 1 questions done" in page]
    assert shown == ([True] * 3 if solutions == "yes" else [False] * 3), shown
    assert ">check<" in page, "the check cell itself stays, for learners to run"
