"""Checks for the exercise notebooks: they say whether an answer is right, and if not, why.

Each exercise has a module in :mod:`proliferation_course.checks` whose
checkers are registered with :func:`register`. Each question of each
exercise notebook has a check cell::

    check("ex02", "q1", product_scores)

The checker computes the expected answer itself, from the course's data and
models (nothing is hard-coded), and compares. A right answer prints a line
that starts with "Correct"; a wrong one raises :class:`AnswerError`, whose
message says what is wrong (not answered yet, wrong type, wrong shape, wrong
value) with a hint. It is never a bare ``AssertionError``.

Written answers are checked for substance only (a minimum length); the
solution notebook gives the rubric.

Examples
--------
>>> check("ex02", "q4", 87.0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
proliferation_course.exercises.AnswerError: ex02 q4: wrong value: you gave 87.0, ...
"""

from __future__ import annotations

import html
import importlib
import math
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "QUESTIONS", "AnswerError", "Fail", "all_questions", "check", "close", "number", "questions",
    "register", "series", "words", "exercise_index", "exercise_infos",
]


class AnswerError(Exception):
    """An answer to an exercise is missing or wrong; the message says how, with a hint."""


@dataclass(frozen=True)
class Question:
    """One checkable question: what it asks and how its answer is checked."""

    exercise: str
    id: str
    asks: str
    checker: Callable[[Any], str]


QUESTIONS: dict[tuple[str, str], Question] = {}


def register(exercise: str, qid: str, asks: str) -> Callable[[Callable[[Any], str]], Callable[[Any], str]]:
    def wrap(fn: Callable[[Any], str]) -> Callable[[Any], str]:
        QUESTIONS[(exercise, qid)] = Question(exercise, qid, asks, fn)
        return fn
    return wrap


def _load_checks() -> None:
    """Import every module of :mod:`proliferation_course.checks` (one per exercise)."""
    from . import checks

    for info in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{info.name}")


def all_questions() -> dict[tuple[str, str], Question]:
    """Every registered question, keyed by (exercise, question)."""
    _load_checks()
    return dict(QUESTIONS)


def questions(exercise: str) -> list[Question]:
    """The questions of one exercise, in order."""
    _load_checks()
    return [q for (ex, _), q in QUESTIONS.items() if ex == exercise]


class Fail(Exception):
    """Raised inside a checker; :func:`check` turns it into an AnswerError with the question's name."""


def require_answered(value: Any) -> None:
    if value is Ellipsis:
        raise Fail("not answered yet: replace the ... in the answer cell with your answer, "
                    "then run that cell and this one again")
    if value is None:
        raise Fail("your answer is None: did the answer cell end with a print() or an "
                    "assignment to the wrong name?")


def number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or isinstance(value, complex):
        try:
            import numpy as np
            if isinstance(value, np.generic) and np.issubdtype(type(value), np.number):
                return float(value)
        except ImportError:  # pragma: no cover - numpy comes with pandas
            pass
        raise Fail(f"wrong type: expected {what} (a number), got {type(value).__name__}")
    x = float(value)
    if math.isnan(x):
        raise Fail(f"wrong value: expected {what}, got NaN")
    return x


def close(got: float, expected: float, tol: float, hint: str) -> None:
    if not math.isclose(got, expected, rel_tol=0, abs_tol=tol):
        raise Fail(f"wrong value: you gave {got!r}, which is not within {tol} of the "
                    f"expected value. Hint: {hint}")


def series(value: Any, index: list[str], what: str,
           index_hint: str = "set_index('preset_id') first") -> pd.Series:
    if not isinstance(value, pd.Series):
        raise Fail(f"wrong type: expected a pandas Series ({what}), got {type(value).__name__}. "
                    "Hint: select one column of a DataFrame, or build one with pd.Series(...)")
    if sorted(map(str, value.index)) != sorted(index):
        raise Fail(f"wrong index: expected one entry for each of {', '.join(index)}; "
                    f"got {', '.join(map(str, value.index))}. Hint: {index_hint}")
    return value


def words(value: Any, minimum: int) -> str:
    if not isinstance(value, str):
        raise Fail(f"wrong type: expected your argument as text (a str), got {type(value).__name__}")
    n = len(value.split())
    if n < minimum:
        raise Fail(f"too short: {n} words; write at least {minimum} words that make an argument "
                    "and use evidence from the chapter")
    return f"Recorded ({n} words). Compare your argument with the rubric in the solution notebook."


def check(exercise: str, question: str, answer: Any) -> None:
    """Check ``answer`` to ``question`` of ``exercise``; print "Correct ..." or raise AnswerError.

    Parameters
    ----------
    exercise, question
        E.g. ``"ex02"``, ``"q1"``.
    answer
        The learner's answer (``...`` while unanswered).

    Raises
    ------
    AnswerError
        With a message naming the exercise and question, what is wrong, and a hint.
    KeyError
        If there is no such exercise or question (a typo in the check cell).
    """
    _load_checks()
    key = (exercise, question)
    if key not in QUESTIONS:
        known = ", ".join(f"{e} {q}" for e, q in QUESTIONS)
        raise KeyError(f"no question {exercise} {question}; known: {known}")
    try:
        require_answered(answer)
        message = QUESTIONS[key].checker(answer)
    except Fail as err:
        raise AnswerError(f"{exercise} {question}: {err}") from None
    print(f"{exercise} {question}: {message}")




# --------------------------------------------------------------------------- the index page

EXERCISE_DIR = Path(__file__).resolve().parent.parent / "book" / "exercises"
CHAPTER_DIR = EXERCISE_DIR.parent / "chapters"


@dataclass(frozen=True)
class ExerciseInfo:
    """What the exercises index shows for one notebook."""

    id: str
    title: str
    page: str
    chapters: tuple[str, ...]
    questions: tuple[str, ...]


def _chapter_title(stem: str) -> str:
    path = CHAPTER_DIR / f"{stem}.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ValueError(f"{path.name}: no '# ' title line")


def exercise_infos(folder: Path | None = None) -> list[ExerciseInfo]:
    """Every solution notebook: its title, the chapters it links and its registered questions."""
    import nbformat

    folder = Path(folder) if folder is not None else EXERCISE_DIR
    infos = []
    for nb_path in sorted(folder.glob("*_solution.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "markdown")
        title = next((line[2:].strip() for line in first.source.splitlines()
                      if line.startswith("# ")), None)
        if title is None:
            raise ValueError(f"{nb_path.name}: the first markdown cell has no '# ' title")
        chapters = tuple(dict.fromkeys(re.findall(r"chapters/(ch\d+_\w+)", first.source)))
        ex_id = nb_path.name.split("_")[0]
        asks = tuple(q.asks for q in questions(ex_id))
        if not asks:
            raise ValueError(f"{nb_path.name}: no checkers registered for {ex_id}")
        infos.append(ExerciseInfo(ex_id, title, nb_path.stem, chapters, asks))
    return infos


class ExerciseIndex:
    """The exercises index as HTML (links relative to book/exercises/)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.infos = exercise_infos(folder)

    def to_html(self) -> str:
        e = html.escape
        parts = ['<div class="course-exercise-index">']
        for info in self.infos:
            chapters = "; ".join(
                f'<a href="../chapters/{e(c)}.html">{e(_chapter_title(c))}</a>' for c in info.chapters)
            items = "".join(f"<li>{e(q)}</li>" for q in info.questions)
            parts.append(
                f'<section class="course-exercise" id="{e(info.id)}">'
                f'<p><a href="{e(info.page)}.html"><strong>{e(info.title)}</strong></a></p>'
                f"<p>Practises: {chapters or 'no chapter linked'}. "
                f"{len(info.questions)} questions:</p><ol>{items}</ol></section>")
        parts.append("</div>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()


def exercise_index(folder: Path | None = None) -> ExerciseIndex:
    """The index of every exercise notebook, for book/exercises/index.md."""
    return ExerciseIndex(folder)
